"""python -m engine: one backprop pass, a gradient check, or training, on a config JSON file.

Bad input exits 2 with one line on stderr starting 'error:' and nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from engine.config import MAX_JSON_CHARS, ConfigError, NetworkConfig, from_json, with_params
from engine.network import config_params, run_pass

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
    st.add_argument("--steps", type=int, required=True, help="number of steps (iterations for lbfgs/tnc)")
    st.add_argument("--lr", type=float, default=0.5, help="learning rate alpha for gd (default 0.5)")
    st.add_argument("--batch-size", type=int, default=None, help="mini-batch size for gd (default: all samples)")
    st.add_argument("--optimizer", choices=("gd", "lbfgs", "tnc"), default="gd", help="gd (default), lbfgs or tnc")
    st.add_argument("--seed", type=int, default=0, help="seed for mini-batch shuffling (default 0)")
    return p


def _read(path: str) -> NetworkConfig:
    try:
        if path == "-":
            text = sys.stdin.read(MAX_JSON_CHARS + 1)
        else:
            with open(path, "rb") as f:
                text = f.read(MAX_JSON_CHARS + 1)
    except OSError as e:
        raise ConfigError(f"cannot read {path}: {e.strerror}") from None
    return from_json(text)


def _rows(a) -> list:
    return np.asarray(a).tolist()


def pass_output(config: NetworkConfig) -> dict:
    r = run_pass(config)
    return {
        "loss": float(r.loss),
        "layers": [
            {"z": _rows(L.z), "a": _rows(L.a), "delta": _rows(L.delta), "dW": _rows(L.dW), "db": _rows(L.db)}
            for L in r.layers
        ],
    }


def _gradcheck(config: NetworkConfig, eps: float) -> dict:
    from engine.gradcheck import gradcheck

    if not (1e-12 <= eps <= 1e-1):
        raise ConfigError(f"--eps is {eps}, expected a step between 1e-12 and 0.1")
    x, y = np.array(config.x), np.array(config.y)
    rep = gradcheck(config_params(config), config.activations, config.loss, config.l2, x, y, eps)
    return rep.to_dict()


def _train(config: NetworkConfig, args) -> dict:
    from engine.training import train_gd, train_scipy

    if not 0 <= args.steps <= 1_000_000:
        raise ConfigError(f"--steps is {args.steps}, expected 0 to 1,000,000")
    if not (np.isfinite(args.lr) and args.lr > 0):
        raise ConfigError(f"--lr is {args.lr}, expected a positive number")
    if args.batch_size is not None and args.batch_size < 1:
        raise ConfigError(f"--batch-size is {args.batch_size}, expected at least 1")
    x, y = np.array(config.x), np.array(config.y)
    params = config_params(config)
    if args.optimizer == "gd":
        res = train_gd(
            params, config.activations, config.loss, config.l2, x, y, args.steps, args.lr, args.batch_size, args.seed
        )
    else:
        res = train_scipy(params, config.activations, config.loss, config.l2, x, y, args.steps, args.optimizer)
    trained = with_params(config, [W for W, _ in res.params], [b for _, b in res.params])
    return {
        "optimizer": args.optimizer,
        "steps": res.steps_done,
        "diverged": res.diverged,
        "history": [h if np.isfinite(h) else None for h in res.history],
        "loss": res.history[-1] if np.isfinite(res.history[-1]) else None,
        "config": trained.to_dict(),
    }


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
        config = _read(args.file)
        if args.command == "pass":
            out = pass_output(config)
        elif args.command == "gradcheck":
            out = _gradcheck(config, args.eps)
        else:
            out = _train(config, args)
    except (ConfigError, _UsageError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
