"""The network's health (engine.health): per-layer norms, saturated and dead units, the verdict, the failure
presets that show each problem, and the explorer's panel that words and draws them."""

import json

import numpy as np
import pytest
from apptest_helpers import app, no_exception
from oracle import oracle

from engine.budget import record_bytes
from engine.config import from_dict
from engine.health import (
    GPRIME_MAX,
    SATURATION,
    Nonfinite,
    diagnose,
    first_overflow,
    frobenius,
    health,
    nonfinite,
)
from engine.network import config_params, pass_arrays, run_pass
from engine.presets import HEALTH_PRESETS, PRESETS, preset
from engine.training import train_gd
from texts import STRINGS

SATURATED_Z = {"sigmoid": 5.98, "tanh": 2.99}  # |z| beyond which g'(z) < 1 % of its largest (below: not yet)


def net(layers, acts, loss, Ws, bs, x, y, l2=0.0):
    params = [(np.array(W, float), np.array(b, float)) for W, b in zip(Ws, bs)]
    return pass_arrays(params, acts, loss, l2, np.array(x, float), np.array(y, float))


# -- the numbers, by hand ------------------------------------------------------------------------------
def test_norms_shares_and_dead_units_by_hand():
    # 1-2-1, relu then linear, mse, W^1 = (1, -1)^T, W^2 = (2, 3), no biases, samples x = 1 and x = 2, y = 0:
    # z^1 = (x, -x), so unit 2 is off for both samples (dead) and a^1 = (x, 0); a^2 = 2x and delta^2 = a^2 - y = 2x
    # (2 and 4); delta^1 = (W^2)^T delta^2 * relu'(z^1) = (2 * 2x, 3 * 2x * 0) = (4, 0) and (8, 0).
    r = net([1, 2, 1], ["relu", "linear"], "mse", [[[1], [-1]], [[2, 3]]], [[0, 0], [0]], [[1], [2]], [[0], [0]])
    h1, h2 = health(r)
    assert h2.delta_norm == pytest.approx(np.sqrt((2**2 + 4**2) / 2), rel=1e-15)  # sqrt(10)
    assert h1.delta_norm == pytest.approx(np.sqrt((4**2 + 8**2) / 2), rel=1e-15)  # sqrt(40)
    assert h2.dW_norm == pytest.approx(5.0, rel=1e-15)  # dW^2 = ((2*1 + 4*2)/2, 0) = (5, 0)
    assert h1.dW_norm == pytest.approx(10.0, rel=1e-15)  # dW^1 = ((4*1 + 8*2)/2, 0) = (10, 0)
    assert (h1.saturated, h1.stuck, h1.dead, h1.dead_share) == (0.5, 1, 1, 0.5)  # unit 2, both samples
    assert (h2.saturated, h2.stuck, h2.dead, h2.dead_share) == (None, None, None, None)  # linear: not applicable
    assert (h1.layer, h1.activation, h1.width, h1.copies) == (1, "relu", 2, False)
    assert not h2.copies and h2.gprime_used  # mse: the output's g' is part of delta^L


@pytest.mark.parametrize("act", ["sigmoid", "tanh"])
def test_saturation_threshold_is_one_percent_of_the_largest_slope(act):
    edge = SATURATED_Z[act]
    zs = [0.0, edge, -edge, edge + 0.02, -(edge + 0.02), 40.0]  # saturated: the last three
    r = net([1, 6, 1], [act, "linear"], "mse", [[[z] for z in zs], [[1] * 6]], [[0] * 6, [0]], [[1]], [[0]])
    h = health(r)[0]
    assert h.saturated == pytest.approx(3 / 6) and h.stuck == 3 and h.dead is None
    g = r.layers[0].gprime[0]
    assert (g < SATURATION * GPRIME_MAX[act]).tolist() == [False, False, False, True, True, True]


def test_leaky_relu_never_saturates_and_softmax_output_is_not_applicable():
    r = net([1, 2, 2], ["leaky_relu", "softmax"], "cross_entropy", [[[1], [-1]], [[1, 0], [0, 1]]],
            [[-5, -5], [0, 0]], [[1]], [[0, 1]])  # fmt: skip
    h1, h2 = health(r)
    assert (h1.saturated, h1.stuck, h1.dead) == (0.0, 0, None)
    assert h2.saturated is None and not h2.gprime_used  # softmax + cross-entropy: delta^L = a - y


