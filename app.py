"""Backprop Explorer: streamlit run app.py"""

import gc

import streamlit as st

import engine  # noqa: F401  (heavy imports first, so the gc.freeze below covers them)
import viz.animation  # noqa: F401
from ui import state
from ui.i18n import t
from ui.sidebar import sidebar

# Streamlit collects garbage after every rerun; freezing the long-lived objects of the imports above
# takes them out of that work (measured in bench/ui_latency.py).
gc.freeze()

st.set_page_config(page_title="Backprop Explorer", page_icon=":material/hub:", layout="wide")
state.init_session()
lang = state.lang()

# The lessons live in lessons/, not pages/: Streamlit wraps an app that has a pages/ folder in a second,
# automatic navigation (all of AppTest's runs, a server's first run), which drops the shared sidebar.
PAGES = [
    st.Page(
        "lessons/explorer.py", title=t("page_explorer", lang), icon=":material/hub:", default=True, url_path="explorer"
    ),
    st.Page("lessons/chain_rule.py", title=t("page_chain_rule", lang), icon=":material/link:", url_path="chain_rule"),
    st.Page("lessons/matrices.py", title=t("page_matrices", lang), icon=":material/grid_on:", url_path="matrices"),
    st.Page(
        "lessons/gradient_check.py",
        title=t("page_gradient_check", lang),
        icon=":material/fact_check:",
        url_path="gradient_check",
    ),
    st.Page("lessons/batches.py", title=t("page_batches", lang), icon=":material/stacks:", url_path="batches"),
    st.Page(
        "lessons/experiments.py", title=t("page_experiments", lang), icon=":material/science:", url_path="experiments"
    ),
]
sidebar()
page = st.navigation(PAGES)
page.run()
