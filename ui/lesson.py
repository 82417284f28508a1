"""Lesson sequences in the app: the steps a teacher collects, the file and link that carry them, and the bar
that plays them in lecture mode (engine/lesson.py holds the steps and checks a file).

While a lesson plays, a bar above every page names the step and its note, with Previous / Next; a
presentation clicker's PageDown on the animation's last frame goes on to the next step and PageUp on its
first frame back (ui/live_chart.js clicks the bar's buttons).
"""

from __future__ import annotations

import base64
import binascii
import zlib

import streamlit as st

from engine.lesson import Lesson, LessonError, Step, from_json
from texts import t
from ui import state
from ui.messages import plain

MAX_LINK = 100_000  # characters of ?lesson=; a longer lesson is offered as its file
MAX_JSON = 5_000_000
ss = st.session_state


def lesson() -> Lesson:
    return ss.get("lesson") or Lesson()


def token(ls: Lesson) -> str | None:
    """?lesson= for this lesson: base64url of its zlib-compressed JSON, or None when too long for an address."""
    raw = base64.urlsafe_b64encode(zlib.compress(ls.to_json().encode("utf-8"), 9)).decode("ascii").rstrip("=")
    return raw if len(raw) <= MAX_LINK else None


def decode(tok: str) -> Lesson:
    """The lesson in a ?lesson= value; LessonError naming what is wrong."""
    tok = (tok or "").strip()
    if not tok or len(tok) > MAX_LINK:
        raise LessonError("the lesson link is empty or too long")
    try:
        d = zlib.decompressobj()
        text = d.decompress(base64.urlsafe_b64decode(tok + "=" * (-len(tok) % 4)), MAX_JSON + 1)
    except (binascii.Error, ValueError, zlib.error):
        raise LessonError("the lesson link is not a lesson (it may have been cut short)") from None
    if d.unconsumed_tail or len(text) > MAX_JSON:
        raise LessonError(f"the lesson link unpacks to more than {MAX_JSON:,} bytes")
    return from_json(text)


def open_from_address(lang: str) -> None:
    """At a session's first run: a ?lesson= link's steps, ready to play."""
    tok = st.query_params.get("lesson")
    if tok is None or "lesson" in ss:
        return
    try:
        ss.lesson = decode(tok)
    except LessonError as e:
        state.flash("error", t("ls_bad", lang, err=e))
        return
    step = st.query_params.get("step", "")
    if step.isdigit() and 1 <= int(step) <= len(ss.lesson.steps):  # a refresh in the middle of a lecture
        ss.lesson_pos = int(step) - 1


def play(k: int) -> None:
    """Show step k: its network, its page (and the animation's frame), in lecture mode. A button's
    callback (it sets the presentation toggle's state before that widget is drawn); the page switch
    follows in the run (go_on)."""
    ls = lesson()
    if not ls.steps:
        return
    k = max(0, min(k, len(ls.steps) - 1))
    step = ls.steps[k]
    ss.lesson_pos = k
    state.load(step.config)
    ss._lesson_frame = step.frame  # the explorer's chart opens on it (one-shot: lessons/explorer.py)
    ss.large = ss._large = True
    ss._lesson_goto = step.page


def go_on() -> None:
    """After a step was chosen: to its page."""
    page = ss.pop("_lesson_goto", None)
    if page is not None:
        st.switch_page(f"lessons/{page}.py")


def stop() -> None:
    ss.lesson_pos = None


def bar(lang: str) -> None:
    """Above every page while a lesson plays: the step, its note, Previous / Next / End."""
    go_on()
    k = ss.get("lesson_pos")
    ls = lesson()
    if k is None or not ls.steps:
        return
    k = min(k, len(ls.steps) - 1)
    step = ls.steps[k]
    with st.container(key="lesson_bar", border=True):
        c1, c2, c3, c4 = st.columns([6, 1, 1, 1], vertical_alignment="center")
        head = t("ls_step", lang, k=k + 1, n=len(ls.steps)) + (f" · {ls.title}" if ls.title else "")
        c1.markdown(f"**{plain(head)}**" + (f"  \n{plain(step.note)}" if step.note else ""))
        c2.button(t("ls_prev", lang), key="lesson_prev", icon=":material/skip_previous:", disabled=k == 0,
                  on_click=play, args=(k - 1,))  # fmt: skip
        c3.button(t("ls_next", lang), key="lesson_next", icon=":material/skip_next:", disabled=k == len(ls.steps) - 1,
                  on_click=play, args=(k + 1,))  # fmt: skip
        c4.button(t("ls_end", lang), key="lesson_end", icon=":material/stop:", on_click=stop)


def step_from_session(page: str, frame: int | None, note: str) -> Step:
    return Step(page, ss.config, frame, note)
