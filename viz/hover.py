"""Hover texts: each neuron's and each weight's formula with this network's numbers.

Built with numpy string operations over whole layers (no per-edge Python loops). Numbers are plain
text (fmt, text_num): inf, -inf and NaN read ∞, −∞ and NaN, never Python's inf/nan, never LaTeX.
"""

from __future__ import annotations

import numpy as np

from engine.health import first_overflow
from engine.network import PassResult
from ui.i18n import t
from viz.notation import Notation

NONFINITE_TEXT = {"inf": "∞", "-inf": "−∞", "nan": "NaN"}  # what a non-finite number reads as, everywhere


def fmt(values, digits: int = 4) -> np.ndarray:
    """Numbers as short strings, with a true minus sign; ∞, −∞ and NaN for the non-finite ones."""
    v = np.asarray(values, dtype=float)
    s = np.char.replace(np.char.mod(f"%.{digits}g", v), "-", "−")
    if np.isfinite(v).all():
        return s
    s = np.where(np.isposinf(v), NONFINITE_TEXT["inf"], s)
    s = np.where(np.isneginf(v), NONFINITE_TEXT["-inf"], s)
    return np.where(np.isnan(v), NONFINITE_TEXT["nan"], s)


def text_num(value: float, digits: int = 4) -> str:
    """One number as plain text (5.479e+241, −0.25, ∞, NaN): for st.success/st.error and other markdown."""
    return str(fmt(float(value), digits))


QUANTITY_TEXT = {"z": "z", "a": "a", "delta": "δ", "dW": "∂J/∂W", "db": "∂J/∂b"}


def overflow_note(result: PassResult, notation: Notation, lang: str) -> str | None:
    """None for a finite pass; else where its first inf/NaN arose (engine.health) and what to change.

    Built only from the layer number and fixed names, so it is safe to show as markdown.
    """
    bad = first_overflow(result)
    if bad is None:
        return None
    where, kind = overflow_words(bad, notation, lang)
    return t("nf_note", lang, where=where, kind=kind)


def overflow_words(bad, notation: Notation, lang: str) -> tuple[str, str]:
    """(where, what) of an engine.health.Nonfinite in the reader's words: ("layer 2: z", "∞"), layer numbers
    in the chosen notation."""
    kind = t("nf_and", lang).join(NONFINITE_TEXT[k] for k in bad.kind.split(" and "))
    if bad.quantity == "J":
        return t("nf_cost", lang), kind
    weight = bad.quantity in ("dW", "db")
    l = notation.weight_number(bad.layer) if weight else notation.layer_number(bad.layer)
    return t("nf_layer", lang, l=l, q=QUANTITY_TEXT[bad.quantity]), kind


def paren(values, digits: int = 4) -> np.ndarray:
    """fmt, with negative numbers in brackets (for products)."""
    v = np.asarray(values, dtype=float)
    s = fmt(v, digits)
    return np.where(v < 0, np.char.add(np.char.add("(", s), ")"), s)


def _cat(*parts) -> np.ndarray:
    out = parts[0]
    for p in parts[1:]:
        out = np.char.add(out, p)
    return out


def upstream(result: PassResult, l: int, s: int) -> np.ndarray:
    """sum_k w_ki delta_k over the next layer for sample s: (W^(l+1))^T delta^(l+1), shape (n_l,)."""
    nxt = result.layers[l]  # layer l+1
    with np.errstate(all="ignore"):  # an overflowed pass: the text says ∞ / NaN, no RuntimeWarning
        return nxt.delta[s] @ nxt.W


def neuron_texts(result: PassResult, s: int, notation: Notation, lang: str, digits: int = 4) -> list[str]:
    """One hover text per neuron, input layer first."""
    texts = []
    x = result.x[s]
    idx = np.arange(len(x)) + 1
    name = _cat(
        "<b>",
        notation.sym("a", 0, latex=False),
        "<sub>",
        idx.astype(str),
        "</sub></b> = x<sub>",
        idx.astype(str),
        "</sub> = ",
        fmt(x, digits),
        "<br>",
        t("hover_input", lang),
    )
    texts.extend(name.tolist())
    L = len(result.layers)
    for l, rec in enumerate(result.layers, start=1):
        n = rec.z.shape[1]
        idx = np.arange(n) + 1
        a_sym = _cat("a", notation._sup(notation.layer_number(l), False), "<sub>", idx.astype(str), "</sub>")
        lines = _cat(
            "<b>",
            a_sym,
            "</b> (",
            rec.activation,
            ")<br>z = W·a + b = ",
            fmt(rec.z[s], digits),
            "<br>a = g(z) = ",
            fmt(rec.a[s], digits),
            "<br>g′(z) = ",
            fmt(rec.gprime[s], digits),
            "<br>δ = ∂ℓ/∂z = ",
        )
        if l < L:
            up = upstream(result, l, s)
            delta = _cat(
                "g′(z)·Σ<sub>k</sub> w<sub>k",
                idx.astype(str),
                "</sub> δ<sub>k</sub> = ",
                fmt(rec.gprime[s], digits),
                " × ",
                paren(up, digits),
                " = ",
                fmt(rec.delta[s], digits),
            )
        elif result.loss_name == "mse":
            with np.errstate(all="ignore"):
                err = rec.a[s] - result.y[s]
            delta = _cat(
                "(a − y)·g′(z) = ",
                paren(err, digits),
                " × ",
                paren(rec.gprime[s], digits),
                " = ",
                fmt(rec.delta[s], digits),
            )
            if rec.activation == "softmax":
                delta = _cat("Jᵀ(a − y) = ", fmt(rec.delta[s], digits))
        else:
            delta = _cat(
                "a − y = ", fmt(rec.a[s], digits), " − ", paren(result.y[s], digits), " = ", fmt(rec.delta[s], digits)
            )
        texts.extend(_cat(lines, delta).tolist())
    return texts


def edge_texts(result: PassResult, s: int, notation: Notation, digits: int = 4) -> list[str]:
    """One hover text per weight, W^1 row by row first."""
    out = []
    m = result.m
    for l, rec in enumerate(result.layers, start=1):
        n_out, n_in = rec.W.shape
        i = np.repeat(np.arange(n_out), n_in)
        j = np.tile(np.arange(n_in), n_out)
        a_prev = result.a(l - 1)[s]
        sup = notation._sup(notation.weight_number(l), False)
        wname = "θ" if notation.ng else "w"
        sym = _cat(
            "<b>",
            wname,
            sup,
            "<sub>",
            (i + 1).astype(str),
            (j + 1).astype(str),
            "</sub></b> = ",
            fmt(rec.W.ravel(), digits),
        )
        d, a = rec.delta[s][i], a_prev[j]
        with np.errstate(all="ignore"):
            da = d * a
        prod = _cat(
            "δ<sub>",
            (i + 1).astype(str),
            "</sub>·a<sub>",
            (j + 1).astype(str),
            "</sub> = ",
            paren(d, digits),
            " × ",
            paren(a, digits),
        )
        if m == 1 and not result.l2:
            text = _cat(sym, "<br>∂J/∂w = ", prod, " = ", fmt(rec.dW.ravel(), digits))
        else:
            text = _cat(
                sym,
                "<br>∂J/∂w = (1/m)Σ<sub>i</sub> δ·a + (λ/m)·w = ",
                fmt(rec.dW.ravel(), digits),
                "<br>(this sample: ",
                prod,
                " = ",
                fmt(da, digits),
                ")",
            )
        out.extend(text.tolist())
    return out
