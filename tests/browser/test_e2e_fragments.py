"""The sidebar's fragments in real headless Chromium: a structure, init or data change redraws the explorer's chart
through the bridge without a full run (ui/live.py), and every later run composes that same network."""

import pytest

from browser.conftest import no_exception, open_app, wait_idle
from browser.test_e2e_explorer import assert_plot_is_the_engine
from ui.state import decode_net, materialise


def move_x1(page, key: str, value: float) -> None:
    """Press key on the sidebar's x1 slider and wait for the chart to plot x1 = value (the data fragment's push)."""
    x1 = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    x1.focus()
    x1.press(key)
    page.wait_for_function(
        "(v) => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata[0][3]"
        " === v", arg=value, timeout=20_000,
    )  # fmt: skip


def test_a_structure_slider_redraws_the_chart_at_once_and_the_network_stays(server, page):
    """A hidden layer's width reruns only the structure fragment (ui/live.py: after_structure): the chart takes
    the new network through the bridge; a data slider after it keeps the new structure; the next full run
    builds the same network (the chart is not drawn again) and the preset picker then says custom."""
    open_app(page, server)
    count = "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata.length"
    assert page.evaluate(count) == 14
    width = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="Neurons in hidden layer 1"]')
    width.focus()
    width.press("ArrowLeft")
    page.wait_for_function(count + " === 13", timeout=20_000)
    wait_idle(page)
    page.wait_for_function("() => new URL(location.href).searchParams.has('net')", timeout=20_000)
    cfg = decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')"))
    assert cfg.layers == (3, 3, 4, 3)
    assert_plot_is_the_engine(page, cfg)
    drawn = page.evaluate("() => document.querySelector('.bpx-plot').__bpxDrawn")
    move_x1(page, "ArrowRight", 0.51)
    assert page.evaluate(count) == 13  # the data fragment composed the new structure, not the full run's old one
    wait_idle(page)
    moved = cfg.replace(x=[[0.51, -1.0, 2.0]])
    assert_plot_is_the_engine(page, moved)
    drawn = page.evaluate("() => document.querySelector('.bpx-plot').__bpxDrawn")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Edit weights and biases").click()  # a full run that leaves the network as it is
    wait_idle(page)
    assert page.evaluate("() => document.querySelector('.bpx-plot').__bpxDrawn") == drawn  # not drawn again
    assert_plot_is_the_engine(page, moved)  # the full run built the same network
    assert decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')")) == moved
    picker = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Preset")
    shown = picker.locator("input").evaluate_all("els => els.map(e => e.value)")
    assert shown == ["Custom (your own)"]  # the picker no longer names the preset
    no_exception(page)


def test_new_weights_and_a_layer_count_take_the_fast_path_and_stay(server, page):
    """The init panel and the layer count are in the structure fragment too: New random weights draws the next
    seed's weights on the chart, a hidden layer more keeps them for the layers whose shape stays, and a data
    slider after both composes that network (not the last full run's)."""
    open_app(page, server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    address = "() => new URL(location.href).searchParams.get('net')"
    sidebar.get_by_text("Initialisation").click()
    sidebar.get_by_role("button", name="New random weights").click()
    page.wait_for_function(address + " !== null", timeout=20_000)
    wait_idle(page)
    cfg = materialise(decode_net(page.evaluate(address)))
    assert cfg.init.seed == 1 and cfg.layers == (3, 4, 4, 3)
    assert_plot_is_the_engine(page, cfg)
    layers = sidebar.locator('input[type="range"][aria-label="Hidden layers"]')
    layers.focus()
    layers.press("ArrowRight")
    count = "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata.length"
    page.wait_for_function(count + " === 18", timeout=20_000)
    wait_idle(page)
    deeper = materialise(decode_net(page.evaluate(address)))
    assert deeper.layers == (3, 4, 4, 4, 3) and deeper.init.seed == 1
    assert deeper.weights[0] == cfg.weights[0] and deeper.weights[1] == cfg.weights[1]  # kept where shapes are
    assert_plot_is_the_engine(page, deeper)
    move_x1(page, "ArrowLeft", 0.49)
    wait_idle(page)
    moved = deeper.replace(x=[[0.49, -1.0, 2.0]])
    assert materialise(decode_net(page.evaluate(address))) == moved
    assert_plot_is_the_engine(page, moved)
    no_exception(page)


@pytest.mark.parametrize("label,key,layers", [("Inputs (layer 0)", "ArrowRight", (4, 4, 4, 3)),
                                              ("Outputs (layer 3)", "ArrowLeft", (3, 4, 4, 2))])  # fmt: skip
def test_an_input_or_output_width_draws_the_picture_once_then_the_page_follows(server, page, label, key, layers):
    """The inputs' or outputs' width changes the data panel too: the structure fragment pushes the picture and a
    full run follows, which composes the same network (drawn once: its chart element carries the same rev)."""
    open_app(page, server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    drawn = page.evaluate("() => document.querySelector('.bpx-plot').__bpxDrawn")
    width = sidebar.locator(f'input[type="range"][aria-label="{label}"]')
    width.focus()
    width.press(key)
    page.wait_for_function("() => new URL(location.href).searchParams.has('net')", timeout=20_000)
    wait_idle(page)
    page.wait_for_timeout(500)
    cfg = materialise(decode_net(page.evaluate("() => new URL(location.href).searchParams.get('net')")))
    assert cfg.layers == layers
    assert page.evaluate("() => document.querySelector('.bpx-plot').__bpxDrawn") == drawn + 1
    assert_plot_is_the_engine(page, cfg)
    # Play has the new network's frames (attached when the browser is idle, after the old ones): the last forward
    # frame colours the new inputs by their values and has the new number of neurons
    page.wait_for_function(
        """([x, n]) => { const f = (document.querySelector('.js-plotly-plot')._transitionData._frames || [])[11];
            const c = f && f.data.at(-1).marker.color;
            return !!c && c.length === n && x.every((v, i) => c[i] === v); }""",
        arg=[[float(v) for v in cfg.x[0]], sum(layers)], timeout=10_000,
    )  # fmt: skip
    sliders = "x" if layers[0] != 3 else "y"
    n = layers[0] if sliders == "x" else layers[-1]
    assert sidebar.locator(f'input[type="range"][aria-label^="{sliders}"]').count() == n  # the data panel followed
    no_exception(page)
