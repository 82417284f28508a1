"""The digits and training figures (viz/digits_figures.py, viz/data_figures.py): images, hidden weights,
confusion matrix and learning curves carry the numbers they draw."""

import numpy as np
import pytest

from engine.metrics import confusion
from viz.data_figures import (
    confusion_figure,
    digit_images_figure,
    hidden_weights_figure,
    learning_curves_figure,
    misclassified_titles,
)
from viz.hover import fmt

RNG = np.random.default_rng(12)


def test_digit_images_carry_their_pixels_and_index():
    imgs = RNG.integers(0, 17, (23, 64)).astype(float)
    titles = misclassified_titles(RNG.integers(0, 10, 23), RNG.integers(0, 10, 23), "en")
    fig = digit_images_figure(imgs, titles, "en")
    assert len(fig.data) == 23
    for k, tr in enumerate(fig.data):
        np.testing.assert_array_equal(tr.z, imgs[k].reshape(8, 8))
        assert (np.asarray(tr.customdata) == k).all()
    assert [a.text for a in fig.layout.annotations] == [s.replace("\n", "<br>") for s in titles]
    x0 = sorted({tr.x0 for tr in fig.data})
    y0 = sorted({tr.y0 for tr in fig.data})
    assert len(x0) == 10 and len(y0) == 3  # rows of up to 10
    assert not fig.layout.xaxis.visible and not fig.layout.yaxis.visible
    picked = digit_images_figure(imgs[:3], [], "en", indices=[40, 7, 19])
    assert [int(np.asarray(tr.customdata).max()) for tr in picked.data] == [40, 7, 19]
    many = digit_images_figure(np.zeros((150, 64)), [], "en")
    assert len(many.data) == 100 and "100" in many.layout.title.text and "150" in many.layout.title.text


def test_misclassified_titles_in_both_languages():
    assert misclassified_titles([3], [8], "en") == ["true 3 →\npredicted 8"]
    assert misclassified_titles([3], [8], "zh") == ["真实 3 →\n预测 8"]
    assert misclassified_titles([1], [0], "en", classes=("cat", "dog")) == ["true dog →\npredicted cat"]


def test_hidden_weights_are_the_rows_of_w1_on_a_scale_centred_at_zero():
    W1 = RNG.normal(size=(25, 64))
    fig = hidden_weights_figure(W1, "en")
    for j, tr in enumerate(fig.data):
        np.testing.assert_array_equal(tr.z, W1[j].reshape(8, 8))
        assert (np.asarray(tr.customdata) == j).all()
        assert tr.text[0][0] == fmt(W1[j, 0], 3)
    ca = fig.layout.coloraxis
    assert ca.cmax == np.abs(W1).max() and ca.cmin == -ca.cmax
    assert [a.text for a in fig.layout.annotations][:2] == ["a¹₁", "a¹₂"]
    with pytest.raises(ValueError, match="64 columns"):
        hidden_weights_figure(np.zeros((3, 65)), "en")


def test_confusion_figure_prints_the_counts():
    true, pred = RNG.integers(0, 4, 200), RNG.integers(0, 4, 200)
    cm = confusion(true, pred, 4)
    fig = confusion_figure(cm, ("w", "x", "y", "z"), "en")
    heat = fig.data[0]
    np.testing.assert_array_equal(heat.z, cm)
    assert np.asarray(heat.z).sum() == 200
    assert np.array_equal(np.asarray(heat.text), fmt(cm, 6))
    assert heat.texttemplate == "%{text}"
    assert f"{int((true == pred).sum())} of 200" in fig.layout.title.text
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("predicted class", "true class")
    assert list(fig.layout.yaxis.range) == [3.5, -0.5]  # class 0 at the top: the diagonal runs down
    assert list(fig.layout.xaxis.ticktext) == ["w", "x", "y", "z"] == list(fig.layout.yaxis.ticktext)


def test_learning_curves_carry_the_history():
    hist = {"train": [1.0, 0.5, 0.25], "test": [1.2, 0.7, float("inf")]}
    acc = {"train": [0.5, 0.8, 0.9], "test": [0.4, 0.7, 0.75]}
    fig = learning_curves_figure(hist, "en", acc)
    cost = [d for d in fig.data if d.meta["quantity"] == "cost"]
    accs = [d for d in fig.data if d.meta["quantity"] == "accuracy"]
    assert [d.meta["split"] for d in cost] == ["train", "test"]
    np.testing.assert_array_equal(cost[0].y, hist["train"])
    assert np.isnan(cost[1].y[2]) and cost[1].text[2].endswith(": ∞")
    np.testing.assert_allclose(accs[1].y, [40, 70, 75])
    assert all(d.yaxis == "y2" for d in accs)
    assert fig.layout.yaxis2.title.text == "accuracy (%)" and fig.layout.xaxis.title.text == "epoch"
    assert len(learning_curves_figure(hist, "en").data) == 2
    assert cost[0].text[1] == "epoch 2<br>training set cost: 0.5"


def test_learning_curves_take_their_epochs_and_stay_small():
    fig = learning_curves_figure({"train": [3.0, 2.0, 1.0], "test": [4.0, 3.0, 2.0], "epoch": [0.5, 1.0, 1.5]}, "en")
    assert len(fig.data) == 2 and all(list(d.x) == [0.5, 1.0, 1.5] for d in fig.data)
    long = np.exp(-np.arange(5000) / 1000)
    (tr,) = learning_curves_figure({"train": long}, "en").data
    assert len(tr.x) == 600 and tr.x[0] == 1 and tr.x[-1] == 5000
    np.testing.assert_array_equal(tr.y, long[np.asarray(tr.x, int) - 1])
