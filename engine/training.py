"""Training: (mini-)batch gradient descent, and scipy optimisers on the unrolled parameter vector.

Gradient descent: W <- W - alpha dJ/dW, b <- b - alpha dJ/db (seed 003's step 5).
Optimisers (seed 002): unroll every W^l and b^l into one vector theta, let scipy.optimize.minimize
(L-BFGS-B or TNC) minimise J(theta) with backprop's gradient, then roll theta back into matrices.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import Params, backward, cost, forward

OPTIMIZERS = ("gd", "lbfgs", "tnc")


@dataclass(frozen=True)
class TrainResult:
    params: Params
    history: tuple[float, ...]  # J before each step, then J after the last
    diverged: bool  # J or a gradient became inf/NaN; params are the last finite ones
    steps_done: int


def grads(params: Params, activations, loss, l2, x, y):
    """(J, [(dW, db), ...]) for one pass."""
    zs, As = forward(params, activations, x)
    J = cost(params, activations, loss, l2, zs[-1], As[-1], y)[0]
    return J, [(dW, db) for _, _, dW, db in backward(params, activations, loss, l2, zs, As, y)]


def sgd_step(params: Params, gradients, lr: float) -> Params:
    """New params W - lr dW, b - lr db (the old ones are not touched)."""
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, gradients)]


def unroll(params: Params) -> np.ndarray:
    """theta = [vec(W^1), b^1, vec(W^2), b^2, ...]."""
    return np.concatenate([np.concatenate([W.ravel(), b]) for W, b in params])


def roll(theta: np.ndarray, layers) -> Params:
    """The inverse of unroll for the given widths."""
    out, k = [], 0
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        W = theta[k : k + n_out * n_in].reshape(n_out, n_in)
        k += n_out * n_in
        out.append((W, theta[k : k + n_out]))
        k += n_out
    return out


def _finite(J, gradients) -> bool:
    return bool(np.isfinite(J) and all(np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in gradients))


def train_gd(params, activations, loss, l2, x, y, steps, lr, batch_size=None, seed=0) -> TrainResult:
    """Batch gradient descent, or mini-batch when batch_size < m (shuffled each epoch, seeded).

    The history holds J over the batch used at each step; with full batches that is the cost itself.
    """
    m = x.shape[0]
    rng = np.random.default_rng(seed)
    bs = m if not batch_size or batch_size >= m else int(batch_size)
    history = []
    order = np.arange(m)
    pos = m
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for step in range(steps):
            if bs == m:
                xb, yb = x, y
            else:
                if pos + bs > m:
                    order, pos = rng.permutation(m), 0
                sel = order[pos : pos + bs]
                pos += bs
                xb, yb = x[sel], y[sel]
            J, g = grads(params, activations, loss, l2, xb, yb)
            if not _finite(J, g):
                return TrainResult(params, tuple(history + [float(J)]), True, step)
            history.append(float(J))
            params = sgd_step(params, g, lr)
        J, g = grads(params, activations, loss, l2, x, y)
    history.append(float(J))
    return TrainResult(params, tuple(history), not _finite(J, g), steps)


class _Stop(Exception):
    pass


def train_scipy(params, activations, loss, l2, x, y, steps, method="lbfgs") -> TrainResult:
    """scipy.optimize.minimize on the unrolled vector, at most `steps` iterations."""
    from scipy.optimize import minimize

    layers = [params[0][0].shape[1]] + [W.shape[0] for W, _ in params]

    def fun(theta):
        J, g = grads(roll(theta, layers), activations, loss, l2, x, y)
        return J, unroll(g)

    history = [fun(unroll(params))[0]]
    last = [unroll(params)]

    def record(theta, *_):
        history.append(fun(theta)[0])
        last[0] = np.array(theta)
        if len(history) > steps:
            raise _Stop  # TNC's C loop has no clean stop, so both methods leave by an exception

    try:
        res = minimize(
            fun,
            last[0],
            jac=True,
            method={"lbfgs": "L-BFGS-B", "tnc": "TNC"}[method],
            callback=record,
            options={"maxiter": max(steps, 1)} if method == "lbfgs" else {"maxfun": 50 * max(steps, 1)},
        )
        theta = res.x
    except _Stop:
        theta = last[0]
    final = roll(theta, layers)
    return TrainResult(final, tuple(float(h) for h in history), not np.isfinite(history[-1]), len(history) - 1)
