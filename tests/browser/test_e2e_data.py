"""The Data & training page (/data) in real headless Chromium against `streamlit run app.py`.

The numbers on the page are checked against the engine: the decision boundary's heatmap is the trained
network's output over the plane (its weights downloaded from the page), the confusion matrix the test split's
counts, a clicked point the explorer's one sample; the pictures move while training runs; a broken CSV says
where. The charts' layout and the Chinese page: test_e2e_data_layout.py. Screenshots of the page go to
/tmp/e2e_data_shots/.
"""

import time
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from browser.conftest import no_exception, wait_idle
from browser.data_pages import (
    SIZES,
    btn,
    downloaded,
    no_sideways_scroll,
    open_data,
    open_in_explorer,
    own_server,
    shot_full,
    source,
    status,
    step,
    trace,
    use,
)
from engine.datasets import make
from engine.metrics import confusion, plane_grid, predict, predicted_labels, true_labels
from engine.network import config_params
from ui.state import decode_net

MOONS = {"name": "moons", "n": 300, "noise": 0.1, "seed": 0, "test_fraction": 0.2}  # the page's default toy choice


@pytest.fixture(scope="module")
def server():
    """This module's own server."""
    yield from own_server()


# Every named trace's x length in the keyed chart.
LENGTHS = """(key) => Object.fromEntries(document.querySelector(`.st-key-${key} .js-plotly-plot`)._fullData
    .map(d => [d.name, d.x ? d.x.length : 0]))"""

# Viewport pixels of the markers of the named scatter traces (train / test) in the boundary chart.
MARKERS = """(names) => {
  const gd = document.querySelector('.st-key-dt_boundary_chart .js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  const out = [];
  gd._fullData.forEach(t => {
    if (!names.includes(t.name)) return;
    for (let k = 0; k < t.x.length; k++)
      out.push({name: t.name, k, cd: Array.from(t.customdata[k]),
                px: r.left + xa._offset + xa.l2p(t.x[k]), py: r.top + ya._offset + ya.l2p(t.y[k])});
  });
  return out;
}"""

# The centre of the first image in the misclassified gallery, and the test index its cells carry.
FIRST_DIGIT = """() => {
  const gd = document.querySelector('.st-key-dt_wrong .js-plotly-plot');
  const t = gd._fullData.find(d => d.type === 'heatmap');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  const h = t.z.length, w = t.z[0].length;
  return {index: t.customdata[0][0], h, w,
          px: r.left + xa._offset + xa.l2p(t.x0 + (w - 1) / 2), py: r.top + ya._offset + ya.l2p(t.y0 + (h - 1) / 2)};
}"""


# ---------------------------------------------------------------------------------------------------------------


def test_moons_step_and_the_boundary_is_the_trained_networks_output(server, page, tmp_path):
    open_data(page, server)
    use(page, "dt_use_toy")
    epoch, steps, _ = status(page)
    assert (epoch, steps) == (0, 0)
    step(page, 3)
    epoch, steps, _ = status(page)
    assert (epoch, steps) == (3, 3)  # full-batch gradient descent: one step an epoch
    cfg = downloaded(page, tmp_path)
    ds = make(**MOONS)
    assert cfg.layers[0] == 2 and cfg.layers[-1] == 1
    assert np.array_equal(np.asarray(cfg.x), ds.x_train)  # the network's samples are the training split
    params = config_params(cfg)
    out = trace(page, "dt_boundary_chart", "output")
    z = np.asarray(out["z"], dtype=float)
    n = z.shape[0]
    assert z.shape == (n, n) and n >= 50
    xs, ys, pts = plane_grid(np.vstack([ds.x_train, ds.x_test]), n, square=True)
    assert np.allclose(out["x"], xs, rtol=1e-12, atol=1e-12) and np.allclose(out["y"], ys, rtol=1e-12, atol=1e-12)
    want = predict(params, cfg.activations, pts)[:, 0].reshape(n, n)
    assert np.abs(z - want).max() < 1e-5  # float32 on the wire
    assert want.std() > 1e-3  # not a flat picture: the comparison means something
    # the points sit at the data, their customdata carries the trained network's verdict
    for split, x, y in (("train", ds.x_train, ds.y_train), ("test", ds.x_test, ds.y_test)):
        tr = trace(page, "dt_boundary_chart", split)
        assert np.allclose(tr["x"], x[:, 0]) and np.allclose(tr["y"], x[:, 1])
        cd = tr["customdata"]
        p = predict(params, cfg.activations, x)
        assert [c[0] for c in cd] == [split] * len(x) and [c[1] for c in cd] == list(range(len(x)))
        assert [c[2] for c in cd] == true_labels("binary", y).tolist()
        assert [c[3] for c in cd] == predicted_labels("binary", p).tolist()
        assert np.allclose([c[4] for c in cd], p[:, 0], rtol=1e-9, atol=1e-12)
    wrong = trace(page, "dt_boundary_chart", "wrong")["customdata"]
    assert all(c[2] != c[3] for c in wrong)
    no_exception(page)


