"""Every value as tables: one row per neuron and one per weight, for reading without colour."""

from __future__ import annotations

import numpy as np
import pandas as pd

from engine.network import PassResult
from ui.i18n import t
from viz.notation import Notation


def _plain(sym: str) -> str:
    return sym.replace("<sup>", "^").replace("</sup>", "").replace("<sub>", "_").replace("</sub>", "")


def neuron_table(r: PassResult, s: int, N: Notation, lang: str) -> pd.DataFrame:
    rows = []
    for k, v in enumerate(r.x[s]):
        rows.append([N.layer_number(0), k + 1, _plain(N.sym("a", 0, k, latex=False)), None, v, None, None])
    for l, rec in enumerate(r.layers, start=1):
        for i in range(rec.z.shape[1]):
            rows.append([N.layer_number(l), i + 1, _plain(N.sym("a", l, i, latex=False)), rec.z[s, i], rec.a[s, i],
                         rec.gprime[s, i], rec.delta[s, i]])  # fmt: skip
    cols = [t("col_layer", lang), t("col_neuron", lang), "", "z", "a", "g′(z)", "δ"]
    return pd.DataFrame(rows, columns=cols)


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
            "w": rec.W.ravel(), "∂J/∂w": rec.dW.ravel(),
        }))  # fmt: skip
        frames.append(pd.DataFrame({
            t("col_layer", lang): N.weight_number(l), t("col_weight", lang): [f"b{sup}_{a + 1}" for a in range(n_out)],
            t("col_to", lang): np.arange(n_out) + 1, t("col_from", lang): 0, "w": rec.b, "∂J/∂w": rec.db,
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)
