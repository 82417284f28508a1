"""Predict, then reveal: the quiz on the explorer and the chain-rule page (engine/quiz.py asks and checks).

The quiz's seed is in the address (`?quiz=`), so a teacher's link gives every student the same questions
on the same network; "A network of my own" redraws the weights from a seed of the student's own, which
the answer key takes to give that network's answers. A score per session.
"""

from __future__ import annotations

import secrets

import pandas as pd
import streamlit as st

from engine import quiz
from texts import t
from ui import state
from ui.compute import run_quiet
from ui.plotly_component import live_chart
from viz.hover import text_num
from viz.latex import aligned
from viz.network_figure import View
from viz.notation import Notation
from viz.quiz_figure import asked_name, quiz_figure
from viz.timeline import Moment, panel

N_QUESTIONS = 5
ss = st.session_state


def seed() -> int:
    """The quiz's seed: the address's, else one drawn for this session (and then put in the address)."""
    if "quiz_seed" not in ss:
        raw = st.query_params.get("quiz", "")
        ss.quiz_seed = int(raw) if raw.isdigit() and int(raw) <= quiz.MAX_SEED else secrets.randbelow(10_000)
    return ss.quiz_seed


def score_line(lang: str) -> str:
    right, asked = ss.get("quiz_right", 0), ss.get("quiz_asked", 0)
    return t("quiz_score", lang, right=right, asked=asked)


def outcome(key: str) -> str | None:
    """How the question under key ended: "right", "wrong", "revealed", or None while it is open."""
    return ss.get("quiz_done", {}).get(key)


def ask(key: str, q: quiz.Question, value: float, digits: int, prompt: str, name: str, lang: str,
        rerun: bool = False) -> str | None:  # fmt: skip
    """The answer box and Check / Reveal for one hidden value: returns "right", "wrong" or "revealed" once
    the student has checked or revealed (kept per question key), else None. Each question scores once.
    rerun: run the page again once answered (what was drawn above the box hid the answer)."""
    done = ss.setdefault("quiz_done", {})
    before = done.get(key)
    st.markdown(f"**{prompt}**")
    c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
    if q.kind == "sign":
        signs = {"+": t("quiz_sign_pos", lang), "-": t("quiz_sign_neg", lang), "0": t("quiz_sign_zero", lang)}
        answer = c1.segmented_control(t("quiz_answer", lang), list(signs), key=f"{key}_in", format_func=signs.get)
    else:
        answer = c1.text_input(t("quiz_answer", lang), key=f"{key}_in", placeholder="−0.0713",
                               help=t("quiz_answer_help", lang, d=digits))  # fmt: skip
    shown = {1.0: "+", -1.0: "−", 0.0: "0"}[value] if q.kind == "sign" else text_num(value, digits)
    # never disabled: a typed answer reaches the server when the box loses focus, i.e. on this very click
    if c2.button(t("quiz_check", lang), key=f"{key}_check", type="primary"):
        if answer in (None, ""):
            st.warning(t("quiz_empty", lang))
        elif q.kind != "sign" and quiz.parse_number(answer) is None:
            st.warning(t("quiz_unreadable", lang, yours=answer[:40]))
        elif key not in done:
            done[key] = "right" if quiz.check(q, answer, value, digits) else "wrong"
            ss.quiz_asked = ss.get("quiz_asked", 0) + 1
            ss.quiz_right = ss.get("quiz_right", 0) + (done[key] == "right")
    if c3.button(t("quiz_reveal", lang), key=f"{key}_reveal") and key not in done:
        done[key] = "revealed"
        ss.quiz_asked = ss.get("quiz_asked", 0) + 1
    outcome = done.get(key)
    if rerun and outcome is not None and before is None:
        st.rerun()
    if outcome == "right":
        st.success(t("quiz_right", lang, what=name, v=shown))
    elif outcome == "wrong":
        yours = str(answer)[:40] if answer is not None else "–"
        st.error(t("quiz_wrong", lang, yours=yours, what=name, v=shown))
    elif outcome == "revealed":
        st.info(t("quiz_revealed", lang, what=name, v=shown))
    return outcome


def explorer_quiz(result, view: View, lang: str) -> None:
    """The explorer's quiz view: the picture before the value, the question, the reveal's equations."""
    N = Notation(view.notation)
    s, digits = view.sample, view.digits
    qs = quiz.questions(result.widths, seed(), N_QUESTIONS)
    k = ss.get("quiz_k", 0) % len(qs)
    q = qs[k]
    st.caption(t("quiz_intro", lang))
    name = asked_name(q, N)
    live_chart(quiz_figure(result, view, q), key="quiz_chart")
    st.markdown(t("quiz_progress", lang, k=k + 1, n=len(qs)))
    key = f"q{seed()}_{state_rev()}_{k}"
    value = quiz.truth(result, q, s)
    outcome = ask(key, q, value, digits, t(f"quiz_ask_{q.kind}", lang, what=name, s=s + 1), name, lang)
    st.markdown(f"**{score_line(lang)}**")
    if outcome is not None:
        p = panel(result, Moment(*q.moment), s, N, digits, lang)
        st.markdown(f"**{p['heading']}**")
        st.latex(aligned(*[rf"&{line}" for line in (p["general"], p["numbers"])]))
        for note in p["notes"]:
            st.caption(note)
    c1, c2, c3 = st.columns([1, 1, 1])
    if c1.button(t("quiz_next", lang), key="quiz_next", icon=":material/arrow_forward:"):
        ss.quiz_k = k + 1
        st.rerun()
    if c2.button(t("quiz_new_seed", lang), key="quiz_new", icon=":material/casino:"):
        ss.quiz_seed, ss.quiz_k = secrets.randbelow(10_000), 0
        st.rerun()
    if c3.button(t("quiz_own_net", lang), key="quiz_own", icon=":material/person:", help=t("quiz_own_net_help", lang)):
        cfg = ss.config
        own = secrets.randbelow(1_000_000)
        state.load(cfg.replace(init={**cfg.init.to_dict(), "seed": own}, weights=None, biases=None))
        ss.quiz_own_seed, ss.quiz_k = own, 0
        st.rerun()
    st.caption(t("quiz_seed", lang, seed=seed()))
    if "quiz_own_seed" in ss:
        st.info(t("quiz_own_seed", lang, seed=ss.quiz_own_seed))
    answer_key(qs, result, lang, N, s, digits)


def state_rev() -> int:
    """A new network (a link, a preset, a student's own) is a new set of answers."""
    return ss.get("weights_rev", 0)


def answer_key(qs, result, lang: str, N: Notation, s: int, digits: int) -> None:
    """The teacher's key: every question's answer on the network with a given initialisation seed (the
    network on screen, result, for its own seed)."""
    with st.expander(t("quiz_key", lang)):
        cfg = ss.config
        own = st.number_input(t("quiz_key_seed", lang), 0, 2**31 - 1, int(cfg.init.seed), key="quiz_key_seed",
                              help=t("quiz_key_help", lang))  # fmt: skip
        if own == cfg.init.seed:
            r = result
            if not state.is_drawn(cfg):  # hand-edited weights: no seed redraws them
                st.caption(t("quiz_key_drawn", lang))
        else:
            r = run_quiet(cfg.replace(init={**cfg.init.to_dict(), "seed": int(own)}, weights=None, biases=None))
        rows = [{t("quiz_col_q", lang): f"{k + 1}. {asked_name(q, N)}",
                 t("quiz_col_value", lang): text_num(quiz.truth(r, q, min(s, r.m - 1)), digits)}
                for k, q in enumerate(qs)]  # fmt: skip
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
