"""The network figure (DESIGN.md figure contract): neurons coloured by a quantity, weights by dJ/dW.

Trace order is fixed whatever the network's size:
  0 .. B-1   edge lines, one trace per (colour bucket, width bucket), segments separated by NaN
  B          `pending`: edges the animation has not reached yet (thin, light)
  B+1        `edges`: one invisible marker per weight at its midpoint, carrying customdata and hover
  B+2        `neurons`: one marker per neuron, input layer first, each layer top to bottom
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from engine.network import PassResult
from texts import t
from viz import sizes, theme
from viz.edges import N_BUCKETS, drawn_mask, edge_traces, edge_values
from viz.geometry import Geometry, geometry  # noqa: F401  (geometry: part of this module's interface)
from viz.hover import edge_texts, fmt, neuron_texts, text_num
from viz.measure import figure_sizes, label_fonts, layer_titles, node_diameter, sizes_for  # noqa: F401
from viz.notation import Notation
from viz.scales import Scale, sequential_scale, signed_scale
from viz.view import QUANTITIES, Stage, View, node_values, quantity_label  # noqa: F401

PENDING, EDGES, NEURONS = N_BUCKETS, N_BUCKETS + 1, N_BUCKETS + 2
LABELS = N_BUCKETS + 4  # `edge_labels`, after `inputs`: the numbers printed on the edges


def _text_colour(q: float, palette) -> str:
    """Black or white, whichever reads on a fill at position q of the palette (white where there is none)."""
    if not np.isfinite(q):
        return "#ffffff"
    r, g, b = theme._rgb(theme.colour_at(palette, float(q)))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def node_scale(stage: Stage, view: View, node_layer: np.ndarray) -> Scale:
    """The neurons' colour scale: over the computed layers only (the inputs have their own discs);
    δ on the symmetric-log scale unless the view asks for one linear scale."""
    computed = [stage.node_values[node_layer == l] for l in range(1, int(node_layer.max()) + 1)]
    if not stage.diverging:
        return sequential_scale(np.concatenate(computed) if computed else [])
    return signed_scale(computed, view.scale if stage.quantity == "delta" else "linear")


def neuron_update(stage: Stage, view: View, node_layer: np.ndarray, diameter: float) -> dict:
    """The parts of the `neurons` trace that change from stage to stage.

    A neuron the pass has not reached in this stage is drawn faded and without a colour (null), so no
    layer is pre-coloured with a value the class has not seen computed yet. Nodes are `diameter` px
    across (node_diameter: every label of every frame fits); a long label is set a little smaller.
    """
    scale = node_scale(stage, view, node_layer)
    n_inputs = int(np.sum(node_layer == 0))
    labels = len(node_layer) <= theme.LABEL_MAX_NEURONS
    vals = stage.node_values
    shown = stage.node_lit & (node_layer > 0)  # the inputs' own discs (`inputs`) show x
    tcol, text, size = None, None, None
    if labels:  # printed values, each in black or white, whichever reads on its fill
        q = scale.position(vals)
        tcol = [_text_colour(qk, scale.palette) if on else "#9a9a9a" for qk, on in zip(q, shown)]
        # a blank label is a no-break space, not "": plotly.js's animation only updates labels that exist.
        # An overflow reads ∞ or NaN.
        text = np.where(shown, fmt(vals, view.digits), "\u00a0").tolist()
        size = label_fonts(text, diameter, view)
    colour = np.where(stage.node_lit & ~np.isnan(vals), vals, np.nan)
    colour[:n_inputs] = vals[:n_inputs]  # a^0 = x stays in the data (the figure contract); its disc covers it
    upd = {
        "marker": {
            "color": np.where(np.isnan(colour), None, colour).tolist(),  # raw values; null: none (yet)
            "colorscale": scale.colorscale(),
            "cmin": scale.lo, "cmax": scale.hi,
            "opacity": np.where(stage.node_lit, 1.0, theme.INACTIVE_OPACITY),
            "size": diameter,
            "line": {"color": "#333333", "width": 1.5},
            "colorbar": dict(theme.COLORBAR, title={"text": stage.node_label, "side": "right"}, x=1.02),
            "showscale": not view.compact,
        },
        "text": text,
        "textfont": {"color": tcol, "size": size},
    }  # fmt: skip
    return upd


def inputs_trace(result: PassResult, view: View, geo: Geometry, hovertext, diameter: float) -> dict:
    """The inputs as their own white discs, always labelled with x: x is on no scale of the computed layers."""
    n = result.widths[0]
    labels = len(geo.xs) <= theme.LABEL_MAX_NEURONS
    text = fmt(result.x[view.sample], view.digits).tolist() if labels else None
    return {
        "type": "scatter", "mode": "markers+text" if labels else "markers", "name": "inputs", "showlegend": False,
        "x": geo.xs[:n], "y": geo.ys[:n],
        "marker": {"color": "#ffffff", "size": diameter, "line": {"color": "#333333", "width": 2}},
        "text": text, "textposition": "middle center",
        "textfont": {"color": "#111111", "size": label_fonts(text, diameter, view) if labels else None},
        "hovertemplate": "%{hovertext}<extra></extra>", "hovertext": hovertext[:n],
    }  # fmt: skip


def edge_labels_shown(view: View, geo: Geometry) -> bool:
    return view.edge_labels and len(geo.edge_layer) <= theme.EDGE_LABEL_MAX_EDGES


def edge_label_update(result: PassResult, stage: Stage, view: View, geo: Geometry, edge_q: str) -> dict:
    """The edge_labels trace's changing part: each lit weight's value, the quantity its colour shows."""
    if not edge_labels_shown(view, geo):
        return {"text": []}
    vals = fmt(edge_values(result, edge_q), view.digits)
    return {"text": np.where(stage.edge_lit, vals, "\u00a0").tolist()}


def edge_labels_trace(result: PassResult, stage: Stage, view: View, geo: Geometry, edge_q: str,
                      diameter: float) -> dict:  # fmt: skip
    """Numbers on the edges, for nets small enough to read them, each on its own edge where it overlaps no
    label placed before it (_label_spots)."""
    if edge_labels_shown(view, geo):
        font = 14 if view.large else 10
        texts = zip(fmt(edge_values(result, "W"), view.digits), fmt(edge_values(result, "dW"), view.digits))
        widths = np.array([max(sizes.text_em(a), sizes.text_em(b)) * font + 4 for a, b in texts])  # px, w or dW
        x, y = _label_spots(geo, figure_sizes(result, view), diameter, widths, font * 1.35)
    else:
        x = y = np.zeros(0, np.float32)
    return {
        "type": "scatter", "mode": "text", "name": "edge_labels", "showlegend": False, "hoverinfo": "skip",
        "x": x, "y": y, "textposition": "middle center",
        "textfont": {"size": 14 if view.large else 10, "color": "#1f2430", "family": theme.FONT["family"]},
        **edge_label_update(result, stage, view, geo, edge_q),
    }  # fmt: skip


def _label_spots(geo: Geometry, sz, diameter: float, widths: np.ndarray, height: float):
    """Where each edge's label goes: along its edge, clear of the two nodes it joins, at the fraction that keeps
    its box (widths[k] x height px) furthest from the labels already placed, in px at the narrowest width the
    figure expects (viz.sizes); greedy, widest labels first (a few dozen edges)."""
    w_px, h_px = sz.col_px, sz.row_px  # px per unit: one unit between layers, one between neurons
    sx, sy = geo.seg_x[:, :2].astype(float) * w_px, geo.seg_y[:, :2].astype(float) * h_px
    placed, sizes_placed = np.zeros((0, 2)), np.zeros(0)
    out = np.zeros((len(sx), 2))
    for k in np.argsort(-widths, kind="stable"):
        clear = (diameter / 2 + widths[k] / 2 + 3) / w_px  # of the way from a node's centre: the box is outside it
        fractions = np.linspace(min(clear, 0.45), 1 - min(clear, 0.45), 15)
        cand = np.column_stack([sx[k, 0] + fractions * (sx[k, 1] - sx[k, 0]),
                                sy[k, 0] + fractions * (sy[k, 1] - sy[k, 0])])  # fmt: skip
        if len(placed):  # the clearance between two boxes, the larger of the two axes' (negative: overlap)
            gap = np.maximum(np.abs(cand[:, None, 0] - placed[None, :, 0]) - (widths[k] + sizes_placed) / 2,
                             np.abs(cand[:, None, 1] - placed[None, :, 1]) - height).min(axis=1)  # fmt: skip
            best = int(np.argmax(gap - 0.01 * np.abs(fractions - 0.5)))  # ties: nearer the middle
        else:
            best = len(fractions) // 2
        out[k] = cand[best]
        placed, sizes_placed = np.vstack([placed, cand[best]]), np.append(sizes_placed, widths[k])
    return (out[:, 0] / w_px).astype(np.float32), (out[:, 1] / h_px).astype(np.float32)


def final_stage(result: PassResult, view: View) -> Stage:
    vals = node_values(result, view.nodes, view.sample)
    return Stage(
        vals,
        np.ones(len(vals), bool),
        view.nodes in ("z", "delta"),
        quantity_label(view.nodes, view),
        np.ones(sum(rec.W.size for rec in result.layers), bool),
        t("frame_done", view.lang),
        quantity=view.nodes,
    )


def stage_parts(result: PassResult, stage: Stage, view: View, geo: Geometry, edge_q: str,
                diameter: float) -> tuple[list[dict], dict]:  # fmt: skip
    """One stage's changing parts: bucket traces + pending, the edge labels and the neurons update (trace
    indices 0..B, LABELS, B+2),
    and layout.meta's colour bars (what the live chart draws beside the plot)."""
    escale = edge_scale(result, edge_q, view.scale)
    traces = edge_traces(result, stage.edge_lit, edge_q, geo, escale)
    traces.append(edge_label_update(result, stage, view, geo, edge_q))  # trace LABELS
    traces.append(neuron_update(stage, view, geo.node_layer, diameter))
    log = t("grad_scale_log", view.lang)
    meta = {
        "edge_bar": escale.bar(t("e_" + edge_q, view.lang), view.digits, log),
        "node_bar": node_scale(stage, view, geo.node_layer).bar(stage.node_label, view.digits, log),
    }
    return traces, meta


