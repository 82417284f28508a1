"""What the Data & training page's browser tests share: a server of their own, the page's buttons and data
choices, training steps, the trained network as the page downloads it, a click into the explorer, screenshots
(to /tmp/e2e_data_shots/) and the sideways-scroll check. Imported by test_e2e_data.py and
test_e2e_data_layout.py (no test_ prefix: not collected itself)."""

import os
import re
from pathlib import Path

from browser.conftest import free_port, open_app, start_server, wait_idle
from engine.config import from_json

SHOTS = Path("/tmp/e2e_data_shots")
SIZES = {"1280": (1280, 800), "1920": (1920, 1080)}


def own_server():
    """A test module's own server (its `server` fixture yields from this), without Streamlit's file watcher: a
    source file edited while the tests run (the tree is shared) would reload its module under a live session and
    restart its training run."""
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


def open_in_explorer(page, px: float, py: float, k: int, name: str) -> list:
    """Click the point at (px, py), follow the page into the explorer until it says it shows test sample k alone
    (k from 0), screenshot it as name; the explorer's neurons."""
    page.mouse.move(px, py)
    page.wait_for_timeout(250)
    page.mouse.click(px, py)
    wait_explorer(page)
    neurons = explorer_neurons(page)
    page.get_by_text(f"The explorer shows test sample {k + 1} alone").first.wait_for(timeout=20_000)
    shot(page, name)
    return neurons
