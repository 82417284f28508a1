"""The two passes as stages: animation frames (played in the browser) and the step-by-step sequence.

Frames: input, forward a^1..a^L, the loss, backward delta^L..delta^1 (each weight layer taking its
gradient colour as delta reaches the layer it feeds), then everything: 2L + 3 frames for L weight layers.
Steps (seed 003's five steps, expanded per layer): input, forward per layer, loss and delta^L,
delta per hidden layer, gradients per weight layer, the update: 3L + 2 steps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import plotly.graph_objects as go

from engine.network import PassResult
from ui.i18n import t
from viz.figure import PlainFigure
from viz.hover import text_num
from viz.network_figure import (
    EDGES,
    NEURONS,
    PENDING,
    Stage,
    View,
    _highlight_shape,
    build_network_figure,
    final_stage,
    geometry,
    network_figure_dict,
    node_values,
    quantity_label,
    stage_parts,
)
from viz.notation import Notation


@dataclass(frozen=True)
class Step:
    kind: str  # input | forward | loss | backward | grad | update
    layer: int  # code layer (for grad: the weight layer)


def steps(L: int) -> list[Step]:
    return (
        [Step("input", 0)]
        + [Step("forward", l) for l in range(1, L + 1)]
        + [Step("loss", L)]
        + [Step("backward", l) for l in range(L - 1, 0, -1)]
        + [Step("grad", l) for l in range(L, 0, -1)]
        + [Step("update", 0)]
    )


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


def _stage_frame(result: PassResult, view: View, name: str, kind: str, l: int) -> dict:
    stage, edge_q = stage_for(result, view, kind, l)
    data, meta = stage_parts(result, stage, view, geometry(result.widths), edge_q)
    return {
        "name": name,
        "data": data,
        "traces": list(range(PENDING + 1)) + [NEURONS],
        "layout": {
            "title": {"text": stage.title},
            "shapes": [_highlight_shape(stage.highlight, result.widths)],
            "meta": meta,
        },
    }


def frame_plan(L: int) -> list[tuple[str, int]]:
    """(kind, layer) of every animation frame, in order."""
    return (
        [("input", 0)]
        + [("forward", l) for l in range(1, L + 1)]
        + [("loss", L)]
        + [("backward", l) for l in range(L, 0, -1)]
        + [("done", 0)]
    )


def animated_figure(result: PassResult, view: View) -> go.Figure:
    """The network figure with frames, a Play/Pause button and a frame slider; opens on the last frame."""
    return PlainFigure(animated_figure_dict(result, view))


def animated_figure_dict(result: PassResult, view: View, with_frames: bool = True) -> dict:
    """animated_figure as a plain dict (data, layout, frames): what the browser's live chart is sent.

    with_frames=False leaves "frames" out (the Play controls still count them): animation_frames gives
    them, so the browser can draw the picture while the server is still building the frames.
    """
    fig = network_figure_dict(result, view)
    n = len(frame_plan(len(result.layers)))
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
        "active": n - 1, "x": 0.3, "len": 0.7, "y": -0.02, "yanchor": "top", "pad": {"t": 8},
        "currentvalue": {"prefix": t("frame", view.lang), "font": {"size": 13}},
        "steps": [{"label": str(k + 1), "method": "animate", "args": [[str(k)], still]} for k in range(n)],
    }]  # fmt: skip
    if with_frames:
        fig["frames"] = animation_frames(result, view)
    return fig


def animation_frames(result: PassResult, view: View) -> list[dict]:
    """The 2L + 3 frames of frame_plan, each updating the edge buckets, pending and the neurons."""
    return [_stage_frame(result, view, str(k), kind, l) for k, (kind, l) in enumerate(frame_plan(len(result.layers)))]


def step_figure(result: PassResult, view: View, step: Step) -> go.Figure:
    """The static figure for one step, showing exactly that step's state."""
    stage, edge_q = stage_for(result, view, step.kind, step.layer)
    return build_network_figure(result, replace(view, edges=edge_q), stage)


__all__ = [
    "EDGES", "Step", "animated_figure", "animated_figure_dict", "animation_frames", "frame_plan", "stage_for",
    "step_figure", "steps",
]  # fmt: skip
