"""Lecture mode in Chromium: a link that opens ready to project, a clicker's keys, a chart that follows its width."""

from browser.conftest import no_exception, open_app, shot, wait_idle

FRAME = "() => +document.querySelector('.bpx-range').value"
TITLE = "() => document.querySelector('.js-plotly-plot').layout.title.text"


def test_a_present_link_opens_ready_to_project(server, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, f"{server}/?present=1&hide=builder,view")
    no_exception(page)
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 5  # collapsed: the network takes the screen
    assert page.get_by_text("Colour neurons by").count() == 0 or not page.get_by_text("Colour neurons by").is_visible()
    # presentation mode is on (large text in the figure) and the builder is not there to read
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').layout.font.size") == 18
    page.evaluate("() => document.querySelector('[data-testid=\"stSidebarCollapsedControl\"] button, "
                  "[data-testid=\"stExpandSidebarButton\"]')?.click()")  # fmt: skip
    wait_idle(page)
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Structure").count() == 0
    shot(page, "lecture-present-1920x1080")


def test_a_clickers_keys_move_the_frames(server, page):
    open_app(page, server)
    page.locator('[data-testid="stMain"] h3').first.click()  # focus the page, not a control
    n = page.evaluate("() => document.querySelector('.bpx-range').max")
    page.keyboard.press("Home")
    page.wait_for_function(f"() => {TITLE[6:]}.startsWith('Input')")
    assert page.evaluate(FRAME) == 0
    for key, want in (("ArrowRight", 1), ("PageDown", 2), ("PageUp", 1), ("ArrowLeft", 0), ("End", int(n))):
        page.keyboard.press(key)
        page.wait_for_function(f"() => {FRAME[6:]} === {want}", timeout=5_000)
    page.keyboard.press("Home")
    page.keyboard.press(" ")  # plays
    page.wait_for_function(f"() => {FRAME[6:]} >= 2", timeout=10_000)
    page.keyboard.press(" ")  # pauses
    page.wait_for_timeout(700)
    held = page.evaluate(FRAME)
    page.wait_for_timeout(1200)
    assert page.evaluate(FRAME) == held < int(n)
    no_exception(page)


def test_collapsing_the_sidebar_widens_the_chart_at_once(server, page):
    open_app(page, server)
    width = "() => document.querySelector('.js-plotly-plot')._fullLayout.width"
    before = page.evaluate(width)
    page.locator('[data-testid="stSidebar"]').hover()
    page.locator(
        '[data-testid="stSidebarCollapseButton"] button, [data-testid="stSidebarCollapseButton"]'
    ).first.click()
    page.wait_for_function(f"() => {width[6:]} > {before} + 150", timeout=5_000)
    no_exception(page)


def test_j_appears_once_the_forward_pass_has_reached_it_and_the_equation_follows(server, page):
    open_app(page, server)
    page.locator('[data-testid="stMain"] h3').first.click()
    has_j = "() => document.querySelector('.js-plotly-plot').layout.annotations.some(a => a.text.startsWith('<b>J'))"
    head = page.locator(".bpx-eq-head")
    for key, j, heading in (("Home", False, "Input"), ("ArrowRight", False, "Forward, layer 1"),
                            ("End", True, "Update: one gradient-descent step")):  # fmt: skip
        page.keyboard.press(key)
        head.get_by_text(heading, exact=True).wait_for(timeout=5_000)
        page.wait_for_function(f"() => ({has_j})() === {str(j).lower()}", timeout=5_000)
    assert page.locator(".bpx-eq .katex").count() >= 2  # typeset
    no_exception(page)


EDGE_LABEL_OVERLAPS = """() => { const gd = document.querySelector('.js-plotly-plot');
  const k = gd.data.findIndex(d => d.name === 'edge_labels');
  const tr = gd.querySelectorAll('.scatterlayer .trace')[k];
  const bs = [...tr.querySelectorAll('.textpoint text')].filter(t => t.textContent.trim())
    .map(t => t.getBoundingClientRect());
  let n = 0;
  for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
    const a = bs[i], b = bs[j];
    if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) n++;
  }
  return [bs.length, n]; }"""


def test_numbers_on_the_edges_do_not_overlap(server, page):
    for w, h, q in ((1280, 800, ""), (1920, 1080, "present=1")):
        page.set_viewport_size({"width": w, "height": h})
        open_app(page, f"{server}/?{q}")
        page.get_by_text("Numbers on the edges").click()
        wait_idle(page)
        page.wait_for_function(f"() => ({EDGE_LABEL_OVERLAPS})()[0] === 40", timeout=10_000)
        assert page.evaluate(EDGE_LABEL_OVERLAPS) == [40, 0], (w, h)
        shot(page, f"edge-numbers-{w}x{h}")
    no_exception(page)
