"""The teaching pages through AppTest, asserting the numbers they show."""

import re

import numpy as np
import pytest
from apptest_helpers import no_exception, page

from engine.gradcheck import gradcheck
from engine.network import config_params, run_pass
from engine.presets import preset


def numbers(latex: str) -> list[float]:
    return [
        float(v)
        for v in re.findall(
            r"-?\d+\.?\d*(?:\\times10\^\{-?\d+\})?", latex.replace("\\times10^{", "e").replace("}", " ")
        )
        if v not in ("-",)
    ]


def test_chain_rule_output_weight_three_factors_equal_backprop():
    at = page("chain_rule")
    assert any("Equal to the last printed digit" in s.value for s in at.success)
    r = run_pass(preset("ng_3443"))
    target = r.layers[-1].delta[0, 0] * r.layers[-2].a[0, 0]
    assert any(f"{target:.6g}" in x.value for x in at.latex)


@pytest.mark.parametrize("l,i,j", [(1, 2, 1), (2, 3, 0), (3, 1, 2)])
def test_chain_rule_sum_over_paths_equals_backprop(l, i, j):
    at = page("chain_rule", {"preset": "ng_4layer"})
    at.selectbox(key="cr_l").set_value(l).run()
    at.selectbox(key="cr_i").set_value(i).run()
    at.selectbox(key="cr_j").set_value(j).run()
    no_exception(at)
    assert any("Equal to the last printed digit" in s.value for s in at.success)
    r = run_pass(preset("ng_4layer"))
    target = r.layers[l - 1].delta[0, i] * r.a(l - 1)[0, j]
    assert sum(f"{target:.6g}" in x.value for x in at.latex) >= 2  # the path sum and backprop print the same
    if l < 3:
        paths = at.dataframe[0].value
        assert len(paths) == {1: 5 * 4, 2: 4}[l]
        assert sum(number(v) for v in paths.iloc[:, -1]) == pytest.approx(r.layers[l - 1].delta[0, i], rel=1e-5)


def test_chain_rule_neuron_terms():
    at = page("chain_rule")
    at.segmented_control(key="cr_mode").set_value("neuron").run()
    at.selectbox(key="cr_nl").set_value(2).run()
    at.selectbox(key="cr_n").set_value(1).run()
    no_exception(at)
    r = run_pass(preset("ng_3443"))
    df = at.dataframe[0].value
    assert np.allclose([number(v) for v in df["wₖ·δₖ"]], r.layers[2].W[:, 1] * r.layers[2].delta[0], rtol=1e-5)
    assert any(f"{r.layers[1].delta[0, 1]:.6g}" in x.value for x in at.latex)


def test_chain_rule_wide_net_lists_top_paths_and_stays_exact():
    d = {
        "layers": [2, 10, 10, 10, 10, 3],
        "activations": ["tanh"] * 4 + ["softmax"],
        "loss": "cross_entropy",
        "x": [[0.5, -0.4]],
        "y": [[0, 0, 1]],
        "init": {"scheme": "xavier", "seed": 3},
    }
    from engine.config import from_dict
    from ui.state import encode_net

    at = page("chain_rule", {"net": encode_net(from_dict(d))})
    at.selectbox(key="cr_l").set_value(1).run()
    no_exception(at)
    assert any("3,000 paths" in m.value for m in at.markdown)
    assert len(at.dataframe[0].value) == 12
    assert any("Equal to the last printed digit" in s.value for s in at.success)


def test_matrices_jacobian_chain_equals_delta():
    for name in ("ng_3443", "testnet_342"):
        at = page("matrices", {"preset": name})
        df = at.dataframe[0].value
        assert all(number(v) < 1e-14 for v in df.iloc[:, -1])
        assert any(r"\in\mathbb{R}^{" in x.value for x in at.latex)
    at.select_slider(key="mx_l").set_value(1).run()
    no_exception(at)
    assert any(r"\odot" in x.value and r"\mathbb{R}^{4\times2}" in x.value for x in at.latex)


def test_gradient_check_passes_and_catches_a_planted_bug():
    at = page("gradient_check")
    assert any("Backprop is correct" in s.value for s in at.success)
    cfg = preset("ng_3443")
    rep = gradcheck(config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y))
    df = at.dataframe[0].value
    rel = [number(v) for v in df["relative error"]]  # the formatter's text, 4 significant digits
    assert len(df) == 51 and max(rel) == pytest.approx(rep.max_error, rel=1e-3) and rep.max_error < 1e-7
    assert (df["agrees"] == "✓").all()
    at.selectbox(key="gc_bug").set_value(2).run()
    no_exception(at)
    assert any("wrong in layer(s) 1, 2" in e.value for e in at.error)
    assert max(number(v) for v in at.dataframe[0].value["relative error"]) > 1e-2
    at.select_slider(key="gc_eps").set_value(1e-3).run()
    no_exception(at)