def test_norms_equal_an_independent_autograd_computation(ng_config):
    d = PRESETS["ng_4layer"]  # m = 3 and lambda = 1: the L2 term is part of dJ/dW
    cfg = from_dict(d)
    params = config_params(cfg)
    x, y = np.array(cfg.x), np.array(cfg.y)
    _, dWs, _, deltas = oracle(params, x, y, cfg.activations, cfg.loss, cfg.l2)
    for h, dW, delta in zip(health(run_pass(cfg)), dWs, deltas):
        assert h.delta_norm == pytest.approx(np.sqrt(np.sum(delta**2) / x.shape[0]), rel=1e-12)
        assert h.dW_norm == pytest.approx(np.sqrt(np.sum(dW**2)), rel=1e-12)


def test_frobenius_neither_overflows_nor_hides_inf_and_nan():
    assert frobenius([3.0, 4.0]) == 5.0
    assert frobenius(np.full((2, 2), 1e200)) == pytest.approx(2e200, rel=1e-15)  # squares would overflow
    assert frobenius([1e-200, 1e-200]) == pytest.approx(np.sqrt(2) * 1e-200, rel=1e-15)  # and underflow
    assert frobenius(np.zeros((3, 2))) == 0.0 and frobenius(np.zeros((0, 2))) == 0.0
    assert frobenius([1.0, np.inf]) == np.inf and np.isnan(frobenius([np.inf, np.nan]))


def test_copies_only_when_the_units_cannot_be_told_apart():
    for scheme, copies in (("zeros", True), ("constant", True), ("xavier", False)):
        d = dict(PRESETS["ng_3443"], init={"scheme": scheme, "seed": 0})
        assert [h.copies for h in health(run_pass(from_dict(d)))] == [copies, copies, False], scheme
    d = dict(PRESETS["xor_221"], layers=[2, 1, 1], init={"scheme": "zeros", "seed": 0})
    assert not health(run_pass(from_dict(d)))[0].copies  # one unit is no symmetry


def test_nonfinite_pass_reads_inf_and_nan_and_the_verdict_says_so():
    d = dict(PRESETS["ng_3443"], init={"scheme": "constant", "seed": 0, "value": 1e308})
    with np.errstate(all="ignore"):
        r = run_pass(from_dict(d))
    rows = health(r)  # no RuntimeWarning (pytest turns engine's into errors)
    assert first_overflow(r) == Nonfinite(2, "z", "inf")
    assert np.isnan(rows[0].delta_norm) and np.isnan(rows[0].dW_norm)
    assert diagnose(rows).kind == "nonfinite"
    assert {(n.layer, n.quantity) for n in nonfinite(r)} >= {(1, "delta"), (1, "dW")}


# -- the verdict -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, kind",
    [("ng_3443", "healthy"), ("ng_4layer", "healthy"), ("xor_221", "healthy"), ("testnet_342", "dead"),
     ("zero_init", "copies"), ("saturated_sigmoid", "saturated"), ("dead_relu", "dead"),
     ("vanishing_sigmoid", "vanishing"), ("divergent_lr", "healthy")],
)  # fmt: skip
def test_diagnose_names_each_presets_problem(name, kind):
    f = diagnose(health(run_pass(preset(name))))
    assert f.kind == kind


def test_diagnose_ratio_is_delta1_over_deltaL():
    rows = health(run_pass(preset("vanishing_sigmoid")))
    f = diagnose(rows)
    assert f.ratio == rows[0].delta_norm / rows[-1].delta_norm and f.first == rows[0].delta_norm


# -- the failure presets: each shows its problem -----------------------------------------------------
@pytest.mark.parametrize("name", HEALTH_PRESETS)
def test_failure_presets_are_valid_json_configs_with_labels_and_notes(name):
    d = json.loads(json.dumps(PRESETS[name]))  # plain JSON, as a file or link carries it
    cfg = from_dict(d)
    assert cfg == preset(name)
    assert record_bytes(cfg.layers, cfg.m) < 1e6 and len(cfg.layers) - 2 <= 6  # the sidebar's builder holds it
    for k in ("preset_" + name, "preset_note_" + name):
        assert STRINGS[k]["en"] and STRINGS[k]["zh"] and STRINGS[k]["en"] != STRINGS[k]["zh"]


