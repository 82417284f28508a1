"""The network builder in the sidebar: widget-reading functions that return plain values.

Each run reads every builder widget and composes a new config from the previous one: weights are
kept wherever a layer's shape and the init settings are unchanged, so editing x (or anything else)
never throws away hand-edited weights. Values from a link or file outside a slider's usual range
widen that slider; nothing is clamped.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from engine.budget import over_budget
from engine.config import INIT_SCHEMES, ConfigError, NetworkConfig, from_dict
from texts import t
from ui import messages, state
from ui.compose import (
    HIDDEN_ACTS,
    INIT_DEFAULT_VALUE,
    OUTPUT_PAIRS,
    fit_data,
    hidden_layer,
    pair_label,
    scheme_value,
)
from ui.data_sliders import slider_groups
from viz.hover import fmt

MAX_SLIDERS = 12  # wider inputs or targets are edited as a table row


def _key(name: str) -> str:
    return f"b{st.session_state.builder_rev}_{name}"


def _range(values, lo: float, hi: float) -> tuple[float, float]:
    """The usual [lo, hi], widened to whole numbers that hold every value."""
    vals = [float(v) for v in values] or [0.0]
    return float(min(lo, math.floor(min(vals)))), float(max(hi, math.ceil(max(vals))))


def structure(cfg: NetworkConfig, lang: str, notation) -> tuple[list[int], list[str], str]:
    """Widths, activations and loss from the structure widgets (layer numbers in the chosen notation)."""
    L = cfg.n_weight_layers
    hidden = st.slider(t("hidden_layers", lang), 0, max(6, L - 1), L - 1, key=_key("hidden"))
    widths = [
        st.slider(
            t("width_input", lang, n=notation.layer_number(0)), 1, max(10, cfg.layers[0]), cfg.layers[0], key=_key("w0")
        )
    ]
    acts = []
    old_hidden = list(cfg.layers[1:-1])
    old_acts = list(cfg.activations[:-1])
    for h in range(hidden):
        w0, a0 = hidden_layer(old_hidden, old_acts, h)
        c1, c2 = st.columns([1, 1])
        widths.append(c1.slider(t("width_hidden", lang, n=h + 1), 1, max(10, w0), w0, key=_key(f"w{h + 1}")))
        acts.append(c2.selectbox(t("activation_hidden", lang, n=h + 1), HIDDEN_ACTS, HIDDEN_ACTS.index(a0),
                                 format_func=lambda a: t("act_" + a, lang), key=_key(f"act{h + 1}")))  # fmt: skip
    n_out = cfg.layers[-1]
    widths.append(
        st.slider(
            t("width_output", lang, n=notation.layer_number(hidden + 1)), 1, max(10, n_out), n_out, key=_key("wout")
        )
    )
    current = (cfg.activations[-1], cfg.loss)
    pair = st.selectbox(t("output_loss", lang), OUTPUT_PAIRS, OUTPUT_PAIRS.index(current),
                        format_func=lambda p: pair_label(p, lang), key=_key("pair"))  # fmt: skip
    return widths, acts + [pair[0]], pair[1]


def data(cfg: NetworkConfig, widths, loss: str, lang: str) -> tuple[list, list, float]:
    """x and y (all samples) and lambda from the data widgets; edits apply to the sample shown."""
    big_m = cfg.m > 64
    if big_m:
        m = int(st.number_input(t("samples", lang), 1, 10_000, cfg.m, key=_key("m")))
    else:
        m = st.slider(t("samples", lang), 1, max(8, cfg.m), cfg.m, key=_key("m"))
    if m != cfg.m and (too_big := over_budget(widths, m)):  # before m rows of data are made
        messages.show("error", t("bad_value", lang, err=too_big))
        m = cfg.m
    x, y = fit_data(cfg, widths, loss, m)
    s = min(st.session_state.sample, m - 1)
    if m > 1:
        s = st.slider(t("sample_shown", lang), 1, m, s + 1, key="sample_pick") - 1
    st.session_state.sample = s
    # x: sliders, or a table row when wide; y: the same, but a class picker for softmax targets
    x_table = widths[0] > MAX_SLIDERS
    y_widget = "class" if loss == "cross_entropy" else ("table" if widths[-1] > MAX_SLIDERS else "sliders")
    if x_table:
        x[s] = _row_editor(x[s], "x", _key(f"xrow{s}_{widths[0]}"))
    groups = [] if x_table else [_group("x", "input_x", x[s], _range(x[s], -3.0, 3.0), lang)]
    if y_widget == "sliders":
        groups.append(_group("y", "target_y", y[s], (0.0, 1.0) if loss == "bce" else _range(y[s], -3.0, 3.0), lang))
    if groups:  # one element for all of the sample's sliders (ui/data_sliders.py)
        got = slider_groups(groups, _key(f"xy{s}"))
        x[s] = got.get("x", x[s])
        y[s] = got.get("y", y[s])
    if y_widget == "table":
        y[s] = _row_editor(y[s], "y", _key(f"yrow{s}_{widths[-1]}"))
    elif y_widget == "class":
        y[s] = _class_picker(y[s], s, lang)
    l2 = cfg.l2
    l2 = st.slider(t("l2", lang), 0.0, float(max(5, math.ceil(l2))), float(l2), 0.05, key=_key("l2"))
    return x, y, l2


def _row_editor(row, name: str, key: str) -> list[float]:
    """A wide input or target row as one editable table row (sliders would fill the sidebar)."""
    df = pd.DataFrame([row], columns=[f"{name}{k + 1}" for k in range(len(row))])
    edited = st.data_editor(df, key=key, num_rows="fixed", hide_index=True)
    vals = edited.to_numpy(dtype=float, na_value=np.nan)[0]
    return [float(v) if np.isfinite(v) else float(o) for v, o in zip(vals, row)]


def _group(name: str, label: str, row, lo_hi: tuple[float, float], lang: str) -> dict:
    """One group of data sliders (x1, x2, ... or y1, ...) over [lo, hi] in steps of 0.01."""
    lo, hi = lo_hi
    labels = [t(label, lang, n=k + 1) for k in range(len(row))]
    return {"name": name, "labels": labels, "lo": lo, "hi": hi, "step": 0.01, "values": [float(v) for v in row]}


def _class_picker(row, s: int, lang: str) -> list[float]:
    """A softmax target: the class, or the distribution a link or file gave (kept until a class is picked)."""
    n = len(row)
    hot = [i for i, v in enumerate(row) if v == 1.0]
    onehot = len(hot) == 1 and sum(row) == 1.0
    options = list(range(n)) if onehot else [-1] + list(range(n))
    if not onehot:
        st.caption(t("target_is_distribution", lang, y="(" + ", ".join(fmt(row, 3).tolist()) + ")"))
    k = st.selectbox(t("target_class", lang), options, options.index(hot[0] if onehot else -1),
                     format_func=lambda c: "—" if c < 0 else f"{c + 1}", key=_key(f"cls{s}"))  # fmt: skip
    return list(row) if k < 0 else [1.0 if i == k else 0.0 for i in range(n)]


def init_controls(cfg: NetworkConfig, lang: str) -> dict:
    """The init spec from its widgets; the button draws new weights by moving to the next seed."""
    c1, c2 = st.columns([3, 2])
    scheme = c1.selectbox(t("init_scheme", lang), INIT_SCHEMES, INIT_SCHEMES.index(cfg.init.scheme),
                          format_func=lambda k: t("init_" + k, lang), key=_key("scheme"))  # fmt: skip
    seed_key = _key("seed")
    seed = int(c2.number_input(t("init_seed", lang), 0, 2**31 - 1, min(cfg.init.seed, 2**31 - 1), key=seed_key))
    out = {"scheme": scheme, "seed": seed}
    if scheme in INIT_DEFAULT_VALUE:
        out["value"] = float(st.number_input(t("init_value", lang), value=scheme_value(cfg, scheme), step=0.01,
                                             format="%.4g", key=_key(f"value_{scheme}")))  # fmt: skip
    st.button(t("new_weights", lang), key=_key("new_weights"), on_click=_next_seed, args=(seed_key,),
              width="stretch")  # fmt: skip
    return out


def _next_seed(seed_key: str) -> None:
    st.session_state[seed_key] = int(st.session_state.get(seed_key, 0)) + 1


def compose(fields: dict) -> NetworkConfig | None:
    """The validated new config from engine.config.from_dict's fields, within the app's work budget, or None
    with an error shown (the old network stays)."""
    try:
        return from_dict(fields, budget=True)
    except ConfigError as e:
        messages.show("error", t("bad_value", state.lang(), err=e))
        return None


def layer_picker(key: str, L: int, label: str, name) -> int:
    """A slider over layers 1..L that starts at the output and survives the network losing layers."""
    ss = st.session_state
    if not 1 <= ss.get(key, L) <= L:
        ss[key] = L
    if L == 1:  # a slider needs two stops
        return 1
    return st.select_slider(label, list(range(1, L + 1)), value=ss.get(key, L), key=key, format_func=name)
