"""The explorer page through Streamlit's AppTest: every control changes the pass, state survives."""

import json

import numpy as np
import pytest
from apptest_helpers import (
    app,
    assert_figure_matches_engine,
    data_sliders,
    figure,
    key,
    move_data_slider,
    no_exception,
    shown,
    trace,
)

from engine.config import from_dict
from engine.network import run_pass
from engine.presets import PRESETS, preset
from ui.state import encode_net, materialise
from viz.hover import fmt


def test_opens_on_the_ng_network_with_its_numbers():
    at = app()
    no_exception(at)
    cfg = at.session_state["config"]
    assert cfg.layers == (3, 4, 4, 3) and cfg.loss == "bce" and cfg == materialise(preset("ng_3443"))
    assert_figure_matches_engine(at)
    fig = figure(at)
    assert len(fig["frames"]) == 13  # 3L + 4 moments: input, forward, loss, backward, gradients, all, update
    assert "J = " in " ".join(a["text"] for a in fig["layout"]["annotations"])
    for k, f in enumerate(fig["frames"]):  # J appears once the forward pass has reached it
        assert any(a["text"].startswith("<b>J") for a in f["layout"]["annotations"]) == (k >= 4)


def test_structure_controls_change_the_pass():
    at = app()
    at.slider(key=key(at, "hidden")).set_value(1).run()
    no_exception(at)
    assert at.session_state["config"].layers == (3, 4, 3)
    at.slider(key=key(at, "w1")).set_value(6).run()
    assert at.session_state["config"].layers == (3, 6, 3)
    at.selectbox(key=key(at, "act1")).set_value("relu").run()
    assert at.session_state["config"].activations == ("relu", "sigmoid")
    at.slider(key=key(at, "w0")).set_value(2).run()
    at.slider(key=key(at, "wout")).set_value(2).run()
    cfg = at.session_state["config"]
    assert cfg.layers == (2, 6, 2) and len(cfg.x[0]) == 2 and len(cfg.y[0]) == 2
    at.selectbox(key=key(at, "pair")).set_value(("softmax", "cross_entropy")).run()
    cfg = at.session_state["config"]
    assert cfg.activations[-1] == "softmax" and cfg.loss == "cross_entropy" and sum(cfg.y[0]) == 1
    no_exception(at)
    assert_figure_matches_engine(at)


def test_data_controls_change_the_pass():
    at = app()
    before = run_pass(at.session_state["config"]).loss
    move_data_slider(at, "x1", 2.5)
    cfg = at.session_state["config"]
    assert cfg.x[0][0] == 2.5 and run_pass(cfg).loss != before
    move_data_slider(at, "y2", 0.7)
    assert at.session_state["config"].y[0][1] == 0.7
    at.slider(key=key(at, "m")).set_value(3).run()
    cfg = at.session_state["config"]
    assert cfg.m == 3 and cfg.x[0][0] == 2.5  # the first sample is kept
    at.slider(key="sample_pick").set_value(3).run()
    assert at.session_state["sample"] == 2
    assert_figure_matches_engine(at)  # the figure shows sample 3
    at.slider(key=key(at, "l2")).set_value(1.5).run()
    cfg = at.session_state["config"]
    r = run_pass(cfg)
    assert cfg.l2 == 1.5 and r.loss > r.data_loss
    no_exception(at)


def test_init_controls_redraw_the_weights():
    at = app()
    W0 = at.session_state["config"].weights
    at.button(key=key(at, "new_weights")).click().run()
    cfg = at.session_state["config"]
    assert cfg.init.seed == 1 and cfg.weights != W0
    at.selectbox(key=key(at, "scheme")).set_value("zeros").run()
    assert all(v == 0 for w in at.session_state["config"].weights for row in w for v in row)
    at.selectbox(key=key(at, "scheme")).set_value("constant").run()
    at.number_input(key=key(at, "value_constant")).set_value(0.3).run()
    cfg = at.session_state["config"]
    assert cfg.init.value == 0.3 and all(v == 0.3 for w in cfg.weights for row in w for v in row)
    no_exception(at)


