"""The data figures carry their numbers: the plane's z is the network's output, the points' customdata their labels
and predictions, the images their pixels, and every word is in both languages."""

import re

import numpy as np
import pytest

from engine.config import InitSpec
from engine.metrics import hidden_maps, plane_grid, predict, predicted_labels, true_labels
from engine.network import init_params
from texts import STRINGS
from texts.data_figures import DATA_FIGURE_STRINGS
from viz.boundary import boundary_segments
from viz.data_figures import (
    boundary_figure,
    confusion_figure,
    digit_images_figure,
    hidden_weights_figure,
    learning_curves_figure,
    misclassified_titles,
    neuron_maps_figure,
)
from viz.figure import figure_json
from viz.hover import fmt

RNG = np.random.default_rng(11)
X, XT = RNG.normal(size=(500, 2)), RNG.normal(size=(120, 2))
XOR, XORT = (X[:, :1] * X[:, 1:] > 0).astype(float), (XT[:, :1] * XT[:, 1:] > 0).astype(float)
NET = init_params((2, 8, 8, 1), InitSpec("xavier", 3)), ["tanh", "tanh", "sigmoid"]
CLS3, CLS3T = np.eye(3)[RNG.integers(0, 3, 500)], np.eye(3)[RNG.integers(0, 3, 120)]
NET3 = init_params((2, 6, 3), InitSpec("xavier", 4)), ["tanh", "softmax"]
NETR = init_params((2, 5, 1), InitSpec("xavier", 5)), ["tanh", "linear"]
NET1 = init_params((1, 6, 1), InitSpec("xavier", 6)), ["tanh", "linear"]
# fixed names of the data traces; the legend's entries are separate traces named in the reader's language
DATA_NAMES = {"output", "boundary", "train", "test", "wrong", "highlight", "prediction"}


def by_name(fig, name):
    (trace,) = [d for d in fig.data if d.name == name]
    return trace


def binary_fig(lang="en", **kw):
    return boundary_figure(*NET, "binary", X, XOR, XT, XORT, lang, **kw)