def layer_annotations(layers, activations, notation: Notation, view: View, loss: float) -> list[dict]:
    """Each layer's title above the plot (name and symbol, then its activation), and J in the title's row at
    the plot's right edge: clear of the nodes, of each other and of the colour bars beside the plot."""
    sz = sizes_for(tuple(layers), tuple(activations), view.notation, view.lang, view.large, view.compact)
    act = f"<span style='font-size:{sz.act_font:.1f}px;color:#555'>{{}}</span>"
    out = []
    for l, (name, sym, activation) in enumerate(layer_titles(layers, activations, notation, view.lang, view.compact)):
        head = (
            [f"<b>{name}</b> {sym}"] if name and sz.title_lines == 2 else ([f"<b>{name}</b>", sym] if name else [sym])
        )
        text = "<br>".join(head + [act.format(activation or "\u00a0")])  # the input's blank line keeps rows level
        out.append({"x": l, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "yshift": 4, "text": text,
                    "showarrow": False, "font": {"size": sz.layer_font}})  # fmt: skip
    if not view.compact:  # a narrow column has no room for it; J is in the equations
        out.append({"x": 1, "xref": "paper", "xanchor": "right", "y": 1, "yref": "paper", "yanchor": "middle",
                    "yshift": sz.J_shift,
                    "text": f"<b>J = {text_num(loss, view.digits + 1)}</b>", "showarrow": False,
                    "font": {"size": sz.mode.title}})  # fmt: skip
    return out