def test_hand_edited_weights_survive_other_edits():
    at = app()
    at.toggle(key="edit_weights").set_value(True).run()
    editor = f"W1_4x3_r{at.session_state['weights_rev']}"
    at.session_state[editor] = {"edited_rows": {0: {"1": 12.0}, 2: {"b": -0.5}}, "added_rows": [], "deleted_rows": []}
    at.run()
    no_exception(at)
    cfg = at.session_state["config"]
    assert cfg.weights[0][0][0] == 12.0 and cfg.biases[0][2] == -0.5
    move_data_slider(at, "x2", 0.4)
    at.selectbox(key=key(at, "act2")).set_value("tanh").run()
    at.slider(key=key(at, "w2")).set_value(5).run()  # reshapes W^2 and W^3, not W^1
    at.slider(key=key(at, "l2")).set_value(0.5).run()
    cfg = at.session_state["config"]
    assert cfg.weights[0][0][0] == 12.0 and cfg.biases[0][2] == -0.5 and cfg.x[0][1] == 0.4
    assert cfg.layers == (3, 4, 5, 3) and cfg.activations[1] == "tanh"
    assert_figure_matches_engine(at)


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets(name):
    at = app()
    at.selectbox(key="preset_pick").set_value(name).run()
    no_exception(at)
    assert at.session_state["config"] == materialise(preset(name))
    assert_figure_matches_engine(at)


def test_preset_link():
    at = app({"preset": "testnet_342"})
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("testnet_342"))


def test_step_by_step_is_the_animation_timeline_with_its_equations():
    """Frames and steps are one timeline: every frame carries its equation, with this network's numbers."""
    at = app()
    at.segmented_control(key="view").set_value("steps").run()
    no_exception(at)
    fig = figure(at)
    frames = fig["frames"]
    assert len(frames) == 13 and fig["layout"]["meta"]["side"] is True  # the picture beside its equations
    assert fig["layout"]["sliders"][0]["active"] == 11  # opens on all gradients
    r = run_pass(at.session_state["config"])
    heads = [f["layout"]["meta"]["eq"]["heading"] for f in frames]
    assert heads[0] == "Input" and heads[4] == "Loss and output error" and heads[-1].startswith("Update")
    assert heads[5:8] == [f"Backward, δ of layer {n}" for n in (3, 2, 1)]
    assert f"{r.layers[0].z[0, 0]:.3g}" in frames[1]["layout"]["meta"]["eq"]["numbers"]  # z¹ of the engine
    eq = frames[4]["layout"]["meta"]["eq"]
    assert "a^{3} - y" in eq["general"] and f"{r.loss:.4g}" in eq["numbers"]
    assert any("a − y" in n for n in eq["notes"])  # the sigmoid + cross-entropy cancellation note
    assert f"{r.layers[1].delta[0, 0]:.3g}" in frames[6]["layout"]["meta"]["eq"]["numbers"]  # δ² of the engine
    for k, f in enumerate(frames):  # the caption says what each frame draws
        assert ("error term δ" in f["layout"]["meta"]["caption"]) == (5 <= k <= 10 or k == 12)


def test_share_link_round_trip_with_values_outside_the_sliders():
    d = {
        "layers": [2, 30, 3],
        "activations": ["leaky_relu", "softmax"],
        "loss": "mse",
        "x": [[7.5, -0.123]],
        "y": [[0.2, -4.0, 9.0]],
        "l2": 12.5,
        "init": {"scheme": "normal", "seed": 9, "value": 2.0},
        "weights": [np.full((30, 2), 12.0).tolist(), np.full((3, 30), -0.25).tolist()],
        "biases": [[0.0] * 30, [1.0, 2.0, 3.0]],
    }
    cfg = from_dict(d)
    at = app({"net": encode_net(cfg)})
    no_exception(at)
    assert at.session_state["config"] == cfg  # exactly as written: nothing clamped
    assert at.selectbox(key="preset_pick").value == "custom"  # not a preset's name over someone's network
    assert at.slider(key=key(at, "w1")).max >= 30
    _, sliders = data_sliders(at)
    (gx, gy) = sliders["groups"]
    assert gx["values"] == [7.5, -0.123] and gx["lo"] <= -3 and gx["hi"] >= 7.5  # widened, not clamped
    assert gy["values"] == [0.2, -4.0, 9.0] and gy["lo"] <= -4 and gy["hi"] >= 9
    move_data_slider(at, "y1", 0.25)  # the other sliders keep their exact values
    assert at.session_state["config"] == cfg.replace(y=((0.25, -4.0, 9.0),))
    move_data_slider(at, "y1", 0.2)
    at.slider(key=key(at, "l2")).set_value(12.5)  # the widened range holds it
    at.run()
    assert at.session_state["config"] == cfg
    assert_figure_matches_engine(at)


@pytest.mark.parametrize(
    "token", ["%%%", "abc", "eJzLSM3JyVcozy_KSQEAGgQEXQ", encode_net(preset("ng_3443"))[:-12], "A" * 50]
)
def test_malformed_links_show_a_message_and_the_default(token):
    at = app({"net": token})
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("ng_3443"))
    assert any("link could not be opened" in shown(e) for e in at.error)