def test_binary_heatmap_is_the_network_output_over_the_grid():
    fig = binary_fig(grid=60)
    heat = by_name(fig, "output")
    xs, ys, pts = plane_grid(np.vstack([X, XT]), 60, square=True)
    np.testing.assert_array_equal(heat.x, xs)
    np.testing.assert_array_equal(heat.y, ys)
    np.testing.assert_allclose(heat.z, predict(*NET, pts)[:, 0].reshape(60, 60), rtol=1e-6, atol=1e-7)
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert heat.colorscale[len(heat.colorscale) // 2][0] == 0.5  # diverging, centred at P = 0.5
    assert 0.5 in fig.layout.to_plotly_json().get("coloraxis", {}).get("colorbar", heat.colorbar).tickvals


@pytest.mark.parametrize("split,x,y", [("train", X, XOR), ("test", XT, XORT)])
def test_points_carry_split_index_labels_and_output(split, x, y):
    tr = by_name(binary_fig(), split)
    out = predict(*NET, x)
    assert [c[0] for c in tr.customdata] == [split] * len(x)
    assert [c[1] for c in tr.customdata] == list(range(len(x)))
    assert [c[2] for c in tr.customdata] == true_labels("binary", y).tolist()
    assert [c[3] for c in tr.customdata] == predicted_labels("binary", out).tolist()
    np.testing.assert_allclose([c[4] for c in tr.customdata], out[:, 0], rtol=1e-15)
    np.testing.assert_array_equal(tr.x, x[:, 0])
    np.testing.assert_array_equal(tr.y, x[:, 1])
    k = 7
    assert fmt(out[k, 0], 4).item() in tr.text[k] and fmt(x[k, 0], 3).item() in tr.text[k]
    assert tr.text[k].startswith(f"sample {k + 1}<br>")


def test_the_crosses_mark_exactly_the_misclassified_samples():
    fig = binary_fig()
    wrong = by_name(fig, "wrong")
    expected = []
    for split, x, y in (("train", X, XOR), ("test", XT, XORT)):
        bad = predicted_labels("binary", predict(*NET, x)) != true_labels("binary", y)
        expected += [(split, int(i)) for i in np.flatnonzero(bad)]
        assert bad.any()
    assert [(c[0], c[1]) for c in wrong.customdata] == expected
    assert all(c[2] != c[3] for c in wrong.customdata)
    assert wrong.hoverinfo == "skip"  # hover and click reach the sample's own marker beneath
    xy = {("train", i): X[i] for i in range(len(X))} | {("test", i): XT[i] for i in range(len(XT))}
    np.testing.assert_array_equal(np.column_stack([wrong.x, wrong.y]), [xy[e] for e in expected])


def test_the_binary_boundary_is_where_p_is_one_half():
    fig = binary_fig()
    line = by_name(fig, "boundary")
    x, y = np.asarray(line.x, float), np.asarray(line.y, float)
    assert len(x) % 3 == 0 and len(x) > 30 and np.isnan(x[2::3]).all()
    ends = np.column_stack([np.delete(x, np.s_[2::3]), np.delete(y, np.s_[2::3])])
    p = predict(*NET, ends)[:, 0]
    assert np.abs(p - 0.5).max() < 0.02  # linear interpolation between grid points 0.07 apart


def test_marching_squares_on_known_fields():
    xs, ys = np.linspace(-1, 1, 11), np.linspace(-1, 1, 8)
    gx, gy = np.meshgrid(xs, ys)
    bx, by = boundary_segments(xs, ys, gx - 0.33)  # a vertical line, found exactly
    assert np.allclose(np.delete(bx, np.s_[2::3]), 0.33, atol=1e-6)
    assert len(bx) == 3 * (len(ys) - 1)
    bx, by = boundary_segments(xs, ys, gx * gy)  # the axes: saddle cells at the origin
    ends = np.column_stack([np.delete(bx, np.s_[2::3]), np.delete(by, np.s_[2::3])])
    assert np.abs(ends[:, 0] * ends[:, 1]).max() < 1e-6
    assert (np.abs(ends[:, 0]) < 1e-6).sum() and (np.abs(ends[:, 1]) < 1e-6).sum()
    bx, by = boundary_segments(xs, ys, gx * 0 + 1.0)  # no crossing, no segment
    assert len(bx) == 0


def test_multiclass_plane_codes_the_class_and_the_confidence():
    fig = boundary_figure(*NET3, "multiclass", X, CLS3, XT, CLS3T, "en", grid=50, classes=("a", "b", "c"))
    heat = by_name(fig, "output")
    _, _, pts = plane_grid(np.vstack([X, XT]), 50, square=True)
    p = predict(*NET3, pts)
    z = np.asarray(heat.z, float).ravel()
    cls = np.floor(z).astype(int)
    assert np.array_equal(cls, p.argmax(axis=1))
    conf = np.clip((p.max(axis=1) - 1 / 3) / (2 / 3), 0, 1)
    np.testing.assert_allclose((z - cls) / 0.98, conf, atol=1e-5)
    assert (heat.zmin, heat.zmax) == (0, 3)
    tr = by_name(fig, "train")
    out = predict(*NET3, X)
    pred = out.argmax(axis=1)
    assert [c[3] for c in tr.customdata] == pred.tolist()
    assert [c[2] for c in tr.customdata] == CLS3.argmax(axis=1).tolist()
    np.testing.assert_allclose([c[4] for c in tr.customdata], out[np.arange(len(X)), pred])
    line = by_name(fig, "boundary")
    ends = np.column_stack([np.delete(np.asarray(line.x, float), np.s_[2::3]),
                            np.delete(np.asarray(line.y, float), np.s_[2::3])])  # fmt: skip
    top = np.sort(predict(*NET3, ends), axis=1)
    assert len(ends) and np.abs(top[:, -1] - top[:, -2]).max() < 0.03  # two classes tie on the boundary
    names = {d.name for d in fig.data if d.showlegend is not False}
    assert {"a", "b", "c"} <= names


def test_regression_plane_and_curve():
    yr, yrt = np.sin(X[:, :1]) * X[:, 1:], np.sin(XT[:, :1]) * XT[:, 1:]
    fig = boundary_figure(*NETR, "regression", X, yr, XT, yrt, "en", grid=30)
    _, _, pts = plane_grid(np.vstack([X, XT]), 30, square=True)
    np.testing.assert_allclose(by_name(fig, "output").z, predict(*NETR, pts)[:, 0].reshape(30, 30), rtol=1e-6)
    assert not [d for d in fig.data if d.name == "wrong"]
    tr = by_name(fig, "test")
    out = predict(*NETR, XT)[:, 0]
    np.testing.assert_allclose([c[2] for c in tr.customdata], yrt[:, 0])
    np.testing.assert_allclose([c[3] for c in tr.customdata], out)
    ca = fig.layout.coloraxis
    assert ca.cmin <= min(yr.min(), yrt.min()) and ca.cmax >= max(yr.max(), yrt.max())
    x1, x1t = X[:, :1], XT[:, :1]
    fig = boundary_figure(*NET1, "regression", x1, x1**2, x1t, x1t**2, "en", features=("t",))
    curve = by_name(fig, "prediction")
    np.testing.assert_allclose(curve.y, predict(*NET1, np.asarray(curve.x, float)[:, None])[:, 0], atol=1e-6)
    assert curve.x[0] < x1.min() and curve.x[-1] > x1.max()
    np.testing.assert_array_equal(by_name(fig, "train").y, x1[:, 0] ** 2)  # the samples at their targets
    assert fig.layout.xaxis.title.text == "t"


def test_highlight_rings_the_sample_and_bad_inputs_are_refused():
    fig = binary_fig(highlight=("test", 5))
    ring = by_name(fig, "highlight")
    assert list(ring.customdata[0][:2]) == ["test", 5] and (ring.x[0], ring.y[0]) == tuple(XT[5])
    assert not [d for d in binary_fig(highlight=("test", 10_000)).data if d.name == "highlight"]
    with pytest.raises(ValueError, match="2 inputs"):
        boundary_figure(*NET, "binary", np.zeros((3, 3)), np.zeros((3, 1)), np.zeros((0, 3)), np.zeros((0, 1)), "en")


def test_an_empty_test_set_draws_no_test_points():
    fig = boundary_figure(*NET, "binary", X, XOR, np.zeros((0, 2)), np.zeros((0, 1)), "en", grid=20)
    assert len(by_name(fig, "test").customdata) == 0
    assert {c[0] for c in by_name(fig, "wrong").customdata} == {"train"}


def test_trace_names_are_fixed_and_the_legend_is_in_the_language():
    for lang in ("en", "zh"):
        fig = binary_fig(lang)
        data = [d.name for d in fig.data if d.showlegend is False]
        legend = [d.name for d in fig.data if d.showlegend is not False]
        assert set(data) <= DATA_NAMES and len(data) == len(set(data))
        assert not set(legend) & DATA_NAMES
    legend = {d.name for d in binary_fig("zh").data if d.showlegend is not False}
    assert {"训练集", "测试集", "分错的样本", "决策边界", "类别 0", "类别 1"} == legend


def test_names_from_a_data_set_are_plain_text():
    fig = binary_fig(features=("<b>a</b>", "y"), classes=("<i>no</i>", "yes"))
    assert fig.layout.xaxis.title.text == "&lt;b&gt;a&lt;/b&gt;"
    assert "&lt;i&gt;no&lt;/i&gt;" in {d.name for d in fig.data}


def test_neuron_maps_are_each_hidden_neurons_activation():
    fig = neuron_maps_figure(*NET, X, "en", grid=40)
    xs, ys, pts = plane_grid(X, 40)
    maps = hidden_maps(*NET, pts)
    assert len(fig.data) == 16
    for k, tr in enumerate(fig.data):
        l, i = divmod(k, 8)
        np.testing.assert_allclose(tr.z, maps[l][:, i].reshape(40, 40), rtol=1e-6, atol=1e-7)
        assert tr.name == f"a{'¹²'[l]}{'₁₂₃₄₅₆₇₈'[i]}"
        assert (tr.x0, tr.y0) == (xs[0], ys[0])
    ca = fig.layout.coloraxis
    assert (ca.cmin, ca.cmax) == (-1, 1) and {tr.coloraxis for tr in fig.data} == {"coloraxis"}
    assert {a.text for a in fig.layout.annotations} >= {"a¹₁", "a²₈"}


def test_neuron_maps_share_one_scale_per_activation():
    params = init_params((2, 3, 4, 1), InitSpec("xavier", 0))
    fig = neuron_maps_figure(params, ["relu", "sigmoid", "sigmoid"], X, "en", grid=10, notation="ng")
    relu = [tr for tr in fig.data if tr.coloraxis == "coloraxis"]
    sig = [tr for tr in fig.data if tr.coloraxis == "coloraxis2"]
    assert len(relu) == 3 and len(sig) == 4
    assert fig.layout.coloraxis.cmin == 0 and fig.layout.coloraxis.cmax == pytest.approx(
        max(float(np.max(tr.z)) for tr in relu), rel=1e-6
    )
    assert (fig.layout.coloraxis2.cmin, fig.layout.coloraxis2.cmax) == (0, 1)
    assert relu[0].name == "a⁽²⁾₁"  # Ng's notation: the first hidden layer is layer 2


ENGLISH = re.compile(r"[A-Za-z]{2,}")
ALLOWED = {"tanh", "sigmoid", "softmax", "ReLU", "relu"}  # names, the same in the Chinese course material


def visible_strings(fig) -> list[str]:
    """Titles, axis titles, colour bar titles, annotations and legend names."""
    lay = fig.layout.to_plotly_json()
    out = [fig.layout.title.text or ""]
    sub = lay.get("title", {}).get("subtitle")
    out += [sub["text"]] if sub else []
    for key, val in lay.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(val, dict):
            out.append(val.get("title", {}).get("text", ""))
        if key.startswith("coloraxis"):
            out.append(val.get("colorbar", {}).get("title", {}).get("text", ""))
    out += [a.get("text", "") for a in lay.get("annotations", [])]
    for d in fig.data:
        if d.showlegend is not False and d.type == "scatter":
            out.append(d.name)
        cb = getattr(d, "colorbar", None)
        if cb is not None and cb.title.text:
            out.append(cb.title.text)
        if getattr(d, "text", None) is not None and d.type == "scatter":
            out.append(str(d.text[0]))
    return [re.sub(r"<[^>]+>|%\{[^}]+\}", " ", s) for s in out if s]


def zh_figures():
    yr = np.sin(X[:, :1])
    yield binary_fig("zh")
    yield boundary_figure(*NET3, "multiclass", X, CLS3, XT, CLS3T, "zh", grid=20)
    yield boundary_figure(*NETR, "regression", X, yr, XT, np.sin(XT[:, :1]), "zh", grid=20)
    yield boundary_figure(*NET1, "regression", X[:, :1], yr, XT[:, :1], np.sin(XT[:, :1]), "zh")
    yield neuron_maps_figure(*NET, X, "zh", grid=10)
    yield digit_images_figure(np.zeros((3, 64)), misclassified_titles([1, 2, 3], [3, 2, 1], "zh"), "zh")
    yield digit_images_figure(np.zeros((130, 64)), [], "zh")
    yield hidden_weights_figure(np.ones((4, 64)), "zh")
    yield confusion_figure(np.eye(3, dtype=int), (), "zh")
    yield learning_curves_figure({"train": [1, 0.5], "test": [1, 0.6]}, "zh", {"train": [0.5, 0.6], "test": [0.5, 0.5]})


def test_no_english_words_left_in_chinese():
    checked = 0
    for fig in zh_figures():
        strings = visible_strings(fig)
        assert strings and fig.layout.title.text
        for s in strings:
            left = set(ENGLISH.findall(s)) - ALLOWED
            assert not left, (s, left)
            checked += 1
    assert checked > 40


def test_every_string_in_both_languages_with_the_same_fields():
    assert DATA_FIGURE_STRINGS and all(STRINGS[k] == v for k, v in DATA_FIGURE_STRINGS.items())
    for key, entry in DATA_FIGURE_STRINGS.items():
        assert entry.get("en") and entry.get("zh"), key
        assert sorted(re.findall(r"\{\w+\}", entry["en"])) == sorted(re.findall(r"\{\w+\}", entry["zh"])), key


def test_fonts_are_projector_sized_and_the_payload_small():
    fig = binary_fig()
    assert fig.layout.font.size >= 14
    assert len(figure_json(fig)) < 250_000  # a 100 x 100 grid and 620 points, redrawn ten times a second
    for f in (neuron_maps_figure(*NET, X, "en"), digit_images_figure(np.zeros((3, 64)), ["1", "2", "3"], "en")):
        assert all(a.font.size >= 14 for a in f.layout.annotations)
