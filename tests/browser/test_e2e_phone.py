"""Students' phones and tablets (issue 13): Chromium's mobile emulation (touch, a phone's user agent, 2-3 device
pixels a CSS px) at 390x844 and 768x1024, in English and 中文.

Below 600 px the live chart draws the network top to bottom (ui/live_chart.js, narrowPlan): measured here as
the geometry tests measure the desktop (labels inside their nodes, no two texts on each other), plus no chart
text under 10 px, thumb-sized controls, a tap that shows a neuron's numbers, the same numbers as the desktop's
for the same link, and no page that scrolls sideways. Screenshots go to /tmp/phone_shots/.
"""

import contextlib
from pathlib import Path

import pytest
from test_labels import LARGEST, LONG

from browser.conftest import no_exception, open_app, trace_data, wait_idle
from browser.test_e2e_geometry import check_layout, go_to_frame, overlap
from engine.config import from_dict
from ui.state import encode_net
from viz.hover import text_num

SHOTS = Path("/tmp/phone_shots")
UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 "
      "Mobile Safari/537.36")  # fmt: skip
SCREENS = {"390": ((390, 844), 3), "768": ((768, 1024), 2)}
PAGES = ["explorer", "chain_rule", "matrices", "gradient_check", "batches", "training", "data", "experiments",
         "classroom"]  # fmt: skip


@contextlib.contextmanager
def mobile_context(browser_context, screen: str):
    """A phone's or a tablet's screen with touch, in the session's Chromium (launch_chromium: Debian's chromium
    with this machine's flags); a second sync Playwright cannot start while the session's runs."""
    (w, h), dpr = SCREENS[screen]
    ctx = browser_context.browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=dpr,
                                              is_mobile=True, has_touch=True, user_agent=UA)  # fmt: skip
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def on(browser_context):
    """on("390") is a new page on a phone of its own (Streamlit keeps the sidebar's state per browser profile)."""
    stack = contextlib.ExitStack()

    def open_page(screen: str):
        pg = stack.enter_context(mobile_context(browser_context, screen)).new_page()
        pg.js_errors = []
        pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
        return pg

    with stack:
        yield open_page


def snap(page, name: str, selector: str | None = None):
    """A screenshot of what the screen shows, scrolled to selector (below Streamlit's header) when given."""
    if selector:
        page.evaluate("""s => { const e = document.querySelector(s), m = document.querySelector('[data-testid=stMain]');
            if (e && m) m.scrollTop += e.getBoundingClientRect().top - 70; }""", selector)  # fmt: skip
        page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


WIDTHS = """() => {
  const s = document.scrollingElement, m = document.querySelector('[data-testid=stMain]');
  const wide = [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => {
    const r = e.getBoundingClientRect();  // beyond the screen and not inside a box that scrolls or clips
    if (r.width === 0 || r.right <= innerWidth + 1) return false;
    for (let p = e.parentElement; p && p !== m; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return false;
    }
    return true;
  });
  return {doc: s.scrollWidth, inner: innerWidth, main: m ? m.scrollWidth : 0, mainW: m ? m.clientWidth : 0,
          wide: wide.slice(0, 5).map(e => (e.dataset.testid || e.className || e.tagName) + ' ' + e.textContent)};
}"""


def no_sideways_scroll(page, what: str):
    """Neither the document nor Streamlit's main column (the element that scrolls) is wider than the screen."""
    w = page.evaluate(WIDTHS)
    assert w["doc"] <= w["inner"] and w["main"] <= w["mainW"] + 1, f"{what} scrolls sideways: {w}"


# Every text the chart shows, with its font size: SVG texts and their tspans (a <sup> is set at 70 %), the
# HTML colour bars, the tap panel; the hover layer is plotly's own (hidden on a phone).
FONTS = """() => {
  const wrap = document.querySelector('.bpx-chart'), out = [];
  wrap.querySelectorAll('svg text, svg tspan, .bpx-cb div, .bpx-cb span').forEach(e => {
    if (e.closest('.hoverlayer') || getComputedStyle(e).display === 'none') return;
    const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    const sup = e.tagName === 'tspan' && /%/.test(e.style.fontSize);  // plotly's <sup> and <sub>
    if (own) out.push([own, parseFloat(getComputedStyle(e).fontSize), sup]);
  });
  return out;
}"""
CONTROLS = """() => ['.bpx-play', '.bpx-pause', '.bpx-prev', '.bpx-next', '.bpx-range'].map(s => {
  const r = document.querySelector(s).getBoundingClientRect(); return [s, r.width, r.height, r.right]; })"""


