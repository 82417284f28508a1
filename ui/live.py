"""Keeping the explorer's chart live while the sidebar's data fragment reruns alone.

The builder's data panel (x, y, m, the sample shown, lambda) and the save panel are one st.fragment
(ui/sidebar.py): moving a data slider reruns only them, not the whole app, whose full rerun costs
~100 ms of server work and as much again of re-rendering the ~40 sidebar widgets in the browser.
When the page on screen shows nothing network-dependent but the explorer's animated chart, the
fragment hands that chart its new figure through a hidden bridge element (ui/plotly_component.py);
otherwise it asks for a full rerun, so every page always shows the current network.

A full run (a structure slider, a toggle) pushes the figure the same way, from the sidebar, when the run
before it drew the explorer's chart on the same page: the browser draws it while the server still builds
the page, whose own chart element then carries the same rev and is not drawn again. The figure is built
once per network and view (explorer_figure), for the push and the page alike.

A slider's picture usually arrives before either (ui/preview.py): the figure carries its network's link for
that, and the push of the same picture (the same rev) is then not drawn again.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui import compose, controls, state
from ui import plotly_component as chart
from ui.compute import config_digest, current_pass
from ui.preview import explorer_picture, picture_rev
from viz.animation import animation_frames
from viz.hover import overflow_note
from viz.network_figure import View
from viz.notation import Notation
from viz.theme import DRAW_MAX_EDGES, EDGE_LABEL_MAX_EDGES

EXPLORER_CHART = "network"
BRIDGE_STRUCTURE = chart.BRIDGE_KEY + "_structure"  # the structure fragment's own bridge elements


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
    """At the end of every full run, also an interrupted one: what it drew, for the next run's early push."""
    ss = st.session_state
    ss._full_run = False
    ss._drawn_before = (_page(), ss.get("_live_chart"))
    ss.pop("_explorer_fig", None)  # ~0.5 MB of objects on the default net, for every session: not kept


def _page() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else None


def explorer_figure(result, view: View) -> tuple[dict, str]:
    """The explorer's animated figure without its frames, and its rev: built once per network and view.

    rev names the picture (the config's digest and the view), so the browser skips a figure it has drawn."""
    ss = st.session_state
    key = (config_digest(), view)
    memo = ss.get("_explorer_fig")
    if memo is None or memo["key"] != key:
        fig = explorer_picture(ss.config, result, view)
        memo = ss._explorer_fig = {"key": key, "rev": picture_rev(*key), "fig": fig}
    return memo["fig"], memo["rev"]


def explorer_frames(result, view: View) -> list[dict]:
    """The frames of explorer_figure(result, view): built once, by whichever asks first."""
    explorer_figure(result, view)
    memo = st.session_state._explorer_fig
    if "frames" not in memo:
        memo["frames"] = animation_frames(result, view)
    return memo["frames"]


def explorer_chart_figure(result, view: View) -> tuple[dict, str]:
    """What the explorer page draws: explorer_figure with its frames, and its rev. A figure the sidebar pushed
    in this run is not built again; the memo is let go at the end of the run (end_full_run)."""
    fig, rev = explorer_figure(result, view)
    return {**fig, "frames": explorer_frames(result, view)}, rev


def _push_explorer(bridge: str = chart.BRIDGE_KEY) -> None:
    result, view = current_pass(), explorer_view()
    fig, rev = explorer_figure(result, view)
    chart.push_figure(EXPLORER_CHART, fig, lambda: explorer_frames(result, view), rev=rev, key=bridge)
    if not st.session_state.get("_full_run", True):
        del st.session_state._explorer_fig  # the page does not run: nothing to keep it for


