"""engine/datasets.py: the named data sets, their recipes (refs), DataError and the error strings
(fit_config and check_fits: test_data_sets_fit.py)."""

import json
import pickle
import re
import string
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.datasets import (
    BUNDLED,
    MESSAGES,
    NAMES,
    OUTPUTS,
    TOY,
    DataError,
    Dataset,
    from_ref,
    make,
)
from texts import STRINGS

ARRAYS = ("x_train", "y_train", "x_test", "y_test")


@pytest.mark.parametrize("name", NAMES)
def test_every_set_has_its_shapes_and_is_read_only(name):
    ds = make(name)
    assert ds.name == name and ds.task in OUTPUTS
    for a in ARRAYS:
        arr = getattr(ds, a)
        assert arr.dtype == np.float64 and arr.ndim == 2 and not arr.flags.writeable
        assert np.isfinite(arr).all()
    assert ds.x_train.shape == (ds.n_train, ds.n_in) and ds.x_test.shape == (ds.n_test, ds.n_in)
    assert ds.y_train.shape == (ds.n_train, ds.n_out) and ds.y_test.shape == (ds.n_test, ds.n_out)
    assert len(ds.features) == ds.n_in and len(set(ds.features)) == ds.n_in
    if name in TOY:
        assert ds.n_train + ds.n_test == 200 and ds.n_test == 40
    if ds.task == "regression":
        assert ds.classes == () and ds.labels_train is None and ds.labels_test is None and ds.n_out == 1
    else:
        k = len(ds.classes)
        assert ds.n_out == (1 if ds.task == "binary" else k) and (k == 2) == (ds.task == "binary")
        for y, labels in ((ds.y_train, ds.labels_train), (ds.y_test, ds.labels_test)):
            assert set(np.unique(y)) <= {0.0, 1.0}
            if ds.task == "multiclass":
                assert (y.sum(axis=1) == 1).all()
            assert labels.shape == (y.shape[0],) and set(labels) == set(range(k))  # stratified: all in both
    assert json.loads(json.dumps(ds.ref)) == ds.ref


@pytest.mark.parametrize("name", NAMES)
def test_the_recipe_rebuilds_the_same_data(name):
    ds = make(name, seed=3, test_fraction=0.3)
    again = from_ref(json.loads(json.dumps(ds.ref)))
    assert again == ds and again is not ds
    assert make(name, seed=4, test_fraction=0.3) != ds  # another seed, another split
    restored = pickle.loads(pickle.dumps(ds))
    assert restored == ds and not restored.x_train.flags.writeable
    with pytest.raises(TypeError):  # equal by value, over arrays: never a dict key or set member
        hash(ds)


def test_tasks_and_kinds():
    assert {n: make(n).task for n in NAMES} == {
        "moons": "binary",
        "circles": "binary",
        "xor": "binary",
        "blobs": "multiclass",
        "spiral": "multiclass",
        "regression_1d": "regression",
        "regression_2d": "regression",
        "digits": "multiclass",
        "iris": "multiclass",
        "wine": "multiclass",
    }
    assert BUNDLED == ("digits", "iris", "wine")


def test_xor_labels_are_the_quadrant_parity():
    ds = make("xor", n=400, noise=0.3)
    for x, y in ((ds.x_train, ds.y_train), (ds.x_test, ds.y_test)):
        assert np.array_equal(y[:, 0], (x[:, 0] * x[:, 1] < 0).astype(float))


def test_regression_targets_follow_their_formula_without_noise():
    d1 = make("regression_1d", noise=0.0)
    assert np.allclose(d1.y_train[:, 0], np.sin(d1.x_train[:, 0]))
    d2 = make("regression_2d", noise=0.0)
    assert np.allclose(d2.y_train[:, 0], np.sin(d2.x_train[:, 0]) * np.cos(d2.x_train[:, 1]))