def check_phone_chart(page, what: str, narrow: bool):
    m = check_layout(page, what)  # labels inside nodes, no two texts on each other, nothing cut at the edges
    # the desktop layout (a tablet) sets a symbol's superscript at 70 % of its 14 px title: 9.8 px
    small = [x for x in page.evaluate(FONTS) if x[1] < (9.95 if narrow or not x[2] else 9.75)]
    assert not small, f"{what}: chart text under 10 px: {small[:6]}"
    if narrow:  # the strips' ticks are thinned in the browser: none on another
        bars = m["bars"]
        for k, a in enumerate(bars):
            for b in bars[k + 1 :]:
                assert not overlap(a["box"], b["box"]), f"{what}: bar texts {a['text']!r} and {b['text']!r} overlap"
    width = page.viewport_size["width"]
    for sel, w, h, right in page.evaluate(CONTROLS):
        assert h >= 44 and w >= 44 and right <= width, f"{what}: {sel} is {w:.0f}x{h:.0f} px, right edge {right:.0f}"
    return m


def open_explorer(page, server, query: str = ""):
    open_app(page, f"{server}/?{query}")
    page.wait_for_function("() => document.querySelector('.bpx-chart') && document.querySelector('.bpx-range').max > 0")
    page.wait_for_timeout(700)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", ["390", "768"])
def test_the_explorer_reads_on_a_phone_and_a_tablet(server, on, screen, lang):
    page = on(screen)
    open_explorer(page, server, f"lang={lang}")
    no_exception(page)
    narrow = page.evaluate("() => document.querySelector('.bpx-chart').classList.contains('bpx-narrow')")
    assert narrow == (screen == "390")  # the phone draws the layers top to bottom, the tablet as a desktop
    n = int(page.evaluate("() => document.querySelector('.bpx-range').max")) + 1
    L = (n - 4) // 3
    for k in (n - 2, 0, L + 1, L + 3):  # the opening (all gradients), the input, J, the backward sweep (δ^(L-1))
        if k != n - 2:
            go_to_frame(page, k)
        m = check_phone_chart(page, f"{screen} {lang} frame {k + 1}", narrow)
        if narrow:  # the layers are rows: each title left of its row, one row under the other
            titles = sorted((x for x in m["notes"] if not x["text"].startswith("J")), key=lambda x: x["box"]["t"])
            assert len(titles) == L + 1
            assert all(t["box"]["r"] <= min(lab["box"]["l"] for lab in m["labels"]) for t in titles)
    no_sideways_scroll(page, f"explorer {screen} {lang}")
    snap(page, f"explorer-backward-{screen}x{SCREENS[screen][0][1]}-{lang}", ".bpx-chart")
    page.locator(".bpx-eq").scroll_into_view_if_needed()
    snap(page, f"explorer-equations-{screen}-{lang}")


# The screen position of point k of the named trace ([name, k]), and scrolled to 300 px from the top (scroll).
POINT = """([name, k, scroll]) => {
  const gd = document.querySelector('.js-plotly-plot'), main = document.querySelector('[data-testid=stMain]');
  const t = gd.data.findIndex(d => d.name === name), pt = gd.calcdata[t][k], r = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, y = r.top + ya._offset + ya.l2p(pt.y);
  if (scroll) main.scrollTop += y - 300;
  return [r.left + xa._offset + xa.l2p(pt.x), y];
}"""


def point(page, name: str, k: int) -> tuple[float, float]:
    page.evaluate(POINT, [name, k, True])
    page.wait_for_timeout(300)
    return page.evaluate(POINT, [name, k, False])


