"""Lesson sequences (issue 12 item 4): the file and the link, checked as strictly as a network link, and
the classroom page that collects, orders and plays the steps."""

import json
import re

import pytest
from apptest_helpers import app, no_exception, page
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.lesson import MAX_STEPS, Lesson, LessonError, Step, from_json
from engine.presets import PRESETS, preset
from ui import lesson as ui_lesson


def _lesson(n=3) -> Lesson:
    names = list(PRESETS)
    return Lesson(tuple(Step("explorer", preset(names[k % len(names)]), k + 2, f"note {k}") for k in range(n)), "L")


def test_a_lesson_round_trips_through_its_file_and_its_link():
    ls = _lesson()
    assert from_json(ls.to_json()) == ls
    assert ui_lesson.decode(ui_lesson.token(ls)) == ls


def test_editing_the_order():
    ls = _lesson()
    assert [s.note for s in ls.moved(0, 1).steps] == ["note 1", "note 0", "note 2"]
    assert ls.moved(0, -1) == ls and ls.moved(2, 1) == ls
    assert [s.note for s in ls.without(1).steps] == ["note 0", "note 2"]
    assert ls.with_note(2, "<b>x</b>").steps[2].note == "<b>x</b>"  # kept as text; shown as plain text


@pytest.mark.parametrize("body,says", [
    ("[]", "lesson"), ('{"lesson": 2, "steps": []}', "lesson"), ('{"lesson": 1, "steps": []}', "no steps"),
    ('{"lesson": 1, "steps": [1]}', "steps[0]"), ('{"lesson": 1, "steps": [{"page": "nope", "config": {}}]}', "page"),
    ('{"lesson": 1, "steps": [{"config": {"layers": [2]}}]}', "steps[0].config"),
    ('{"lesson": 1, "steps": [{"config": {"layers": [2, 1], "activations": ["sigmoid"], "loss": "bce", "x": [1, 2], '
     '"y": [1]}, "frame": 0}]}', "frame"),
    ('{"lesson": 1, "steps": [{"config": {"layers": [256, 256, 256], "activations": ["relu", "relu"], "loss": "mse",'
     ' "x": [[0]], "y": [[0]]}}]}', "steps[0].config"),
    ("{" * 100_000, "not JSON"),
])  # fmt: skip
def test_a_bad_lesson_is_one_message_naming_the_step(body, says):
    with pytest.raises(LessonError, match=re.escape(says)) as e:
        from_json(body)
    assert len(str(e.value)) <= 300 and "\n" not in str(e.value)


def test_too_many_steps():
    d = json.loads(_lesson(1).to_json())
    d["steps"] *= MAX_STEPS + 1
    with pytest.raises(LessonError, match="at most"):
        from_json(json.dumps(d))


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                    max_leaves=20))  # fmt: skip
def test_any_json_is_a_lesson_or_one_lesson_error(v):
    for body in (v, {"lesson": 1, "steps": [v]}, {"lesson": 1, "steps": [{"config": v, "page": "explorer"}]}):
        try:
            from_json(json.dumps(body))
        except LessonError as e:
            assert len(str(e)) <= 300


def test_the_classroom_collects_orders_and_plays_steps():
    at = page("classroom")
    at.text_input(key="ls_note").input("Watch δ flow back").run()
    at.number_input(key="ls_frame").set_value(7).run()
    at.button(key="ls_add").click().run()
    at.selectbox(key="ls_page").set_value("chain_rule").run()
    at.button(key="ls_add").click().run()
    no_exception(at)
    ls = at.session_state["lesson"]
    assert [(s.page, s.frame, s.note) for s in ls.steps] == [("explorer", 7, "Watch δ flow back"),
                                                             ("chain_rule", None, "Watch δ flow back")]  # fmt: skip
    at.button(key="ls_play").click().run()
    no_exception(at)
    assert at.session_state["lesson_pos"] == 0 and at.session_state["large"]
    assert any("step 1 of 2" in m.value for m in at.markdown)
    at.button(key="lesson_next").click().run()
    no_exception(at)
    assert at.session_state["lesson_pos"] == 1 and any(m.value == "### Chain rule" for m in at.markdown)
    at.button(key="lesson_end").click().run()
    assert at.session_state["lesson_pos"] is None


def test_a_lesson_link_opens_ready_to_play_and_a_bad_one_says_so():
    ls = _lesson(2)
    at = app({"lesson": ui_lesson.token(ls)})
    no_exception(at)
    assert at.session_state["lesson"] == ls
    bad = app({"lesson": "not-a-lesson"})
    assert any("lesson could not be opened" in e.value for e in bad.error)


def test_a_playing_lesson_stays_in_the_address_and_a_refresh_comes_back_to_its_step():
    ls = _lesson(3)
    at = app({"lesson": ui_lesson.token(ls)})
    at.switch_page("lessons/classroom.py").run()
    at.button(key="ls_play").click().run()
    at.button(key="lesson_next").click().run()
    no_exception(at)
    q = dict(at.query_params)
    assert q["lesson"] == ui_lesson.token(ls) and q["step"] == "2"
    again = app(q)  # the same address in a new session: a refresh
    no_exception(again)
    assert again.session_state["lesson_pos"] == 1 and any("step 2 of 3" in m.value for m in again.markdown)
