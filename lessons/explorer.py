"""The explorer: the network with every number, both passes animated, and step by step."""

from dataclasses import replace

import streamlit as st

from ui import health_panel, live, state
from ui.compute import current_pass
from ui.i18n import t
from ui.plotly_component import live_chart
from viz import latex
from viz.animation import animated_figure_dict, step_figure, steps
from viz.hover import overflow_note
from viz.network_figure import QUANTITIES
from viz.notation import Notation
from viz.scales import SCALES
from viz.tables import neuron_table, weight_table
from viz.theme import DRAW_MAX_EDGES

TABLE_MAX_ROWS = 5000
ss = st.session_state
lang = state.lang()
st.markdown(f"### {t('app_title', lang)}")
st.caption(t("app_tagline", lang))

result = current_pass()
if note := overflow_note(result, Notation(state.notation()), lang):
    st.warning(note)
L = len(result.layers)
N = Notation(state.notation())

SYMBOLS = {"a": "a", "z": "z", "gp": "g′(z)", "delta": "δ", "dW": "∂J/∂w", "W": "w"}
controls = st.container(key="view_controls")  # ?hide=view hides it (the values stay), for projection
if state.hides("view"):
    st.html('<style>[class*="st-key-view_controls"] { display: none !important; }</style>')
with controls:
    c1, c2, c3, c4, c5 = st.columns([3, 2, 3, 2, 2])
    nodes = (
        c1.segmented_control(
            t("color_nodes_by", lang),
            QUANTITIES,
            default="a",
            key="nodes",
            format_func=SYMBOLS.get,
            help=", ".join(t("q_" + q, lang) for q in QUANTITIES),
        )
        or "a"
    )
    edges = (
        c2.segmented_control(
            t("color_edges_by", lang),
            ["dW", "W"],
            default="dW",
            key="edges",
            format_func=SYMBOLS.get,
            help=", ".join(t("e_" + e, lang) for e in ("dW", "W")),
        )
        or "dW"
    )
    c3.segmented_control(t("grad_scale", lang), SCALES, default="log", key="scale", help=t("grad_scale_help", lang),
                         format_func=lambda k: t("grad_scale_" + k, lang))  # fmt: skip
    c4.select_slider(t("speed", lang), [150, 300, 500, 800, 1200, 2000], value=500, key="frame_ms")
    digits = c5.select_slider(t("precision", lang), [2, 3, 4, 5, 6], value=3, key="digits")
    view = live.explorer_view()  # the same settings the sidebar's builder uses to update the chart
    legend = " · ".join([t("legend_nodes", lang, q=t("q_" + nodes, lang)), t("legend_edges_" + edges, lang),
                         t("legend_scale_" + view.scale, lang)])  # fmt: skip
    n_edges = sum(rec.W.size for rec in result.layers)

    # One view at a time (not st.tabs): hidden tabs would still build and draw their figures on every change.
    VIEWS = ["animation", "steps", "table"]
    mode = (
        st.segmented_control(
            " ",
            VIEWS,
            default="animation",
            key="view",
            label_visibility="collapsed",
            format_func=lambda v: t(
                {"animation": "tab_animation", "steps": "tab_steps", "table": "tab_table"}[v], lang
            ),
        )
        or "animation"
    )
if mode == "animation":
    live_chart(animated_figure_dict(result, view), key=live.EXPLORER_CHART)
    live.claim(live.EXPLORER_CHART)
    st.caption(legend)
    if n_edges > DRAW_MAX_EDGES:
        st.info(t("too_many_edges", lang, edges=n_edges, per=DRAW_MAX_EDGES // L))
    elif n_edges > 1000:
        st.info(t("big_net_note", lang, edges=n_edges))

elif mode == "steps":
    plan = steps(L)
    if not 1 <= ss.get("step_slider", 0) <= len(plan):  # first visit, or the network lost layers
        ss.step_slider = min(ss.get("step", 0), len(plan) - 1) + 1

    def _move(d: int) -> None:
        ss.step_slider = max(1, min(len(plan), ss.step_slider + d))

    b1, b2, b3 = st.columns([1, 6, 1])
    b1.button(t("prev", lang), on_click=_move, args=(-1,), disabled=ss.step_slider == 1, width="stretch")
    b3.button(t("next", lang), on_click=_move, args=(1,), disabled=ss.step_slider == len(plan), width="stretch")
    k = b2.slider(t("step", lang), 1, len(plan), key="step_slider", label_visibility="collapsed") - 1
    ss.step = k
    step = plan[k]
    names = {"input": t("step_input", lang), "loss": t("step_loss", lang), "update": t("step_update", lang)}
    title = names.get(step.kind) or t(
        "step_" + step.kind,
        lang,
        n=(N.weight_number(step.layer) if step.kind == "grad" else N.layer_number(step.layer)),
    )
    st.subheader(f"{k + 1}/{len(plan)} · {title}")
    left, right = st.columns([1, 1])
    compact = replace(view, compact=not view.large)
    with left:
        live_chart(step_figure(result, compact, step), key="step_fig")
    with right:
        s = ss.sample
        if step.kind == "input":
            gen, nums = latex.input_eq(result, s, N, digits)
        elif step.kind == "forward":
            gen, nums = latex.forward_eq(result, step.layer, s, N, digits)
        elif step.kind == "loss":
            gen, nums = latex.loss_eq(result, s, N, digits)
        elif step.kind == "backward":
            gen, nums = latex.backward_eq(result, step.layer, s, N, digits)
        elif step.kind == "grad":
            gen, nums = latex.grad_eq(result, step.layer, s, N, digits)
        else:
            alpha = st.select_slider(t("learning_rate", lang), [0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0], 0.5, key="alpha")
            gen, nums = "", ""
            for l in range(1, L + 1):
                g_l, n_l = latex.update_eq(result, l, alpha, N, digits)
                gen, nums = g_l, nums + n_l + r" \\[10pt] "
        st.markdown(f"**{t('general_formula', lang)}**")
        st.latex(gen)
        st.markdown(f"**{t('with_numbers', lang, s=s + 1)}**")
        st.latex(nums)
        if step.kind == "loss":
            cancel = result.loss_name in ("bce", "cross_entropy")
            st.info(t("note_cancel" if cancel else "note_mse_delta", lang))
            st.caption(t("note_sign", lang))
        if step.kind == "grad":
            st.caption(t("note_small_a", lang) + " " + t("note_bias", lang))
        if step.kind == "backward" and result.layers[step.layer - 1].activation == "relu":
            st.caption(t("note_relu_zero", lang))
        if step.kind == "update" and result.l2:
            st.caption(t("note_update_l2", lang))
    st.caption(legend)

else:
    st.markdown(f"**{t('table_neurons', lang, s=ss.sample + 1)}**")
    nt = neuron_table(result, ss.sample, N, lang)
    st.dataframe(nt, hide_index=True, width="stretch")
    st.markdown(f"**{t('table_weights', lang)}**")
    wt = weight_table(result, N, lang)
    if len(wt) > TABLE_MAX_ROWS:
        st.caption(t("table_cut", lang, n=TABLE_MAX_ROWS, total=len(wt)))
    st.dataframe(wt.head(TABLE_MAX_ROWS), hide_index=True, width="stretch")
    st.download_button(t("download_csv", lang), lambda: wt.to_csv(index=False), "weights.csv", "text/csv")

health_panel.show(result, lang)  # the network's health: per-layer gradient norms, saturated and dead units
