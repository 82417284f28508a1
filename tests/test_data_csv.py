"""engine/csvdata.py: your own data from a CSV file; every malformed file is one DataError naming where
(fuzzed: test_data_csv_fuzz.py)."""

import numpy as np
import pytest

from engine.csvdata import MAX_BYTES, MAX_FEATURES, MAX_ROWS, csv_columns, dataset_from_csv
from engine.datasets import MESSAGES, DataError, Dataset, make


def iris_like(n_per_class: int = 6, sep: str = ",", header: bool = True) -> str:
    """A small, well-formed file: four numeric features and a text class."""
    rng = np.random.default_rng(0)
    lines = [sep.join(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"])] if header else []
    for k, name in enumerate(("setosa", "versicolor", "virginica")):
        for _ in range(n_per_class):
            lines.append(sep.join([f"{v:.2f}" for v in rng.normal(k + 1, 0.3, 4)] + [name]))
    return "\n".join(lines) + "\n"


GOOD = iris_like()
GOOD_LINES = GOOD.splitlines()


def with_line(i: int, line: str) -> bytes:
    """GOOD with line i (0 = the header, row 1) replaced."""
    lines = list(GOOD_LINES)
    lines[i] = line
    return ("\n".join(lines) + "\n").encode()


# (file, target, key, what the message must name)
MALFORMED = [
    (with_line(16, "1.0,2.0,3.0,abc,virginica"), "species", "not_number", ["row 17", "'petal_width'", "'abc'"]),
    (with_line(3, "1.0,,3.0,1.0,setosa"), "species", "missing", ["row 4", "'sepal_width'"]),
    (with_line(5, "1.0,NA,3.0,1.0,setosa"), "species", "missing", ["row 6", "'sepal_width'"]),
    (with_line(2, "1.0,2.0,3.0,1.0,"), "species", "missing", ["row 3", "'species'"]),
    (with_line(7, "NaN,2.0,3.0,1.0,versicolor"), "species", "not_finite", ["row 8", "'sepal_length'", "'NaN'"]),
    (with_line(8, "1.0,inf,3.0,1.0,versicolor"), "species", "not_finite", ["row 9", "'sepal_width'"]),
    (with_line(9, "1.0,2.0,-Infinity,1.0,versicolor"), "species", "not_finite", ["row 10", "'petal_length'"]),
    (with_line(4, "1.0,2.0,1e999,1.0,setosa"), "species", "not_finite", ["row 5", "'petal_length'", "1e999"]),
    (with_line(11, "1.0,2.0,3.0,1.0,virginica,extra"), "species", "row_length", ["row 12", "6 fields", "has 5"]),
    (with_line(12, "1.0,2.0,3.0"), "species", "row_length", ["row 13", "3 fields"]),
    (with_line(6, "1_000,2.0,3.0,1.0,setosa"), "species", "not_number", ["row 7", "'sepal_length'", "1_000"]),
    (with_line(6, "1,5;2.0,3.0,1.0,setosa"), "species", "not_number", ["row 7", "'sepal_width'", "'5;2.0'"]),
    (with_line(0, "a,b,a,d,species"), "species", "duplicate_column", ["columns 1 and 3", "'a'"]),
    (GOOD.encode(), "Species", "unknown_target", ["'Species'", "'species'"]),
    (GOOD.encode(), "", "unknown_target", ["''"]),
    (b"", "species", "empty", []),
    (b"\n\n  \n", "species", "empty", []),
    (b"\xef\xbb\xbf", "species", "empty", []),
    (b"a,b,species\n", "species", "header_only", []),
    (b"a,b,species\n,,\n\n", "species", "header_only", []),
    (b"a,b,species\n1,2,x\n3,4,y\n5,6,x\n", "species", "few_rows", ["3 data row"]),
    (b"1,2,3\n4,5,6\n", "column 3", "few_rows", ["2 data row"]),
    (b"species\nx\ny\nx\ny\n", "species", "no_features", ["'species'"]),
    (
        GOOD.replace("versicolor", "setosa").replace("virginica", "setosa").encode(),
        "species",
        "one_class",
        ["'species'", "'setosa'"],
    ),
    (
        GOOD.replace("virginica", "setosa", 5).encode(),
        "species",
        "few_samples",
        ["'species'", "'virginica'", "1 sample"],
    ),
    (("a,b\n1,2\n3,4\n" + "é".encode().decode() + ",5\n").encode("latin-1"), "b", "not_utf8", ["byte 12", "row 4"]),
    (b"\xff\xfea\x00,\x00b\x00\n\x00", "b", "not_utf8", ["byte 0", "row 1"]),
    (GOOD.encode("utf-16"), "species", "not_utf8", ["byte 0"]),
    (
        (",".join(f"f{i}" for i in range(MAX_FEATURES + 1)) + ",y\n").encode(),
        "y",
        "too_many_columns",
        ["258 columns", "256"],
    ),
    (b"a,b\n" + b"1,2\n" * (MAX_ROWS + 1), "b", "too_many_rows", ["10,000"]),
    (b"a,b\n" + b"1" * (MAX_BYTES + 1), "b", "too_big", ["5,000,005 bytes", "5,000,000"]),
    (b"a,b\n1,2\n" + b"10," * 1_600_000 + b"\n", "b", "long_row", ["row 3", "1,028 fields"]),
    (b'a,b\n1,"' + b"x" * 200_000 + b'"\n', "b", "csv_syntax", ["row 2"]),
    (b"a,b\n1,x\n2,x\n3,x\n4,y\n5,y\n6,y\n7,z\n8,z\n9,zz\n", "b", "few_samples", ["'zz'"]),
    (b"x,y\n1,2\n2,3\nabc,4\n5,6\n", "y", "not_number", ["row 4", "'x'", "'abc'"]),
    (b"x,y\n1,2\n2,3\n3,-\n5,6\n", "y", "missing", ["row 4", "'y'"]),
    (
        b"x,y\n" + b"".join(b"%d,%d.5\n" % (i, i) for i in range(30)) + b"3,oops\n",
        "y",
        "not_number",
        ["row 32", "'y'", "'oops'"],
    ),
    (b"x,y\n1,2\n2,3\n3,nan\n5,6\n", "y", "not_finite", ["row 4", "'y'"]),
    (b"x;y\n1;2\n2;3\n3;\xc3\xa9\n5;6\n", "x", "not_number", ["row 4", "'y'", "'é'"]),
    (b"x\ty\tz\n1\t2\t3\n1\t2\n", "z", "row_length", ["row 3", "2 fields"]),
    (b"x,y\n1,2\n2,3\n3,4\n\x00,5\n", "y", "not_number", ["row 5", "'x'"]),
]


@pytest.mark.parametrize("raw, target, key, names", MALFORMED, ids=[f"{i}-{m[2]}" for i, m in enumerate(MALFORMED)])
def test_a_malformed_file_is_one_data_error_naming_where(raw, target, key, names):
    with pytest.raises(DataError) as e:
        dataset_from_csv(raw, target)
    msg = str(e.value)
    assert e.value.key == key, msg
    assert 0 < len(msg) <= 300 and "\n" not in msg
    for part in names:
        assert part in msg, msg
    assert key in MESSAGES


def test_there_are_at_least_25_malformed_files():
    assert len(MALFORMED) >= 25 and len({m[2] for m in MALFORMED}) >= 16


@pytest.mark.parametrize(
    "kwargs, key",
    [
        ({"task": "guess"}, "bad_task"),
        ({"task": None}, "bad_task"),
        ({"standardize": "yes"}, "bad_standardize"),
        ({"test_fraction": 0.8}, "bad_test_fraction"),
        ({"seed": -3}, "bad_seed"),
    ],
)
def test_bad_arguments(kwargs, key):
    with pytest.raises(DataError) as e:
        dataset_from_csv(GOOD.encode(), "species", **kwargs)
    assert e.value.key == key


def test_not_bytes():
    with pytest.raises(DataError) as e:
        dataset_from_csv(12, "y")
    assert e.value.key == "not_bytes"


def test_too_many_classes():
    raw = "x,y\n" + "".join(f"{i},c{i // 2}\n" for i in range(600))
    with pytest.raises(DataError) as e:
        dataset_from_csv(raw.encode(), "y")
    assert e.value.key == "too_many_classes" and "300 classes" in str(e.value)


def test_a_value_too_wide_to_standardise():
    raw = "x,y\n" + "".join(f"{v},{i % 2}\n" for i, v in enumerate(["1e-310", "0", "0", "0", "0", "0", "0", "1e300"]))
    try:
        ds = dataset_from_csv(raw.encode(), "y", standardize=True, test_fraction=0.5, seed=1)
    except DataError as e:
        assert e.key == "scale_overflow" and "'x'" in str(e)
    else:
        assert all(np.isfinite(a).all() for a in (ds.x_train, ds.x_test))


# ---- good files ----------------------------------------------------------------------------------


def test_a_classification_file_with_a_header():
    ds = dataset_from_csv(GOOD.encode(), "species", source="iris.csv")
    assert isinstance(ds, Dataset) and ds.name == "csv" and ds.source == "iris.csv" and ds.ref is None
    assert ds.task == "multiclass" and ds.classes == ("setosa", "versicolor", "virginica")
    assert ds.features == ("sepal_length", "sepal_width", "petal_length", "petal_width")
    assert ds.n_train == 14 and ds.n_test == 4 and ds.y_train.shape == (14, 3)
    assert set(ds.labels_test) == {0, 1, 2}  # stratified
    assert not ds.x_train.flags.writeable
    rows = {tuple(float(v) for v in line.split(",")[:4]) for line in GOOD_LINES[1:]}
    assert {tuple(r) for r in ds.x_train} | {tuple(r) for r in ds.x_test} == rows
    assert dataset_from_csv(GOOD.encode(), "species", source="iris.csv") == ds  # deterministic


def test_without_a_header_the_columns_are_numbered():
    raw = "\n".join(",".join(line.split(",")[:4] + [str(i % 2)]) for i, line in enumerate(GOOD_LINES[1:])) + "\n"
    assert csv_columns(raw.encode()) == ([f"column {j}" for j in range(1, 6)], False)
    ds = dataset_from_csv(raw.encode(), "column 5")
    assert ds.task == "binary" and ds.classes == ("0", "1") and ds.n_train + ds.n_test == 18
    assert ds.features == ("column 1", "column 2", "column 3", "column 4")
    assert set(ds.y_train[:, 0]) == {0.0, 1.0}
    with pytest.raises(DataError) as e:  # a row number counts the first data row as row 1
        dataset_from_csv((raw.replace("\n", "\nx,1,1,1,1\n", 1)).encode(), "column 5")
    assert "row 2" in str(e.value)


def test_semicolons_tabs_bom_quotes_crlf_and_blank_lines():
    base = dataset_from_csv(GOOD.encode(), "species")
    for raw in (
        iris_like(sep=";").encode(),
        iris_like(sep="\t").encode(),
        b"\xef\xbb\xbf" + GOOD.encode(),
        GOOD.replace("\n", "\r\n").encode(),
        GOOD.replace("\n", "\n\n").encode(),
        "\n".join(",".join(f'"{c}"' for c in line.split(",")) for line in GOOD_LINES).encode(),
        "\n".join(",".join(f" {c} " for c in line.split(",")) for line in GOOD_LINES).encode(),
    ):
        ds = dataset_from_csv(raw, "species")
        assert ds.features == base.features and ds.classes == base.classes
        assert np.array_equal(ds.x_train, base.x_train) and np.array_equal(ds.y_train, base.y_train)


def test_quoted_names_with_delimiters_and_a_row_number_past_blank_lines():
    raw = b'"length, cm";"kind"\n1,5;a\n'
    assert csv_columns(raw) == (["length, cm", "kind"], True)
    raw = b"x,y\n1,a\n\n2,b\n3,a\n\nq,b\n"
    with pytest.raises(DataError) as e:
        dataset_from_csv(raw, "y")
    assert "row 7" in str(e.value)  # as a spreadsheet numbers it, blank rows included


def test_regression_auto_and_forced():
    rng = np.random.default_rng(1)
    xs = rng.uniform(-3, 3, 50)
    raw = "x,y\n" + "".join(f"{float(x)!r},{float(np.sin(x))!r}\n" for x in xs)
    ds = dataset_from_csv(raw.encode(), "y")
    assert ds.task == "regression" and ds.classes == () and ds.labels_train is None and ds.n_out == 1
    assert np.allclose(ds.y_train[:, 0], np.sin(ds.x_train[:, 0]))
    ints = "x,y\n" + "".join(f"{i},{i % 3}\n" for i in range(30))
    assert dataset_from_csv(ints.encode(), "y").task == "multiclass"
    forced = dataset_from_csv(ints.encode(), "y", task="regression")
    assert forced.task == "regression" and set(forced.y_train[:, 0]) <= {0.0, 1.0, 2.0}
    many = "x,y\n" + "".join(f"{i},{i % 25}\n" for i in range(100))
    assert dataset_from_csv(many.encode(), "y").task == "regression"  # 25 whole values: a quantity
    cls = dataset_from_csv(many.encode(), "y", task="classification")
    assert cls.task == "multiclass" and cls.classes == tuple(str(i) for i in range(25))
    floats = "x,y\n" + "".join(f"{i},{(i % 2) * 1.5}\n" for i in range(10))
    cls = dataset_from_csv(floats.encode(), "y", task="classification")
    assert cls.task == "binary" and cls.classes == ("0", "1.5")
    with pytest.raises(DataError) as e:
        dataset_from_csv(GOOD.encode(), "species", task="regression")
    assert e.value.key == "not_number" and "row 2, column 'species'" in str(e.value)


def test_numeric_classes_sort_by_value_and_the_binary_positive_is_the_second():
    raw = "x,label\n" + "".join(f"{i},{[10, 9][i % 2]}\n" for i in range(10))
    ds = dataset_from_csv(raw.encode(), "label", test_fraction=0.0)
    assert ds.classes == ("9", "10") and ds.n_test == 0
    assert np.array_equal(ds.y_train[:, 0], np.array([1.0, 0.0] * 5))  # 10 is the positive class


def test_standardise_on_the_training_split():
    raw = "a,b,y\n" + "".join(f"{1000 + 10 * i},{0.001 * i},{i % 2}\n" for i in range(40))
    ds = dataset_from_csv(raw.encode(), "y", standardize=True, seed=5)
    assert np.allclose(ds.x_train.mean(axis=0), 0, atol=1e-12) and np.allclose(ds.x_train.std(axis=0), 1)
    mean, std = ds.scaling
    raw_ds = dataset_from_csv(raw.encode(), "y", seed=5)
    assert np.allclose((raw_ds.x_test - mean) / std, ds.x_test)
    assert np.allclose(mean, raw_ds.x_train.mean(axis=0)) and np.allclose(std, raw_ds.x_train.std(axis=0))


def test_a_constant_column_and_the_largest_file():
    raw = "a,b,y\n" + "".join(f"7,{i},{i % 2}\n" for i in range(20))
    ds = dataset_from_csv(raw.encode(), "y", standardize=True)
    assert (ds.x_train[:, 0] == 0).all()
    big = b"a,b\n" + b"".join(b"%d,%d\n" % (i, i % 2) for i in range(MAX_ROWS))
    ds = dataset_from_csv(big, "b")
    assert ds.n_train + ds.n_test == MAX_ROWS


def test_a_moons_file_matches_the_data_set():
    m = make("moons", n=100, test_fraction=0.0)
    raw = "x1,x2,label\n" + "".join(
        f"{float(a)!r},{float(b)!r},{int(c)}\n" for (a, b), c in zip(m.x_train, m.y_train[:, 0])
    )
    ds = dataset_from_csv(raw.encode(), "label", test_fraction=0.0)
    assert np.array_equal(ds.x_train, m.x_train) and np.array_equal(ds.y_train, m.y_train)
