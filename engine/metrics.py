"""What a trained network gets right: predictions, labels, accuracy, the confusion matrix, and the input plane.

Tasks (issue 11): "binary" (y one 0/1 column, one sigmoid output, predicted class = a >= 0.5), "multiclass"
(y one-hot, softmax output, predicted class = argmax a), "regression" (one column, linear output; no classes).
Samples are rows, as in engine.network: x (n, d), y (n, k), outputs (n, n_L).
"""

from __future__ import annotations

import numpy as np

from engine.network import Params, forward

TASKS = ("binary", "multiclass", "regression")


def predict(params: Params, activations, x: np.ndarray) -> np.ndarray:
    """a^L for every row of x, shape (n, n_L)."""
    return forward(params, activations, np.asarray(x, dtype=float))[1][-1]


def _labels(task: str, v: np.ndarray) -> np.ndarray | None:
    if task not in TASKS:
        raise ValueError(f"task must be one of {', '.join(TASKS)}, not {task!r}")
    if task == "regression":
        return None
    v = np.asarray(v, dtype=float)
    if task == "binary":
        return (v[:, 0] >= 0.5).astype(np.int64)
    return np.argmax(v, axis=1)  # the first of equal largest, as np.argmax breaks ties


def predicted_labels(task: str, out: np.ndarray) -> np.ndarray | None:
    """The class the network picks for each row, (n,) ints: binary out[:, 0] >= 0.5, multiclass argmax;
    None for regression."""
    return _labels(task, out)


def true_labels(task: str, y: np.ndarray) -> np.ndarray | None:
    """The class of each target row, (n,) ints (binary: y >= 0.5, multiclass: the one-hot's 1); None for regression."""
    return _labels(task, y)


def accuracy(task: str, y: np.ndarray, out: np.ndarray) -> float | None:
    """The share of rows whose predicted class is the true one, in [0, 1]; None for regression and for no rows."""
    true = true_labels(task, y)
    if true is None or true.size == 0:
        return None
    return float(np.mean(predicted_labels(task, out) == true))


def confusion(true: np.ndarray, pred: np.ndarray, k: int) -> np.ndarray:
    """(k, k) counts: [i, j] = rows of true class i predicted as class j (rows true, columns predicted)."""
    true, pred = np.asarray(true, dtype=np.int64), np.asarray(pred, dtype=np.int64)
    if true.shape != pred.shape:
        raise ValueError(f"true has {true.size} labels and pred {pred.size}")
    if true.size and (min(true.min(), pred.min()) < 0 or max(true.max(), pred.max()) >= k):
        raise ValueError(f"labels must lie in 0..{k - 1}")
    return np.bincount(true * k + pred, minlength=k * k).reshape(k, k)


def plane_grid(x: np.ndarray, n: int = 100, pad: float = 0.1, square: bool = False):
    """An n x n grid over the first two columns of x, widened by pad times the data's span on every side
    (a span of 0 counts as 1); square: the shorter side widened about its centre to the longer one's span
    (a plane drawn with equal scales then fills a square, as TensorFlow Playground's does).

    Returns xs (n,), ys (n,) and points (n*n, 2) with points[iy * n + ix] = (xs[ix], ys[iy]): a value
    computed per point and reshaped to (n, n) is a heatmap's z (rows follow y, columns x).
    """
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or x.shape[1] < 2 or x.shape[0] == 0:
        raise ValueError("plane_grid needs at least one row of two inputs")
    lo, hi = x[:, :2].min(axis=0), x[:, :2].max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    if square:
        mid = (lo + hi) / 2
        span = np.full(2, span.max())
        lo, hi = mid - span / 2, mid + span / 2
    lo, hi = lo - pad * span, hi + pad * span
    xs, ys = np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n)
    gx, gy = np.meshgrid(xs, ys)  # (n, n) each, [iy, ix]
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def hidden_maps(params: Params, activations, points: np.ndarray) -> list[np.ndarray]:
    """Every hidden layer's activations a^l over the points, first hidden layer first, each (n_points, n_l)."""
    return forward(params, activations, np.asarray(points, dtype=float))[1][1:-1]
