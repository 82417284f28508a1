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
        where = "J" if self.quantity == "J" else f"layer {self.layer}: {self.quantity}"
        return f"{where} is NaN" if self.kind == "nan" else f"{where} overflowed to {self.kind}"


def _kind(arr: np.ndarray) -> str | None:
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
        out += [Nonfinite(l, q, k) for q in ("z", "a") if (k := _kind(getattr(rec, q)))]
    if k := _kind(result.loss):
        out.append(Nonfinite(0, "J", k))
    for l in range(len(result.layers), 0, -1):
        rec = result.layers[l - 1]
        out += [Nonfinite(l, q, k) for q in ("delta", "dW", "db") if (k := _kind(getattr(rec, q)))]
    return out


def first_overflow(result: PassResult) -> Nonfinite | None:
    """Where the trouble started: the first non-finite value in the order the pass computed them."""
    found = nonfinite(result)
    return found[0] if found else None
