"""Every intermediate of one pass as CSV, for checking homework by machine (viz.worksheet re-exports it)."""

from __future__ import annotations

import csv
import io

import numpy as np

from engine.config import NetworkConfig
from engine.network import run_pass
from viz.notation import NOTATIONS, Notation

CSV_COLUMNS = ("quantity", "layer", "sample", "i", "j", "value")


def intermediates_csv(config: NetworkConfig, notation: str = "lee") -> str:
    """Every intermediate of the pass, one row per quantity and index: quantity (z, a, delta, dW, db, J),
    layer (as the notation numbers it: z, a, delta by neuron layer, dW, db by weight layer), sample, i, j
    (from 1, as the sheet's subscripts; empty where they do not apply), value (Python's repr: every digit).

    Rows: 3·m·Σ n_l (z, a, delta) + Σ n_l·n_(l-1) (dW) + Σ n_l (db) + 1 (J).
    """
    if notation not in NOTATIONS:
        raise ValueError(f"notation must be one of {', '.join(NOTATIONS)}, not {notation!r}")
    N = Notation(notation)
    with np.errstate(all="ignore"):  # an overflow is written as inf / NaN, the engine says where
        r = run_pass(config)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(CSV_COLUMNS)
    for l, rec in enumerate(r.layers, start=1):
        for q in ("z", "a", "delta"):
            v = getattr(rec, q)
            out.writerows(
                (q, N.layer_number(l), s + 1, i + 1, "", repr(float(v[s, i]))) for s, i in np.ndindex(v.shape)
            )
        w = N.weight_number(l)
        out.writerows(("dW", w, "", i + 1, j + 1, repr(float(rec.dW[i, j]))) for i, j in np.ndindex(rec.dW.shape))
        out.writerows(("db", w, "", i + 1, "", repr(float(v))) for i, v in enumerate(rec.db.tolist()))
    out.writerow(("J", "", "", "", "", repr(float(r.loss))))
    return buf.getvalue()
