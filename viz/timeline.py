"""One timeline for the animation and the step-by-step view: every moment's picture, equation and notes.

Frames and steps are the same sequence (seed 003's five steps, expanded per layer), so playing,
scrubbing and stepping all show the same moment, each with its equation in general form and with this
network's numbers:

  input, forward a^1..a^L, the loss J, backward δ^L..δ^1, the gradients ∂J/∂W^L..∂J/∂W^1,
  all gradients (the picture a page opens on), the update W − α∂J/∂W:  3L + 4 moments for L weight layers.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.network import PassResult
from texts import t
from viz import latex
from viz.notation import Notation

ALPHA = 0.5  # the update moment's learning rate (the training page explores others)


@dataclass(frozen=True)
class Moment:
    kind: str  # input | forward | loss | backward | grad | done | update
    layer: int  # code layer (grad: the weight layer); 0 where none


def timeline(L: int) -> list[Moment]:
    """Every moment of one forward and one backward pass, in order."""
    return (
        [Moment("input", 0)]
        + [Moment("forward", l) for l in range(1, L + 1)]
        + [Moment("loss", L)]
        + [Moment("backward", l) for l in range(L, 0, -1)]
        + [Moment("grad", l) for l in range(L, 0, -1)]
        + [Moment("done", 0), Moment("update", 0)]
    )


def opening(L: int) -> int:
    """The moment a page opens on: all gradients computed."""
    return 3 * L + 2


def reached_loss(kind: str) -> bool:
    """Whether J has been computed by this moment (J is shown only from then on)."""
    return kind not in ("input", "forward")


def equations(r: PassResult, m: Moment, s: int, N: Notation, digits: int) -> tuple[str, str]:
    """(general, with this network's numbers) as LaTeX for one moment."""
    L = len(r.layers)
    if m.kind == "input":
        return latex.input_eq(r, s, N, digits)
    if m.kind == "forward":
        return latex.forward_eq(r, m.layer, s, N, digits)
    if m.kind == "loss" or (m.kind == "backward" and m.layer == L):
        return latex.loss_eq(r, s, N, digits)
    if m.kind == "backward":
        return latex.backward_eq(r, m.layer, s, N, digits)
    if m.kind == "grad":
        return latex.grad_eq(r, m.layer, s, N, digits)
    if m.kind == "done":
        return latex.summary_eq(r, N, digits)
    general, nums = "", ""
    for l in range(1, L + 1):
        general, n_l = latex.update_eq(r, l, ALPHA, N, digits)
        nums += n_l + r" \\[10pt] "
    return general, nums


def notes(r: PassResult, m: Moment, lang: str) -> list[str]:
    """The notes that matter at this moment (plain text)."""
    L = len(r.layers)
    out = []
    if m.kind == "loss" or (m.kind == "backward" and m.layer == L):
        cancel = r.loss_name in ("bce", "cross_entropy")
        out += [t("note_cancel" if cancel else "note_mse_delta", lang), t("note_sign", lang)]
    elif m.kind == "backward" and r.layers[m.layer - 1].activation == "relu":
        out.append(t("note_relu_zero", lang))
    elif m.kind == "grad":
        out += [t("note_small_a", lang), t("note_bias", lang)]
    elif m.kind == "update":
        out.append(t("note_update_alpha", lang, alpha=ALPHA))
        if r.l2:
            out.append(t("note_update_l2", lang))
    return out


def heading(m: Moment, N: Notation, lang: str) -> str:
    """The moment's name, for the equation panel."""
    if m.kind in ("input", "loss", "update", "done"):
        return t({"input": "step_input", "loss": "step_loss", "update": "step_update", "done": "frame_done"}[m.kind],
                 lang)  # fmt: skip
    n = N.weight_number(m.layer) if m.kind == "grad" else N.layer_number(m.layer)
    return t("step_" + m.kind, lang, n=n)


def panel(r: PassResult, m: Moment, s: int, N: Notation, digits: int, lang: str) -> dict:
    """What the chart's equation panel shows at this moment (layout.meta.eq)."""
    general, nums = equations(r, m, s, N, digits)
    return {
        "heading": heading(m, N, lang),
        "general": general,
        "numbers": nums,
        "notes": notes(r, m, lang),
        "labels": [t("general_formula", lang), t("with_numbers", lang, s=s + 1)],
    }
