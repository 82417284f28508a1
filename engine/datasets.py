"""Data to learn from: seeded toy sets, three sets bundled with scikit-learn, and (engine/csvdata.py) a CSV.

A Dataset is a train/test split as read-only float64 arrays, with y in the form the output layer wants
(binary: one 0/1 column; multiclass: one-hot; regression: one column), and a `ref`: a small JSON-able
recipe ({"name": "moons", "n": 200, "noise": 0.1, "seed": 0, ...}) that rebuilds exactly the same arrays,
so a link carries a data set in a few dozen characters. from_ref reads an untrusted ref field by field.
fit_config shapes a network to a data set within the app's work budget.

Every problem is a DataError: a key (for translation, texts/data_engine.py) and the fields of its message.
scikit-learn is imported on first use (about a second), so importing this module stays cheap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.budget import MAX_MULTIPLY_ADDS, MAX_VALUES, work
from engine.config import NetworkConfig, from_dict
from engine.fields import describe, one_line, quote

TOY = ("moons", "circles", "xor", "blobs", "spiral", "regression_1d", "regression_2d")
BUNDLED = ("digits", "iris", "wine")
NAMES = TOY + BUNDLED
TASKS = ("binary", "multiclass", "regression")
MIN_N, MAX_N = 20, 2_000
MAX_SEED = 2**32 - 1  # scikit-learn's random_state takes 0 .. 2^32 - 1
MAX_TEST_FRACTION = 0.5
STANDARDIZED_BY_DEFAULT = ("wine",)  # its features differ ~1000-fold (proline ~1000, hue ~1)

# (output activation, loss) that fit each task; the first is the one output_for proposes.
# Multiclass also takes Ng's K sigmoid units with bce (his digits exercise); binary a sigmoid with mse.
OUTPUTS = {
    "binary": (("sigmoid", "bce"), ("sigmoid", "mse")),
    "multiclass": (("softmax", "cross_entropy"), ("sigmoid", "bce")),
    "regression": (("linear", "mse"),),
}

# The English message of every DataError key; texts/data_engine.py has it as "data_err_<key>" with zh.
# Fields are pre-formatted strings (user text quoted and cut), so both languages show the same values.
MESSAGES = {
    # data sets and links
    "unknown_dataset": "unknown data set {name}; the data sets are {names}",
    "bad_n": "n is {value}, expected a whole number of samples from {lo} to {hi}",
    "bad_noise": "noise is {value}, expected a number from 0 to 1",
    "bad_seed": "seed is {value}, expected a whole number from 0 to {hi}",
    "bad_test_fraction": "the test split is {value}, expected a fraction from 0 to {hi}",
    "bad_standardize": "standardize is {value}, expected true or false",
    "bad_ref": "the data recipe is {value}, expected an object like {{'name': 'moons', 'seed': 0}}",
    "ref_missing": "the data recipe has no {field}",
    "ref_field": "the data recipe has an unknown field {field}; for {name} the fields are {fields}",
    "ref_csv": "an uploaded CSV file cannot be rebuilt from a link; load the file again",
    "budget": (
        "the network {widths} with {m} training samples is over this app's work budget: {values} values per "
        "quantity (limit {max_values}) and {multiply_adds} multiply-adds a pass (limit {max_multiply_adds}); "
        "use fewer samples or narrower hidden layers"
    ),
    # the CLI: a config that does not fit the data
    "config_inputs": "the data has {features} features but layers[0] is {width}; set layers[0] to {features}",
    "config_outputs": "the target {target} needs {n_out} output neuron(s), but layers[-1] is {width}",
    "config_output": "the target {target} needs an output layer of {wanted}, but the config has {act} with {loss}",
    # CSV files
    "not_bytes": "the CSV data is {value}, expected the file's bytes",
    "too_big": "the file is {size} bytes, more than the {limit} allowed",
    "empty": "the file is empty",
    "not_utf8": "the file is not UTF-8 text: byte {offset} (row {row}) cannot be read; save it as UTF-8 CSV",
    "csv_syntax": "row {row}: the CSV cannot be read ({detail})",
    "header_only": "the file has a header row but no data rows",
    "too_many_columns": "the file has {columns} columns; at most {limit} features (plus the target) are allowed",
    "too_many_rows": "the file has more than {limit} data rows",
    "duplicate_column": "columns {first} and {second} are both named {column}; column names must differ",
    "unknown_target": "there is no column {target}; the columns are {columns}",
    "no_features": "the file has only the target column {column}; it needs at least one feature column",
    "row_length": "row {row} has {found} fields, but the first row has {expected}",
    "long_row": "row {row} has more than {limit} fields; at most {features} features (plus the target) are allowed",
    "missing": "row {row}, column {column}: the value is missing",
    "not_number": "row {row}, column {column}: {value} is not a number",
    "not_finite": "row {row}, column {column}: {value} is not a finite number",
    "few_rows": "the file has {rows} data row(s); at least {minimum} are needed",
    "bad_task": "the task is {value}, expected auto, classification or regression",
    "one_class": "column {column} holds one class only ({label}); a classifier needs at least two",
    "few_samples": (
        "column {column}: class {label} has {count} sample(s), too few to split into training and test "
        "(at least {minimum}); remove it or use a test split of 0"
    ),
    "too_many_classes": "column {column} has {count} classes, more than the {limit} output neurons allowed",
    "scale_overflow": "column {column}: its values span too wide a range to standardise",
}


class DataError(ValueError):
    """One clear line. key names the problem (for translation); fields are the values in the message."""

    def __init__(self, key: str, **fields) -> None:
        self.key = key
        self.fields = {k: str(v) for k, v in fields.items()}
        super().__init__(one_line(MESSAGES[key].format(**self.fields)))

    def __reduce__(self):  # pickles (st.cache_data, multiprocessing) by key and fields, not by message
        return (_data_error, (self.key, self.fields))


def _data_error(key, fields):
    return DataError(key, **fields)


def count(n: int) -> str:
    """A whole number for a message, with thousands separators."""
    return f"{n:,}"


@dataclass(frozen=True, eq=False)
class Dataset:
    """A data set split into training and test rows; every array float64 and read-only."""

    name: str  # one of NAMES, or "csv"
    task: str  # one of TASKS
    x_train: np.ndarray  # (n_train, d)
    y_train: np.ndarray  # (n_train, k): binary one 0/1 column; multiclass one-hot; regression one column
    x_test: np.ndarray  # (n_test, d)
    y_test: np.ndarray  # (n_test, k)
    features: tuple[str, ...]  # d names
    classes: tuple[str, ...]  # class names in column order (binary: negative first); () for regression
    image_shape: tuple[int, int] | None = None  # (8, 8) for digits: a row is an image
    ref: dict | None = None  # JSON-able recipe: from_ref(ref) == self; None for an uploaded CSV
    scaling: tuple | None = None  # (mean, std) of the training split when standardised, else None
    source: str = ""  # the file name of a CSV

    def __post_init__(self):
        for a in self._arrays():
            a.flags.writeable = False

    def _arrays(self):
        return (self.x_train, self.y_train, self.x_test, self.y_test) + (self.scaling or ())

    def __setstate__(self, state):  # pickling drops the read-only flag; set it again
        for k, v in state.items():
            object.__setattr__(self, k, v)
        self.__post_init__()

    def _meta(self):
        return (self.name, self.task, self.features, self.classes, self.image_shape, self.ref, self.source)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        if self._meta() != other._meta() or (self.scaling is None) != (other.scaling is None):
            return False
        return all(np.array_equal(a, b) for a, b in zip(self._arrays(), other._arrays(), strict=True))

    def __hash__(self) -> int:
        return hash((self.name, self.task, self.x_train.shape, self.x_test.shape, self.features))

    @property
    def n_in(self) -> int:
        return self.x_train.shape[1]

    @property
    def n_out(self) -> int:
        return self.y_train.shape[1]

    @property
    def n_train(self) -> int:
        return self.x_train.shape[0]

    @property
    def n_test(self) -> int:
        return self.x_test.shape[0]

    @property
    def labels_train(self) -> np.ndarray | None:
        """The class index of each training row (None for regression)."""
        return labels_of(self.task, self.y_train)

    @property
    def labels_test(self) -> np.ndarray | None:
        return labels_of(self.task, self.y_test)


def labels_of(task: str, y: np.ndarray) -> np.ndarray | None:
    """Class indices from targets in the Dataset's form: binary 0/1 column, multiclass one-hot."""
    if task == "regression":
        return None
    if task == "binary":
        return (y[:, 0] >= 0.5).astype(int)
    return np.argmax(y, axis=1) if y.shape[0] else np.zeros(0, dtype=int)


