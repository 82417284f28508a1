"""One run of the app (app.py runs it): the sidebar, then the page the address names."""

import gc
import os
import sys

import streamlit as st

import engine  # noqa: F401  (heavy imports first, so the gc.freeze below covers them)
import viz.animation  # noqa: F401
from texts import t
from ui import lesson, live, state
from ui.sidebar import sidebar


@st.cache_resource(show_spinner=False)
def _frozen() -> list[int]:
    """How many modules were imported when gc.freeze() last ran (one count per process, not per session)."""
    return [0]


def freeze_imports() -> None:
    """Take the imports' long-lived objects out of garbage collection (gc.freeze): a full collection over them
    costs ~150 ms (bench/ui_latency.py, bench/class_load.py). Only when modules were imported since the last
    freeze (the first runs, a page's first visit): a freeze also keeps whatever the sessions hold at that
    moment for good, so freezing on every run kept ~0.7 MB of every session that ever ran (+25 MB a class of
    40, class after class). Closed sessions are collected by the interpreter's own generational collection
    (.streamlit/config.toml: runner.postScriptGC = false, no full collection after every run)."""
    seen = _frozen()
    if len(sys.modules) != seen[0] and not os.environ.get("BPX_NO_GC_FREEZE"):  # bench/soak.py compares
        gc.freeze()
        seen[0] = len(sys.modules)


# Paths are the main script's (app.py). The lessons live in lessons/, not pages/: Streamlit wraps an app that
# has a pages/ folder in a second, automatic navigation (all of AppTest's runs, a server's first run), which
# drops the shared sidebar.
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


def run() -> None:
    """One run of the app: the sidebar, then the page the address names."""
    freeze_imports()
    st.set_page_config(page_title="Backprop Explorer", page_icon=":material/hub:", layout="wide",
                       initial_sidebar_state="collapsed" if state.presenting() else "auto")  # fmt: skip
    state.init_session()
    lang = state.lang()
    lesson.open_from_address(lang)  # ?lesson=: a teacher's sequence of steps, ready to play

    pages = [
        st.Page(f"lessons/{name}.py", title=t(f"page_{name}", lang), icon=icon, url_path=name, default=k == 0)
        for k, (name, icon) in enumerate(LESSONS)
    ]
    live.start_full_run()
    try:
        sidebar()
        page = st.navigation(pages)
        state.show_flash()  # a bad link or file says so on the page it was opened on
        lesson.bar(lang)  # while a lesson plays: its step, note, Previous / Next
        page.run()
        state.sync_address()
    finally:  # also when a newer run interrupts this one
        live.end_full_run()
        freeze_imports()  # a page's first visit imports its modules
