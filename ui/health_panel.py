"""The explorer's "Network health" panel: a one-line verdict, then per-layer norms, saturation and dead units.

The numbers come from engine.health; the panel only words them (texts), draws them (viz.health_chart)
and lays them out. A failure preset (engine.presets.HEALTH_PRESETS) adds one line saying what to look at,
and opens the panel the first time it becomes the active preset.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from engine.health import LayerHealth, diagnose, first_overflow, health
from engine.network import PassResult
from engine.presets import HEALTH_PRESETS
from texts import t
from ui import state
from viz.health_chart import HealthLabels, health_chart
from viz.health_text import NOT_APPLICABLE, num, percent, verdict
from viz.hover import overflow_words
from viz.notation import Notation


def active_preset() -> str | None:
    """The preset the sidebar's picker names (None for a custom network)."""
    ss = st.session_state
    return ss.get("preset_pick", ss.get("_preset_pick"))


def table(rows: list[LayerHealth], notation: Notation, lang: str) -> pd.DataFrame:
    """One row per layer, every number as text in DIGITS significant digits (∞, NaN as such; — not applicable)."""
    w = "Θ" if notation.ng else "W"
    cols = {
        t("hl_col_layer", lang): [str(notation.layer_number(h.layer)) for h in rows],
        t("hl_col_act", lang): [t("act_" + h.activation, lang) for h in rows],
        t("hl_col_units", lang): [str(h.width) for h in rows],
        t("hl_col_delta", lang): [num(h.delta_norm) for h in rows],
        t("hl_col_dW", lang, w=w): [num(h.dW_norm) for h in rows],
        t("hl_col_sat", lang): [percent(h.saturated) for h in rows],
        t("hl_col_dead", lang): [
            NOT_APPLICABLE if h.dead is None else t("hl_of", lang, k=h.dead, n=h.width) for h in rows
        ],
    }
    return pd.DataFrame(cols)


def labels(rows: list[LayerHealth], notation: Notation, lang: str) -> HealthLabels:
    w = "Θ" if notation.ng else "W"
    return HealthLabels(
        layers=tuple(str(notation.layer_number(h.layer)) for h in rows),
        layer_axis=t("hl_axis_layer", lang),
        norm_axis=t("hl_axis_norm", lang),
        share_axis=t("hl_axis_share", lang),
        delta="‖δ‖",
        dW=f"‖∂J/∂{w}‖",
        saturated=t("hl_sat", lang),
        dead=t("hl_dead", lang),
    )


def nonfinite_note(result: PassResult, rows: list[LayerHealth], notation: Notation, lang: str) -> str | None:
    """Which of the table's norms are ∞ or NaN, and the overflow they follow from (engine.health)."""
    w = "Θ" if notation.ng else "W"
    cells = [
        t("hl_nf_cell", lang, l=notation.layer_number(h.layer), q=q, v=num(v))
        for h in rows
        for q, v in (("‖δ‖", h.delta_norm), (f"‖∂J/∂{w}‖", h.dW_norm), (t("hl_sat", lang), h.saturated))
        if v is not None and not np.isfinite(v)
    ]
    first = first_overflow(result)
    if not cells or first is None:
        return None
    where, kind = overflow_words(first, notation, lang)
    return t("hl_nonfinite", lang, cells=t("hl_list_sep", lang).join(cells), first=f"{where} ({kind})")


def _open_state(pick: str | None) -> str:
    """The expander's key. A failure preset that has just become active gets a fresh key, so the panel opens
    for it; otherwise the key (and the reader's open or closed choice) stays."""
    ss = st.session_state
    if ss.get("_health_for") != pick:
        ss._health_for = pick
        if pick in HEALTH_PRESETS:
            ss._health_gen = ss.get("_health_gen", 0) + 1
            ss._health_open = True
    return f"health_open_{ss.get('_health_gen', 0)}"


def show(result: PassResult, lang: str) -> None:
    """The preset's note (a failure preset only), then the panel, its body built only while open.

    The one-line verdict travels with the explorer's chart (layout.meta.health, viz.health_text), so a data
    slider that only hands the chart its new picture (ui/live.py) keeps it current. The open panel's numbers
    follow the network too: while it is open the explorer gives up that shortcut and data sliders rerun it.
    """
    pick = active_preset()
    if pick in HEALTH_PRESETS:
        st.info(t("preset_note_" + pick, lang))
    notation = Notation(state.notation())
    key = _open_state(pick)
    panel = st.expander(f"**{t('health_title', lang)}**", expanded=st.session_state.get("_health_open", False),
                        key=key, on_change="rerun")  # fmt: skip
    state.keep("health_open", panel.open)
    if not panel.open:  # closed: nothing more to build or send
        return
    st.session_state._live_chart = None  # open: its table follows every change (a full rerun)
    with np.errstate(all="ignore"):
        rows = health(result)
    with panel:
        st.markdown(verdict(diagnose(rows), result, notation, lang))
        fig = health_chart(rows, labels(rows, notation, lang))
        st.plotly_chart(fig, key="health_chart", theme=None, config={"displayModeBar": False})
        st.dataframe(table(rows, notation, lang), hide_index=True, width="stretch")
        w = "Θ" if notation.ng else "W"
        st.caption(t("hl_defs", lang, w=w))
        out = rows[-1]
        if not out.gprime_used and out.saturated:
            st.caption(t("hl_output_cancels", lang))
        if note := nonfinite_note(result, rows, notation, lang):
            st.warning(note)
