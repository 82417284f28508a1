"""python -m engine: one backprop pass, a gradient check, or training, on a config JSON file.

Bad input exits 2 with one line on stderr starting 'error:' and nothing on stdout; output that cannot
be written exits 1, also with one 'error:' line. Output is standard JSON (RFC 8259): a non-finite number
is written as null and the object then carries "warnings" naming where it arose. Valid input writes
nothing on stderr (numpy's floating-point warnings are off here: the warnings report them instead).
"""

from __future__ import annotations

import argparse
import math
import sys

import numpy as np

from engine.cli_data import DEFAULT_EPOCHS, TASK_CHOICES, check_data_args, train_on_data
from engine.cli_io import (
    MAX_STEPS,
    UsageError,
    dumps,
    quiet,
    rows,
    say_error,
    scrub,
    short,
    trained_output,
    write,
)
from engine.config import MAX_JSON_CHARS, ConfigError, NetworkConfig, from_json
from engine.data_errors import DataError
from engine.health import nonfinite, nonfinite_kind, says
from engine.network import config_params, run_pass

EXIT_BAD_INPUT = 2
MAX_SEED = 2**63 - 1

DESCRIPTION = """\
Backprop Explorer's engine on the command line.

A config file (JSON) describes a small fully-connected network: the layer widths,
one activation per layer, the loss, inputs x and targets y, and optionally the
weights and biases (otherwise drawn by 'init' from its seed). Example:

  {"layers": [3, 4, 4, 3], "activations": ["sigmoid", "sigmoid", "sigmoid"],
   "loss": "bce", "x": [[0.5, -1.0, 2.0]], "y": [[1, 0, 0]],
   "l2": 0.0, "init": {"scheme": "xavier", "seed": 0}}

Commands:
  pass       forward and backward pass: z, a, delta (= dl/dz per sample), dJ/dW, dJ/db, and J
  gradcheck  compare backprop's gradient with centred finite differences
  train      gradient descent (or L-BFGS / TNC) and print the loss history and the trained config

Use '-' as FILE to read the config from standard input.

Training on data from a CSV file (a header row or not; the target column by name):
  python -m engine train net.json --data iris.csv --target species --epochs 200
replaces the config's x and y by the file's training split and prints one JSON line
per epoch (epoch 0 before training) with the train and test loss and accuracy, then
a line {"config": ...} with the trained network.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, like every other bad input
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m engine", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sp = sub.add_parser("pass", help="one forward and backward pass; prints J and every layer's values")
    sp.add_argument("file", metavar="FILE", help="config JSON file, or - for standard input")
    sg = sub.add_parser("gradcheck", help="backprop against centred differences; prints relative errors")
    sg.add_argument("file", metavar="FILE", help="config JSON file, or - for standard input")
    sg.add_argument("--eps", type=float, default=1e-5, help="finite-difference step (default 1e-5)")
    st = sub.add_parser("train", help="train and print the loss history and the trained config")
    st.add_argument("file", metavar="FILE", help="config JSON file, or - for standard input")
    st.add_argument("--steps", type=int, help="number of steps (iterations for lbfgs/tnc); required without --data")
    st.add_argument("--lr", type=float, default=0.5, help="learning rate alpha for gd (default 0.5)")
    st.add_argument("--batch-size", type=int, default=None, help="mini-batch size for gd (default: all samples)")
    st.add_argument("--optimizer", choices=("gd", "lbfgs", "tnc"), default="gd", help="gd (default), lbfgs or tnc")
    st.add_argument("--seed", type=int, default=0, help="seed for mini-batch shuffling and the data split (default 0)")
    sd = st.add_argument_group("training on data", "learn a CSV file's target from its other columns")
    sd.add_argument("--data", metavar="FILE.csv", help="a CSV file (comma, semicolon or tab; UTF-8)")
    sd.add_argument("--target", metavar="COL", help="the name of the column to learn (column N without a header)")
    sd.add_argument("--task", choices=TASK_CHOICES, default=None, help="auto (default), classification or regression")
    sd.add_argument("--test-split", type=float, default=None, help="share of rows held out for testing (default 0.2)")
    sd.add_argument("--standardize", action="store_true", help="scale each feature to mean 0, std 1 (training rows)")
    sd.add_argument("--epochs", type=int, default=None, help=f"passes over the data (default {DEFAULT_EPOCHS})")
    return p


def _check_args(args) -> None:
    """Every numeric argument within its range, before any work (ConfigError naming the option)."""
    if args.command == "gradcheck" and not (1e-12 <= args.eps <= 1e-1):
        raise ConfigError(f"--eps is {args.eps}, expected a step between 1e-12 and 0.1")
    if args.command != "train":
        return
    check_data_args(args)
    if args.steps is not None and not 0 <= args.steps <= MAX_STEPS:
        raise ConfigError(f"--steps is {short(args.steps)}, expected 0 to {MAX_STEPS:,}")
    if not (math.isfinite(args.lr) and args.lr > 0):
        raise ConfigError(f"--lr is {args.lr}, expected a positive number")
    if args.batch_size is not None and args.batch_size < 1:
        raise ConfigError(f"--batch-size is {short(args.batch_size)}, expected at least 1")
    if not 0 <= args.seed <= MAX_SEED:
        raise ConfigError(f"--seed is {short(args.seed)}, expected a whole number from 0 to 2^63-1")


def _read(path: str) -> NetworkConfig:
    """The config in FILE, or on standard input for '-': bytes, decoded by from_json (UTF-8, optional BOM)."""
    if path == "-":
        stream = sys.stdin
        if stream is None:  # fd 0 closed
            raise ConfigError("standard input is closed; give a FILE, or pipe the config in with FILE as -")
        try:
            raw = getattr(stream, "buffer", stream).read(MAX_JSON_CHARS + 1)
        except (OSError, ValueError) as e:  # ValueError: a closed stream, or undecodable text on a text-only stream
            raise ConfigError(f"cannot read standard input: {getattr(e, 'strerror', None) or e}") from None
    else:
        try:
            with open(path, "rb") as f:
                raw = f.read(MAX_JSON_CHARS + 1)
        except OSError as e:
            raise ConfigError(f"cannot read {path[:100]}: {e.strerror or e}") from None
        except ValueError as e:  # an embedded null character in the name
            raise ConfigError(f"cannot read {path[:100]!r}: {e}") from None
    if len(raw) > MAX_JSON_CHARS:
        raise ConfigError(f"the config is more than {MAX_JSON_CHARS:,} bytes")
    return from_json(raw)


def pass_output(config: NetworkConfig) -> dict:

    with quiet():
        r = run_pass(config)
        problems = nonfinite(r)
    out = {
        "loss": rows(r.loss),
        "layers": [
            {"z": rows(L.z), "a": rows(L.a), "delta": rows(L.delta), "dW": rows(L.dW), "db": rows(L.db)}
            for L in r.layers
        ],
    }
    if problems:
        out["warnings"] = [str(p) for p in problems]
    return out


def _gradcheck(config: NetworkConfig, eps: float) -> dict:
    """The gradient check's report; where the pass or the differences are not finite, it warns and does not pass."""
    from engine.gradcheck import gradcheck

    x, y = np.array(config.x), np.array(config.y)
    with quiet():
        found = [str(p) for p in nonfinite(run_pass(config))]
        rep = gradcheck(config_params(config), config.activations, config.loss, config.l2, x, y, eps)
    for c in rep.checks:
        if kind := nonfinite_kind(c.numeric):
            found.append(says(f"layer {c.layer}: the numeric d{c.kind}", kind))
    out = scrub(rep.to_dict(), "", found)
    if found:
        out["passed"] = False  # a check through inf or NaN verifies nothing
        out["warnings"] = found
    return out


