"""Gradient check: backprop against centred differences for every parameter, with a bug to plant."""

import numpy as np
import pandas as pd
import streamlit as st

from engine.budget import work
from engine.gradcheck import EPS_MACH, SAFETY, gradcheck
from engine.network import config_params
from texts import t
from ui import state
from viz.charts import gradcheck_chart
from viz.hover import fmt, text_num

LIMIT = 5000  # parameters checked in full; a bigger net checks a seeded random sample of this many
MAX_SAMPLES = 64  # the check compares two gradients of the same J, so a subset of the samples serves
WORK_BUDGET = 1e9  # multiply-adds for all the perturbed passes (~1 s here): the widest nets check fewer
ss = st.session_state
lang = state.lang()
cfg = ss.config
L = cfg.n_weight_layers


def sci(v: float) -> str:
    """A step as the formatter writes it: 1e−5."""
    return text_num(v, 1)


st.markdown(f"### {t('page_gradient_check', lang)}")
st.caption(t("gc_intro", lang))
c1, c2 = st.columns(2)
eps = c1.select_slider(t("gc_eps", lang), [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8], value=1e-5, key="gc_eps",
                       format_func=sci)  # fmt: skip
bugs = [0] + list(range(1, L + 1))
bug = c2.selectbox(t("gc_bug", lang), bugs, key="gc_bug",
                   format_func=lambda k: t("gc_no_bug", lang) if k == 0 else t("gc_drop", lang, n=k))  # fmt: skip
n_params = sum(a * b + a for a, b in zip(cfg.layers[1:], cfg.layers[:-1]))
# each checked parameter costs two passes over the samples used (at most a whole pass each)
per_param = 2 * work(cfg.layers, min(cfg.m, MAX_SAMPLES)).multiply_adds
limit = int(max(L, min(LIMIT, WORK_BUDGET // per_param)))  # at least one parameter a layer
bar = st.progress(0.0, text=t("gc_running", lang, n=min(n_params, limit))) if n_params > 2000 else None
progress = (lambda f: bar.progress(f)) if bar else None
x, y = np.array(cfg.x[:MAX_SAMPLES]), np.array(cfg.y[:MAX_SAMPLES])
if cfg.m > MAX_SAMPLES:
    st.caption(t("gc_few_samples", lang, n=MAX_SAMPLES, m=cfg.m))
params = config_params(cfg)
rep = gradcheck(params, cfg.activations, cfg.loss, cfg.l2, x, y, eps=eps,
                skip_gprime=bug or None, on_progress=progress, limit=limit)  # fmt: skip
if bar:
    bar.empty()
if rep.n_checked < rep.n_params:
    st.caption(t("gc_sampled", lang, n=rep.n_checked, total=rep.n_params))

# the verdict: |a - n| <= atol + rtol |n| for every parameter judged (engine/gradcheck.py)
judged = rep.n_checked - rep.n_kinked
if rep.passed:
    st.success(t("gc_correct", lang, n=judged, eps=sci(eps)))
elif not rep.finite:  # a check through inf or NaN verifies nothing
    st.error(t("gc_nonfinite", lang))
else:
    layers = ("、" if lang == "zh" else ", ").join(str(l) for l in rep.wrong_layers)
    st.error(t("gc_wrong", lang, layers=layers, k=rep.n_wrong, n=judged, eps=sci(eps)))
if bug and not rep.bug_changed:  # the dropped factor is 1 wherever it enters, or not there at all
    cancel = bug == L and cfg.loss in ("bce", "cross_entropy")
    st.info(t("gc_bug_noop_output" if cancel else "gc_bug_noop", lang, n=bug))
elif bug and rep.passed:
    st.warning(t("gc_bug_hidden", lang, n=bug, eps=sci(eps)))
if rep.n_settled:
    st.caption(t("gc_settled", lang, k=rep.n_settled, eps=sci(eps), e2=sci(rep.recheck_eps)))
if rep.n_kinked:
    st.caption(t("gc_kinked", lang, k=rep.n_kinked, eps=sci(eps)))
st.info(t("gc_rule", lang, rtol=sci(rep.rtol), atol=text_num(rep.atol, 3), S=text_num(rep.scale, 3),
          safety=text_num(SAFETY), u=text_num(EPS_MACH, 2), eps=sci(eps), rel=text_num(rep.max_error, 3)))  # fmt: skip

st.plotly_chart(gradcheck_chart(rep, lang), key="gc_chart", theme=None, config={"displayModeBar": False})
mark = {True: "✓", False: "✗"}
cols = [t(k, lang) for k in ("gc_param", "gc_analytic", "gc_numeric", "gc_abs", "gc_allowed", "gc_rel", "gc_ok")]
rows = []
for c in rep.checks:
    ok, kinked = c.agrees.ravel(), c.kinked.ravel() if c.kinked is not None else np.zeros(c.numeric.size, bool)
    settled = c.settled.ravel() if c.settled is not None else np.zeros(c.numeric.size, bool)
    cells = zip(c.analytic.ravel(), c.numeric.ravel(), c.abs_error.ravel(), c.allowed.ravel(), c.rel_error.ravel())
    for k, (idx, vals) in enumerate(zip(np.ndindex(c.analytic.shape), cells)):
        if np.isnan(vals[1]) or len(rows) >= LIMIT:
            continue
        name = f"{c.kind}{c.layer}[{','.join(str(v + 1) for v in idx)}]"
        again = f" (ε = {sci(rep.recheck_eps)})" if settled[k] else ""
        verdict = t("gc_kink", lang) if kinked[k] else mark[bool(ok[k])] + again
        rows.append(dict(zip(cols, (name, *fmt(vals, 4), verdict))))  # 4 significant digits: they span decades
st.dataframe(pd.DataFrame(rows, columns=cols), hide_index=True, width="stretch", height=320)
st.info(t("gc_why", lang))
