"""The chain rule taken apart: path products for one weight, and delta by explicit Jacobians.

For weight W^l[i, j] and one sample, dl/dW^l_ij = delta^l_i a^(l-1)_j, and delta^l_i is the sum over
every path i = k_l -> k_(l+1) -> ... -> k_L of
    g'(z^l_(k_l)) * w^(l+1)_(k_(l+1) k_l) * g'(z^(l+1)_(k_(l+1))) * ... * w^L_(k_L k_(L-1)) * dl/dz^L_(k_L)
(the last factor is delta^L, which already holds the loss and the output activation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.activations import jacobian
from engine.losses import LOSSES
from engine.network import PassResult


@dataclass(frozen=True)
class Path:
    neurons: tuple[int, ...]  # k_l, k_(l+1), ..., k_L: one neuron index per layer from l to L
    factors: tuple[float, ...]  # g'(z^l), w^(l+1), g'(z^(l+1)), ..., w^L, delta^L
    product: float


def path_count(layers, l: int) -> int:
    """Paths from one neuron of layer l to the outputs: the product of the widths above l."""
    return int(np.prod(layers[l + 1 :], dtype=object)) if l < len(layers) - 1 else 1


def _factors(r: PassResult, l: int, ks: tuple[int, ...], s: int) -> tuple[float, ...]:
    L = len(r.layers)
    if l == L:
        return (float(r.layers[-1].delta[s, ks[0]]),)
    out = []
    for step, (a, b) in enumerate(zip(ks[:-1], ks[1:])):
        out.append(float(r.layers[l - 1 + step].gprime[s, a]))
        out.append(float(r.layers[l + step].W[b, a]))
    out.append(float(r.layers[-1].delta[s, ks[-1]]))
    return tuple(out)


def make_path(r: PassResult, l: int, ks, s: int) -> Path:
    f = _factors(r, l, tuple(ks), s)
    return Path(tuple(int(k) for k in ks), f, float(np.prod(f)))


def all_paths(r: PassResult, l: int, s: int, node_paths) -> list[Path]:
    """Every path from one neuron of layer l; node_paths lists them as [(layer, k), ...] (from networkx)."""
    return [make_path(r, l, [k for _, k in p], s) for p in node_paths]


def top_paths(r: PassResult, l: int, i: int, s: int, k: int = 12) -> list[Path]:
    """The k paths with the largest |product|, found exactly without listing every path.

    K-best paths in a layered DAG: the best k prefixes ending at a neuron extend to the best k paths
    through it, because the factors after that neuron are shared. Vectorised per layer.
    """
    L = len(r.layers)
    if l == L:
        return [make_path(r, l, [i], s)]
    n = r.layers[l - 1].W.shape[0]
    vals = np.full((n, 1), np.nan)  # (neurons of the current layer, kept prefixes); NaN: no such prefix
    vals[i, 0] = r.layers[l - 1].gprime[s, i]
    paths = np.arange(n)[:, None, None]  # (neurons, kept prefixes, neurons along the prefix)
    for m in range(l + 1, L + 1):
        W = r.layers[m - 1].W  # (n_next, n_cur)
        tail = r.layers[-1].delta[s] if m == L else r.layers[m - 1].gprime[s]
        cand = (W[:, :, None] * vals[None, :, :] * tail[:, None, None]).reshape(W.shape[0], -1)
        keep = min(k, cand.shape[1])
        rank = np.where(np.isnan(cand), -1.0, np.abs(cand))  # a missing prefix ranks below any real one
        top = np.argsort(-rank, axis=1, kind="stable")[:, :keep]
        src, kk = np.divmod(top, vals.shape[1])
        new_paths = paths[src, kk]  # (n_next, keep, depth)
        nxt = np.broadcast_to(np.arange(W.shape[0])[:, None, None], (W.shape[0], keep, 1))
        paths = np.concatenate([new_paths, nxt], axis=2)
        vals = np.take_along_axis(cand, top, axis=1)
    flat_vals, flat_paths = vals.ravel(), paths.reshape(-1, paths.shape[2])
    real = np.flatnonzero(~np.isnan(flat_vals))
    order = real[np.argsort(-np.abs(flat_vals[real]), kind="stable")][:k]
    return [make_path(r, l, flat_paths[o], s) for o in order]


def output_factors(r: PassResult, i: int, j: int, s: int) -> tuple[float, float, float] | None:
    """Seed 000's three factors for an output weight: dl/da_i, da_i/dz_i, dz_i/dw_ij (element-wise output)."""
    rec = r.layers[-1]
    if rec.activation == "softmax":
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        dl_da = float(LOSSES[r.loss_name].grad_a(rec.a[s : s + 1], r.y[s : s + 1])[0, i])
    return dl_da, float(rec.gprime[s, i]), float(r.a(len(r.layers) - 1)[s, j])


def deltas_by_jacobians(r: PassResult, s: int) -> list[np.ndarray]:
    """delta^l for sample s from explicit Jacobians: delta^L = (da/dz)^T dl/da, then
    delta^l = (da^l/dz^l)^T (dz^(l+1)/da^l)^T delta^(l+1) with dz^(l+1)/da^l = W^(l+1).

    Where dl/da is not finite (a saturated sigmoid output under bce), delta^L is the loss's own formula.
    """
    L = len(r.layers)
    out = [None] * L
    rec = r.layers[-1]
    J = jacobian(rec.activation, rec.z[s : s + 1])[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        g = LOSSES[r.loss_name].grad_a(rec.a[s : s + 1], r.y[s : s + 1])[0]
        d = J.T @ g
    out[-1] = d if np.all(np.isfinite(d)) else rec.delta[s].copy()
    for l in range(L - 1, 0, -1):
        Jl = jacobian(r.layers[l - 1].activation, r.layers[l - 1].z[s : s + 1])[0]
        out[l - 1] = Jl.T @ (r.layers[l].W.T @ out[l])
    return out
