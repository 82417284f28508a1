"""Where a pass produced non-finite numbers (inf, NaN), in words a reader can act on.

Finite inputs whose values do not themselves overflow never produce these (DESIGN.md); weights or
inputs near 1e308 do, and then every report names the layer and the quantity where they arose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import PassResult

QUANTITIES = ("z", "a", "delta", "dW", "db")  # in the order a pass computes them, layer by layer


@dataclass(frozen=True)
class Nonfinite:
    """One quantity of one layer (layer 0: the cost J) holding inf or NaN."""

    layer: int  # l, 1-based like W^l; 0 for J
    quantity: str  # z, a, delta, dW, db or J
    kind: str  # "inf", "-inf", "nan" or "inf and nan": what the array holds

    def __str__(self) -> str:
        return says("J" if self.quantity == "J" else f"layer {self.layer}: {self.quantity}", self.kind)


def says(where: str, kind: str) -> str:
    """The warning for non-finite values of `kind` (from nonfinite_kind) at `where`."""
    return f"{where} is NaN" if kind == "nan" else f"{where} overflowed to {kind}"


def nonfinite_kind(arr) -> str | None:
    """None when every value is finite, else what the non-finite ones are: inf, -inf, nan, joined by "and"."""
    arr = np.asarray(arr, dtype=float)
    if np.isfinite(arr).all():
        return None
    kinds = [k for k, hit in (("inf", np.isposinf(arr).any()), ("-inf", np.isneginf(arr).any())) if hit]
    if np.isnan(arr).any():
        kinds.append("nan")
    return " and ".join(kinds)


def nonfinite(result: PassResult) -> list[Nonfinite]:
    """Every (layer, quantity) holding inf or NaN, forward quantities layer by layer, then J, then backward."""
    out = []
    for l, rec in enumerate(result.layers, start=1):
        out += [Nonfinite(l, q, k) for q in ("z", "a") if (k := nonfinite_kind(getattr(rec, q)))]
    if k := nonfinite_kind(result.loss):
        out.append(Nonfinite(0, "J", k))
    for l in range(len(result.layers), 0, -1):
        rec = result.layers[l - 1]
        out += [Nonfinite(l, q, k) for q in ("delta", "dW", "db") if (k := nonfinite_kind(getattr(rec, q)))]
    return out


def first_overflow(result: PassResult) -> Nonfinite | None:
    """Where the trouble started: the first non-finite value in the order the pass computed them."""
    found = nonfinite(result)
    return found[0] if found else None


# ---- the network's health: how much gradient reaches each layer ----
SATURATION = 0.01  # a unit counts as saturated where g'(z) < 1 % of the activation's largest g'
GPRIME_MAX = {"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "leaky_relu": 1.0}  # max over z of g'(z)
VANISHING = 1e-2  # the verdict: ||delta^1|| below 1 % of ||delta^L|| (gradients shrink 100x or more)
EXPLODING = 1e2  # ... or above 100 times it
BAD_SHARE = 0.5  # ... and half of a layer's units saturated or dead


def frobenius(arr) -> float:
    """||arr||_F = sqrt(sum of squares), scaled by max|arr| first so huge finite entries (1e200) do not
    overflow the squares; inf if arr holds inf (and no NaN), NaN if it holds NaN."""
    arr = np.asarray(arr, dtype=float)
    if arr.size == 0:
        return 0.0
    if np.isnan(arr).any():
        return float("nan")
    top = float(np.abs(arr).max())
    if not np.isfinite(top):
        return float("inf")
    if top == 0.0:
        return 0.0
    return top * float(np.sqrt(np.sum(np.square(arr / top))))


@dataclass(frozen=True)
class LayerHealth:
    """How much gradient layer l receives, and how many of its units let it through.

    delta_norm  ||delta^l||: the root mean square over the m samples of each sample's Euclidean norm,
                sqrt((1/m) sum_i sum_k (delta^l_ik)^2) = ||Delta^l||_F / sqrt(m), Delta^l the (m, n_l)
                matrix of per-sample errors dl_i/dz^l. With one sample it is that sample's ||delta^l||.
    dW_norm     ||dJ/dW^l||_F, the Frobenius norm of the gradient (L2 term included), sqrt(sum_jk (dJ/dW_jk)^2).
    saturated   the share of the m * n_l (sample, unit) pairs where g'(z) < SATURATION * max g'
                (sigmoid: g' < 0.0025, i.e. |z| > 5.986; tanh: g' < 0.01, |z| > arccosh 10 = 2.993;
                relu: g' = 0, i.e. z <= 0; leaky_relu: never, its g' is at least 0.01); None for linear and
                softmax units (not applicable).
                NaN where some z is NaN (an overflow upstream; nonfinite() says where).
    stuck       how many units are saturated for every one of the m samples; None where saturated is None
                or NaN.
    dead        relu layers: stuck, the units with z <= 0 for every sample (they pass no gradient for any
                of them, so the data never changes their incoming weights); None for other activations.
    copies      hidden layers of two or more units whose units are exact copies: the same incoming weights
                and bias and the same outgoing weights, so every unit computes the same a, gets the same
                delta and the same update, and gradient descent can never tell them apart (symmetry).
    gprime_used False for the output layer when the loss cancels g' (sigmoid + bce, softmax +
                cross_entropy: delta^L = a - y), so its saturation does not hold the gradient back.
    """

    layer: int  # l, 1-based like W^l
    activation: str
    width: int  # n_l
    delta_norm: float
    dW_norm: float
    saturated: float | None
    stuck: int | None
    copies: bool
    gprime_used: bool = True

    @property
    def dead(self) -> int | None:
        return self.stuck if self.activation == "relu" else None

    @property
    def dead_share(self) -> float | None:
        """The share of dead ReLUs: dead / n_l."""
        return None if self.dead is None else self.dead / self.width


def _saturated(rec) -> tuple[float | None, int | None]:
    """(share of (sample, unit) pairs saturated, units saturated on every sample)."""
    top = GPRIME_MAX.get(rec.activation)
    if top is None:
        return None, None
    g = np.asarray(rec.gprime, dtype=float)
    if np.isnan(g).any():
        return float("nan"), None
    small = g < SATURATION * top
    return float(small.mean()) if small.size else 0.0, int(small.all(axis=0).sum())


def _copies(result: PassResult, l: int) -> bool:
    """Layer l (1-based, hidden) holds n_l >= 2 units that are all the same unit (see LayerHealth.copies)."""
    rec, nxt = result.layers[l - 1], result.layers[l]
    if rec.W.shape[0] < 2:
        return False
    rows = np.column_stack([rec.W, rec.b])  # unit k's incoming weights and bias
    return bool((rows == rows[0]).all() and (nxt.W == nxt.W[:, :1]).all())


def health(result: PassResult) -> list[LayerHealth]:
    """Per layer l = 1..L, first hidden layer first: the norms, saturation, dead units and symmetry above."""
    L = len(result.layers)
    out = []
    for l, rec in enumerate(result.layers, start=1):
        share, stuck = _saturated(rec)
        output = l == L
        cancels = output and (rec.activation, result.loss_name) in (("sigmoid", "bce"), ("softmax", "cross_entropy"))
        out.append(
            LayerHealth(
                layer=l,
                activation=rec.activation,
                width=rec.z.shape[1],
                delta_norm=frobenius(rec.delta) / float(np.sqrt(result.m)),
                dW_norm=frobenius(rec.dW),
                saturated=share,
                stuck=stuck,
                copies=not output and _copies(result, l),
                gprime_used=not cancels,
            )
        )
    return out


@dataclass(frozen=True)
class Finding:
    """The one thing to say about a network's health first (the explorer's verdict line).

    kind, in the order they are looked for: nonfinite (an overflow: nonfinite() says where), copies
    (symmetric units, `layer`), dead (dead ReLUs, `layer`, `count` of `width`), saturated (`layer`, `share`),
    vanishing / exploding (||delta^1|| / ||delta^L|| = `ratio` below VANISHING / above EXPLODING),
    no_error (delta^L = 0: the outputs already equal the targets), single (one layer: no hidden layer for delta
    to cross), healthy (`ratio`).
    """

    kind: str
    layer: int = 0
    count: int = 0
    width: int = 0
    share: float = 0.0
    ratio: float = 1.0
    first: float = 0.0  # ||delta^1||
    last: float = 0.0  # ||delta^L||


def diagnose(layers: list[LayerHealth]) -> Finding:
    """The verdict on health(result): the first problem found, in Finding's order, else healthy."""
    numbers = [v for h in layers for v in (h.delta_norm, h.dW_norm, h.saturated) if v is not None]
    if not np.isfinite(numbers).all():
        return Finding("nonfinite")
    hidden = layers[:-1]
    for h in hidden:
        if h.copies:
            return Finding("copies", h.layer, width=h.width)
    dead = [h for h in hidden if h.dead_share is not None and h.dead_share >= BAD_SHARE]
    if dead:
        h = max(dead, key=lambda h: (h.dead_share, -h.layer))
        return Finding("dead", h.layer, count=h.dead, width=h.width, share=h.dead_share)
    sat = [h for h in layers if h.saturated is not None and h.gprime_used and h.saturated >= BAD_SHARE]
    if sat:
        h = max(sat, key=lambda h: (h.saturated, -h.layer))
        return Finding("saturated", h.layer, count=h.stuck, width=h.width, share=h.saturated)
    first, last = layers[0].delta_norm, layers[-1].delta_norm
    if not hidden:
        return Finding("single", first=first, last=last)
    if last == 0.0:
        return Finding("no_error", first=first, last=last)
    ratio = first / last
    kind = "vanishing" if ratio < VANISHING else "exploding" if ratio > EXPLODING else "healthy"
    return Finding(kind, 1, ratio=ratio, first=first, last=last)
