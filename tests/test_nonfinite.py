"""Non-finite numbers shown as such (∞, −∞, NaN) and divergence reported as divergence, everywhere.

The pytest config turns RuntimeWarnings from engine.* into errors, so every pass and page here also
checks that an overflowing network computes without numpy's floating-point warnings.
"""

import json
import re

import numpy as np
import pytest
from apptest_helpers import app, figure, no_exception, page, trace
from streamlit.testing.v1 import AppTest

from engine import experiments as ex
from engine.config import from_dict
from engine.network import config_params, run_pass
from engine.training import divergence_step, train_gd, train_scipy
from ui.state import encode_net
from viz.figure import figure_json
from viz.hover import edge_texts, fmt, neuron_texts, overflow_note, paren, text_num
from viz.network_figure import View, network_figure_dict
from viz.notation import Notation
from viz.tables import ABSENT, neuron_table, weight_table

G = {"layers": [3, 4, 4, 3], "activations": ["sigmoid"] * 3, "loss": "bce", "x": [[0.5, -1.0, 2.0]], "y": [[1, 0, 0]]}
HUGE_W = dict(G, init={"scheme": "constant", "seed": 0, "value": 1e308})  # z^2 = inf, then NaN on the way back
HUGE_X = dict(G, x=[[1e308, 1, 1]], init={"scheme": "constant", "seed": 0, "value": 2.0})  # z^1 = +inf
DIVERGES = {"layers": [2, 3, 1], "activations": ["relu", "linear"], "loss": "mse", "x": [[3, -2], [1, 2]],
            "y": [[1], [0]]}  # fmt: skip


def quiet_pass(d: dict):
    with np.errstate(all="ignore"):
        return run_pass(from_dict(d))


# -- text formatting --------------------------------------------------------------------------------


def test_numbers_as_text_say_inf_and_nan():
    assert fmt([1.5, -2.0, np.inf, -np.inf, np.nan]).tolist() == ["1.5", "−2", "∞", "−∞", "NaN"]
    assert paren([np.nan, -np.inf, -2.0]).tolist() == ["NaN", "(−∞)", "(−2)"]
    assert text_num(5.479e241) == "5.479e241" and text_num(float("nan")) == "NaN" and text_num(np.inf) == "∞"
    assert "\\" not in text_num(5.479e241)


# -- the figure --------------------------------------------------------------------------------------


def test_figure_labels_and_hover_say_nan_where_the_pass_overflowed():
    r = quiet_pass(HUGE_W)
    assert np.isnan(r.loss) and np.isposinf(r.layers[1].z[0]).all() and np.isnan(r.layers[0].delta[0]).all()
    fig = network_figure_dict(r, View(nodes="delta"))
    neurons = next(d for d in fig["data"] if d["name"] == "neurons")
    # labels: inputs have no delta (blank), layers 1 and 2 NaN, the output's delta = a - y is finite
    assert neurons["text"][:3] == ["\u00a0"] * 3
    assert neurons["text"][3:11] == ["NaN"] * 8
    assert neurons["text"][11:] == ["0", "1", "1"]
    hover = neurons["hovertext"]
    assert "z = W·a + b = ∞" in hover[7] and "δ = ∂ℓ/∂z = " in hover[7] and hover[7].endswith("= NaN")
    assert not any("nan" in h or "inf" in h for h in hover)
    edges = next(d for d in fig["data"] if d["name"] == "edges")
    assert "NaN × 0.5 = NaN" in edges["text"][0]  # dJ/dw^1_11 = delta^1_1 a^0_1
    assert not any("nan" in h or "inf" in h for h in edges["text"])
    J = [a["text"] for a in fig["layout"]["annotations"] if a["text"].startswith("<b>J")]
    assert J == ["<b>J = NaN</b>"]
    # the numbers travel as JSON numbers: non-finite ones as null, the text beside them says what they were
    sent = json.loads(figure_json(fig))
    cd = trace(sent, "neurons")["customdata"]
    assert cd[3] == [1, 0, 1.5e308, 1.0, None] and cd[7] == [2, 0, None, 1.0, None]


def test_an_infinite_z_is_labelled_not_dropped():
    r = quiet_pass(HUGE_X)
    assert np.isposinf(r.layers[0].z[0]).all()
    fig = network_figure_dict(r, View(nodes="z"))
    neurons = next(d for d in fig["data"] if d["name"] == "neurons")
    assert neurons["text"][:3] == ["\u00a0"] * 3 and neurons["text"][3:7] == ["∞"] * 4
    assert all("z = W·a + b = ∞" in h for h in neurons["hovertext"][3:7])
    assert trace(json.loads(figure_json(fig)), "neurons")["customdata"][3] == [1, 0, None, 1.0, 0.0]


def test_finite_figures_keep_their_labels():
    r = run_pass(from_dict(G))
    neurons = next(d for d in network_figure_dict(r, View(nodes="z"))["data"] if d["name"] == "neurons")
    assert neurons["text"][:3] == ["\u00a0"] * 3
    assert neurons["text"][3:] == fmt(np.concatenate([rec.z[0] for rec in r.layers]), 3).tolist()
    assert not any("NaN" in h or "∞" in h for h in neuron_texts(r, 0, Notation(), "en") + edge_texts(r, 0, Notation()))


