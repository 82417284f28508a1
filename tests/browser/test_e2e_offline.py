"""The offline lesson file in Chromium, opened from disk with every network request blocked: it plays, steps,
typesets its equations as MathML, shows the figure's hovers, and walks a 2-step lesson with a clicker's keys."""

from pathlib import Path

import pytest

from engine.presets import default_config, preset
from viz.edges import N_BUCKETS
from viz.offline import lesson_html, lesson_steps_from_configs
from viz.view import View

SHOTS = Path("/tmp/offline_shots")
FRAME = "+document.querySelector('.bpx-range').value"
HASH = "location.hash"
HEAD = "document.querySelector('.bpx-eq-head').textContent"
NEURONS = "document.querySelector('.bpx-plot').data.find(t => t.name === 'neurons').customdata.length"


@pytest.fixture(scope="module")
def lessons(tmp_path_factory) -> dict:
    """One-step (en, zh) and two-step lesson files, written to disk."""
    folder = tmp_path_factory.mktemp("offline")
    out = {}
    for lang in ("en", "zh"):
        note = "先看前向传播，再看 δ 如何往回传。" if lang == "zh" else "Forward first, then watch δ flow back."
        steps = lesson_steps_from_configs([(default_config(), View(lang=lang, frame_ms=250), note)])
        out[lang] = folder / f"one_{lang}.html"
        out[lang].write_text(lesson_html(steps, lang, "反向传播" if lang == "zh" else "Backprop"), encoding="utf-8")
    two = lesson_steps_from_configs([
        (default_config(), View(frame_ms=250), "Step one <b>not bold</b>", "The Ng network"),
        (preset("testnet_342"), View(frame_ms=250), "Step two: ReLU and softmax", "TestNet"),
    ])  # fmt: skip
    out["two"] = folder / "two.html"
    out["two"].write_text(lesson_html(two, "en", "Two steps"), encoding="utf-8")
    return out


def open_offline(page, path: Path, fragment: str = "") -> list[str]:
    """Open the file with every request but the file itself aborted; returns every request the page made."""
    url = path.as_uri()
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    page.route("**/*", lambda route: route.continue_() if route.request.url.split("#")[0] == url else route.abort())
    page.goto(url + fragment)
    page.wait_for_selector("body.bpx-ready .js-plotly-plot .scatterlayer", timeout=20_000)
    page.wait_for_function("() => document.querySelectorAll('.bpx-eq-tex math').length >= 1", timeout=10_000)
    return seen


def wait_frame(page, k: int, step: int = 1):
    page.wait_for_function(f"() => {FRAME} === {k} && {HASH} === '#step={step}&frame={k + 1}'", timeout=5_000)


def test_it_plays_offline_with_no_request_beyond_the_file(page, lessons):
    seen = open_offline(page, lessons["en"])
    drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length")
    assert drawn == N_BUCKETS + 4  # the edge buckets, pending, edges, neurons, inputs: the whole figure is drawn
    assert page.evaluate(NEURONS) == 14
    assert page.locator(".bpx-note").inner_text() == "Forward first, then watch δ flow back."
    assert page.evaluate(FRAME) == 0 and page.evaluate(HEAD) == "Input"
    assert page.locator(".bpx-cb").first.is_visible() and page.locator(".bpx-cb").nth(1).is_visible()  # colour bars
    page.locator(".bpx-play").click()  # Play advances the frames on its own
    page.wait_for_function(f"() => {FRAME} >= 3", timeout=5_000)
    page.locator(".bpx-pause").click()
    page.wait_for_timeout(400)
    held = page.evaluate(FRAME)
    page.wait_for_timeout(700)
    assert page.evaluate(FRAME) == held < 12
    page.wait_for_timeout(300)
    assert seen == [lessons["en"].as_uri()], seen
    assert not page.js_errors, page.js_errors


def test_slider_keys_and_each_frames_equations(page, lessons):
    open_offline(page, lessons["en"])
    n = int(page.evaluate("document.querySelector('.bpx-range').max")) + 1
    assert n == 13
    frames = page.evaluate("document.querySelector('.bpx-plot')._transitionData._frames.map(f => f.layout.meta.eq)")
    page.locator(".bpx-range").fill("6")  # the slider
    wait_frame(page, 6)
    assert page.evaluate(HEAD) == frames[6]["heading"]
    page.keyboard.press("Home")
    wait_frame(page, 0)
    for k in range(n):  # PageDown through every frame: each one's equations, typeset as MathML
        if k:
            page.keyboard.press("PageDown")
        wait_frame(page, k)
        page.wait_for_function(f"() => {HEAD} === {frames[k]['heading']!r} && "
                               "[...document.querySelectorAll('.bpx-eq-tex')].every(e => "
                               "!e.dataset.tex || e.querySelector('math'))", timeout=5_000)  # fmt: skip
        tex = page.evaluate("[...document.querySelectorAll('.bpx-eq-tex annotation')].map(a => a.textContent)")
        assert tex and all(t in frames[k]["general"] + frames[k]["numbers"] for t in tex)
    assert page.evaluate("document.querySelector('.bpx-next').disabled")  # one step: nothing after the last
    page.keyboard.press("PageDown")  # at the last frame of the only step: stays
    page.wait_for_timeout(300)
    wait_frame(page, n - 1)
    for key, want in (("PageUp", n - 2), ("ArrowLeft", n - 3), ("ArrowRight", n - 2), ("Home", 0), ("End", n - 1)):
        page.keyboard.press(key)
        wait_frame(page, want)
    page.keyboard.press("Home")
    page.keyboard.press(" ")  # Space plays ...
    page.wait_for_function(f"() => {FRAME} >= 2", timeout=5_000)
    page.keyboard.press(" ")  # ... and pauses
    page.wait_for_timeout(400)
    held = page.evaluate(FRAME)
    page.wait_for_timeout(700)
    assert page.evaluate(FRAME) == held < n - 1
    assert not page.js_errors, page.js_errors


