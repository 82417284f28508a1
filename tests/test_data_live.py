"""Training you can watch (engine/live_training.py) and the data set in the address (ui/data_address.py)."""

import base64
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import live_training as lt
from engine.config import from_dict
from engine.datasets import DataError, make
from engine.metrics import predict
from engine.network import init_params
from engine.training import train_gd, train_scipy
from ui import data_address as da

NET = {"layers": [2, 6, 1], "activations": ["tanh", "sigmoid"], "loss": "bce", "x": [[0, 0]], "y": [[0]],
       "l2": 0.1, "init": {"scheme": "xavier", "seed": 3}}  # fmt: skip


@pytest.fixture(scope="module")
def moons():
    return make("moons", n=200, noise=0.1, seed=1, test_fraction=0.25)


def _start(ds):
    cfg = from_dict(NET)
    return cfg, lt.start(init_params(cfg.layers, cfg.init), (cfg.activations, cfg.loss, cfg.l2), ds)


def test_ticks_add_up_to_one_uninterrupted_run(moons):
    """However a run is cut into ticks, full-batch descent is the same run (train_gd in one go)."""
    cfg, run = _start(moons)
    net = (cfg.activations, cfg.loss, cfg.l2)
    for k in (1, 7, 12):
        run = lt.advance(run, net, moons, "gd", k, lr=0.5)
    whole = train_gd(init_params(cfg.layers, cfg.init), *net, moons.x_train, moons.y_train, 20, 0.5)
    for (W, b), (W2, b2) in zip(run.params, whole.params):
        np.testing.assert_allclose(W, W2, rtol=0, atol=1e-14)
        np.testing.assert_allclose(b, b2, rtol=0, atol=1e-14)
    assert run.steps == 20 and run.curves.step == (0, 1, 8, 20) and run.curves.epoch[-1] == 20
    assert run.curves.cost[-1] == pytest.approx(whole.history[-1], abs=1e-12)


def test_recorded_losses_and_accuracy_are_the_split_s(moons):
    cfg, run = _start(moons)
    run = lt.advance(run, (cfg.activations, cfg.loss, cfg.l2), moons, "lbfgs", 15)
    ref = train_scipy(init_params(cfg.layers, cfg.init), cfg.activations, cfg.loss, cfg.l2, moons.x_train,
                      moons.y_train, 15)  # fmt: skip
    np.testing.assert_allclose(run.params[0][0], ref.params[0][0], atol=1e-12)
    for split, x, y in (("train", moons.x_train, moons.y_train), ("test", moons.x_test, moons.y_test)):
        out = predict(list(run.params), cfg.activations, x)
        ell = -(y * np.log(out) + (1 - y) * np.log(1 - out)).sum(axis=1)
        assert getattr(run.curves, split)[-1] == pytest.approx(ell.mean(), rel=1e-9)
        acc = np.mean((out[:, 0] >= 0.5) == (y[:, 0] == 1))
        assert getattr(run.curves, split + "_acc")[-1] == pytest.approx(acc)
    assert run.curves.cost[-1] > run.curves.train[-1]  # J carries the L2 term on top of the mean loss


def test_mini_batch_epochs_count_samples_seen(moons):
    cfg, run = _start(moons)
    run = lt.advance(run, (cfg.activations, cfg.loss, cfg.l2), moons, "sgd", 5, lr=0.1, batch=30)
    assert run.seen == 150 and run.curves.epoch[-1] == 1.0


def test_a_diverging_run_stops_and_stays(moons):
    cfg, run = _start(moons)
    d = dict(NET, activations=["linear", "linear"], loss="mse")
    cfg = from_dict(d)
    reg = make("regression_1d", n=100, seed=0)
    net = (cfg.activations, cfg.loss, 0.0)
    run = lt.start(init_params((1, 6, 1), cfg.init), net, reg)
    run = lt.advance(run, net, reg, "gd", 200, lr=5.0)
    assert run.diverged
    assert lt.advance(run, net, reg, "gd", 10, lr=5.0) is run
    assert np.isnan(run.last("train_acc"))  # regression: no accuracy


def test_curves_keep_their_first_and_latest_points_within_the_bound():
    c = lt.Curves()
    for k in range(2000):
        c = c.add(step=k, epoch=k, cost=1.0, train=1.0, test=1.0, train_acc=0.5, test_acc=0.5)
    assert len(c.step) <= lt.MAX_POINTS + 1 and c.step[0] == 0 and c.step[-1] == 1999
    assert list(c.step) == sorted(c.step)


# ---- the address ----
def test_the_recipe_round_trips(moons):
    for whole in (True, False):
        ds, w = da.decode_data(da.data_token(moons, whole))
        assert ds == moons and w is whole


def test_a_csv_has_no_recipe():
    from engine.csvdata import dataset_from_csv

    csv = b"a,b,label\n" + b"".join(f"{i},{i % 3},{i % 2}\n".encode() for i in range(20))
    assert da.data_token(dataset_from_csv(csv, "label"), True) is None


def test_a_link_never_brings_in_more_than_the_budget(moons):
    big = from_dict(dict(NET, layers=[2, 256, 256, 256, 256, 1], activations=["relu"] * 4 + ["sigmoid"],
                         x=[moons.x_train[0].tolist()], y=[moons.y_train[0].tolist()]))  # fmt: skip
    assert da.from_link(big, moons, True).m == 150  # 150 x 1,025 values and 29M multiply-adds: within it
    digits = make("digits")
    wide = from_dict(dict(NET, layers=[64, 256, 256, 256, 256, 10], activations=["relu"] * 4 + ["sigmoid"],
                          x=[digits.x_train[0].tolist()], y=[digits.y_train[0].tolist()]))  # fmt: skip
    assert da.from_link(wide, digits, True).m == 1  # 1,437 x 250k multiply-adds: over the budget, kept single


def _token(body) -> str:
    return base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                                                     lambda c: st.lists(c) | st.dictionaries(st.text(), c),
                                                     max_leaves=12).map(_token)))  # fmt: skip
def test_any_data_value_is_a_data_set_or_one_data_error(token):
    try:
        ds, whole = da.decode_data(token)
    except DataError as e:
        assert len(str(e)) <= 300
    else:
        assert isinstance(whole, bool) and ds.n_train > 0