# -- the tables ----------------------------------------------------------------------------------------


def test_tables_show_nan_and_inf_and_mark_absent_cells_apart():
    r = quiet_pass(HUGE_W)
    nt = neuron_table(r, 0, Notation(), "en")
    assert nt["z"].tolist()[:3] == [ABSENT] * 3 and nt["δ"].tolist()[:3] == [ABSENT] * 3  # inputs: no z, no δ
    assert ABSENT != "NaN"
    assert nt["z"].tolist()[3:7] == ["1.5e308"] * 4  # finite values as the formatter writes them
    assert nt["z"].tolist()[7:] == ["∞"] * 7
    assert nt["δ"].tolist()[3:11] == ["NaN"] * 8 and nt["δ"].tolist()[11:] == ["0", "1", "1"]
    assert nt["a"].tolist() == ["0.5", "−1", "2"] + ["1"] * 11
    wt = weight_table(r, Notation(), "en")
    dW = wt["∂J/∂w"].tolist()
    assert dW[:12] == ["NaN"] * 12 and dW[-3:] == ["0", "1", "1"]  # dJ/dW^1 NaN; dJ/db^3 = delta^3
    r2 = quiet_pass(HUGE_X)
    assert neuron_table(r2, 0, Notation(), "en")["z"].tolist()[3:7] == ["∞"] * 4


def test_tables_as_numbers_for_a_csv_file():
    r = run_pass(from_dict(G))
    nt = neuron_table(r, 0, Notation(), "en", text=False)
    assert all(nt[c].dtype == float for c in ("z", "a", "g′(z)", "δ"))
    assert nt["δ"].iloc[-1] == r.layers[-1].delta[0, -1] and np.isnan(nt["z"].iloc[0])
    wt = weight_table(r, Notation(), "en", text=False)
    assert wt["w"].dtype == float and wt["∂J/∂w"].dtype == float


# -- the explorer's note ---------------------------------------------------------------------------------


def test_overflow_note_names_the_layer_and_what_to_change():
    r = quiet_pass(HUGE_W)
    en = overflow_note(r, Notation(), "en")
    assert en.startswith("Overflow in layer 2: z, which became ∞") and "xavier" in en and "inputs" in en
    assert overflow_note(r, Notation("ng"), "en").startswith("Overflow in layer 3: z")  # Ng counts from 1
    zh = overflow_note(r, Notation(), "zh")
    assert "第 2 层的 z" in zh and "xavier" in zh
    assert overflow_note(run_pass(from_dict(G)), Notation(), "en") is None


def link(d: dict) -> str:
    return encode_net(from_dict(d))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explorer_warns_where_the_overflow_arose_and_shows_nan(lang):
    at = app({"net": link(HUGE_W), "lang": lang})
    no_exception(at)
    (w,) = at.warning
    assert ("Overflow in layer 2: z" if lang == "en" else "第 2 层的 z") in w.value and "xavier" in w.value
    neurons = trace(figure(at), "neurons")
    assert any(h.endswith("= NaN") for h in neurons["hovertext"])
    assert not any("nan" in h for h in neurons["hovertext"])
    at.segmented_control(key="view").set_value("table").run()
    no_exception(at)
    nt = at.dataframe[0].value
    assert nt["δ"].tolist()[:3] == [ABSENT] * 3 and nt["δ"].tolist()[3] == "NaN" and nt["z"].tolist()[7] == "∞"


def test_explorer_has_no_note_for_a_finite_network():
    at = app({"net": link(G)})
    no_exception(at)
    assert not at.warning


# -- divergence --------------------------------------------------------------------------------------


def test_divergence_rule():
    assert divergence_step([0.5, 0.4, 0.3]) is None
    assert divergence_step([0.5, 400.0, 499.0]) is None and divergence_step([0.5, 400.0, 501.0]) == 2
    assert divergence_step([0.5, 0.2, np.nan]) == 2 and divergence_step([np.inf]) == 0
    assert divergence_step([1e-9, 0.5, 0.99, 1.01]) == 3  # a start below 0.001 is measured from 0.001
    assert divergence_step([0.01, 50.0], start=0.1, batch_ratio=10) is None  # a hard batch is no divergence
    assert divergence_step([0.01, 2000.0], start=0.1, batch_ratio=10) == 1
    assert divergence_step([]) is None


def test_training_reports_a_finite_blow_up_as_divergence():
    cfg = from_dict(DIVERGES)
    x, y, p = np.array(cfg.x), np.array(cfg.y), config_params(cfg)
    res = train_gd(p, cfg.activations, cfg.loss, cfg.l2, x, y, 200, 5.0)
    assert np.isfinite(res.history).all() and res.history[-1] > 1e200  # never inf: the old check missed it
    assert res.diverged and res.diverged_at == divergence_step(res.history) and res.diverged_at <= 3
    assert res.overflow_at is None and res.largest_cost == max(res.history)
    for lr in (0.1, 0.5):
        ok = train_gd(p, cfg.activations, cfg.loss, cfg.l2, x, y, 200, lr)
        assert not ok.diverged and ok.diverged_at is None and ok.history[-1] < ok.history[0]
    for method in ("lbfgs", "tnc"):
        assert not train_scipy(p, cfg.activations, cfg.loss, cfg.l2, x, y, 50, method).diverged