def test_digits_are_8x8_images_scaled_to_0_1():
    ds = make("digits")
    assert ds.image_shape == (8, 8) and ds.n_in == 64 and ds.n_out == 10
    assert ds.classes == tuple(str(d) for d in range(10))
    assert ds.x_train.min() == 0.0 and ds.x_train.max() == 1.0
    assert ds.n_train + ds.n_test == 1797
    assert make("digits", n=50, noise=0.9) == ds  # bundled sets ignore n and noise
    std = make("digits", standardize=True)
    assert std.scaling is not None and std.ref["standardize"] is True


def test_wine_is_standardised_by_default_on_the_training_split():
    ds = make("wine")
    assert ds.ref["standardize"] is True and ds.scaling is not None
    assert np.allclose(ds.x_train.mean(axis=0), 0, atol=1e-12) and np.allclose(ds.x_train.std(axis=0), 1)
    raw = make("wine", standardize=False)
    assert raw.scaling is None and raw.x_train.max() > 1000  # proline
    mean, std = ds.scaling
    assert np.allclose((raw.x_test - mean) / std, ds.x_test)  # the test rows take the training split's scaling
    assert not mean.flags.writeable


def test_toy_standardise_and_no_test_split():
    ds = make("moons", n=100, standardize=True, test_fraction=0.0)
    assert ds.n_train == 100 and ds.n_test == 0 and ds.x_test.shape == (0, 2)
    assert np.allclose(ds.x_train.mean(axis=0), 0) and np.allclose(ds.x_train.std(axis=0), 1)
    assert from_ref(ds.ref) == ds


def test_small_sets_split_even_when_stratifying_cannot():
    ds = make("blobs", n=20, test_fraction=0.05)  # 1 test row for 3 classes: a plain shuffled split
    assert ds.n_test == 1 and ds.n_train == 19


@pytest.mark.parametrize(
    "kwargs, key",
    [
        ({"name": "moon"}, "unknown_dataset"),
        ({"name": 3}, "unknown_dataset"),
        ({"name": "moons", "n": 19}, "bad_n"),
        ({"name": "moons", "n": 2001}, "bad_n"),
        ({"name": "moons", "n": 100.0}, "bad_n"),
        ({"name": "moons", "n": True}, "bad_n"),
        ({"name": "moons", "noise": -0.1}, "bad_noise"),
        ({"name": "moons", "noise": 1.5}, "bad_noise"),
        ({"name": "moons", "noise": float("nan")}, "bad_noise"),
        ({"name": "moons", "noise": "0.1"}, "bad_noise"),
        ({"name": "moons", "seed": -1}, "bad_seed"),
        ({"name": "moons", "seed": 2**32}, "bad_seed"),
        ({"name": "moons", "seed": 1.0}, "bad_seed"),
        ({"name": "moons", "test_fraction": 0.6}, "bad_test_fraction"),
        ({"name": "moons", "test_fraction": float("inf")}, "bad_test_fraction"),
        ({"name": "moons", "test_fraction": None}, "bad_test_fraction"),
        ({"name": "iris", "standardize": 1}, "bad_standardize"),
        ({"name": "iris", "standardize": "yes"}, "bad_standardize"),
    ],
)
def test_bad_arguments_name_the_field(kwargs, key):
    with pytest.raises(DataError) as e:
        make(**kwargs)
    assert e.value.key == key
    field = {"bad_test_fraction": "test split", "unknown_dataset": "data set"}.get(key, key[4:])
    assert field in str(e.value)