def targets(task: str, labels: np.ndarray, k: int) -> np.ndarray:
    """The y array of class indices: binary one 0/1 column, multiclass one-hot with k columns."""
    if task == "binary":
        return labels.astype(float).reshape(-1, 1)
    return np.eye(k)[labels]


# ---- checking the arguments (make's and a ref's) -------------------------------------------------


def _whole(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _real(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def _show(v) -> str:
    return describe(v.item() if isinstance(v, np.generic) else v)


def check_seed(seed) -> int:
    if not (_whole(seed) and 0 <= seed <= MAX_SEED):
        raise DataError("bad_seed", value=_show(seed), hi=count(MAX_SEED))
    return int(seed)


def check_test_fraction(f) -> float:
    if not (_real(f) and math.isfinite(float(f)) and 0 <= f <= MAX_TEST_FRACTION):
        raise DataError("bad_test_fraction", value=_show(f), hi=MAX_TEST_FRACTION)
    return float(f)


def check_standardize(s) -> bool:
    if not isinstance(s, (bool, np.bool_)):
        raise DataError("bad_standardize", value=_show(s))
    return bool(s)


def _check_n(n) -> int:
    if not (_whole(n) and MIN_N <= n <= MAX_N):
        raise DataError("bad_n", value=_show(n), lo=count(MIN_N), hi=count(MAX_N))
    return int(n)


def _check_noise(noise) -> float:
    if not (_real(noise) and math.isfinite(float(noise)) and 0 <= noise <= 1):
        raise DataError("bad_noise", value=_show(noise))
    return float(noise)


def _check_name(name) -> str:
    if not isinstance(name, str) or name not in NAMES:
        shown = quote(name) if isinstance(name, str) else _show(name)
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
        n, noise = _check_n(n), _check_noise(noise)
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


# ---- a network for the data ----------------------------------------------------------------------


def output_for(ds: Dataset) -> tuple[int, str, str]:
    """(output width, output activation, loss) a network for ds should have:
    binary (1, sigmoid, bce); multiclass (k, softmax, cross_entropy); regression (1, linear, mse)."""
    act, loss = OUTPUTS[ds.task][0]
    return ds.n_out, act, loss


def fits_output(ds: Dataset, activation: str, loss: str) -> bool:
    """Whether an output activation and loss suit ds's task (OUTPUTS: multiclass also takes sigmoid + bce)."""
    return (activation, loss) in OUTPUTS[ds.task]


def check_fits(cfg: NetworkConfig, ds: Dataset, target: str = "y") -> None:
    """DataError unless cfg's input width is ds.n_in and its output width, activation and loss fit ds's
    task; the message says what to change (the command line's check: it trains the config as given)."""
    if cfg.layers[0] != ds.n_in:
        raise DataError("config_inputs", features=ds.n_in, width=cfg.layers[0])
    if cfg.layers[-1] != ds.n_out:
        raise DataError("config_outputs", target=quote(target), n_out=ds.n_out, width=cfg.layers[-1])
    if not fits_output(ds, cfg.activations[-1], cfg.loss):
        wanted = " or ".join(f"{a} with {lo}" for a, lo in OUTPUTS[ds.task])
        raise DataError("config_output", target=quote(target), wanted=wanted, act=cfg.activations[-1], loss=cfg.loss)


def budget_error(layers, m: int) -> DataError | None:
    """DataError 'budget' when the widths on m samples are over the app's work budget, else None."""
    w = work(layers, m)
    if w.fits:
        return None
    return DataError(
        "budget",
        widths="-".join(str(n) for n in layers),
        m=count(m),
        values=count(w.values),
        max_values=count(MAX_VALUES),
        multiply_adds=count(w.multiply_adds),
        max_multiply_adds=count(MAX_MULTIPLY_ADDS),
    )


def fit_config(cfg: NetworkConfig, ds: Dataset) -> tuple[NetworkConfig, list[tuple[str, object, object]]]:
    """A config for ds and what changed, as (what, old, new), each entry only where it changed.

    The input width becomes ds.n_in; the output width, activation and loss fit the task (cfg's own output
    activation and loss are kept where they fit it, else output_for's); hidden widths and activations, l2
    and init are kept; x, y become the training split; weights and biases are drawn by cfg.init again.
    Changes: ("inputs", n, n'), ("outputs", n, n'), ("output", (act, loss), (act', loss')),
    ("samples", m, m'), ("weights", "given", "init") when cfg had weights of its own.
    DataError 'budget' when the training set on these widths is over the app's work budget.
    """
    n_out = ds.n_out
    act, loss = cfg.activations[-1], cfg.loss
    if not fits_output(ds, act, loss):
        _, act, loss = output_for(ds)
    layers = (ds.n_in, *cfg.layers[1:-1], n_out)
    if too_big := budget_error(layers, ds.n_train):
        raise too_big
    d = cfg.to_dict()
    d.pop("weights", None)
    d.pop("biases", None)
    d.update(
        layers=list(layers),
        activations=[*cfg.activations[:-1], act],
        loss=loss,
        x=ds.x_train.tolist(),
        y=ds.y_train.tolist(),
    )
    new = from_dict(d)
    changes = []
    for what, old, now in (
        ("inputs", cfg.layers[0], ds.n_in),
        ("outputs", cfg.layers[-1], n_out),
        ("output", (cfg.activations[-1], cfg.loss), (act, loss)),
        ("samples", cfg.m, ds.n_train),
        ("weights", "init" if cfg.weights is None else "given", "init"),
    ):
        if old != now:
            changes.append((what, old, now))
    return new, changes


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
