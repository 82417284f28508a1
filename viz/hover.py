"""Hover texts: each neuron's and each weight's formula with this network's numbers.

Built with numpy string operations over whole layers (no per-edge Python loops). Numbers are plain
text (fmt, text_num): inf, -inf and NaN read ∞, −∞ and NaN, never Python's inf/nan, never LaTeX.
"""

from __future__ import annotations

import math

import numpy as np

from engine.health import first_overflow
from engine.network import PassResult
from texts import t
from viz.notation import Notation

NONFINITE_TEXT = {"inf": "∞", "-inf": "−∞", "nan": "NaN"}  # what a non-finite number reads as, everywhere


FIXED_LOW = -3  # decimal exponents from here ...
FIXED_HIGH = 4  # ... to here (or up to digits - 1) print as plain decimals: 0.00123, 2590, 12300
BULK = 512  # arrays longer than this are formatted in bulk first (fmt)


def fmt(values, digits: int = 4) -> np.ndarray:
    """Numbers as short strings with `digits` significant digits: the one number formatter of every label,
    colour bar, hover, table and equation (viz.latex.num rewrites its exponent for TeX).

    Plain decimals from 0.001 to 99999 (0.0133, 2590), exponent form outside, written compactly (7.26e−9,
    1.5e12); trailing zeros dropped; a true minus sign; no −0 (a value that prints as zero prints 0);
    ∞, −∞ and NaN for the non-finite ones.

    Number by number (Python's formatting is faster than numpy's string functions for a few hundred);
    a long array (a wide net's weight table) goes through C's %g first, which writes most numbers as
    fmt does, and only the others number by number: 789k weights in 0.5 s instead of 2 s.
    """
    v = np.asarray(values, dtype=float)
    d = max(1, int(digits))
    if v.size <= BULK:
        return np.array([number_text(x, d) for x in v.ravel().tolist()], dtype=str).reshape(v.shape)
    flat = v.ravel()
    out = np.char.mod(f"%.{d}g", flat).astype("<U24")  # room for the longest form, −1.234567e−308
    with np.errstate(invalid="ignore"):
        u = np.abs(flat)  # %g differs where it picks the other form (1e-4 <= |v| < 1e-3, 10^d <= |v| < 1e5),
        top = 10.0 ** min(d, FIXED_HIGH + 1) * (1 - 0.5 * 10.0**-d) * 0.999  # what rounds up to 10^d or 1e5
        odd = ~(u >= 1.01e-3) | (u >= top)  # and at -0, inf, NaN
    for k in np.flatnonzero(odd).tolist():
        out[k] = number_text(float(flat[k]), d)
    return np.char.replace(out, "-", "−").reshape(v.shape)


def number_text(x: float, digits: int) -> str:
    """One number as fmt writes it."""
    if x != x:
        return NONFINITE_TEXT["nan"]
    if x in (math.inf, -math.inf):
        return NONFINITE_TEXT["inf" if x > 0 else "-inf"]
    if x == 0:
        return "0"
    mant, _, exp = f"{x:.{digits - 1}e}".partition("e")  # the rounding decides the exponent: 9.996 -> 1.00e+01
    e = int(exp)
    if FIXED_LOW <= e <= max(FIXED_HIGH, digits - 1):
        s = f"{x:.{max(digits - 1 - e, 0)}f}"
        s = s.rstrip("0").rstrip(".") if "." in s else s
    else:
        s = (mant.rstrip("0").rstrip(".") if "." in mant else mant) + f"e{e}"
    return s.replace("-", "−")


def text_num(value: float, digits: int = 4) -> str:
    """One number as plain text (5.479e241, −0.25, ∞, NaN): for st.success/st.error and other markdown."""
    return number_text(float(value), max(1, int(digits)))


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
