"""The shared sidebar: language, notation, presets, the network builder, weights, save and share."""

from __future__ import annotations

import streamlit as st

from engine.presets import PRESETS, preset
from texts import LANGS, t
from ui import compose, controls, editors, live, state
from ui.plotly_component import BRIDGE_KEY
from viz.notation import Notation

# Less empty space above the title, so the network fits a 1280x800 screen (and a projector) at once;
# the builder's bridge to the chart is not something to look at. Phones and tablets: see the rules' comments.
PAGE_CSS = f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 2.2rem !important; }}
[class*="st-key-{BRIDGE_KEY}"] {{ display: none !important; }}
/* phones and tablets (the sidebar collapsed): the page's title clear of Streamlit's header bar, and formulas a
   little smaller, so more of them fit the width; a wider one still scrolls inside its own box */
@media (max-width: 768px) {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.9rem !important; }}
  [data-testid="stMain"] .katex {{ font-size: 1.1em; }}
}}
/* a segmented control in a narrow column wraps its options rather than hiding the last one in a scroll box */
@media (max-width: 1024px) {{ [data-testid="stButtonGroup"] div:has(> button) {{ flex-wrap: wrap; row-gap: 4px; }} }}
</style>"""
# Presentation mode: everything a class reads from the back row grows, not only the figure.
PRESENTATION_CSS = """<style>
[data-testid="stMain"] p, [data-testid="stMain"] label, [data-testid="stMain"] button { font-size: 1.3rem !important; }
[data-testid="stMain"] .katex { font-size: 1.45em !important; }
[data-testid="stMain"] h3 { font-size: 2.1rem !important; }
[data-testid="stMainBlockContainer"] { padding-top: 3.4rem !important; }
[data-testid="stMain"] [data-testid="stSliderThumbValue"], [data-testid="stMain"] [data-testid="stSliderThumbValue"] p {
  font-size: 1rem !important; }
</style>"""


def _load_preset() -> None:
    name = st.session_state.preset_pick
    if name in PRESETS:
        state.load(preset(name))


def preset_picker(lang: str) -> None:
    """The preset picker; custom once the network is no longer the preset it named (ui.state.set_config).

    An edit in the builder's data fragment says so at the next full run: changing the picker's value from
    inside the fragment remounts the sidebar's data sliders under the student's hand (key presses lost).
    """
    ss = st.session_state
    if ss.pop("_preset_stale", False):
        ss.preset_pick = "custom"
    names = list(PRESETS) + ["custom"]
    if ss.get("preset_pick") not in names:
        ss.preset_pick = "ng_3443"
    st.selectbox(t("preset", lang), names, format_func=lambda n: t("preset_" + n, lang), key="preset_pick",
                 on_change=_load_preset)  # fmt: skip
    state.keep("preset_pick", ss.preset_pick)


def sidebar() -> None:
    """Draw the sidebar and store the (possibly) edited network in session state."""
    ss = st.session_state
    st.html(PAGE_CSS)
    with st.sidebar:
        for k in ("lang", "notation", "large", "preset_pick", "edit_weights"):
            state.restore(k)
        c1, c2 = st.columns(2)
        lang = c1.selectbox(t("language", state.lang()), list(LANGS), format_func=LANGS.get, key="lang")
        c2.selectbox(t("notation", lang), ["lee", "ng"], format_func=lambda n: t("notation_" + n, lang),
                     key="notation")  # fmt: skip
        st.toggle(t("presentation", lang), key="large")
        if ss.get("large"):
            st.html(PRESENTATION_CSS)
        preset_box = st.container()  # the picker, drawn once the builder has composed the network (below)
        for k in ("lang", "notation", "large"):
            state.keep(k, ss[k])
        if state.hides("builder"):  # projected: the network as it is, no builder to read
            with preset_box:
                preset_picker(lang)
            return
        cfg = state.config()
        structure_box, data_box, init_box = st.container(), st.container(), st.container()  # filled by fragments
        widths, acts, loss, init = structure(structure_box, init_box, lang)
        W, b, redrawn = compose.reconcile_weights(cfg, widths, init)
        if redrawn:  # the editors must show the new draw: they start again at a new revision
            ss.weights_rev += 1
        # a toggle rather than an expander: closed editors are then not built (and sent) on every change
        editing = st.toggle(t("edit_weights", lang), key="edit_weights")
        state.keep("edit_weights", editing)
        if editing:
            W, b = editors.weight_editor(W, b, Notation(state.notation()), lang)
        share_box = st.container()
        builder(data_box, share_box, (widths, acts, loss, init, W, b), ss.builder_rev)
        with preset_box:  # after the builder: an edit in this run already shows as custom
            preset_picker(lang)


@st.fragment
def structure(structure_box, init_box, lang: str) -> tuple[list[int], list[str], str, dict]:
    """The structure and init widgets: widths, activations, loss and the init spec. Rerun alone when one of them
    changes (a width, a layer count, an activation, a seed, New weights): the explorer's chart then takes the
    new network at once (ui/live.py: after_structure), as a data slider's change does."""
    cfg = state.config()
    with structure_box, st.expander(t("structure", lang), expanded=True):
        widths, acts, loss = controls.structure(cfg, lang, Notation(state.notation()))
    with init_box, st.expander(t("init", lang), expanded=False):
        init = controls.init_controls(cfg, lang)
    if not st.session_state.get("_full_run", True):
        live.after_structure(cfg, widths, acts, loss, init)
    return widths, acts, loss, init


@st.fragment
def builder(data_box, share_box, rest: tuple, rev: int) -> None:
    """The data (x, y, m, lambda) and the save panel, rerun alone when a data widget changes.

    Everything else in `rest` (structure, init, weights) is what the last full run composed; the structure
    fragment may have changed it since, and then the network in session state holds the current values
    (a fragment rerun reuses the arguments of the last full run). x and y are read from their widgets.
    A fragment rerun sends 8 elements to the browser (the sample's x and y sliders are one element, the
    save panel is built only while open) instead of the whole page's ~75.
    """
    if st.session_state.builder_rev != rev:  # a file was opened (upload callback): rebuild everything from it
        st.rerun()
    widths, acts, loss, init, W, b = rest
    lang = state.lang()
    cfg = state.config()
    now = compose.structure_of(cfg)
    if (widths, acts, loss, init) != now and not st.session_state.get("_full_run", True):
        # the structure fragment changed the network since the full run that passed rest: the network's own
        widths, acts, loss, init = now
        W, b = [[list(r) for r in w] for w in cfg.weights], [list(v) for v in cfg.biases]
    before = live.snapshot()
    with data_box:
        with st.expander(t("data", lang), expanded=True):
            x, y, l2 = controls.data(cfg, widths, loss, lang)
        new = controls.compose({"layers": widths, "activations": acts, "loss": loss, "weights": W, "biases": b,
                                "x": x, "y": y, "l2": l2, "init": init})  # fmt: skip
    if new is not None and new != cfg:
        state.set_config(new)
    with share_box:
        live.after_builder(before)  # the picture first: the browser draws it while the rest arrives
        # built only while open: closed, it costs a data change nothing (~5 fewer elements to redraw)
        # (a new label, after a language switch, is a new expander: it opens as it was)
        panel = st.expander(t("save_share", lang), expanded=st.session_state.get("_share_open", False),
                            key="share_open", on_change="rerun")  # fmt: skip
        state.keep("share_open", panel.open)
        if panel.open:
            with panel:
                editors.share_panel(state.config(), lang)
        if not st.session_state.get("_full_run", True):  # a full run syncs once, at its end (app.py)
            state.sync_address()  # a data edit changes the network: the address follows
