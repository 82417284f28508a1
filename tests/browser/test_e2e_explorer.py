"""The explorer in real headless Chromium against `streamlit run app.py`."""

import json

import numpy as np
import pytest

from browser.conftest import no_exception, open_app, shot, trace_data, wait_idle
from engine.config import from_dict
from engine.network import run_pass
from engine.presets import PRESETS, preset
from ui.state import decode_net, encode_net, materialise
from viz.edges import N_BUCKETS
from viz.hover import text_num
from viz.scales import signed_scale

TESTNET_LIKE = {"layers": [2, 5, 3], "activations": ["tanh", "softmax"], "loss": "cross_entropy",
                "x": [[7.5, -1.25]], "y": [[0, 0, 1]], "l2": 0.3, "init": {"scheme": "he", "seed": 11}}  # fmt: skip


def assert_plot_is_the_engine(page, cfg):
    r = run_pass(cfg)
    neurons = trace_data(page, "neurons")
    cd = neurons["customdata"]
    k = cfg.layers[0]
    for i in range(k):
        assert cd[i][3] == pytest.approx(r.x[0, i], rel=1e-12)
    for l, rec in enumerate(r.layers, start=1):
        for i in range(cfg.layers[l]):
            assert cd[k][:2] == [l, i]
            assert np.allclose(cd[k][2:], [rec.z[0, i], rec.a[0, i], rec.delta[0, i]], rtol=1e-12, atol=0)
            k += 1
    edges = trace_data(page, "edges")["customdata"]
    dW = np.concatenate([rec.dW.ravel() for rec in r.layers])
    assert np.allclose([e[4] for e in edges], dW, rtol=1e-12, atol=0)
    return neurons


def test_share_link_opens_the_exact_network_and_plots_the_engines_numbers(server, page):
    cfg = from_dict(TESTNET_LIKE)
    open_app(page, f"{server}/?net={encode_net(cfg)}")
    no_exception(page)
    neurons = assert_plot_is_the_engine(page, materialise(cfg))
    assert neurons["frames"] == 3 * 2 + 4
    assert page.get_by_text("7.50").count() >= 1  # the widened x slider shows 7.5, not a clamped 3
    shot(page, "explorer-link-1280x800")


def test_moving_a_slider_changes_the_chart(server, page):
    open_app(page, server)
    before = trace_data(page, "neurons")["customdata"]
    slider = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    slider.focus()
    for _ in range(10):
        slider.press("ArrowRight")
    wait_idle(page)
    page.wait_for_function(  # all ten presses through: x1 = 0.5 + 10 * 0.01
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " const t = gd.data.find(d => d.name === 'neurons'); return Math.abs(t.customdata[0][3] - 0.6) < 1e-9; }",
        timeout=20_000,
    )  # fmt: skip
    after = trace_data(page, "neurons")["customdata"]
    assert after[0][3] == pytest.approx(0.6) and after[5] != before[5]
    cfg = materialise(preset("ng_3443")).replace(x=[[0.6, -1.0, 2.0]])
    assert_plot_is_the_engine(page, cfg)
    # the animation frames (sent after the picture) are the new network's: every frame's neuron colours
    # carry the new activations (the forward frames) or the new deltas (the backward ones)
    page.wait_for_function("() => (document.querySelector('.js-plotly-plot')._transitionData._frames || []).length"
                           " === 13", timeout=10_000)  # fmt: skip
    colours = page.evaluate("""() => document.querySelector('.js-plotly-plot')._transitionData._frames
        .map(f => Array.from(f.data.at(-1).marker.color))""")
    r = run_pass(cfg)
    a = [0.6, -1.0, 2.0] + [v for rec in r.layers for v in rec.a[0]]
    assert colours[11] == pytest.approx(a, rel=1e-12) and colours[3][3:] == pytest.approx(a[3:], rel=1e-12)
    deltas = [v for rec in r.layers for v in rec.delta[0]]
    assert colours[7][3:] == pytest.approx(deltas, rel=1e-12)  # δ¹ reached: every layer's δ
    assert colours[5][3:11] == [None] * 8 and colours[5][11:] == pytest.approx(deltas[8:], rel=1e-12)  # δ³ only
    # playing those frames keeps plotly's own colour bars away (the HTML ones stand in for them)
    page.evaluate("""() => { window.__n = 0;
        document.querySelector('.js-plotly-plot').on('plotly_animatingframe', () => { window.__n += 1; }); }""")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function("() => window.__n >= 9", timeout=20_000)
    page.set_viewport_size({"width": 1200, "height": 800})  # a resize redraws the whole plot
    page.wait_for_timeout(600)
    assert page.locator(".js-plotly-plot .colorbar").count() == 0
    no_exception(page)


