"""Data to learn from: seeded toy sets, three sets bundled with scikit-learn, and (engine/csvdata.py) a CSV.

A Dataset (engine/data_record.py) is a train/test split as read-only float64 arrays, with y in the form the
output layer wants (binary: one 0/1 column; multiclass: one-hot; regression: one column), and a `ref`: a
small JSON-able recipe ({"name": "moons", "n": 200, "noise": 0.1, "seed": 0, ...}) that rebuilds exactly
the same arrays, so a link carries a data set in a few dozen characters. from_ref reads an untrusted ref
field by field. split and standardise are shared with engine/csvdata.py.

Every problem is a DataError (engine/data_errors.py): a key (for translation, texts/data_engine.py) and the
fields of its message. fit_config (engine/data_fit.py) shapes a network to a data set within the app's
work budget. This module re-exports both, and the record, so `from engine.datasets import ...` has them.
scikit-learn is imported on first use (about a second), so importing this module stays cheap.
"""

from __future__ import annotations

import math

import numpy as np

from engine.data_errors import (
    MESSAGES,
    DataError,
    _data_error,  # noqa: F401  (pickled DataErrors made before the split name engine.datasets._data_error)
    check_n,
    check_noise,
    check_seed,
    check_standardize,
    check_test_fraction,
    show_value,
)
from engine.data_fit import OUTPUTS, check_fits, fit_config, fits_output, output_for
from engine.data_record import Dataset, targets
from engine.fields import describe, quote

TOY = ("moons", "circles", "xor", "blobs", "spiral", "regression_1d", "regression_2d")
BUNDLED = ("digits", "iris", "wine")
NAMES = TOY + BUNDLED
TASKS = ("binary", "multiclass", "regression")
STANDARDIZED_BY_DEFAULT = ("wine",)  # its features differ ~1000-fold (proline ~1000, hue ~1)


def _check_name(name) -> str:
    if not isinstance(name, str) or name not in NAMES:
        shown = quote(name) if isinstance(name, str) else show_value(name)
        raise DataError("unknown_dataset", name=shown, names=", ".join(NAMES))
    return name


# ---- generating ----------------------------------------------------------------------------------


BLOB_CENTERS = ((0.0, 2.0), (-math.sqrt(3), -1.0), (math.sqrt(3), -1.0))
XOR_CENTERS = ((1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0))


def _toy(name: str, n: int, noise: float, seed: int):
    """(x, labels or y, task, classes) of a toy set; x has two columns except regression_1d's one."""
    from sklearn import datasets as skd

    rng = np.random.default_rng(seed)
    if name == "moons":
        x, lab = skd.make_moons(n_samples=n, noise=noise, random_state=seed)
        return x, lab, "binary", ("0", "1")
    if name == "circles":  # label 1: the inner circle
        x, lab = skd.make_circles(n_samples=n, noise=noise, factor=0.5, random_state=seed)
        return x, lab, "binary", ("0", "1")
    if name == "blobs":
        x, lab = skd.make_blobs(n_samples=n, centers=BLOB_CENTERS, cluster_std=0.25 + 1.5 * noise, random_state=seed)
        return x, lab, "multiclass", ("0", "1", "2")
    if name == "xor":  # four clusters; the label is the quadrant's parity: 1 where x1 and x2 differ in sign
        x, _ = skd.make_blobs(n_samples=n, centers=XOR_CENTERS, cluster_std=0.2 + noise, random_state=seed)
        return x, (x[:, 0] * x[:, 1] < 0).astype(int), "binary", ("0", "1")
    if name == "spiral":  # three arms (CS231n's case study): radius 0..1, each arm a 4-radian turn
        k = 3
        lab = np.arange(n) % k
        r = np.empty(n)
        t = np.empty(n)
        for j in range(k):
            sel = lab == j
            r[sel] = np.linspace(0.0, 1.0, sel.sum())
            t[sel] = np.linspace(4.0 * j, 4.0 * (j + 1), sel.sum())
        t = t + rng.normal(0.0, 2.0 * noise, n)
        x = np.column_stack([r * np.sin(t), r * np.cos(t)])
        order = rng.permutation(n)
        return x[order], lab[order], "multiclass", ("0", "1", "2")
    if name == "regression_1d":  # y = sin(x) + noise, x in [-3, 3]
        x = rng.uniform(-3.0, 3.0, (n, 1))
        return x, np.sin(x) + noise * rng.normal(size=(n, 1)), "regression", ()
    # regression_2d: y = sin(x1) cos(x2) + noise, x in [-3, 3]^2
    x = rng.uniform(-3.0, 3.0, (n, 2))
    y = np.sin(x[:, :1]) * np.cos(x[:, 1:]) + noise * rng.normal(size=(n, 1))
    return x, y, "regression", ()


def _bundled(name: str):
    """(x, labels, features, classes, image_shape) of a set shipped inside scikit-learn (no download)."""
    from sklearn import datasets as skd

    if name == "digits":  # 8x8 images, pixel values 0-16 scaled to 0-1
        b = skd.load_digits()
        feats = tuple(b.feature_names)  # pixel_0_0 .. pixel_7_7: row, column
        return b.data / 16.0, b.target, feats, tuple(str(c) for c in b.target_names), (8, 8)
    b = skd.load_iris() if name == "iris" else skd.load_wine()
    return b.data, b.target, tuple(b.feature_names), tuple(str(c) for c in b.target_names), None


def can_stratify(labels: np.ndarray, n_test: int) -> bool:
    """Whether a split keeping each class's share is possible: every class twice, k rows on each side."""
    counts = np.bincount(labels)
    counts = counts[counts > 0]
    k = len(counts)
    return bool(counts.min() >= 2 and n_test >= k and len(labels) - n_test >= k)


