"""Every value as tables: one row per neuron and one per weight, for reading without colour.

Finite values are numbers. A pass that overflowed shows its non-finite values as the strings ∞, −∞ and
NaN (a float NaN would reach the browser as an empty "None"), and that table marks the cells with no
such quantity (an input's z, g'(z), delta) with "—" so they cannot be read as NaN. A table of finite
values keeps numeric columns (Arrow holds one type per column), its absent cells empty as before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.network import PassResult
from ui.i18n import t
from viz.hover import NONFINITE_TEXT
from viz.notation import Notation

ABSENT = "—"  # no such quantity (inputs have no z, g'(z) or delta), in a table that also holds NaN


def _plain(sym: str) -> str:
    return sym.replace("<sup>", "^").replace("</sup>", "").replace("<sub>", "_").replace("</sub>", "")


def cells(values) -> np.ndarray:
    """A column: float while every value is finite; else objects, ∞ / −∞ / NaN strings among the floats."""
    v = np.asarray(values, dtype=float)
    if np.isfinite(v).all():
        return v
    out = v.astype(object)
    for text, hit in ((NONFINITE_TEXT["inf"], np.isposinf(v)), (NONFINITE_TEXT["-inf"], np.isneginf(v)),
                      (NONFINITE_TEXT["nan"], np.isnan(v))):  # fmt: skip
        out[hit] = text
    return out


def neuron_table(r: PassResult, s: int, N: Notation, lang: str) -> pd.DataFrame:
    n0 = r.x.shape[1]
    widths = r.widths
    layer = np.repeat([N.layer_number(l) for l in range(len(widths))], widths)
    neuron = np.concatenate([np.arange(n) + 1 for n in widths])
    sym = [_plain(N.sym("a", l, i, latex=False)) for l, n in enumerate(widths) for i in range(n)]
    # the computed layers' values for sample s, first hidden layer first
    vals = {q: np.concatenate([getattr(rec, q)[s] for rec in r.layers]) for q in ("z", "a", "gprime", "delta")}
    bad = not all(np.isfinite(v).all() for v in vals.values())
    absent = np.full(n0, ABSENT, object) if bad else np.full(n0, np.nan)
    col = {q: np.concatenate([absent, cells(v)]) for q, v in vals.items()}
    col["a"] = np.concatenate([r.x[s], cells(vals["a"])])  # a^0 = x
    return pd.DataFrame({
        t("col_layer", lang): layer, t("col_neuron", lang): neuron, "": sym,
        "z": col["z"], "a": col["a"], "g′(z)": col["gprime"], "δ": col["delta"],
    })  # fmt: skip


def weight_table(r: PassResult, N: Notation, lang: str) -> pd.DataFrame:
    frames = []
    for l, rec in enumerate(r.layers, start=1):
        n_out, n_in = rec.W.shape
        i = np.repeat(np.arange(n_out), n_in)
        j = np.tile(np.arange(n_in), n_out)
        name = "θ" if N.ng else "w"
        sup = f"^({l})" if N.ng else f"^{l}"
        sym = [f"{name}{sup}_{a + 1}{b + 1}" for a, b in zip(i, j)]
        frames.append(pd.DataFrame({
            t("col_layer", lang): N.weight_number(l), t("col_weight", lang): sym,
            t("col_to", lang): i + 1, t("col_from", lang): j + 1,
            "w": cells(rec.W.ravel()), "∂J/∂w": cells(rec.dW.ravel()),
        }))  # fmt: skip
        frames.append(pd.DataFrame({
            t("col_layer", lang): N.weight_number(l), t("col_weight", lang): [f"b{sup}_{a + 1}" for a in range(n_out)],
            t("col_to", lang): np.arange(n_out) + 1, t("col_from", lang): 0, "w": cells(rec.b),
            "∂J/∂w": cells(rec.db),
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)