def test_play_shows_every_frame(server, page):
    open_app(page, server)
    page.evaluate("""() => { window.__frames = []; const gd = document.querySelector('.js-plotly-plot');
        gd.on('plotly_animatingframe', e => window.__frames.push([e.name, performance.now()])); }""")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function("() => window.__frames.length >= 13", timeout=30_000)
    frames = page.evaluate("window.__frames")
    assert [f[0] for f in frames] == [str(k) for k in range(13)]  # from the opening frame, Play starts at 1
    gaps = np.diff([f[1] for f in frames])
    assert np.median(gaps) == pytest.approx(500, rel=0.25)  # the chosen speed, loosely (not a benchmark)
    page.wait_for_timeout(700)
    assert trace_data(page, "neurons")["title"] == "Update: one gradient-descent step"
    # the frame slider followed the animation to its last frame
    assert page.locator(".bpx-frame").inner_text() == "Frame: 13"
    assert page.locator(".bpx-range").input_value() == "12"
    page.set_viewport_size({"width": 1200, "height": 800})  # a resize redraws the whole plot
    page.wait_for_timeout(600)
    assert page.locator(".js-plotly-plot .colorbar").count() == 0  # the HTML bars stand in for plotly's
    shot(page, "explorer-played")
    no_exception(page)


