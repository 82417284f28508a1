"""Chain rule: any weight's dl/dw as factors and as a sum over paths; any neuron's delta as its terms."""

import numpy as np
import pandas as pd
import streamlit as st

from engine.chain import all_paths, output_factors, path_count, top_paths
from engine.quiz import Question
from texts import t
from ui import quiz, state
from ui.compute import current_pass
from viz.chain_figure import highlighted_figure
from viz.graph import weight_paths
from viz.hover import fmt, text_num
from viz.latex import aligned, num
from viz.network_figure import EDGES, NEURONS, View
from viz.notation import Notation
from viz.tables import plain

ss = st.session_state
lang = state.lang()
N = Notation(state.notation())
r = current_pass()
layers = r.widths
L, s = len(layers) - 1, ss.sample
MAX_LISTED = 64  # list every path up to this many, else the largest contributions
SHIFT = 2  # the highlight figure puts two traces in front of `edges` and `neurons`


def _clamp(k: str, hi: int, default: int) -> None:
    if not isinstance(ss.get(k), int) or not 0 <= ss[k] <= hi:
        ss[k] = default


def _clicked() -> None:
    for p in (ss.chain_fig.selection or {}).get("points", []):
        cd, curve = p.get("customdata"), p.get("curve_number")
        if curve == EDGES + SHIFT and cd:
            ss.cr_mode, ss.cr_l, ss.cr_i, ss.cr_j = "weight", int(cd[0]), int(cd[1]), int(cd[2])
        elif curve == NEURONS + SHIFT and cd and cd[0] > 0:
            ss.cr_mode, ss.cr_nl, ss.cr_n = "neuron", int(cd[0]), int(cd[1])


st.markdown(f"### {t('page_chain_rule', lang)}")
st.caption(t("cr_intro", lang))
st.toggle(t("cr_quiz", lang), key="cr_quiz", help=t("cr_quiz_help", lang))
_clamp("cr_l", L, L)
ss.cr_l = max(1, ss.cr_l)
_clamp("cr_i", layers[ss.cr_l] - 1, 0)
_clamp("cr_j", layers[ss.cr_l - 1] - 1, 0)
_clamp("cr_nl", L, 1)
ss.cr_nl = max(1, ss.cr_nl)
_clamp("cr_n", layers[ss.cr_nl] - 1, 0)
mode = st.segmented_control(t("cr_mode", lang), ["weight", "neuron"], key="cr_mode", default="weight",
                            format_func=lambda m: t("cr_" + m, lang)) or "weight"  # fmt: skip
if mode == "weight":
    c1, c2, c3 = st.columns(3)
    l = c1.selectbox(t("cr_layer", lang), range(1, L + 1), key="cr_l", format_func=N.weight_name)
    i = c2.selectbox(t("cr_row", lang), range(layers[l]), key="cr_i", format_func=lambda k: str(k + 1))
    j = c3.selectbox(t("cr_col", lang), range(layers[l - 1]), key="cr_j", format_func=lambda k: str(k + 1))
    n_paths = path_count(layers, l)
    if n_paths <= MAX_LISTED:
        paths = all_paths(r, l, s, weight_paths(layers, l, i))
    else:
        paths = top_paths(r, l, i, s, k=12)
    highlight, weight = [p.neurons for p in paths], (l, i, j)
else:
    c1, c2 = st.columns(2)
    l = c1.selectbox(
        t("cr_neuron_layer", lang), range(1, L + 1), key="cr_nl", format_func=lambda k: f"{N.layer_number(k)}"
    )
    i = c2.selectbox(t("cr_neuron_index", lang), range(layers[l]), key="cr_n", format_func=lambda k: str(k + 1))
    highlight = [(i, k) for k in range(layers[l + 1])] if l < L else [(i,)]
    weight = None

quiz_key = f"cr_{mode}_{l}_{i}_{weight[2] if weight else -1}_{s}_{ss.get('weights_rev', 0)}"
hiding = ss.get("cr_quiz", False) and quiz.outcome(quiz_key) is None  # predict first: δ and the chain hidden
left, right = st.columns([1, 1])
view = View(sample=s, nodes="a" if hiding else "delta", notation=state.notation(), lang=lang, compact=True)
hidden_q = None
if hiding:
    hidden_q = Question("dW", l, i, weight[2]) if mode == "weight" else Question("delta", l, i)
left.plotly_chart(highlighted_figure(r, view, l, highlight, weight, hide=hidden_q), key="chain_fig", on_select=_clicked,
                  selection_mode="points", theme=None, config={"displayModeBar": False})  # fmt: skip
