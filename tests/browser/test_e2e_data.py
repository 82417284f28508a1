"""The Data & training page (/data) in real headless Chromium against `streamlit run app.py`.

The numbers on the page are checked against the engine: the decision boundary's heatmap is the trained
network's output over the plane (its weights downloaded from the page), the confusion matrix the test split's
counts, a clicked point the explorer's one sample; the pictures move while training runs; the charts lay
out without overlapping or clipped texts; the Chinese page has no English words; a broken CSV says where.
Screenshots of the page go to /tmp/e2e_data_shots/.
"""

import os
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from browser.conftest import free_port, no_exception, open_app, start_server, wait_idle
from engine.config import from_json
from engine.datasets import make
from engine.metrics import confusion, plane_grid, predict, predicted_labels, true_labels
from engine.network import config_params
from ui.state import decode_net

SHOTS = Path("/tmp/e2e_data_shots")
SIZES = {"1280": (1280, 800), "1920": (1920, 1080)}
MOONS = {"name": "moons", "n": 300, "noise": 0.1, "seed": 0, "test_fraction": 0.2}  # the page's default toy choice


@pytest.fixture(scope="module")
def server():
    """This module's own server, without Streamlit's file watcher: a source file edited while the tests run
    (the tree is shared) would reload its module under a live session and restart its training run."""
    old = os.environ.get("STREAMLIT_SERVER_FILE_WATCHER_TYPE")
    os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
    try:
        port = free_port()
        proc = start_server(port)
    finally:
        if old is None:
            del os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"]
        else:
            os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = old
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


STATUS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMarkdownContainer"]')]
    .map(e => e.innerText.trim()).find(s => /^(epoch|轮次) /.test(s)) || null"""

# One trace of the keyed live chart as plain arrays, from _fullData (gd.data may hold base64 'bdata' specs).
TRACE = """([key, name]) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const t = gd._fullData.find(d => d.name === name);
  if (!t) return null;
  const flat = c => (c && typeof c === 'object') ? Array.from(c) : c;
  const arr = v => v == null ? null : Array.from(v, r => (r && typeof r === 'object') ? Array.from(r, flat) : r);
  return {x: arr(t.x), y: arr(t.y), z: arr(t.z), customdata: arr(t.customdata), x0: t.x0, y0: t.y0};
}"""

# Every named trace's x length in the keyed chart.
LENGTHS = """(key) => Object.fromEntries(document.querySelector(`.st-key-${key} .js-plotly-plot`)._fullData
    .map(d => [d.name, d.x ? d.x.length : 0]))"""

# Viewport pixels of the markers of the named scatter traces (train / test) in the boundary chart.
MARKERS = """(names) => {
  const gd = document.querySelector('.st-key-dt_boundary_chart .js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  const out = [];
  gd._fullData.forEach(t => {
    if (!names.includes(t.name)) return;
    for (let k = 0; k < t.x.length; k++)
      out.push({name: t.name, k, cd: Array.from(t.customdata[k]),
                px: r.left + xa._offset + xa.l2p(t.x[k]), py: r.top + ya._offset + ya.l2p(t.y[k])});
  });
  return out;
}"""

# The centre of the first image in the misclassified gallery, and the test index its cells carry.
FIRST_DIGIT = """() => {
  const gd = document.querySelector('.st-key-dt_wrong .js-plotly-plot');
  const t = gd._fullData.find(d => d.type === 'heatmap');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  const h = t.z.length, w = t.z[0].length;
  return {index: t.customdata[0][0], h, w,
          px: r.left + xa._offset + xa.l2p(t.x0 + (w - 1) / 2), py: r.top + ya._offset + ya.l2p(t.y0 + (h - 1) / 2)};
}"""

# Every visible SVG text of the keyed chart (titles, axis titles, tick labels, legend, colour bar) with its box.
TEXTS = """(key) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const shown = e => { for (let n = e; n && n !== gd; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false; }
    return true; };
  const texts = [...gd.querySelectorAll('svg text')].filter(e => e.textContent.trim() && shown(e))
    .map(e => ({text: e.textContent, cls: (e.getAttribute('class') || e.parentElement.getAttribute('class') || ''),
                box: box(e)})).filter(x => x.box.r - x.box.l > 0 && x.box.b - x.box.t > 0);
  return {texts, chart: box(gd)};
}"""

# The words a reader sees: headings, buttons, widget labels, the status line, the charts' titles and legends.
WORDS = r"""() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const clean = e => { const c = e.cloneNode(true);
    c.querySelectorAll('[data-testid="stIconMaterial"], .material-symbols-rounded').forEach(i => i.remove());
    return c.textContent.trim(); };
  const out = [];
  const add = (what, sel) => main.querySelectorAll(sel).forEach(e => {
    const s = clean(e); if (s) out.push([what, s]); });
  add('heading', 'h1, h2, h3, h4, h5, h6');
  add('button', 'button');
  add('expander', 'summary');
  add('label', '[data-testid="stWidgetLabel"]');
  main.querySelectorAll('[data-testid="stSelectbox"] input').forEach(i => i.value && out.push(['select', i.value]));
  add('caption', '[data-testid="stCaptionContainer"]');
  add('markdown', '[data-testid="stMarkdownContainer"]');
  add('alert', '[data-testid="stAlert"]');
  add('chart', '.js-plotly-plot .infolayer text, .js-plotly-plot .legendtext, .js-plotly-plot .annotation-text');
  document.querySelectorAll('.js-plotly-plot').forEach(gd => gd._fullData.forEach(t => {  // the first hover text
    const h = Array.isArray(t.text) || ArrayBuffer.isView(t.text) ? t.text[0] : t.hovertemplate;
    if (typeof h === 'string' && h.trim()) out.push(['hover', h.replace(/<[^>]*>|%\{[^}]*\}/g, ' ')]);
  }));
  return out;
}"""

ALLOWED = {"J", "L-BFGS-B", "BFGS", "TNC", "SGD", "CSV", "JSON", "numpy", "x1", "x2", "MB"}
ACTIVATIONS = {"sigmoid", "tanh", "ReLU", "relu", "softmax"}  # kept in English by the app's Chinese everywhere


def status(page) -> tuple[float, int, str]:
    """The status line's epoch and step, and the line."""
    line = page.evaluate(STATUS)
    assert line, "no status line 'epoch … · step … · J = …' on the page"
    m = re.match(r"(?:epoch|轮次) (\S+) · (?:step|步数) (\d+) · J = (\S+)", line)
    assert m, line
    return float(m[1].replace(",", "")), int(m[2]), line


