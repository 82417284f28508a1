"""Small charts for the teaching pages: gradient check errors and the experiments."""

from __future__ import annotations

import numpy as np

from engine.gradcheck import GOOD, SUSPICIOUS, GradCheckReport
from ui.i18n import t
from viz import theme
from viz.figure import PlainFigure

BASE = {"template": {"layout": {}}, "font": dict(theme.FONT, size=14), "plot_bgcolor": "white",
        "paper_bgcolor": "white", "margin": {"l": 70, "r": 20, "t": 40, "b": 60}, "height": 420}  # fmt: skip
HOVER = "%{customdata[0]:.6g} vs %{customdata[1]:.6g}<br>rel. error %{y:.2e}<extra>%{fullData.name}</extra>"
LAYER_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]


def _fig(data, layout) -> PlainFigure:
    return PlainFigure({"data": data, "layout": {**BASE, **layout}})


def gradcheck_chart(rep: GradCheckReport, lang: str) -> PlainFigure:
    """Relative error per parameter on a log scale, with the 1e-7 and 1e-4 thresholds."""
    data, k = [], 0
    floor = 1e-17  # exact agreement is drawn at the bottom instead of vanishing off a log axis
    for c in rep.checks:
        n = c.rel_error.size
        checked = np.flatnonzero(~np.isnan(c.rel_error.ravel()))
        data.append({
            "type": "scatter", "mode": "markers", "name": f"{c.kind}{c.layer}",
            "x": (k + checked).tolist(), "y": np.maximum(c.rel_error.ravel()[checked], floor).tolist(),
            "marker": {"color": LAYER_COLOURS[(c.layer - 1) % 8], "symbol": "circle" if c.kind == "W" else "diamond",
                       "size": 8},
            "customdata": np.column_stack([c.analytic.ravel(), c.numeric.ravel()])[checked].tolist(),
            "hovertemplate": HOVER,
        })  # fmt: skip
        k += n
    lines = ((GOOD, "#009e73"), (SUSPICIOUS, "#d55e00"))
    shapes = [{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": v, "y1": v,
               "line": {"dash": "dash", "color": col, "width": 2}} for v, col in lines]  # fmt: skip
    notes = [{"xref": "paper", "x": 1, "y": np.log10(v), "text": txt, "showarrow": False, "xanchor": "right",
              "yanchor": "bottom", "font": {"size": 12}}
             for v, txt in ((GOOD, "1e-7"), (SUSPICIOUS, "1e-4"))]  # fmt: skip
    return _fig(
        data,
        {
            "yaxis": {"type": "log", "title": t("gc_rel", lang), "exponentformat": "power"},
            "xaxis": {"title": t("gc_param", lang)},
            "shapes": shapes,
            "annotations": notes,
        },
    )


def lines_chart(x, series: dict, xtitle: str, ytitle: str, log: bool = False, marks=None) -> PlainFigure:
    data = [{"type": "scatter", "mode": "lines+markers", "name": name, "x": list(x), "y": np.asarray(y).tolist(),
             "line": {"color": LAYER_COLOURS[k % 8], "width": 3}}
            for k, (name, y) in enumerate(series.items())]  # fmt: skip
    if marks:
        data.append({"type": "scatter", "mode": "markers", "name": marks["name"], "x": marks["x"], "y": marks["y"],
                     "marker": {"color": "#d55e00", "size": 16, "symbol": "x"}})  # fmt: skip
    return _fig(
        data,
        {
            "xaxis": {"title": xtitle},
            "yaxis": {"title": ytitle, "type": "log" if log else "linear", "exponentformat": "power"},
        },
    )


def bars_chart(categories, series: dict, ytitle: str, log: bool = False) -> PlainFigure:
    data = [{"type": "bar", "name": name, "x": list(categories), "y": np.asarray(y).tolist(),
             "marker": {"color": LAYER_COLOURS[k % 8]}, "texttemplate": "%{y:.3g}", "textposition": "outside"}
            for k, (name, y) in enumerate(series.items())]  # fmt: skip
    return _fig(
        data,
        {"barmode": "group", "yaxis": {"title": ytitle, "type": "log" if log else "linear", "exponentformat": "power"}},
    )


def heatmap_chart(z, xtitle: str, ytitle: str, title: str) -> PlainFigure:
    z = np.asarray(z, float)
    data = [{"type": "heatmap", "z": z.T.tolist(), "x": list(range(1, z.shape[0] + 1)),
             "y": list(range(1, z.shape[1] + 1)), "colorscale": theme.SEQUENTIAL, "zmin": 0,
             "texttemplate": "%{z:.2f}", "colorbar": {"title": {"text": "g′(z)"}}}]  # fmt: skip
    return _fig(
        data,
        {
            "title": {"text": title},
            "xaxis": {"title": xtitle, "dtick": 1},
            "yaxis": {"title": ytitle, "dtick": 1, "autorange": "reversed"},
            "height": 360,
        },
    )
