"""The data layer's errors and argument checks: every problem is a DataError, a key and its message's fields.

The key is for translation (texts/data_engine.py has "data_err_<key>" in English and Chinese); the fields
are pre-formatted strings (user text quoted and cut), so both languages show the same values. The checks
here read make's and a recipe's (engine.datasets) and the CSV reader's (engine.csvdata) arguments.
"""

from __future__ import annotations

import math

import numpy as np

from engine.fields import describe, one_line

MIN_N, MAX_N = 20, 2_000
MAX_SEED = 2**32 - 1  # scikit-learn's random_state takes 0 .. 2^32 - 1
MAX_TEST_FRACTION = 0.5

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


# ---- checking the arguments (make's, a ref's and the CSV reader's) -------------------------------


def _whole(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _real(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)


def show_value(v) -> str:
    """An argument for a message: numpy scalars as Python's, anything else as engine.fields.describe shows it."""
    return describe(v.item() if isinstance(v, np.generic) else v)


def check_seed(seed) -> int:
    if not (_whole(seed) and 0 <= seed <= MAX_SEED):
        raise DataError("bad_seed", value=show_value(seed), hi=count(MAX_SEED))
    return int(seed)


def check_test_fraction(f) -> float:
    if not (_real(f) and math.isfinite(float(f)) and 0 <= f <= MAX_TEST_FRACTION):
        raise DataError("bad_test_fraction", value=show_value(f), hi=MAX_TEST_FRACTION)
    return float(f)


def check_standardize(s) -> bool:
    if not isinstance(s, (bool, np.bool_)):
        raise DataError("bad_standardize", value=show_value(s))
    return bool(s)


def check_n(n) -> int:
    if not (_whole(n) and MIN_N <= n <= MAX_N):
        raise DataError("bad_n", value=show_value(n), lo=count(MIN_N), hi=count(MAX_N))
    return int(n)


def check_noise(noise) -> float:
    if not (_real(noise) and math.isfinite(float(noise)) and 0 <= noise <= 1):
        raise DataError("bad_noise", value=show_value(noise))
    return float(noise)