def btn(page, key: str, enabled: bool = False):
    """The keyed button (a button with help text is drawn twice, the tooltip's copy hidden)."""
    return page.locator(f".st-key-{key} button{':not([disabled])' if enabled else ''}").locator("visible=true").first


def trace(page, key: str, name: str) -> dict:
    t = page.evaluate(TRACE, [key, name])
    assert t is not None, f"no trace {name!r} in {key}"
    return t


def open_data(page, server: str, query: str = ""):
    open_app(page, f"{server}/data{query}", wait_chart=False)
    btn(page, "dt_use_toy").wait_for(timeout=30_000)


def use(page, key: str, chart: str = "dt_boundary_chart"):
    """Press the "Use this data" button keyed key; until the keyed chart is drawn."""
    btn(page, key).click()
    page.wait_for_selector(f".st-key-{chart} .js-plotly-plot .cartesianlayer", timeout=60_000)
    wait_idle(page)


def source(page, label: str):
    """The data choice's segmented control: toy, real or CSV (its expander opened first: it closes once data is
    used)."""
    choice = page.locator(".st-key-dt_src button", has_text=label)
    if not choice.is_visible():
        page.locator('[data-testid="stMain"] [data-testid="stExpander"] summary').first.click()
    choice.click()
    wait_idle(page)


def step(page, times: int):
    for _ in range(times):
        before = status(page)[1]
        btn(page, "dt_step_btn").click()
        page.wait_for_function(f"() => {{ const s = ({STATUS})(); return s && !s.includes('step {before} ') "
                               f"&& !s.includes('步数 {before} '); }}", timeout=20_000)  # fmt: skip
    wait_idle(page)


