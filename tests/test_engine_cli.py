"""The CLI contract of DESIGN.md: pass output, and bad input (exit 2, one 'error:' line, no traceback)."""

import json
import subprocess
import sys
import time
from pathlib import Path

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


# ---- numeric arguments, stdin, stdout, and standard JSON output ----
G = {"layers": [3, 4, 4, 3], "activations": ["sigmoid"] * 3, "loss": "bce", "x": [[0.5, -1.0, 2.0]], "y": [[1, 0, 0]]}
EXAMPLE = str(ROOT / "examples" / "ng_3443.json")


def _one_error_line(p, *expected):
    assert p.returncode == 2 and p.stdout in ("", b"")
    err = p.stderr if isinstance(p.stderr, str) else p.stderr.decode()
    assert err.startswith("error: ") and err.count("\n") == 1 and err.endswith("\n"), err
    assert len(err) - 1 <= 300 and "Traceback" not in err
    for e in expected:
        assert e in err, err


@pytest.mark.parametrize(
    "args, expected",
    [
        (["train", EXAMPLE, "--steps", "2", "--seed", "-1"], "--seed is -1"),
        (["train", EXAMPLE, "--steps", "2", "--seed", str(2**63)], "--seed is 9.22337e+18"),
        (["train", EXAMPLE, "--steps", "-1"], "--steps is -1"),
        (["train", EXAMPLE, "--steps", "1" + "0" * 30], "--steps is 1e+30"),
        (["train", EXAMPLE, "--steps", "1" + "0" * 5000], "--steps"),  # beyond int()'s digit limit
        (["train", EXAMPLE, "--steps", "2", "--lr", "nan"], "--lr is nan"),
        (["train", EXAMPLE, "--steps", "2", "--lr", "inf"], "--lr is inf"),
        (["train", EXAMPLE, "--steps", "2", "--lr", "0"], "--lr is 0.0"),
        (["train", EXAMPLE, "--steps", "2", "--batch-size", "0"], "--batch-size is 0"),
        (["gradcheck", EXAMPLE, "--eps", "nan"], "--eps is nan"),
        (["gradcheck", EXAMPLE, "--eps=-1e-5"], "--eps is -1e-05"),
    ],
)
def test_every_numeric_argument_is_validated(args, expected, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and err.count("\n") == 1 and len(err) <= 301
    assert expected in err


def test_negative_seed_through_the_real_cli():
    _one_error_line(cli(["train", EXAMPLE, "--steps", "2", "--seed", "-1"]), "--seed is -1")


def test_closed_stdin_is_one_error_line():
    p = subprocess.run(
        f"'{sys.executable}' -m engine pass - <&-", shell=True, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    _one_error_line(p, "standard input is closed")


def test_non_utf8_stdin_is_one_error_line():
    p = subprocess.run(
        [sys.executable, "-m", "engine", "pass", "-"], input=b'{"layers": "\xff\xfe"}', capture_output=True,
        cwd=ROOT, timeout=60,
    )  # fmt: skip
    _one_error_line(p, "not UTF-8")


def test_bom_prefixed_file_and_stdin_are_accepted(tmp_path):
    f = tmp_path / "notepad.json"
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(G).encode())
    expected = json.loads(cli(["pass", EXAMPLE]).stdout)
    for p in (
        cli(["pass", str(f)]),
        subprocess.run(
            [sys.executable, "-m", "engine", "pass", "-"],
            input=b"\xef\xbb\xbf" + json.dumps(G).encode(),
            capture_output=True,
            cwd=ROOT,
            timeout=60,
        ),  # fmt: skip
    ):
        assert p.returncode == 0 and p.stderr in ("", b""), p.stderr
        assert json.loads(p.stdout) == expected  # the example file is G with l2 0 and xavier seed 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_that_cannot_be_written_is_one_error_line_and_no_exit_noise():
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "engine", "pass", EXAMPLE], stdout=full, stderr=subprocess.PIPE, text=True,
            cwd=ROOT, timeout=60,
        )  # fmt: skip
    assert p.returncode != 0
    assert p.stderr.startswith("error: ") and p.stderr.count("\n") == 1, p.stderr
    assert "No space left" in p.stderr and "Exception ignored" not in p.stderr and "Traceback" not in p.stderr


