"""Mini-batch L2 (issue 11 item 4): J is defined over the n training samples, so one mini-batch step
follows (1/b) Σ_batch ∇ℓ + (λ/n) W, checked against an independent autograd implementation."""

import json
import subprocess
import sys
from pathlib import Path

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from oracle import act, sample_losses

from engine.config import from_dict
from engine.network import config_params
from engine.training import train_gd

ROOT = Path(__file__).resolve().parent.parent
CFG = {"layers": [3, 5, 2], "activations": ["tanh", "sigmoid"], "loss": "bce", "l2": 0.7,
       "x": [[0.5, -1.0, 2.0], [0.1, 0.3, -0.4], [1.5, 0.2, 0.9], [-0.7, 0.8, 0.0], [0.3, 0.3, 0.3], [2, -1, 1]],
       "y": [[1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1]], "init": {"scheme": "xavier", "seed": 4}}  # fmt: skip


def _batch_objective(Ws, bs, x, y, acts, loss, lam, n):
    """(1/b) Σ_batch ℓ_i + (λ/2n) Σ‖W‖², written from the definition."""
    a = x
    for W, b, g in zip(Ws, bs, acts):
        z = anp.dot(a, W.T) + b
        a = act(g, z)
    return anp.mean(sample_losses(loss, z, a, y)) + lam / (2.0 * n) * sum(anp.sum(W**2) for W in Ws)


def _independent_step(cfg, b, seed, lr):
    x, y = np.array(cfg.x), np.array(cfg.y)
    n = x.shape[0]
    sel = np.random.default_rng(seed).permutation(n)[:b]  # the engine's first batch (seeded shuffle)
    params = config_params(cfg)
    Ws, bs = [W for W, _ in params], [c for _, c in params]
    f = lambda Ws_, bs_: _batch_objective(Ws_, bs_, x[sel], y[sel], cfg.activations, cfg.loss, cfg.l2, n)  # noqa: E731
    gW, gb = grad(f, 0)(Ws, bs), grad(f, 1)(Ws, bs)
    return [(W - lr * dW, c - lr * db) for W, c, dW, db in zip(Ws, bs, gW, gb)]


@pytest.mark.parametrize("b", [1, 2, 4])
def test_one_minibatch_step_matches_the_definition(b):
    cfg = from_dict(CFG)
    x, y = np.array(cfg.x), np.array(cfg.y)
    res = train_gd(config_params(cfg), cfg.activations, cfg.loss, cfg.l2, x, y, steps=1, lr=0.3, batch_size=b, seed=9)
    want = _independent_step(cfg, b, seed=9, lr=0.3)
    for (W, c), (W2, c2) in zip(res.params, want):
        np.testing.assert_allclose(W, W2, rtol=0, atol=1e-14)
        np.testing.assert_allclose(c, c2, rtol=0, atol=1e-14)


def test_the_weight_decay_does_not_grow_as_the_batch_shrinks():
    """With zero data gradient left (the same sample b times is not possible, so compare two batch sizes on
    an L2-only network): the decay per step is λ/n whatever b is."""
    d = dict(CFG, loss="mse", activations=["linear", "linear"], y=[[0, 0]] * 6, x=[[0, 0, 0]] * 6)
    cfg = from_dict(d)
    x, y = np.array(cfg.x), np.array(cfg.y)
    W0 = config_params(cfg)[0][0]
    for b in (1, 3, 6):
        res = train_gd(config_params(cfg), cfg.activations, cfg.loss, cfg.l2, x, y, steps=1, lr=0.5, batch_size=b)
        np.testing.assert_allclose(res.params[0][0], W0 * (1 - 0.5 * cfg.l2 / 6), rtol=1e-14)


def test_the_cli_takes_the_same_step(tmp_path):
    f = tmp_path / "net.json"
    f.write_text(json.dumps(CFG))
    cmd = [sys.executable, "-m", "engine", "train", str(f), "--steps", "1", "--lr", "0.3", "--batch-size", "2",
           "--seed", "9"]  # fmt: skip
    out = json.loads(subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    want = _independent_step(from_dict(CFG), 2, seed=9, lr=0.3)
    for W, (W2, _) in zip(out["config"]["weights"], want):
        np.testing.assert_allclose(np.array(W), W2, rtol=0, atol=1e-14)