@pytest.mark.parametrize(
    "ref, key",
    [
        (None, "bad_ref"),
        ([], "bad_ref"),
        ("moons", "bad_ref"),
        ({}, "ref_missing"),
        ({"seed": 0}, "ref_missing"),
        ({"name": "csv"}, "ref_csv"),
        ({"name": "nope"}, "unknown_dataset"),
        ({"name": ["moons"]}, "unknown_dataset"),
        ({"name": "moons", "colour": 1}, "ref_field"),
        ({"name": "digits", "n": 100}, "ref_field"),
        ({"name": "iris", "noise": 0.1}, "ref_field"),
        ({"name": "moons", "n": 10**400}, "bad_n"),
        ({"name": "moons", "n": "200"}, "bad_n"),
        ({"name": "moons", "noise": 1e309}, "bad_noise"),
        ({"name": "moons", "seed": {"a": 1}}, "bad_seed"),
        ({"name": "wine", "standardize": None}, "bad_standardize"),
    ],
)
def test_a_bad_recipe_is_one_data_error(ref, key):
    with pytest.raises(DataError) as e:
        from_ref(ref)
    assert e.value.key == key and len(str(e.value)) <= 300 and "\n" not in str(e.value)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
REF_VALUES = st.one_of(
    JSONISH,
    st.integers(-5, 2100),
    st.floats(-0.5, 1.5),
    st.sampled_from(list(NAMES) + ["csv", ""]),
    st.booleans(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        JSONISH,
        st.dictionaries(
            st.sampled_from(["name", "n", "noise", "seed", "test_fraction", "standardize", "x"]),
            REF_VALUES,
            max_size=6,
        ),
        st.fixed_dictionaries({"name": st.sampled_from(TOY)}, optional={"n": REF_VALUES, "noise": REF_VALUES}),
    )
)
def test_any_recipe_gives_a_data_set_or_one_data_error(ref):
    try:
        ds = from_ref(ref)
    except DataError as e:
        assert e.key in MESSAGES and 0 < len(str(e)) <= 300 and "\n" not in str(e)
        return
    assert isinstance(ds, Dataset) and from_ref(ds.ref) == ds


def test_data_error_pickles_with_its_key_and_fields():
    e = DataError("missing", row=17, column="'petal_width'")
    assert str(e) == "row 17, column 'petal_width': the value is missing"
    e2 = pickle.loads(pickle.dumps(e))
    assert e2.key == "missing" and e2.fields == {"row": "17", "column": "'petal_width'"} and str(e2) == str(e)


def test_a_long_message_is_cut_to_one_line():
    e = DataError("unknown_target", target="'x'", columns="\n".join(["abc"] * 200))
    assert len(str(e)) <= 300 and "\n" not in str(e)


# ---- strings -------------------------------------------------------------------------------------


def _placeholders(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f is not None}


def test_every_error_key_has_both_languages_with_the_same_fields():
    for key, en in MESSAGES.items():
        entry = STRINGS[f"data_err_{key}"]
        assert entry["en"] == en, key
        assert entry["zh"] and entry["zh"] != en and _placeholders(entry["zh"]) == _placeholders(en), key


def test_every_key_the_code_raises_is_a_message():
    raised = set()
    for f in Path(ROOT, "engine").glob("*.py"):  # datasets, data_errors, data_fit, csvdata, cli_data, ...
        raised |= set(re.findall(r'DataError\(\s*"(\w+)"', f.read_text()))
    assert raised and raised <= set(MESSAGES)
    assert set(MESSAGES) - raised == set()  # and no message is left unused


def test_every_data_set_and_task_has_a_name_in_both_languages():
    for key in [f"ds_{n}" for n in NAMES] + ["ds_csv"] + [f"ds_task_{t}" for t in OUTPUTS]:
        assert STRINGS[key]["en"] and STRINGS[key]["zh"] and STRINGS[key]["en"] != STRINGS[key]["zh"]
    assert STRINGS["ds_digits"]["zh"] == "手写数字（8×8）" and STRINGS["ds_iris"]["zh"] == "鸢尾花"


def test_importing_the_data_layer_leaves_scikit_learn_until_it_is_used():
    code = (
        "import sys, engine.datasets, engine.data_errors, engine.data_fit, engine.data_record, engine.csvdata, "
        "engine.cli_data, engine.__main__; print('sklearn' in sys.modules)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert p.stdout.strip() == "False", p.stderr
