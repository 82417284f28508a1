"""One forward and one backward pass, keeping every intermediate.

Conventions (DESIGN.md), one sample as a column vector: z^l = W^l a^(l-1) + b^l, a^l = g_l(z^l),
a^0 = x. In code samples are rows, so z = a_prev @ W.T + b with shape (m, n_l), and
params[l-1] holds (W^l, b^l): Python's 0-based list index is the only index shift.

J = (1/m) sum_i l_i + (lambda / 2m) sum_l ||W^l||^2
delta^l = dl_i/dz^l per sample; delta^L from the loss, delta^l = (delta^(l+1) W^(l+1)) * g'(z^l)
dW^l = (1/m) delta^l.T @ a^(l-1) + (lambda/m) W^l;  db^l = (1/m) sum_i delta^l_i
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.activations import ACTIVATIONS
from engine.config import InitSpec, NetworkConfig, check_init_value
from engine.losses import LOSSES

Params = list[tuple[np.ndarray, np.ndarray]]  # [(W^1, b^1), ...]; W^l (n_l, n_{l-1}), b^l (n_l,)


def init_params(layers, init: InitSpec) -> Params:
    """Weights drawn by the init scheme, deterministically from init.seed; biases start at 0.

    A uniform/normal scale the draw cannot use (above MAX_INIT_SCALE) raises ConfigError, as validation does.
    """
    check_init_value(init.scheme, init.value)
    rng = np.random.default_rng(init.seed)
    params = []
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        shape = (n_out, n_in)
        if init.scheme == "xavier":  # Glorot uniform: Var = 2 / (n_in + n_out)
            lim = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-lim, lim, shape)
        elif init.scheme == "he":  # He normal: Var = 2 / n_in, for ReLU layers
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), shape)
        elif init.scheme == "uniform":  # Ng's epsilon_init = 0.12
            eps = 0.12 if init.value is None else init.value
            W = rng.uniform(-eps, eps, shape)
        elif init.scheme == "normal":
            W = rng.normal(0.0, 0.01 if init.value is None else init.value, shape)
        elif init.scheme == "zeros":
            W = np.zeros(shape)
        else:  # constant: every weight the same, the symmetry lesson
            W = np.full(shape, 0.5 if init.value is None else init.value)
        params.append((W, np.zeros(n_out)))
    return params


def config_params(config: NetworkConfig) -> Params:
    """The config's own weights and biases where given, the init scheme's draw where not."""
    drawn = init_params(config.layers, config.init) if config.weights is None or config.biases is None else None
    params = []
    for k in range(config.n_weight_layers):
        W = np.array(config.weights[k], dtype=float) if config.weights is not None else drawn[k][0]
        b = np.array(config.biases[k], dtype=float) if config.biases is not None else drawn[k][1]
        params.append((W, b))
    return params


class _ReadOnly:
    """Arrays are read-only, and stay so after pickling (st.cache_data pickles, which drops the flag)."""

    _arrays: tuple[str, ...] = ()  # the fields holding arrays

    def __post_init__(self):
        for name in self._arrays:
            getattr(self, name).flags.writeable = False

    def __setstate__(self, state):
        for k, v in state.items():
            object.__setattr__(self, k, v)
        self.__post_init__()


@dataclass(frozen=True, eq=False)
class LayerRecord(_ReadOnly):
    """Everything one non-input layer l computed, for every sample."""

    _arrays = ("W", "b", "z", "a", "gprime", "delta", "dW", "db")

    activation: str
    W: np.ndarray  # W^l, (n_l, n_{l-1})
    b: np.ndarray  # b^l, (n_l,)
    z: np.ndarray  # z^l = W^l a^(l-1) + b^l, (m, n_l)
    a: np.ndarray  # a^l = g(z^l), (m, n_l)
    gprime: np.ndarray  # g'(z^l) element-wise (softmax: diagonal of its Jacobian), (m, n_l)
    delta: np.ndarray  # dl_i/dz^l per sample, not divided by m, (m, n_l)
    dW: np.ndarray  # dJ/dW^l including the L2 term, (n_l, n_{l-1})
    db: np.ndarray  # dJ/db^l, (n_l,)


@dataclass(frozen=True, eq=False)
class PassResult(_ReadOnly):
    _arrays = ("x", "y", "sample_losses")

    x: np.ndarray  # a^0, (m, n_0)
    y: np.ndarray  # targets, (m, n_L)
    layers: tuple[LayerRecord, ...]  # layers[l-1] is layer l
    loss: float  # J, including the L2 term
    data_loss: float  # (1/m) sum_i l_i
    sample_losses: np.ndarray  # l_i, (m,)
    loss_name: str
    l2: float

    @property
    def m(self) -> int:
        return self.x.shape[0]

    @property
    def widths(self) -> tuple[int, ...]:
        """n_0, n_1, ..., n_L: the layer widths, input first."""
        return (self.x.shape[1],) + tuple(rec.z.shape[1] for rec in self.layers)

    def a(self, l: int) -> np.ndarray:
        """a^l with a^0 = x, shape (m, n_l)."""
        return self.x if l == 0 else self.layers[l - 1].a


def forward(params: Params, activations, x: np.ndarray):
    """zs[l-1] = z^l and As[l] = a^l (As[0] = x), each (m, n_l)."""
    zs, As = [], [x]
    for (W, b), act in zip(params, activations):
        z = As[-1] @ W.T + b
        zs.append(z)
        As.append(ACTIVATIONS[act].fn(z))
    return zs, As


def backward(params: Params, activations, loss: str, l2: float, zs, As, y, skip_gprime: int | None = None):
    """Per-layer (gprime, delta, dW, db), first layer first.

    skip_gprime: 1-based layer whose g'(z) factor is left out, a planted bug for the gradient check lesson.
    """
    m = y.shape[0]
    L = len(params)
    out = [None] * L
    for k in range(L - 1, -1, -1):
        gprime = ACTIVATIONS[activations[k]].grad(zs[k])
        if k == L - 1:
            delta = LOSSES[loss].delta(zs[k], As[-1], y, activations[k])
            if skip_gprime == L and loss == "mse" and ACTIVATIONS[activations[k]].elementwise:
                delta = As[-1] - y
        else:
            delta = delta @ params[k + 1][0]  # (W^(l+1))^T delta^(l+1), samples as rows
            if skip_gprime != k + 1:
                delta = delta * gprime
        dW = delta.T @ As[k] / m
        if l2:
            dW = dW + (l2 / m) * params[k][0]
        out[k] = (gprime, delta, dW, delta.sum(axis=0) / m)
    return out


def cost(params: Params, activations, loss: str, l2: float, z_out, a_out, y):
    """(J, data loss, per-sample losses)."""
    sample = LOSSES[loss].value(z_out, a_out, y, activations[-1])
    data = float(sample.sum()) / y.shape[0]
    reg = 0.5 * l2 / y.shape[0] * sum(float(np.vdot(W, W)) for W, _ in params) if l2 else 0.0
    return data + reg, data, sample


def pass_arrays(params: Params, activations, loss: str, l2: float, x, y, skip_gprime=None) -> PassResult:
    """The forward and backward pass on arrays; x (m, n_0), y (m, n_L)."""
    zs, As = forward(params, activations, x)
    J, data, sample = cost(params, activations, loss, l2, zs[-1], As[-1], y)
    back = backward(params, activations, loss, l2, zs, As, y, skip_gprime)
    records = tuple(
        LayerRecord(act, W, b, z, a, *bk) for (W, b), act, z, a, bk in zip(params, activations, zs, As[1:], back)
    )
    return PassResult(x, y, records, J, data, sample, loss, l2)


def run_pass(config: NetworkConfig, skip_gprime: int | None = None) -> PassResult:
    """Forward and backward pass of a validated config."""
    x = np.array(config.x, dtype=float)
    y = np.array(config.y, dtype=float)
    return pass_arrays(config_params(config), config.activations, config.loss, config.l2, x, y, skip_gprime)
