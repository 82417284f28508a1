"""Choosing the data: a toy set in the plane, a bundled real data set, or the user's CSV file.

The data lives in session state (`data`, an engine.datasets.Dataset) beside the network; using it
fits the network's input and output layers to it (the hidden layers stay) and makes its training split
the network's samples, so every page (explorer, gradient check, batches) works on it.
"""

from __future__ import annotations

import streamlit as st

from engine.csvdata import MAX_BYTES, csv_columns, dataset_from_csv
from engine.datasets import BUNDLED, TOY, DataError, Dataset, fit_config, make
from texts import STRINGS, t
from ui import state
from ui.compose import pair_label

SOURCES = ("toy", "real", "csv")
TASKS = ("auto", "classification", "regression")


def data_error(e: DataError, lang: str) -> str:
    """A data error in the page's language (the engine's English where a translation is missing)."""
    key = f"data_err_{e.key}"
    if lang != "en" and key in STRINGS:
        try:
            return t(key, lang, **e.fields)
        except (KeyError, IndexError, ValueError):
            pass
    return str(e)


def name_of(ds: Dataset, lang: str) -> str:
    """The data set's name in lang; an uploaded file's own name."""
    return ds.source if ds.name == "csv" and ds.source else t(f"ds_{ds.name}", lang)


def describe(ds: Dataset, lang: str) -> str:
    scaled = t("dt_scaled", lang) if ds.scaling is not None else ""
    return t("dt_current", lang, name=name_of(ds, lang), n_train=ds.n_train, n_test=ds.n_test, d=ds.n_in,
             task=t(f"ds_task_{ds.task}", lang), scaled=scaled)  # fmt: skip


def use(ds: Dataset, lang: str) -> None:
    """Make ds the session's data and fit the network to it (a message says what changed); on a problem the
    message says why and nothing changes."""
    ss = st.session_state
    try:
        cfg, changes = fit_config(ss.config, ds)
    except DataError as e:
        state.flash("error", t("dt_bad_csv", lang, err=data_error(e, lang)))
        return
    ss.data = ds
    ss.dt_run = None  # a new run starts from the network's initial weights
    ss.dt_running = False
    state.load(cfg)
    parts = []
    for what, old, new in changes:
        if what == "output":
            old, new = pair_label(old, lang), pair_label(new, lang)
        parts.append(t(f"dt_ch_{what}", lang, old=old, new=new))
    name = name_of(ds, lang)
    msg = t("dt_changed", lang, name=name, changes=t("dt_list_sep", lang).join(parts)) if parts else None
    state.flash("success", msg or t("dt_unchanged", lang, name=name))


def choose(lang: str) -> None:
    """The data widgets and the button that uses their choice."""
    src = st.segmented_control(t("dt_source", lang), SOURCES, default="toy", key="dt_src",
                               format_func=lambda s: t(f"dt_src_{s}", lang)) or "toy"  # fmt: skip
    if src == "toy":
        c1, c2, c3, c4, c5 = st.columns([3, 2, 2, 1, 2])
        name = c1.selectbox(t("dt_dataset", lang), TOY, key="dt_toy", format_func=lambda n: t(f"ds_{n}", lang))
        n = c2.select_slider(t("dt_n", lang), [50, 100, 200, 300, 500, 1000, 2000], value=300, key="dt_toy_n")
        noise = c3.select_slider(t("dt_noise", lang), [0.0, 0.05, 0.1, 0.2, 0.3, 0.5], value=0.1, key="dt_noise")
        seed = c4.number_input(t("dt_seed", lang), 0, 9999, 0, key="dt_seed")
        test = c5.select_slider(t("dt_test", lang), [0.1, 0.2, 0.3, 0.5], value=0.2, key="dt_test",
                                format_func=lambda f: f"{f:.0%}")  # fmt: skip
        recipe = {"name": name, "n": n, "noise": noise, "seed": int(seed), "test_fraction": test}
        if st.button(t("dt_use", lang), key="dt_use_toy", type="primary"):
            _use_recipe(recipe, lang)
    elif src == "real":
        c1, c2, c3 = st.columns([3, 2, 2])
        name = c1.selectbox(t("dt_dataset", lang), BUNDLED, key="dt_real", format_func=lambda n: t(f"ds_{n}", lang))
        test = c2.select_slider(t("dt_test", lang), [0.1, 0.2, 0.3, 0.5], value=0.2, key="dt_real_test",
                                format_func=lambda f: f"{f:.0%}")  # fmt: skip
        std = c3.toggle(t("dt_standardize", lang), value=name == "wine", key=f"dt_std_{name}",
                        help=t("dt_standardize_help", lang))  # fmt: skip
        recipe = {"name": name, "test_fraction": test, "standardize": std}
        if st.button(t("dt_use", lang), key="dt_use_real", type="primary"):
            _use_recipe(recipe, lang)
    else:
        _csv(lang)


def _use_recipe(recipe: dict, lang: str) -> None:
    try:
        ds = make(**recipe)
    except DataError as e:
        state.flash("error", t("dt_bad_csv", lang, err=data_error(e, lang)))
    else:
        use(ds, lang)
    st.rerun()  # the sidebar (drawn before this page) follows the new network


def _csv(lang: str) -> None:
    up = st.file_uploader(t("dt_upload", lang), type=["csv", "txt"], key="dt_upload")
    if up is None:
        return
    if up.size > MAX_BYTES:  # before reading it into memory
        st.error(t("dt_bad_csv", lang, err=data_error(DataError("too_big", size=up.size, limit=MAX_BYTES), lang)))
        return
    raw = up.getvalue()
    try:
        cols, _ = csv_columns(raw)
    except DataError as e:
        st.error(t("dt_bad_csv", lang, err=data_error(e, lang)))
        return
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    target = c1.selectbox(t("dt_target", lang), cols, index=len(cols) - 1, key="dt_target")
    task = c2.selectbox(t("dt_task", lang), TASKS, key="dt_task", format_func=lambda k: t(f"dt_task_{k}", lang))
    test = c3.select_slider(t("dt_test", lang), [0.1, 0.2, 0.3, 0.5], value=0.2, key="dt_csv_test",
                            format_func=lambda f: f"{f:.0%}")  # fmt: skip
    std = c4.toggle(t("dt_standardize", lang), key="dt_csv_std", help=t("dt_standardize_help", lang))
    if st.button(t("dt_use", lang), key="dt_use_csv", type="primary"):
        try:
            ds = dataset_from_csv(raw, target, task=task, standardize=std, test_fraction=test, source=up.name[:80])
        except DataError as e:
            state.flash("error", t("dt_bad_csv", lang, err=data_error(e, lang)))
        else:
            use(ds, lang)
        st.rerun()
