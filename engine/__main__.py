"""python -m engine: one backprop pass, a gradient check, or training, on a config JSON file.

Bad input exits 2 with one line on stderr starting 'error:' and nothing on stdout; output that cannot
be written exits 1, also with one 'error:' line. Output is standard JSON (RFC 8259): a non-finite number
is written as null and the object then carries "warnings" naming where it arose. Valid input writes
nothing on stderr (numpy's floating-point warnings are off here: the warnings report them instead).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import warnings
from contextlib import contextmanager

import numpy as np

from engine.config import MAX_JSON_CHARS, ConfigError, NetworkConfig, from_json, one_line, with_params
from engine.datasets import MAX_SEED as MAX_DATA_SEED
from engine.datasets import MAX_TEST_FRACTION, DataError, Dataset, check_fits, count, labels_of
from engine.health import nonfinite, nonfinite_kind, says
from engine.network import config_params, cost, forward, run_pass

TASK_CHOICES = ("auto", "classification", "regression")
DEFAULT_EPOCHS = 100
EXIT_BAD_INPUT = 2
EXIT_OUTPUT_FAILED = 1
MAX_SEED = 2**63 - 1
MAX_STEPS = 1_000_000

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
        raise _UsageError(message)


class _UsageError(Exception):
    pass


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
    _check_data_args(args)
    if args.steps is not None and not 0 <= args.steps <= MAX_STEPS:
        raise ConfigError(f"--steps is {_short(args.steps)}, expected 0 to {MAX_STEPS:,}")
    if not (math.isfinite(args.lr) and args.lr > 0):
        raise ConfigError(f"--lr is {args.lr}, expected a positive number")
    if args.batch_size is not None and args.batch_size < 1:
        raise ConfigError(f"--batch-size is {_short(args.batch_size)}, expected at least 1")
    if not 0 <= args.seed <= MAX_SEED:
        raise ConfigError(f"--seed is {_short(args.seed)}, expected a whole number from 0 to 2^63-1")


def _check_data_args(args) -> None:
    """--steps without --data, --epochs and --target with it; the data options' ranges."""
    data_only = [
        o
        for o, v in (
            ("--target", args.target),
            ("--task", args.task),
            ("--test-split", args.test_split),
            ("--epochs", args.epochs),
        )
        if v is not None
    ] + ["--standardize"] * args.standardize
    if args.data is None:
        if data_only:
            raise _UsageError(f"{data_only[0]} is for training on --data FILE.csv; give --data too")
        if args.steps is None:
            raise _UsageError("the following arguments are required: --steps (or --data FILE.csv with --target COL)")
        return
    if args.steps is not None:
        raise _UsageError("--steps counts steps on the config's own x and y; with --data give --epochs instead")
    if args.target is None:
        raise _UsageError("--data needs --target COL, the name of the column to learn")
    if args.data == "-" and args.file == "-":
        raise _UsageError("the config and --data cannot both be standard input")
    if args.epochs is None:
        args.epochs = DEFAULT_EPOCHS
    if not 0 <= args.epochs <= MAX_STEPS:
        raise ConfigError(f"--epochs is {_short(args.epochs)}, expected 0 to {MAX_STEPS:,}")
    if args.test_split is None:
        args.test_split = 0.2
    if not (math.isfinite(args.test_split) and 0 <= args.test_split <= MAX_TEST_FRACTION):
        raise ConfigError(f"--test-split is {args.test_split}, expected a fraction from 0 to {MAX_TEST_FRACTION}")
    if not 0 <= args.seed <= MAX_DATA_SEED:
        raise ConfigError(
            f"--seed is {_short(args.seed)}; with --data it splits the rows: expected 0 to {MAX_DATA_SEED:,}"
        )


def _short(n: int) -> str:
    """An integer argument for a message (str() of one with thousands of digits is refused or huge)."""
    return str(n) if abs(n) < 10**15 else f"{float(n) if abs(n) < 10**308 else math.copysign(math.inf, n):.6g}"


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


@contextmanager
def _quiet():
    """numpy's floating-point warnings (and any library warning) off: the output's "warnings" report them."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _rows(a):
    """An array (or a number) as JSON lists, with null where a value is inf or NaN."""
    a = np.asarray(a, dtype=float)
    finite = np.isfinite(a)
    return a.tolist() if finite.all() else np.where(finite, a, None).tolist()


def _scrub(v, path: str, found: list):
    """A JSON-like value with every non-finite float as None, noting each one's path in `found`."""
    if isinstance(v, float) and not math.isfinite(v):
        found.append(says(path or "the output", nonfinite_kind(v)))
        return None
    if isinstance(v, dict):
        return {k: _scrub(e, f"{path}.{k}" if path else str(k), found) for k, e in v.items()}
    if isinstance(v, (list, tuple)):
        return [_scrub(e, f"{path}[{i}]", found) for i, e in enumerate(v)]
    return v


