"""Ready scenarios from the seeds: symmetry, input scaling, vanishing gradients, the loss switch, divergence.

Each returns plain numbers (arrays and floats) for a chart; the configs are dicts so the app can
load them into the builder or put them in a share link.
"""

from __future__ import annotations

import numpy as np

from engine.config import NetworkConfig, from_dict
from engine.network import config_params, pass_arrays, run_pass
from engine.presets import PRESETS
from engine.training import divergence_step, grads, largest_cost, sgd_step

_X4 = np.round(np.random.default_rng(7).normal(size=(4, 3)), 2).tolist()
_Y4 = [[1, 0], [0, 1], [1, 0], [0, 1]]


def symmetry_config(scheme: str) -> dict:
    init = {"scheme": scheme, "seed": 0} | ({"value": 0.5} if scheme == "constant" else {})
    return {"layers": [3, 4, 2], "activations": ["sigmoid", "sigmoid"], "loss": "bce", "x": _X4, "y": _Y4,
            "init": init}  # fmt: skip


def symmetry(scheme: str, steps: int = 40, lr: float = 1.0) -> dict:
    """Hidden unit k's first incoming weight W^1[k, 0] at every step (the chart), and how far apart the units
    ended up: `spread` is max - min over k of that same weight after the last step; `spread_rows` the largest
    such difference over every incoming weight and the bias (0 exactly when the units are still copies)."""
    cfg = from_dict(symmetry_config(scheme))
    params = config_params(cfg)
    x, y = np.array(cfg.x), np.array(cfg.y)
    track = [params[0][0][:, 0].copy()]
    for _ in range(steps):
        _, g = grads(params, cfg.activations, cfg.loss, 0.0, x, y)
        params = sgd_step(params, g, lr)
        track.append(params[0][0][:, 0].copy())
    track = np.array(track)  # (steps + 1, n_hidden)
    rows = np.column_stack([params[0][0], params[0][1]])  # hidden unit k's incoming weights and bias
    a = pass_arrays(params, cfg.activations, cfg.loss, 0.0, x, y).layers[0].a
    return {"weights": track, "spread": float(np.ptp(track[-1])), "spread_rows": float(np.ptp(rows, axis=0).max()),
            "steps": steps, "hidden_a": a}  # fmt: skip


SCALING_CASES = ("right", "wrong")  # TestNet's own sample (classified correctly), and the same x with the other label


def scaling_config(scale: float, case: str = "right") -> dict:
    """TestNet (seed 004, the testnet_342 preset) with its input multiplied by `scale`; case "right" keeps its
    target, which the network already predicts, "wrong" gives the same x the other class."""
    d = dict(PRESETS["testnet_342"])
    y = np.array(d["y"], float)
    d["x"] = (np.array(d["x"], float) * scale).tolist()
    d["y"] = (y if case == "right" else y[:, ::-1]).tolist()
    return d


def input_scaling(scales=(1, 10, 100, 1000)) -> dict:
    """Seed 004's "inputs x 1000 => gradients x 1000", tried on a correctly classified and a misclassified sample.

    For one sample dJ/dW^1 = delta^1 x^T, so ||dJ/dW^1|| = ||delta^1|| ||x|| exactly: it grows with x only while
    delta^1 does not shrink. TestNet's ReLU layer has no biases, so x * s scales every z by s and the softmax
    saturates: right, p -> y and delta^2 = p - y -> 0 (the gradient vanishes); wrong, delta^2 -> a fixed
    nonzero vector and the gradient grows like s. Per case: arrays over the scales of ||dJ/dW^l|| (scales, L),
    ||x||, ||delta^1||, the probability given to the target, J, and whether the sample is classified right.
    """
    out = {"scales": list(scales)}
    for case in SCALING_CASES:
        rs = [run_pass(from_dict(scaling_config(s, case))) for s in scales]
        out[case] = {
            "norms": np.array([[np.linalg.norm(rec.dW) for rec in r.layers] for r in rs]),
            "x_norm": np.array([np.linalg.norm(r.x[0]) for r in rs]),
            "delta1_norm": np.array([np.linalg.norm(r.layers[0].delta[0]) for r in rs]),
            "p_target": np.array([float(r.layers[-1].a[0] @ r.y[0]) for r in rs]),
            "cost": np.array([r.loss for r in rs]),
            "correct": bool(np.argmax(rs[0].layers[-1].a[0]) == np.argmax(rs[0].y[0])),
        }
    return out


