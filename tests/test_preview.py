"""ui/preview.py: a data slider's picture from outside Streamlit's run is the picture the rerun then sends (same
numbers, same rev), and the route treats its request as untrusted input, as a link is."""

import json
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.config import ConfigError, from_dict
from engine.network import init_params, run_pass
from engine.presets import default_config
from texts import t
from ui.compose import fit_data, pair_label
from ui.compute import digest
from ui.preview import explorer_picture, picture_rev, preview, preview_base, view_fields
from ui.state import decode_net, encode_net, materialise
from viz.figure import figure_json
from viz.view import View

HANDLED = (ConfigError, ValueError, TypeError, KeyError, IndexError, RecursionError)  # the route's 400


def ask(config, view, x, y=None) -> dict:
    base = preview_base(config, view)
    return json.loads(preview(json.dumps({**base, "x": x, "y": y}).encode()))


def trace(fig, name):
    return next(t for t in fig["data"] if t["name"] == name)


def test_a_move_is_the_network_on_screen_with_the_samples_new_x():
    cfg, view = materialise(default_config()), View(sample=0, notation="ng", frame_ms=500)  # as a session holds it
    got = ask(cfg, view, [0.51, -1.0, 2.0])
    moved = cfg.replace(x=[[0.51, -1.0, 2.0]])
    assert got["rev"] == picture_rev(digest(moved), view)  # the rerun's picture: the same rev, not drawn again
    assert got["fig"] == json.loads(figure_json(explorer_picture(moved, run_pass(moved), view)))
    r = run_pass(moved)
    cd = trace(got["fig"], "neurons")["customdata"]
    assert [c[3] for c in cd[:3]] == [0.51, -1.0, 2.0]
    assert np.allclose([c[3] for c in cd[3:7]], r.layers[0].a[0], rtol=1e-12, atol=0)
    dW = np.concatenate([rec.dW.ravel() for rec in r.layers])
    assert np.allclose([e[4] for e in trace(got["fig"], "edges")["customdata"]], dW, rtol=1e-12, atol=0)
    # the picture carries its own base: the next move starts from this network
    assert got["fig"]["layout"]["meta"]["preview"] == preview_base(moved, view)


def test_the_sample_shown_and_its_targets_are_the_ones_replaced():
    cfg = materialise(from_dict({"layers": [2, 3, 2], "activations": ["tanh", "sigmoid"], "loss": "bce",
                                 "x": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "y": [[1, 0], [0, 1], [1, 1]],
                                 "init": {"scheme": "xavier", "seed": 3}}))  # fmt: skip
    view = View(sample=1, nodes="delta", edges="W", lang="zh", scale="linear", digits=4)
    got = ask(cfg, view, [-0.7, 0.9], [0.25, 0.75])
    moved = cfg.replace(x=[[0.1, 0.2], [-0.7, 0.9], [0.5, 0.6]], y=[[1, 0], [0.25, 0.75], [1, 1]])
    assert got["rev"] == picture_rev(digest(moved), view)
    assert got["fig"] == json.loads(figure_json(explorer_picture(moved, run_pass(moved), view)))


