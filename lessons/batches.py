"""Batches and L2: each sample's delta a^T accumulated into Delta, D = Delta/m + (lambda/m) W."""

import numpy as np
import streamlit as st

from texts import t
from ui import state
from ui.compute import current_pass
from ui.controls import layer_picker
from viz.latex import aligned, bmat, num
from viz.notation import Notation

ss = st.session_state
lang = state.lang()
N = Notation(state.notation())
r = current_pass()
L, m, lam = len(r.layers), r.m, r.l2
digits = ss.get("digits", 3)  # the explorer's significant digits

st.markdown(f"### {t('page_batches', lang)}")
st.caption(t("bt_intro", lang))
if m == 1:
    st.info(t("bt_one_sample", lang))
l = layer_picker("bt_l", L, t("mx_layer", lang), N.weight_name)
rec = r.layers[l - 1]
W, d, ap = N.sym("W", l), N.sym("delta", l), N.sym("a", l - 1)
st.markdown(f"**{t('bt_samples', lang, n=N.weight_number(l))}**")
terms = [np.outer(rec.delta[i], r.a(l - 1)[i]) for i in range(m)]
shown = min(m, 6)
lines = []
for i in range(shown):
    a_i = bmat(r.a(l - 1)[i][None, :], digits)
    lines.append(rf"{d}_{{({i + 1})}}\,({ap}_{{({i + 1})}})^T &= {bmat(rec.delta[i], digits)}{a_i}")
    lines.append(rf"&= {bmat(terms[i], digits)}")
st.latex(aligned(*lines))
if m > shown:
    st.caption(t("bt_more", lang, n=m - shown))
Delta = sum(terms)
st.markdown(f"**{t('bt_sum', lang)}**")
st.latex(aligned(
    rf"\Delta^{{({N.weight_number(l)})}} &= \sum_{{i=1}}^{{{m}}} {d}_{{(i)}}({ap}_{{(i)}})^T = {bmat(Delta, digits)}",
    rf"D^{{({N.weight_number(l)})}} &= \frac{{1}}{{m}}\Delta + \frac{{\lambda}}{{m}}{W}",
    rf"&= \frac{{1}}{{{m}}}{bmat(Delta, digits)}",
    rf"&\quad + \frac{{{num(lam, digits)}}}{{{m}}}{bmat(rec.W, digits)}",
    rf"&= {bmat(Delta / m + lam / m * rec.W, digits)}",
    rf"\frac{{\partial J}}{{\partial b}} &= \frac{{1}}{{m}}\sum_i {d}_{{(i)}} = {bmat(rec.db, digits)}",
))  # fmt: skip
st.markdown(f"**{t('bt_cost', lang)}**")
reg = lam / (2 * m) * sum(float(np.sum(x.W**2)) for x in r.layers)
losses = " + ".join(num(v, digits + 1) for v in r.sample_losses[:8]) + (r" + \dots" if m > 8 else "")
st.latex(rf"J = \frac{{1}}{{m}}\sum_{{i=1}}^{{m}}\ell_i + \frac{{\lambda}}{{2m}}\sum_l\lVert W^l\rVert^2 = "
         rf"\frac{{1}}{{{m}}}({losses}) + {num(reg, digits + 1)} = {num(r.loss, digits + 1)}")  # fmt: skip
st.info(t("bt_slip", lang))