def test_run_updates_the_pictures_live_and_pause_stops_them(server, page):
    open_data(page, server)
    use(page, "dt_use_toy")
    before = page.evaluate(LENGTHS, "dt_curves_chart")
    z_sum = """() => { const t = document.querySelector('.st-key-dt_boundary_chart .js-plotly-plot')._fullData
        .find(d => d.name === 'output'); let s = 0; for (const r of t.z) for (const v of r) s += v; return s; }"""
    btn(page, "dt_run_btn").click()
    btn(page, "dt_pause_btn", enabled=True).wait_for(timeout=20_000)
    epochs, pictures, lengths = [], [], []
    t_end = time.time() + 2.0
    while time.time() < t_end:
        epochs.append(status(page)[0])
        pictures.append(page.evaluate(z_sum))
        lengths.append(min(page.evaluate(LENGTHS, "dt_curves_chart").values()))
        page.wait_for_timeout(80)
    shot_full(page, "moons-running-en-1280x800")
    btn(page, "dt_pause_btn").click()
    btn(page, "dt_run_btn", enabled=True).wait_for(timeout=20_000)
    wait_idle(page)
    changes = sum(a != b for a, b in zip(epochs, epochs[1:]))
    assert changes >= 5, f"the status line changed {changes} times in 2 s: {epochs}"
    assert epochs == sorted(epochs) and epochs[-1] > epochs[0]
    assert sum(a != b for a, b in zip(pictures, pictures[1:])) >= 5, "the boundary did not redraw live"
    assert sum(a < b for a, b in zip(lengths, lengths[1:])) >= 3, f"the learning curves did not grow live: {lengths}"
    # paused: the run kept, the whole history drawn, and nothing moves any more
    paused = status(page)
    assert paused[0] >= epochs[-1], (paused, epochs)
    after = page.evaluate(LENGTHS, "dt_curves_chart")
    assert set(after) == set(before) and len(after) >= 2
    for name in before:
        assert after[name] >= max(before[name] + 5, lengths[-1]), (name, before, after, lengths)
    page.wait_for_timeout(800)
    assert status(page) == paused
    no_exception(page)


def test_clicking_a_test_point_opens_that_sample_in_the_explorer(server, page, tmp_path):
    open_data(page, server)
    use(page, "dt_use_toy")
    step(page, 3)
    cfg = downloaded(page, tmp_path)
    params, ds = config_params(cfg), make(**MOONS)
    page.locator(".st-key-dt_boundary_chart").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    pts = page.evaluate(MARKERS, ["train", "test"])
    xy = np.array([[p["px"], p["py"]] for p in pts])
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]

    def room(p):  # distance to the nearest other marker
        d = np.hypot(*(xy - [p["px"], p["py"]]).T)
        return np.partition(d, 1)[1]

    tests = [p for p in pts if p["name"] == "test" and 20 < p["py"] < vh - 20 and 0 < p["px"] < vw]
    wrong = [p for p in tests if p["cd"][2] != p["cd"][3]]
    pick = max(wrong or tests, key=room)  # a misclassified one where there is one, the most isolated
    assert room(pick) >= 3, "no test point clear enough to click"
    k = pick["cd"][1]
    neurons = open_in_explorer(page, pick["px"], pick["py"], k, "explorer-from-moons-1280x800")
    x = ds.x_test[k]
    assert [neurons[i][3] for i in range(2)] == pytest.approx(x.tolist(), rel=1e-12, abs=1e-15)
    a = predict(params, cfg.activations, x[None, :])[0, 0]
    assert neurons[-1][:2] == [len(cfg.layers) - 1, 0] and neurons[-1][3] == pytest.approx(a, rel=1e-9)
    token = parse_qs(urlparse(page.url).query).get("net")
    assert token, page.url
    one = decode_net(token[0])
    assert np.array_equal(np.asarray(one.x), x[None, :]) and np.array_equal(np.asarray(one.y), ds.y_test[k : k + 1])
    for (W, b), (W2, b2) in zip(config_params(one), params):
        assert np.array_equal(W, W2) and np.array_equal(b, b2)
    no_exception(page)


