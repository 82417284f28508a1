"""Predict, then reveal (issue 12 item 1): questions from a seed, checking at the digits shown, a picture that
gives nothing away, and the quiz on the explorer and the chain-rule page."""

import numpy as np
import pytest
from apptest_helpers import app, figure, no_exception, page
from hypothesis import given
from hypothesis import strategies as st

from engine import quiz
from engine.network import run_pass
from engine.presets import default_config
from viz.network_figure import View
from viz.quiz_figure import quiz_figure

R = run_pass(default_config())


def test_the_same_seed_gives_the_same_questions_and_every_kind_appears():
    a, b = quiz.questions((3, 4, 4, 3), 42), quiz.questions((3, 4, 4, 3), 42)
    assert a == b and quiz.questions((3, 4, 4, 3), 43) != a
    assert {q.kind for q in a} == set(quiz.KINDS) and len(set(a)) == len(a)


@given(st.lists(st.integers(1, 10), min_size=2, max_size=8), st.integers(0, quiz.MAX_SEED))
def test_questions_point_at_real_neurons_and_weights(widths, seed):
    for q in quiz.questions(widths, seed, 8):
        assert 1 <= q.layer < len(widths) and 0 <= q.i < widths[q.layer]
        assert q.j == -1 if q.kind in ("a", "delta") else 0 <= q.j < widths[q.layer - 1]


WRITTEN = [("−0.0713", -0.0713), ("-7.13e-2", -0.0713), ("−7.13×10^−2", -0.0713), ("-7.13 x 10-2", -0.0713),
           ("０.５", 0.5), ("0,5", 0.5), (" +2 ", 2.0)]  # fmt: skip


@pytest.mark.parametrize("text,value", WRITTEN)
def test_numbers_as_students_write_them(text, value):
    assert quiz.parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1/2", "1e999", "nan", "0x1p3", "1" * 100, "--1"])
def test_what_is_not_a_number(text):
    assert quiz.parse_number(text) is None


def test_an_answer_counts_when_it_agrees_to_the_digits_shown():
    q = quiz.Question("delta", 1, 0)
    v = -0.071349
    assert quiz.check(q, "-0.0713", v, 3) and quiz.check(q, "-0.07135", v, 3)
    assert not quiz.check(q, "-0.0712", v, 3) and not quiz.check(q, "-0.071", v, 3)
    assert quiz.check(q, "-0.071", v, 2) and quiz.check(quiz.Question("delta", 1, 0), "0", 0.0, 3)
    sign = quiz.Question("sign", 1, 0, 0)
    assert quiz.check(sign, "-", -1.0, 3) and quiz.check(sign, "−", -1.0, 3) and not quiz.check(sign, "+", -1.0, 3)


def test_the_truth_is_the_engine_s():
    s = 0
    assert quiz.truth(R, quiz.Question("a", 2, 1), s) == R.layers[1].a[s, 1]
    assert quiz.truth(R, quiz.Question("delta", 1, 3), s) == R.layers[0].delta[s, 3]
    assert quiz.truth(R, quiz.Question("dW", 3, 2, 1), s) == R.layers[2].dW[2, 1]
    assert quiz.truth(R, quiz.Question("sign", 3, 2, 1), s) == np.sign(R.layers[2].dW[2, 1])


def _numbers(fig) -> str:
    """Every number the figure carries or shows, as text."""
    out = []
    for tr in fig["data"]:
        for k in ("customdata", "hovertext", "text"):
            out.append(str(tr.get(k)))
    return " ".join(out) + str(fig["layout"].get("annotations"))


@pytest.mark.parametrize("q", [quiz.Question("a", 2, 1), quiz.Question("delta", 1, 2), quiz.Question("delta", 3, 0),
                               quiz.Question("dW", 2, 3, 1), quiz.Question("sign", 3, 0, 2)])  # fmt: skip
def test_the_picture_gives_nothing_computed_later_away(q):
    fig = quiz_figure(R, View(), q)
    neurons = next(tr for tr in fig["data"] if tr["name"] == "neurons")
    by = {(c[0], c[1]): c for c in neurons["customdata"]}
    value = quiz.truth(R, q, 0)
    if q.kind == "a":  # nothing from layer 2 on: no a, no z, no δ, no J
        assert all(by[(l, i)][2:] == [None, None, None] for (l, i) in by if l >= 2)
        assert by[(1, 0)][3] == R.layers[0].a[0, 0] and "J =" not in str(fig["layout"]["annotations"])
    if q.kind == "delta":  # δ of the layers below and at q's layer hidden, above it given
        assert all(by[(l, i)][4] is None for (l, i) in by if 1 <= l <= q.layer)
        assert all(by[(l, i)][4] == R.layers[l - 1].delta[0, i] for (l, i) in by if l > q.layer)
        hover = neurons["hovertext"][sum(R.widths[: q.layer]) + q.i]
        assert "δ = ?" in hover
    if q.kind in ("dW", "sign"):  # the weights are coloured by w and the layer's gradients absent
        edges = next(tr for tr in fig["data"] if tr["name"] == "edges")
        assert all(row[4] is None for row in edges["customdata"] if row[0] <= q.layer)
        assert "w)" not in fig["layout"]["title"]["text"]
    for shown in {f"{value:.3g}", f"{value:.4g}"}:
        assert shown not in _numbers(fig) or q.kind == "sign"
    asked = next(tr for tr in fig["data"] if tr["name"] == "asked")
    assert len(asked["x"]) == 1


def test_a_teacher_s_link_opens_the_quiz_and_a_right_answer_scores():
    at = app({"quiz": "42"})
    no_exception(at)
    assert at.session_state["view"] == "quiz" and at.query_params["quiz"] == "42"
    qs = quiz.questions((3, 4, 4, 3), 42)
    q = qs[0]
    fig = figure(at, 0)
    assert fig["layout"]["title"]["text"].startswith("Predict")
    value = quiz.truth(run_pass(at.session_state["config"]), q, 0)
    if q.kind == "sign":
        at.segmented_control[-1].set_value({1.0: "+", -1.0: "-", 0.0: "0"}[value]).run()
    else:
        at.text_input[0].input(f"{value:.4g}").run()
    at.button(key=[b.key for b in at.button if b.label == "Check"][0]).click().run()
    no_exception(at)
    assert any(m.value == "**Score: 1 of 1**" for m in at.markdown) and at.success
    assert at.latex  # the reveal: the moment's equations with the numbers
    at.button(key="quiz_next").click().run()
    assert any("Question 2 of 5" in m.value for m in at.markdown)


def test_a_network_of_my_own_and_the_teacher_s_key_for_its_seed():
    at = app({"quiz": "7"})
    at.button(key="quiz_own").click().run()
    no_exception(at)
    own = at.session_state["quiz_own_seed"]
    cfg = at.session_state["config"]
    assert cfg.init.seed == own and any(str(own) in i.value for i in at.info)
    at.number_input(key="quiz_key_seed").set_value(own).run()
    key = at.dataframe[-1].value
    qs = quiz.questions(cfg.layers, 7)
    r = run_pass(cfg)
    from viz.hover import text_num

    assert list(key.iloc[:, 1]) == [text_num(quiz.truth(r, q, 0), 3) for q in qs]


def test_the_chain_rule_quiz_hides_delta_until_answered():
    at = page("chain_rule")
    at.toggle(key="cr_quiz").set_value(True).run()
    no_exception(at)
    assert not at.latex and not at.dataframe  # the derivation waits
    at.button(key=[b.key for b in at.button if b.label == "Reveal"][0]).click().run()
    no_exception(at)
    assert at.latex and at.info
