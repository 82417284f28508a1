"""The CLI contract of DESIGN.md: pass output, and bad input (exit 2, one 'error:' line, no traceback)."""

import json
import subprocess
import sys
import time

import numpy as np
import pytest
from conftest import NG_CONFIG, ROOT

from engine.__main__ import main
from engine.config import from_dict
from engine.network import run_pass


def cli(args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "engine", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_pass_prints_the_contract_json(tmp_path):
    cfg = dict(NG_CONFIG, x=[[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]], y=[[1, 0, 0], [0, 1, 0]], l2=0.1)
    f = tmp_path / "c.json"
    f.write_text(json.dumps(cfg))
    p = cli(["pass", str(f)])
    assert p.returncode == 0 and p.stderr == ""
    out = json.loads(p.stdout)
    assert set(out) == {"loss", "layers"} and isinstance(out["loss"], float)
    r = run_pass(from_dict(cfg))
    assert out["loss"] == r.loss
    for got, rec in zip(out["layers"], r.layers, strict=True):
        assert set(got) == {"z", "a", "delta", "dW", "db"}
        for key in ("z", "a", "delta", "dW", "db"):
            assert np.array_equal(np.array(got[key]), getattr(rec, key))
    assert np.array(out["layers"][0]["z"]).shape == (2, 4)
    assert np.array(out["layers"][2]["dW"]).shape == (3, 4)


def test_pass_reads_stdin_and_flat_single_sample():
    cfg = dict(NG_CONFIG, x=[0.5, -1.0, 2.0], y=[1, 0, 0])
    p = cli(["pass", "-"], stdin=json.dumps(cfg))
    assert p.returncode == 0
    assert np.array(json.loads(p.stdout)["layers"][2]["a"]).shape == (1, 3)


def test_gradcheck_and_train_print_json(tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(NG_CONFIG))
    g = json.loads(cli(["gradcheck", str(f), "--eps", "1e-6"]).stdout)
    assert g["max_rel_error"] < 1e-7 and len(g["layers"]) == 3 and g["passed"] is True
    p = cli(["train", str(f), "--steps", "20", "--lr", "1.0"])
    t = json.loads(p.stdout)
    assert len(t["history"]) == 21 and t["history"][-1] < t["history"][0]
    trained = from_dict(t["config"])  # a valid config again
    assert run_pass(trained).loss == pytest.approx(t["history"][-1], rel=1e-12)
    for opt in ("lbfgs", "tnc"):
        t = json.loads(cli(["train", str(f), "--steps", "10", "--optimizer", opt]).stdout)
        assert t["steps"] <= 10 and t["history"][-1] < t["history"][0]


def test_help_is_for_students():
    p = cli(["--help"])
    assert p.returncode == 0 and "gradcheck" in p.stdout and "delta" in p.stdout


def _cfg(**changes):
    d = json.loads(json.dumps(NG_CONFIG))
    for k, v in changes.items():
        if v is KeyError:
            del d[k]
        else:
            d[k] = v
    return json.dumps(d)


BAD = {
    "not json": ("not json", "not valid JSON"),
    "empty file": ("", "not valid JSON"),
    "json array": ("[1, 2]", "expected a JSON object"),
    "nan weight": (
        _cfg(weights=[[[0.123, 0, 0]] + [[0] * 3] * 3, [[0] * 4] * 4, [[0] * 4] * 3]).replace("0.123", "NaN"),
        "NaN is not allowed",
    ),
    "NaN constant": (_cfg(l2=0).replace('"l2": 0', '"l2": NaN'), "NaN is not allowed"),
    "Infinity": (_cfg(l2=0).replace('"l2": 0', '"l2": Infinity'), "Infinity is not allowed"),
    "1e999 overflow": (_cfg(l2=0).replace('"l2": 0', '"l2": 1e999'), "l2 is inf"),
    "deep nesting": ("[" * 100000 + "]" * 100000, "nested too deeply"),
    "missing layers": (_cfg(layers=KeyError), "layers is missing"),
    "one layer": (_cfg(layers=[3]), "at least 2 widths"),
    "giant width": (_cfg(layers=[3, 10**9, 4, 3]), "layers[1] is 1000000000, widths must be 1-256"),
    "zero width": (_cfg(layers=[3, 0, 4, 3]), "layers[1] is 0"),
    "fractional width": (_cfg(layers=[3, 4.5, 4, 3]), "layers[1] is 4.5, expected a whole number"),
    "string width": (_cfg(layers=[3, "4", 4, 3]), "layers[1] is the text '4'"),
    "too deep": (_cfg(layers=[3] * 20, activations=["sigmoid"] * 19), "19 weight layers, at most 12"),
    "unknown activation": (_cfg(activations=["sigmoid", "swish", "sigmoid"]), "activations[1] is the text 'swish'"),
    "too few activations": (_cfg(activations=["sigmoid"]), "expected 3 names"),
    "hidden softmax": (_cfg(activations=["softmax", "sigmoid", "sigmoid"]), "output layer only"),
    "unknown loss": (_cfg(loss="hinge"), "loss is the text 'hinge'"),
    "bce without sigmoid": (_cfg(activations=["sigmoid", "sigmoid", "tanh"]), "needs a sigmoid output layer"),
    "ce without softmax": (_cfg(loss="cross_entropy"), "needs a softmax output layer"),
    "wrong weight shape": (
        _cfg(weights=[[[0] * 3] * 4, [[0] * 2] * 3, [[0] * 4] * 3]),
        "weights[1] has shape 3x2, expected 4x4",
    ),
    "ragged weights": (
        _cfg(weights=[[[0] * 3] * 3 + [[0] * 2], [[0] * 4] * 4, [[0] * 4] * 3]),
        "weights[0] has shape 4 rows of unequal length, expected 4x3",
    ),
    "string in weights": (
        _cfg(weights=[[[0, "a", 0]] + [[0] * 3] * 3, [[0] * 4] * 4, [[0] * 4] * 3]),
        "weights[0][0][1] is the text 'a'",
    ),
    "bool weight": (
        _cfg(weights=[[[0, True, 0]] + [[0] * 3] * 3, [[0] * 4] * 4, [[0] * 4] * 3]),
        "weights[0][0][1] is true",
    ),
    "bias length": (_cfg(biases=[[0] * 4, [0] * 4, [0] * 2]), "biases[2] has 2 numbers, expected 3"),
    "x wrong width": (_cfg(x=[[1, 2]]), "x[0] has 2 numbers, expected 3"),
    "x empty": (_cfg(x=[]), "expected at least one row"),
    "x and y counts": (_cfg(x=[[1, 2, 3], [4, 5, 6]]), "x has 2 samples but y has 1"),
    "too many samples": (_cfg(x=[[0, 0, 0]] * 10001, y=[[1, 0, 0]] * 10001), "10,001 samples"),
    "bce target out of range": (_cfg(y=[[2, 0, 0]]), "y[0][0] is 2.0, but bce targets must lie in [0, 1]"),
    "ce targets not summing to 1": (
        _cfg(activations=["sigmoid", "sigmoid", "softmax"], loss="cross_entropy", y=[[1, 1, 0]]),
        "must sum to 1",
    ),
    "negative l2": (_cfg(l2=-1), "l2 is -1.0, expected a number >= 0"),
    "unknown field": (_cfg(learning_rate=0.1), "unknown field 'learning_rate'"),
    "unknown init scheme": (_cfg(init={"scheme": "orthogonal", "seed": 0}), "init.scheme is the text 'orthogonal'"),
    "negative seed": (_cfg(init={"scheme": "xavier", "seed": -1}), "init.seed is -1"),
    "non-utf8": (None, "not UTF-8"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_config_exits_2_with_one_clear_line(name, tmp_path, capsys):
    text, expected = BAD[name]
    f = tmp_path / "bad.json"
    if text is None:
        f.write_bytes(b'{"layers": "\xff\xfe"}')
    else:
        f.write_text(text)
    t0 = time.perf_counter()
    rc = main(["pass", str(f)])
    elapsed = time.perf_counter() - t0
    out, err = capsys.readouterr()
    assert rc == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert expected in err
    assert elapsed < 1.0  # a guard against giant allocations, not a benchmark


@pytest.mark.parametrize(
    "args",
    [
        ["pass", "/no/such/file.json"],
        ["pass"],
        ["frobnicate", "x"],
        ["train", "-", "--steps", "abc"],
        ["gradcheck", "-", "--eps", "5"],
    ],
)
def test_bad_arguments_through_the_real_cli(args):
    p = cli(args, stdin=json.dumps(NG_CONFIG))
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("error: ") and p.stderr.count("\n") == 1 and "Traceback" not in p.stderr


def test_bad_input_through_the_real_cli_has_no_traceback():
    for text in ("not json", "[" * 100000, _cfg(layers=[3, 10**9, 4, 3])):
        p = cli(["pass", "-"], stdin=text)
        assert p.returncode == 2 and p.stdout == "" and "Traceback" not in p.stderr
        assert p.stderr.startswith("error: ") and p.stderr.count("\n") == 1