def deep_config(act: str, depth: int = 6, width: int = 6) -> dict:
    """`depth` hidden layers of `width` units (6 by default: the most the sidebar's hidden-layer slider holds)."""
    rng = np.random.default_rng(5)
    init = "xavier" if act in ("sigmoid", "tanh") else "he"
    return {"layers": [4] + [width] * depth + [1], "activations": [act] * depth + ["sigmoid"], "loss": "bce",
            "x": np.round(rng.normal(size=(8, 4)), 2).tolist(), "y": rng.integers(0, 2, (8, 1)).tolist(),
            "init": {"scheme": init, "seed": 1}}  # fmt: skip


def vanishing(acts=("sigmoid", "relu")) -> dict:
    """Per-layer ||dJ/dW^l||, the g'(z) map and dead units (z <= 0 for every sample) for each activation."""
    out = {}
    for act in acts:
        r = run_pass(from_dict(deep_config(act)))
        out[act] = {
            "norms": np.array([np.linalg.norm(rec.dW) for rec in r.layers]),
            "gprime": np.array([rec.gprime.mean(axis=0) for rec in r.layers[:-1]]),  # (layers, width)
            "dead": [int(np.sum(np.all(rec.z <= 0, axis=0))) for rec in r.layers[:-1]] if act == "relu" else None,
        }
    return out


def loss_switch_config(loss: str) -> dict:
    return {"layers": [2, 3, 2], "activations": ["tanh", "sigmoid"], "loss": loss, "x": [[2.0, -1.5]],
            "y": [[1, 0]], "init": {"scheme": "constant", "seed": 0, "value": -1.2}}  # fmt: skip


def loss_switch() -> dict:
    """delta^L of the same network, outputs and targets under MSE and under cross-entropy."""
    res = {}
    for loss in ("mse", "bce"):
        r = run_pass(from_dict(loss_switch_config(loss)))
        res[loss] = {"a": r.layers[-1].a[0], "gprime": r.layers[-1].gprime[0], "delta": r.layers[-1].delta[0],
                     "y": r.y[0]}  # fmt: skip
    return res


def divergence_config() -> dict:
    return {"layers": [2, 3, 1], "activations": ["linear", "linear"], "loss": "mse",
            "x": [[3.0, -2.0], [1.5, 2.5]], "y": [[1.0], [-1.0]], "init": {"scheme": "xavier", "seed": 2}}  # fmt: skip


def divergence(lr: float, steps: int = 60) -> dict:
    """Loss per step of plain gradient descent, judged by engine.training.divergence_step's rule.

    history stops at the first inf/NaN (J or a gradient); diverged_at is where the rule first held
    (J inf/NaN or 1000 times its start), overflow_at where a number first overflowed, largest_cost the
    largest J reached (inf once it overflowed), largest_weight the largest |w| of the last finite weights.
    first_bad is diverged_at, under its older name.
    """
    cfg: NetworkConfig = from_dict(divergence_config())
    params = config_params(cfg)
    x, y = np.array(cfg.x), np.array(cfg.y)
    history, overflow_at = [], None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps):
            J, g = grads(params, cfg.activations, cfg.loss, 0.0, x, y)
            history.append(float(J))
            if not np.isfinite(J) or any(not (np.isfinite(dW).all() and np.isfinite(db).all()) for dW, db in g):
                overflow_at = step
                break
            params = sgd_step(params, g, lr)
    at = divergence_step(history)
    if overflow_at is not None and (at is None or overflow_at < at):  # a gradient overflowed before J did
        at = overflow_at
    return {
        "history": history,
        "diverged_at": at,
        "first_bad": at,
        "overflow_at": overflow_at,
        "largest_cost": largest_cost(history),
        "largest_weight": max(float(np.abs(W).max()) for W, _ in params),
    }
