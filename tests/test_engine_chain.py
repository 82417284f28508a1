"""Chain-rule paths, the Jacobian chain and the experiments' numbers."""

import numpy as np
import pytest

from engine import experiments as ex
from engine.chain import all_paths, deltas_by_jacobians, output_factors, path_count, top_paths
from engine.config import from_dict
from engine.network import run_pass
from engine.presets import preset
from viz.graph import weight_paths


@pytest.mark.parametrize("name", ["ng_3443", "testnet_342", "ng_4layer", "xor_221"])
def test_sum_over_paths_is_backprops_delta(name):
    r = run_pass(preset(name))
    layers = r.widths
    assert layers == preset(name).layers
    for l in range(1, len(layers)):
        for i in range(layers[l]):
            paths = all_paths(r, l, 0, weight_paths(layers, l, i))
            assert len(paths) == path_count(layers, l)
            total = sum(p.product for p in paths)
            assert total == pytest.approx(r.layers[l - 1].delta[0, i], rel=1e-12, abs=1e-300)


def test_top_paths_are_the_largest_of_all_paths():
    cfg = from_dict(
        {
            "layers": [2, 5, 5, 5, 3],
            "activations": ["tanh"] * 3 + ["softmax"],
            "loss": "cross_entropy",
            "x": [[0.3, -1.2]],
            "y": [[0, 1, 0]],
            "init": {"scheme": "xavier", "seed": 8},
        }
    )
    r = run_pass(cfg)
    layers = cfg.layers
    every = all_paths(r, 1, 0, weight_paths(layers, 1, 2))
    best = sorted(every, key=lambda p: -abs(p.product))[:7]
    top = top_paths(r, 1, 2, 0, k=7)
    assert [p.neurons for p in top] == [p.neurons for p in best]
    assert [p.product for p in top] == pytest.approx([p.product for p in best], rel=1e-14)


def test_three_factors_multiply_to_the_output_gradient():
    r = run_pass(preset("ng_3443"))
    f = output_factors(r, 0, 1, 0)
    assert np.prod(f) == pytest.approx(r.layers[-1].dW[0, 1], rel=1e-12)
    a = r.layers[-1].a[0, 0]
    assert f[1] == pytest.approx(a * (1 - a), rel=1e-12)  # sigma'(z) = a(1 - a)
    assert output_factors(run_pass(preset("testnet_342")), 0, 0, 0) is None  # softmax: not element-wise


@pytest.mark.parametrize("name", ["ng_3443", "testnet_342", "ng_4layer", "xor_221"])
def test_the_chain_of_jacobians_gives_the_same_delta(name):
    r = run_pass(preset(name))
    for s in range(r.m):
        for got, rec in zip(deltas_by_jacobians(r, s), r.layers):
            assert np.allclose(got, rec.delta[s], rtol=1e-12, atol=1e-15)


def test_softmax_with_mse_goes_through_the_full_jacobian():
    cfg = from_dict(
        {
            "layers": [2, 3],
            "activations": ["softmax"],
            "loss": "mse",
            "x": [[1.0, -2.0]],
            "y": [[0.2, 0.5, 0.3]],
            "init": {"scheme": "xavier", "seed": 1},
        }
    )
    r = run_pass(cfg)
    assert np.allclose(deltas_by_jacobians(r, 0)[0], r.layers[0].delta[0], rtol=1e-13, atol=1e-16)


def test_experiments_numbers():
    sym = ex.symmetry("constant")
    assert np.all(sym["weights"] == sym["weights"][:, :1]) and sym["spread"] == 0.0
    assert ex.symmetry("xavier")["spread"] > 0.1
    res = ex.input_scaling()  # seed 004's x1000: grows only while the sample is misclassified
    assert res["wrong"]["norms"][-1, 0] / res["wrong"]["norms"][0, 0] == pytest.approx(1423, rel=1e-3)
    assert res["right"]["norms"][-1, 0] == 0.0  # a correctly classified one saturates the softmax
    v = ex.vanishing()
    assert v["sigmoid"]["norms"][0] < 1e-3 * v["sigmoid"]["norms"][-1]  # vanishing toward the input
    assert v["relu"]["norms"][0] > 100 * v["sigmoid"]["norms"][0]
    assert v["sigmoid"]["gprime"].max() <= 0.25
    sw = ex.loss_switch()
    assert np.allclose(sw["bce"]["delta"], sw["bce"]["a"] - sw["bce"]["y"])
    assert np.allclose(sw["mse"]["delta"], (sw["mse"]["a"] - sw["mse"]["y"]) * sw["mse"]["gprime"])
    d = ex.divergence(0.5)
    assert d["first_bad"] is not None and not np.isfinite(d["history"][-1]) or d["history"][-1] > 1e100
    assert ex.divergence(0.05)["first_bad"] is None
