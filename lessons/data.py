"""Learning from data: a data set (toy, bundled or your CSV), training you can watch, any sample's backprop."""

import streamlit as st

from engine.datasets import fits_output, output_for
from texts import t
from ui import data_source, state, training_panel
from ui.compose import pair_label

ss = st.session_state
lang = state.lang()
cfg = ss.config

st.markdown(f"### {t('page_data', lang)}")
st.caption(t("dt_intro", lang))
ds = ss.get("data")
with st.expander(data_source.describe(ds, lang) if ds else t("dt_source", lang), expanded=ds is None):
    data_source.choose(lang)
if ds is None:
    st.info(t("dt_no_data", lang))
    st.stop()
n_out, act, loss = output_for(ds)
if (cfg.layers[0], cfg.layers[-1]) != (ds.n_in, n_out) or not fits_output(ds, cfg.activations[-1], cfg.loss):
    pair = pair_label((cfg.activations[-1], cfg.loss), lang)
    st.warning(t("dt_mismatch", lang, n0=cfg.layers[0], nL=cfg.layers[-1], pair=pair, d=ds.n_in, k=n_out,
                 want=pair_label((act, loss), lang)))  # fmt: skip
    if st.button(t("dt_refit", lang), key="dt_refit", type="primary"):
        data_source.use(ds, lang)
        st.rerun()
    st.stop()

training_panel.ng_network(cfg, ds, lang)
training_panel.current_run(cfg, ds)
settings = training_panel.controls(cfg, ds, lang)
training_panel.live(cfg, ds, settings, lang)
training_panel.take_away(ss.dt_run, cfg, lang)
