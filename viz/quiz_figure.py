"""The quiz's picture: the network at the moment just before the hidden value is computed.

Everything computed by then is on the figure (colours, labels, hovers); nothing computed later is,
neither in the hovers nor in the numbers the figure carries, and the asked neuron or weight is ringed
and labelled "?". The reveal is the timeline's next moment, with its equations (viz/timeline.py).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from engine.network import PassResult
from engine.quiz import Question
from texts import t
from viz.animation import stage_for
from viz.geometry import geometry
from viz.hover import fmt
from viz.network_figure import View, network_figure_dict
from viz.notation import Notation
from viz.tables import plain

RING = {"symbol": "circle-open", "size": 58, "color": "#e69f00", "line": {"width": 5, "color": "#e69f00"}}


def known(kind: str, layer: int, L: int) -> dict:
    """What has been computed by a moment: the last forward layer, whether J, the lowest layer with δ and
    with ∂J/∂W (L + 1: none yet)."""
    fwd = {"input": 0, "forward": layer}.get(kind, L)
    loss = kind in ("loss", "backward", "grad", "done", "update")
    delta = {"backward": layer, "grad": 1, "done": 1, "update": 1}.get(kind, L + 1)
    grad = {"grad": layer, "done": 1, "update": 1}.get(kind, L + 1)
    return {"fwd": fwd, "loss": loss, "delta": delta, "grad": grad}


def quiz_figure(result: PassResult, view: View, q: Question) -> dict:
    """The figure dict for question q (sample view.sample): the stage before its moment, masked."""
    L = len(result.layers)
    kind, layer = q.before(L)
    k = known(kind, layer, L)
    stage, edge_q = stage_for(result, view, kind, layer)
    if q.kind in ("dW", "sign"):  # by then every weight wears its gradient's colour: the answer's sign
        edge_q = "W"
    fig = network_figure_dict(result, replace(view, edges=edge_q, edge_labels=False), stage)
    notation, s, digits = Notation(view.notation), view.sample, view.digits
    geo = geometry(result.widths)
    mask(fig, result, k, q, notation, s, digits)
    if q.kind in ("a", "delta"):
        n = sum(result.widths[: q.layer]) + q.i
        x, y = float(geo.xs[n]), float(geo.ys[n])
    else:
        e = int(np.flatnonzero((geo.edge_layer == q.layer) & (geo.edge_i == q.i) & (geo.edge_j == q.j))[0])
        x, y = float(geo.mid_x[e]), float(geo.mid_y[e])
    fig["data"].append({"type": "scatter", "mode": "markers+text", "name": "asked", "x": [x], "y": [y],
                        "marker": RING, "text": ["?"] if q.kind in ("dW", "sign") else [""],
                        "textposition": "top center", "textfont": {"size": 22, "color": "#b35900"},
                        "hoverinfo": "skip", "showlegend": False})  # fmt: skip
    fig["layout"]["title"]["text"] = t("quiz_title", view.lang, what=asked_name(q, notation))
    return fig


def mask(fig: dict, result: PassResult, k: dict, q: Question, notation: Notation, s: int, digits: int) -> None:
    """Take out of a network figure dict (in place) every number not yet known at k (known()): from the
    neurons' and weights' customdata and hovers, and J while it is not computed."""
    by_name = {tr.get("name"): tr for tr in fig["data"]}
    _mask_neurons(by_name["neurons"], result, k, q, notation, s, digits)
    _mask_edges(by_name["edges"], result, k, q, notation, digits)
    if not k["loss"]:  # J is not computed yet
        fig["layout"]["annotations"] = [a for a in fig["layout"]["annotations"] if not a["text"].startswith("<b>J")]


def asked_name(q: Question, notation: Notation) -> str:
    """The hidden value's name, plain text: a¹₂, δ²₁, ∂J/∂w²₁₃, sign(∂J/∂w²₁₃)."""
    if q.kind in ("a", "delta"):
        return plain(notation.sym(q.kind, q.layer, q.i + 1, latex=False))
    w = plain(notation.sym("W", q.layer, q.i + 1, q.j + 1, latex=False))
    return f"∂J/∂{w}" if q.kind == "dW" else f"sign(∂J/∂{w})"


def _mask_neurons(tr: dict, result: PassResult, k: dict, q: Question, notation: Notation, s: int, digits: int):
    """Customdata and hovers with only what is known; the asked neuron's label '?'."""
    custom, hover = tr["customdata"], list(tr["hovertext"])
    n0 = result.widths[0]
    texts = list(tr.get("text") or [""] * len(custom))
    for n in range(n0, len(custom)):
        l, i = custom[n][0], custom[n][1]
        rec = result.layers[l - 1]
        fwd, dl = l <= k["fwd"], l >= k["delta"]
        asked = q.kind in ("a", "delta") and (l, i) == (q.layer, q.i)
        custom[n] = [l, i, custom[n][2] if fwd else None, custom[n][3] if fwd else None, custom[n][4] if dl else None]
        lines = [f"<b>{notation.sym('a', l, i + 1, latex=False)}</b> ({rec.activation})"]
        if fwd:
            lines += [f"z = {fmt(rec.z[s, i], digits)}", f"a = g(z) = {fmt(rec.a[s, i], digits)}"]
        if dl:
            lines.append(f"δ = {fmt(rec.delta[s, i], digits)}")
        if asked:
            lines.append(("a" if q.kind == "a" else "δ") + " = ?")
            texts[n] = "?"
        hover[n] = "<br>".join(lines)
    tr["hovertext"], tr["customdata"] = hover, custom
    if tr.get("text") is not None:
        tr["text"] = texts


def _mask_edges(tr: dict, result: PassResult, k: dict, q: Question, notation: Notation, digits: int):
    """Each weight's hover with w, and ∂J/∂w only where its layer's gradient is known."""
    custom = tr["customdata"]
    texts = []
    for row in custom:
        l, i, j, w, dw = int(row[0]), int(row[1]), int(row[2]), row[3], row[4]
        have = l >= k["grad"]
        row[4] = dw if have else None
        line = f"<b>{notation.sym('W', l, i + 1, j + 1, latex=False)}</b> = {fmt(w, digits)}"
        if have:
            line += f"<br>∂J/∂w = {fmt(dw, digits)}"
        elif q.kind in ("dW", "sign") and (l, i, j) == (q.layer, q.i, q.j):
            line += "<br>∂J/∂w = ?"
        texts.append(line)
    if tr.get("text") is not None:
        tr["text"] = texts
