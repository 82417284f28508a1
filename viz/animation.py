"""The two passes as stages: animation frames (played in the browser) and the step-by-step sequence.

Frames: input, forward a^1..a^L, the loss, backward delta^L..delta^1 (each weight layer taking its
gradient colour as delta reaches the layer it feeds), then everything: 2L + 3 frames for L weight layers.
Steps (seed 003's five steps, expanded per layer): input, forward per layer, loss and delta^L,
delta per hidden layer, gradients per weight layer, the update: 3L + 2 steps.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import plotly.graph_objects as go

from engine.network import PassResult
from texts import t
from viz.figure import PlainFigure
from viz.health_text import health_line
from viz.hover import text_num
from viz.network_figure import (
    EDGES,
    LABELS,
    NEURONS,
    PENDING,
    Stage,
    View,
    _highlight_shape,
    build_network_figure,
    final_stage,
    geometry,
    layer_annotations,
    network_figure_dict,
    node_diameter,
    node_values,
    quantity_label,
    stage_parts,
)
from viz.notation import Notation
from viz.timeline import Moment, opening, panel, reached_loss, timeline

Step = Moment  # the step-by-step view and the animation share one timeline (viz/timeline.py)
steps = timeline


def stage_for(result: PassResult, view: View, kind: str, l: int) -> tuple[Stage, str]:
    """The stage for (kind, layer) and the edge quantity it colours by."""
    layers = result.widths
    geo = geometry(layers)
    L = len(layers) - 1
    notation = Notation(view.notation)
    s, lang = view.sample, view.lang
    nl, el = geo.node_layer, geo.edge_layer
    if kind == "done":
        return final_stage(result, view), view.edges
    if kind in ("input", "forward"):
        vals = node_values(result, "a", s)
        title = (
            t("frame_input", lang, a=notation.sym("a", 0, latex=False))
            if kind == "input"
            else t("frame_forward", lang, n=notation.layer_number(l))
        )
        return Stage(vals, nl <= l, False, quantity_label("a", view), el <= l, title, l), "W"
    if kind == "loss":
        vals = node_values(result, "a", s)
        title = t("frame_loss", lang, J=text_num(result.loss))
        return Stage(vals, np.ones(len(nl), bool), False, quantity_label("a", view), el < 0, title, L), "W"
    delta = node_values(result, "delta", s)
    label = quantity_label("delta", view)
    if kind == "backward":
        title = t("frame_backward", lang, n=notation.layer_number(l))
        return Stage(delta, nl >= l, True, label, el >= l, title, l, "delta"), view.edges
    if kind == "grad":
        title = t("step_grad", lang, n=notation.weight_number(l))
        return Stage(delta, nl >= 1, True, label, el >= l, title, l, "delta"), view.edges
    # update: the new weights
    return Stage(delta, nl >= 1, True, label, el >= 1, t("step_update", lang), None, "delta"), "W"


def _stage_frame(result: PassResult, view: View, name: str, moment: Moment, diameter: float) -> dict:
    stage, edge_q = stage_for(result, view, moment.kind, moment.layer)
    data, meta = stage_parts(result, stage, view, geometry(result.widths), edge_q, diameter)
    return {
        "name": name,
        "data": data,
        "traces": list(range(PENDING + 1)) + [LABELS, NEURONS],
        "layout": {
            "title": {"text": stage.title},
            "shapes": [_highlight_shape(stage.highlight, result.widths)],
            "annotations": _annotations(result, view, reached_loss(moment.kind)),
            "meta": dict(meta, **_moment_meta(result, view, stage, edge_q, moment)),
        },
    }


def _annotations(result: PassResult, view: View, with_J: bool) -> list[dict]:
    """The layer titles, and J once the forward pass has computed it."""
    ann = layer_annotations(result.widths, [r.activation for r in result.layers], Notation(view.notation), view,
                            result.loss)  # fmt: skip
    return ann if with_J else [a for a in ann if not a["text"].startswith("<b>J")]


def _moment_meta(result: PassResult, view: View, stage, edge_q: str, moment: Moment) -> dict:
    """What the live chart shows beside the plot at this moment: the equation panel and the caption."""
    caption = [t("legend_nodes", view.lang, q=stage.node_label), t("legend_edges_" + edge_q, view.lang)]
    if edge_q == "dW" or stage.quantity == "delta":
        caption.append(t("legend_scale_" + view.scale, view.lang))
    eq = panel(result, moment, view.sample, Notation(view.notation), view.digits, view.lang)
    return {"eq": eq, "caption": " · ".join(caption)}


def frame_plan(L: int) -> list[tuple[str, int]]:
    """(kind, layer) of every animation frame, in order: the timeline's moments."""
    return [(m.kind, m.layer) for m in timeline(L)]