def test_a_network_too_big_for_a_picture_link_is_not_previewed():
    big = from_dict({"layers": [10, 40, 40, 40, 10], "activations": ["relu"] * 3 + ["sigmoid"], "loss": "bce",
                     "x": [[0.5] * 10], "y": [[1] + [0] * 9], "init": {"scheme": "he", "seed": 1}})  # fmt: skip
    view = View()
    assert preview_base(big, view) is None  # its moves wait for the rerun's picture, as before
    body = {"net": encode_net(big), "view": view_fields(view), "x": [0.0] * 10, "y": None}
    with pytest.raises(ValueError, match="too big"):
        preview(json.dumps(body).encode())
    bench = from_dict({"layers": [10, 20, 20, 20, 10], "activations": ["relu"] * 3 + ["sigmoid"], "loss": "bce",
                       "x": [[0.5] * 10], "y": [[1] + [0] * 9], "init": {"scheme": "he", "seed": 1}})  # fmt: skip
    assert preview_base(bench, view) is not None  # issue 10's "1,000 edges" (bench/ui_latency.py) is previewed


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"x": [1.0, 2.0]}, "expected 3 numbers"),
        ({"x": [1.0, "2", 3.0]}, "not finite"),
        ({"x": [1.0, True, 3.0]}, "not finite"),
        ({"y": [0.5]}, "expected 3 numbers"),
        ({"view": {"sample": 1}}, "no such sample"),
        ({"view": {"nodes": "<b>a</b>"}}, "bad nodes"),
        ({"view": {"digits": True}}, "bad digits"),
        ({"view": {"theme": "dark"}}, "unknown fields"),
        ({"view": {"sample": -1}}, "bad sample"),
        ({"net": "not base64 !"}, "base64"),
        ({"net": 12}, "expected"),
    ],
)
def test_a_bad_request_gets_a_reason_never_a_crash(change, reason):
    cfg, view = default_config(), View()
    body = {**preview_base(cfg, view), "x": [0.0, 0.0, 0.0], "y": None}
    for k, v in change.items():
        body[k] = {**body[k], **v} if k == "view" else v
    with pytest.raises(HANDLED, match=reason):
        preview(json.dumps(body).encode())


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=5) | st.dictionaries(st.text(max_size=8), kids, max_size=5),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=JSON)
def test_fuzz_arbitrary_json_bodies(body):
    try:
        preview(json.dumps(body).encode())
    except HANDLED:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    x=st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**400), 10**400), max_size=4),
    view=st.dictionaries(st.sampled_from(sorted(View.__dataclass_fields__)), JSON, max_size=3),
    raw=st.binary(max_size=40),
)
def test_fuzz_requests_near_a_valid_one(x, view, raw):
    """Mutations of a real request (rows of any numbers, views with any values, bytes that are not JSON): each one
    is a picture or a handled refusal; a picture's numbers are always finite inputs the engine accepted."""
    cfg = default_config()
    body = {**preview_base(cfg, View()), "x": x, "y": None}
    body["view"] = {**body["view"], **view}
    for data in (json.dumps(body).encode(), raw):
        try:
            got = json.loads(preview(data))
        except HANDLED:
            continue
        assert [c[3] for c in trace(got["fig"], "neurons")["customdata"][:3]] == [float(v) for v in x]


def ask_structure(config, view, slider, value) -> dict:
    return json.loads(preview(json.dumps({**preview_base(config, view), "slider": slider, "value": value}).encode()))


@pytest.mark.parametrize(
    "slider,value,layers,acts",
    [
        ("w1", 3, (3, 3, 4, 3), ("sigmoid",) * 3),
        ("w2", 6, (3, 4, 6, 3), ("sigmoid",) * 3),
        ("hidden", 3, (3, 4, 4, 4, 3), ("sigmoid",) * 4),  # a new layer is the last hidden one again
        ("hidden", 0, (3, 3), ("sigmoid",)),
        ("w0", 4, (4, 4, 4, 3), ("sigmoid",) * 3),
        ("wout", 2, (3, 4, 4, 2), ("sigmoid",) * 3),
    ],
)
def test_a_structure_slider_is_the_network_the_structure_fragment_composes(slider, value, layers, acts):
    """Weights kept where a layer's shape stays, the init's own draw where it changes; the data fitted to the new
    input and output widths (ui/controls.py: restructured, which the fragment uses too)."""
    cfg, view = materialise(default_config()), View(notation="ng")
    got = ask_structure(cfg, view, slider, value)
    new = decode_net(got["fig"]["layout"]["meta"]["preview"]["net"])
    assert new.layers == layers and new.activations == acts and new.loss == cfg.loss
    drawn = init_params(layers, cfg.init)
    for k in range(len(layers) - 1):
        kept = k < cfg.n_weight_layers and cfg.layers[k : k + 2] == layers[k : k + 2]
        assert np.array_equal(new.weights[k], cfg.weights[k] if kept else drawn[k][0])
    assert new.x[0][: min(3, layers[0])] == cfg.x[0][: min(3, layers[0])]
    assert got["rev"] == picture_rev(digest(new), view)
    assert got["fig"] == json.loads(figure_json(explorer_picture(new, run_pass(new), view)))


