"""The data & training page in AppTest: choosing data fits the network, Step / Reset train it, the
address carries the data set's recipe, bad links and mismatches say so (issue 11)."""

import numpy as np
from apptest_helpers import app, figure, no_exception, page, trace

from engine.datasets import make
from engine.metrics import plane_grid, predict
from engine.network import init_params, run_pass

MOONS = {"name": "moons", "n": 300, "noise": 0.1, "seed": 0, "test_fraction": 0.2}  # the page's defaults


def _status(at) -> str:
    (s,) = [m.value for m in at.markdown if " · J = " in m.value]
    return s


def _epoch(at) -> float:
    return float(_status(at).split("epoch ")[1].split(" ")[0])


def _J(at) -> float:
    return float(_status(at).split("J = ")[1].split(" ")[0])


def _moons_page():
    at = page("data")
    assert any("Use this data" in i.value for i in at.info)
    at.button(key="dt_use_toy").click().run()
    no_exception(at)
    return at


def test_choosing_moons_fits_the_network_and_says_what_changed():
    at = _moons_page()
    ds = make(**MOONS)
    cfg = at.session_state["config"]
    assert cfg.layers == (2, 4, 4, 1) and cfg.loss == "bce"  # the default 3-4-4-3's hidden layers kept
    np.testing.assert_array_equal(np.array(cfg.x), ds.x_train)
    np.testing.assert_array_equal(np.array(cfg.y), ds.y_train)
    (msg,) = [s.value for s in at.success]
    assert "inputs 3 → 2" in msg and "outputs 3 → 1" in msg and "240" in msg
    # the boundary's heatmap is the network's output on the square plane over the data (init weights)
    fig = figure(at, 0)
    heat = trace(fig, "output")
    params = init_params(cfg.layers, cfg.init)
    _, _, pts = plane_grid(np.vstack([ds.x_train, ds.x_test]), 100, square=True)
    z = np.array(_decode(heat["z"]), float).reshape(100, 100)
    np.testing.assert_allclose(z, predict(params, cfg.activations, pts)[:, 0].reshape(100, 100), atol=1e-6)


def _decode(v):
    from apptest_helpers import decode

    return decode(v)


def test_step_trains_an_epoch_and_reset_goes_back():
    at = _moons_page()
    J0 = _J(at)
    assert _epoch(at) == 0
    for _ in range(3):
        at.button(key="dt_step_btn").click().run()
    no_exception(at)
    assert _epoch(at) == 3 and _J(at) < J0
    run = at.session_state["dt_run"]
    assert run.steps == 3 and len(run.curves.cost) == 4
    # the status line's J is the cost of the run's parameters over the training split
    cfg = at.session_state["config"]
    trained = cfg.replace(weights=[W for W, _ in run.params], biases=[b for _, b in run.params])
    assert abs(run_pass(trained).loss - run.last("cost")) < 1e-12
    at.button(key="dt_reset_btn").click().run()
    assert _epoch(at) == 0 and abs(_J(at) - J0) < 1e-12


def test_mini_batches_count_epochs_in_samples():
    at = _moons_page()
    at.selectbox(key="dt_method").set_value("sgd").run()
    at.select_slider(key="dt_batch").set_value(32).run()
    at.button(key="dt_step_btn").click().run()
    no_exception(at)
    run = at.session_state["dt_run"]
    # one epoch: ceil(240/32) = 8 batches; the 8th starts the next shuffle, so 256 samples were seen
    assert run.steps == 8 and run.curves.epoch[-1] == 8 * 32 / 240 and _epoch(at) == 1.07


def test_the_trained_network_opens_in_the_explorer():
    at = _moons_page()
    at.button(key="dt_step_btn").click().run()
    run = at.session_state["dt_run"]
    at.button(key="dt_to_explorer").click().run()
    no_exception(at)
    cfg = at.session_state["config"]
    np.testing.assert_array_equal(np.array(cfg.weights[0]), run.params[0][0])
    assert cfg.m == 240


def test_the_address_carries_the_recipe_and_a_link_restores_the_split():
    at = _moons_page()
    q = dict(at.query_params)
    assert "data" in q and "net" in q and len(q["net"]) < 2_000  # the network with its first sample only
    again = page("data", {"data": q["data"], "net": q["net"]})
    cfg = again.session_state["config"]
    assert cfg.m == 240 and again.session_state["data"] == make(**MOONS)
    np.testing.assert_array_equal(np.array(cfg.x), make(**MOONS).x_train)


def test_a_bad_data_link_says_so_and_keeps_the_default_network():
    for bad in ("not-base64!", "eyJyZWYiOnsibmFtZSI6Im5vcGUifSwid2hvbGUiOjF9", "e30", "x" * 5000):
        at = app({"data": bad})
        (err,) = [e.value for e in at.error]
        assert "data set" in err.lower() and at.session_state["config"].layers == (3, 4, 4, 3)


def test_digits_fit_ng_s_network_and_show_the_confusion_matrix():
    at = page("data")
    at.segmented_control(key="dt_src").set_value("real").run()
    at.button(key="dt_use_real").click().run()
    no_exception(at)
    cfg = at.session_state["config"]
    assert cfg.layers == (64, 4, 4, 10) and (cfg.activations[-1], cfg.loss) == ("sigmoid", "bce")  # kept: it fits
    at.button(key="dt_step_btn").click().run()
    heat = [
        np.array(_decode(d["z"]), float) for k in range(5) for d in figure(at, k)["data"] if d.get("type") == "heatmap"
    ]
    (z,) = [z for z in heat if z.shape == (10, 10)]  # the confusion matrix (the digits are 8x8)
    assert z.sum() == 360 and z.shape == (10, 10)


def test_a_network_that_no_longer_fits_offers_to_fit_it_again():
    at = _moons_page()
    from apptest_helpers import key

    at.slider(key=key(at, "w0")).set_value(3).run()  # three inputs: the moons have two
    assert any("no longer fits" in w.value for w in at.warning)
    at.button(key="dt_refit").click().run()
    no_exception(at)
    assert at.session_state["config"].layers[0] == 2


def test_the_page_in_chinese():
    at = page("data", {"lang": "zh"})
    at.button(key="dt_use_toy").click().run()
    no_exception(at)
    assert "轮次" in _status(at) and any("网络现在使用" in s.value for s in at.success)


def test_ng_s_digit_network_in_one_click_and_l_bfgs_gets_past_90_percent():
    at = page("data")
    at.segmented_control(key="dt_src").set_value("real").run()
    at.button(key="dt_use_real").click().run()
    at.button(key="dt_ng_net").click().run()
    no_exception(at)
    cfg = at.session_state["config"]
    assert cfg.layers == (64, 25, 10) and cfg.l2 == 1.0 and cfg.init.scheme == "uniform" and cfg.m == 1437
    at.selectbox(key="dt_method").set_value("lbfgs").run()
    for _ in range(8):  # 10 iterations each
        at.button(key="dt_step_btn").click().run()
    no_exception(at)
    assert at.session_state["dt_run"].last("test_acc") > 0.9


def test_a_digit_in_the_explorer_shows_its_input_as_an_image():
    at = page("data")
    at.segmented_control(key="dt_src").set_value("real").run()
    at.button(key="dt_use_real").click().run()
    at.button(key="dt_to_explorer").click().run()
    no_exception(at)
    figs = [figure(at, k) for k in range(2)]
    (img,) = [f for f in figs if any(d.get("name") == "image 0" for d in f["data"])]
    z = np.array(_decode(img["data"][0]["z"]), float)
    np.testing.assert_array_equal(z, np.array(at.session_state["config"].x[0]).reshape(8, 8))
