"""Training: (mini-)batch gradient descent, and scipy optimisers on the unrolled parameter vector.

Gradient descent: W <- W - alpha dJ/dW, b <- b - alpha dJ/db (seed 003's step 5).
Optimisers (seed 002): unroll every W^l and b^l into one vector theta, let scipy.optimize.minimize
(L-BFGS-B or TNC) minimise J(theta) with backprop's gradient, then roll theta back into matrices.
Divergence is one rule for every optimiser and experiment: divergence_step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import Params, backward, cost, forward

OPTIMIZERS = ("gd", "lbfgs", "tnc")


GROWTH = 1e3  # a cost beyond GROWTH * max(J0, FLOOR) counts as divergence
FLOOR = 1e-3  # a start below this (a net already fitted) is measured from FLOOR: J must pass 1 to count


def divergence_step(history, start: float | None = None, batch_ratio: float = 1.0) -> int | None:
    """The first index of a cost history where the run counts as diverged, or None.

    The one rule for training and the experiments: J is inf or NaN there, or
        J > GROWTH * max(J0, FLOOR) = 1000 * max(J0, 0.001),
    J0 = `start`, the cost of the starting parameters over all m samples (default history[0]).
    Gradient descent with a step that suits the problem does not raise J at all, let alone
    a thousandfold; a step that is too large makes each update overshoot by more than the last, and J
    grows geometrically until it overflows. Above FLOOR the limit is relative: the units of y do not
    matter. A finite J of 5e241 is divergence as surely as inf is.

    Mini-batches: an entry is the mean loss of a batch of b samples, which is at most m/b times the
    cost over all samples (the losses are >= 0 and the batch carries the full cost's L2 term, so
    J_batch <= (m/b) J). Those entries are held to batch_ratio = m/b times the limit, so a batch of hard
    samples never trips the rule, while a run blowing up passes any fixed multiple soon after.
    """
    h = np.asarray(history, dtype=float)
    if h.size == 0:
        return None
    J0 = float(h[0] if start is None else start)
    limit = GROWTH * max(J0, FLOOR) * batch_ratio if np.isfinite(J0) else -np.inf
    bad = ~np.isfinite(h) | (h > limit)
    return int(np.argmax(bad)) if bad.any() else None


@dataclass(frozen=True)
class TrainResult:
    params: Params
    history: tuple[float, ...]  # J before each step, then J after the last
    diverged: bool  # divergence_step's rule held somewhere: J or a gradient inf/NaN, or J grown 1000-fold
    steps_done: int
    diverged_at: int | None = None  # the first step where it held (an index of history), None if never
    overflow_at: int | None = None  # the step where J or a gradient became inf/NaN (gradient descent stops there)

    @property
    def largest_cost(self) -> float:
        return largest_cost(self.history)


def largest_cost(history) -> float:
    """The largest J of a cost history: inf if it overflowed; NaN entries skipped (NaN if all are)."""
    h = np.asarray(history, dtype=float)
    h = h[~np.isnan(h)]
    return float(h.max()) if h.size else float("nan")


def _result(params, history, steps_done, overflow_at=None, **rule) -> TrainResult:
    """TrainResult with divergence_step's rule (given `rule`) applied; overflow_at: a non-finite J or gradient."""
    h = np.asarray(history, dtype=float)
    if overflow_at is None and not np.isfinite(h).all():
        overflow_at = int(np.argmax(~np.isfinite(h)))
    at = divergence_step(history, **rule)
    if overflow_at is not None:
        at = overflow_at if at is None else min(at, overflow_at)
    return TrainResult(params, tuple(history), at is not None, steps_done, at, overflow_at)


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

    J is defined over all m training samples, J = (1/m) Σ ℓ_i + (λ/2m) Σ‖W‖², so a batch of b samples
    estimates it with (1/b) Σ_batch ℓ_i + (λ/2m) Σ‖W‖², whose gradient is (1/b) Σ_batch ∇ℓ_i + (λ/m) W:
    the pass runs with λ_b = λ·b/m (its own (λ_b/b) W is then (λ/m) W). The history holds that batch
    estimate at each step; with full batches it is the cost itself.
    A run that grows past divergence_step's limit goes on (the chart shows the blow-up) until J or a
    gradient is inf/NaN, where it stops; either way diverged is set and diverged_at says where.
    """
    m = x.shape[0]
    rng = np.random.default_rng(seed)
    bs = m if not batch_size or batch_size >= m else int(batch_size)
    history = []
    order = np.arange(m)
    pos = m
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # the divergence rule's J0 is the cost over all samples; batch costs get m/b times its limit
        rule = {} if bs == m else {"start": grads(params, activations, loss, l2, x, y)[0], "batch_ratio": m / bs}
        l2_batch = l2 * bs / m  # the L2 term belongs to J over all m samples, not to the batch
        for step in range(steps):
            if bs == m:
                xb, yb = x, y
            else:
                if pos + bs > m:
                    order, pos = rng.permutation(m), 0
                sel = order[pos : pos + bs]
                pos += bs
                xb, yb = x[sel], y[sel]
            J, g = grads(params, activations, loss, l2_batch, xb, yb)
            if not _finite(J, g):  # nothing left to learn from: stop with the last finite parameters
                return _result(params, history + [float(J)], step, step, **rule)
            history.append(float(J))
            params = sgd_step(params, g, lr)
        J, g = grads(params, activations, loss, l2, x, y)
    history.append(float(J))
    return _result(params, history, steps, None if _finite(J, g) else steps, **rule)


class _Stop(Exception):
    pass


def train_scipy(params, activations, loss, l2, x, y, steps, method="lbfgs") -> TrainResult:
    """scipy.optimize.minimize on the unrolled vector, at most `steps` iterations."""
    from scipy.optimize import minimize

    layers = [params[0][0].shape[1]] + [W.shape[0] for W, _ in params]

    def fun(theta):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # divergence_step reports it
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
    return _result(final, [float(h) for h in history], len(history) - 1)
