"""Experiments from the seeds, each ready to run, explained, charted and shareable as a link."""

import numpy as np
import pandas as pd
import streamlit as st

from engine import experiments as ex
from engine.config import from_dict
from texts import t
from ui import state
from ui.editors import base_url
from viz.charts import bars_chart, heatmap_chart, lines_chart
from viz.hover import fmt, text_num
from viz.tables import sub

ss = st.session_state
lang = state.lang()
NAMES = ["symmetry", "scaling", "vanishing", "loss", "diverge"]
if "exp" not in ss:
    ss.exp = st.query_params.get("exp") if st.query_params.get("exp") in NAMES else "symmetry"

st.markdown(f"### {t('page_experiments', lang)}")
st.caption(t("ex_intro", lang))
name = st.radio(t("ex_pick", lang), NAMES, key="exp", horizontal=True, format_func=lambda n: t("ex_" + n, lang))
st.info(t(f"ex_{name}_text", lang))
plot = {"theme": None, "config": {"displayModeBar": False}}

if name == "symmetry":
    scheme = st.segmented_control(t("init_scheme", lang), ["constant", "zeros", "xavier"], default="constant",
                                  key="ex_scheme", format_func=lambda k: t("init_" + k, lang))  # fmt: skip
    scheme = scheme or "constant"
    res = ex.symmetry(scheme)
    series = {t("ex_unit", lang, k=k + 1): res["weights"][:, k] for k in range(res["weights"].shape[1])}
    st.plotly_chart(lines_chart(range(len(res["weights"])), series, t("ex_step", lang), t("ex_weight", lang)),
                    key="ex_chart", **plot)  # fmt: skip
    st.metric(t("ex_spread", lang, steps=res["steps"]), text_num(res["spread"], 3))  # the charted weights' spread
    st.caption(t("ex_spread_rows", lang, v=text_num(res["spread_rows"], 3)))
    config = ex.symmetry_config(scheme)
elif name == "scaling":
    res = ex.input_scaling()
    scales = res["scales"]
    labels = {c: t(f"ex_case_{c}", lang) for c in ex.SCALING_CASES}
    series = {labels[c]: np.where(res[c]["norms"][:, 0] > 0, res[c]["norms"][:, 0], np.nan) for c in labels}
    st.plotly_chart(lines_chart(scales, series, t("ex_scale_axis", lang), "‖∂J/∂W¹‖", log=True, xlog=True),
                    key="ex_chart", **plot)  # fmt: skip
    right, wrong = res["right"]["norms"][:, 0], res["wrong"]["norms"][:, 0]
    st.markdown(t("ex_scaling_result", lang, s=text_num(scales[-1]), r=", ".join(fmt(right, 4).tolist()),
                  w0=text_num(wrong[0], 4), w=text_num(wrong[-1], 4), g=f"{wrong[-1] / wrong[0]:,.0f}"))  # fmt: skip
    cols = [t("ex_col_sample", lang), "x × s", t("ex_col_p", lang), "‖δ¹‖", "‖x‖", "‖∂J/∂W¹‖ = ‖δ¹‖·‖x‖", "‖∂J/∂W²‖"]
    rows = []
    for c in labels:
        r = res[c]
        for k, sc in enumerate(scales):
            vals = (r["p_target"][k], r["delta1_norm"][k], r["x_norm"][k], r["norms"][k, 0], r["norms"][k, 1])
            rows.append([labels[c], text_num(sc)] + fmt(vals, 4).tolist())  # 4 significant digits
    st.dataframe(pd.DataFrame(rows, columns=cols), hide_index=True, width="stretch")
    case = st.segmented_control(t("ex_case_open", lang), list(labels), default="right", key="ex_case",
                                format_func=labels.get) or "right"  # fmt: skip
    config = ex.scaling_config(scales[-1], case)
elif name == "vanishing":
    res = ex.vanishing()
    L = len(res["sigmoid"]["norms"])
    norms = {t("act_" + a, lang): res[a]["norms"] for a in res}
    st.plotly_chart(lines_chart(range(1, L + 1), norms, t("ex_layer", lang), t("ex_grad_norm", lang), log=True),
                    key="ex_chart", **plot)  # fmt: skip
    c1, c2 = st.columns(2)
    for col, act in ((c1, "sigmoid"), (c2, "relu")):
        col.plotly_chart(heatmap_chart(res[act]["gprime"], t("mx_layer", lang), t("cr_neuron_index", lang),
                                       f"{t('act_' + act, lang)}: {t('ex_saturation', lang)}"), key=f"ex_heat_{act}",
                         **plot)  # fmt: skip
    st.caption(t("ex_dead", lang, d=("、" if lang == "zh" else ", ").join(str(k) for k in res["relu"]["dead"])))
    config = ex.deep_config("sigmoid")
elif name == "loss":
    res = ex.loss_switch()
    outs = [f"a{sub(k + 1)}" for k in range(len(res["mse"]["delta"]))]
    st.plotly_chart(bars_chart(outs, {t("ex_bar_mse", lang): res["mse"]["delta"], t("ex_bar_ce", lang):
                                      res["bce"]["delta"]}, "δᴸ", xtitle=t("ex_output", lang)), key="ex_chart",
                    **plot)  # fmt: skip
    cols = {"a": res["mse"]["a"], "y": res["mse"]["y"], "σ′(z)": res["mse"]["gprime"],
            t("ex_col_mse", lang): res["mse"]["delta"], t("ex_col_ce", lang): res["bce"]["delta"]}  # fmt: skip
    st.table(pd.DataFrame({k: fmt(v, 4) for k, v in cols.items()}, index=pd.Index(outs, name=t("ex_output", lang))))
    config = ex.loss_switch_config("mse")
else:
    lr = st.select_slider(t("ex_lr", lang), [0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0], value=0.3, key="ex_lr")
    res = ex.divergence(lr)
    hist = np.array(res["history"], float)
    finite = np.where(np.isfinite(hist), hist, np.nan)
    marks = None
    if res["diverged_at"] is not None:  # engine.training.divergence_step's rule, as on the training page
        k, bad = res["diverged_at"], res["overflow_at"]
        parts = []
        if bad != k:  # it grew past the limit first
            parts.append(t("ex_div", lang, k=k, J0=text_num(hist[0]), J=text_num(res["largest_cost"])))
        if bad is not None:
            last = float(np.nanmax(finite)) if np.isfinite(finite).any() else 1.0
            marks = {"name": "inf / NaN", "x": [bad], "y": [last]}
            parts.append(t("ex_diverged", lang, k=bad, J=text_num(hist[bad]), w=text_num(res["largest_weight"], 3)))
        else:
            parts.append(t("ex_div_lower", lang))
        st.error(t("sentence_gap", lang).join(parts))
    else:
        st.success(t("ex_converged", lang, J=text_num(hist[-1])))
    st.plotly_chart(lines_chart(range(len(hist)), {t("cost", lang): finite}, t("ex_step", lang), "J", log=True,
                                marks=marks), key="ex_chart", **plot)  # fmt: skip
    config = ex.divergence_config()

c1, c2 = st.columns([1, 2])
if c1.button(t("ex_open", lang), key="ex_open"):
    state.load(from_dict(config))
    st.switch_page("lessons/explorer.py")
c2.caption(t("ex_share", lang))
c2.code(f"{base_url()}?exp={name}" + ("&lang=zh" if lang == "zh" else ""), language=None)  # this page's own URL