def test_unknown_preset_link():
    at = app({"preset": "nope"})
    no_exception(at)
    assert any("no preset" in shown(e) for e in at.error)


def test_chinese_from_the_link_and_the_switch():
    at = app({"lang": "zh"})
    no_exception(at)
    assert "反向传播" in at.markdown[0].value
    assert "逐步讲解" in at.segmented_control(key="view").options
    at.selectbox(key="lang").set_value("en").run()
    assert "Backprop Explorer" in at.markdown[0].value
    at.selectbox(key="lang").set_value("zh").run()
    no_exception(at)
    labels = " ".join(s.label for s in at.sidebar.slider)
    assert "隐藏层" in labels


def test_ng_notation_everywhere():
    at = app({"notation": "ng"})
    labels = [sl.label for sl in at.sidebar.slider]
    assert "Inputs (layer 1)" in labels and "Outputs (layer 4)" in labels  # Ng numbers layers from 1
    at.segmented_control(key="view").set_value("steps").run()
    no_exception(at)
    eqs = [f["layout"]["meta"]["eq"] for f in figure(at)["frames"]]
    assert any(r"\Theta^{(3)}" in e["general"] and r"\delta^{(3)}" in e["general"] for e in eqs)


def test_upload_valid_and_malformed_files():
    at = app()
    upload_key = "upload_0"
    assert not at.get("file_uploader")  # closed, the save panel is not built (ui/sidebar.py)
    at.session_state["share_open"] = True  # opened, as a click on "Save and share" does
    at.run()
    good = json.dumps(PRESETS["xor_221"]).encode()
    at.file_uploader(key=upload_key).set_value(("xor.json", good, "application/json")).run()
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("xor_221"))
    before = at.session_state["config"]
    for name, data in [
        ("bad.json", b"{not json"),
        ("shape.json", json.dumps(dict(PRESETS["ng_3443"], layers=[3, 2])).encode()),
        ("big.json", b" " * 1_000_001),
    ]:
        key_now = f"upload_{at.session_state['upload_rev']}"
        at.file_uploader(key=key_now).set_value((name, data, "application/json")).run()
        no_exception(at)
        assert at.session_state["config"] == before  # nothing lost
        assert any(name in shown(e) and "unchanged" in shown(e) for e in at.error)


def test_colour_controls_and_table():
    at = app()
    at.segmented_control(key="nodes").set_value("delta").run()
    neurons = trace(figure(at), "neurons")
    r = run_pass(at.session_state["config"])
    assert neurons["marker"]["color"] is not None
    at.segmented_control(key="edges").set_value("W").run()
    at.segmented_control(key="view").set_value("table").run()
    no_exception(at)
    df = at.dataframe[0].value
    assert len(df) == 14 and df["δ"].iloc[-1] == fmt(r.layers[-1].delta[0, -1], 3)  # digits chosen: 3
    assert df["z"].iloc[0] == "—" and "None" not in df.astype(str).to_numpy()  # an input has no z
    wt = at.dataframe[1].value
    assert len(wt) == 12 + 4 + 16 + 4 + 12 + 3


def test_without_static_serving_the_chart_falls_back_and_the_builder_reruns_the_page(monkeypatch):
    """A read-only checkout cannot serve plotly.js: st.plotly_chart draws the figure, which the
    builder's bridge cannot reach, so the explorer does not claim a live chart (ui/live.py)."""
    import ui.plotly_component as pc

    monkeypatch.setattr(pc, "plotly_served", lambda: False)
    at = app()
    no_exception(at)
    assert at.session_state["_live_chart"] is None
    assert len(at.get("plotly_chart")) == 1
    assert_figure_matches_engine(at)


def test_the_explorer_figure_is_not_kept_between_runs():
    """The figure the sidebar pushes ahead of the page (ui/live.py) lives for one run: ~0.5 MB of objects a session
    on the default net, many more on a big one. Kept neither after the page drew it nor when the guess was wrong."""
    at = app()
    assert at.session_state["_drawn_before"][1] == "network" and "_explorer_fig" not in at.session_state
    at.slider(key="b0_w1").set_value(3).run()  # a full run here (AppTest runs the whole script): pushed, then drawn
    no_exception(at)
    assert "_explorer_fig" not in at.session_state and at.session_state["config"].layers == (3, 3, 4, 3)
    at.segmented_control(key="view").set_value("steps").run()  # the steps view: no live explorer chart
    no_exception(at)
    assert "_explorer_fig" not in at.session_state and at.session_state["_drawn_before"][1] is None
