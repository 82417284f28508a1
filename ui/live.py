"""Keeping the explorer's chart live while the sidebar's data fragment reruns alone.

The builder's data panel (x, y, m, the sample shown, lambda) and the save panel are one st.fragment
(ui/sidebar.py): moving a data slider reruns only them, not the whole app, whose full rerun costs
~100 ms of server work and as much again of re-rendering the ~40 sidebar widgets in the browser.
When the page on screen shows nothing network-dependent but the explorer's animated chart, the
fragment hands that chart its new figure through a hidden bridge element (ui/plotly_component.py);
otherwise it asks for a full rerun, so every page always shows the current network.
"""

from __future__ import annotations

import streamlit as st

from ui import plotly_component as chart
from ui import state
from ui.compute import current_pass
from viz.animation import animated_figure_dict, animation_frames
from viz.network_figure import View

EXPLORER_CHART = "network"


def explorer_view() -> View:
    """The explorer's figure settings, from its widgets' values (their defaults before they exist)."""
    ss = st.session_state
    return View(sample=ss.sample, nodes=ss.get("nodes") or "a", edges=ss.get("edges") or "dW",
                notation=state.notation(), lang=state.lang(), frame_ms=ss.get("frame_ms", 500),
                digits=ss.get("digits", 3), large=ss.get("large", False), scale=ss.get("scale") or "log",
                edge_labels=bool(ss.get("edge_labels")))  # fmt: skip


def start_full_run() -> None:
    """At the top of every full run: no page has claimed a live chart yet."""
    ss = st.session_state
    ss._full_run = True
    ss._live_chart = None


def end_full_run() -> None:
    st.session_state._full_run = False


def claim(key: str) -> None:
    """Called by a page whose only network-dependent content is this live chart."""
    if chart.plotly_served():  # an st.plotly_chart fallback is only redrawn by a full rerun
        st.session_state._live_chart = key


def snapshot() -> tuple:
    """What the builder fragment can change: compare before and after it runs."""
    ss = st.session_state
    return ss.config, ss.sample


def after_builder(before: tuple) -> None:
    """End of the builder fragment: update the live chart, or rerun the app if more than it must change."""
    ss = st.session_state
    if ss.get("_full_run", True):
        chart.push_figure(None)
        return
    if ss.flash:
        st.rerun()  # a message waits (a file that could not be opened): the page shows it
    if snapshot() == before:
        chart.push_figure(None)
        return
    if ss.get("_live_chart") != EXPLORER_CHART:
        st.rerun()  # another page, or the step view: everything on it follows the new network
    result, view = current_pass(), explorer_view()
    fig = animated_figure_dict(result, view, with_frames=False)
    chart.push_figure(EXPLORER_CHART, fig, lambda: animation_frames(result, view))
