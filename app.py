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

st.set_page_config(page_title="Backprop Explorer", page_icon="🧠", layout="wide")
state.init_session()
lang = state.lang()

# The lessons live in lessons/, not pages/: Streamlit wraps an app that has a pages/ folder in a second,
# automatic navigation (all of AppTest's runs, a server's first run), which drops the shared sidebar.
PAGES = [
    st.Page("lessons/explorer.py", title=t("page_explorer", lang), icon="🔁", default=True, url_path="explorer"),
]
sidebar()
page = st.navigation(PAGES)
page.run()