def _push_if_live(bridge: str = chart.BRIDGE_KEY) -> bool:
    """A fragment run that changed nothing pushes the explorer's picture again while it is live: the browser does
    not draw it again (the same rev), but its frames attach if they never did (a preview's picture, whose run came
    first; a run interrupted between the picture and its frames; frames overtaken by this run's own elements
    before the browser rendered them). Such runs are rare: a value the server already had is not sent."""
    if st.session_state.get("_live_chart") != EXPLORER_CHART:
        return False
    _push_explorer(bridge)
    return True


def _explorer_follows() -> bool:
    """Whether this full run will draw the explorer's chart: the run before drew it, on this page, in the
    animation view (a guess; pushed to a chart the page then replaces, a figure only costs a redraw)."""
    ss = st.session_state
    page, drawn = ss.get("_drawn_before", (None, None))
    return drawn == EXPLORER_CHART and page == _page() and (ss.get("view") or "animation") == "animation"


def claim(key: str) -> None:
    """Called by a page whose only network-dependent content is this live chart."""
    if chart.plotly_served():  # an st.plotly_chart fallback is only redrawn by a full rerun
        st.session_state._live_chart = key


def snapshot() -> tuple:
    """What the builder fragment can change: compare before and after it runs (the network, the sample shown,
    and what the explorer page shows of them besides its chart)."""
    ss = st.session_state
    return ss.config, ss.sample, _page_facts(current_pass())


def _page_facts(result) -> tuple:
    """What the explorer page shows of a network besides its chart: the edge-number toggle and the notes on a
    big net's edges (by its number of edges), and the overflow warning."""
    n = sum(rec.W.size for rec in result.layers)
    note = overflow_note(result, Notation(state.notation()), state.lang())
    return n > EDGE_LABEL_MAX_EDGES, n > 1000, n > DRAW_MAX_EDGES, note


def after_structure(cfg, widths: list[int], acts: list[str], loss: str, init: dict) -> None:
    """End of the structure fragment's own run (a width, a layer count, an activation, the loss, the init
    changed): the explorer's chart takes the new network through the bridge at once. A full run follows when
    more on screen depends on the change (the inputs, outputs or loss: the data panel; a note on the page that
    comes or goes); the weight editors open, another page or view: a full run alone, as before.

    The network is the one the full run composes: the same widths and init, the weights reconciled and the
    data fitted the same way (ui/compose.py: restructured); stored before the full run, which
    then composes it again unchanged (its chart element, with the same rev, is not drawn again)."""
    ss = st.session_state
    if (widths, acts, loss, init) == compose.structure_of(cfg):
        _push_if_live(BRIDGE_STRUCTURE)
        return
    if ss.get("edit_weights") or ss.get("_live_chart") != EXPLORER_CHART:
        st.rerun()
    io_same = widths[0] == cfg.layers[0] and widths[-1] == cfg.layers[-1] and loss == cfg.loss
    fields, redrawn = compose.restructured(cfg, widths, acts, loss, init)
    new = controls.compose(fields)
    if new is None:
        st.rerun()  # the full run says why, where it always does
    facts = _page_facts(current_pass())
    state.set_config(new, weights_changed=redrawn)  # the weight editors start again, as after a full run's draw
    _push_explorer(BRIDGE_STRUCTURE)  # the picture first
    if not io_same or _page_facts(current_pass()) != facts:
        st.rerun()  # then the rest of the page
    state.sync_address()


def after_builder(before: tuple) -> None:
    """End of the builder fragment: update the live chart, or rerun the app if more than it must change."""
    ss = st.session_state
    if ss.get("_full_run", True):
        if _explorer_follows() and chart.plotly_served():
            _push_explorer()  # drawn while the page is built
        else:
            chart.push_figure(None)
        return
    if ss.flash:
        st.rerun()  # a message waits (a file that could not be opened): the page shows it
    now = snapshot()
    if now[:2] == before[:2]:
        if not _push_if_live():
            chart.push_figure(None)
        return
    if ss.get("_live_chart") != EXPLORER_CHART or now[2] != before[2]:
        st.rerun()  # another page, the step view, a note that comes or goes: everything follows the new network
    _push_explorer()
