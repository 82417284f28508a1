"""engine.metrics: predictions, labels, accuracy, the confusion matrix and the input plane, on hand-computed cases."""

import numpy as np
import pytest
from scipy.special import expit

from engine.metrics import accuracy, confusion, hidden_maps, plane_grid, predict, predicted_labels, true_labels

# a 2-2-1 net: relu hidden layer, sigmoid output
W1, b1 = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.0, -1.0])
W2, b2 = np.array([[1.0, -1.0]]), np.array([0.5])
PARAMS, ACTS = [(W1, b1), (W2, b2)], ["relu", "sigmoid"]
X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
# by hand: z1 = (1, -0.5), (-1, 1), (0, 4); a1 = (1, 0), (0, 1), (0, 4); z2 = 1.5, -0.5, -3.5
A1 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 4.0]])
A2 = np.array([[0.8175744761936437], [0.3775406687981454], [0.029312230751356319]])


def test_predict_is_the_output_layer_worked_by_hand():
    out = predict(PARAMS, ACTS, X)
    assert out.shape == (3, 1)
    np.testing.assert_allclose(out, A2, rtol=1e-15)
    np.testing.assert_allclose(out[:, 0], expit([1.5, -0.5, -3.5]), rtol=1e-15)


def test_hidden_maps_are_the_hidden_activations():
    (h,) = hidden_maps(PARAMS, ACTS, X)
    np.testing.assert_array_equal(h, A1)
    deeper = hidden_maps(PARAMS[:1] + [(np.eye(2), np.zeros(2))] + PARAMS[1:], ["relu", "linear", "sigmoid"], X)
    assert len(deeper) == 2 and np.array_equal(deeper[1], A1)


def test_binary_labels_and_accuracy():
    out = predict(PARAMS, ACTS, X)
    assert predicted_labels("binary", out).tolist() == [1, 0, 0]
    y = np.array([[1.0], [1.0], [0.0]])
    assert true_labels("binary", y).tolist() == [1, 1, 0]
    assert accuracy("binary", y, out) == pytest.approx(2 / 3)
    assert predicted_labels("binary", np.array([[0.5], [0.4999999]])).tolist() == [1, 0]  # a >= 0.5 is class 1


def test_multiclass_labels_take_the_largest_and_the_first_of_a_tie():
    out = np.array([[0.2, 0.5, 0.3], [0.4, 0.4, 0.2], [0.1, 0.1, 0.8]])
    assert predicted_labels("multiclass", out).tolist() == [1, 0, 2]
    y = np.eye(3)[[1, 1, 2]]
    assert true_labels("multiclass", y).tolist() == [1, 1, 2]
    assert accuracy("multiclass", y, out) == pytest.approx(2 / 3)


def test_regression_has_no_classes_and_no_accuracy():
    out = np.array([[0.3], [2.0]])
    assert predicted_labels("regression", out) is None
    assert true_labels("regression", out) is None
    assert accuracy("regression", out, out) is None


def test_accuracy_of_no_rows_is_none_and_a_task_must_be_known():
    assert accuracy("binary", np.zeros((0, 1)), np.zeros((0, 1))) is None
    with pytest.raises(ValueError, match="task"):
        predicted_labels("ranking", np.zeros((1, 1)))


def test_confusion_counts_by_hand():
    true = np.array([0, 0, 1, 2, 2, 2])
    pred = np.array([0, 1, 1, 2, 0, 2])
    cm = confusion(true, pred, 3)
    assert cm.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    assert cm.sum() == len(true) and np.trace(cm) == int((true == pred).sum())
    assert cm.sum(axis=1).tolist() == np.bincount(true, minlength=3).tolist()  # rows: true class
    assert cm.sum(axis=0).tolist() == np.bincount(pred, minlength=3).tolist()  # columns: predicted
    assert confusion(np.array([], int), np.array([], int), 2).tolist() == [[0, 0], [0, 0]]


def test_confusion_refuses_labels_outside_its_classes():
    with pytest.raises(ValueError, match="0..1"):
        confusion(np.array([0, 2]), np.array([0, 1]), 2)
    with pytest.raises(ValueError):
        confusion(np.array([0, 1]), np.array([0]), 2)


def test_plane_grid_covers_the_data_with_a_margin():
    xs, ys, pts = plane_grid(np.array([[0.0, 0.0], [2.0, 1.0]]), n=3, pad=0.1)
    np.testing.assert_allclose(xs, [-0.2, 1.0, 2.2])
    np.testing.assert_allclose(ys, [-0.1, 0.5, 1.1])
    assert pts.shape == (9, 2)
    for iy in range(3):
        for ix in range(3):
            assert tuple(pts[iy * 3 + ix]) == (xs[ix], ys[iy])  # reshaped (n, n): rows follow y, columns x


def test_plane_grid_of_a_constant_column_and_of_too_few_inputs():
    xs, ys, _ = plane_grid(np.array([[1.0, 5.0], [3.0, 5.0]]), n=5, pad=0.5)
    np.testing.assert_allclose([ys[0], ys[-1]], [4.5, 5.5])  # a span of 0 counts as 1
    np.testing.assert_allclose([xs[0], xs[-1]], [0.0, 4.0])
    with pytest.raises(ValueError):
        plane_grid(np.array([[1.0], [2.0]]))
    with pytest.raises(ValueError):
        plane_grid(np.zeros((0, 2)))


def test_a_square_plane_widens_the_shorter_side_about_its_centre():
    xs, ys, _ = plane_grid(np.array([[0.0, 0.0], [4.0, 1.0]]), n=5, pad=0.0, square=True)
    np.testing.assert_allclose([xs[0], xs[-1], ys[0], ys[-1]], [0.0, 4.0, -1.5, 2.5])