def test_digits_confusion_matrix_and_a_misclassified_digit(server, page, tmp_path):
    open_data(page, server)
    source(page, "Real data sets")
    use(page, "dt_use_real", chart="dt_confusion")
    step(page, 2)
    cfg = downloaded(page, tmp_path)
    ds = make("digits", test_fraction=0.2)
    assert cfg.layers[0] == 64 and cfg.layers[-1] == 10 and ds.n_test == 360
    cm = np.asarray(trace(page, "dt_confusion", "confusion")["z"], dtype=float)
    assert cm.shape == (10, 10) and cm.sum() == 360
    params = config_params(cfg)
    pred = predicted_labels("multiclass", predict(params, cfg.activations, ds.x_test))
    assert np.array_equal(cm, confusion(true_labels("multiclass", ds.y_test), pred, 10))
    sideways = []
    for w, h in SIZES.values():
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(600)
        sideways += no_sideways_scroll(page, f"digits {w}x{h}")
        shot_full(page, f"digits-en-{w}x{h}")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator(".st-key-dt_wrong").scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    d = page.evaluate(FIRST_DIGIT)
    assert (d["h"], d["w"]) == (8, 8)
    k = d["index"]
    assert pred[k] != true_labels("multiclass", ds.y_test)[k]  # the gallery shows a misclassified one
    neurons = open_in_explorer(page, d["px"], d["py"], k, "explorer-from-digits-1280x800")
    inputs = [n for n in neurons if n[0] == 0]
    assert len(inputs) == 64
    assert [n[3] for n in inputs] == pytest.approx(ds.x_test[k].tolist(), rel=1e-12, abs=1e-15)
    a = predict(params, cfg.activations, ds.x_test[k : k + 1])[0]
    assert [n[3] for n in neurons[-10:]] == pytest.approx(a.tolist(), rel=1e-9, abs=1e-15)
    assert not sideways, "\n".join(sideways)
    no_exception(page)


def test_a_malformed_csv_names_the_row_and_column_and_changes_nothing(server, page, tmp_path):
    open_data(page, server)
    sidebar = """() => { const bar = document.querySelector('[data-testid="stSidebar"]');
        return {sliders: [...bar.querySelectorAll('[role="slider"]')].map(s => s.getAttribute('aria-valuenow')),
                ranges: [...bar.querySelectorAll('input[type="range"]')].map(s => s.value),
                selects: [...bar.querySelectorAll('[data-testid="stSelectbox"] input')].map(s => s.value)}; }"""
    before, url = page.evaluate(sidebar), parse_qs(urlparse(page.url).query)
    assert len(before["sliders"]) + len(before["ranges"]) >= 4 and len(before["selects"]) >= 3, before
    rows = ["x1,x2,label"] + [f"{i * 0.1:.1f},{(i % 7) * 0.3:.1f},{i % 2}" for i in range(40)]
    rows[6] = "0.5,abc,0"  # line 7 of the file
    bad = tmp_path / "broken.csv"
    bad.write_text("\n".join(rows) + "\n")
    source(page, "Your CSV file")
    page.locator('.st-key-dt_upload input[type="file"]').set_input_files(str(bad))
    btn(page, "dt_use_csv").wait_for(timeout=20_000)
    wait_idle(page)
    btn(page, "dt_use_csv").click()
    page.locator('[data-testid="stAlertContentError"]').first.wait_for(timeout=20_000)
    wait_idle(page)
    errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert len(errors) == 1, errors
    assert "row 7" in errors[0] and "x2" in errors[0] and "abc" in errors[0], errors
    assert page.evaluate(sidebar) == before
    assert parse_qs(urlparse(page.url).query).get("net") == url.get("net")
    assert page.locator(".st-key-dt_boundary_chart").count() == 0  # no data taken
    no_exception(page)