left.caption(t("cr_click_hint", lang))
with right:
    rec = r.layers[l - 1]
    if ss.get("cr_quiz", False):
        if mode == "weight":
            q, value = Question("dW", l, i, weight[2]), float(rec.delta[s, i] * r.a(l - 1)[s, weight[2]])
            w = plain(N.sym("W", l, i + 1, weight[2] + 1, latex=False))
            name, prompt = f"∂ℓ/∂{w}", t("cr_quiz_ask_w", lang, w=w, s=s + 1)
        else:
            q, value = Question("delta", l, i), float(rec.delta[s, i])
            name = plain(N.sym("delta", l, i + 1, latex=False))
            prompt = t("cr_quiz_ask_n", lang, d=name, s=s + 1)
        if quiz.ask(quiz_key, q, value, ss.get("digits", 3), prompt, name, lang, rerun=True) is None:
            st.stop()
    if mode == "weight":
        a_j = float(r.a(l - 1)[s, j])
        w = N.sym("W", l, i, j)
        target = float(rec.delta[s, i]) * a_j
        if l == L and (f := output_factors(r, i, j, s)) is not None:
            st.markdown(f"**{t('cr_three', lang)}**")
            a, z = N.sym("a", L, i), N.sym("z", L, i)
            st.latex(aligned(
                rf"\frac{{\partial \ell}}{{\partial {w}}} &= \frac{{\partial \ell}}{{\partial {a}}}\cdot"
                rf"\frac{{\partial {a}}}{{\partial {z}}}\cdot\frac{{\partial {z}}}{{\partial {w}}}",
                rf"&= {num(f[0], 6)} \times {num(f[1], 6)} \times {num(f[2], 6)}",
                rf"&= {num(np.prod(f), 6)}",
            ))  # fmt: skip
            total = float(np.prod(f))
        else:
            if l == L:
                st.info(t("cr_softmax_out", lang))
            listed = n_paths <= MAX_LISTED
            st.markdown(f"**{t('cr_paths', lang, n=n_paths)}**" if listed else t("cr_paths_top", lang, n=n_paths,
                                                                                  k=len(paths)))  # fmt: skip
            rows = [{t("cr_path", lang): " → ".join(str(k + 1) for k in p.neurons),
                     "g′ × w × … × δᴸ": " × ".join(fmt(p.factors, 4).tolist()),
                     t("cr_product", lang): text_num(p.product, 6)} for p in paths]  # fmt: skip
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rows)))
            delta = float(rec.delta[s, i])
            shown = sum(p.product for p in paths)
            total = (shown if listed else delta) * a_j
            st.latex(aligned(
                rf"\frac{{\partial \ell}}{{\partial {w}}} &= \Big(\sum_{{\text{{paths}}}}\prod\Big)\cdot "
                rf"{N.sym('a', l - 1, j)}",
                rf"&= {num(shown if listed else delta, 6)} \times {num(a_j, 6)} = {num(total, 6)}",
            ))  # fmt: skip
        st.latex(aligned(
            rf"\text{{{t('cr_backprop', lang)}}}: \quad {N.sym('delta', l, i)}\,{N.sym('a', l - 1, j)} &= "
            rf"{num(rec.delta[s, i], 6)} \times {num(a_j, 6)}",
            rf"&= {num(target, 6)}",
        ))  # fmt: skip
        same = text_num(total, 6) == text_num(target, 6)
        (st.success if same else st.error)(t("cr_equal" if same else "cr_not_equal", lang))
        st.caption(t("cr_batch_note", lang, s=s + 1, m=r.m, dJ=text_num(rec.dW[i, j], 6)))
    elif l == L:  # backprop computes an output neuron's delta from the loss, with or without g'(z)
        err = float(rec.a[s, i] - r.y[s, i])
        if r.loss_name != "mse":
            formula, value = "a − y", rf"{num(rec.a[s, i], 6)} - {num(r.y[s, i], 6)}"
        elif rec.activation == "softmax":
            formula, value = "(∂a/∂z)ᵀ(a − y)", None
        else:
            formula = "(a − y) ⊙ g′(z)" + (t("cr_linear_out", lang) if rec.activation == "linear" else "")
            value = rf"{num(err, 6)} \times {num(rec.gprime[s, i], 6)}"
        st.info(t("cr_output_neuron", lang, formula=formula))
        shown = rf" = {value}" if value else ""
        st.latex(rf"\text{{{t('cr_backprop_delta', lang)}}}: {N.sym('delta', l, i)}{shown} = {num(rec.delta[s, i], 6)}")
    else:
        nxt = r.layers[l]
        terms = nxt.W[:, i] * nxt.delta[s]
        st.markdown(f"**{t('cr_terms', lang)}**")
        st.dataframe(pd.DataFrame({"k": np.arange(1, len(terms) + 1), "wₖ": fmt(nxt.W[:, i], 6),
                                   "δₖ": fmt(nxt.delta[s], 6), "wₖ·δₖ": fmt(terms, 6)}),
                     hide_index=True, width="stretch")  # fmt: skip
        d = N.sym("delta", l, i)
        by_terms = rec.gprime[s, i] * terms.sum()
        st.latex(rf"{d} = g'({N.sym('z', l, i)})\sum_k w_{{k{i + 1}}}\,\delta_k = {num(rec.gprime[s, i], 6)} \times "
                 rf"{num(terms.sum(), 6)} = {num(by_terms, 6)}")  # fmt: skip
        st.latex(rf"\text{{{t('cr_backprop_delta', lang)}}}: {d} = {num(rec.delta[s, i], 6)}")
        same = text_num(by_terms, 6) == text_num(rec.delta[s, i], 6)
        (st.success if same else st.error)(t("cr_equal" if same else "cr_not_equal", lang))
