"""The input plane (issue 11): what the network predicts over it (what each hidden neuron computes there:
viz.data_figures.neuron_maps_figure).

Redrawn about ten times a second while the network trains, so everything is vectorised: one forward pass over
the grid, the boundary by vectorised marching squares (a line of a few hundred segments instead of a second
10,000-value contour trace), the grid's values as float32 (half the payload, seven digits to spare).

boundary_figure's traces (DESIGN.md: the numbers travel with the picture):
- "output": heatmap over the grid, z[iy][ix] at (xs[ix], ys[iy]) (engine.metrics.plane_grid). binary: P(class 1);
  regression: the prediction; multiclass: class + 0.98 * confidence (meta says so), confidence = how far the
  largest probability stands above 1/k, scaled to 0..1: the class picks the hue, the confidence its depth.
- "boundary": the decision boundary, line segments separated by NaN (binary: P = 0.5; multiclass: where the
  largest probability changes hands).
- "train", "test": one marker per sample; customdata[k] = [split, index in its split, true label, predicted
  label, output] (classes: label indices and the output for the predicted class, P(class 1) when binary;
  regression: target, prediction, prediction).
- "wrong": a cross over every sample whose predicted class is not its true one, same customdata.
- "highlight": a ring around the sample `highlight` = (split, index) names, when given.
- 1-D inputs (regression, binary): "prediction", the output as a curve over x, and the samples at their targets.
"wrong" and "highlight" take no hover or click: those reach the sample's own marker beneath (its trace's text).
Legend entries are separate empty traces (named in the reader's language), so the data traces keep these names.
"""

from __future__ import annotations

import numpy as np

from engine.metrics import plane_grid, predict, predicted_labels, true_labels
from texts import t
from viz import theme
from viz.data_figures import (
    BOTTOM_LEGEND,
    CLASS_COLOURS,
    INK,
    LEGEND_MARGIN,
    TOP_TITLE,
    axis,
    class_colours,
    class_names,
    colorbar,
    figure,
    plain,
    tint,
)
from viz.hover import fmt

PALE_DIVERGING = [[p, tint(c, 0.45)] for p, c in theme.DIVERGING]  # the plane pale, so the points stand out
CONFIDENT = 0.98  # multiclass z = class + CONFIDENT * confidence: each class's values stay inside its band
TRAIN = {"symbol": "circle", "size": 10, "line": {"color": "white", "width": 1.2}}
TEST = {"symbol": "diamond", "size": 11, "line": {"color": INK, "width": 1.5}}
CROSS = {"symbol": "x-thin-open", "size": 17, "color": INK, "line": {"color": INK, "width": 2.5}}
RING = {"symbol": "circle-open", "size": 26, "color": "#e69f00", "line": {"color": "#e69f00", "width": 3.5}}
LINE = {"color": INK, "width": 2.5}


def boundary_segments(xs, ys, f) -> tuple[np.ndarray, np.ndarray]:
    """The zero line of f (n_y, n_x) sampled at (xs[ix], ys[iy]), by marching squares: x and y of its segments,
    each [start, end, NaN], as float32. Crossings are linearly interpolated along the cell edges; a saddle cell
    is split by the sign of its centre (the mean of its corners)."""
    f = np.asarray(f, dtype=float)
    pos = f >= 0
    with np.errstate(invalid="ignore", divide="ignore"):
        th = f[:, :-1] / (f[:, :-1] - f[:, 1:])  # along x, on the horizontal edges
        tv = f[:-1, :] / (f[:-1, :] - f[1:, :])  # along y, on the vertical edges
    hx, hy = xs[:-1] + th * np.diff(xs), np.broadcast_to(ys[:, None], th.shape)
    vx, vy = np.broadcast_to(xs[None, :], tv.shape), ys[:-1, None] + tv * np.diff(ys)[:, None]
    ch, cv = pos[:, :-1] != pos[:, 1:], pos[:-1, :] != pos[1:, :]
    # each cell's edges in turn: bottom, right, top, left
    cross = np.stack([ch[:-1], cv[:, 1:], ch[1:], cv[:, :-1]], axis=-1)
    px = np.stack([hx[:-1], vx[:, 1:], hx[1:], vx[:, :-1]], axis=-1)
    py = np.stack([hy[:-1], vy[:, 1:], hy[1:], vy[:, :-1]], axis=-1)
    count = cross.sum(axis=-1)
    two = count == 2
    first = np.argsort(~cross[two], axis=-1, kind="stable")[:, :2]  # the two crossed edges
    pairs = [(px[two], py[two], first[:, 0], first[:, 1])]
    four = count == 4
    if four.any():  # a saddle: bottom-left and top-right corners share a sign
        centre = (f[:-1, :-1] + f[:-1, 1:] + f[1:, :-1] + f[1:, 1:])[four] >= 0
        joined = centre == pos[:-1, :-1][four]  # the centre joins bl and tr: cut off the other two corners
        a = np.where(joined[:, None], [0, 2], [0, 1])  # (bottom, right) + (top, left), or (bottom, left) + (right, top)
        b = np.where(joined[:, None], [1, 3], [3, 2])
        for s in range(2):
            pairs.append((px[four], py[four], a[:, s], b[:, s]))
    xs_out, ys_out = [], []
    for qx, qy, i, j in pairs:
        rows = np.arange(len(i))
        nan = np.full(len(i), np.nan)
        xs_out.append(np.column_stack([qx[rows, i], qx[rows, j], nan]).ravel())
        ys_out.append(np.column_stack([qy[rows, i], qy[rows, j], nan]).ravel())
    return np.concatenate(xs_out).astype(np.float32), np.concatenate(ys_out).astype(np.float32)


