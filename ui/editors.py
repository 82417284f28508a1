"""Hand-editing of weights and biases, and saving/sharing the network."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from engine.config import ConfigError, NetworkConfig
from texts import t
from ui import state
from ui.copy_link import copy_link_button
from viz.notation import Notation


def weight_editor(W, b, notation: Notation, lang: str) -> tuple[list, list]:
    """One editable matrix per layer (rows: neurons of layer l, columns: layer l-1, then the bias)."""
    rev = st.session_state.weights_rev
    newW, newb = [], []
    st.caption(t("edit_weights_help", lang, l="l", p="l−1"))
    for k in range(len(W)):
        l = k + 1
        Wk, bk = np.array(W[k], float), np.array(b[k], float)
        n_out, n_in = Wk.shape
        wsym = notation.weight_name(l)
        cols = [f"{j + 1}" for j in range(n_in)] + ["b"]
        df = pd.DataFrame(np.column_stack([Wk, bk]), columns=cols, index=[f"{i + 1}" for i in range(n_out)])
        st.markdown(f"**{wsym}** ({n_out}×{n_in}) + b")
        edited = st.data_editor(
            df, key=f"W{l}_{n_out}x{n_in}_r{rev}", num_rows="fixed", width="stretch",
            column_config={c: st.column_config.NumberColumn(c, format="%.4g", required=True) for c in cols},
        )  # fmt: skip
        arr = edited.to_numpy(dtype=float, na_value=np.nan)
        if not np.isfinite(arr).all():  # an emptied cell: keep the old number
            arr = np.where(np.isfinite(arr), arr, np.column_stack([Wk, bk]))
        newW.append(arr[:, :n_in].tolist())
        newb.append(arr[:, n_in].tolist())
    return newW, newb


def share_panel(cfg: NetworkConfig, lang: str) -> None:
    """Share link, download and upload of the config JSON."""
    if state.share_token(cfg) is None:
        st.info(t("link_too_big", lang))
    else:  # the address bar holds this network (ui.state.sync_address): the link is the page's address
        st.caption(t("share_link", lang))
        copy_link_button(t("copy_link", lang), t("link_copied", lang))
    # made only when clicked: a big network's JSON takes a second to write
    st.download_button(t("download", lang), lambda: config_file(cfg), file_name="network.json",
                       mime="application/json", width="stretch", key="download_json")  # fmt: skip
    up_key = f"upload_{st.session_state.get('upload_rev', 0)}"
    st.file_uploader(t("upload", lang), type=["json"], key=up_key, on_change=_uploaded, args=(up_key,))


def config_file(cfg: NetworkConfig) -> str:
    """The config as a file: indented for reading, on one line when it holds more than 10,000 numbers."""
    n = sum(a * b + a for a, b in zip(cfg.layers[1:], cfg.layers[:-1])) + cfg.m * (cfg.layers[0] + cfg.layers[-1])
    return cfg.to_json(indent=2 if n <= 10_000 else None)


def base_url() -> str:
    try:
        url = st.context.url or ""
    except Exception:  # older servers or tests without a request: a relative link still works
        url = ""
    return url.split("?")[0] if url else ""


def _uploaded(key: str) -> None:
    f = st.session_state.get(key)
    if f is None:
        return
    lang = state.lang()
    try:
        cfg = state.parse_upload(f.getvalue())
    except ConfigError as e:
        state.flash("error", t("bad_file", lang, name=f.name[:100], err=e))
    else:
        state.load(cfg)
        st.session_state.preset_pick = "custom"
        state.flash("success", t("loaded_file", lang, name=f.name))
    st.session_state.upload_rev = st.session_state.get("upload_rev", 0) + 1