def test_batches_accumulate_per_sample_terms():
    at = page("batches", {"preset": "ng_4layer"})
    r = run_pass(preset("ng_4layer"))
    text = " ".join(x.value for x in at.latex)
    assert text.count(r"\delta^{3}_{(") >= 3  # each of the m = 3 samples' delta a^T
    assert f"{r.layers[-1].dW[0, 0]:.3g}" in text and f"{r.loss:.4g}" in text  # J to one more digit
    assert any("λW is a slip" in i.value or "(λ/m)W" in i.value for i in at.info)


@pytest.mark.parametrize("exp", ["symmetry", "scaling", "vanishing", "loss", "diverge"])
def test_experiments_open_from_their_links(exp):
    at = page("experiments", {"exp": exp})
    assert at.radio(key="exp").value == exp
    assert any(f"?exp={exp}" in c.value for c in at.code)
    if exp == "symmetry":
        assert at.metric[0].value == "0"  # hidden units equal to the last digit
        at.segmented_control(key="ex_scheme").set_value("xavier").run()
        assert float(at.metric[0].value) > 0.1
    if exp == "diverge":
        assert any("overflowed" in e.value for e in at.error)
        at.select_slider(key="ex_lr").set_value(0.05).run()
        assert any("Finite all the way" in s.value for s in at.success)
    at.button(key="ex_open").click().run()
    no_exception(at)


def test_lessons_in_chinese_and_ng_notation():
    at = page("chain_rule", {"lang": "zh", "notation": "ng"})
    assert any("打印出的每一位都相同" in s.value for s in at.success)
    assert at.selectbox(key="cr_l").format_func(3) == "Θ(3)"
    assert any(r"\theta" in x.value for x in at.latex)
    for name in ("matrices", "gradient_check", "batches", "experiments"):
        at.switch_page(f"lessons/{name}.py").run()
        no_exception(at)


@pytest.mark.parametrize("opt", ["gd", "lbfgs", "tnc"])
def test_training_page_trains_and_hands_the_weights_to_the_explorer(opt):
    at = page("training", {"preset": "xor_221"})
    at.selectbox(key="tr_opt").set_value(opt).run()
    no_exception(at)
    assert any("J went from" in s.value for s in at.success)
    assert any(r"\mathbb{R}^{9}" in x.value for x in at.latex)  # theta unrolls 2x2 + 2 + 1x2 + 1 numbers
    before = run_pass(at.session_state["config"]).loss
    at.button(key="tr_use").click().run()
    no_exception(at)
    assert run_pass(at.session_state["config"]).loss < before


def test_training_divergence_is_reported():
    at = page("training", {"preset": "xor_221"})
    at.select_slider(key="tr_lr").set_value(5.0).run()
    at.select_slider(key="tr_steps").set_value(2000).run()
    no_exception(at)


def test_heavy_pages_stay_responsive_on_a_big_network_from_a_link():
    from engine.config import from_dict
    from ui.state import encode_net

    rng = np.random.default_rng(0)
    d = {
        "layers": [64, 128, 128, 10],
        "activations": ["relu", "relu", "softmax"],
        "loss": "cross_entropy",
        "x": rng.normal(size=(300, 64)).round(2).tolist(),
        "y": np.eye(10)[rng.integers(0, 10, 300)].tolist(),
    }
    token = encode_net(from_dict(d))
    at = page("gradient_check", {"net": token})
    assert any("first 64 of the m = 300" in c.value for c in at.caption)
    assert any("were checked" in c.value for c in at.caption)  # 26k parameters: a seeded sample
    at.switch_page("lessons/training.py").run()
    at.select_slider(key="tr_steps").set_value(2000).run()
    no_exception(at)
    assert any("cut to" in c.value for c in at.caption)
    for name in ("explorer", "chain_rule", "matrices", "batches"):
        at.switch_page(f"lessons/{name}.py").run()
        no_exception(at)


def number(text: str) -> float:
    """A number as the formatter (viz.hover.fmt) writes it: true minus signs, compact exponents."""
    return float(str(text).replace("−", "-"))
