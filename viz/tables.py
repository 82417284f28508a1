"""Every value as tables: one row per neuron and one per weight, for reading without colour.

The value columns hold text, written by the one number formatter (viz.hover.fmt) with the chosen
significant digits: 7.26e−9, not 0.00000000726 or a float's 17 digits; ∞, −∞ and NaN where a pass
overflowed; "—" where a neuron has no such quantity (an input has no z, g′(z) or δ), never "None".
`text=False` gives the same tables with plain floats (NaN where absent), for a CSV file.
Symbols are written with Unicode super- and subscripts (a⁰₁, w²₃₁, θ⁽²⁾₃₁), never a^0_1.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from engine.network import PassResult
from texts import t
from viz.hover import fmt
from viz.notation import Notation

ABSENT = "—"  # no such quantity (inputs have no z, g'(z) or delta)
_SUP = str.maketrans("0123456789()+-=lLT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁺⁻⁼ˡᴸᵀ")
_SUB = str.maketrans("0123456789()+-=ijk", "₀₁₂₃₄₅₆₇₈₉₍₎₊₋₌ᵢⱼₖ")


def sup(text) -> str:
    """Digits (and l, L, T, brackets, signs) as Unicode superscripts: 12 -> ¹²."""
    return str(text).translate(_SUP)


def sub(text) -> str:
    """Digits (and i, j, k, brackets, signs) as Unicode subscripts: 12 -> ₁₂."""
    return str(text).translate(_SUB)


def plain(sym: str) -> str:
    """An HTML symbol from viz.notation (a<sup>1</sup><sub>2</sub>) as plain Unicode text (a¹₂)."""
    sym = re.sub(r"<sup>(.*?)</sup>", lambda m: sup(m.group(1)), sym)
    return re.sub(r"<sub>(.*?)</sub>", lambda m: sub(m.group(1)), sym)


def cells(values, digits: int = 4, text: bool = True) -> np.ndarray:
    """A value column: formatted text (∞ / −∞ / NaN included), or the floats themselves."""
    v = np.asarray(values, dtype=float)
    return fmt(v, digits).astype(object) if text else v


def neuron_table(r: PassResult, s: int, N: Notation, lang: str, digits: int = 4, text: bool = True) -> pd.DataFrame:
    widths = r.widths
    n0 = widths[0]
    layer = np.repeat([N.layer_number(l) for l in range(len(widths))], widths)
    neuron = np.concatenate([np.arange(n) + 1 for n in widths])
    sym = [plain(N.sym("a", l, i, latex=False)) for l, n in enumerate(widths) for i in range(n)]
    # the computed layers' values for sample s, first hidden layer first
    vals = {q: np.concatenate([getattr(rec, q)[s] for rec in r.layers]) for q in ("z", "a", "gprime", "delta")}
    absent = np.full(n0, ABSENT if text else np.nan, object if text else float)
    col = {q: np.concatenate([absent, cells(v, digits, text)]) for q, v in vals.items()}
    col["a"] = np.concatenate([cells(r.x[s], digits, text), cells(vals["a"], digits, text)])  # a^0 = x
    return pd.DataFrame({
        t("col_layer", lang): layer, t("col_neuron", lang): neuron, t("col_symbol", lang): sym,
        "z": col["z"], "a": col["a"], "g′(z)": col["gprime"], "δ": col["delta"],
    })  # fmt: skip


def weight_table(
    r: PassResult, N: Notation, lang: str, digits: int = 4, text: bool = True, rows: int | None = None
) -> pd.DataFrame:
    """One row per weight and bias, layer by layer; `rows`: only the first so many (a page shows 5,000 of a
    wide net's 789k, and writing each number as text costs about a microsecond)."""
    frames, n = [], 0
    for l, rec in enumerate(r.layers, start=1):
        if rows is not None and n >= rows:
            break
        n += rec.W.size + rec.b.size
        n_out, n_in = rec.W.shape
        i = np.repeat(np.arange(n_out), n_in)
        j = np.tile(np.arange(n_in), n_out)
        name = "θ" if N.ng else "w"
        up = sup(f"({l})" if N.ng else l)
        small = n_out < 10 and n_in < 10  # w²₁₂; past 9 neurons the indices need a comma: w²₁,₁₂
        idx = [sub(k + 1) for k in range(max(n_out, n_in))]  # each index written once
        sep = "" if small else ","
        sym = [f"{name}{up}{idx[a]}{sep}{idx[b]}" for a, b in zip(i.tolist(), j.tolist())]
        frames.append(pd.DataFrame({
            t("col_layer", lang): N.weight_number(l), t("col_weight", lang): sym,
            t("col_to", lang): i + 1, t("col_from", lang): j + 1,
            "w": cells(rec.W.ravel(), digits, text), "∂J/∂w": cells(rec.dW.ravel(), digits, text),
        }))  # fmt: skip
        frames.append(pd.DataFrame({
            t("col_layer", lang): N.weight_number(l),
            t("col_weight", lang): [f"b{up}{sub(a + 1)}" for a in range(n_out)],
            t("col_to", lang): np.arange(n_out) + 1, t("col_from", lang): 0, "w": cells(rec.b, digits, text),
            "∂J/∂w": cells(rec.db, digits, text),
        }))  # fmt: skip
    out = pd.concat(frames, ignore_index=True)
    return out if rows is None else out.head(rows)