@pytest.mark.parametrize(
    "slider,value", [("x1", 3), ("w", 3), ("wout", 0), ("w1", True), ("w1", 2.5), ("hidden", 40), ("w1", 257)]
)
def test_a_structure_request_out_of_bounds_is_refused(slider, value):
    with pytest.raises(HANDLED):
        ask_structure(default_config(), View(), slider, value)


def test_the_data_panels_sliders_m_lambda_and_the_sample_shown():
    cfg = materialise(from_dict({"layers": [2, 3, 2], "activations": ["tanh", "sigmoid"], "loss": "bce",
                                 "x": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "y": [[1, 0], [0, 1], [1, 1]],
                                 "init": {"scheme": "xavier", "seed": 3}}))  # fmt: skip
    view = View(sample=2)
    got = ask_structure(cfg, view, "sample", 2)  # 1-based, as the slider shows it
    assert got["rev"] == picture_rev(digest(cfg), replace(view, sample=1))
    got = ask_structure(cfg, view, "l2", 0.05)
    assert got["rev"] == picture_rev(digest(cfg.replace(l2=0.05)), view)
    got = ask_structure(cfg, view, "m", 2)  # fewer samples: the one shown is the last left
    fewer = cfg.replace(x=cfg.x[:2], y=cfg.y[:2])
    assert got["rev"] == picture_rev(digest(fewer), replace(view, sample=1))
    got = ask_structure(cfg, view, "m", 5)  # more: new rows as the builder makes them (compose.fit_data)
    more = decode_net(got["fig"]["layout"]["meta"]["preview"]["net"])
    x, y = fit_data(cfg, list(cfg.layers), cfg.loss, 5)
    assert more.m == 5 and np.array_equal(more.x, x) and np.array_equal(more.y, y)
    for slider, value in (("l2", -1), ("l2", "0.1"), ("l2", float("nan")), ("sample", 0), ("sample", 4), ("m", 0)):
        with pytest.raises(HANDLED):
            ask_structure(cfg, view, slider, value)


def ask_choice(config, view, choice, label=""):
    """The network of the picture the route answers with."""
    body = {**preview_base(config, view), "choice": choice, "label": label}
    return decode_net(json.loads(preview(json.dumps(body).encode()))["fig"]["layout"]["meta"]["preview"]["net"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_select_box_or_new_weights_is_the_network_the_structure_fragment_composes(lang):
    cfg, view = materialise(default_config()), View(lang=lang)
    new = ask_choice(cfg, view, "act1", t("act_tanh", lang))
    assert new.activations == ("tanh", "sigmoid", "sigmoid") and np.array_equal(new.weights[0], cfg.weights[0])
    new = ask_choice(cfg, view, "pair", pair_label(("softmax", "cross_entropy"), lang))
    assert (new.activations[-1], new.loss) == ("softmax", "cross_entropy") and np.allclose(np.sum(new.y, axis=1), 1)
    new = ask_choice(cfg, view, "scheme", t("init_constant", lang))
    assert new.init.scheme == "constant" and new.init.value == 0.5 and np.all(np.asarray(new.weights[0]) == 0.5)
    new = ask_choice(cfg, view, "new_weights")
    assert new.init.seed == cfg.init.seed + 1
    assert np.array_equal(new.weights[1], init_params(cfg.layers, replace(cfg.init, seed=cfg.init.seed + 1))[1][0])
    for choice, label in (("act1", "<b>tanh</b>"), ("act3", "tanh"), ("act0", "tanh"), ("seed", ""), ("pair", 5)):
        with pytest.raises(HANDLED):
            ask_choice(cfg, view, choice, label)
