"""engine/data_fit.py (through engine.datasets): the output layer a task wants, check_fits and fit_config."""

import numpy as np
import pytest
from conftest import NG_CONFIG

from engine.budget import over_budget
from engine.config import from_dict
from engine.datasets import DataError, check_fits, fit_config, make, output_for


def test_output_for_each_task():
    assert output_for(make("moons")) == (1, "sigmoid", "bce")
    assert output_for(make("iris")) == (3, "softmax", "cross_entropy")
    assert output_for(make("digits")) == (10, "softmax", "cross_entropy")
    assert output_for(make("regression_2d")) == (1, "linear", "mse")


def test_fit_config_keeps_the_hidden_layers_and_says_what_changed():
    cfg = from_dict(NG_CONFIG)  # 3-4-4-3 sigmoid, bce, one sample
    ds = make("moons")
    new, changes = fit_config(cfg, ds)
    assert new.layers == (2, 4, 4, 1) and new.activations == ("sigmoid",) * 3 and new.loss == "bce"
    assert changes == [("inputs", 3, 2), ("outputs", 3, 1), ("samples", 1, 160)]
    assert np.array_equal(np.array(new.x), ds.x_train) and np.array_equal(np.array(new.y), ds.y_train)
    assert new.weights is None and new.init == cfg.init and new.l2 == cfg.l2
    assert from_dict(new.to_dict()) == new


def test_fit_config_keeps_ngs_sigmoid_output_for_digits_and_changes_a_softmax_for_regression():
    cfg = from_dict(dict(NG_CONFIG, l2=1.0))
    new, changes = fit_config(cfg, make("digits"))
    assert new.layers == (64, 4, 4, 10) and new.loss == "bce" and new.l2 == 1.0
    assert [c[0] for c in changes] == ["inputs", "outputs", "samples"]
    soft = from_dict(dict(NG_CONFIG, activations=["tanh", "relu", "softmax"], loss="cross_entropy"))
    new, changes = fit_config(soft, make("regression_1d"))
    assert new.layers == (1, 4, 4, 1) and new.activations == ("tanh", "relu", "linear") and new.loss == "mse"
    assert ("output", ("softmax", "cross_entropy"), ("linear", "mse")) in changes
    new, _ = fit_config(soft, make("moons"))
    assert (new.activations[-1], new.loss) == ("sigmoid", "bce")


def test_check_fits_says_what_to_change():
    ds = make("iris")
    with pytest.raises(DataError) as e:
        check_fits(from_dict(NG_CONFIG), ds, "species")
    assert e.value.key == "config_inputs" and str(e.value).startswith("the data has 4 features but layers[0] is 3")
    with pytest.raises(DataError) as e:
        check_fits(from_dict(dict(NG_CONFIG, layers=[4, 4, 4, 2], x=[0, 0, 0, 0], y=[1, 0])), ds, "species")
    assert e.value.key == "config_outputs" and "'species' needs 3 output neuron(s)" in str(e.value)
    relu = dict(NG_CONFIG, layers=[4, 4, 4, 3], x=[0, 0, 0, 0], activations=["relu", "relu", "relu"], loss="mse")
    with pytest.raises(DataError) as e:
        check_fits(from_dict(relu), ds, "species")
    assert e.value.key == "config_output" and "softmax with cross_entropy or sigmoid with bce" in str(e.value)
    check_fits(from_dict(dict(NG_CONFIG, layers=[4, 4, 4, 3], x=[0, 0, 0, 0])), ds)  # Ng's sigmoid + bce fits


def test_fit_config_draws_new_weights():
    cfg = from_dict(NG_CONFIG)
    given_weights = cfg.replace(
        weights=[np.ones((4, 3)), np.ones((4, 4)), np.ones((3, 4))], biases=[[0] * 4, [0] * 4, [0] * 3]
    )
    new, changes = fit_config(given_weights, make("iris"))
    assert new.weights is None and new.biases is None
    assert ("weights", "given", "init") in changes and ("outputs", 3, 3) not in changes


def test_fit_config_refuses_a_network_over_the_work_budget():
    big = from_dict(
        dict(NG_CONFIG, layers=[3, 256, 256, 3], activations=["relu", "relu", "softmax"], loss="cross_entropy")
    )
    ds = make("digits")
    assert over_budget((64, 256, 256, 10), ds.n_train)
    with pytest.raises(DataError) as e:
        fit_config(big, ds)
    assert e.value.key == "budget" and "work budget" in str(e.value) and "1,437" in str(e.value)
    fit_config(big, make("moons", n=100))  # the same widths on 80 samples fit
