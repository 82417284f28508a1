"""The CLI under hostile input: every numeric argument, a closed or non-UTF-8 standard input, a BOM, an
unwritable standard output, and standard JSON (null with warnings) where numbers overflow."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_engine_cli import cli

from engine.__main__ import main
from engine.config import from_dict

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
