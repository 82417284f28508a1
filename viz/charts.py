"""Small charts for the teaching pages: gradient check errors and the experiments.

Axis titles are {"text": ...} (plotly.js 3 and later draw no title given as a bare string); numbers
printed on a chart come from the one formatter (viz.hover.fmt).
"""

from __future__ import annotations

import numpy as np

from engine.gradcheck import GradCheckReport
from texts import t
from viz import theme
from viz.figure import PlainFigure
from viz.hover import fmt

BASE = {"template": {"layout": {}}, "font": dict(theme.FONT, size=14), "plot_bgcolor": "white",
        "paper_bgcolor": "white", "margin": {"l": 70, "r": 20, "t": 40, "b": 60}, "height": 420}  # fmt: skip
LAYER_COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"]


def _fig(data, layout) -> PlainFigure:
    """A chart on the common base; every axis makes room for its own labels and title (automargin), so a
    phone's narrow chart does not cut them off."""
    layout = {**BASE, **layout}
    for k, v in layout.items():
        if k.startswith(("xaxis", "yaxis")) and isinstance(v, dict):
            layout[k] = {"automargin": True, **v}
    return PlainFigure({"data": data, "layout": layout})


def gradcheck_chart(rep: GradCheckReport, lang: str) -> PlainFigure:
    """Per parameter, |a - n| divided by its allowance atol + rtol |n| on a log scale: a correct gradient sits
    at or below the line at 1 (the verdict's own rule), a wrong one above it. Parameters not judged (a ReLU
    switched within the step) are left out; those settled at the recheck eps are drawn as hollow markers."""
    hover = (f"{t('gc_analytic', lang)} %{{customdata[0]}}<br>{t('gc_numeric', lang)} %{{customdata[1]}}"
             f"<br>{t('gc_rel', lang)} %{{customdata[2]}}<br>{t('gc_ratio', lang)} %{{customdata[3]}}"
             "<extra>%{fullData.name}</extra>")  # fmt: skip
    data, k = [], 0
    floor = 1e-6  # exact agreement is drawn at the bottom instead of vanishing off a log axis
    for c in rep.checks:
        judged = c.judged.ravel()
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = (c.abs_error / c.allowed).ravel()
        settled = c.settled.ravel() if c.settled is not None else np.zeros_like(judged)
        again = f" (ε = {rep.recheck_eps:.0e})".replace("e-0", "e-") if rep.recheck_eps else ""
        cd = np.column_stack([fmt(c.analytic.ravel(), 6), fmt(c.numeric.ravel(), 6), fmt(c.rel_error.ravel(), 3),
                              fmt(ratio, 3)])  # fmt: skip
        for mask, hollow in ((judged & ~settled, False), (judged & settled, True)):
            idx = np.flatnonzero(mask)
            if hollow and not idx.size:
                continue
            data.append({
                "type": "scatter", "mode": "markers", "name": f"{c.kind}{c.layer}" + (again if hollow else ""),
                "x": (k + idx).tolist(), "y": np.maximum(ratio[idx], floor).tolist(),
                "marker": {"color": LAYER_COLOURS[(c.layer - 1) % 8], "size": 8,
                           "symbol": ("circle" if c.kind == "W" else "diamond") + ("-open" if hollow else "")},
                "customdata": cd[idx].tolist(),
                "hovertemplate": hover,
            })  # fmt: skip
        k += c.rel_error.size
    line = {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": 1, "y1": 1,
            "line": {"dash": "dash", "color": "#d55e00", "width": 2}}  # fmt: skip
    note = {"xref": "paper", "x": 1, "y": 0, "text": t("gc_line", lang), "showarrow": False, "xanchor": "right",
            "yanchor": "bottom", "font": {"size": 12}}  # fmt: skip
    return _fig(
        data,
        {
            "yaxis": {"type": "log", "title": {"text": t("gc_ratio", lang)}, "exponentformat": "power"},
            "xaxis": {"title": {"text": t("gc_param_axis", lang)}},
            "shapes": [line],
            "annotations": [note],
        },
    )


def lines_chart(
    x, series: dict, xtitle: str, ytitle: str, log: bool = False, marks=None, xlog: bool = False
) -> PlainFigure:
    """One line per series over x, both axes titled; log / xlog put the y / x axis on a log scale."""
    data = [{"type": "scatter", "mode": "lines+markers", "name": name, "x": list(x), "y": np.asarray(y).tolist(),
             "line": {"color": LAYER_COLOURS[k % 8], "width": 3}}
            for k, (name, y) in enumerate(series.items())]  # fmt: skip
    if marks:
        data.append({"type": "scatter", "mode": "markers", "name": marks["name"], "x": marks["x"], "y": marks["y"],
                     "marker": {"color": "#d55e00", "size": 16, "symbol": "x"}})  # fmt: skip
    return _fig(
        data,
        {
            "xaxis": {"title": {"text": xtitle}, "type": "log" if xlog else "linear", "exponentformat": "power"},
            "yaxis": {"title": {"text": ytitle}, "type": "log" if log else "linear", "exponentformat": "power"},
        },
    )


def bars_chart(categories, series: dict, ytitle: str, log: bool = False, xtitle: str = "") -> PlainFigure:
    """Grouped bars, one group per category; xtitle names what the categories are."""
    data = [{"type": "bar", "name": name, "x": list(categories), "y": np.asarray(y).tolist(),
             "marker": {"color": LAYER_COLOURS[k % 8]}, "text": fmt(y, 3).tolist(), "textposition": "outside"}
            for k, (name, y) in enumerate(series.items())]  # fmt: skip
    return _fig(
        data,
        {
            "barmode": "group",
            "xaxis": {"title": {"text": xtitle}},
            "yaxis": {"title": {"text": ytitle}, "type": "log" if log else "linear", "exponentformat": "power"},
        },
    )


def heatmap_chart(z, xtitle: str, ytitle: str, title: str) -> PlainFigure:
    z = np.asarray(z, float)
    data = [{"type": "heatmap", "z": z.T.tolist(), "x": list(range(1, z.shape[0] + 1)),
             "y": list(range(1, z.shape[1] + 1)), "colorscale": theme.SEQUENTIAL, "zmin": 0,
             "text": fmt(z.T, 2).tolist(), "texttemplate": "%{text}",
             "colorbar": {"title": {"text": "g′(z)"}}}]  # fmt: skip
    return _fig(
        data,
        {
            "title": {"text": title},
            "xaxis": {"title": {"text": xtitle}, "dtick": 1},
            "yaxis": {"title": {"text": ytitle}, "dtick": 1, "autorange": "reversed"},
            "height": 360,
        },
    )
