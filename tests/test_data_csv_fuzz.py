"""engine/csvdata.py fuzzed: any bytes, and good files with cells cut and pasted, give a valid Dataset or
one DataError, never another exception."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_data_csv import GOOD  # the well-formed file the mutations start from

from engine.csvdata import csv_columns, dataset_from_csv
from engine.data_errors import MESSAGES, DataError


def _check(raw: bytes, target: str, **kw):
    try:
        ds = dataset_from_csv(raw, target, **kw)
    except DataError as e:
        assert e.key in MESSAGES and 0 < len(str(e)) <= 300 and "\n" not in str(e)
        return None
    assert ds.task in ("binary", "multiclass", "regression")
    for a in (ds.x_train, ds.y_train, ds.x_test, ds.y_test):
        assert a.dtype == np.float64 and np.isfinite(a).all() and not a.flags.writeable
    assert ds.n_train + ds.n_test >= 4 and ds.n_in == len(ds.features) >= 1
    return ds


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["a", "b", "column 1", "column 2", "species", ""]))
def test_fuzz_arbitrary_bytes(raw, target):
    _check(raw, target)
    try:
        csv_columns(raw)
    except DataError:
        pass


CELLS = st.sampled_from(
    [
        "",
        " ",
        "1",
        "-2.5",
        "1e3",
        "x",
        "NaN",
        "inf",
        "1e999",
        '"',
        '""',
        ",",
        ";",
        "\t",
        "\n",
        "\r",
        "\x00",
        "é",
        "\ufeff",
        "1_0",
        "١",
        "setosa",
        "NA",
        "?",
        "0x10",
        "1,5",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 3), CELLS), min_size=1, max_size=6),
    st.sampled_from(["auto", "classification", "regression"]),
    st.booleans(),
    st.sampled_from([0.0, 0.2, 0.5]),
)
def test_fuzz_mutated_good_files(edits, task, standardize, test_fraction):
    text = GOOD
    for pos, cut, cell in edits:
        text = text[:pos] + cell + text[pos + cut :]
    for raw in (text.encode("utf-8", "surrogatepass"), text.encode("utf-8", "surrogatepass")[: len(text) // 2]):
        _check(raw, "species", task=task, standardize=standardize, test_fraction=test_fraction)
