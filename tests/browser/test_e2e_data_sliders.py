"""ui/data_sliders.js on its own in Chromium, driven as Streamlit drives it (the component function called with
each run's data): a run that started before the student's last press never puts older values back, and every
press reaches the server with the newest values."""

from pathlib import Path

JS = (Path(__file__).resolve().parents[2] / "ui" / "data_sliders.js").read_text(encoding="utf-8")

HARNESS = """async (src) => {
  const mod = await import('data:text/javascript;charset=utf-8,' + encodeURIComponent(src));
  const parent = document.createElement('div');
  parent.innerHTML = '<div class="bpx-sliders"></div>';
  document.body.appendChild(parent);
  window.__sent = [];
  window.__render = (values, seq) => mod.default({parentElement: parent, setStateValue: (k, v) => window.__sent.push(v),
    data: {cols: 3, seq, groups: [{name: 'x', labels: ['x1', 'x2'], lo: -3, hi: 3, step: 0.01, values}]}});
  window.__move = (label, value) => {
    const input = parent.querySelector(`input[aria-label="${label}"]`);
    input.value = String(value);
    input.dispatchEvent(new Event('change'));
  };
}"""


def test_an_older_run_never_puts_older_values_back(page):
    page.goto("about:blank")
    page.evaluate(HARNESS, JS)
    page.evaluate("() => __render([0.5, -1], 0)")
    page.evaluate("() => __move('x1', 0.51)")  # no chart listening: sent at once
    page.evaluate("() => __move('x2', -0.9)")
    page.evaluate("() => __render([0.51, -1], 1)")  # the run of the first press renders after the second press
    assert page.evaluate("() => document.querySelector('input[aria-label=x2]').value") == "-0.9"
    page.evaluate("() => __move('x1', 0.52)")
    sent = page.evaluate("() => __sent")
    assert [s["x"] for s in sent] == [[0.51, -1], [0.51, -0.9], [0.52, -0.9]]  # x2's press was not lost
    assert [s["seq"] for s in sent] == [1, 2, 3]
    page.evaluate("() => __render([0.52, -0.9], 3)")  # caught up: the server's values are shown again
    page.evaluate("() => __render([2.5, 0.25], 3)")  # e.g. a value the server changed itself
    assert page.evaluate("() => document.querySelector('input[aria-label=x1]').value") == "2.5"


def test_a_press_the_chart_takes_is_sent_once_after_its_picture_with_the_newest_values(page):
    """The chart takes a press (its preview, ui/live_chart.js) and calls back once its picture is drawn; a newer
    press's values go with the first callback, and the older press's callback then sends nothing."""
    page.goto("about:blank")
    page.evaluate(HARNESS, JS)
    page.evaluate("""() => { window.__then = [];
      document.addEventListener('bpx-sample', e => { e.detail.taken = true; __then.push(e.detail.then); }); }""")
    page.evaluate("() => __render([0.5, -1], 0)")
    page.evaluate("() => { __move('x1', 0.51); __move('x1', 0.52); }")
    assert page.evaluate("() => __sent.length") == 0  # held until the pictures are drawn
    page.evaluate("() => __render([0.5, -1], 0)")  # meanwhile a run from before the presses renders
    page.evaluate("() => { __then[1](); __then[0](); }")  # the newer picture first
    assert page.evaluate("() => __sent") == [{"x": [0.52, -1], "seq": 2}]  # (a fresh-clone CI run lost the 0.6)
