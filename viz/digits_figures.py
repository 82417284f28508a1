"""Images in a gallery (issue 11): sample digits or the misclassified ones, and the hidden layer's incoming weights
(Ng's ex4, "visualising the hidden layer").

One heatmap trace per image on one pair of hidden axes, each placed at its tile by x0/y0: trace k's z is image k
as given (reshaped), its customdata holds k in every cell, so a click anywhere on an image names it. Tiles are
about 88 px across whatever the image's shape, titled above; the y axis runs downwards, so row 0 of an image is
its top row, as in the data.
"""

from __future__ import annotations

import math

import numpy as np

from texts import t
from viz import theme
from viz.data_figures import FONT_SIZE, colorbar, figure, neuron_name, plain, text_px
from viz.hover import fmt

TILE_PX = 88  # an image's width or height on screen, whichever is longer
GAP_PX = 18  # between tiles
LINE_PX = 19  # a title line (font 15 px)
GREYS = [[0.0, "#ffffff"], [1.0, "#000000"]]  # ink on paper: 0 white, the largest value black
LIMIT = 100  # images shown at most


def _title_html(s: str) -> str:
    """A title as plain text, its lines ("\\n") as plotly line breaks."""
    return "<br>".join(plain(line) for line in str(s).split("\n"))


def _tiles(images, titles: list[str], cols: int, coloraxis: str, hover: list[str], texts=None, ids=None) -> dict:
    """Traces, title annotations, axes and size of a gallery of images (n, h, w) in rows of `cols`; image k's
    cells carry ids[k] (default k)."""
    n, h, w = images.shape
    cell = TILE_PX / max(h, w)  # px per pixel of the image
    lines = max((str(s).count("\n") + 1 for s in titles), default=0)
    head, gap = (lines * LINE_PX + 4) / cell if lines else 0.0, GAP_PX / cell  # in the image's pixels
    wide = max((text_px(line) for s in titles for line in str(s).split("\n")), default=0.0) / cell
    pitch_x, pitch_y = max(w, wide) + gap, head + h + gap  # a long title widens every tile's column
    rows = math.ceil(n / cols) if n else 0
    data, notes = [], []
    ids = list(range(n)) if ids is None else [int(i) for i in ids]
    for k in range(n):
        r, c = divmod(k, cols)
        x0, y0 = c * pitch_x, r * pitch_y + head
        trace = {"type": "heatmap", "name": f"image {k}", "z": images[k], "x0": x0, "dx": 1, "y0": y0, "dy": 1,
                 "customdata": np.full((h, w), ids[k]), "coloraxis": coloraxis, "xgap": 0, "ygap": 0,
                 "hovertemplate": f"{hover[k]}<extra></extra>"}  # fmt: skip
        if texts is not None:
            trace["text"] = texts[k]
        data.append(trace)
        if k < len(titles) and titles[k] != "":
            notes.append({"text": _title_html(titles[k]), "x": x0 + (w - 1) / 2, "y": y0 - 0.5, "xref": "x",
                          "yref": "y", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                          "font": {"size": FONT_SIZE}})  # fmt: skip
    span_x, span_y = max(min(n, cols) * pitch_x - gap, 1.0), max(rows * pitch_y - gap, 1.0)
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return {
        "data": data,
        "notes": notes,
        "xaxis": {**hidden, "range": [-0.5, span_x - 0.5]},
        "yaxis": {**hidden, "range": [span_y - 0.5, -0.5], "scaleanchor": "x", "constrain": "domain"},
        "width": span_x * cell,
        "height": span_y * cell,
    }


def _as_images(images, shape) -> np.ndarray:
    a = np.asarray(images, dtype=float)
    h, w = shape
    if a.size % (h * w):
        raise ValueError(f"images of {a.shape[-1] if a.ndim else a.size} values cannot be shown as {h}x{w}")
    return a.reshape(-1, h, w)


