"""Activations, losses and the whole pass against finite differences and the autograd oracle."""

import os

import numpy as np
import pytest
from conftest import rel_err
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import oracle

from engine.activations import ACTIVATIONS, jacobian
from engine.config import from_dict
from engine.losses import LOSSES
from engine.network import config_params, pass_arrays, run_pass

RNG = np.random.default_rng(12345)


def centred(f, z, eps=1e-6):
    """Element-wise derivative of an element-wise f by centred differences."""
    return (f(z + eps) - f(z - eps)) / (2 * eps)


@pytest.mark.parametrize("name", [n for n, a in ACTIVATIONS.items() if a.elementwise])
def test_elementwise_derivative_matches_finite_differences(name):
    z = RNG.normal(0, 3, (5, 7))
    z = z[np.abs(z) > 1e-3].reshape(-1, 1)  # keep clear of the ReLU kink
    act = ACTIVATIONS[name]
    assert rel_err(act.grad(z), centred(act.fn, z)) < 1e-7


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_jacobian_matches_finite_differences(name):
    z = RNG.normal(0, 2, (3, 4))
    z[np.abs(z) < 1e-3] = 0.5
    J = jacobian(name, z)
    eps = 1e-6
    for j in range(4):
        dz = np.zeros_like(z)
        dz[:, j] = eps
        col = (ACTIVATIONS[name].fn(z + dz) - ACTIVATIONS[name].fn(z - dz)) / (2 * eps)
        assert rel_err(J[:, :, j], col) < 1e-7


def test_softmax_jacobian_entries_are_p_times_indicator_minus_p():
    z = np.array([[1.0, -0.5, 2.0]])
    p = ACTIVATIONS["softmax"].fn(z)[0]
    J = jacobian("softmax", z)[0]
    assert J[0, 0] == pytest.approx(p[0] * (1 - p[0]), rel=1e-12)
    assert J[0, 2] == pytest.approx(-p[0] * p[2], rel=1e-12)
    assert np.allclose(J.sum(axis=0), 0.0, atol=1e-15)  # probabilities keep summing to 1


def test_relu_derivative_at_zero_is_zero_and_leaky_slope_is_001():
    z = np.array([[0.0, -2.0, 3.0]])
    assert ACTIVATIONS["relu"].grad(z).tolist() == [[0.0, 0.0, 1.0]]
    assert ACTIVATIONS["leaky_relu"].fn(z).tolist() == [[0.0, -0.02, 3.0]]


VALID_PAIRS = [("mse", a) for a in ACTIVATIONS] + [("bce", "sigmoid"), ("cross_entropy", "softmax")]


@pytest.mark.parametrize("loss,act", VALID_PAIRS)
def test_output_delta_matches_finite_differences_of_the_loss(loss, act):
    z = RNG.normal(0, 1.5, (4, 3))
    y = RNG.uniform(0, 1, (4, 3))
    if loss == "cross_entropy":
        y = y / y.sum(axis=1, keepdims=True)
    g = ACTIVATIONS[act].fn

    def ell(zz):
        return LOSSES[loss].value(zz, g(zz), y, act)

    delta = LOSSES[loss].delta(z, g(z), y, act)
    eps = 1e-6
    for j in range(3):
        dz = np.zeros_like(z)
        dz[:, j] = eps
        assert rel_err(delta[:, j], (ell(z + dz) - ell(z - dz)) / (2 * eps)) < 1e-7


