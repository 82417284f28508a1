"""Edges as a fixed set of line traces: binned by colour (the value) and width (|w|), NaN-separated.

Plotly cannot vary colour or width inside one line trace, so every drawn edge goes into one of
N_BUCKETS traces (plus `pending` for edges the animation has not reached); the trace count never
grows with the network. Past theme.DRAW_MAX_EDGES only each layer's strongest |dJ/dW| are drawn.
"""

from __future__ import annotations

import weakref
from functools import wraps

import numpy as np

from engine.network import PassResult
from viz import theme

N_BUCKETS = theme.EDGE_COLOR_BUCKETS * len(theme.EDGE_WIDTHS)


def edge_values(result: PassResult, which: str) -> np.ndarray:
    """W or dJ/dW for every weight, W^1 row by row first."""
    return np.concatenate([getattr(rec, which).ravel() for rec in result.layers])


def per_result(fn):
    """Memoise fn(result) for as long as that result lives: keyed weakly by the object, so the memo never
    keeps a result alive (an lru_cache would hold a big network's record after its session closed)."""
    memo = weakref.WeakKeyDictionary()

    @wraps(fn)
    def wrapper(result):
        found = memo.get(result)
        if found is None:
            found = memo[result] = fn(result)
        return found

    return wrapper


@per_result  # every frame of one figure asks again
def drawn_mask(result: PassResult) -> np.ndarray:
    """Which edges are drawn: all of them, or past DRAW_MAX_EDGES the strongest |dJ/dW| of each layer."""
    E = sum(rec.W.size for rec in result.layers)
    if E <= theme.DRAW_MAX_EDGES:
        return np.ones(E, bool)
    per = max(1, theme.DRAW_MAX_EDGES // len(result.layers))
    mask, start = np.zeros(E, bool), 0
    for rec in result.layers:
        g = np.abs(rec.dW.ravel())
        k = min(per, g.size)
        mask[start + np.argpartition(-g, k - 1)[:k]] = True
        start += g.size
    return mask


def edge_traces(result: PassResult, lit: np.ndarray, which: str, geo, scale) -> list[dict]:
    """The bucket traces and `pending` for a stage whose lit edges are coloured by `which` (W or dW)
    on `scale` (viz.scales.Scale)."""
    drawn = drawn_mask(result)
    on = np.flatnonzero(lit & drawn)  # bin only what is drawn: big nets draw a few thousand of their edges
    q = scale.position(edge_values(result, which)[on])
    return _bucket_traces(geo, on, np.nan_to_num(q, nan=0.5), edge_values(result, "W"), ~lit & drawn)


def _bucket_traces(geo, on, q, weights, pending) -> list[dict]:
    """N_BUCKETS line traces plus `pending`: the edges `on` binned by colour (their positions q on the
    colour scale) and width (|w|)."""
    C, widths = theme.EDGE_COLOR_BUCKETS, theme.EDGE_WIDTHS
    cbin = np.clip((q * C).astype(int), 0, C - 1)
    wmax = np.abs(weights).max() if weights.size else 0.0
    wbin = np.clip((np.abs(weights[on]) / wmax * len(widths)).astype(int), 0, len(widths) - 1) if wmax > 0 else 0 * cbin
    bucket = cbin * len(widths) + wbin
    traces = []
    for c in range(C):
        colour = theme.colour_at(theme.DIVERGING, (c + 0.5) / C)
        for w, width in enumerate(widths):
            sel = on[bucket == c * len(widths) + w]
            traces.append({
                "type": "scatter", "mode": "lines", "name": f"edges c{c} w{w}", "hoverinfo": "skip",
                "showlegend": False, "x": _segments(geo.seg_x, sel), "y": _segments(geo.seg_y, sel),
                "line": {"color": colour, "width": width},
            })  # fmt: skip
    traces.append({
        "type": "scatter", "mode": "lines", "name": "pending", "hoverinfo": "skip", "showlegend": False,
        "x": _segments(geo.seg_x, pending), "y": _segments(geo.seg_y, pending),
        "line": {"color": "#d9d9d9", "width": 1, "dash": "dot"},
    })  # fmt: skip
    return traces


def _segments(coords: np.ndarray, sel) -> np.ndarray:
    """The selected NaN-separated segments; one NaN when there are none.

    An animation frame that empties a line trace (x = []) leaves its old line on screen in plotly.js;
    a lone NaN draws nothing and replaces it.
    """
    out = coords[sel].ravel()
    return out if out.size else np.array([np.nan])