def misclassified_titles(true, pred, lang: str, classes=()) -> list[str]:
    """A title per image: "true 3 → predicted 8" (on two lines) in the language; classes by name where given,
    else by number."""
    true, pred = np.asarray(true, dtype=np.int64), np.asarray(pred, dtype=np.int64)
    k = max(int(max(true.max(initial=0), pred.max(initial=0))) + 1, len(classes))
    names = [str(classes[c]) if c < len(classes) else str(c) for c in range(k)]  # escaped where drawn
    return [t("df_true_pred", lang, t=names[a], p=names[b]) for a, b in zip(true.tolist(), pred.tolist())]


def digit_images_figure(images, titles, lang: str, shape=(8, 8), title: str | None = None, limit: int = LIMIT,
                        indices=None, cols: int = 10):  # fmt: skip
    """A gallery of greyscale images (rows (n, h*w) or (n, h, w)), in rows of up to 10, no axes: 0 is white, the
    largest value black. The first `limit` images are drawn (the title says so when there are more); trace k
    ("image k") has z = images[k] reshaped and, in every cell, customdata indices[k] (the image's index in its
    data set, say) or k when indices is None. Titles may hold line breaks ("\\n")."""
    a = _as_images(images, shape)
    total = a.shape[0]
    a = a[:limit]
    titles = list(titles)[: len(a)]
    hover = [t("df_image", lang, i=i + 1) for i in range(len(a))]
    hover = [plain(" ".join(str(s).split())) if s != "" else d for s, d in zip(titles + [""] * len(a), hover)]
    ids = None if indices is None else list(indices)[: len(a)]
    if ids is not None and len(ids) != len(a):
        raise ValueError(f"{len(a)} images need {len(a)} indices, not {len(ids)}")
    g = _tiles(a, titles, min(cols, max(len(a), 1)), "coloraxis", hover, ids=ids)
    head = title if title is not None else t("df_digits_title", lang)
    if total > len(a):
        head += " · " + t("df_shown_of", lang, n=fmt(len(a), 6), total=fmt(total, 9))
    lo, hi = min(0.0, float(a.min(initial=0.0))), float(a.max(initial=1.0))
    layout = {
        "title": {"text": plain(head) if title is not None else head},
        "annotations": g["notes"],
        "xaxis": g["xaxis"],
        "yaxis": g["yaxis"],
        "coloraxis": {"colorscale": GREYS, "cmin": lo, "cmax": hi if hi > lo else lo + 1.0, "showscale": False},
        "height": round(g["height"]) + 90,  # no width: the column's (the tiles keep their squares and shrink)
        "margin": {"l": 20, "r": 20, "t": 70, "b": 20},
    }
    return figure(g["data"], layout)


def hidden_weights_figure(W1, lang: str, shape=(8, 8), notation: str = "lee"):
    """Each hidden unit's incoming weights (a row of W^1, one weight per input pixel) as an image on the diverging
    scale centred at 0, one colour range for all (±max|w|), titled with the unit's name (a¹₁, ...); trace j has
    z = W1[j] reshaped, customdata j, and the weights printed (fmt) in its hover."""
    W = np.asarray(W1, dtype=float)
    h, w = shape
    if W.ndim != 2 or W.shape[1] != h * w:
        raise ValueError(f"W1 must have {h * w} columns (one per pixel of a {h}x{w} image), not {W.shape}")
    a = W.reshape(-1, h, w)
    names = [neuron_name(1, j, notation) for j in range(a.shape[0])]
    label = t("df_weight", lang)
    hover = [f"{nm}: {label} = %{{text}}" for nm in names]
    g = _tiles(a, names, min(10, max(math.ceil(math.sqrt(a.shape[0])), 1)), "coloraxis", hover, texts=fmt(a, 3))
    big = float(np.abs(W).max(initial=0.0))
    big = big if np.isfinite(big) and big > 0 else 1.0
    bar = colorbar(label, -big, big)
    layout = {
        "title": {"text": t("df_weights_title", lang)},
        "annotations": g["notes"],
        "xaxis": g["xaxis"],
        "yaxis": g["yaxis"],
        "coloraxis": {"colorscale": theme.DIVERGING, "cmin": -big, "cmax": big, "colorbar": bar},
        "height": max(round(g["height"]) + 100, 300),
        "margin": {"l": 20, "r": 120, "t": 80, "b": 20},
    }
    return figure(g["data"], layout)