@st.composite
def networks(draw):
    L = draw(st.integers(1, 5))
    widths = draw(st.lists(st.integers(1, 5), min_size=L + 1, max_size=L + 1))
    loss = draw(st.sampled_from(["mse", "bce", "cross_entropy"]))
    hidden = draw(
        st.lists(st.sampled_from(["sigmoid", "tanh", "relu", "leaky_relu", "linear"]), min_size=L - 1, max_size=L - 1)
    )
    out = {"bce": "sigmoid", "cross_entropy": "softmax"}.get(loss) or draw(st.sampled_from(list(ACTIVATIONS)))
    m = draw(st.integers(1, 8))
    l2 = draw(st.sampled_from([0.0, 0.3, 1.7]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1.5, (m, widths[0]))
    if loss == "mse":
        y = rng.normal(0, 1, (m, widths[-1]))
    elif loss == "bce":
        y = rng.uniform(0, 1, (m, widths[-1]))
    else:
        y = np.eye(widths[-1])[rng.integers(0, widths[-1], m)]
    weights = [rng.normal(0, 1.2, (o, i)).tolist() for i, o in zip(widths[:-1], widths[1:])]
    biases = [rng.normal(0, 0.5, o).tolist() for o in widths[1:]]
    return from_dict(
        {
            "layers": widths,
            "activations": hidden + [out],
            "loss": loss,
            "x": x.tolist(),
            "y": y.tolist(),
            "l2": l2,
            "weights": weights,
            "biases": biases,
        }
    )


@settings(
    max_examples=int(os.environ.get("ORACLE_EXAMPLES", 150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(networks())
def test_pass_matches_autograd_oracle(config):
    r = run_pass(config)
    x, y = np.array(config.x), np.array(config.y)
    J, dWs, dbs, deltas = oracle(config_params(config), x, y, config.activations, config.loss, config.l2)
    assert abs(r.loss - J) <= 1e-7 * abs(J) + 1e-15
    for rec, dW, db, d in zip(r.layers, dWs, dbs, deltas):
        assert rel_err(rec.dW, dW) < 1e-7
        assert rel_err(rec.db, db) < 1e-7
        assert rel_err(rec.delta, d) < 1e-7


def test_ng_network_worked_forms(ng_config):
    """Seed 000: delta^(4) = a - y and delta^(3) = Theta^(3)T delta^(4) o a(1 - a); dJ/dTheta = delta a^T."""
    r = run_pass(from_dict(ng_config))
    out, hid = r.layers[2], r.layers[1]
    y = np.array(ng_config["y"], float)
    assert np.array_equal(out.delta, out.a - y)
    expected = (out.W.T @ out.delta[0]) * hid.a[0] * (1 - hid.a[0])
    assert rel_err(hid.delta[0], expected) < 1e-14
    assert rel_err(out.dW, np.outer(out.delta[0], hid.a[0])) < 1e-14


def test_testnet_softmax_cross_entropy_delta_is_p_minus_onehot():
    """Seed 004: TestNet 3-4-2, ReLU, softmax, cross-entropy: dJ/dz^(2) = p - 1(y)."""
    cfg = from_dict(
        {
            "layers": [3, 4, 2],
            "activations": ["relu", "softmax"],
            "loss": "cross_entropy",
            "x": [[1.0, 2.0, -1.0]],
            "y": [[0, 1]],
            "init": {"scheme": "he", "seed": 3},
        }
    )
    r = run_pass(cfg)
    p = r.layers[1].a[0]
    assert np.allclose(p.sum(), 1.0)
    assert np.array_equal(r.layers[1].delta[0], p - np.array([0.0, 1.0]))
    # the hidden layer: (W^(2))^T delta^(2) * 1(z > 0)
    expected = (r.layers[1].W.T @ r.layers[1].delta[0]) * (r.layers[0].z[0] > 0)
    assert rel_err(r.layers[0].delta[0], expected) < 1e-14


def test_batch_identity_with_l2(ng_config):
    """Seed 002: D = (1/m) sum_i delta_i a_i^T + (lambda/m) W, bias not regularised."""
    rng = np.random.default_rng(7)
    ng_config.update(x=rng.normal(size=(5, 3)).tolist(), y=np.eye(3)[[0, 1, 2, 0, 1]].tolist(), l2=0.7)
    cfg = from_dict(ng_config)
    r = run_pass(cfg)
    m = 5
    for l, rec in enumerate(r.layers, start=1):
        Delta = sum(np.outer(rec.delta[i], r.a(l - 1)[i]) for i in range(m))
        assert rel_err(rec.dW, Delta / m + 0.7 / m * rec.W) < 1e-13
        assert rel_err(rec.db, rec.delta.sum(axis=0) / m) < 1e-13
        single = run_pass(cfg.replace(x=[cfg.x[0]], y=[cfg.y[0]], l2=0.0))
        assert rel_err(single.layers[l - 1].delta[0], rec.delta[0]) < 1e-13  # per-sample, not divided by m
    reg = 0.7 / (2 * m) * sum(np.sum(rec.W**2) for rec in r.layers)
    assert r.loss == pytest.approx(r.sample_losses.mean() + reg, rel=1e-14)


@pytest.mark.parametrize("loss,out", [("bce", "sigmoid"), ("cross_entropy", "softmax"), ("mse", "sigmoid")])
def test_saturation_weights_times_300_stay_finite_and_exact(loss, out):
    base = from_dict(
        {
            "layers": [3, 4, 3],
            "activations": ["tanh", out],
            "loss": loss,
            "x": [[0.5, -1.0, 2.0]],
            "y": [[1, 0, 0]],
            "init": {"scheme": "xavier", "seed": 1},
        }
    )
    params = [(300 * W, b) for W, b in config_params(base)]
    x, y = np.array(base.x), np.array(base.y)
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # any overflow or invalid op fails the test
        r = pass_arrays(params, base.activations, loss, 0.0, x, y)
    z = r.layers[-1].z[0]
    assert np.isfinite(r.loss) and all(np.isfinite(rec.dW).all() and np.isfinite(rec.delta).all() for rec in r.layers)
    if loss == "bce":  # softplus(z) - y z, element by element in plain Python
        import math

        ref = sum(max(zk, 0) + math.log1p(math.exp(-abs(zk))) - yk * zk for zk, yk in zip(z, y[0]))
        assert r.loss == pytest.approx(ref, rel=1e-12)
        assert np.array_equal(r.layers[-1].delta[0], r.layers[-1].a[0] - y[0])
    elif loss == "cross_entropy":
        zmax = max(z)
        import math

        lse = zmax + math.log(sum(math.exp(zk - zmax) for zk in z))
        assert r.loss == pytest.approx(lse - z[0], rel=1e-12, abs=1e-300)
        wrong = np.eye(3)[[int(np.argmin(z))]]  # confidently wrong: expensive, and still finite
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            rw = pass_arrays(params, base.activations, loss, 0.0, x, wrong)
        assert rw.loss == pytest.approx(lse - min(z), rel=1e-12) and rw.loss > 100


def test_sigmoid_and_tanh_derivatives_stay_accurate_in_the_tails():
    z = np.array([[40.0, -40.0, 400.0, -800.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = ACTIVATIONS["sigmoid"].grad(z)
        t = ACTIVATIONS["tanh"].grad(z)
    assert s[0, 0] == pytest.approx(np.exp(-40.0), rel=1e-12)
    assert t[0, 0] == pytest.approx(4 * np.exp(-80.0), rel=1e-12)
    assert s[0, 3] == 0.0 and t[0, 3] == 0.0
