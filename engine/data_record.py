"""The Dataset record: a train/test split as read-only float64 arrays, and the targets' two forms.

y is in the form the output layer wants (binary: one 0/1 column; multiclass: one-hot; regression: one
column); labels_of and targets convert between that form and class indices. engine.datasets makes the
named sets, engine.csvdata a CSV file's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Dataset:
    """A data set split into training and test rows; every array float64 and read-only.

    Equal by value (every field, every array element); unhashable, as arrays are: nothing keys by a data
    set, and a hash of part of it would say two different sets are the same key.
    """

    name: str  # one of engine.datasets.NAMES, or "csv"
    task: str  # one of engine.datasets.TASKS
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

    __hash__ = None  # equal by value over arrays: never a dict key or set member

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