def _train(config: NetworkConfig, args) -> dict:
    from engine.training import train_gd, train_scipy

    x, y = np.array(config.x), np.array(config.y)
    net = (config_params(config), config.activations, config.loss, config.l2, x, y)
    with quiet():
        if args.optimizer == "gd":
            res = train_gd(*net, args.steps, args.lr, args.batch_size, args.seed)
        else:
            res = train_scipy(*net, args.steps, args.optimizer)
    found = []
    history = []
    for i, h in enumerate(res.history):
        if math.isfinite(h):
            history.append(h)
        else:
            history.append(None)
            if not found:  # the first one says where training left the finite numbers
                found.append(says(f"history[{i}]: J", nonfinite_kind(h)))
    trained, more = trained_output(config, res.params)
    found += more
    out = {
        "optimizer": args.optimizer,
        "steps": res.steps_done,
        "diverged": res.diverged,
        "history": history,
        "loss": history[-1],
        "config": trained,
    }
    if found:
        out["warnings"] = found
    return out


def main(argv=None) -> int:
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as e:  # --help has been printed
            return write("") or (e.code if isinstance(e.code, int) else 0)
        _check_args(args)
        config = _read(args.file)
        if args.command == "pass":
            out = pass_output(config)
        elif args.command == "gradcheck":
            out = _gradcheck(config, args.eps)
        elif args.data is not None:
            return train_on_data(config, args)
        else:
            out = _train(config, args)
    except (ConfigError, UsageError, DataError) as e:
        say_error(str(e))
        return EXIT_BAD_INPUT
    return write(dumps(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())
