"""No wrong words (issue 10): seed 004's inputs × 1000 in both cases, chart titles and table headers, and the
wording fixes across the lesson pages, the preset picker and the experiments' networks."""

import numpy as np
import pytest
from apptest_helpers import app, figure, key, move_data_slider, no_exception, page
from test_issue10_alarms import title

from engine import experiments as ex
from engine.config import from_dict
from engine.network import run_pass
from engine.presets import PRESETS, preset
from ui.state import encode_net, materialise


# ---- 2. seed 004: inputs × 1000 ----
def test_input_scaling_vanishes_when_right_and_grows_when_wrong():
    res = ex.input_scaling()
    assert res["scales"] == [1, 10, 100, 1000]
    right, wrong = res["right"], res["wrong"]
    assert right["correct"] and not wrong["correct"]
    assert right["norms"][:, 0] == pytest.approx([0.5987, 0.003673, 1.051e-35, 0.0], rel=1e-3)
    assert right["norms"][-1, 0] == 0.0 and right["p_target"][-1] == 1.0  # softmax saturated on the right class
    assert wrong["norms"][-1, 0] / wrong["norms"][0, 0] == pytest.approx(1423, rel=1e-3)
    for case in (right, wrong):  # dJ/dW1 = δ1 xᵀ: its norm is ‖δ1‖‖x‖, exactly what the table shows
        assert np.allclose(case["norms"][:, 0], case["delta1_norm"] * case["x_norm"], rtol=1e-12)
    assert ex.scaling_config(1, "right")["x"] == PRESETS["testnet_342"]["x"]


def test_experiments_page_scaling_shows_both_cases_with_titles_and_headers():
    at = page("experiments", {"exp": "scaling"})
    fig = figure(at)
    assert title(fig, "xaxis") == "input scale s (x × s)"
    assert title(fig, "yaxis") == "‖∂J/∂W¹‖"
    assert [tr["name"] for tr in fig["data"]] == ["correctly classified (TestNet's sample)",
                                                  "misclassified (same x, other label)"]  # fmt: skip
    df = at.dataframe[0].value
    assert list(df.columns) == ["sample", "x × s", "p(target)", "‖δ¹‖", "‖x‖", "‖∂J/∂W¹‖ = ‖δ¹‖·‖x‖", "‖∂J/∂W²‖"]
    assert df["‖∂J/∂W¹‖ = ‖δ¹‖·‖x‖"].tolist()[:4] == ["0.5987", "0.003673", "1.051e−35", "0"]
    assert df["‖∂J/∂W¹‖ = ‖δ¹‖·‖x‖"].tolist()[7] == "2015"
    assert any("× 1,423" in m.value and "only for the misclassified" in m.value for m in at.markdown)
    assert any("grows with x only while δ¹ does not shrink" in i.value for i in at.info)
    at.segmented_control(key="ex_case").set_value("wrong").run()
    at.button(key="ex_open").click().run()
    no_exception(at)
    assert at.session_state["config"] == materialise(from_dict(ex.scaling_config(1000, "wrong")))


@pytest.mark.parametrize("exp", ["symmetry", "scaling", "vanishing", "loss", "diverge"])
def test_every_experiment_chart_has_axis_titles(exp):
    at = page("experiments", {"exp": exp})
    for k in range(len(at.get("plotly_chart"))):
        fig = figure(at, k)
        assert title(fig, "xaxis") and title(fig, "yaxis"), (exp, k)
    for t in at.table:  # the loss switch's table: named columns and rows
        assert list(t.value.columns) == ["a", "y", "σ′(z)", "δ (MSE)", "δ (cross-entropy)"]
        assert t.value.index.name == "output neuron"


# ---- 3. words ----
def test_chain_rule_neuron_mode_says_what_backprop_computes():
    at = page("chain_rule")
    at.segmented_control(key="cr_mode").set_value("neuron").run()
    at.selectbox(key="cr_nl").set_value(2).run()
    r = run_pass(preset("ng_3443"))
    text = [x.value for x in at.latex]
    assert not any("δ · a" in x for x in text)
    assert any(r"\text{Backprop's δ}" in x and f"{r.layers[1].delta[0, 0]:.6g}" in x for x in text)
    assert any("Equal to the last printed digit" in s.value for s in at.success)
    at.selectbox(key="cr_nl").set_value(3).run()  # an output neuron
    assert any("δᴸ = a − y" in i.value for i in at.info)
    assert not any("δ · a" in x.value for x in at.latex)


def test_chain_rule_output_neuron_under_mse():
    for act, formula in (("sigmoid", "δᴸ = (a − y) ⊙ g′(z)."), ("linear", "= a − y, since a linear output")):
        d = dict(PRESETS["ng_3443"], loss="mse", activations=["sigmoid", "sigmoid", act])
        at = page("chain_rule", {"net": encode_net(from_dict(d))})
        at.segmented_control(key="cr_mode").set_value("neuron").run()
        at.selectbox(key="cr_nl").set_value(3).run()
        (info,) = [i.value for i in at.info]
        assert formula in info and "δᴸ = a − y." not in info
        rec = run_pass(from_dict(d)).layers[-1]
        assert any(f"{rec.delta[0, 0]:.6g}" in x.value and r"\times" in x.value for x in at.latex)


