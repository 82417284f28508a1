"""python -m engine train CONFIG --data FILE.csv --target COL: the options' checks and one JSON line per epoch.

The config's x and y become the file's training split (engine/csvdata.py); each line has the train and
test cost J (L2 included) and accuracy (null for regression), then a last line has the trained config.
An epoch is ceil(n / batch) gradient-descent steps, or one L-BFGS / TNC iteration.
"""

from __future__ import annotations

import json
import math
import os
import sys

import numpy as np

from engine.cli_io import EXIT_OUTPUT_FAILED, MAX_STEPS, UsageError, dumps, quiet, short, trained_output, write
from engine.config import ConfigError, NetworkConfig
from engine.data_errors import MAX_SEED as MAX_DATA_SEED
from engine.data_errors import MAX_TEST_FRACTION, DataError, count
from engine.data_fit import check_fits
from engine.data_record import Dataset, labels_of
from engine.health import nonfinite_kind, says
from engine.network import config_params, cost, forward

TASK_CHOICES = ("auto", "classification", "regression")
DEFAULT_EPOCHS = 100


def check_data_args(args) -> None:
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
            raise UsageError(f"{data_only[0]} is for training on --data FILE.csv; give --data too")
        if args.steps is None:
            raise UsageError("the following arguments are required: --steps (or --data FILE.csv with --target COL)")
        return
    if args.steps is not None:
        raise UsageError("--steps counts steps on the config's own x and y; with --data give --epochs instead")
    if args.target is None:
        raise UsageError("--data needs --target COL, the name of the column to learn")
    if args.data == "-" and args.file == "-":
        raise UsageError("the config and --data cannot both be standard input")
    if args.epochs is None:
        args.epochs = DEFAULT_EPOCHS
    if not 0 <= args.epochs <= MAX_STEPS:
        raise ConfigError(f"--epochs is {short(args.epochs)}, expected 0 to {MAX_STEPS:,}")
    if args.test_split is None:
        args.test_split = 0.2
    if not (math.isfinite(args.test_split) and 0 <= args.test_split <= MAX_TEST_FRACTION):
        raise ConfigError(f"--test-split is {args.test_split}, expected a fraction from 0 to {MAX_TEST_FRACTION}")
    if not 0 <= args.seed <= MAX_DATA_SEED:
        raise ConfigError(
            f"--seed is {short(args.seed)}; with --data it splits the rows: expected 0 to {MAX_DATA_SEED:,}"
        )


class _OutputFailed(Exception):
    """stdout could not be written; write has said so on stderr."""


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


def train_on_data(config: NetworkConfig, args) -> int:
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
        if write(json.dumps(out) + "\n"):
            raise _OutputFailed

    params = config_params(config)
    try:
        with quiet():
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
            trained, more = trained_output(config, params)
    except _OutputFailed:
        return EXIT_OUTPUT_FAILED
    final = {"config": trained}
    if warned or more:
        final["warnings"] = warned + more
    return write(dumps(final) + "\n")
