"""Per-sample losses l(a^L, y), in stable (logits) form, beside their output error delta^L.

Shapes: z, a, y are (m, n_L); `value` returns (m,); `delta` returns dl/dz^L, (m, n_L).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from engine.activations import ACTIVATIONS


def _mse_value(z, a, y, act):
    return 0.5 * np.sum((a - y) ** 2, axis=1)


def _mse_delta(z, a, y, act):
    g = a - y  # dl/da
    if ACTIVATIONS[act].elementwise:
        return g * ACTIVATIONS[act].grad(z)
    # softmax: delta = J^T g with J = diag(p) - p p^T, i.e. p * (g - <p, g>)
    return a * (g - np.sum(a * g, axis=1, keepdims=True))


def _bce_value(z, a, y, act):
    # -[y log s(z) + (1-y) log(1-s(z))] = softplus(z) - y z, exact for any finite z
    return np.sum(np.logaddexp(0.0, z) - y * z, axis=1)


def _bce_grad_a(a, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1.0 - a))


def _ce_value(z, a, y, act):
    # -sum_k y_k log p_k = sum_k y_k (logsumexp(z) - z_k)
    return np.sum(y * (logsumexp(z, axis=1, keepdims=True) - z), axis=1)


def _ce_grad_a(a, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y == 0, 0.0, -y / a)


@dataclass(frozen=True)
class Loss:
    name: str
    value: Callable  # (z, a, y, activation name) -> l per sample, shape (m,)
    delta: Callable  # (z, a, y, activation name) -> dl/dz^L, shape (m, n_L)
    grad_a: Callable  # (a, y) -> dl/da^L, shape (m, n_L); for display (may be inf when saturated)
    output: str | None  # the output activation this loss requires, if any
    latex: str
    delta_latex: str


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "mse",
            _mse_value,
            _mse_delta,
            lambda a, y: a - y,
            None,
            r"\ell = \tfrac12 \lVert a^L - y \rVert^2",
            r"\delta^L = (a^L - y) \odot g'(z^L)",
        ),
        Loss(
            "bce",
            _bce_value,
            lambda z, a, y, act: a - y,  # sigmoid' cancels dl/da exactly
            _bce_grad_a,
            "sigmoid",
            r"\ell = -\sum_k \left[ y_k \log a_k + (1-y_k)\log(1-a_k) \right]",
            r"\delta^L = a^L - y",
        ),
        Loss(
            "cross_entropy",
            _ce_value,
            lambda z, a, y, act: a - y,  # rows of y sum to 1, so the softmax Jacobian collapses
            _ce_grad_a,
            "softmax",
            r"\ell = -\sum_k y_k \log a_k",
            r"\delta^L = a^L - y",
        ),
    )
}
