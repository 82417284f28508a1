"""Gradient check: backprop against centred differences for every parameter, with a bug to plant."""

import numpy as np
import pandas as pd
import streamlit as st

from engine.budget import work
from engine.gradcheck import GOOD, SUSPICIOUS, gradcheck
from engine.network import config_params
from ui import state
from ui.i18n import t
from viz.charts import gradcheck_chart

LIMIT = 5000  # parameters checked in full; a bigger net checks a seeded random sample of this many
MAX_SAMPLES = 64  # the check compares two gradients of the same J, so a subset of the samples serves
WORK_BUDGET = 2e9  # multiply-adds for all the perturbed passes (~1-2 s here): the widest nets check fewer
ss = st.session_state
lang = state.lang()
cfg = ss.config
L = cfg.n_weight_layers

st.markdown(f"### {t('page_gradient_check', lang)}")
st.caption(t("gc_intro", lang))
c1, c2 = st.columns(2)
eps = c1.select_slider(t("gc_eps", lang), [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8], value=1e-5, key="gc_eps",
                       format_func=lambda e: f"{e:.0e}")  # fmt: skip
bugs = [0] + list(range(1, L + 1))
bug = c2.selectbox(t("gc_bug", lang), bugs, key="gc_bug",
                   format_func=lambda k: t("gc_no_bug", lang) if k == 0 else t("gc_drop", lang, n=k))  # fmt: skip
n_params = sum(a * b + a for a, b in zip(cfg.layers[1:], cfg.layers[:-1]))
# each checked parameter costs two passes over the samples used (at most a whole pass each)
per_param = 2 * work(cfg.layers, min(cfg.m, MAX_SAMPLES)).multiply_adds
limit = int(max(2 * L, min(LIMIT, WORK_BUDGET // per_param)))
bar = st.progress(0.0, text=t("gc_running", lang, n=min(n_params, limit))) if n_params > 2000 else None
progress = (lambda f: bar.progress(f)) if bar else None
x, y = np.array(cfg.x[:MAX_SAMPLES]), np.array(cfg.y[:MAX_SAMPLES])
if cfg.m > MAX_SAMPLES:
    st.caption(t("gc_few_samples", lang, n=MAX_SAMPLES, m=cfg.m))
rep = gradcheck(config_params(cfg), cfg.activations, cfg.loss, cfg.l2, x, y, eps=eps,
                skip_gprime=bug or None, on_progress=progress, limit=limit)  # fmt: skip
if bar:
    bar.empty()
if rep.n_checked < rep.n_params:
    st.caption(t("gc_sampled", lang, n=rep.n_checked, total=rep.n_params))
worst = rep.max_error
verdict = "gc_good" if worst < GOOD else ("gc_suspicious" if worst < SUSPICIOUS else "gc_bad")
(st.success if verdict == "gc_good" else st.warning if verdict == "gc_suspicious" else st.error)(
    t("gc_max", lang, e=f"{worst:.2e}") + " — " + t(verdict, lang)
)
st.plotly_chart(gradcheck_chart(rep, lang), key="gc_chart", theme=None, config={"displayModeBar": False})
rows = []
for c in rep.checks:
    idx = np.ndindex(c.analytic.shape)
    for k, (an, nu, re) in zip(idx, zip(c.analytic.ravel(), c.numeric.ravel(), c.rel_error.ravel())):
        if np.isnan(re) or len(rows) >= LIMIT:
            continue
        name = f"{c.kind}{c.layer}[{','.join(str(v + 1) for v in k)}]"
        rows.append({t("gc_param", lang): name, t("gc_analytic", lang): an, t("gc_numeric", lang): nu,
                     "|a − n|": abs(an - nu), t("gc_rel", lang): re})  # fmt: skip
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=320)
st.caption(t("gc_tiny", lang))
st.info(t("gc_why", lang))