def build_network_figure(result: PassResult, view: View, stage: Stage | None = None) -> go.Figure:
    """The whole static figure for one stage (default: everything computed)."""
    return go.Figure(network_figure_dict(result, view, stage), _validate=False)


def network_figure_dict(result: PassResult, view: View, stage: Stage | None = None) -> dict:
    """The figure as a plain dict (data + layout), so callers can add frames without validation cost."""
    layers = result.widths
    geo = geometry(layers)
    notation = Notation(view.notation)
    stage = stage or final_stage(result, view)
    s = view.sample
    diameter = node_diameter(result, view)  # one size for the figure and all its frames
    parts, meta = stage_parts(result, stage, view, geo, view.edges, diameter)  # meta: the live chart's colour bars
    E = len(geo.edge_layer)
    w, dW = edge_values(result, "W"), edge_values(result, "dW")
    ev = dW if view.edges == "dW" else w
    escale = edge_scale(result, view.edges, view.scale)
    # past DRAW_MAX_EDGES only the drawn edges get a marker: the figure stays a few MB at most
    shown = np.arange(E) if E <= theme.DRAW_MAX_EDGES else np.flatnonzero(drawn_mask(result))
    edges = {
        "type": "scatter", "mode": "markers", "name": "edges", "showlegend": False,
        "x": geo.mid_x[shown], "y": geo.mid_y[shown],
        # plain lists, not typed arrays: the browser's gd.data then holds the numbers themselves
        "customdata": np.column_stack([geo.edge_layer, geo.edge_i, geo.edge_j, w, dW])[shown].tolist(),
        "marker": {"size": 9, "opacity": 0.02 if E <= theme.HOVER_MAX_EDGES else 0, "color": ev[shown].tolist(),
                   "colorscale": escale.colorscale(), "cmin": escale.lo, "cmax": escale.hi,
                   "colorbar": dict(theme.COLORBAR, title={"text": t("e_" + view.edges, view.lang), "side": "right"},
                                    x=-0.02, xanchor="right"),
                   "showscale": not view.compact},
        "hovertemplate": "%{text}<extra></extra>",
        "text": edge_texts(result, s, notation, view.digits) if E <= theme.HOVER_MAX_EDGES else None,
        "visible": True if E <= theme.HOVER_MAX_EDGES else False,
    }  # fmt: skip
    custom = [
        [int(l), int(i), None, float(result.x[s, i]), None]
        for l, i in zip(geo.node_layer[: layers[0]], geo.node_i[: layers[0]])
    ]
    for l, rec in enumerate(result.layers, start=1):
        custom += [[l, i, float(rec.z[s, i]), float(rec.a[s, i]), float(rec.delta[s, i])] for i in range(layers[l])]
    hovertext = neuron_texts(result, s, notation, view.lang, view.digits)
    neurons = {
        "type": "scatter", "mode": "markers+text" if len(geo.xs) <= theme.LABEL_MAX_NEURONS else "markers",
        "name": "neurons", "showlegend": False, "x": geo.xs, "y": geo.ys, "customdata": custom,
        "hovertemplate": "%{hovertext}<extra></extra>", "hovertext": hovertext, "textposition": "middle center",
    }  # fmt: skip
    neurons.update({k: v for k, v in parts[-1].items()})
    sz = figure_sizes(result, view)
    m = sz.mode
    fig_layout = {
        "template": {"layout": {}}, "height": sz.height, "margin": sz.margin,
        "font": dict(theme.FONT, size=m.font),
        "title": {"text": stage.title, "x": 0.01, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top",
                  "pad": {"t": sizes.TITLE_PAD}, "font": {"size": m.title}},
        "xaxis": {"visible": False, "range": list(sz.x_range), "fixedrange": True},
        "yaxis": {"visible": False, "range": list(sz.y_range), "fixedrange": True},
        "hovermode": "closest", "plot_bgcolor": "white", "paper_bgcolor": "white",
        "annotations": layer_annotations(layers, [r.activation for r in result.layers], notation, view, result.loss),
        "shapes": [_highlight_shape(stage.highlight, layers)],
        "hoverlabel": {"font": {"size": 16 if view.large else 13}, "align": "left"},
        "dragmode": False,
        "meta": meta,
    }  # fmt: skip
    labels = edge_labels_trace(result, stage, view, geo, view.edges, diameter)
    return {"data": parts[:-2] + [edges, neurons, inputs_trace(result, view, geo, hovertext, diameter), labels],
            "layout": fig_layout}  # fmt: skip


def edge_scale(result: PassResult, which: str, kind: str) -> Scale:
    """The edges' colour scale in a frame: W (the forward sweep) linear; dJ/dW on the view's scale (log:
    every weight layer's gradients read, however small next to the last layer's)."""
    return signed_scale([getattr(rec, which) for rec in result.layers], kind if which == "dW" else "linear")


def _highlight_shape(layer: int | None, layers) -> dict:
    h = max(layers) / 2  # the layer's rows, each one unit tall
    x = -10 if layer is None else layer
    return {
        "type": "rect",
        "xref": "x",
        "yref": "y",
        "x0": x - 0.32,
        "x1": x + 0.32,
        "y0": -h,
        "y1": h,
        "fillcolor": theme.HIGHLIGHT,
        "line": {"width": 0},
        "layer": "below",
    }
