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
from ui.i18n import t
from viz import theme
from viz.edges import N_BUCKETS, drawn_mask, edge_traces, edge_values
from viz.graph import layout
from viz.hover import edge_texts, fmt, neuron_texts, text_num
from viz.notation import Notation

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


def _text_colour(v, lo, hi, diverging: bool) -> str:
    """Black or white, whichever reads on the neuron's fill (white on the null, no-such-quantity grey)."""
    if not np.isfinite(v):
        return "#ffffff"
    if diverging:
        r, g, b = theme._rgb(theme.colour_at(theme.DIVERGING, 0.5 + 0.5 * v / hi if hi else 0.5))
        return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"
    # viridis runs dark purple -> yellow: dark text on the light upper part
    with np.errstate(over="ignore"):  # an input of 1e308 against a range of width 1: inf, and dark text, is right
        return "#111111" if (v - lo) / (hi - lo) > 0.55 else "#ffffff"


def _colour_range(values, diverging, n_inputs=0):
    # the inputs (x) often dwarf the activations; the range follows the computed layers
    finite = values[n_inputs:][np.isfinite(values[n_inputs:])]
    if diverging:
        vmax = float(np.abs(finite).max()) if finite.size else 1.0
        vmax = vmax or 1.0
        return -vmax, vmax
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    return (lo, hi) if hi > lo else (lo - 1, hi + 1)


def neuron_update(stage: Stage, view: View, n_neurons: int, n_inputs: int = 0) -> dict:
    """The parts of the `neurons` trace that change from stage to stage."""
    lo, hi = _colour_range(stage.node_values, stage.diverging, n_inputs)
    labels = n_neurons <= theme.LABEL_MAX_NEURONS
    vals = stage.node_values
    tcol, text = None, None
    if labels:  # printed values, each in black or white, whichever reads on its fill
        tcol = [_text_colour(v, lo, hi, stage.diverging) if on else "#9a9a9a" for v, on in zip(vals, stage.node_lit)]
        # a blank label is a no-break space, not "": plotly.js's animation only updates labels that exist.
        # Blank where the quantity does not exist (an input's z, g'(z), delta); an overflow reads ∞ or NaN.
        absent = (np.arange(len(vals)) < n_inputs) & np.isnan(vals)
        text = np.where(stage.node_lit & ~absent, fmt(vals, view.digits), "\u00a0").tolist()
    upd = {
        "marker": {
            "color": np.where(np.isnan(vals), None, vals).tolist(),  # raw values; null: no such quantity
            "colorscale": theme.DIVERGING if stage.diverging else theme.SEQUENTIAL,
            "cmin": lo, "cmax": hi,
            "opacity": np.where(stage.node_lit, 1.0, theme.INACTIVE_OPACITY),
            "size": (theme.NODE_SIZE_SMALL * (1.3 if view.large else 1.0)) if labels else theme.NODE_SIZE_LARGE,
            "line": {"color": "#333333", "width": 1.5},
            "colorbar": dict(theme.COLORBAR, title={"text": stage.node_label, "side": "right"}, x=1.02),
            "showscale": not view.compact,
        },
        "text": text,
        "textfont": {"color": tcol, "size": 15 if view.large else 11},
    }  # fmt: skip
    return upd


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
    )


def stage_traces(result: PassResult, stage: Stage, view: View, geo: Geometry) -> list[dict]:
    """Bucket traces + pending, and the neurons update, for one stage (trace indices 0..B, B+2)."""
    traces = edge_traces(result, stage.edge_lit, view.edges, geo)
    return traces + [neuron_update(stage, view, len(geo.xs), int(np.sum(geo.node_layer == 0)))]


