"""Sizes that depend on the network and the mode: layer titles, node diameters, label fonts.

Texts are measured in advance (viz.sizes) so that every label fits its node and no two titles touch.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from engine.network import PassResult
from texts import t
from viz import sizes, theme
from viz.hover import fmt
from viz.notation import Notation
from viz.tables import plain
from viz.view import View, node_values


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
    return sizes_for(tuple(result.widths), tuple(r.activation for r in result.layers), view.notation, view.lang,
                  view.large, view.compact)  # fmt: skip


@lru_cache(maxsize=64)
def sizes_for(layers: tuple[int, ...], activations: tuple[str, ...], notation: str, lang: str, large: bool,
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