def downloaded(page, tmp_path: Path):
    """The trained network, as the page's "Download the network (JSON)" button gives it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):  # on a loaded machine a click landing during a rerun can be dropped: click again
        wait_idle(page)
        try:
            with page.expect_download(timeout=15_000) as dl:
                btn(page, "dt_download_json").click()
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    path = tmp_path / "trained-network.json"
    dl.value.save_as(path)
    return from_json(path.read_bytes())


def explorer_neurons(page) -> list:
    """The explorer's `neurons` customdata: inputs [0, i, ., x_i], others [l, i, z, a, delta]."""
    page.wait_for_function(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return gd && gd._fullData && gd._fullData.some(d => d.name === 'neurons'); }", timeout=30_000,
    )  # fmt: skip
    wait_idle(page)
    return page.evaluate("""() => Array.from(document.querySelector('.js-plotly-plot')._fullData
        .find(d => d.name === 'neurons').customdata, r => Array.from(r))""")


def wait_explorer(page):
    page.wait_for_url(re.compile(r"^http://[^/]+/(\?.*)?$"), timeout=30_000)


def shot_full(page, name: str):
    """The whole page at the viewport's width (the viewport made as tall as the page: Streamlit scrolls a div)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    w, h = page.viewport_size["width"], page.viewport_size["height"]
    tall = page.evaluate("""() => Math.max(...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]',
        '[data-testid="stAppScrollToBottomContainer"]'].map(s => document.querySelector(s)).filter(Boolean)
        .map(e => e.scrollHeight), document.scrollingElement.scrollHeight)""")
    page.set_viewport_size({"width": w, "height": min(int(tall) + 40, 7000)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size({"width": w, "height": h})
    page.wait_for_timeout(300)


def shot(page, name: str):
    """The viewport as it is."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def overlap(a, b, slack=0.5) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack


def check_chart_texts(page, key: str, what: str) -> list:
    """No two texts of the chart overlap, none reaches past the chart's bounds; returns the problems."""
    page.locator(f".st-key-{key}").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    m = page.evaluate(TEXTS, key)
    texts, chart = m["texts"], m["chart"]
    assert len(texts) >= 8, (what, key, texts)
    problems = []
    for k, a in enumerate(texts):
        for b in texts[k + 1 :]:
            if overlap(a["box"], b["box"]):
                problems.append(f"{what} {key}: {a['text']!r} ({a['cls']}) overlaps {b['text']!r} ({b['cls']})")
        bx = a["box"]
        if not (chart["l"] - 0.5 <= bx["l"] and bx["r"] <= chart["r"] + 0.5
                and chart["t"] - 0.5 <= bx["t"] and bx["b"] <= chart["b"] + 0.5):  # fmt: skip
            problems.append(f"{what} {key}: {a['text']!r} ({a['cls']}) is clipped: {bx} outside {chart}")
    return problems


def no_sideways_scroll(page, what: str):
    """Neither the document nor Streamlit's scrolling main area scrolls sideways."""
    widths = page.evaluate("""() => ({doc: document.scrollingElement.scrollWidth, inner: innerWidth,
        main: [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stMainBlockContainer"]')]
              .map(e => [e.dataset.testid, e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX])})""")
    problems = [] if widths["doc"] <= widths["inner"] else [f"{what}: the document scrolls sideways: {widths}"]
    for name, sw, cw, overflow in widths["main"]:
        if sw > cw + 1 and overflow in ("auto", "scroll"):
            problems.append(f"{what}: {name} scrolls sideways ({sw} px of content in {cw} px)")
    return problems


# ---------------------------------------------------------------------------------------------------------------