def split(x: np.ndarray, y: np.ndarray, labels, test_fraction: float, seed: int):
    """(x_train, y_train, x_test, y_test): scikit-learn's seeded train_test_split, stratified by class where
    possible (every class in both parts in its share), with ceil(test_fraction * n) test rows; 0: no test rows."""
    n = x.shape[0]
    n_test = math.ceil(test_fraction * n)
    if n_test == 0:
        return x, y, x[:0], y[:0]
    from sklearn.model_selection import train_test_split

    strat = labels if labels is not None and can_stratify(labels, n_test) else None
    tr, te = train_test_split(np.arange(n), test_size=n_test, random_state=seed, stratify=strat)
    return x[tr], y[tr], x[te], y[te]


def standardise(x_train: np.ndarray, x_test: np.ndarray, features=None):
    """(x_train, x_test, (mean, std)) with each column's mean and std taken over the training rows only.

    Computed on each column divided by its largest |value| first, so no intermediate overflows; a constant
    column keeps std 1 (it becomes 0). DataError scale_overflow where a result is still not finite.
    """
    with np.errstate(all="ignore"):
        s = np.abs(x_train).max(axis=0) if x_train.shape[0] else np.ones(x_train.shape[1])
        s = np.where(s > 0, s, 1.0)
        u = x_train / s
        mu = u.mean(axis=0)
        sd = u.std(axis=0)
        sd = np.where(sd > 0, sd, 1.0)
        tr = (u - mu) / sd
        te = (x_test / s - mu) / sd
        mean, std = mu * s, sd * s
    for a in (tr, te, mean, std):
        bad = ~np.isfinite(a).all(axis=0) if a.ndim == 2 else ~np.isfinite(a)
        if bad.any():
            j = int(np.argmax(bad))
            raise DataError("scale_overflow", column=quote(features[j]) if features else j + 1)
    return tr, te, (mean, std)


def make(
    name: str,
    n: int = 200,
    noise: float = 0.1,
    seed: int = 0,
    test_fraction: float = 0.2,
    standardize: bool | None = None,
) -> Dataset:
    """A named data set, split into training and test rows; the same arguments give the same arrays.

    Toy sets (TOY) draw n points (20-2,000) with noise (0-1); the bundled sets (digits, iris, wine) ignore
    n and noise. standardize: scale each feature to mean 0, std 1 over the training rows; None takes the
    data set's default (True for wine, whose features differ ~1000-fold; False for the rest: the toy sets
    are already near unit scale and digits' pixels are 0-1).
    """
    name = _check_name(name)
    seed = check_seed(seed)
    test_fraction = check_test_fraction(test_fraction)
    standardize = name in STANDARDIZED_BY_DEFAULT if standardize is None else check_standardize(standardize)
    image_shape = None
    if name in TOY:
        n, noise = check_n(n), check_noise(noise)
        x, lab, task, classes = _toy(name, n, noise, seed)
        features = ("x1",) if x.shape[1] == 1 else ("x1", "x2")
        ref = {"name": name, "n": n, "noise": noise}
    else:
        x, lab, features, classes, image_shape = _bundled(name)
        task = "multiclass"
        ref = {"name": name}
    ref.update(seed=seed, test_fraction=test_fraction, standardize=standardize)
    x = np.asarray(x, dtype=float)
    if task == "regression":
        y, labels = np.asarray(lab, dtype=float), None
    else:
        labels = np.asarray(lab, dtype=int)
        y = targets(task, labels, len(classes))
    x_tr, y_tr, x_te, y_te = split(x, y, labels, test_fraction, seed)
    scaling = None
    if standardize:
        x_tr, x_te, scaling = standardise(x_tr, x_te, features)
    return Dataset(
        name,
        task,
        *(np.ascontiguousarray(a, dtype=float) for a in (x_tr, y_tr, x_te, y_te)),
        features=features,
        classes=classes,
        image_shape=image_shape,
        ref=ref,
        scaling=scaling,
    )


REF_FIELDS_TOY = ("name", "n", "noise", "seed", "test_fraction", "standardize")
REF_FIELDS_BUNDLED = ("name", "seed", "test_fraction", "standardize")


def from_ref(ref) -> Dataset:
    """The data set a recipe describes (make's arguments as a dict; n and noise for toy sets only).

    The recipe is untrusted (it comes from a link): every field is checked, and anything wrong is a
    DataError naming it, never another exception. Missing seed, test_fraction, standardize take make's
    defaults; n and noise too.
    """
    if not isinstance(ref, dict):
        raise DataError("bad_ref", value=describe(ref))
    if "name" not in ref:
        raise DataError("ref_missing", field="name")
    name = ref["name"]
    if name == "csv":
        raise DataError("ref_csv")
    name = _check_name(name)
    allowed = REF_FIELDS_TOY if name in TOY else REF_FIELDS_BUNDLED
    for k in ref:
        if k not in allowed:
            field = quote(k) if isinstance(k, str) else describe(k)
            raise DataError("ref_field", field=field, name=name, fields=", ".join(allowed))
    if "standardize" in ref:  # make takes None for the set's default; a recipe says which
        check_standardize(ref["standardize"])
    return make(**ref)


__all__ = [
    "BUNDLED",
    "MESSAGES",
    "NAMES",
    "OUTPUTS",
    "TASKS",
    "TOY",
    "DataError",
    "Dataset",
    "check_fits",
    "fit_config",
    "fits_output",
    "from_ref",
    "make",
    "output_for",
]
