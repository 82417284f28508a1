"""δ you can see from the back row: every layer's δ and ∂J/∂W stand clear of the zero colour (issue 10, item 1)."""

import numpy as np
import pytest

from engine.config import from_dict
from engine.network import run_pass
from engine.presets import preset
from viz import theme
from viz.animation import animation_frames, frame_plan
from viz.network_figure import NEURONS, View, network_figure_dict
from viz.scales import LINEAR_SHARE, signed_scale

DEEP = {"layers": [10] + [10] * 6 + [10], "activations": ["sigmoid"] * 7, "loss": "bce",
        "x": [[0.5, -1.0, 2.0, 0.3, -0.7, 1.1, -1.5, 0.2, 0.9, -0.4]], "y": [[0] * 9 + [1]],
        "init": {"scheme": "xavier", "seed": 0}}  # fmt: skip
NETS = {"ng_3443": preset("ng_3443"), "deep_6x10": from_dict(DEEP)}


def plotly_colour(value, marker) -> np.ndarray:
    """The RGB plotly.js paints for a raw value: its position between cmin and cmax, interpolated in RGB."""
    p = (value - marker["cmin"]) / (marker["cmax"] - marker["cmin"])
    stops = [s for s, _ in marker["colorscale"]]
    rgb = np.array([theme._rgb(c) for _, c in marker["colorscale"]], float)
    return np.array([np.interp(p, stops, rgb[:, k]) for k in range(3)])


def distance_from_zero(values, marker) -> np.ndarray:
    zero = plotly_colour(0.0, marker)
    return np.array([np.linalg.norm(plotly_colour(v, marker) - zero) for v in values])


CLEAR = 60  # RGB distance from the neutral grey: a clear tint, not a grey a projector washes out


@pytest.mark.parametrize("name", NETS)
def test_every_hidden_delta_of_every_backward_frame_is_clearly_coloured(name):
    r = run_pass(NETS[name])
    frames = animation_frames(r, View())
    widths = r.widths
    starts = np.cumsum([0] + list(widths))
    backward = [k for k, (kind, _) in enumerate(frame_plan(len(r.layers))) if kind == "backward"]
    checked = 0
    for k in backward:
        neurons = frames[k]["data"][-1]
        colour = np.array(neurons["marker"]["color"], float)
        for l in range(1, len(widths) - 1):  # hidden layers
            d = colour[starts[l] : starts[l + 1]]
            if np.isnan(d).all():
                continue  # δ has not reached this layer in this frame
            big = np.abs(d) >= 0.05 * np.abs(d).max()
            assert (distance_from_zero(d[big], neurons["marker"]) >= CLEAR).all(), (name, k, l)
            checked += big.sum()
        assert "log" in frames[k]["layout"]["meta"]["node_bar"]["title"]  # the scale in use is named
    assert checked >= 2 * (len(widths) - 2)


def test_one_linear_scale_turns_the_deep_nets_first_layers_grey():
    """The shared scale the vanishing-gradient lesson wants, and why it is not the default."""
    r = run_pass(NETS["deep_6x10"])
    neurons = network_figure_dict(r, View(nodes="delta", scale="linear"))["data"][NEURONS]
    delta1 = r.layers[0].delta[0]
    assert (distance_from_zero(delta1, neurons["marker"]) < 10).all()


@pytest.mark.parametrize("name", NETS)
def test_edges_of_every_weight_layer_stand_clear_of_grey_on_the_log_scale(name):
    r = run_pass(NETS[name])
    fig = network_figure_dict(r, View())
    edges = fig["data"][NEURONS - 1]
    dW = np.array(edges["marker"]["color"], float)
    start = 0
    for rec in r.layers:
        g = dW[start : start + rec.dW.size]
        big = np.abs(g) >= 0.05 * np.abs(g).max()
        assert (distance_from_zero(g[big], edges["marker"]) >= CLEAR).all()
        start += rec.dW.size
    assert fig["layout"]["meta"]["edge_bar"]["title"].endswith("· log")


def test_the_log_scale_maps_thr_and_vmax_as_documented():
    sc = signed_scale([np.array([0.6, -0.2]), np.array([0.01, -0.004])], "log")
    assert sc.hi == 0.6 and sc.thr == pytest.approx(0.05 * 0.01)
    q = sc.position([0.6, -0.6, sc.thr, -sc.thr, 0.0])
    assert q == pytest.approx([1.0, 0.0, 0.5 + LINEAR_SHARE / 2, 0.5 - LINEAR_SHARE / 2, 0.5])
    stops = [p for p, _ in sc.colorscale()]
    assert stops[0] == 0.0 and stops[-1] == 1.0 and np.all(np.diff(stops) > 0)
    ticks = sc.bar("δ")["ticks"]
    assert ticks[0][0] == 1.0 and ticks[-1][0] == 0.0 and [0.5, "0"] in ticks


def test_inputs_are_white_discs_labelled_with_x_in_every_mode():
    r = run_pass(NETS["ng_3443"])
    for nodes in ("a", "z", "gp", "delta"):
        fig = network_figure_dict(r, View(nodes=nodes))
        inputs = fig["data"][NEURONS + 1]
        assert inputs["name"] == "inputs" and inputs["marker"]["color"] == "#ffffff"
        assert list(inputs["text"]) == ["0.5", "−1", "2"]
        neurons = fig["data"][NEURONS]
        assert neurons["text"][:3] == ["\u00a0"] * 3  # not printed twice
        # the computed layers' scale leaves x out: x = 2 does not stretch the activations' range
        if nodes == "a":
            assert neurons["marker"]["cmax"] == pytest.approx(max(rec.a.max() for rec in r.layers))