def test_moons_step_and_the_boundary_is_the_trained_networks_output(server, page, tmp_path):
    open_data(page, server)
    use(page, "dt_use_toy")
    epoch, steps, _ = status(page)
    assert (epoch, steps) == (0, 0)
    step(page, 3)
    epoch, steps, _ = status(page)
    assert (epoch, steps) == (3, 3)  # full-batch gradient descent: one step an epoch
    cfg = downloaded(page, tmp_path)
    ds = make(**MOONS)
    assert cfg.layers[0] == 2 and cfg.layers[-1] == 1
    assert np.array_equal(np.asarray(cfg.x), ds.x_train)  # the network's samples are the training split
    params = config_params(cfg)
    out = trace(page, "dt_boundary_chart", "output")
    z = np.asarray(out["z"], dtype=float)
    n = z.shape[0]
    assert z.shape == (n, n) and n >= 50
    xs, ys, pts = plane_grid(np.vstack([ds.x_train, ds.x_test]), n, square=True)
    assert np.allclose(out["x"], xs, rtol=1e-12, atol=1e-12) and np.allclose(out["y"], ys, rtol=1e-12, atol=1e-12)
    want = predict(params, cfg.activations, pts)[:, 0].reshape(n, n)
    assert np.abs(z - want).max() < 1e-5  # float32 on the wire
    assert want.std() > 1e-3  # not a flat picture: the comparison means something
    # the points sit at the data, their customdata carries the trained network's verdict
    for split, x, y in (("train", ds.x_train, ds.y_train), ("test", ds.x_test, ds.y_test)):
        tr = trace(page, "dt_boundary_chart", split)
        assert np.allclose(tr["x"], x[:, 0]) and np.allclose(tr["y"], x[:, 1])
        cd = tr["customdata"]
        p = predict(params, cfg.activations, x)
        assert [c[0] for c in cd] == [split] * len(x) and [c[1] for c in cd] == list(range(len(x)))
        assert [c[2] for c in cd] == true_labels("binary", y).tolist()
        assert [c[3] for c in cd] == predicted_labels("binary", p).tolist()
        assert np.allclose([c[4] for c in cd], p[:, 0], rtol=1e-9, atol=1e-12)
    wrong = trace(page, "dt_boundary_chart", "wrong")["customdata"]
    assert all(c[2] != c[3] for c in wrong)
    no_exception(page)


def test_run_updates_the_pictures_live_and_pause_stops_them(server, page):
    open_data(page, server)
    use(page, "dt_use_toy")
    before = page.evaluate(LENGTHS, "dt_curves_chart")
    z_sum = """() => { const t = document.querySelector('.st-key-dt_boundary_chart .js-plotly-plot')._fullData
        .find(d => d.name === 'output'); let s = 0; for (const r of t.z) for (const v of r) s += v; return s; }"""
    btn(page, "dt_run_btn").click()
    btn(page, "dt_pause_btn", enabled=True).wait_for(timeout=20_000)
    epochs, pictures, lengths = [], [], []
    t_end = time.time() + 2.0
    while time.time() < t_end:
        epochs.append(status(page)[0])
        pictures.append(page.evaluate(z_sum))
        lengths.append(min(page.evaluate(LENGTHS, "dt_curves_chart").values()))
        page.wait_for_timeout(80)
    shot_full(page, "moons-running-en-1280x800")
    btn(page, "dt_pause_btn").click()
    btn(page, "dt_run_btn", enabled=True).wait_for(timeout=20_000)
    wait_idle(page)
    changes = sum(a != b for a, b in zip(epochs, epochs[1:]))
    assert changes >= 5, f"the status line changed {changes} times in 2 s: {epochs}"
    assert epochs == sorted(epochs) and epochs[-1] > epochs[0]
    assert sum(a != b for a, b in zip(pictures, pictures[1:])) >= 5, "the boundary did not redraw live"
    assert sum(a < b for a, b in zip(lengths, lengths[1:])) >= 3, f"the learning curves did not grow live: {lengths}"
    # paused: the run kept, the whole history drawn, and nothing moves any more
    paused = status(page)
    assert paused[0] >= epochs[-1], (paused, epochs)
    after = page.evaluate(LENGTHS, "dt_curves_chart")
    assert set(after) == set(before) and len(after) >= 2
    for name in before:
        assert after[name] >= max(before[name] + 5, lengths[-1]), (name, before, after, lengths)
    page.wait_for_timeout(800)
    assert status(page) == paused
    no_exception(page)


