"""Backprop Explorer: streamlit run app.py"""

import gc
import os

import streamlit as st

import engine  # noqa: F401  (heavy imports first, so the gc.freeze below covers them)
import viz.animation  # noqa: F401
from texts import t
from ui import lesson, live, state
from ui.sidebar import sidebar

# Streamlit collects garbage after every rerun; freezing the long-lived objects of the imports above
# takes them out of that work (measured in bench/ui_latency.py).
if not os.environ.get("BPX_NO_GC_FREEZE"):  # bench/soak.py compares with and without
    gc.freeze()

st.set_page_config(page_title="Backprop Explorer", page_icon=":material/hub:", layout="wide",
                   initial_sidebar_state="collapsed" if state.presenting() else "auto")  # fmt: skip
state.init_session()
lang = state.lang()
lesson.open_from_address(lang)  # ?lesson=: a teacher's sequence of steps, ready to play

# The lessons live in lessons/, not pages/: Streamlit wraps an app that has a pages/ folder in a second,
# automatic navigation (all of AppTest's runs, a server's first run), which drops the shared sidebar.
LESSONS = [  # (file and url path, icon); the explorer first and default
    ("explorer", ":material/hub:"),
    ("chain_rule", ":material/link:"),
    ("matrices", ":material/grid_on:"),
    ("gradient_check", ":material/fact_check:"),
    ("batches", ":material/stacks:"),
    ("training", ":material/trending_down:"),
    ("data", ":material/scatter_plot:"),
    ("experiments", ":material/science:"),
    ("classroom", ":material/school:"),
]
PAGES = [
    st.Page(f"lessons/{name}.py", title=t(f"page_{name}", lang), icon=icon, url_path=name, default=k == 0)
    for k, (name, icon) in enumerate(LESSONS)
]
live.start_full_run()
try:
    sidebar()
    page = st.navigation(PAGES)
    state.show_flash()  # a bad link or file says so on the page it was opened on
    lesson.bar(lang)  # while a lesson plays: its step, note, Previous / Next
    page.run()
    state.sync_address()
finally:  # also when a newer run interrupts this one
    live.end_full_run()