def test_colour_bars_and_frame_slider_carry_the_figure(server, page):
    """The live chart's colour bars show each coloured trace's title and range; the slider moves frames."""
    open_app(page, server)
    bars = page.evaluate("""() => [...document.querySelectorAll('.bpx-cb')].map(b => ({
        display: getComputedStyle(b).display, title: b.querySelector('.bpx-title')?.textContent,
        ticks: [...b.querySelectorAll('.bpx-ticks span')].map(s => s.textContent)}))""")
    left, right = bars
    edges, neurons = (page.evaluate(f"""() => {{ const t = document.querySelector('.js-plotly-plot').data
        .find(d => d.name === '{n}').marker; return [t.cmin, t.cmax]; }}""") for n in ("edges", "neurons"))  # fmt: skip
    # the gradients on the symmetric-log scale (named), its ticks from the engine's dJ/dW of every layer
    assert left["title"] == "gradient ∂J/∂w · log" and right["title"] == "activation a"
    r = run_pass(materialise(preset("ng_3443")))
    expected = signed_scale([rec.dW for rec in r.layers], "log").bar("", 3)["ticks"]
    assert left["ticks"] == [text.replace("-", "−") for _, text in expected]
    assert edges[1] == -edges[0] == pytest.approx(max(abs(rec.dW).max() for rec in r.layers), rel=1e-12)
    fmt = lambda v: f"{float(f'{v:.3g}'):g}".replace("-", "−")  # noqa: E731
    assert right["ticks"][0] == fmt(neurons[1]) and right["ticks"][2] == fmt(neurons[0])
    # moving the frame slider to the loss frame shows that frame
    page.evaluate("""() => { const r = document.querySelector('.bpx-range'); r.value = 4;
        r.dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').layout.title.text.startsWith('Loss')", timeout=10_000
    )
    assert page.locator(".bpx-frame").inner_text() == "Frame: 5"
    assert page.get_by_role("slider", name="Frame", exact=True).input_value() == "4"  # named for screen readers
    # the loss frame: its title is painted, and the edges (coloured by w until delta reaches them) say so
    page.wait_for_function("() => document.querySelector('.js-plotly-plot .gtitle').textContent.startsWith('Loss')")
    w_max = max(abs(w) for W in materialise(preset("ng_3443")).weights for row in W for w in row)
    left = page.locator(".bpx-cb").first
    assert left.locator(".bpx-title").inner_text() == "weight w"
    assert left.locator(".bpx-ticks span").first.inner_text() == f"{float(f'{w_max:.3g}'):g}"
    shot(page, "explorer-frame5")
    # what is painted follows the frames: at the input frame no edge is coloured yet; at the first forward
    # frame layer 1's weights are, and its neurons print their activations (regressions: plotly.js left
    # emptied line traces and newly printed labels unpainted)
    painted = """() => { const tr = [...document.querySelectorAll('.js-plotly-plot .scatterlayer .trace')];
        const d = t => t.querySelector('.js-line')?.getAttribute('d') || '';
        return {lines: tr.slice(0, %d).filter(t => d(t).length).length,
                labels: [...tr.at(-2).querySelectorAll('.textpoint text')].map(e => e.textContent.trim())}; }"""
    painted %= N_BUCKETS  # the edge buckets' traces come first
    for k, title in ((0, "Input"), (1, "Forward: layer 1")):
        page.evaluate(f"""() => {{ const r = document.querySelector('.bpx-range'); r.value = {k};
            r.dispatchEvent(new Event('input', {{bubbles: true}})); }}""")
        gtitle = "document.querySelector('.js-plotly-plot .gtitle').textContent"
        page.wait_for_function(f"() => {gtitle}.startsWith('{title}')")
        page.wait_for_timeout(300)
        got = page.evaluate(painted)
        a1 = [f"{v:.3g}" for v in run_pass(materialise(preset("ng_3443"))).layers[0].a[0]]
        if k == 0:
            assert got["lines"] == 0 and got["labels"][3:] == [""] * 11
        else:
            assert got["lines"] > 0 and got["labels"][3:7] == a1 and got["labels"][7:] == [""] * 7
    shot(page, "explorer-frame2")
    no_exception(page)


def test_switch_to_chinese_and_step_through(server, page):
    open_app(page, server)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="简体中文").click()
    wait_idle(page)
    page.get_by_text("反向传播探索器").first.wait_for(timeout=20_000)
    # scrub the animation to the first forward frame: the step-by-step view opens there (one timeline)
    page.evaluate("""() => { const r = document.querySelector('.bpx-range'); r.value = 1;
        r.dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.locator(".bpx-eq-head").get_by_text("前向传播，第 1 层").wait_for(timeout=10_000)
    page.get_by_text("逐步讲解", exact=True).click()
    wait_idle(page)
    page.wait_for_function("() => document.querySelector('.bpx-range').value === '1'", timeout=10_000)
    for _ in range(3):
        page.get_by_role("button", name="下一步 ▶").click()
    page.locator(".bpx-eq-head").get_by_text("损失与输出层误差").wait_for(timeout=10_000)
    # the equations are typeset, with the engine's J, and the notes that matter at this step
    page.wait_for_function("() => document.querySelectorAll('.bpx-eq .katex').length >= 2", timeout=10_000)
    J = run_pass(materialise(preset("ng_3443"))).loss
    assert f"{J:.4g}" in page.locator(".bpx-eq").inner_text()
    assert "a − y" in page.locator(".bpx-notes").inner_text()
    shot(page, "explorer-zh-step5")
    no_exception(page)


def test_malformed_link_and_file_keep_a_working_network(server, page, tmp_path):
    open_app(page, f"{server}/?net=not-a-network")
    page.get_by_text("could not be opened").first.wait_for(timeout=20_000)
    assert_plot_is_the_engine(page, materialise(preset("ng_3443")))
    page.get_by_text("Save and share").click()
    bad = tmp_path / "broken.json"
    bad.write_text(json.dumps(dict(PRESETS["xor_221"], layers=[2, 2])))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("Could not open broken.json").first.wait_for(timeout=20_000)
    wait_idle(page)
    assert_plot_is_the_engine(page, materialise(preset("ng_3443")))
    good = tmp_path / "xor.json"
    good.write_text(json.dumps(PRESETS["xor_221"]))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
    page.get_by_text("Opened xor.json").first.wait_for(timeout=20_000)
    wait_idle(page)
    assert_plot_is_the_engine(page, materialise(preset("xor_221")))
    no_exception(page)


def test_projector_size_presentation_mode(server, browser_context):
    pg = browser_context.new_page()
    pg.js_errors = []
    pg.set_viewport_size({"width": 1920, "height": 1080})
    open_app(pg, f"{server}/?preset=testnet_342")
    pg.get_by_text("Presentation mode (large text)").click()
    wait_idle(pg)
    shot(pg, "explorer-projector-1920x1080")
    assert trace_data(pg, "neurons")["customdata"][-1][0] == 2
    no_exception(pg)
    pg.close()


POINT_XY = """(args) => {
  const [name, k] = args;
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd.data.findIndex(d => d.name === name);
  const pt = gd.calcdata[t][k];
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  return [r.left + xa._offset + xa.l2p(pt.x), r.top + ya._offset + ya.l2p(pt.y)];
}"""


def test_hover_shows_the_formula_with_numbers(server, page):
    open_app(page, server)
    r = run_pass(materialise(preset("ng_3443")))
    x, y = page.evaluate(POINT_XY, ["neurons", 7])  # hidden layer 2, neuron 1
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for(timeout=10_000)
    text = hover.text_content()
    assert "δ = ∂ℓ/∂z = g′(z)·Σ" in text and text_num(r.layers[1].delta[0, 0], 3) in text  # the view's digits
    x, y = page.evaluate(POINT_XY, ["edges", 0])  # W^1[0][0]
    page.mouse.move(x, y)
    page.wait_for_function(
        "() => document.querySelector('.hoverlayer .hovertext') && "
        "document.querySelector('.hoverlayer .hovertext').textContent.includes('∂J/∂w')"
    )
    text = page.locator(".hoverlayer .hovertext").first.text_content()
    assert text_num(r.layers[0].dW[0, 0], 3) in text
    shot(page, "explorer-hover")
    no_exception(page)


def test_the_copy_button_copies_the_address_which_follows_a_data_slider(server, page):
    """The address bar always holds the network on screen; the save panel's button copies it."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(page, server)
    x1 = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    x1.focus()
    x1.press("ArrowLeft")
    page.wait_for_function("() => new URL(location.href).searchParams.has('net')", timeout=20_000)
    wait_idle(page)
    page.get_by_text("Save and share").click()
    button = page.locator('[data-testid="stSidebar"] .bpx-copy button')
    button.wait_for(timeout=20_000)
    button.click()
    page.locator('[data-testid="stSidebar"] .bpx-copy-said').get_by_text("Copied.").wait_for(timeout=5_000)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.url
    token = copied.split("net=")[1].split("&")[0]
    assert decode_net(token).x == materialise(preset("ng_3443")).replace(x=[[0.49, -1.0, 2.0]]).x
    no_exception(page)


def test_data_sliders_move_one_value_and_keep_the_others_exact(server, page):
    """The x and y sliders are one element (ui/data_sliders.py): moving x1 sends x1's new position and
    every other value exactly as it was, even one finer than the sliders' step (a link's -0.123)."""
    cfg = from_dict(dict(TESTNET_LIKE, x=[[7.5, -0.123]]))
    open_app(page, f"{server}/?net={encode_net(cfg)}")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.locator(".bpx-sl-val").all_inner_texts() == ["7.50", "−0.123"]
    x1 = sidebar.locator('input[type="range"][aria-label="x1"]')
    assert (x1.get_attribute("min"), x1.get_attribute("max")) == ("-3", "8")  # widened to hold 7.5
    x1.focus()
    x1.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata[0][3]"
        " !== 7.5", timeout=20_000,
    )  # fmt: skip
    assert_plot_is_the_engine(page, materialise(cfg).replace(x=[[7.51, -0.123]]))
    assert sidebar.locator(".bpx-sl-val").all_inner_texts() == ["7.51", "−0.123"]
    no_exception(page)