def test_a_hover_shows_the_neurons_own_text(page, lessons):
    open_offline(page, lessons["en"])
    spot = page.evaluate("""() => {
        const gd = document.querySelector('.bpx-plot'), fl = gd._fullLayout, r = gd.getBoundingClientRect();
        const t = gd._fullData.find(d => d.name === 'neurons'), k = 4;  // hidden layer 1, its second neuron
        return {x: r.left + fl._size.l + fl.xaxis.l2p(t.x[k]), y: r.top + fl._size.t + fl.yaxis.l2p(t.y[k]),
                text: t.hovertext[k]};
    }""")
    page.mouse.move(spot["x"] + 30, spot["y"] + 30)
    page.mouse.move(spot["x"], spot["y"])
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    shown = page.locator(".hoverlayer .hovertext").first.text_content()
    want = spot["text"].replace("<br>", "")
    for tag in ("<b>", "</b>", "<sup>", "</sup>", "<sub>", "</sub>"):
        want = want.replace(tag, "")
    shown = shown.replace("\u200b", "")  # plotly's separators between sub- and superscripts
    assert shown.replace(" ", "") == want.replace(" ", ""), (shown, want)
    assert "z = W·a + b" in shown and "(sigmoid)" in shown


def test_page_down_walks_from_one_step_to_the_next(page, lessons):
    seen = open_offline(page, lessons["two"])
    count = "document.querySelector('.bpx-step-count').textContent"
    assert page.evaluate(count) == "Step 1 of 2" and page.locator(".bpx-step-title").inner_text() == "The Ng network"
    assert page.locator(".bpx-note").inner_text() == "Step one <b>not bold</b>"  # plain text, never markup
    assert page.locator(".bpx-note b").count() == 0
    page.keyboard.press("End")
    wait_frame(page, 12)
    page.keyboard.press("PageDown")  # the last frame of step 1: on to step 2's first frame
    wait_frame(page, 0, step=2)
    page.wait_for_function(f"() => {count} === 'Step 2 of 2'")
    assert page.locator(".bpx-note").inner_text() == "Step two: ReLU and softmax"
    assert page.evaluate(NEURONS) == 9
    assert page.evaluate("document.querySelector('.bpx-range').max") == "9"  # TestNet: 2 layers, 10 frames
    page.wait_for_function("() => document.querySelectorAll('.bpx-eq-tex math').length >= 1")
    page.keyboard.press("PageDown")
    wait_frame(page, 1, step=2)
    page.keyboard.press("PageUp")
    wait_frame(page, 0, step=2)
    page.keyboard.press("PageUp")  # step 2's first frame: back to step 1's last
    wait_frame(page, 12, step=1)
    page.wait_for_function(f"() => {count} === 'Step 1 of 2'")
    assert page.evaluate(NEURONS) == 14
    page.locator(".bpx-step-next").click()  # the step buttons open a step at its first frame
    wait_frame(page, 0, step=2)
    page.reload()  # the address keeps the place
    page.wait_for_selector("body.bpx-ready .js-plotly-plot .scatterlayer")
    wait_frame(page, 0, step=2)
    assert {u.split("#")[0] for u in seen} == {lessons["two"].as_uri()}, seen
    assert not page.js_errors, page.js_errors


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screenshots_nothing_clipped_or_overlapping(page, lessons, lang):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_offline(page, lessons[lang], "#step=1&frame=9")
    for w, h in ((1280, 800), (1920, 1080)):  # the second by resizing the window (a projector's full screen)
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_function("() => Math.abs(document.querySelector('.bpx-plot')._fullLayout.width - "
                               "document.querySelector('.bpx-plotwrap').clientWidth) < 2")  # fmt: skip
        page.wait_for_timeout(300)
        assert page.evaluate(HASH) == "#step=1&frame=9"
        box = page.evaluate("""() => {
            const r = s => document.querySelector(s).getBoundingClientRect();
            return {plot: r('.bpx-plot'), anim: r('.bpx-anim'), eq: r('.bpx-eq'), note: r('.bpx-note'),
                    scroll: document.documentElement.scrollWidth, bars: [...document.querySelectorAll('.bpx-cb')]
                    .map(b => b.getBoundingClientRect()).map(b => [b.left, b.right])};
        }""")
        assert box["scroll"] <= w  # nothing wider than the window
        assert box["anim"]["bottom"] <= h and box["anim"]["top"] >= box["plot"]["bottom"] - 1  # controls in view
        assert box["eq"]["left"] >= box["plot"]["right"] and box["note"]["left"] >= box["plot"]["right"]  # beside
        assert all(0 <= left and right <= box["plot"]["right"] + 1 for left, right in box["bars"])
        page.screenshot(path=str(SHOTS / f"offline-{lang}-{w}x{h}.png"))
    assert not page.js_errors, page.js_errors