def _strict(text: str):
    def refuse(name):
        raise AssertionError(f"{name} in the output: not RFC 8259 JSON")

    return json.loads(text, parse_constant=refuse)


def _has_null(v) -> bool:
    if v is None:
        return True
    if isinstance(v, dict):
        return any(_has_null(e) for e in v.values())
    if isinstance(v, list):
        return any(_has_null(e) for e in v)
    return False


OVERFLOWING = {
    "constant 1e308": dict(G, init={"scheme": "constant", "seed": 0, "value": 1e308}),
    "x 1e308, weights 2": dict(G, x=[[1e308, 1, 1]], init={"scheme": "constant", "seed": 0, "value": 2.0}),
}
COMMANDS = {"pass": ["pass"], "gradcheck": ["gradcheck"], "train": ["train", "--steps", "3"]}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("name", list(OVERFLOWING))
def test_overflow_is_standard_json_with_nulls_and_warnings(name, command, tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(OVERFLOWING[name]))
    args = COMMANDS[command]
    p = cli([args[0], str(f), *args[1:]])
    assert p.returncode == 0 and p.stderr == ""  # no RuntimeWarning: the warnings say it
    out = _strict(p.stdout)
    if _has_null(out) or command != "train":  # training's output may stay finite (z is not in it)
        assert out["warnings"] and all(isinstance(w, str) for w in out["warnings"])
    if command == "gradcheck":
        assert out["passed"] is False  # a check through inf or NaN verifies nothing
    if name == "constant 1e308":
        if command == "pass":
            assert out["loss"] is None and "J is NaN" in out["warnings"]
            assert "layer 2: z overflowed to inf" in out["warnings"]
            assert all(v is None for row in out["layers"][0]["dW"] for v in row)
        elif command == "gradcheck":
            assert any("numeric" in w for w in out["warnings"])
        else:
            assert out["diverged"] is True and out["history"][0] is None and out["loss"] is None
            assert out["warnings"][0] == "history[0]: J is NaN"
            assert from_dict(out["config"]).init.value == 1e308  # the untrained, still valid config
    elif command == "pass":  # x = 1e308 with weights 2: z^1 overflows, sigmoid saturates, J stays finite
        assert out["warnings"] == ["layer 1: z overflowed to inf"]
        assert out["layers"][0]["z"] == [[None] * 4] and isinstance(out["loss"], float)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_x_1e308_gives_standard_json_and_nothing_on_stderr(command, tmp_path):
    f = tmp_path / "c.json"
    f.write_text(json.dumps(dict(G, x=[[1e308, 1, 1]])))
    args = COMMANDS[command]
    p = cli([args[0], str(f), *args[1:]])
    assert p.returncode == 0 and p.stderr == ""
    out = _strict(p.stdout)
    assert _has_null(out) == ("warnings" in out)  # a null always comes with a warning, and only then


def test_trained_weights_that_overflow_are_null_with_a_warning(capsys, monkeypatch):
    """A step of lr 1e308 overflows the weights: no valid config any more, yet still standard JSON."""
    import io

    cfg = dict(G, activations=["linear"] * 3, loss="mse", x=[[10, 10, 10]])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(cfg).encode())))
    assert main(["train", "-", "--steps", "3", "--lr", "1e308"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    t = _strict(out)
    assert t["diverged"] is True and t["history"][1] is None
    assert t["warnings"][0] == "history[1]: J is NaN"
    assert "layer 1: the trained W overflowed to inf and -inf" in t["warnings"]
    assert _has_null(t["config"]["weights"])


class _BrokenPipe:
    """A stdout whose reader has gone (as `| head -c 10` leaves it)."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        pass


def test_a_closed_pipe_or_stdout_is_one_error_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _BrokenPipe())
    assert main(["pass", EXAMPLE]) == 1
    assert capsys.readouterr().err == "error: cannot write the output: Broken pipe\n"
    p = subprocess.run(
        f"'{sys.executable}' -m engine pass '{EXAMPLE}' >&-", shell=True, capture_output=True, text=True, cwd=ROOT,
        timeout=60,
    )  # fmt: skip
    assert p.returncode == 1 and p.stderr == "error: cannot write the output: standard output is closed\n"
