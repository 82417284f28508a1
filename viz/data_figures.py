"""Figures of learning from data (issue 11): what they share, the hidden neurons' maps over the input plane, the
confusion matrix and the learning curves.

The decision boundary lives in viz/boundary.py and the image galleries
(digits, hidden-layer weights) in viz/digits_figures.py; every builder can be imported from here too.
Builders are pure and vectorised: they take arrays and the language, return a PlainFigure, and print every
number through viz.hover.fmt. Names from a data set (features, classes, titles) are plain text: escaped, so a
CSV header is never markup.
"""

from __future__ import annotations

import html
import importlib

import numpy as np

from engine.metrics import hidden_maps, plane_grid
from texts import t
from viz import theme
from viz.charts import LAYER_COLOURS
from viz.figure import PlainFigure
from viz.hover import fmt
from viz.notation import Notation
from viz.tables import sub, sup

FONT_SIZE = 15  # projector: nothing smaller than 14 px
BASE = {"template": {"layout": {}}, "font": dict(theme.FONT, size=FONT_SIZE), "plot_bgcolor": "white",
        "paper_bgcolor": "white", "margin": {"l": 70, "r": 20, "t": 60, "b": 60}}  # fmt: skip
# the title at the very top, the legend at the very bottom of the figure, each placed on the figure itself (a
# legend placed on the plot moved with a square plane's axes when the chart was resized, onto the tick labels);
# the bottom margin keeps room for the axis title and up to three rows of legend
TOP_TITLE = {"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 14}}
BOTTOM_LEGEND = {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"}
LEGEND_MARGIN = 165
INK = theme.FONT["color"]  # dark text and marks: outlines, crosses, the boundary
GRID = "#e5e5e5"
CLASS_COLOURS = LAYER_COLOURS  # Okabe-Ito: colour-blind safe, the palette of the other charts
BINARY_COLOURS = (theme.DIVERGING[0][1], theme.DIVERGING[-1][1])  # the ends of the diverging scale P(class 1) uses
NAME_MAX = 40  # characters of a data set's name (feature, class) shown
CURVE_POINTS = 600  # a learning curve's points at most: its payload stays small however long training runs


def plain(s) -> str:
    """A data set's name as plain text for plotly (which reads a little HTML): cut short and escaped."""
    s = str(s)
    return html.escape(s if len(s) <= NAME_MAX else s[: NAME_MAX - 1] + "…", quote=False)


def class_names(classes, k: int, lang: str) -> list[str]:
    """The k classes' names: the data set's own where given, else "class 0", "class 1", ..."""
    return [plain(classes[c]) if c < len(classes) else t("df_class", lang, c=c) for c in range(k)]


def class_colours(k: int) -> list[str]:
    """A colour per class: the diverging scale's blue and red for two classes, Okabe-Ito for more."""
    return list(BINARY_COLOURS) if k == 2 else [CLASS_COLOURS[c % len(CLASS_COLOURS)] for c in range(k)]


def tint(colour: str, white: float) -> str:
    """colour mixed with white: white = 0 keeps it, 1 gives white."""
    rgb = np.array(theme._rgb(colour), float)
    r, g, b = np.round(rgb + white * (255.0 - rgb)).astype(int)
    return f"#{r:02x}{g:02x}{b:02x}"


def axis(title: str, standoff: int | None = None, **kw) -> dict:
    head = {"text": title} if standoff is None else {"text": title, "standoff": standoff}
    return {"title": head, "gridcolor": GRID, "zeroline": False, **kw}


def ticks(lo: float, hi: float) -> dict:
    """Tick values at a round step (1, 2, 2.5 or 5 times a power of ten, about 5 steps) from lo to hi, their labels
    through fmt, for colour bars."""
    span = hi - lo if hi > lo else 1.0
    raw = span / 5
    mag = 10.0 ** np.floor(np.log10(raw))
    step = mag * min((m for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10)
    v = np.arange(np.ceil(lo / step - 1e-9), np.floor(hi / step + 1e-9) + 1) * step
    v = np.where(np.abs(v) < step * 1e-9, 0.0, v)  # no -0 from the arithmetic
    return {"tickvals": v.tolist(), "ticktext": fmt(v, 4).tolist()}


def colorbar(title: str, lo: float, hi: float, values=None, **kw) -> dict:
    """A colour bar from lo to hi, ticked at values (default: round steps), every label through fmt; its title
    beside it (above it, the top label runs into it)."""
    tk = ticks(lo, hi) if values is None else {"tickvals": list(values), "ticktext": fmt(values, 4).tolist()}
    return {"len": 0.8, "thickness": 14, **tk, "title": {"text": title, "side": "right"}, **kw}


def figure(data: list, layout: dict) -> PlainFigure:
    return PlainFigure({"data": data, "layout": {**BASE, **layout}})


def neuron_name(l: int, i: int, notation: str = "lee") -> str:
    """a^l_i in plain Unicode (a¹₁; Ng's notation a⁽²⁾₁), l the code layer, i the 0-based neuron."""
    n = Notation(notation)
    mark = f"({n.layer_number(l)})" if n.ng else str(n.layer_number(l))
    return "a" + sup(mark) + sub(i + 1)


def _act_scale(act: str, maps: list[np.ndarray]):
    """(lo, hi, colour scale) shared by the maps of one activation: sigmoid 0..1, tanh -1..1, relu 0..max,
    the others symmetric about 0."""
    big = max(float(np.abs(m).max(initial=0.0)) for m in maps)
    big = big if np.isfinite(big) and big > 0 else 1.0
    fixed = {"sigmoid": (0.0, 1.0, theme.SEQUENTIAL), "tanh": (-1.0, 1.0, theme.DIVERGING),
             "relu": (0.0, big, theme.SEQUENTIAL)}  # fmt: skip
    return fixed.get(act, (-big, big, theme.DIVERGING))


def neuron_maps_figure(params, activations, x_train, lang: str, grid: int = 40, features=("x1", "x2"),
                       notation: str = "lee", per_row: int = 8, per_layer: int = 16) -> PlainFigure:  # fmt: skip
    """What each hidden neuron computes (TensorFlow Playground's view): its activation a over the input plane as a
    small heatmap, a row of maps per hidden layer (wrapped after per_row; a layer's first per_layer neurons).
    Maps of one activation share a colour scale (a coloraxis; _act_scale). Trace names are the neurons' names
    (a¹₁, ...); z[iy][ix] is a at (x0 + ix dx, y0 + iy dy), the grid of engine.metrics.plane_grid."""
    xs, ys, pts = plane_grid(np.asarray(x_train, float), grid)
    maps = hidden_maps(params, activations, pts)
    features = [plain(f) for f in features]
    acts = list(activations[: len(maps)])
    axes_of = {}  # activation -> its coloraxis, in order of first use
    for a in acts:
        axes_of.setdefault(a, "coloraxis" + (str(len(axes_of) + 1) if axes_of else ""))
    cell, gap, head, title, left, right, top, bottom = 84, 14, 26, 22, 56, 140, 70, 46
    shown = [min(m.shape[1], per_layer) for m in maps]
    cols = max(min(max(shown, default=1), per_row), 1)
    lines = [-(-n // per_row) for n in shown]  # rows of maps per layer
    W, H = cols * cell + (cols - 1) * gap, sum(head + k * (title + cell + gap) for k in lines)
    data, notes, layout, y, k = [], [], {}, 0, 0
    plane = {"x0": float(xs[0]), "dx": float(xs[1] - xs[0]), "y0": float(ys[0]), "dy": float(ys[1] - ys[0])}
    for l, (m, act) in enumerate(zip(maps, acts)):
        heading = t("layer_hidden", lang, n=Notation(notation).layer_number(l + 1))
        heading += f" · {t('act_' + act, lang)}" + (f" · {t('df_shown_of', lang, n=shown[l], total=m.shape[1])}"
                                                     if shown[l] < m.shape[1] else "")  # fmt: skip
        notes.append({"text": heading, "x": 0, "y": 1 - y / H, "xref": "paper", "yref": "paper", "xanchor": "left",
                      "yanchor": "top", "showarrow": False, "font": {"size": FONT_SIZE + 1}})  # fmt: skip
        y += head
        for i in range(shown[l]):
            r, c = divmod(i, per_row)
            x0, y0 = c * (cell + gap), y + r * (title + cell + gap) + title
            k += 1
            s = "" if k == 1 else str(k)
            name = neuron_name(l + 1, i, notation)
            data.append({"type": "heatmap", "name": name, "z": m[:, i].reshape(grid, grid).astype(np.float32),
                         **plane, "xaxis": "x" + s, "yaxis": "y" + s, "coloraxis": axes_of[act],
                         "hovertemplate": f"{name}<extra></extra>"})  # fmt: skip
            last_line = l == len(maps) - 1 and r == lines[l] - 1
            bare = {"showticklabels": False, "ticks": "", "showgrid": False, "zeroline": False}
            layout["xaxis" + s] = {**bare, "domain": [x0 / W, (x0 + cell) / W], "anchor": "y" + s,
                                   "range": [float(xs[0]), float(xs[-1])],
                                   "title": {"text": features[0] if last_line else "", "standoff": 4}}  # fmt: skip
            layout["yaxis" + s] = {**bare, "domain": [1 - (y0 + cell) / H, 1 - y0 / H], "anchor": "x" + s,
                                   "range": [float(ys[0]), float(ys[-1])],
                                   "title": {"text": features[1] if c == 0 else "", "standoff": 4}}  # fmt: skip
            notes.append({"text": name, "x": (x0 + cell / 2) / W, "y": 1 - y0 / H, "xref": "paper", "yref": "paper",
                          "showarrow": False, "xanchor": "center", "yanchor": "bottom",
                          "font": {"size": FONT_SIZE}})  # fmt: skip
        y += lines[l] * (title + cell + gap)
    n_bars = len(axes_of)
    for j, (act, ca) in enumerate(axes_of.items()):
        lo, hi, scale = _act_scale(act, [m for m, a in zip(maps, acts) if a == act])
        title = t("df_act_bar", lang, act=t("act_" + act, lang))
        bar = colorbar(title, lo, hi, len=0.85 / n_bars, y=1 - (j + 0.5) / n_bars, x=1.02)
        layout[ca] = {"colorscale": scale, "cmin": lo, "cmax": hi, "colorbar": bar}
    layout.update(title={"text": t("df_neurons_title", lang), "x": 0, "xanchor": "left", "xref": "paper"},
                  annotations=notes, width=W + left + right, height=H + top + bottom,
                  margin={"l": left, "r": right, "t": top, "b": bottom})  # fmt: skip
    return figure(data, layout)


def text_px(s: str, size: int = FONT_SIZE) -> float:
    """About how wide s is printed at size px: a CJK character one em, others 0.55 em."""
    return size * sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in s)


def confusion_figure(cm, classes, lang: str) -> PlainFigure:
    """The (k, k) confusion matrix (rows true class, columns predicted) as a heatmap, the count printed in
    every cell and true class 0 at the top, so the correct answers run down the diagonal. z holds the counts;
    x and y are the class indices 0..k-1, the ticks their names."""
    cm = np.asarray(cm, dtype=np.int64)
    k = cm.shape[0]
    names = class_names(classes, k, lang)
    counts = fmt(cm, 6)
    hover = np.char.add(np.char.add(f"{t('df_true_class', lang)}: ", np.array(names)[:, None]), "<br>")
    hover = np.char.add(np.char.add(hover, f"{t('df_pred_class', lang)}: "), np.array(names)[None, :])
    hover = np.char.add(np.char.add(hover, f"<br>{t('df_count', lang)}: "), counts)
    idx = list(range(k))
    trace = {
        "type": "heatmap", "name": "confusion", "z": cm, "x": idx, "y": idx, "text": counts,
        "texttemplate": "%{text}", "textfont": {"size": FONT_SIZE + 1}, "customdata": hover,
        "hovertemplate": "%{customdata}<extra></extra>", "colorscale": theme.SEQUENTIAL, "zmin": 0,
        "zmax": max(int(cm.max(initial=0)), 1), "showscale": False, "xgap": 1, "ygap": 1,
    }  # fmt: skip
    cell = 64 if k <= 10 else 40
    side = cell * max(k, 2)
    left = 70 + max((text_px(n) for n in names), default=0)
    title = t("df_confusion_title", lang, correct=fmt(np.trace(cm), 6), n=fmt(cm.sum(), 6))
    ticks_ = {"tickvals": idx, "ticktext": names, "showgrid": False, "ticks": ""}
    return figure(
        [trace],
        {
            "title": {"text": title, "x": 0.02, "xanchor": "left", "xref": "container"},
            "xaxis": axis(t("df_pred_class", lang), **ticks_, range=[-0.5, k - 0.5], tickangle=0 if k <= 10 else -90),
            "yaxis": axis(t("df_true_class", lang), **ticks_, range=[k - 0.5, -0.5], standoff=14),
            "height": side + 70 + 80,  # no width: the column's (a half page at 1280 px is narrower than 10 cells of 64)
            "margin": {"l": left, "r": 30, "t": 70, "b": 80},
        },
    )


def _split_name(key: str, lang: str) -> str:
    return t(f"df_{key}", lang) if key in ("train", "test") else plain(key)


def learning_curves_figure(history: dict, lang: str, accuracy: dict | None = None) -> PlainFigure:
    """The cost of each split in history ({"train": [...], "test": [...]}, optionally "epoch": the x of each entry,
    else 1, 2, ...) and, when accuracy is given (same keys), the accuracy in % on a panel below. Each trace's
    meta = {"split": key, "quantity": "cost" | "accuracy"}; y holds the raw values (a non-finite cost is a gap, its
    hover says ∞ or NaN). A long history is thinned to CURVE_POINTS evenly spread entries, the last one kept."""
    history = dict(history)
    epoch = history.pop("epoch", None)
    has_acc = bool(accuracy) and any(len(v) for v in accuracy.values())
    data = []
    panels = (("cost", history, "y"),) + ((("accuracy", accuracy, "y2"),) if has_acc else ())
    for quantity, series, yaxis in panels:
        for k, (key, values) in enumerate(series.items()):
            v = np.asarray(values, dtype=float) * (100.0 if quantity == "accuracy" else 1.0)
            x = (
                np.asarray(epoch, dtype=float)
                if epoch is not None and len(epoch) == v.size
                else np.arange(1, v.size + 1)
            )
            keep = np.unique(np.linspace(0, v.size - 1, min(v.size, CURVE_POINTS)).round().astype(int))
            x, v = x[keep], v[keep]
            name = t(f"df_{quantity}_of", lang, split=_split_name(key, lang))
            text = np.char.add(np.char.add(f"{t('df_epoch', lang)} ", fmt(x, 6)), f"<br>{name}: ")
            data.append({
                "type": "scatter", "mode": "lines", "name": name, "x": x, "y": np.where(np.isfinite(v), v, np.nan),
                "text": np.char.add(text, fmt(v, 4)), "yaxis": yaxis, "hovertemplate": "%{text}<extra></extra>",
                "line": {"color": CLASS_COLOURS[k % len(CLASS_COLOURS)], "width": 3,
                         "dash": "dot" if quantity == "accuracy" else "solid"},
                "meta": {"split": str(key), "quantity": quantity},
            })  # fmt: skip
    layout = {
        "title": {"text": t("df_curves_title", lang), **TOP_TITLE},
        "xaxis": axis(t("df_epoch", lang), rangemode="tozero", anchor="y2" if has_acc else "y"),
        "yaxis": axis(t("df_cost", lang), domain=[0.45, 1.0] if has_acc else [0.0, 1.0], rangemode="tozero"),
        "legend": BOTTOM_LEGEND,
        "height": 520 if has_acc else 400,
        "margin": {**BASE["margin"], "b": LEGEND_MARGIN},
    }
    if has_acc:
        # a little below 0: its "0" clear of the epoch axis's own "0" in the corner
        layout["yaxis2"] = axis(
            t("df_accuracy", lang), domain=[0.0, 0.33], range=[-25, 105], anchor="x", tickvals=[0, 50, 100]
        )
    return figure(data, layout)


_ELSEWHERE = {
    "boundary_figure": "viz.boundary",
    "digit_images_figure": "viz.digits_figures",
    "hidden_weights_figure": "viz.digits_figures",
    "misclassified_titles": "viz.digits_figures",
}


def __getattr__(name: str):
    """The builders of viz/boundary.py and viz/digits_figures.py, importable from here (imported on first use:
    they import this module's helpers)."""
    if name in _ELSEWHERE:
        return getattr(importlib.import_module(_ELSEWHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
