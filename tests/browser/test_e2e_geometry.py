"""The explorer's chart as laid out in Chromium: every label inside its node, no two texts on top of each other.

Measured on the SVG the browser drew (getBoundingClientRect of each text and marker), at 1280x800 and at
1920x1080 in presentation mode, on the default network, on one whose values print long (7.26e−9, 2590,
−0.0133) and on the largest the sliders allow (10 inputs, 6 hidden layers of 10, 10 outputs).
"""

import pytest
from test_labels import LARGEST, LONG  # the same networks the figure tests check

from browser.conftest import no_exception, open_app, shot, wait_idle
from engine.config import from_dict
from ui.state import encode_net

NETS = {"default": "", "long": f"net={encode_net(from_dict(LONG))}", "largest": f"net={encode_net(from_dict(LARGEST))}"}
SIZES = {"1280": (1280, 800), "1920": (1920, 1080)}

# Every text the chart shows, as boxes in CSS px: node labels with their circle, annotations (layer titles, J),
# and the HTML colour bars' titles and ticks.
MEASURE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const labels = [];
  gd.querySelectorAll('.scatterlayer .trace').forEach(tr => {
    const pts = [...tr.querySelectorAll('.points path.point')];
    [...tr.querySelectorAll('.text .textpoint text')].forEach((t, k) => {
      if (!t.textContent.trim() || !pts[k]) return;
      const c = pts[k].getBoundingClientRect();
      labels.push({text: t.textContent, font: parseFloat(getComputedStyle(t).fontSize), box: box(t),
                   cx: c.left + c.width / 2, cy: c.top + c.height / 2, r: Math.min(c.width, c.height) / 2});
    });
  });
  const notes = [...gd.querySelectorAll('.annotation text.annotation-text')].filter(t => t.textContent.trim())
    .map(t => ({text: t.textContent, font: parseFloat(getComputedStyle(t).fontSize), box: box(t)}));
  const bars = [...document.querySelectorAll('.bpx-cb')].filter(b => getComputedStyle(b).display !== 'none')
    .flatMap(b => [...b.querySelectorAll('.bpx-title, .bpx-ticks span')]).filter(e => e.textContent.trim())
    .map(e => ({text: e.textContent, box: box(e)}));
  const title = gd.querySelector('.gtitle');
  return {labels, notes, bars, chart: box(gd), title: title && {text: title.textContent, box: box(title)},
          play: box(document.querySelector('.bpx-play'))};
}"""


def overlap(a, b, slack=0.5) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack


def outside_circle(lab) -> float:
    """How far (px) the label's box reaches beyond its node's circle (0 when inside)."""
    b = lab["box"]
    far = max(((x - lab["cx"]) ** 2 + (y - lab["cy"]) ** 2) ** 0.5 for x in (b["l"], b["r"]) for y in (b["t"], b["b"]))
    return max(0.0, far - lab["r"])


def check_layout(page, what: str) -> dict:
    m = page.evaluate(MEASURE)
    for lab in m["labels"]:
        assert outside_circle(lab) <= 0.5, f"{what}: label {lab['text']!r} ({lab['font']} px) leaves its node: {lab}"
    texts = [("label " + x["text"], x["box"]) for x in m["labels"]]
    texts += [("note " + x["text"], x["box"]) for x in m["notes"]]
    texts += [("bar " + x["text"], x["box"]) for x in m["bars"]]
    if m["title"]:
        texts.append(("title " + m["title"]["text"], m["title"]["box"]))
    for k, (n1, b1) in enumerate(texts):
        for n2, b2 in texts[k + 1 :]:
            if not (n1.startswith("bar") and n2.startswith("bar")):  # the bars' own ticks are the live chart's
                assert not overlap(b1, b2), f"{what}: {n1!r} overlaps {n2!r}: {b1} {b2}"
    chart = m["chart"]
    for name, b in texts:  # nothing cut at the chart's edges
        assert chart["l"] - 0.5 <= b["l"] and b["r"] <= chart["r"] + 0.5 and chart["t"] - 0.5 <= b["t"], (what, name, b)
    return m


def open_chart(page, server, size: str, net: str, present: bool):
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size])))
    query = "&".join(q for q in (NETS[net], "present=1" if present else "") if q)
    open_app(page, f"{server}/?{query}")
    page.wait_for_timeout(500)


def go_to_frame(page, k: int):
    page.evaluate(f"""() => {{ const r = document.querySelector('.bpx-range'); r.value = {k};
        r.dispatchEvent(new Event('input', {{bubbles: true}})); }}""")
    page.wait_for_timeout(700)


@pytest.mark.parametrize("net", ["default", "long"])
@pytest.mark.parametrize("size,present", [("1280", False), ("1280", True), ("1920", True)])
def test_every_label_fits_its_node_and_no_texts_overlap(server, page, size, present, net):
    open_chart(page, server, size, net, present)
    no_exception(page)
    n = int(page.evaluate("() => document.querySelector('.bpx-range').max")) + 1
    L = (n - 4) // 3
    for k in (n - 2, 0, L + 1, L + 2, n - 1):  # all gradients (the opening), input, loss, δᴸ, the update
        if k != n - 2:
            go_to_frame(page, k)
        m = check_layout(page, f"{net} {size} present={present} frame {k + 1}")
        if present and k == n - 2:
            assert min(x["font"] for x in m["labels"]) >= (22 if net == "default" else 18)  # long ones shrink a little
            names = [x for x in m["notes"] if not x["text"].startswith("J")]
            assert min(x["font"] for x in names) >= 26
    shot(page, f"geometry-{net}-{size}{'-present' if present else ''}")


def test_presentation_mode_fills_a_1920x1080_screen(server, page):
    open_chart(page, server, "1920", "default", True)
    m = check_layout(page, "default 1920 present")
    ys = [x["cy"] for x in m["labels"]]
    assert max(ys) - min(ys) >= 0.4 * 1080  # the network spreads over the screen's height
    assert m["chart"]["b"] - m["chart"]["t"] >= 1080 - 200
    page.locator(".bpx-eq").scroll_into_view_if_needed()
    fonts = page.evaluate(
        "() => [...document.querySelectorAll('.bpx-eq .katex')].map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert fonts and min(fonts) >= 26  # the equations


@pytest.mark.parametrize("size,present", [("1280", False), ("1280", True), ("1920", True)])
def test_the_largest_net_lays_out_clear_of_the_bars_with_play_in_view(server, page, size, present):
    open_chart(page, server, size, "largest", present)
    no_exception(page)
    m = check_layout(page, f"largest {size} present={present}")
    titles = sorted((x for x in m["notes"] if not x["text"].startswith("J")), key=lambda x: x["box"]["l"])
    assert len(titles) == 8
    for a, b in zip(titles, titles[1:]):
        assert b["box"]["l"] - a["box"]["r"] >= 4, f"layer titles {a['text']!r} and {b['text']!r} nearly touch"
    (J,) = [x for x in m["notes"] if x["text"].startswith("J")]
    for bar in m["bars"]:
        assert not overlap(J["box"], bar["box"], slack=-4), (J, bar)
    if not present:  # at 1280x800 the whole chart and its Play button are on the first screen
        assert m["play"]["b"] <= 800
    shot(page, f"geometry-largest-{size}{'-present' if present else ''}")


def test_the_step_view_keeps_the_figure_beside_its_equations(server, page):
    open_chart(page, server, "1280", "long", False)
    page.get_by_text("Step by step", exact=True).click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.bpx-chart.bpx-side .js-plotly-plot')", timeout=20_000)
    page.wait_for_timeout(800)
    check_layout(page, "step view")
    plot, eq = (page.locator(sel).first.bounding_box() for sel in (".bpx-side .bpx-plot", ".bpx-side .bpx-eq"))
    assert plot["width"] >= 350 and eq["width"] >= 350 and eq["x"] >= plot["x"] + plot["width"]  # side by side
    shot(page, "geometry-steps-1280")


WIDE = {"layers": [10, 10, 10], "activations": ["tanh", "sigmoid"], "loss": "bce", "x": [[0.5, -1, 2, 0.3, -0.7] * 2],
        "y": [[1] + [0] * 9], "init": {"scheme": "xavier", "seed": 0}}  # fmt: skip


@pytest.mark.parametrize("lesson", ["matrices", "batches", "training", "chain_rule"])
@pytest.mark.parametrize("present", [False, True])
def test_lesson_equations_fit_the_page_at_1280(server, page, lesson, present):
    """Every st.latex block fits its column at 1280x800 (KaTeX would scroll it), on a net 10 wide."""
    page.set_viewport_size({"width": 1280, "height": 800})
    query = f"net={encode_net(from_dict(WIDE))}" + ("&present=1" if present else "")
    open_app(page, f"{server}/{lesson}?{query}", wait_chart=False)
    page.wait_for_selector(".katex-display", timeout=30_000)
    no_exception(page)
    wide = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] .katex-display')]
        .filter(d => d.scrollWidth > d.clientWidth + 2)
        .map(d => [d.textContent.slice(0, 40), d.scrollWidth, d.clientWidth])""")
    assert not wide, wide
