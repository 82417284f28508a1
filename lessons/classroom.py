"""The classroom: a lesson as steps played with the clicker, as one offline file, and worksheets with keys."""

import pandas as pd
import streamlit as st

from engine.lesson import PAGES, Lesson, LessonError, from_json
from texts import t
from ui import lesson, state
from ui.messages import plain
from viz.network_figure import View
from viz.offline import lesson_html, lesson_steps_from_configs
from viz.worksheet import font_note, intermediates_csv, worksheet_pdf

ss = st.session_state
lang = state.lang()
cfg = ss.config
notation = state.notation()
digits = ss.get("digits", 3)

st.markdown(f"### {t('page_classroom', lang)}")
st.caption(t("cl_intro", lang))


def _net(c) -> str:
    return f"{'-'.join(map(str, c.layers))} · {', '.join(dict.fromkeys(c.activations))} · {c.loss}"


def _opened() -> None:
    f = st.session_state.get("ls_file")
    if f is None:
        return
    try:
        if f.size > lesson.MAX_JSON:
            raise LessonError(f"the file is {f.size:,} bytes; a lesson may hold {lesson.MAX_JSON:,}")
        ss.lesson = from_json(f.getvalue())
        state.flash("success", t("ls_opened", lang, title=ss.lesson.title or "–", n=len(ss.lesson.steps)))
    except LessonError as e:
        state.flash("error", t("ls_bad", lang, err=e))


# ---- the lesson sequence ----
st.markdown(f"#### {t('ls_title', lang)}")
ls = lesson.lesson()
title = st.text_input(t("ls_name", lang), value=ls.title, max_chars=200, key="ls_name")
if title != ls.title:
    ls = ss.lesson = Lesson(ls.steps, title)
with st.container(border=True):
    st.markdown(f"**{t('ls_add_head', lang)}** — {plain(_net(cfg))}")
    c1, c2, c3 = st.columns([2, 1, 4])
    page = c1.selectbox(t("ls_page", lang), PAGES, key="ls_page", format_func=lambda p: t(f"page_{p}", lang))
    frame = c2.number_input(t("ls_frame", lang), 0, 200, 0, key="ls_frame", help=t("ls_frame_help", lang),
                            disabled=page != "explorer")  # fmt: skip
    note = c3.text_input(t("ls_note", lang), max_chars=1000, key="ls_note")
    if st.button(t("ls_add", lang), key="ls_add", icon=":material/add:"):
        try:
            ls = ss.lesson = ls.add(lesson.step_from_session(page, int(frame) or None if page == "explorer" else None,
                                                             note))  # fmt: skip
            st.success(t("ls_added", lang, k=len(ls.steps)))
        except LessonError as e:
            st.error(plain(str(e)))
if not ls.steps:
    st.info(t("ls_empty", lang))
else:
    rows = [{t("ls_col_step", lang): k + 1, t("ls_col_page", lang): t(f"page_{s.page}", lang),
             t("ls_col_net", lang): _net(s.config), t("ls_col_frame", lang): s.frame or "–",
             t("ls_col_note", lang): s.note} for k, s in enumerate(ls.steps)]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    c1, c2, c3, c4, c5 = st.columns([2, 1, 1, 1, 3], vertical_alignment="bottom")
    k = c1.selectbox(t("ls_pick", lang), range(len(ls.steps)), key="ls_pick", format_func=lambda i: str(i + 1)) or 0
    if c2.button(t("ls_up", lang), key="ls_up", icon=":material/arrow_upward:", disabled=k == 0):
        ss.lesson = ls.moved(k, -1)
        st.rerun()
    if c3.button(t("ls_down", lang), key="ls_down", icon=":material/arrow_downward:", disabled=k >= len(ls.steps) - 1):
        ss.lesson = ls.moved(k, +1)
        st.rerun()
    if c4.button(t("ls_delete", lang), key="ls_delete", icon=":material/delete:"):
        ss.lesson = ls.without(k)
        st.rerun()
    c5.button(t("ls_play", lang), key="ls_play", type="primary", icon=":material/slideshow:",
              help=t("ls_play_help", lang), on_click=lesson.play, args=(0,))  # fmt: skip
    lesson.go_on()
    c1, c2 = st.columns([1, 1])
    c1.download_button(t("ls_download", lang), lambda: ls.to_json(indent=1), "lesson.json", "application/json",
                       key="ls_download", on_click="ignore", icon=":material/download:")  # fmt: skip
    tok = lesson.token(ls)
    if tok is None:
        c2.caption(t("ls_link_too_long", lang))
    else:
        c2.text_input(t("ls_link", lang), f"?lesson={tok}", key="ls_link_text", disabled=True)
st.file_uploader(t("ls_upload", lang), type=["json"], key="ls_file", on_change=_opened)


def _offline() -> str:
    """The lesson's explorer steps (or the current network) as one self-contained page."""
    items = [(s.config, View(lang=lang, notation=notation, digits=digits), s.note) for s in ls.steps
             if s.page == "explorer"] or [(cfg, View(lang=lang, notation=notation, digits=digits), "")]  # fmt: skip
    return lesson_html(lesson_steps_from_configs(items), lang=lang, title=ls.title)


st.download_button(t("ls_offline", lang), _offline, "backprop-lesson.html", "text/html", key="ls_offline",
                   on_click="ignore", icon=":material/offline_pin:", help=t("ls_offline_help", lang))  # fmt: skip

# ---- worksheets ----
st.markdown(f"#### {t('cl_ws_title', lang)}")
st.caption(t("ws_intro", lang))
if note := font_note(lang):
    st.info(note)
c1, c2, c3, c4 = st.columns([1, 2, 2, 2], vertical_alignment="bottom")
paper = c1.selectbox(t("ws_paper", lang), ["A4", "Letter"], key="ws_paper")
s = ss.sample
args = {"lang": lang, "paper": paper, "notation": notation, "digits": digits, "sample": s}
c2.download_button(t("ws_sheet", lang), lambda: worksheet_pdf(cfg, **args), f"worksheet-{paper}.pdf", "application/pdf",
                   key="ws_sheet", on_click="ignore", icon=":material/description:")  # fmt: skip
c3.download_button(t("ws_key", lang), lambda: worksheet_pdf(cfg, answers=True, **args), f"answer-key-{paper}.pdf",
                   "application/pdf", key="ws_key", on_click="ignore", icon=":material/task:")  # fmt: skip
c4.download_button(t("ws_csv", lang), lambda: intermediates_csv(cfg, notation=notation), "intermediates.csv",
                   "text/csv", key="ws_csv", on_click="ignore", icon=":material/table:")  # fmt: skip
