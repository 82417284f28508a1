"""Config round trips, initialisation, read-only results, gradient check, training and symmetry."""

import json
import pickle
import subprocess
import sys

import numpy as np
import pytest
from conftest import NG_CONFIG, ROOT

from engine.config import ConfigError, InitSpec, from_dict, from_json
from engine.gradcheck import gradcheck, relative_error
from engine.network import config_params, init_params, run_pass
from engine.training import roll, train_gd, train_scipy, unroll


def test_config_json_round_trip_and_hash(ng_config):
    cfg = from_dict(ng_config)
    again = from_json(cfg.to_json())
    assert again == cfg and hash(again) == hash(cfg)
    assert cfg.to_dict()["init"] == {"scheme": "xavier", "seed": 0}
    explicit = cfg.replace(weights=[W for W, _ in config_params(cfg)], biases=[b for _, b in config_params(cfg)])
    assert run_pass(explicit).loss == run_pass(cfg).loss
    assert from_json(explicit.to_json()) == explicit


def test_config_is_frozen(ng_config):
    cfg = from_dict(ng_config)
    with pytest.raises(AttributeError):
        cfg.loss = "mse"
    with pytest.raises(ConfigError, match="layers is missing"):
        from_dict({k: v for k, v in ng_config.items() if k != "layers"})


@pytest.mark.parametrize("scheme", ["xavier", "he", "uniform", "normal", "zeros", "constant"])
def test_init_is_deterministic_from_seed(scheme):
    a = init_params((3, 4, 2), InitSpec(scheme, 5))
    b = init_params((3, 4, 2), InitSpec(scheme, 5))
    assert all(np.array_equal(Wa, Wb) for (Wa, _), (Wb, _) in zip(a, b))
    assert [W.shape for W, _ in a] == [(4, 3), (2, 4)]


def test_init_scales():
    big = init_params((200, 200), InitSpec("xavier", 0))[0][0]
    assert big.std() == pytest.approx(np.sqrt(2 / 400), rel=0.05)
    he = init_params((200, 200), InitSpec("he", 0))[0][0]
    assert he.std() == pytest.approx(np.sqrt(2 / 200), rel=0.05)
    assert np.abs(init_params((200, 200), InitSpec("uniform", 0))[0][0]).max() <= 0.12
    assert np.all(init_params((2, 3), InitSpec("constant", 0, 0.25))[0][0] == 0.25)
    assert (
        not init_params((3, 4, 2), InitSpec("xavier", 1))[0][0].tolist()
        == init_params((3, 4, 2), InitSpec("xavier", 2))[0][0].tolist()
    )


def test_results_are_read_only_even_after_pickling(ng_config):
    r = run_pass(from_dict(ng_config))
    r2 = pickle.loads(pickle.dumps(r))
    for res in (r, r2):
        for rec in res.layers:
            for arr in (rec.W, rec.z, rec.a, rec.delta, rec.dW, rec.db):
                with pytest.raises(ValueError):
                    arr[0] = 1.0
    assert np.array_equal(r2.layers[0].dW, r.layers[0].dW)


def test_gradcheck_passes_and_catches_a_planted_bug(ng_config):
    ng_config.update(x=[[0.5, -1.0, 2.0], [1.0, 0.3, -0.5]], y=[[1, 0, 0], [0, 1, 0]], l2=0.2)
    cfg = from_dict(ng_config)
    args = (config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y))
    seen = []
    rep = gradcheck(*args, on_progress=seen.append)
    assert rep.max_error < 1e-7
    assert seen[-1] == pytest.approx(1.0) and seen == sorted(seen)
    assert len(rep.checks) == 6 and rep.checks[0].numeric.shape == (4, 3)
    bad = gradcheck(*args, skip_gprime=2)
    assert bad.layer_max(1) > 1e-2 and bad.layer_max(2) > 1e-2
    assert bad.layer_max(3) < 1e-7  # layers above the bug are untouched


def test_gradcheck_chunks_big_layers_the_same(monkeypatch, ng_config):
    import engine.gradcheck as gc

    cfg = from_dict(ng_config)
    args = (config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y))
    whole = gc.numeric_gradient(*args)
    monkeypatch.setattr(gc, "BATCH_FLOATS", 10)  # forces chunks of one parameter
    chunked = gc.numeric_gradient(*args)
    for (a, b), (c, d) in zip(whole, chunked):
        assert np.allclose(a, c, rtol=0, atol=1e-12) and np.allclose(b, d, rtol=0, atol=1e-12)


def test_relative_error_definition():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(1.0, 1.1) == pytest.approx(0.1 / 1.1)


def test_unroll_roll_round_trip(ng_config):
    params = config_params(from_dict(ng_config))
    theta = unroll(params)
    assert theta.shape == (4 * 3 + 4 + 4 * 4 + 4 + 3 * 4 + 3,)
    back = roll(theta, (3, 4, 4, 3))
    assert all(np.array_equal(W, W2) and np.array_equal(b, b2) for (W, b), (W2, b2) in zip(params, back))


def _xor():
    return from_dict(
        {
            "layers": [2, 3, 1],
            "activations": ["tanh", "sigmoid"],
            "loss": "bce",
            "x": [[0, 0], [0, 1], [1, 0], [1, 1]],
            "y": [[0], [1], [1], [0]],
            "init": {"scheme": "xavier", "seed": 1},
        }
    )