def test_the_notes_shown_at_the_loss_step_under_mse_do_not_say_delta_is_a_minus_y():
    """The explorer's loss step shows note_mse_delta (note_cancel for cross-entropy) and the seed's sign note,
    note_sign, for every loss: neither may tell an MSE network that δ = a − y."""
    from texts import t

    en = [t("note_mse_delta", "en"), t("note_sign", "en")]
    assert "δᴸ = (a − y) ⊙ g′(z)" in en[0] and "(a − y) ⊙ g′(z) with MSE" in en[1]
    assert "δ = ∂J/∂z = a − y" not in " ".join(en) and "a − y with cross-entropy" in en[1]
    assert "only a linear output (g′ = 1) has δᴸ = a − y" in en[0]
    zh = [t("note_mse_delta", "zh"), t("note_sign", "zh")]
    assert "δᴸ = (a − y) ⊙ g′(z)" in zh[0] and "均方误差时为 (a − y) ⊙ g′(z)" in zh[1]
    assert "δ = ∂J/∂z = a − y" not in " ".join(zh)


def test_symmetry_metric_measures_the_charted_weights():
    at = page("experiments", {"exp": "symmetry"})
    for scheme in ("constant", "xavier"):
        at.segmented_control(key="ex_scheme").set_value(scheme).run()
        last = [tr["y"][-1] for tr in figure(at)["data"]]
        assert at.metric[0].label.startswith("Spread of the charted weight W¹ₖ₁")
        assert at.metric[0].value == f"{max(last) - min(last):.3g}"
        assert title(figure(at), "yaxis").startswith("W¹ₖ₁")
    assert float(at.metric[0].value) > 0.1
    assert ex.symmetry("constant")["spread"] == ex.symmetry("constant")["spread_rows"] == 0.0


def test_training_page_says_full_batch_when_the_batch_is_m():
    at = page("training", {"preset": "xor_221"})
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Full batch: every step uses all m = 4 samples") for c in captions)
    assert not any("Mini-batch" in c for c in captions)
    assert at.select_slider(key="tr_batch").format_func(4) == "4 (full batch)"
    at.select_slider(key="tr_batch").set_value(2).run()
    assert any(c.value.startswith("Mini-batches of 2 of the m = 4 samples") for c in at.caption)
    assert not any(c.value.startswith("Full batch") for c in at.caption)


def test_preset_picker_says_custom_after_every_kind_of_change():
    at = app()
    picker = lambda: at.selectbox(key="preset_pick").value  # noqa: E731
    assert picker() == "ng_3443"
    at.run()
    assert picker() == "ng_3443"  # no edit, no change
    move_data_slider(at, "x1", 0.25)  # a data slider (the builder's fragment)
    no_exception(at)
    assert picker() == "custom" and at.session_state["config"].x[0][0] == 0.25
    at.selectbox(key="preset_pick").set_value("xor_221").run()
    assert picker() == "xor_221" and at.session_state["config"] == materialise(preset("xor_221"))
    at.slider(key=key(at, "w1")).set_value(3).run()  # a structure edit
    assert picker() == "custom" and at.session_state["config"].layers == (2, 3, 1)
    at.selectbox(key="preset_pick").set_value("xor_221").run()
    at.switch_page("lessons/training.py").run()
    at.button(key="tr_use").click().run()  # training's "use the trained weights"
    no_exception(at)
    assert picker() == "custom" and at.session_state["config"] != materialise(preset("xor_221"))
    at.selectbox(key="preset_pick").set_value("ng_3443").run()
    at.switch_page("lessons/experiments.py").run()
    at.button(key="ex_open").click().run()  # the experiments' "open in builder"
    no_exception(at)
    assert picker() == "custom" and at.session_state["config"].layers == (3, 4, 2)
    at.switch_page("lessons/chain_rule.py").run()
    assert picker() == "custom"


def test_vanishing_experiment_opens_in_a_builder_that_holds_it():
    cfg = from_dict(ex.deep_config("sigmoid"))
    assert cfg.n_weight_layers - 1 == 6  # hidden layers: the sidebar slider's usual maximum
    at = page("experiments", {"exp": "vanishing"})
    at.button(key="ex_open").click().run()
    no_exception(at)
    assert at.session_state["config"] == materialise(cfg)
    hidden = at.slider(key=key(at, "hidden"))
    assert hidden.value == 6 and hidden.max == 6
    assert at.selectbox(key="preset_pick").value == "custom"
    res = ex.vanishing()
    assert res["sigmoid"]["norms"][0] < 1e-3 * res["sigmoid"]["norms"][-1]  # still vanishing with 6 layers
