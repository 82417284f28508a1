"""Gradient checking: backprop's dJ/dtheta against centred differences, for every parameter.

numeric_k = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps), in float64 on copies.
Vectorised: all perturbations of one layer's parameters run as one batch through the layers
above it (the layers below are unchanged, so a^(l-1) is computed once).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.activations import ACTIVATIONS
from engine.losses import LOSSES
from engine.network import Params, forward, pass_arrays

GOOD = 1e-7
SUSPICIOUS = 1e-4
BATCH_FLOATS = 2_000_000  # bound on one batch's activations, so big nets check in chunks


def relative_error(analytic, numeric):
    """|a - n| / max(|a|, |n|); 0 where both are exactly 0; NaN where a parameter was not checked."""
    analytic, numeric = np.asarray(analytic), np.asarray(numeric)
    den = np.maximum(np.abs(analytic), np.abs(numeric))
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = np.where(den > 0, np.abs(analytic - numeric) / np.where(den > 0, den, 1.0), 0.0)
    return np.where(np.isnan(numeric), np.nan, rel)


@dataclass(frozen=True)
class ParamCheck:
    """One parameter array of one layer: analytic, numeric and relative error, same shape."""

    layer: int  # l, 1-based like W^l
    kind: str  # "W" or "b"
    analytic: np.ndarray
    numeric: np.ndarray
    rel_error: np.ndarray

    @property
    def max_error(self) -> float:
        checked = self.rel_error[~np.isnan(self.rel_error)]
        return float(checked.max()) if checked.size else 0.0

    @property
    def n_checked(self) -> int:
        return int(np.sum(~np.isnan(self.rel_error)))


@dataclass(frozen=True)
class GradCheckReport:
    eps: float
    checks: tuple[ParamCheck, ...]  # W^1, b^1, W^2, b^2, ...

    @property
    def max_error(self) -> float:
        return max(c.max_error for c in self.checks)

    @property
    def n_checked(self) -> int:
        return sum(c.n_checked for c in self.checks)

    @property
    def n_params(self) -> int:
        return sum(c.rel_error.size for c in self.checks)

    def layer_max(self, layer: int) -> float:
        return max(c.max_error for c in self.checks if c.layer == layer)

    def to_dict(self) -> dict:
        L = max(c.layer for c in self.checks)
        return {
            "eps": self.eps,
            "max_rel_error": self.max_error,
            "layers": [
                {
                    "layer": l,
                    "max_rel_error": self.layer_max(l),
                    "W_max_rel_error": next(c.max_error for c in self.checks if (c.layer, c.kind) == (l, "W")),
                    "b_max_rel_error": next(c.max_error for c in self.checks if (c.layer, c.kind) == (l, "b")),
                }
                for l in range(1, L + 1)
            ],
            "passed": self.max_error < GOOD,
        }


def _batched_cost(params: Params, k: int, Wb, bb, a_prev, activations, loss, l2, y):
    """J for a batch of perturbed (W^(k+1), b^(k+1)); Wb (B, n_l, n_{l-1}), bb (B, n_l). Returns (B,)."""
    z = np.einsum("mj,bij->bmi", a_prev, Wb) + bb[:, None, :]
    a = ACTIVATIONS[activations[k]].fn(z)
    for (W, b), act in zip(params[k + 1 :], activations[k + 1 :]):
        z = a @ W.T + b
        a = ACTIVATIONS[act].fn(z)
    B, m = z.shape[0], y.shape[0]
    sample = LOSSES[loss].value(z.reshape(B * m, -1), a.reshape(B * m, -1), np.tile(y, (B, 1)), activations[-1])
    J = sample.reshape(B, m).mean(axis=1)
    if l2:
        others = sum(float(np.vdot(W, W)) for j, (W, _) in enumerate(params) if j != k)
        J = J + 0.5 * l2 / m * (others + np.einsum("bij,bij->b", Wb, Wb))
    return J


def sample_indices(params: Params, limit: int, seed: int = 0):
    """Per layer, the flat parameter indices to check: all when the net has at most `limit`
    parameters, else an even, seeded random share of `limit` (None means all)."""
    total = sum(W.size + b.size for W, b in params)
    if total <= limit:
        return [None] * len(params)
    rng = np.random.default_rng(seed)
    per = max(1, limit // len(params))
    return [np.sort(rng.choice(W.size + b.size, min(per, W.size + b.size), replace=False)) for W, b in params]


def numeric_gradient(params: Params, activations, loss, l2, x, y, eps=1e-5, on_progress=None, indices=None):
    """Centred-difference dJ/dW^l and dJ/db^l for every layer: list of (dW, db).

    indices: per layer, the flat indices ([vec(W), b]) to compute, or None for all; the rest are NaN.
    """
    _, As = forward(params, activations, x)
    indices = indices or [None] * len(params)
    total = sum(W.size + b.size if ix is None else len(ix) for (W, b), ix in zip(params, indices))
    done = 0
    out = []
    for k, (W, b) in enumerate(params):
        n_out, n_in = W.shape
        P = W.size + b.size
        flat = np.concatenate([W.ravel(), b])
        widest = max(w.shape[0] for w, _ in params[k:])
        chunk = max(1, BATCH_FLOATS // (2 * x.shape[0] * widest))
        grad = np.full(P, np.nan)
        todo = np.arange(P) if indices[k] is None else np.asarray(indices[k])
        for start in range(0, len(todo), chunk):
            idx = todo[start : start + chunk]
            B = len(idx)
            batch = np.repeat(flat[None, :], 2 * B, axis=0)
            batch[np.arange(B), idx] += eps
            batch[B + np.arange(B), idx] -= eps
            Wb = batch[:, : W.size].reshape(2 * B, n_out, n_in)
            J = _batched_cost(params, k, Wb, batch[:, W.size :], As[k], activations, loss, l2, y)
            grad[idx] = (J[:B] - J[B:]) / (2 * eps)
            done += B
            if on_progress is not None:
                on_progress(done / total)
        out.append((grad[: W.size].reshape(W.shape), grad[W.size :]))
    return out


def gradcheck(params: Params, activations, loss, l2, x, y, eps=1e-5, skip_gprime=None, on_progress=None,
              limit: int | None = None):  # fmt: skip
    """Backprop (optionally with a planted bug) against centred differences; with `limit`, a net with more
    parameters than that checks a seeded random sample of `limit` of them."""
    result = pass_arrays(params, activations, loss, l2, x, y, skip_gprime)
    indices = sample_indices(params, limit) if limit else None
    numeric = numeric_gradient(params, activations, loss, l2, x, y, eps, on_progress, indices)
    checks = []
    for l, (rec, (nW, nb)) in enumerate(zip(result.layers, numeric), start=1):
        checks.append(ParamCheck(l, "W", rec.dW, nW, relative_error(rec.dW, nW)))
        checks.append(ParamCheck(l, "b", rec.db, nb, relative_error(rec.db, nb)))
    return GradCheckReport(eps, tuple(checks))
