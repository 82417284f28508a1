"""The explorer: the network with every number, both passes animated, and step by step."""

from dataclasses import replace

import streamlit as st

from texts import t
from ui import health_panel, live, quiz, state
from ui.compute import current_pass
from ui.plotly_component import live_chart
from viz.animation import animated_figure_dict
from viz.digits_figures import digit_images_figure
from viz.hover import overflow_note
from viz.network_figure import QUANTITIES
from viz.notation import Notation
from viz.scales import SCALES
from viz.tables import neuron_table, weight_table
from viz.theme import DRAW_MAX_EDGES, EDGE_LABEL_MAX_EDGES

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
    # the settings are read from session state by live.explorer_view (the builder's chart updates use it too)
    c1.segmented_control(t("color_nodes_by", lang), QUANTITIES, default="a", key="nodes", format_func=SYMBOLS.get,
                         help=", ".join(t("q_" + q, lang) for q in QUANTITIES))  # fmt: skip
    c2.segmented_control(t("color_edges_by", lang), ["dW", "W"], default="dW", key="edges", format_func=SYMBOLS.get,
                         help=", ".join(t("e_" + e, lang) for e in ("dW", "W")))  # fmt: skip
    c3.segmented_control(t("grad_scale", lang), SCALES, default="log", key="scale", help=t("grad_scale_help", lang),
                         format_func=lambda k: t("grad_scale_" + k, lang))  # fmt: skip
    c4.select_slider(t("speed", lang), [150, 300, 500, 800, 1200, 2000], value=500, key="frame_ms")
    c5.select_slider(t("precision", lang), [2, 3, 4, 5, 6], value=3, key="digits")
    n_edges = sum(rec.W.size for rec in result.layers)
    view = live.explorer_view()  # the same settings the sidebar's builder uses to update the chart

    # One view at a time (not st.tabs): hidden tabs would still build and draw their figures on every change.
    VIEWS = ["animation", "steps", "table", "quiz"]
    v1, v2 = st.columns([3, 2], vertical_alignment="center")  # one row: the chart starts as high as it can
    names = {"animation": "tab_animation", "steps": "tab_steps", "table": "tab_table", "quiz": "tab_quiz"}
    first = None if "view" in ss else "animation"  # a quiz link sets the view itself (ui/state.init_session)
    mode = v1.segmented_control(" ", VIEWS, default=first, key="view", label_visibility="collapsed",
                                format_func=lambda v: t(names[v], lang)) or "animation"  # fmt: skip
    v2.toggle(t("edge_numbers", lang), key="edge_labels", disabled=n_edges > EDGE_LABEL_MAX_EDGES,
              help=t("edge_numbers_help", lang, n=EDGE_LABEL_MAX_EDGES))  # fmt: skip
if mode == "animation":
    fig, rev = live.explorer_chart_figure(result, view)  # the sidebar may have pushed it already (ui/live.py)
    if (frame := ss.pop("_lesson_frame", None)) is not None:  # a lesson's step opens on its frame (ui/lesson.py)
        layout = {**fig["layout"], "meta": {**fig["layout"]["meta"], "frame": frame - 1}}
        fig, rev = {**fig, "layout": layout}, None  # not the picture pushed: drawn again
    live_chart(fig, key=live.EXPLORER_CHART, rev=rev, keep=False)  # not kept: up to MBs a session on big nets
    live.claim(live.EXPLORER_CHART)
    if n_edges > DRAW_MAX_EDGES:
        st.info(t("too_many_edges", lang, edges=n_edges, per=DRAW_MAX_EDGES // L))
    elif n_edges > 1000:
        st.info(t("big_net_note", lang, edges=n_edges))

elif mode == "quiz":  # predict, then reveal (ui/quiz.py)
    quiz.explorer_quiz(result, view, lang)

elif mode == "steps":  # the same timeline, the picture beside its equations (the position carries over)
    live_chart(animated_figure_dict(result, replace(view, compact=not view.large)), key="step_chart")

else:
    st.markdown(f"**{t('table_neurons', lang, s=ss.sample + 1)}**")
    nt = neuron_table(result, ss.sample, N, lang, digits=view.digits)
    st.dataframe(nt, hide_index=True, width="stretch")
    st.markdown(f"**{t('table_weights', lang)}**")
    total = sum(rec.W.size + rec.b.size for rec in result.layers)
    if total > TABLE_MAX_ROWS:
        st.caption(t("table_cut", lang, n=TABLE_MAX_ROWS, total=total))
    wt = weight_table(result, N, lang, digits=view.digits, rows=TABLE_MAX_ROWS)  # only the rows shown
    st.dataframe(wt, hide_index=True, width="stretch")
    # the file holds plain numbers (a spreadsheet reads them), every row, made only when clicked
    st.download_button(t("download_csv", lang), lambda: weight_table(result, N, lang, text=False).to_csv(index=False),
                       "weights.csv", "text/csv")  # fmt: skip

ds = ss.get("data")  # a digit on the explorer: its 64 inputs as the 8x8 image they are (Ng's exercise)
if ds is not None and ds.image_shape is not None and result.widths[0] == ds.image_shape[0] * ds.image_shape[1]:
    c1, _ = st.columns([1, 2])
    with c1:
        live_chart(digit_images_figure(result.x[ss.sample : ss.sample + 1], [""], lang, shape=ds.image_shape,
                                       title=t("input_image", lang, s=ss.sample + 1)), key="input_image")  # fmt: skip

health_panel.show(result, lang)  # the network's health: per-layer gradient norms, saturated and dead units