def test_clicking_a_test_point_opens_that_sample_in_the_explorer(server, page, tmp_path):
    open_data(page, server)
    use(page, "dt_use_toy")
    step(page, 3)
    cfg = downloaded(page, tmp_path)
    params, ds = config_params(cfg), make(**MOONS)
    page.locator(".st-key-dt_boundary_chart").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    pts = page.evaluate(MARKERS, ["train", "test"])
    xy = np.array([[p["px"], p["py"]] for p in pts])
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]

    def room(p):  # distance to the nearest other marker
        d = np.hypot(*(xy - [p["px"], p["py"]]).T)
        return np.partition(d, 1)[1]

    tests = [p for p in pts if p["name"] == "test" and 20 < p["py"] < vh - 20 and 0 < p["px"] < vw]
    wrong = [p for p in tests if p["cd"][2] != p["cd"][3]]
    pick = max(wrong or tests, key=room)  # a misclassified one where there is one, the most isolated
    assert room(pick) >= 3, "no test point clear enough to click"
    k = pick["cd"][1]
    page.mouse.move(pick["px"], pick["py"])
    page.wait_for_timeout(250)
    page.mouse.click(pick["px"], pick["py"])
    wait_explorer(page)
    neurons = explorer_neurons(page)
    page.get_by_text(f"The explorer shows test sample {k + 1} alone").first.wait_for(timeout=20_000)
    shot(page, "explorer-from-moons-1280x800")
    x = ds.x_test[k]
    assert [neurons[i][3] for i in range(2)] == pytest.approx(x.tolist(), rel=1e-12, abs=1e-15)
    a = predict(params, cfg.activations, x[None, :])[0, 0]
    assert neurons[-1][:2] == [len(cfg.layers) - 1, 0] and neurons[-1][3] == pytest.approx(a, rel=1e-9)
    token = parse_qs(urlparse(page.url).query).get("net")
    assert token, page.url
    one = decode_net(token[0])
    assert np.array_equal(np.asarray(one.x), x[None, :]) and np.array_equal(np.asarray(one.y), ds.y_test[k : k + 1])
    for (W, b), (W2, b2) in zip(config_params(one), params):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)
    no_exception(page)


def test_digits_confusion_matrix_and_a_misclassified_digit(server, page, tmp_path):
    open_data(page, server)
    source(page, "Real data sets")
    use(page, "dt_use_real", chart="dt_confusion")
    step(page, 2)
    cfg = downloaded(page, tmp_path)
    ds = make("digits", test_fraction=0.2)
    assert cfg.layers[0] == 64 and cfg.layers[-1] == 10 and ds.n_test == 360
    cm = np.asarray(trace(page, "dt_confusion", "confusion")["z"], dtype=float)
    assert cm.shape == (10, 10) and cm.sum() == 360
    params = config_params(cfg)
    pred = predicted_labels("multiclass", predict(params, cfg.activations, ds.x_test))
    assert np.array_equal(cm, confusion(true_labels("multiclass", ds.y_test), pred, 10))
    sideways = []
    for w, h in SIZES.values():
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(600)
        sideways += no_sideways_scroll(page, f"digits {w}x{h}")
        shot_full(page, f"digits-en-{w}x{h}")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator(".st-key-dt_wrong").scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    d = page.evaluate(FIRST_DIGIT)
    assert (d["h"], d["w"]) == (8, 8)
    k = d["index"]
    assert pred[k] != true_labels("multiclass", ds.y_test)[k]  # the gallery shows a misclassified one
    page.mouse.move(d["px"], d["py"])
    page.wait_for_timeout(250)
    page.mouse.click(d["px"], d["py"])
    wait_explorer(page)
    neurons = explorer_neurons(page)
    page.get_by_text(f"The explorer shows test sample {k + 1} alone").first.wait_for(timeout=20_000)
    shot(page, "explorer-from-digits-1280x800")
    inputs = [n for n in neurons if n[0] == 0]
    assert len(inputs) == 64
    assert [n[3] for n in inputs] == pytest.approx(ds.x_test[k].tolist(), rel=1e-12, abs=1e-15)
    a = predict(params, cfg.activations, ds.x_test[k : k + 1])[0]
    assert [n[3] for n in neurons[-10:]] == pytest.approx(a.tolist(), rel=1e-9, abs=1e-15)
    assert not sideways, "\n".join(sideways)
    no_exception(page)