def pass_output(config: NetworkConfig) -> dict:

    with _quiet():
        r = run_pass(config)
        problems = nonfinite(r)
    out = {
        "loss": _rows(r.loss),
        "layers": [
            {"z": _rows(L.z), "a": _rows(L.a), "delta": _rows(L.delta), "dW": _rows(L.dW), "db": _rows(L.db)}
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
    with _quiet():
        found = [str(p) for p in nonfinite(run_pass(config))]
        rep = gradcheck(config_params(config), config.activations, config.loss, config.l2, x, y, eps)
    for c in rep.checks:
        if kind := nonfinite_kind(c.numeric):
            found.append(says(f"layer {c.layer}: the numeric d{c.kind}", kind))
    out = _scrub(rep.to_dict(), "", found)
    if found:
        out["passed"] = False  # a check through inf or NaN verifies nothing
        out["warnings"] = found
    return out


def _trained(config: NetworkConfig, params) -> tuple[dict, list[str]]:
    """The config with the trained weights and biases, and warnings naming any that overflowed."""
    Ws, bs = [W for W, _ in params], [b for _, b in params]
    bad = [(l, q, k) for l, (W, b) in enumerate(params, 1) for q, a in (("W", W), ("b", b)) if (k := nonfinite_kind(a))]
    if bad:  # not a valid config any more: written as is, with null where a value overflowed
        trained = dict(config.to_dict(), weights=[_rows(W) for W in Ws], biases=[_rows(b) for b in bs])
        return trained, [says(f"layer {l}: the trained {q}", k) for l, q, k in bad]
    return with_params(config, Ws, bs).to_dict(), []


def _train(config: NetworkConfig, args) -> dict:
    from engine.training import train_gd, train_scipy

    x, y = np.array(config.x), np.array(config.y)
    net = (config_params(config), config.activations, config.loss, config.l2, x, y)
    with _quiet():
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
    trained, more = _trained(config, res.params)
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


# ---- training on a CSV file: one JSON line per epoch -------------------------------------------


class _OutputFailed(Exception):
    """stdout could not be written; _write has said so on stderr."""


def _read_csv(args) -> Dataset:
    """--data: the file's bytes (its size checked before reading) as a Dataset, split by --seed."""
    from engine.csvdata import MAX_BYTES, dataset_from_csv

    path, size = args.data, None
    try:
        if path == "-":
            if sys.stdin is None:
                raise ConfigError("standard input is closed; give --data FILE.csv")
            raw = getattr(sys.stdin, "buffer", sys.stdin).read(MAX_BYTES + 1)
            raw = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
        else:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size  # 0 for a pipe or a device: then read and see
                raw = f.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    except OSError as e:
        raise ConfigError(f"cannot read --data {path[:100]}: {e.strerror or e}") from None
    except ValueError as e:  # a null character in the name, a closed stream
        raise ConfigError(f"cannot read --data {path[:100]!r}: {e}") from None
    if (size or 0) > MAX_BYTES or len(raw) > MAX_BYTES:
        shown = count(size) if size and size > MAX_BYTES else f"more than {count(MAX_BYTES)}"
        raise DataError("too_big", size=shown, limit=count(MAX_BYTES))
    name = "stdin" if path == "-" else os.path.basename(path)
    return dataset_from_csv(
        raw, args.target, args.task or "auto", args.standardize, args.test_split, args.seed, source=name
    )


def _evaluate(params, config: NetworkConfig, task: str, x, y) -> tuple[float | None, float | None]:
    """(J, accuracy) on x, y: J with the L2 term over these m rows; accuracy None for regression or no rows."""
    if x.shape[0] == 0:
        return None, None
    zs, As = forward(params, config.activations, x)
    J = cost(params, config.activations, config.loss, config.l2, zs[-1], As[-1], y)[0]
    true = labels_of(task, y)
    acc = None if true is None else float(np.mean(labels_of(task, As[-1]) == true))
    return J, acc


def _scipy_epochs(params, config: NetworkConfig, x, y, epochs: int, method: str, each) -> None:
    """L-BFGS-B or TNC with train_scipy's objective and options, calling each(k, params) after iteration k.

    train_scipy keeps only the last iterate; an epoch line needs every iterate's test loss, so this runs
    scipy.optimize.minimize itself, on the same unrolled theta and backprop gradient (engine.training).
    """
    from scipy.optimize import minimize

    from engine.training import grads, roll, unroll

    layers = config.layers
    net = (config.activations, config.loss, config.l2, x, y)
    done = [0]

    def fun(theta):
        J, g = grads(roll(theta, layers), *net)
        return J, unroll(g)

    class Enough(Exception):
        pass

    def record(theta, *_):
        done[0] += 1
        each(done[0], roll(np.array(theta), layers))
        if done[0] >= epochs:
            raise Enough  # TNC's C loop has no clean stop (as in train_scipy)

    if epochs == 0:
        return
    try:
        minimize(
            fun,
            unroll(params),
            jac=True,
            method={"lbfgs": "L-BFGS-B", "tnc": "TNC"}[method],
            callback=record,
            options={"maxiter": epochs} if method == "lbfgs" else {"maxfun": 50 * epochs},
        )
    except Enough:
        pass


def _train_on_data(config: NetworkConfig, args) -> int:
    """Train on --data's training split: one JSON line per epoch (epoch 0 before training), then the config.

    Everything about the input is checked before the first line. Gradient descent: an epoch is
    ceil(n_train / batch) steps of train_gd (one for full batches), its shuffling seeded by (--seed, epoch);
    L-BFGS / TNC: an epoch is one iteration.
    """
    from engine.training import train_gd

    ds = _read_csv(args)
    check_fits(config, ds, args.target)
    config = config.replace(x=ds.x_train, y=ds.y_train)
    n = ds.n_train
    batch = n if not args.batch_size or args.batch_size >= n else args.batch_size
    per_epoch = math.ceil(n / batch)
    if args.optimizer == "gd" and args.epochs * per_epoch > MAX_STEPS:
        raise ConfigError(
            f"--epochs {args.epochs:,} of {per_epoch:,} steps (batches of {batch:,} from {n:,} rows) is "
            f"{args.epochs * per_epoch:,} steps, more than the {MAX_STEPS:,} allowed"
        )
    x, y = np.array(ds.x_train), np.array(ds.y_train)
    warned = []

    def line(epoch: int, params) -> None:
        out, accuracy = {"epoch": epoch}, {}
        for part, xs, ys in (("train", x, y), ("test", ds.x_test, ds.y_test)):
            J, accuracy[f"{part}_accuracy"] = _evaluate(params, config, ds.task, xs, ys)
            if J is not None and not math.isfinite(J):
                if not warned:
                    warned.append(says(f"epoch {epoch}: the {part} loss J", nonfinite_kind(J)))
                J = None
            out[f"{part}_loss"] = J
        out.update(accuracy)
        if _write(json.dumps(out) + "\n"):
            raise _OutputFailed

    params = config_params(config)
    try:
        with _quiet():
            line(0, params)
            if args.optimizer == "gd":
                for epoch in range(1, args.epochs + 1):
                    net = (config.activations, config.loss, config.l2, x, y)
                    res = train_gd(params, *net, per_epoch, args.lr, batch, [args.seed, epoch])
                    params = res.params
                    line(epoch, params)
                    if res.overflow_at is not None:  # train_gd stopped at the last finite parameters
                        warned.append(f"epoch {epoch}: J or a gradient became inf or NaN; training stopped there")
                        break
            else:

                def each(k, p):
                    nonlocal params
                    params = p
                    line(k, p)

                _scipy_epochs(params, config, x, y, args.epochs, args.optimizer, each)
            trained, more = _trained(config, params)
    except _OutputFailed:
        return EXIT_OUTPUT_FAILED
    final = {"config": trained}
    if warned or more:
        final["warnings"] = warned + more
    return _write(_dumps(final) + "\n")


def _say_error(message: str) -> None:
    """One line on stderr, 'error: ...', at most ~300 characters; a stderr that cannot be written is left be."""
    try:
        print(one_line(f"error: {message}"), file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


def _write(text: str) -> int:
    """text on stdout, flushed; 0, or EXIT_OUTPUT_FAILED with an error line when it cannot be written
    (a full disk, a closed pipe): stdout then points at os.devnull, so the interpreter's own flush at exit
    does not fail again with an 'Exception ignored' message (the Python docs' advice for SIGPIPE)."""
    if sys.stdout is None:  # fd 1 closed
        _say_error("cannot write the output: standard output is closed")
        return EXIT_OUTPUT_FAILED
    try:
        if text:
            sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError) as e:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass
        _say_error(f"cannot write the output: {getattr(e, 'strerror', None) or e}")
        return EXIT_OUTPUT_FAILED
    return 0


def _dumps(out: dict) -> str:
    """Standard JSON; any non-finite number left (the commands null theirs already) becomes null too."""
    try:
        return json.dumps(out, allow_nan=False)
    except ValueError:
        found = list(out.get("warnings", []))
        out = _scrub({k: v for k, v in out.items() if k != "warnings"}, "", found)
        return json.dumps(dict(out, warnings=found), allow_nan=False)


def main(argv=None) -> int:
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as e:  # --help has been printed
            return _write("") or (e.code if isinstance(e.code, int) else 0)
        _check_args(args)
        config = _read(args.file)
        if args.command == "pass":
            out = pass_output(config)
        elif args.command == "gradcheck":
            out = _gradcheck(config, args.eps)
        elif args.data is not None:
            return _train_on_data(config, args)
        else:
            out = _train(config, args)
    except (ConfigError, _UsageError, DataError) as e:
        _say_error(str(e))
        return EXIT_BAD_INPUT
    return _write(_dumps(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())