def test_training_that_overflows_stops_and_says_where():
    cfg = from_dict({"layers": [1, 1], "activations": ["linear"], "loss": "mse", "x": [[10.0]], "y": [[1.0]],
                     "init": {"scheme": "constant", "seed": 0, "value": 1.0}})  # fmt: skip
    res = train_gd(config_params(cfg), cfg.activations, cfg.loss, 0.0, np.array(cfg.x), np.array(cfg.y), 500, 1.0)
    assert res.diverged and res.overflow_at == res.steps_done < 500 and not np.isfinite(res.history[-1])
    assert res.diverged_at < res.overflow_at  # it passed 1000 x J0 long before it overflowed
    assert all(np.isfinite(W).all() for W, _ in res.params)


@pytest.mark.parametrize("seed", range(4))
def test_mini_batches_of_unequal_samples_are_not_divergence(seed):
    # sample 1 fits exactly (loss 0), sample 2 has loss 50: a batch of one can be "infinitely" worse than another
    cfg = from_dict({"layers": [1, 1], "activations": ["linear"], "loss": "mse", "x": [[1.0], [10.0]],
                     "y": [[1.0], [0.0]], "init": {"scheme": "constant", "seed": 0, "value": 1.0}})  # fmt: skip
    x, y = np.array(cfg.x), np.array(cfg.y)
    res = train_gd(config_params(cfg), cfg.activations, cfg.loss, 0.0, x, y, 20, 1e-6, batch_size=1, seed=seed)
    assert min(res.history) < 1e-3 and max(res.history) > 40  # batches of loss ~0 and ~50 both seen
    assert not res.diverged


def test_experiments_use_the_same_rule():
    for lr in (0.05, 0.1, 0.2, 0.3, 1.0):
        d = ex.divergence(lr)
        assert d["diverged_at"] == divergence_step(d["history"]) == d["first_bad"]
        assert (d["diverged_at"] is None) == (lr <= 0.1)
    d = ex.divergence(0.3)
    assert d["diverged_at"] < d["overflow_at"] and d["largest_cost"] == np.inf


def alerts(at: AppTest) -> list[str]:
    return [e.value for kind in (at.error, at.warning, at.success, at.info) for e in kind]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_training_page_reports_divergence_and_withholds_the_weights(lang):
    at = page("training", {"net": link(DIVERGES), "lang": lang})
    assert at.select_slider(key="tr_steps").value == 200 and at.selectbox(key="tr_opt").value == "gd"
    at.select_slider(key="tr_lr").set_value(5.0).run()
    no_exception(at)
    assert not at.success
    (err,) = at.error
    assert ("Training diverged at step" if lang == "en" else "训练在第") in err.value
    assert re.search(r"\de24\d", err.value)  # the largest J, about 1e246, in plain text
    assert at.button(key="tr_use").disabled
    assert not any("\\" in a for a in alerts(at))
    at.select_slider(key="tr_lr").set_value(0.1).run()  # a sound rate: success, and the weights on offer
    assert not at.error and not at.button(key="tr_use").disabled
    assert not any("\\" in a for a in alerts(at))


def test_experiments_page_reports_divergence_in_plain_text():
    at = page("experiments", {"exp": "diverge"})
    (err,) = at.error
    assert err.value.startswith("Diverged at step 3") and "overflowed (J = ∞)" in err.value
    assert not any("\\" in a for a in alerts(at))
    at.select_slider(key="ex_lr").set_value(0.05).run()
    assert not at.error and any("Finite all the way" in s.value for s in at.success)


@pytest.mark.parametrize("d", [HUGE_W, HUGE_X], ids=["huge_w", "huge_x"])
def test_figures_and_equations_of_an_overflowed_pass_raise_no_warnings(d):
    import warnings

    from viz import latex
    from viz.animation import animated_figure_dict, step_figure, steps

    r = quiet_pass(d)
    N, L = Notation(), len(r.layers)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's RuntimeWarnings included, from any module
        for q in ("a", "z", "gp", "delta"):
            animated_figure_dict(r, View(nodes=q))
        for st in steps(L):
            step_figure(r, View(compact=True), st)
        eqs = [latex.loss_eq(r, 0, N, 3)] + [latex.backward_eq(r, l, 0, N, 3) for l in range(1, L)]
        eqs += [f(r, l, 0, N, 3) for l in range(1, L + 1) for f in (latex.forward_eq, latex.grad_eq)]
        eqs += [latex.update_eq(r, l, 0.5, N, 3) for l in range(1, L + 1)]
        assert r"\infty" in " ".join(nums for _, nums in eqs)
        neuron_table(r, 0, N, "en"), weight_table(r, N, "en"), overflow_note(r, N, "en")
