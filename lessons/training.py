"""Training: gradient descent (seed 003's update) or scipy's L-BFGS-B / TNC on the unrolled vector (seed 002)."""

import numpy as np
import streamlit as st

from engine.network import config_params
from engine.training import train_gd, train_scipy, unroll
from texts import t
from ui import state
from viz.charts import lines_chart
from viz.hover import text_num

WORK_BUDGET = 3e9  # about a second or two of numpy on this machine; bigger runs are cut to fit
ss = st.session_state
lang = state.lang()
cfg = ss.config
params = config_params(cfg)
x, y = np.array(cfg.x), np.array(cfg.y)

st.markdown(f"### {t('page_training', lang)}")
st.caption(t("tr_intro", lang))
P = unroll(params).size
shapes = r" ; ".join(
    rf"W^{{{k + 1}}}\in\mathbb{{R}}^{{{W.shape[0]}\times{W.shape[1]}}}" for k, (W, _) in enumerate(params)
)
theta = r"\theta = \big[\operatorname{vec}(W^1), b^1, \dots, \operatorname{vec}(W^L), b^L\big]"
st.latex(rf"{theta}\in\mathbb{{R}}^{{{P}}}")
st.latex(rf"({shapes})")  # a line of its own: a deep net's shapes would run past the page beside θ
c1, c2, c3, c4 = st.columns(4)
opt = c1.selectbox(t("tr_optimizer", lang), ["gd", "lbfgs", "tnc"], key="tr_opt",
                   format_func=lambda o: t("tr_" + o, lang))  # fmt: skip
steps = c2.select_slider(t("tr_steps", lang), [10, 25, 50, 100, 200, 500, 1000, 2000], value=200, key="tr_steps")
lr = c3.select_slider(t("learning_rate", lang), [0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0], value=0.5, key="tr_lr",
                      disabled=opt != "gd")  # fmt: skip
batch = 1 if cfg.m == 1 else c4.select_slider(
    t("tr_batch", lang), list(range(1, cfg.m + 1)), value=cfg.m, key="tr_batch", disabled=opt != "gd",
    format_func=lambda b: t("tr_full", lang, m=b) if b == cfg.m else str(b))  # fmt: skip

work = P * (batch if opt == "gd" else cfg.m)  # multiply-adds of one pass, roughly
if steps * work > WORK_BUDGET:
    steps = max(1, int(WORK_BUDGET // work))
    st.caption(t("tr_capped", lang, k=steps))
args = (params, cfg.activations, cfg.loss, cfg.l2, x, y)
if opt == "gd":
    res = train_gd(*args, steps, lr, batch_size=batch, seed=cfg.init.seed)
else:
    res = train_scipy(*args, steps, method=opt)
hist = np.array(res.history, float)
st.plotly_chart(lines_chart(range(len(hist)), {t("cost", lang): np.where(np.isfinite(hist), hist, np.nan)},
                            t("ex_step", lang), "J", log=True), key="tr_chart", theme=None,
                config={"displayModeBar": False})  # fmt: skip
if res.diverged:  # engine.training.divergence_step's rule; plain-text numbers (markdown is no place for LaTeX)
    k = res.diverged_at
    parts = [t("tr_div", lang, k=k, J0=text_num(hist[0]), J=text_num(res.largest_cost))]
    if res.overflow_at != k:  # it grew past the limit first
        parts.append(t("tr_div_growth", lang))
    if res.overflow_at is not None:
        parts.append(t("tr_div_overflow", lang, s=res.overflow_at))
    st.error(t("sentence_gap", lang).join(parts + [t("tr_div_lower", lang)]))
else:
    st.success(t("tr_done", lang, k=res.steps_done, J0=text_num(hist[0]), J=text_num(hist[-1])))
if opt == "gd":  # mini-batches only when the batch is smaller than m; otherwise every step sees every sample
    st.caption(t("tr_gd_note", lang, b=batch, m=cfg.m) if batch < cfg.m else t("tr_full_batch_note", lang, m=cfg.m))
else:
    st.caption(t("tr_scipy_note", lang))
if st.button(t("tr_use", lang), key="tr_use", disabled=res.diverged):
    state.load(cfg.replace(weights=[W for W, _ in res.params], biases=[b for _, b in res.params]))
    st.switch_page("lessons/explorer.py")
