"""A data slider's picture from outside Streamlit's run (ui/preview.py), in real headless Chromium against
`streamlit run app.py`: drawn once, before the rerun, with the engine's numbers; the rerun's same picture is not
drawn again and brings Play's frames; the route answers any request as it would a link, and one tab's moves
never reach another's chart."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser.conftest import no_exception, open_app, wait_idle
from browser.test_e2e_explorer import assert_plot_is_the_engine
from browser.test_e2e_fragments import move_x1
from engine.presets import default_config
from ui.preview import MAX_BODY, PATH, preview_base
from ui.state import decode_net, encode_net
from viz.view import View

DRAWN = "() => document.querySelector('.bpx-plot').__bpxDrawn"
PREVIEWS = "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/preview')).length"


def post(server: str, body: bytes) -> tuple[int, bytes]:
    req = urllib.request.Request(server + PATH, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_a_data_move_is_drawn_once_from_the_preview_and_play_gets_its_frames(server, page):
    open_app(page, server)
    wait_idle(page)
    drawn, asked = page.evaluate(DRAWN), page.evaluate(PREVIEWS)
    move_x1(page, "ArrowRight", 0.51)
    # the moment the new picture is there (its rerun, and its frames, still to come): Play has no frames of the
    # old network to show
    frames = "() => (document.querySelector('.js-plotly-plot')._transitionData._frames || [])"
    stale = page.evaluate(f"() => ({frames})().filter(f => f.data.at(-1).marker.color[0] !== 0.51).length")
    assert stale == 0
    wait_idle(page)
    page.wait_for_timeout(500)
    assert page.evaluate(PREVIEWS) == asked + 1  # the picture was asked for outside the rerun
    assert page.evaluate(DRAWN) == drawn + 1  # and drawn once: the rerun's same picture (same rev) was not drawn
    moved = default_config().replace(x=[[0.51, -1.0, 2.0]])
    assert_plot_is_the_engine(page, moved)
    assert decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')")) == moved
    # Play's frames are the new network's (the rerun's frames attached to the previewed picture)
    page.wait_for_function(
        """(x) => { const f = (document.querySelector('.js-plotly-plot')._transitionData._frames || [])[11];
            const c = f && f.data.at(-1).marker.color;
            return !!c && x.every((v, i) => c[i] === v); }""",
        arg=[0.51, -1.0, 2.0], timeout=10_000,
    )  # fmt: skip
    move_x1(page, "ArrowLeft", 0.5)  # the next move starts from the previewed network
    wait_idle(page)
    assert_plot_is_the_engine(page, default_config())
    no_exception(page)


def test_a_hidden_layers_width_is_drawn_once_from_the_preview(server, page):
    """Streamlit's own slider: its new value is read just after its key handler ran (ui/live_chart.js), while the
    structure fragment's rerun is on its way; that rerun's same picture is not drawn again."""
    open_app(page, server)
    wait_idle(page)
    drawn, asked = page.evaluate(DRAWN), page.evaluate(PREVIEWS)
    width = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="Neurons in hidden layer 1"]')
    width.focus()
    width.press("ArrowLeft")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata.length === 13",
        timeout=20_000,
    )
    wait_idle(page)
    page.wait_for_timeout(500)
    assert page.evaluate(PREVIEWS) == asked + 1
    assert page.evaluate(DRAWN) == drawn + 1
    cfg = decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')"))
    assert cfg.layers == (3, 3, 4, 3)
    assert_plot_is_the_engine(page, cfg)
    width.press("Tab")  # a key that moves nothing asks for nothing
    page.wait_for_timeout(300)
    assert page.evaluate(PREVIEWS) == asked + 1
    no_exception(page)


def test_the_data_panels_own_sliders_are_drawn_once_from_the_preview(server, page):
    """m, λ and the sample shown (Streamlit's own sliders in the builder fragment) take the same path: each move
    asked for outside the rerun and drawn once, the rerun's same picture not drawn again."""
    open_app(page, server)
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    inputs = "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata"
    for label in ("Batch size m", "L2 strength λ", "Sample shown"):
        drawn, asked = page.evaluate(DRAWN), page.evaluate(PREVIEWS)
        slider = sidebar.locator(f'input[type="range"][aria-label="{label}"]')
        slider.focus()
        slider.press("ArrowRight")
        page.wait_for_function(f"(n) => ({DRAWN})() > n", arg=drawn, timeout=20_000)
        wait_idle(page)
        page.wait_for_timeout(500)
        assert (page.evaluate(PREVIEWS), page.evaluate(DRAWN)) == (asked + 1, drawn + 1), label
    cfg = decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')"))
    assert cfg.m == 2 and cfg.l2 == 0.05
    shown = [c[3] for c in page.evaluate(inputs)[:3]]
    assert shown == [float(v) for v in cfg.x[1]]  # the second sample's inputs, from the second sample's pass
    no_exception(page)


def test_a_select_box_and_new_weights_are_drawn_once_from_the_preview(server, page):
    """An activation's option (clicked, or taken with Enter) and New random weights (ui/live_chart.js: choiceMade)
    take the same path: asked for at once, drawn once, the structure fragment's same picture not drawn again."""
    open_app(page, server)
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expand = page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button')
    if expand.count() and expand.first.is_visible():  # the browser keeps a sidebar collapsed by an earlier test
        expand.first.click()
        sidebar.get_by_text("Initialisation").wait_for()

    def open_box(name):
        """Open a select box from the keyboard (a click can land outside the scrolled sidebar's viewport)."""
        combobox = sidebar.get_by_role("combobox", name=name)
        for _ in range(4):  # a key pressed while the sidebar still settles can go unheard
            combobox.focus()
            combobox.press("ArrowDown")
            try:
                page.get_by_role("option", name="tanh", exact=True).wait_for(timeout=2_000)
                return combobox
            except PlaywrightTimeout:
                combobox.press("Escape")
        raise AssertionError(f"{name}: the select box did not open")

    def activation():
        open_box("Activation of hidden layer 1")
        page.get_by_role("option", name="tanh", exact=True).click()  # the option itself, clicked

    def new_weights():
        sidebar.get_by_text("Initialisation").click()
        sidebar.get_by_role("button", name="New random weights").click()

    def activation_by_keys():  # the option the keys are on, taken with Enter
        combobox = open_box("Activation of hidden layer 2")
        combobox.press("ArrowDown")
        combobox.press("ArrowDown")
        combobox.press("Enter")

    for click in (activation, new_weights, activation_by_keys):
        drawn, asked = page.evaluate(DRAWN), page.evaluate(PREVIEWS)
        click()
        page.wait_for_function(f"(n) => ({DRAWN})() > n", arg=drawn, timeout=20_000)
        wait_idle(page)
        page.wait_for_timeout(500)
        assert (page.evaluate(PREVIEWS), page.evaluate(DRAWN)) == (asked + 1, drawn + 1)
    cfg = decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')"))
    assert cfg.activations[0] == "tanh" and cfg.init.seed == default_config().init.seed + 1
    assert cfg.activations[1] != "sigmoid"
    assert_plot_is_the_engine(page, cfg)
    no_exception(page)


def test_one_tabs_moves_never_reach_another_tabs_chart(server, page, browser_context):
    other = browser_context.new_page()
    other.js_errors = []
    other.on("pageerror", lambda e: other.js_errors.append(str(e)))
    try:
        cfg = default_config().replace(x=[[2.5, 0.25, -0.75]])
        open_app(other, f"{server}/?net={encode_net(cfg)}")
        open_app(page, server)
        wait_idle(other)
        before = other.evaluate(DRAWN)
        for key, v in (("ArrowRight", 0.51), ("ArrowRight", 0.52), ("ArrowLeft", 0.51)):
            move_x1(page, key, v)
        wait_idle(page)
        assert other.evaluate(DRAWN) == before
        assert_plot_is_the_engine(other, cfg)
        no_exception(other)
    finally:
        other.close()


def test_the_route_answers_a_request_as_it_would_a_link(server):
    cfg, view = default_config(), View()
    good = {**preview_base(cfg, view), "x": [0.1, 0.2, 0.3], "y": None}
    status, body = post(server, json.dumps(good).encode())
    assert status == 200
    got = json.loads(body)
    assert set(got) == {"rev", "fig"} and got["fig"]["layout"]["meta"]["preview"]
    for bad, reason in (
        (b"{not json", b"no preview"),
        (json.dumps({**good, "x": [1e400, 0, 0]}).encode(), b"no preview"),  # json's 1e400 is inf
        (json.dumps({**good, "net": "eJzLSM3JyQcABiwCFQ"}).encode(), b"no preview"),  # "hello": not a config
        (json.dumps({**good, "view": {"lang": "<script>"}}).encode(), b"no preview"),
        (b"x" * (MAX_BODY + 1), b"request too large"),
    ):
        status, body = post(server, bad)
        assert status in (400, 413) and body.startswith(reason), (status, body[:80])
        assert b"Traceback" not in body
    # one preview at a time a process: requests that arrive together are answered or told busy at once
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: post(server, json.dumps(good).encode())[0], range(24)))
    assert set(answers) <= {200, 503} and 200 in answers, answers
    with urllib.request.urlopen(server + "/_stcore/health", timeout=10) as r:
        assert r.status == 200  # the server stays up
