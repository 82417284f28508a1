"""The network figure with some paths highlighted and everything else dimmed (chain-rule page)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from engine.network import PassResult
from viz import theme
from viz.figure import PlainFigure
from viz.network_figure import EDGES, NEURONS, PENDING, View, geometry, network_figure_dict
from viz.notation import Notation
from viz.quiz_figure import known, mask

HIGHLIGHT_COLOUR = "#f2a900"


def highlighted_figure(r: PassResult, view: View, l: int, paths: list[tuple[int, ...]], weight: tuple | None,
                       hide=None):  # fmt: skip
    """paths: neuron indices from layer l to the output; weight: (l, i, j) drawn as the first segment;
    hide: a quiz question (engine.quiz.Question) whose answer the figure must not give away: then only the
    forward pass and J are on it (viz.quiz_figure.mask), the weights coloured by w."""
    layers = r.widths
    geo = geometry(layers)
    starts = np.concatenate([[0], np.cumsum(layers)])
    fig = network_figure_dict(r, replace(view, edges="W") if hide is not None else view)
    if hide is not None:
        mask(fig, r, known("loss", len(layers) - 1, len(layers) - 1), hide, Notation(view.notation), view.sample,
             view.digits)  # fmt: skip
    for tr in fig["data"][:PENDING]:
        tr["opacity"] = 0.18
    on = set()
    xs, ys = [], []
    for ks in paths:
        nodes = [starts[l + step] + k for step, k in enumerate(ks)]
        on.update(nodes)
        for a, b in zip(nodes[:-1], nodes[1:]):
            xs += [geo.xs[a], geo.xs[b], None]
            ys += [geo.ys[a], geo.ys[b], None]
    wx, wy = [], []
    if weight is not None:
        wl, i, j = weight
        a, b = starts[wl - 1] + j, starts[wl] + i
        on.update([a, b])
        wx, wy = [geo.xs[a], geo.xs[b]], [geo.ys[a], geo.ys[b]]
    neurons = fig["data"][NEURONS]
    neurons["marker"]["opacity"] = [1.0 if k in on else theme.INACTIVE_OPACITY for k in range(len(geo.xs))]
    font = neurons.get("textfont") or {}
    if isinstance(font.get("color"), list):  # a dimmed node's label in grey: white or black would not read on it
        font["color"] = [c if k in on else "#8a8a8a" for k, c in enumerate(font["color"])]
    extra = [
        {"type": "scatter", "mode": "lines", "name": "paths", "x": xs, "y": ys, "hoverinfo": "skip",
         "showlegend": False, "line": {"color": HIGHLIGHT_COLOUR, "width": 4}, "opacity": 0.8},
        {"type": "scatter", "mode": "lines", "name": "weight", "x": wx, "y": wy, "hoverinfo": "skip",
         "showlegend": False, "line": {"color": "#111111", "width": 6}},
    ]  # fmt: skip
    # keep `edges` (hover and clicks) and `neurons` on top of the highlight
    fig["data"] = fig["data"][:EDGES] + extra + fig["data"][EDGES:]
    fig["layout"]["clickmode"] = "event+select"
    return PlainFigure(fig)