def test_a_tap_shows_a_neurons_and_a_weights_numbers_on_a_phone(server, on):
    page = on("390")
    open_explorer(page, server)
    neurons = trace_data(page, "neurons")
    k = 5  # hidden layer 1, neuron 3
    _, _, z, a, delta = neurons["customdata"][k]
    page.touchscreen.tap(*point(page, "neurons", k))
    tip = page.locator(".bpx-tip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    for v in (z, a, delta):
        assert text_num(v, 3) in text, (v, text)
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    snap(page, "explorer-tap-neuron-390-en")
    w, dW = trace_data(page, "edges")["customdata"][0][3:]
    page.touchscreen.tap(*point(page, "edges", 0))
    page.wait_for_function("t => document.querySelector('.bpx-tip').textContent.includes(t)", arg=text_num(w, 3))
    assert text_num(dW, 3) in tip.inner_text()
    no_sideways_scroll(page, "explorer after a tap")
    # the same page on a wide screen and back (a width change across 600 px draws it again, on its frame)
    narrow = "() => document.querySelector('.bpx-chart').classList.contains('bpx-narrow')"
    go_to_frame(page, 6)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(f"() => !({narrow})()")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(narrow)
    page.wait_for_timeout(1000)
    assert page.evaluate("() => +document.querySelector('.bpx-range').value") == 6
    check_phone_chart(page, "390 after 1280", True)


@pytest.mark.parametrize("net", ["default", "long"])
def test_a_link_on_a_phone_shows_the_desktops_numbers(server, on, page, net):
    query = "" if net == "default" else f"net={encode_net(from_dict(LONG))}"
    phone = on("390")
    open_explorer(phone, server, query)
    open_explorer(page, server, query)  # the teacher's 1280x800
    for name in ("neurons", "edges"):
        assert trace_data(phone, name)["customdata"] == trace_data(page, name)["customdata"], name
    labels = "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').text"
    shown, desk = phone.evaluate(labels), page.evaluate(labels)
    assert len(shown) == len(desk) and all(s == d for s, d in zip(shown, desk) if s.strip())
    assert sum(bool(s.strip()) for s in shown) >= 0.8 * sum(bool(s.strip()) for s in desk)  # few are dropped
    check_phone_chart(phone, f"{net} 390", True)


def test_the_step_view_and_the_largest_net_fit_a_phone(server, on):
    page = on("390")
    open_explorer(page, server, "lang=zh")
    page.get_by_text("逐步讲解", exact=True).click()
    page.wait_for_function("() => document.querySelector('.bpx-chart.bpx-side.bpx-narrow .js-plotly-plot')")
    wait_idle(page)
    page.wait_for_timeout(800)
    check_phone_chart(page, "steps 390 zh", True)
    # the equations wrap or scroll inside their own box
    wide = page.evaluate("""() => [...document.querySelectorAll('.bpx-eq .katex-display')].filter(d => {
        const box = d.closest('.bpx-eq-tex'); return d.getBoundingClientRect().right > innerWidth &&
          !(box && getComputedStyle(box).overflowX === 'auto' && box.getBoundingClientRect().right <= innerWidth); })
        .map(d => d.textContent.slice(0, 30))""")  # fmt: skip
    assert not wide, wide
    no_sideways_scroll(page, "steps 390 zh")
    snap(page, "explorer-steps-390-zh", ".bpx-chart")
    open_explorer(page, server, f"net={encode_net(from_dict(LARGEST))}")
    check_phone_chart(page, "largest 390", True)
    no_sideways_scroll(page, "largest 390")
    snap(page, "explorer-largest-390-en", ".bpx-chart")


def test_the_sidebar_builder_works_by_touch(server, on):
    page = on("390")
    open_explorer(page, server)
    page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button').first.tap()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Structure").first.wait_for(state="visible", timeout=10_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().left >= -1")
    page.wait_for_timeout(400)  # the slide in
    no_sideways_scroll(page, "the sidebar open")
    box = sidebar.bounding_box()
    assert box["x"] >= -1 and box["x"] + box["width"] <= 391
    snap(page, "sidebar-390-en")
    picker = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Preset")  # another network, by touch
    picker.scroll_into_view_if_needed()
    picker.get_by_role("button", name="Open").tap()
    page.get_by_role("option", name="XOR 2-2-1, tanh").tap()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons')"
                           ".customdata.length === 5", timeout=20_000)  # fmt: skip
    wait_idle(page)
    no_sideways_scroll(page, "the sidebar after a change")


@pytest.mark.parametrize("screen,lang", [("390", "en"), ("390", "zh"), ("768", "en")])
def test_no_page_scrolls_sideways(server, on, screen, lang):
    page = on(screen)
    for name in PAGES:
        open_app(page, f"{server}/{'' if name == 'explorer' else name}?lang={lang}", wait_chart=False)
        page.locator('[data-testid="stMain"] h3').first.wait_for(timeout=30_000)
        no_exception(page)
        no_sideways_scroll(page, f"{name} {screen} {lang}")
        snap(page, f"page-{name}-{screen}-{lang}")
