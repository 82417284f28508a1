"""Issue 10, "No false alarms, no wrong words": the gradient check's verdict, seed 004's input-scaling claim,
and the words the pages show (chain rule, MSE note, symmetry metric, mini-batch note, preset picker, depth)."""

import json
import subprocess
import sys

import numpy as np
import pytest
from apptest_helpers import figure, no_exception, page
from conftest import ROOT

from engine import experiments as ex
from engine.config import from_dict
from engine.gradcheck import EPS_MACH, RTOL, SAFETY, gradcheck, rounding_allowance
from engine.network import config_params, run_pass
from engine.presets import PRESETS, preset
from ui.state import encode_net
from viz.hover import fmt, text_num

EPS_OFFERED = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8]  # the page's ε slider


def deep_sigmoid(xseed: int = 0) -> dict:
    """The issue's net: 10 inputs, 6 hidden layers of 10, 10 outputs, sigmoid everywhere, bce, one-hot y, xavier."""
    x = np.round(np.random.default_rng(xseed).normal(size=(1, 10)), 2).tolist()
    return {"layers": [10] + [10] * 6 + [10], "activations": ["sigmoid"] * 7, "loss": "bce", "x": x,
            "y": [[1] + [0] * 9], "init": {"scheme": "xavier", "seed": 0}}  # fmt: skip


NETS = {**{name: PRESETS[name] for name in PRESETS}, "deep_sigmoid": deep_sigmoid(), "deep_sigmoid_x1": deep_sigmoid(1)}


def check(d: dict, eps: float, bug=None):
    cfg = from_dict(d)
    return gradcheck(config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y),
                     eps=eps, skip_gprime=bug)  # fmt: skip


def title(fig: dict, axis: str) -> str:
    t = fig["layout"][axis].get("title", "")
    return t.get("text", "") if isinstance(t, dict) else t


# ---- 1. the gradient check's verdict ----
@pytest.mark.parametrize("eps", EPS_OFFERED)
@pytest.mark.parametrize("name", list(NETS))
def test_no_bug_is_correct_on_every_preset_and_the_deep_sigmoid_net(name, eps):
    rep = check(NETS[name], eps)
    assert rep.passed and rep.wrong_layers == [] and rep.n_wrong == 0
    assert rep.to_dict()["passed"] is True
    if name.startswith("deep") and eps == 1e-5:  # what the old relative-error rule called wrong
        assert rep.max_error > 1e-4


def test_the_deep_nets_first_layer_is_a_correct_gradient_near_zero():
    rep = check(deep_sigmoid(), 1e-5)
    W1 = rep.checks[0]
    assert np.abs(W1.analytic).min() < 1e-8 and W1.max_error > 1e-3  # tiny, so its relative error is large
    assert (W1.abs_error <= rep.atol).all()  # but it is within the rounding noise of the difference
    assert rep.atol == pytest.approx(SAFETY * EPS_MACH * rep.scale / 1e-5)
    assert rep.atol < 1e-8 and check(deep_sigmoid(), 1e-6).atol == pytest.approx(10 * rep.atol)  # grows as 1/ε


def bug_is_noop(d: dict, bug: int) -> bool:
    """Dropping g'(z) in layer `bug` changes nothing: the output's δᴸ = a − y has no g'(z) (cross-entropy), the
    layer is linear (g' = 1), or zero weights above it make the δ it multiplies 0."""
    L = len(d["layers"]) - 1
    cancel = bug == L and d["loss"] in ("bce", "cross_entropy")
    return cancel or d["activations"][bug - 1] == "linear" or (bug < L and d["init"]["scheme"] == "zeros")


@pytest.mark.parametrize("eps", [1e-4, 1e-5, 1e-6])
@pytest.mark.parametrize("name", list(NETS))
def test_every_planted_bug_is_wrong_and_names_its_layers(name, eps):
    d = NETS[name]
    for bug in range(1, len(d["layers"])):
        rep = check(d, eps, bug)
        if bug_is_noop(d, bug):
            assert rep.bug_changed == () and rep.passed  # nothing is wrong, and the check says so
            continue
        assert rep.bug_changed == tuple(range(1, bug + 1))  # the δ of layer bug and every layer below it
        assert not rep.passed and rep.to_dict()["passed"] is False
        assert bug in rep.wrong_layers and set(rep.wrong_layers) <= set(rep.bug_changed)
        if name.startswith("deep"):
            assert rep.wrong_layers == list(range(1, bug + 1))  # even layer 1's gradients of ~1e-9
        assert rep.to_dict()["wrong_layers"] == rep.wrong_layers


def test_a_large_eps_is_rechecked_so_truncation_is_not_called_a_bug():
    rep = check(PRESETS["ng_4layer"], 1e-3)  # its smallest gradient (1e-5) is off by 1e-3 of itself at ε = 1e-3
    assert rep.passed and rep.n_settled > 0 and rep.recheck_eps == 1e-5
    assert rep.max_error > 1e-4
    bad = check(PRESETS["ng_4layer"], 1e-2, bug=2)  # a real bug misses at both steps
    assert not bad.passed and bad.wrong_layers == [1, 2]


