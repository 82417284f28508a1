"""Colour scales for the figure: linear, or symmetric-log so that every layer's δ and ∂J/∂W read.

On one shared linear scale the output layer's δ (±0.6) turns δ¹ (±0.01) grey, and on a deep sigmoid
net every hidden layer is grey. The symmetric-log scale maps |v| ≤ thr linearly onto the first
LINEAR_SHARE of each half of the colour range and the decades from thr to the largest |v| evenly onto
the rest, with thr at SHARE of the smallest layer's largest |v|: a value at least SHARE of its own
layer's largest |v| is then at least LINEAR_SHARE of the way from the neutral grey to full colour.

plotly maps marker.color (the raw values, as the figure contract wants) linearly from cmin to cmax,
so the log scale is a colorscale whose stops sit at the raw values' positions. The colour bar, drawn
in display space, gets its own stops and ticks (`bar`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viz import theme
from viz.hover import fmt

SHARE = 0.05  # of each layer's largest |v|: what must stand clear of grey
LINEAR_SHARE = 0.4  # of each half of the colour range, for |v| <= thr
STOPS_PER_DECADE = 4
MAX_DECADES = 12.0
SCALES = ("log", "linear")
MIN_TICK_GAP = 0.07  # of the bar's height, between two tick labels


@dataclass(frozen=True)
class Scale:
    """How values map to positions q in [0, 1] on a colour scale (0.5: zero for signed scales)."""

    kind: str  # log | linear | sequential
    lo: float  # the raw values at the ends: -vmax, vmax for signed scales
    hi: float
    thr: float = 0.0  # log: linear below this |v|

    @property
    def decades(self) -> float:
        return float(np.log10(self.hi / self.thr)) if self.kind == "log" else 0.0

    def position(self, v) -> np.ndarray:
        """q in [0, 1] for each value; NaN stays NaN, ±inf go to the ends."""
        v = np.asarray(v, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            if self.kind == "sequential":
                return np.clip((v - self.lo) / (self.hi - self.lo), 0.0, 1.0)
            u = np.abs(v)
            if self.kind == "linear":
                g = u / self.hi
            else:
                g = np.where(
                    u <= self.thr,
                    LINEAR_SHARE * u / self.thr,
                    LINEAR_SHARE + (1 - LINEAR_SHARE) * np.log10(np.maximum(u, self.thr) / self.thr) / self.decades,
                )
            return 0.5 + 0.5 * np.sign(v) * np.minimum(g, 1.0)

    @property
    def palette(self) -> list:
        return theme.SEQUENTIAL if self.kind == "sequential" else theme.DIVERGING

    def colorscale(self) -> list:
        """plotly colorscale over raw values from lo to hi (stops at raw positions)."""
        if self.kind != "log":
            return self.palette
        u = np.concatenate([[0.0, self.thr], self.thr * 10 ** (np.arange(1, int(self.decades * STOPS_PER_DECADE))
                                                                   / STOPS_PER_DECADE), [self.hi]])  # fmt: skip
        u = np.unique(u[u <= self.hi])
        v = np.concatenate([-u[::-1], u[1:]])
        p = 0.5 + 0.5 * v / self.hi
        keep = np.concatenate([[True], np.diff(p) > 0])  # plotly wants strictly increasing stops
        return [[float(pk), theme.colour_at(theme.DIVERGING, float(q))]
                for pk, q in zip(p[keep], self.position(v[keep]))]  # fmt: skip

    def ticks(self) -> list[tuple[float, float]]:
        """(q, value) pairs for the colour bar, top (largest) first."""
        if self.kind == "sequential":
            return [(1.0, self.hi), (0.5, (self.lo + self.hi) / 2), (0.0, self.lo)]
        if self.kind == "linear":
            return [(1.0, self.hi), (0.5, 0.0), (0.0, -self.hi)]
        step = max(1, int(np.ceil(self.decades / 3)))
        top = int(np.floor(np.log10(self.hi)))
        mags = [self.hi] + [10.0**k for k in range(top, -400, -step) if self.thr * 3 < 10.0**k < self.hi / 3]
        pos = []
        for m in mags[:3] + [self.thr]:  # each at least MIN_TICK_GAP of the bar from the ones above it
            q = float(self.position(m))
            if all(abs(q - q0) >= MIN_TICK_GAP for q0, _ in pos) and q - 0.5 >= MIN_TICK_GAP:
                pos.append((q, m))
        return pos + [(0.5, 0.0)] + [(1 - q, -m) for q, m in reversed(pos)]

    def bar(self, title: str, digits: int = 2, log: str = "log") -> dict:
        """What the live chart draws as this scale's colour bar: title (naming a log scale in the reader's
        word for it), stops and ticks in display space."""
        name = f" · {log}" if self.kind == "log" else ""
        return {
            "title": title + name,
            "kind": self.kind,
            "stops": self.palette,
            "ticks": [[q, str(fmt(v, digits))] for q, v in self.ticks()],
        }


def signed_scale(per_layer, kind: str) -> Scale:
    """A signed scale for these values (one array per layer); `kind` log or linear."""
    maxima = [float(np.abs(a[np.isfinite(a)]).max(initial=0.0)) for a in per_layer]
    vmax = max(maxima, default=0.0) or 1.0
    if kind != "log":
        return Scale("linear", -vmax, vmax)
    layer_max = [m for m in maxima if m > 0]
    thr = SHARE * min(layer_max) if layer_max else SHARE * vmax
    thr = min(max(thr, vmax * 10**-MAX_DECADES), SHARE * vmax)
    return Scale("log", -vmax, vmax, thr)


def sequential_scale(values) -> Scale:
    finite = np.asarray(values, float)
    finite = finite[np.isfinite(finite)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    return Scale("sequential", *((lo, hi) if hi > lo else (lo - 1, hi + 1)))