def _multiclass_plane(p: np.ndarray, k: int):
    """z (class + CONFIDENT * confidence), its colour scale, and the boundary's fields p_c - max_{j != c} p_j
    (the last class's field is left out: each of its borders is another class's border too)."""
    top2 = np.partition(p, -2, axis=1)[:, -2:]  # second largest, largest
    conf = np.clip((top2[:, 1] - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
    z = np.argmax(p, axis=1) + CONFIDENT * conf
    scale = []
    for c, colour in enumerate(class_colours(k)):
        scale += [[c / k, tint(colour, 0.88)], [(c + CONFIDENT) / k, tint(colour, 0.3)]]
    scale[-1][0] = 1.0
    fields = [p[:, c] - np.where(p[:, c] >= top2[:, 1], top2[:, 0], top2[:, 1]) for c in range(k - 1)]
    return z, scale, fields


def _samples(split: str, x, y, out, task: str) -> dict:
    """One split's columns: where each sample is drawn, its labels, the output shown, customdata."""
    n, one_d = x.shape[0], x.shape[1] == 1
    if task == "regression":
        true, pred, shown = y[:, 0], out[:, 0], out[:, 0]
        wrong = np.array([], dtype=np.int64)
    else:
        true, pred = true_labels(task, y), predicted_labels(task, out)
        shown = out[:, 0] if task == "binary" else out[np.arange(n), pred]
        wrong = np.flatnonzero(pred != true)
    custom = np.empty((n, 5), dtype=object)  # an object array: go.Figure copies it far faster than lists of lists
    for col, values in enumerate((range(n), true.tolist(), pred.tolist(), shown.tolist()), start=1):
        custom[:, col] = list(values)  # Python numbers, as JSON writes them
    custom[:, 0] = split
    py = y[:, 0] if one_d else x[:, 1]  # one input: each sample at its target
    return {"split": split, "x": x, "px": x[:, 0], "py": py, "true": true, "pred": pred, "shown": shown,
            "wrong": wrong, "custom": custom}  # fmt: skip


def _hover(s: dict, task: str, names: list[str], features: list[str], lang: str) -> np.ndarray:
    """One hover text per sample: which sample, its inputs, its true and predicted labels, the output."""
    add = np.char.add
    pre, post = t("df_sample", lang, i="{i}").split("{i}")
    text = add(add(pre, np.arange(1, len(s["px"]) + 1).astype(str)), f"{post}<br>{features[0]} = ")
    text = add(text, fmt(s["x"][:, 0], 3))
    if s["x"].shape[1] > 1:
        text = add(add(text, f", {features[1]} = "), fmt(s["x"][:, 1], 3))
    if task == "regression":
        text = add(add(text, f"<br>{t('df_target', lang)} = "), fmt(s["true"], 4))
        return add(add(text, f"<br>{t('df_prediction', lang)} = "), fmt(s["pred"], 4))
    nm = np.array(names)
    text = add(add(add(text, f"<br>{t('df_true', lang)}: "), nm[s["true"]]), f" · {t('df_predicted', lang)}: ")
    text = add(text, nm[s["pred"]])
    prob = np.full(len(nm[s["pred"]]), names[1]) if task == "binary" else nm[s["pred"]]
    pre, post = t("df_prob", lang, c="{c}").split("{c}")
    return add(add(add(add(text, "<br>" + pre), prob), post + " = "), fmt(s["shown"], 4))


def _markers(name: str, x, y, custom, text, marker: dict, extra: str = "") -> dict:
    """A marker trace; without text it takes no hover or click (they reach the sample's own marker below it);
    text "" (while training runs: the texts are ~40 % of the payload) hovers and clicks with x and y only."""
    tr = {"type": "scatter", "mode": "markers", "name": name, "x": x, "y": y, "customdata": custom, "marker": marker,
          "showlegend": False, "legendgroup": name}  # fmt: skip
    if text is None:
        tr["hoverinfo"] = "skip"
    elif isinstance(text, str):
        tr["hovertemplate"] = f"(%{{x:.3g}}, %{{y:.3g}})<extra>{extra}</extra>"
    else:
        tr.update({"text": text, "hovertemplate": f"%{{text}}<extra>{extra}</extra>"})
    return tr


def _legend(name: str, group: str, marker: dict | None = None, line: dict | None = None) -> dict:
    """A legend entry with nothing to draw: the data traces keep their fixed names, the legend the reader's words."""
    tr = {"type": "scatter", "x": [None], "y": [None], "name": name, "legendgroup": group, "hoverinfo": "skip"}
    tr.update({"mode": "lines", "line": line} if line else {"mode": "markers", "marker": marker})
    return tr


def _plane(params, activations, task, both, grid, names, lang):
    """The "output" heatmap and the "boundary" line over the plane; a regression's colour range (lo, hi)."""
    xs, ys, pts = plane_grid(both, grid, square=True)
    p = predict(params, activations, pts)
    heat = {"type": "heatmap", "name": "output", "x": xs, "y": ys, "hoverinfo": "skip", "showlegend": False}
    span = None
    if task == "binary":
        z, fields = p[:, 0], [p[:, 0] - 0.5]
        bar = colorbar(t("df_prob", lang, c=names[1]), 0, 1, values=[0, 0.25, 0.5, 0.75, 1])
        heat.update(colorscale=PALE_DIVERGING, zmin=0, zmax=1, colorbar=bar, meta={"z": "P(class 1)"})
    elif task == "multiclass":
        z, scale, fields = _multiclass_plane(p, len(names))
        heat.update(colorscale=scale, zmin=0, zmax=len(names), showscale=False, meta={"z": "class + 0.98 confidence"})
    else:
        z, fields = p[:, 0], []
        span = float(z.min()), float(z.max())
        heat.update(coloraxis="coloraxis", meta={"z": "prediction"})
    heat["z"] = z.reshape(grid, grid).astype(np.float32)
    parts = [boundary_segments(xs, ys, f.reshape(grid, grid)) for f in fields]
    bx = np.concatenate([q[0] for q in parts]) if parts else np.array([], np.float32)
    by = np.concatenate([q[1] for q in parts]) if parts else np.array([], np.float32)
    line = {"type": "scatter", "mode": "lines", "name": "boundary", "x": bx, "y": by, "hoverinfo": "skip",
            "showlegend": False, "legendgroup": "boundary", "line": LINE}  # fmt: skip
    return [heat, line], xs, ys, span


def _curve(params, activations, both, grid) -> dict:
    """The output over one input, at 2 * grid points spanning the data with a margin."""
    lo, hi = both[:, 0].min(), both[:, 0].max()
    pad = 0.1 * (hi - lo if hi > lo else 1.0)
    gx = np.linspace(lo - pad, hi + pad, 2 * grid)
    a = predict(params, activations, gx[:, None])[:, 0]
    return {"type": "scatter", "mode": "lines", "name": "prediction", "x": gx.astype(np.float32),
            "y": a.astype(np.float32), "hoverinfo": "skip", "showlegend": False, "legendgroup": "prediction",
            "line": {**LINE, "width": 3}}  # fmt: skip


def boundary_figure(params, activations, task: str, x_train, y_train, x_test, y_test, lang: str, grid: int = 100,
                    classes=(), highlight=None, features=("x1", "x2"), hover: bool = True):  # fmt: skip
    """The network's output over the plane of two inputs, its decision boundary and the samples (module doc);
    for one input (regression or binary), the output as a curve over x. classes: the classes' names (default
    "class 0", ...); features: the inputs' names; highlight: (split, index) of a sample to ring; hover: each
    sample's hover text (False while training runs: x and y only)."""
    x_train = np.asarray(x_train, float)
    d = x_train.shape[1]
    x_test = np.asarray(x_test, float).reshape(-1, d)
    y_train = np.asarray(y_train, float)
    y_test = np.asarray(y_test, float).reshape(-1, y_train.shape[1])
    if not (d == 2 or (d == 1 and task in ("regression", "binary"))):
        raise ValueError(f"boundary_figure draws 2 inputs (or 1 for regression and binary), not {d}")
    features = [plain(f) for f in features]
    k = 2 if task == "binary" else y_train.shape[1]
    names, colours = class_names(classes, k, lang), class_colours(k)
    both = np.vstack([x_train, x_test])
    if d == 2:
        data, xs, ys, span = _plane(params, activations, task, both, grid, names, lang)
    else:
        data = [_curve(params, activations, both, grid)]
    splits = [_samples(split, x, y, predict(params, activations, x), task)
              for split, x, y in (("train", x_train, y_train), ("test", x_test, y_test))]  # fmt: skip
    texts = [_hover(s, task, names, features, lang) if hover else "" for s in splits]
    for s, text, style in zip(splits, texts, (TRAIN, TEST)):
        if task != "regression":
            colour = np.array(colours)[s["true"]]
        else:
            colour = s["true"] if d == 2 else CLASS_COLOURS[0]
        marker = {**style, "color": colour} | ({"coloraxis": "coloraxis"} if task == "regression" and d == 2 else {})
        data.append(_markers(s["split"], s["px"], s["py"], s["custom"], text, marker, t(f"df_{s['split']}", lang)))
    if task != "regression":
        px, py = (np.concatenate([s[c][s["wrong"]] for s in splits]) for c in ("px", "py"))
        custom = np.concatenate([s["custom"][s["wrong"]] for s in splits])
        data.append(_markers("wrong", px, py, custom, None, CROSS))
    for s in splits:
        if highlight is not None and highlight[0] == s["split"] and 0 <= highlight[1] < len(s["px"]):
            i = int(highlight[1])
            data.append(
                _markers("highlight", s["px"][i : i + 1], s["py"][i : i + 1], s["custom"][i : i + 1], None, RING)
            )
    data += _legend_entries(task, d, names, colours, lang)
    layout = {"legend": BOTTOM_LEGEND, "height": 620, "margin": {"l": 70, "r": 30, "t": 70, "b": LEGEND_MARGIN}}
    if d == 1:
        ytitle = t("df_target", lang) if task == "regression" else t("df_prob", lang, c=names[1])
        layout.update(
            title={"text": t("df_curve_title", lang), **TOP_TITLE}, xaxis=axis(features[0]), yaxis=axis(ytitle)
        )
        return figure(data, layout)
    title = {"text": t("df_boundary_title", lang), **TOP_TITLE}
    if task == "multiclass":
        title["subtitle"] = {"text": t("df_confidence_note", lang), "font": {"size": 14}}
    square = {"constrain": "domain", "showgrid": False}
    layout.update(title=title, xaxis=axis(features[0], range=[float(xs[0]), float(xs[-1])], **square),
                  yaxis=axis(features[1], range=[float(ys[0]), float(ys[-1])], scaleanchor="x", constraintoward="top",
                             **square))  # fmt: skip
    if task == "regression":
        targets = np.concatenate([y_train[:, 0], y_test[:, 0]])
        lo, hi = min(span[0], float(targets.min())), max(span[1], float(targets.max()))
        hi = hi if hi > lo else lo + 1.0
        bar = colorbar(t("df_output", lang), lo, hi)
        layout["coloraxis"] = {"colorscale": theme.SEQUENTIAL, "cmin": lo, "cmax": hi, "colorbar": bar}
    return figure(data, layout)


def _legend_entries(task: str, d: int, names, colours, lang: str) -> list[dict]:
    """The legend: shape = split, colour = class, the cross, the boundary or the curve."""
    grey = {"color": "#555555"}
    out = [] if d == 2 else [_legend(t("df_output", lang), "prediction", line={**LINE, "width": 3})]
    out += [
        _legend(t("df_train", lang), "train", {**TRAIN, **grey}),
        _legend(t("df_test", lang), "test", {**TEST, **grey}),
    ]
    if task == "regression":
        return out
    out.append(_legend(t("df_misclassified", lang), "wrong", CROSS))
    if d == 2:
        out.append(_legend(t("df_boundary", lang), "boundary", line=LINE))
    return out + [_legend(nm, f"class {c}", {"symbol": "square", "size": 12, "color": colours[c]})
                  for c, nm in enumerate(names)]  # fmt: skip