def test_saturated_softmax_and_relu_kinks_are_no_false_alarms():
    for scale in (10, 30, 100):  # TestNet's right answer at x × 30: J ~ 1e-13, relative error 1.0, still correct
        rep = check(ex.scaling_config(scale, "right"), 1e-5)
        assert rep.passed
    assert check(ex.scaling_config(30, "right"), 1e-5).max_error > 0.1
    zeros = {"layers": [3, 4, 2], "activations": ["relu", "sigmoid"], "loss": "bce", "x": [[0.5, -1, 2]],
             "y": [[1, 0]], "init": {"scheme": "zeros", "seed": 0}}  # fmt: skip
    rep = check(zeros, 1e-5)  # every z^1 = 0: ±ε switches the ReLUs, J has a corner there
    assert rep.passed and rep.n_kinked == 16  # W^1 and b^1 are not judged, W^2 and b^2 are
    assert check(PRESETS["testnet_342"], 1e-5, bug=1).wrong_layers == [1]  # kinks do not hide a ReLU bug


def test_rounding_allowance_matches_the_report():
    cfg = preset("ng_3443")
    r = run_pass(cfg)
    rep = check(PRESETS["ng_3443"], 1e-6)
    assert rep.atol == pytest.approx(rounding_allowance(r, 1e-6)) and rep.rtol == RTOL
    for c in rep.checks:
        assert np.allclose(c.allowed, rep.atol + RTOL * np.abs(c.numeric))


def test_cli_gradcheck_passes_on_the_deep_sigmoid_net(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text(json.dumps(deep_sigmoid()))
    p = subprocess.run([sys.executable, "-m", "engine", "gradcheck", str(f)], capture_output=True, text=True,
                       cwd=ROOT, timeout=60)  # fmt: skip
    assert p.returncode == 0 and p.stderr == ""
    out = json.loads(p.stdout)
    assert out["passed"] is True and out["max_rel_error"] > 1e-4 and out["wrong_layers"] == []
    assert {"eps", "max_rel_error", "layers", "passed"} <= set(out)
    assert {"layer", "max_rel_error", "W_max_rel_error", "b_max_rel_error"} <= set(out["layers"][0])
    assert out["atol"] > 0 and out["rtol"] == RTOL


def test_gradient_check_page_on_the_deep_sigmoid_net():
    d = deep_sigmoid()
    at = page("gradient_check", {"net": encode_net(from_dict(d))})
    assert [s.value for s in at.success] == [
        "Backprop is correct: all 770 gradients checked agree with the centred differences at ε = 1e−5, "
        "within the allowance below."
    ]
    assert not at.error
    rep = check(d, 1e-5)
    rule = [i.value for i in at.info if i.value.startswith("How the verdict is made")]
    assert rule and f"atol = {text_num(rep.atol, 3)}" in rule[0] and "1e−4 × |difference|" in rule[0]
    df = at.dataframe[0].value
    assert list(df.columns) == ["parameter", "backprop", "centred difference", "|a − n|",
                                "allowed: atol + rtol·|n|", "relative error", "agrees"]  # fmt: skip
    # values as the one formatter writes them, to 4 significant digits (gradients span many decades)
    assert df["backprop"].iloc[:100].tolist() == fmt(rep.checks[0].analytic.ravel(), 4).tolist()
    assert df["allowed: atol + rtol·|n|"].iloc[:100].tolist() == fmt(rep.checks[0].allowed.ravel(), 4).tolist()
    assert (df["agrees"] == "✓").all() and max(float(v.replace("−", "-")) for v in df["relative error"]) > 1e-4
    fig = figure(at)
    assert title(fig, "yaxis") == "|a − n| ÷ allowance" and title(fig, "xaxis")
    assert max(max(tr["y"]) for tr in fig["data"]) <= 1  # every parameter under the line
    for eps in (1e-4, 1e-6):
        at.select_slider(key="gc_eps").set_value(eps).run()
        assert any(s.value.startswith("Backprop is correct") for s in at.success) and not at.error
    at.select_slider(key="gc_eps").set_value(1e-5).run()
    for bug in (1, 3, 6):
        at.selectbox(key="gc_bug").set_value(bug).run()
        no_exception(at)
        layers = ", ".join(str(k) for k in range(1, bug + 1))
        assert [e.value for e in at.error] == [
            f"The gradient is wrong in layer(s) {layers}: {check(d, 1e-5, bug).n_wrong:,} of the 770 gradients "
            "checked differ from the centred differences at ε = 1e−5 by more than rounding and the difference's "
            "own error can explain."
        ]
        assert not at.success
    at.selectbox(key="gc_bug").set_value(7).run()
    assert any(s.value.startswith("Backprop is correct") for s in at.success)
    assert any("changes nothing here" in i.value and "δᴸ = a − y" in i.value for i in at.info)


def test_gradient_check_page_explains_itself_in_chinese():
    at = page("gradient_check", {"lang": "zh"})
    assert any(s.value.startswith("反向传播正确") for s in at.success)
    assert any(i.value.startswith("判定方法") and "1e−4 × |差分|" in i.value for i in at.info)
    at.selectbox(key="gc_bug").set_value(2).run()
    assert any("第 1、2 层" in e.value for e in at.error)
