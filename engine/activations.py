"""Activation functions, each value beside its derivative.

Every function takes z with shape (m, n) (samples x neurons) and returns the same shape.
`grad` is g'(z) element-wise; for softmax, whose Jacobian is not diagonal, `grad` is the
diagonal p(1 - p) and `jacobian` gives the full matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, softmax

LEAKY_SLOPE = 0.01


def _sigmoid_grad(z):
    # sigma(z) * sigma(-z) = sigma(z)(1 - sigma(z)) without the cancellation in 1 - sigma for z >> 0
    return expit(z) * expit(-z)


def _tanh_grad(z):
    # sech^2(z) = 4 sigma(2z) sigma(-2z): no overflow (cosh does) and no 1 - tanh^2 cancellation
    return 4.0 * expit(2.0 * z) * expit(-2.0 * z)


def _softmax(z):
    return softmax(z, axis=-1)  # shifted by the max inside: no overflow


def _softmax_grad(z):
    p = _softmax(z)
    return p * (1.0 - p)


@dataclass(frozen=True)
class Activation:
    name: str
    fn: Callable[[np.ndarray], np.ndarray]  # z -> a = g(z)
    grad: Callable[[np.ndarray], np.ndarray]  # z -> g'(z), element-wise (diagonal of da/dz)
    latex: str  # g(z) as LaTeX
    grad_latex: str  # g'(z) as LaTeX
    elementwise: bool = True


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", expit, _sigmoid_grad, r"\frac{1}{1+e^{-z}}", r"\sigma(z)\,(1-\sigma(z)) = a(1-a)"),
        Activation("tanh", np.tanh, _tanh_grad, r"\tanh z", r"1-\tanh^2 z = 1-a^2"),
        Activation(
            "relu",
            lambda z: np.maximum(z, 0.0),
            lambda z: (z > 0).astype(z.dtype),
            r"\max(0, z)",
            r"\mathbb{1}(z>0)",
        ),
        Activation(
            "leaky_relu",
            lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
            lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE),
            r"\max(0.01z, z)",
            r"1 \text{ if } z>0 \text{ else } 0.01",
        ),
        Activation("linear", lambda z: z, np.ones_like, "z", "1"),
        Activation(
            "softmax",
            _softmax,
            _softmax_grad,
            r"\frac{e^{z_i}}{\sum_k e^{z_k}}",
            r"p_i(\mathbb{1}[i=j]-p_j)",
            elementwise=False,
        ),
    )
}


def jacobian(name: str, z: np.ndarray) -> np.ndarray:
    """da/dz for each sample, shape (m, n, n): [k, i, j] = da_i/dz_j of sample k.

    Diagonal for element-wise activations; diag(p) - p p^T for softmax.
    """
    act = ACTIVATIONS[name]
    z = np.atleast_2d(z)
    if act.elementwise:
        g = act.grad(z)
        return g[:, :, None] * np.eye(z.shape[1])
    p = act.fn(z)
    return p[:, :, None] * np.eye(z.shape[1]) - p[:, :, None] * p[:, None, :]