def layer_annotations(layers, activations, notation: Notation, view: View, loss: float) -> list[dict]:
    L = len(layers) - 1
    top = (max(layers) - 1) / 2 + 0.75
    size = 17 if view.large else 13
    out = []
    for l in range(L + 1):
        if view.compact:
            name = ""
        elif l == 0:
            name = t("layer_input", view.lang)
        elif l == L:
            name = t("layer_output", view.lang)
        else:
            name = t("layer_hidden", view.lang, n=l)
        sym = notation.sym("a", l, latex=False)
        sub = f"<br><span style='font-size:{size - 2}px;color:#555'>{activations[l - 1]}</span>" if l else ""
        label = f"<b>{name}</b> {sym}{sub}" if name else f"{sym}{sub}"
        out.append({"x": l, "y": top, "text": label, "showarrow": False, "font": {"size": size}, "yanchor": "bottom"})
    if not view.compact:  # a narrow column has no room beside the outputs; J is in the equations
        J = {"x": L + 0.42, "y": 0, "text": f"<b>J = {text_num(loss)}</b>", "showarrow": False,
             "font": {"size": size + 2}}  # fmt: skip
        out.append(dict(J, xanchor="left"))
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
    parts = stage_traces(result, stage, view, geo)
    E = len(geo.edge_layer)
    w, dW = edge_values(result, "W"), edge_values(result, "dW")
    ev = dW if view.edges == "dW" else w
    bar = edge_bar(result, view.edges, view.lang)  # the live chart's edge colour bar reads it from meta
    emax = bar["max"] or 1.0
    # past DRAW_MAX_EDGES only the drawn edges get a marker: the figure stays a few MB at most
    shown = np.arange(E) if E <= theme.DRAW_MAX_EDGES else np.flatnonzero(drawn_mask(result))
    edges = {
        "type": "scatter", "mode": "markers", "name": "edges", "showlegend": False,
        "x": geo.mid_x[shown], "y": geo.mid_y[shown],
        # plain lists, not typed arrays: the browser's gd.data then holds the numbers themselves
        "customdata": np.column_stack([geo.edge_layer, geo.edge_i, geo.edge_j, w, dW])[shown].tolist(),
        "marker": {"size": 9, "opacity": 0.02 if E <= theme.HOVER_MAX_EDGES else 0, "color": ev[shown].tolist(),
                   "colorscale": theme.DIVERGING, "cmin": -emax, "cmax": emax,
                   "colorbar": dict(theme.COLORBAR, title={"text": t("e_" + view.edges, view.lang), "side": "right"},
                                    x=-0.02, xanchor="right"),
                   "showscale": not view.compact},
        "hovertemplate": "%{text}<extra></extra>",
        "text": edge_texts(result, s, notation) if E <= theme.HOVER_MAX_EDGES else None,
        "visible": True if E <= theme.HOVER_MAX_EDGES else False,
    }  # fmt: skip
    custom = [
        [int(l), int(i), None, float(result.x[s, i]), None]
        for l, i in zip(geo.node_layer[: layers[0]], geo.node_i[: layers[0]])
    ]
    for l, rec in enumerate(result.layers, start=1):
        custom += [[l, i, float(rec.z[s, i]), float(rec.a[s, i]), float(rec.delta[s, i])] for i in range(layers[l])]
    neurons = {
        "type": "scatter", "mode": "markers+text" if len(geo.xs) <= theme.LABEL_MAX_NEURONS else "markers",
        "name": "neurons", "showlegend": False, "x": geo.xs, "y": geo.ys, "customdata": custom,
        "hovertemplate": "%{hovertext}<extra></extra>", "hovertext": neuron_texts(result, s, notation, view.lang),
        "textposition": "middle center",
    }  # fmt: skip
    neurons.update({k: v for k, v in parts[-1].items()})
    L = len(layers) - 1
    height = (720 if view.large else (460 if view.compact else 540)) + min(560, 18 * max(0, max(layers) - 6))
    margin = {"l": 10, "r": 10, "t": 60, "b": 20} if view.compact else {"l": 90, "r": 30, "t": 70, "b": 70}
    fig_layout = {
        "template": {"layout": {}}, "height": height, "margin": margin,
        "font": dict(theme.FONT, size=18 if view.large else 14),
        "title": {"text": stage.title, "x": 0.01, "font": {"size": 22 if view.large else 16}},
        "xaxis": {"visible": False, "range": [-0.45, L + (0.45 if view.compact else 0.95)], "fixedrange": True},
        "yaxis": {"visible": False, "range": [-(max(layers) - 1) / 2 - 0.7, (max(layers) - 1) / 2 + 1.5],
                  "fixedrange": True},
        "hovermode": "closest", "plot_bgcolor": "white", "paper_bgcolor": "white",
        "annotations": layer_annotations(layers, [r.activation for r in result.layers], notation, view, result.loss),
        "shapes": [_highlight_shape(stage.highlight, layers)],
        "hoverlabel": {"font": {"size": 16 if view.large else 13}, "align": "left"},
        "dragmode": False,
        "meta": {"edge_bar": bar},
    }  # fmt: skip
    return {"data": parts[:-1] + [edges, neurons], "layout": fig_layout}


def edge_bar(result: PassResult, which: str, lang: str) -> dict:
    """What the drawn edges' colours mean in a frame (W while the forward sweep runs, then dJ/dW).

    The edges hover trace always carries dJ/dW (the figure contract); its colour bar is for the final
    picture, so frames say in layout.meta what their edge colours are, and the live chart's bar follows.
    """
    return {"title": t("e_" + which, lang), "max": float(np.abs(edge_values(result, which)).max(initial=0.0))}


def _highlight_shape(layer: int | None, layers) -> dict:
    h = (max(layers) - 1) / 2 + 0.6
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
