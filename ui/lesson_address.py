"""A lesson in the address bar: `?lesson=` while the session holds one, and `?step=` while it plays, so a
refresh or a copied address in the middle of a lecture comes back to the same step (ui/lesson.py)."""

from __future__ import annotations

import streamlit as st

from engine.lesson import Lesson


def lesson_address() -> dict[str, str | None]:
    """The lesson's parameters for ui.state.address (remembered per lesson object: a token costs a zlib pass)."""
    from ui.lesson import token  # ui.lesson imports ui.state, which imports this module

    ss = st.session_state
    ls = ss.get("lesson")
    if not isinstance(ls, Lesson) or not ls.steps:
        return {"lesson": None, "step": None}
    memo = ss.get("_lesson_token")
    if memo is None or memo[0] is not ls:
        memo = ss._lesson_token = (ls, token(ls))
    pos = ss.get("lesson_pos")
    return {"lesson": memo[1], "step": str(pos + 1) if memo[1] and pos is not None else None}
