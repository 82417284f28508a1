"""The network figure (DESIGN.md figure contract): neurons coloured by a quantity, weights by dJ/dW.

Trace order is fixed whatever the network's size:
  0 .. B-1   edge lines, one trace per (colour bucket, width bucket), segments separated by NaN
  B          `pending`: edges the animation has not reached yet (thin, light)
  B+1        `edges`: one invisible marker per weight at its midpoint, carrying customdata and hover
  B+2        `neurons`: one marker per neuron, input layer first, each layer top to bottom
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from engine.network import PassResult
from texts import t
from viz import sizes, theme
from viz.edges import N_BUCKETS, drawn_mask, edge_traces, edge_values
from viz.graph import layout
from viz.hover import edge_texts, fmt, neuron_texts, text_num
from viz.notation import Notation
from viz.scales import Scale, sequential_scale, signed_scale
from viz.tables import plain

PENDING, EDGES, NEURONS = N_BUCKETS, N_BUCKETS + 1, N_BUCKETS + 2
QUANTITIES = ("a", "z", "gp", "delta")


@dataclass(frozen=True)
class View:
    """How to draw: which sample, which quantities, which notation and language."""

    sample: int = 0
    nodes: str = "a"  # a | z | gp | delta
    edges: str = "dW"  # dW | W
    notation: str = "lee"
    lang: str = "en"
    frame_ms: int = 600
    digits: int = 3
    large: bool = False  # presentation mode: bigger text and figure
    scale: str = "log"  # δ and ∂J/∂W colours: log (every layer reads) or linear (one shared scale)
    compact: bool = False  # a narrow column: short layer labels, no colour bars (the caption explains)


@dataclass(frozen=True)
class Stage:
    """What one moment of the animation (or one step) shows."""

    node_values: np.ndarray  # (N,), NaN where the quantity does not exist (inputs have no z, delta)
    node_lit: np.ndarray  # (N,) bool
    diverging: bool  # signed quantity: diverging scale symmetric about 0
    node_label: str  # what the neuron colour means
    edge_lit: np.ndarray  # (E,) bool: coloured by the edge quantity, or pending
    title: str
    highlight: int | None = None  # code layer to highlight
    quantity: str = "a"  # a | z | gp | delta: what the neuron colours are


@dataclass(frozen=True)
class Geometry:
    xs: np.ndarray  # (N,) neuron positions
    ys: np.ndarray
    seg_x: np.ndarray  # (E, 3) x0, x1, NaN per edge
    seg_y: np.ndarray
    mid_x: np.ndarray  # (E,) edge midpoints
    mid_y: np.ndarray
    edge_layer: np.ndarray  # (E,) weight layer l (1-based)
    edge_i: np.ndarray  # (E,) row: the neuron it feeds (0-based)
    edge_j: np.ndarray  # (E,) column: the neuron it comes from
    node_layer: np.ndarray  # (N,) code layer of each neuron
    node_i: np.ndarray


CACHED_EDGES = 20_000  # geometries up to this size are kept (~1 MB each); a 786k-edge one is 44 MB


def geometry(layers: tuple[int, ...]) -> Geometry:
    """Where every neuron, edge and label goes; remembered for small nets, rebuilt (~50 ms) for big ones."""
    edges = sum(a * b for a, b in zip(layers[1:], layers[:-1]))
    return _cached_geometry(layers) if edges <= CACHED_EDGES else _geometry(layers)


@lru_cache(maxsize=16)
def _cached_geometry(layers: tuple[int, ...]) -> Geometry:
    return _geometry(layers)


def _geometry(layers: tuple[int, ...]) -> Geometry:
    # positions in float32: they only place marks on screen, and the figure sent to the browser halves
    xs, ys = (np.asarray(v, np.float32) for v in layout(layers))
    starts = np.concatenate([[0], np.cumsum(layers)])
    el, ei, ej = [], [], []
    for l in range(1, len(layers)):
        el.append(np.full(layers[l] * layers[l - 1], l))
        ei.append(np.repeat(np.arange(layers[l]), layers[l - 1]))
        ej.append(np.tile(np.arange(layers[l - 1]), layers[l]))
    el, ei, ej = (np.concatenate(v) for v in (el, ei, ej))
    src = starts[el - 1] + ej
    dst = starts[el] + ei
    nan = np.full(len(el), np.nan, np.float32)
    node_layer = np.repeat(np.arange(len(layers)), layers)
    node_i = np.concatenate([np.arange(n) for n in layers])
    return Geometry(
        xs, ys,
        np.column_stack([xs[src], xs[dst], nan]), np.column_stack([ys[src], ys[dst], nan]),
        (xs[src] + xs[dst]) / 2, (ys[src] + ys[dst]) / 2,
        el, ei, ej, node_layer, node_i,
    )  # fmt: skip


def node_values(result: PassResult, quantity: str, s: int) -> np.ndarray:
    """The quantity for every neuron of sample s, input first; inputs: x for a, NaN otherwise."""
    first = result.x[s] if quantity == "a" else np.full(result.x.shape[1], np.nan)
    attr = {"a": "a", "z": "z", "gp": "gprime", "delta": "delta"}[quantity]
    return np.concatenate([first] + [getattr(rec, attr)[s] for rec in result.layers])


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


def label_fonts(text: list[str], diameter: float, view: View) -> list[float]:
    """Each label's font size: the mode's, or smaller where the label would not fit its node."""
    size = sizes.mode_of(view.large, view.compact).label
    return [sizes.label_font(s, diameter, size) for s in text]


def node_diameter(result: PassResult, view: View) -> float:
    """The nodes' diameter (px) for this figure and all its frames: large enough for every label they show
    (x, a and δ as the passes sweep, the chosen quantity at the end), where the rows and columns leave room."""
    if sum(result.widths) > theme.LABEL_MAX_NEURONS:
        return theme.NODE_SIZE_UNLABELLED
    s = view.sample
    shown = {"a", "delta", view.nodes}
    vals = [result.x[s]] + [node_values(result, q, s)[result.widths[0] :] for q in shown]
    labels = fmt(np.concatenate(vals), view.digits).tolist()
    return sizes.node_labels(figure_sizes(result, view), labels)[0]


def figure_sizes(result: PassResult, view: View) -> sizes.Sizes:
    return _sizes(tuple(result.widths), tuple(r.activation for r in result.layers), view.notation, view.lang,
                  view.large, view.compact)  # fmt: skip


@lru_cache(maxsize=64)
def _sizes(layers: tuple[int, ...], activations: tuple[str, ...], notation: str, lang: str, large: bool,
           compact: bool) -> sizes.Sizes:  # fmt: skip
    titles = [(name, plain(sym), act) for name, sym, act in layer_titles(layers, activations, Notation(notation),
                                                                         lang, compact)]  # fmt: skip
    return sizes.figure_sizes(layers, large, compact, sum(layers) <= theme.LABEL_MAX_NEURONS, titles)


def layer_titles(layers, activations, notation: Notation, lang: str, compact: bool) -> list[tuple[str, str, str]]:
    """(name, symbol as HTML, activation) above each layer: ("hidden 1", "a<sup>1</sup>", "sigmoid")."""
    L = len(layers) - 1
    out = []
    for l in range(L + 1):
        if compact:
            name = ""
        elif l == 0:
            name = t("layer_input", lang)
        elif l == L:
            name = t("layer_output", lang)
        else:
            name = t("layer_hidden", lang, n=notation.layer_number(l))
        out.append((name, notation.sym("a", l, latex=False), t("act_" + activations[l - 1], lang) if l else ""))
    return out


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


def quantity_label(q: str, view: View) -> str:
    return t(f"q_{q}", view.lang)


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


def stage_parts(result: PassResult, stage: Stage, view: View, geo: Geometry, edge_q: str) -> tuple[list[dict], dict]:
    """One stage's changing parts: bucket traces + pending and the neurons update (trace indices 0..B, B+2),
    and layout.meta's colour bars (what the live chart draws beside the plot)."""
    escale = edge_scale(result, edge_q, view.scale)
    traces = edge_traces(result, stage.edge_lit, edge_q, geo, escale)
    traces.append(neuron_update(stage, view, geo.node_layer, node_diameter(result, view)))
    log = t("grad_scale_log", view.lang)
    meta = {
        "edge_bar": escale.bar(t("e_" + edge_q, view.lang), view.digits, log),
        "node_bar": node_scale(stage, view, geo.node_layer).bar(stage.node_label, view.digits, log),
    }
    return traces, meta


def layer_annotations(layers, activations, notation: Notation, view: View, loss: float) -> list[dict]:
    """Each layer's title above the plot (name and symbol, then its activation), and J in the title's row at
    the plot's right edge: clear of the nodes, of each other and of the colour bars beside the plot."""
    sz = _sizes(tuple(layers), tuple(activations), view.notation, view.lang, view.large, view.compact)
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
    parts, meta = stage_parts(result, stage, view, geo, view.edges)  # meta: the live chart's colour bars
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
    diameter = parts[-1]["marker"]["size"]
    return {"data": parts[:-1] + [edges, neurons, inputs_trace(result, view, geo, hovertext, diameter)],
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