def animated_figure(result: PassResult, view: View) -> go.Figure:
    """The network figure with frames, a Play/Pause button and a frame slider; opens on the last frame."""
    return PlainFigure(animated_figure_dict(result, view))


def animated_figure_dict(result: PassResult, view: View, with_frames: bool = True) -> dict:
    """animated_figure as a plain dict (data, layout, frames): what the browser's live chart is sent.

    with_frames=False leaves "frames" out (the Play controls still count them): animation_frames gives
    them, so the browser can draw the picture while the server is still building the frames.
    """
    L = len(result.layers)
    fig = network_figure_dict(result, view)
    n = len(frame_plan(L))
    done = timeline(L)[opening(L)]
    stage, edge_q = stage_for(result, view, done.kind, done.layer)
    fig["layout"]["meta"].update(_moment_meta(result, view, stage, edge_q, done), nav=[t("prev", view.lang),
                                 t("next", view.lang)], side=view.compact, fill=view.large and not view.compact,
                                 health=health_line(result, Notation(view.notation), view.lang))  # fmt: skip
    ms = int(view.frame_ms)
    play = {
        "frame": {"duration": ms, "redraw": False},
        "fromcurrent": True,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    still = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    fig["layout"]["updatemenus"] = [{
        "type": "buttons", "direction": "left", "x": 0.0, "y": -0.02, "xanchor": "left", "yanchor": "top",
        "pad": {"r": 8, "t": 8}, "showactive": False,
        "buttons": [
            {"label": t("play", view.lang), "method": "animate", "args": [None, play]},
            {"label": t("pause", view.lang), "method": "animate", "args": [[None], still]},
        ],
    }]  # fmt: skip
    fig["layout"]["sliders"] = [{
        "active": opening(L), "x": 0.3, "len": 0.7, "y": -0.02, "yanchor": "top", "pad": {"t": 8},
        "currentvalue": {"prefix": t("frame", view.lang), "font": {"size": 13}},
        "steps": [{"label": str(k + 1), "method": "animate", "args": [[str(k)], still]} for k in range(n)],
    }]  # fmt: skip
    if with_frames:
        fig["frames"] = animation_frames(result, view)
    return fig


def animation_frames(result: PassResult, view: View) -> list[dict]:
    """The 3L + 4 frames of the timeline, each updating the edge buckets, pending, the neurons, the title,
    the annotations (J from the loss on) and the equation panel."""
    diameter = node_diameter(result, view)  # the same for every frame: measured once
    return [_stage_frame(result, view, str(k), m, diameter) for k, m in enumerate(timeline(len(result.layers)))]


def step_figure(result: PassResult, view: View, step: Step) -> go.Figure:
    """The static figure for one step, showing exactly that step's state."""
    stage, edge_q = stage_for(result, view, step.kind, step.layer)
    return build_network_figure(result, replace(view, edges=edge_q), stage)


__all__ = [
    "EDGES", "Step", "animated_figure", "animated_figure_dict", "animation_frames", "frame_plan", "stage_for",
    "step_figure", "steps",
]  # fmt: skip
