"""The network's health per layer as bars: ||delta^l|| and ||dJ/dW^l|| on a log axis, saturated and dead shares.

Pure plotly: takes engine.health's records and the words to show (axis titles, legend names, layer labels),
returns a figure. Each trace carries its raw numbers in `y` (NaN where a bar cannot be drawn) and
`meta` = {"key": field}, so tests and the browser read the same values the table prints.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.health import LayerHealth
from viz import theme
from viz.figure import PlainFigure

COLOURS = {"delta_norm": "#0072b2", "dW_norm": "#e69f00", "saturated": "#d55e00", "dead": "#555555"}
NORMS_DOMAIN = (0.0, 0.6)  # the norms' panel, then a gap, then the shares' panel
SHARES_DOMAIN = (0.72, 1.0)


@dataclass(frozen=True)
class HealthLabels:
    """The words on the chart, in the reader's language and notation."""

    layers: tuple[str, ...]  # a tick label per layer, first hidden layer first
    layer_axis: str
    norm_axis: str
    share_axis: str
    delta: str  # legend names
    dW: str
    saturated: str
    dead: str


def _label(v: float | None) -> str | None:
    """What a bar that cannot be drawn on its axis says instead: 0, ∞ or NaN; None for a drawable bar."""
    if v is None:
        return None
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "∞"
    return "0" if v == 0 else None


def _bar(key: str, name: str, xaxis: str, x, values, offset: int) -> tuple[dict, list[dict]]:
    """One bar trace and the annotations standing in for its bars at 0 (norms, on a log axis), ∞ or NaN.

    y holds the drawable values (NaN where no bar can be drawn), customdata every raw value (None: not
    applicable)."""
    raw = np.array([np.nan if v is None else v for v in values], dtype=float)
    log = key.endswith("norm")
    drawable = np.isfinite(raw) & (raw > 0 if log else True)
    yaxis = xaxis.replace("x", "y")
    trace = {
        "type": "bar", "name": name, "x": list(x), "y": np.where(drawable, raw, np.nan).tolist(),
        "customdata": [v if v is None else float(v) for v in values], "meta": {"key": key},
        "xaxis": xaxis, "yaxis": yaxis, "offsetgroup": str(offset), "marker": {"color": COLOURS[key]},
        "hovertemplate": f"{name}: %{{y:.3g}}<extra>%{{x}}</extra>",
    }  # fmt: skip
    notes = []
    for k, v in enumerate(values):
        text = _label(v) if log else ("NaN" if v is not None and np.isnan(v) else None)
        if text:  # at the middle of its bar's place: category k, bars 0.4 wide either side of it (bargap 0.2)
            notes.append({"x": k + (offset - 0.5) * 0.4, "xref": xaxis, "yref": yaxis + " domain", "y": 0,
                          "text": text, "showarrow": False, "yanchor": "bottom",
                          "font": {"size": 15, "color": COLOURS[key]}})  # fmt: skip
    return trace, notes


def decades(values, least: int = 2) -> list[float]:
    """A log axis range (in powers of ten) from the decade below the smallest value to the one above the largest,
    at least `least` decades wide, so the ticks are whole powers of ten; [-3, 1] when there is nothing to draw."""
    if not values:
        return [-3.0, 1.0]
    lo, hi = float(np.floor(np.log10(min(values)))), float(np.ceil(np.log10(max(values))))
    return [min(lo, hi - least), hi]


def health_chart(rows: list[LayerHealth], labels: HealthLabels, height: int = 340) -> PlainFigure:
    """Left: ||delta^l|| and ||dJ/dW^l|| per layer on a log y axis (a 0, ∞ or NaN is written at the foot of
    its bar's place). Right: the share of saturated units and of dead ReLUs per layer, in %, 0-100."""
    x = labels.layers
    data, notes = [], []
    for off, (key, name) in enumerate((("delta_norm", labels.delta), ("dW_norm", labels.dW))):
        tr, nt = _bar(key, name, "x", x, [getattr(h, key) for h in rows], off)
        data.append(tr)
        notes += nt
    shares = {
        "saturated": [None if h.saturated is None else 100 * h.saturated for h in rows],
        "dead": [None if h.dead_share is None else 100 * h.dead_share for h in rows],
    }
    for off, (key, name) in enumerate((("saturated", labels.saturated), ("dead", labels.dead))):
        tr, nt = _bar(key, name, "x2", x, shares[key], off)
        data.append(tr)
        notes += nt
    positive = [v for h in rows for v in (h.delta_norm, h.dW_norm) if np.isfinite(v) and v > 0]
    yaxis = {"type": "log", "title": {"text": labels.norm_axis}, "exponentformat": "power", "gridcolor": "#e5e5e5",
             "range": decades(positive), "dtick": 1}  # fmt: skip
    axis_x = {"title": {"text": labels.layer_axis}, "type": "category"}
    layout = {
        "template": {"layout": {}},
        "font": dict(theme.FONT, size=14),
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "height": height,
        "margin": {"l": 70, "r": 20, "t": 30, "b": 60},
        "barmode": "group",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "xaxis": dict(axis_x, domain=list(NORMS_DOMAIN)),
        "yaxis": yaxis,
        "xaxis2": dict(axis_x, domain=list(SHARES_DOMAIN), anchor="y2"),
        "yaxis2": {"title": {"text": labels.share_axis}, "range": [0, 105], "anchor": "x2", "gridcolor": "#e5e5e5"},
        "annotations": notes,
    }
    return PlainFigure({"data": data, "layout": layout})