def test_the_charts_lay_out_without_overlaps_or_clipping(server, page):
    """At 1280x800 and 1920x1080 (each as opened at that size, and 1920 once more after widening the window
    from 1280): no two texts of the boundary or the learning curves overlap, none is cut at the chart's edge,
    and the page does not scroll sideways."""
    problems = []

    def measure(what):
        page.wait_for_timeout(800)
        for key in ("dt_boundary_chart", "dt_curves_chart"):
            problems.extend(check_chart_texts(page, key, what))
        problems.extend(no_sideways_scroll(page, what))

    open_data(page, server)
    use(page, "dt_use_toy")
    step(page, 2)
    measure("1280x800")
    page.set_viewport_size({"width": 1920, "height": 1080})
    measure("1920x1080 (widened from 1280)")
    open_app(page, page.url, wait_chart=False)  # a new session at 1920: the address brings the data set back
    page.wait_for_selector(".st-key-dt_curves_chart .js-plotly-plot .cartesianlayer", timeout=60_000)
    step(page, 2)
    measure("1920x1080")
    btn(page, "dt_run_btn").click()  # the moons while training runs, for the eye
    btn(page, "dt_pause_btn", enabled=True).wait_for(timeout=20_000)
    page.wait_for_timeout(1200)
    shot_full(page, "moons-running-en-1920x1080")
    problems.extend(no_sideways_scroll(page, "1920x1080 running"))
    btn(page, "dt_pause_btn").click()
    wait_idle(page)
    assert not problems, "\n".join(problems)
    no_exception(page)


def english_words(items) -> list:
    bad = []
    for what, text in items:
        for word in re.findall(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z]", text):
            if word not in ALLOWED | ACTIVATIONS and len(word) > 1 and not re.fullmatch(r"[a-zA-Z]\d*", word):
                bad.append((what, word, text[:80]))
    return bad


def test_the_chinese_page_has_no_english_words(server, page):
    open_data(page, server, "?lang=zh")
    use(page, "dt_use_toy")
    step(page, 1)
    words = page.evaluate(WORDS)
    assert len(words) >= 30 and any(w[0] == "chart" for w in words), words
    bad = english_words(words)
    btn(page, "dt_run_btn").click()
    btn(page, "dt_pause_btn", enabled=True).wait_for(timeout=20_000)
    for w, h in SIZES.values():
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(1000)
        shot_full(page, f"moons-running-zh-{w}x{h}")
    btn(page, "dt_pause_btn").click()
    wait_idle(page)
    # the digits' views in Chinese too
    source(page, "真实数据集")
    use(page, "dt_use_real", chart="dt_confusion")
    step(page, 1)
    bad += english_words(page.evaluate(WORDS))
    shot_full(page, "digits-zh-1920x1080")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not bad, "\n".join(map(str, sorted(set(bad))))
    no_exception(page)


def test_a_malformed_csv_names_the_row_and_column_and_changes_nothing(server, page, tmp_path):
    open_data(page, server)
    sidebar = """() => { const bar = document.querySelector('[data-testid="stSidebar"]');
        return {sliders: [...bar.querySelectorAll('[role="slider"]')].map(s => s.getAttribute('aria-valuenow')),
                ranges: [...bar.querySelectorAll('input[type="range"]')].map(s => s.value),
                selects: [...bar.querySelectorAll('[data-testid="stSelectbox"] input')].map(s => s.value)}; }"""
    before, url = page.evaluate(sidebar), parse_qs(urlparse(page.url).query)
    assert len(before["sliders"]) + len(before["ranges"]) >= 4 and len(before["selects"]) >= 3, before
    rows = ["x1,x2,label"] + [f"{i * 0.1:.1f},{(i % 7) * 0.3:.1f},{i % 2}" for i in range(40)]
    rows[6] = "0.5,abc,0"  # line 7 of the file
    bad = tmp_path / "broken.csv"
    bad.write_text("\n".join(rows) + "\n")
    source(page, "Your CSV file")
    page.locator('.st-key-dt_upload input[type="file"]').set_input_files(str(bad))
    btn(page, "dt_use_csv").wait_for(timeout=20_000)
    wait_idle(page)
    btn(page, "dt_use_csv").click()
    page.locator('[data-testid="stAlertContentError"]').first.wait_for(timeout=20_000)
    wait_idle(page)
    errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert len(errors) == 1, errors
    assert "row 7" in errors[0] and "x2" in errors[0] and "abc" in errors[0], errors
    assert page.evaluate(sidebar) == before
    assert parse_qs(urlparse(page.url).query).get("net") == url.get("net")
    assert page.locator(".st-key-dt_boundary_chart").count() == 0  # no data taken
    no_exception(page)