def test_zero_init_units_are_identical_and_stay_so():
    cfg = preset("zero_init")
    r = run_pass(cfg)
    for rec in r.layers[:-1]:
        assert (rec.a == rec.a[:, :1]).all() and (rec.delta == rec.delta[:, :1]).all()
        assert np.all(rec.a == 0.5) and np.all(rec.dW == 0)  # sigma(0), and no gradient behind W = 0
    res = train_gd(config_params(cfg), cfg.activations, cfg.loss, 0.0, np.array(cfg.x), np.array(cfg.y), 50, 1.0)
    trained = pass_arrays(res.params, cfg.activations, cfg.loss, 0.0, np.array(cfg.x), np.array(cfg.y))
    assert res.history[-1] < res.history[0]  # it learns something...
    for rec in trained.layers[:-1]:
        assert (rec.a == rec.a[:, :1]).all() and np.ptp(rec.W, axis=0).max() == 0  # ...with copies of one unit


def test_saturated_sigmoid_preset_has_most_first_layer_units_saturated():
    cfg = preset("saturated_sigmoid")
    W, b = config_params(cfg)[0]
    z = np.array(cfg.x) @ W.T + b  # independently of the pass
    sig = 1 / (1 + np.exp(-z))
    assert np.mean(sig * (1 - sig) < 0.01 * 0.25) >= 0.5
    rows = health(run_pass(cfg))
    assert rows[0].saturated >= 0.5 and rows[0].delta_norm < rows[1].delta_norm / 10
    assert rows[0].stuck == 3 and 40 < rows[1].delta_norm / rows[0].delta_norm < 60  # what its note says


def test_dead_relu_preset_has_at_least_half_its_units_dead():
    cfg = preset("dead_relu")
    x = np.array(cfg.x)
    dead = total = 0
    a = x
    for (W, b), act in zip(config_params(cfg), cfg.activations):
        z = a @ W.T + b
        if act == "relu":
            dead += int(np.all(z <= 0, axis=0).sum())
            total += z.shape[1]
        a = np.maximum(z, 0)
    assert total == 12 and dead / total >= 0.5 and dead < total  # some units still carry the gradient
    rows = health(run_pass(cfg))
    assert sum(h.dead for h in rows[:-1]) == dead
    assert all(0 < h.dW_norm for h in rows)


def test_vanishing_preset_deep_sigmoid_delta1_below_a_thousandth_of_deltaL():
    cfg = preset("vanishing_sigmoid")
    assert cfg.layers[1:-1] == (10,) * 6 and set(cfg.activations) == {"sigmoid"}
    rows = health(run_pass(cfg))
    assert rows[0].delta_norm < 1e-3 * rows[-1].delta_norm
    assert all(a.delta_norm < b.delta_norm for a, b in zip(rows, rows[1:]))  # it shrinks at every step back
    assert all(h.saturated == 0 for h in rows)  # small z, not saturation: the product of small factors
    steps = [b.delta_norm / a.delta_norm for a, b in zip(rows, rows[1:])]
    assert all(4 < s < 6 for s in steps), steps  # its note: about 5x per layer, 0.55 -> 4e-5
    assert f"{rows[-1].delta_norm:.2f}" == "0.55" and f"{rows[0].delta_norm:.0e}" == "4e-05"


TRAINING_LRS = [0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0]  # lessons/training.py's learning-rate slider


def test_divergent_lr_preset_diverges_at_the_training_pages_largest_rate_and_not_at_its_default():
    cfg = preset("divergent_lr")
    args = (config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y))
    assert train_gd(*args, 200, max(TRAINING_LRS)).diverged
    ok = train_gd(*args, 200, 0.5)
    assert not ok.diverged and ok.history[-1] < 1e-6 * ok.history[0]
    rows = health(run_pass(cfg))  # its note: ||dJ/dW|| 3 to 4 against weights near 1
    assert all(3 <= round(h.dW_norm) <= 4 for h in rows) and all(0.5 < abs(W).max() < 1.2 for W, _ in args[0])


def test_training_page_diverges_on_the_preset_at_its_largest_rate():
    at = app({"preset": "divergent_lr"})
    at.switch_page("lessons/training.py").run()
    no_exception(at)
    assert at.success and not at.error  # the default rate converges
    lr = at.select_slider(key="tr_lr")
    largest = max(float(o) for o in lr.options)
    assert largest == max(TRAINING_LRS)
    lr.set_value(largest).run()
    no_exception(at)
    assert at.error and not at.success
