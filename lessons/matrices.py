"""Matrices and shapes: the vectorised pass with every matrix written out, and the Jacobian chain."""

import numpy as np
import pandas as pd
import streamlit as st

from engine.activations import jacobian
from engine.chain import deltas_by_jacobians
from texts import t
from ui import state
from ui.compute import current_pass
from ui.controls import layer_picker
from viz.hover import fmt, text_num
from viz.latex import aligned, bmat, shape, space
from viz.notation import Notation

ss = st.session_state
lang = state.lang()
N = Notation(state.notation())
r = current_pass()
L, s = len(r.layers), ss.sample
digits = ss.get("digits", 3)  # the explorer's significant digits

st.markdown(f"### {t('page_matrices', lang)}")
st.caption(t("mx_intro", lang))
l = layer_picker("mx_l", L, t("mx_layer", lang), lambda k: str(N.layer_number(k)))
rec = r.layers[l - 1]
n, p = rec.W.shape
W, b, z, a, ap, d = (N.sym(k, l) for k in ("W", "b", "z", "a", "a", "delta"))
ap = N.sym("a", l - 1)


def under(mat, sym: str, *dims) -> str:
    return rf"\underbrace{{{bmat(mat, digits)}}}_{{{sym}\,{shape(*dims)}}}"


st.markdown(f"**{t('mx_forward', lang)}**")
st.latex(aligned(
    rf"{z} &= {W}\,{ap} + {b} \qquad {space(n, 1)} = {space(n, p)}\cdot{space(p, 1)} + {space(n, 1)}",
    rf"&= {under(rec.W, W, n, p)}{under(r.a(l - 1)[s], ap, p, 1)} + {under(rec.b, b, n, 1)}",
    rf"&= {under(rec.z[s], z, n, 1)}",  # a line of its own: a wide layer's equation stays within the page
))  # fmt: skip

st.markdown(f"**{t('mx_backward', lang)}**")
if l < L:
    nxt = r.layers[l]
    Wn, dn = N.sym("W", l + 1), N.sym("delta", l + 1)
    k = nxt.W.shape[0]
    WnT, gz = f"({Wn})^T", "g'(" + z + ")"
    st.latex(aligned(
        rf"{d} &= {WnT}{dn} \odot {gz} \qquad {space(n, 1)} = {space(n, k)}\cdot{space(k, 1)}\odot{space(n, 1)}",
        rf"&= {under(nxt.W.T, WnT, n, k)}{under(nxt.delta[s], dn, k, 1)} \odot {under(rec.gprime[s], gz, n, 1)}",
        rf"&= {under(rec.delta[s], d, n, 1)}",
    ))  # fmt: skip
else:
    st.latex(rf"{d} = {bmat(rec.delta[s], digits)} \quad {shape(n, 1)}")

st.markdown(f"**{t('mx_outer', lang)}**")
apT, outer = f"({ap})^T", np.outer(rec.delta[s], r.a(l - 1)[s])
st.latex(aligned(
    rf"\frac{{\partial \ell}}{{\partial {W}}} &= {d}\,{apT} = {under(rec.delta[s], d, n, 1)}"
    rf"{under(r.a(l - 1)[s][None, :], apT, 1, p)}",
    rf"&= {under(outer, '', n, p)}",
))  # fmt: skip

st.markdown(f"**{t('mx_jacobian', lang)}**")
Jz = jacobian(rec.activation, rec.z[s : s + 1])[0]
st.caption(t("mx_jac_full", lang) if rec.activation == "softmax" else t("mx_jac_diag", lang, act=rec.activation))
jac = [rf"\frac{{\partial {a}}}{{\partial {z}}} &= {under(Jz, '', n, n)}"]
if l < L:  # one matrix a line
    zn, Wn = N.sym("z", l + 1), N.sym("W", l + 1)
    jac.append(rf"\frac{{\partial {zn}}}{{\partial {a}}} &= {Wn} = {bmat(r.layers[l].W, digits)}")
st.latex(aligned(*jac))

st.markdown(f"**{t('mx_chain', lang)}**")
st.latex(r"\delta^{L} = \Big(\frac{\partial a^L}{\partial z^L}\Big)^{T}\nabla_{a}\ell, \qquad "
         r"\delta^{l} = \Big(\frac{\partial a^l}{\partial z^l}\Big)^{T}"
         r"\Big(\frac{\partial z^{l+1}}{\partial a^l}\Big)^{T}\delta^{l+1}")  # fmt: skip
chain = deltas_by_jacobians(r, s)


def vector(v) -> str:
    """A vector as text, each number as the formatter writes it: (−0.0133, 0.0123, 0.00236)."""
    return "(" + ", ".join(fmt(v, 6).tolist()) + ")"


rows = [{t("mx_layer", lang): N.layer_number(k), t("mx_col_jac", lang): vector(c),
         t("mx_col_bp", lang): vector(rr.delta[s]),
         t("mx_max_diff", lang): text_num(np.max(np.abs(c - rr.delta[s])), 2)}
        for k, (c, rr) in enumerate(zip(chain, r.layers), start=1)]  # fmt: skip
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