def test_gradient_descent_learns_xor_and_the_step_is_w_minus_alpha_grad():
    cfg = _xor()
    x, y = np.array(cfg.x), np.array(cfg.y)
    p0 = config_params(cfg)
    one = train_gd(p0, cfg.activations, cfg.loss, 0.0, x, y, steps=1, lr=0.5)
    r = run_pass(cfg)
    for (W1, b1), rec in zip(one.params, r.layers):
        assert np.allclose(W1, rec.W - 0.5 * rec.dW, rtol=0, atol=1e-15)
        assert np.allclose(b1, rec.b - 0.5 * rec.db, rtol=0, atol=1e-15)
    res = train_gd(p0, cfg.activations, cfg.loss, 0.0, x, y, steps=2000, lr=1.0)
    assert res.history[-1] < 0.05 and len(res.history) == 2001 and not res.diverged


def test_minibatches_and_scipy_optimisers_reduce_the_cost():
    cfg = _xor()
    x, y = np.array(cfg.x), np.array(cfg.y)
    p0 = config_params(cfg)
    mb = train_gd(p0, cfg.activations, cfg.loss, 0.0, x, y, steps=400, lr=0.5, batch_size=2, seed=3)
    assert len(mb.history) == 401
    full = run_pass(cfg.replace(weights=[W for W, _ in mb.params], biases=[b for _, b in mb.params]))
    assert full.loss < run_pass(cfg).loss
    for method in ("lbfgs", "tnc"):
        res = train_scipy(p0, cfg.activations, cfg.loss, 0.0, x, y, steps=50, method=method)
        assert res.history[-1] < 0.2 * res.history[0] and res.steps_done <= 50


def test_divergence_is_reported_not_hidden():
    cfg = from_dict(
        {
            "layers": [1, 1],
            "activations": ["linear"],
            "loss": "mse",
            "x": [[10.0]],
            "y": [[1.0]],
            "init": {"scheme": "constant", "seed": 0, "value": 1.0},
        }
    )
    res = train_gd(
        config_params(cfg), cfg.activations, cfg.loss, 0.0, np.array(cfg.x), np.array(cfg.y), steps=500, lr=1.0
    )
    assert res.diverged and res.steps_done < 500
    assert all(np.isfinite(W).all() for W, _ in res.params)  # the last finite parameters are kept


@pytest.mark.parametrize("init", [{"scheme": "zeros", "seed": 0}, {"scheme": "constant", "seed": 0, "value": 0.4}])
def test_symmetry_identical_hidden_units_stay_identical(init):
    """Seed 002: with zero or constant weights every hidden unit computes, and learns, the same thing."""
    cfg = from_dict(
        {
            "layers": [3, 4, 4, 2],
            "activations": ["sigmoid", "tanh", "sigmoid"],
            "loss": "bce",
            "x": [[0.5, -1.0, 2.0], [1.0, 0.2, -0.3]],
            "y": [[1, 0], [0, 1]],
            "init": init,
        }
    )
    x, y = np.array(cfg.x), np.array(cfg.y)
    res = train_gd(config_params(cfg), cfg.activations, cfg.loss, 0.0, x, y, steps=25, lr=0.8)
    trained = run_pass(cfg.replace(weights=[W for W, _ in res.params], biases=[b for _, b in res.params]))
    for r in (run_pass(cfg), trained):
        for rec in r.layers[:-1]:  # hidden layers: every unit equal to the first
            assert np.all(rec.a == rec.a[:, :1])
            assert np.all(rec.dW == rec.dW[:1, :])
    random = run_pass(cfg.replace(init={"scheme": "xavier", "seed": 0}))
    assert not np.all(random.layers[0].a == random.layers[0].a[:, :1])


def test_engine_and_viz_never_import_streamlit_or_the_ui():
    code = (
        "import sys, engine, engine.__main__, engine.gradcheck, engine.training; import viz; "
        "import pkgutil, importlib\n"
        "for m in pkgutil.iter_modules(viz.__path__): importlib.import_module('viz.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'ui', 'lessons')]\n"
        "assert not bad, bad  # the figure layer imports nothing from the UI above it (strings: texts/)\n"
        "assert 'plotly' not in sys.modules or True"
    )
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    p = subprocess.run(
        [
            sys.executable,
            "-c",
            "import engine, engine.training, engine.gradcheck, sys; "
            "assert not [m for m in sys.modules if m.startswith(('plotly', 'streamlit'))]",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0, p.stderr


def test_default_config_file_is_the_ng_network():
    cfg = from_json((ROOT / "examples" / "ng_3443.json").read_text())
    assert cfg.layers == (3, 4, 4, 3) and cfg.loss == "bce" and cfg == from_dict(NG_CONFIG)
    assert json.loads(cfg.to_json())["activations"] == ["sigmoid"] * 3


def test_gradcheck_of_a_big_net_checks_a_seeded_sample():
    cfg = from_dict(
        {
            "layers": [64, 64, 64, 10],
            "activations": ["tanh", "tanh", "softmax"],
            "loss": "cross_entropy",
            "x": np.random.default_rng(0).normal(size=(2, 64)).tolist(),
            "y": np.eye(10)[[1, 7]].tolist(),
        }
    )
    args = (config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y))
    rep = gradcheck(*args, limit=300)
    assert rep.n_params == 64 * 64 * 2 + 64 * 2 + 64 * 10 + 10 and rep.n_checked == 300
    assert rep.max_error < 1e-6
    bad = gradcheck(*args, limit=300, skip_gprime=1)
    assert bad.layer_max(1) > 1e-2
