"""What python -m engine writes and how: JSON on stdout, or one 'error:' line on stderr.

Shared by the commands (engine/__main__.py) and training on a CSV file (engine/cli_data.py): a non-finite
number is written as null with a warning naming where it arose, and output that cannot be written exits
EXIT_OUTPUT_FAILED with one error line.
"""

from __future__ import annotations

import json
import math
import os
import sys
import warnings
from contextlib import contextmanager

import numpy as np

from engine.config import NetworkConfig, one_line, with_params
from engine.health import nonfinite_kind, says

EXIT_OUTPUT_FAILED = 1
MAX_STEPS = 1_000_000


class UsageError(Exception):
    """Misused options: exit 2 with one error line, like every other bad input."""


def short(n: int) -> str:
    """An integer argument for a message (str() of one with thousands of digits is refused or huge)."""
    return str(n) if abs(n) < 10**15 else f"{float(n) if abs(n) < 10**308 else math.copysign(math.inf, n):.6g}"


@contextmanager
def quiet():
    """numpy's floating-point warnings (and any library warning) off: the output's "warnings" report them."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def rows(a):
    """An array (or a number) as JSON lists, with null where a value is inf or NaN."""
    a = np.asarray(a, dtype=float)
    finite = np.isfinite(a)
    return a.tolist() if finite.all() else np.where(finite, a, None).tolist()


def scrub(v, path: str, found: list):
    """A JSON-like value with every non-finite float as None, noting each one's path in `found`."""
    if isinstance(v, float) and not math.isfinite(v):
        found.append(says(path or "the output", nonfinite_kind(v)))
        return None
    if isinstance(v, dict):
        return {k: scrub(e, f"{path}.{k}" if path else str(k), found) for k, e in v.items()}
    if isinstance(v, (list, tuple)):
        return [scrub(e, f"{path}[{i}]", found) for i, e in enumerate(v)]
    return v


def trained_output(config: NetworkConfig, params) -> tuple[dict, list[str]]:
    """The config with the trained weights and biases, and warnings naming any that overflowed."""
    Ws, bs = [W for W, _ in params], [b for _, b in params]
    bad = [(l, q, k) for l, (W, b) in enumerate(params, 1) for q, a in (("W", W), ("b", b)) if (k := nonfinite_kind(a))]
    if bad:  # not a valid config any more: written as is, with null where a value overflowed
        trained = dict(config.to_dict(), weights=[rows(W) for W in Ws], biases=[rows(b) for b in bs])
        return trained, [says(f"layer {l}: the trained {q}", k) for l, q, k in bad]
    return with_params(config, Ws, bs).to_dict(), []


def say_error(message: str) -> None:
    """One line on stderr, 'error: ...', at most ~300 characters; a stderr that cannot be written is left be."""
    try:
        print(one_line(f"error: {message}"), file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


def write(text: str) -> int:
    """text on stdout, flushed; 0, or EXIT_OUTPUT_FAILED with an error line when it cannot be written
    (a full disk, a closed pipe): stdout then points at os.devnull, so the interpreter's own flush at exit
    does not fail again with an 'Exception ignored' message (the Python docs' advice for SIGPIPE)."""
    if sys.stdout is None:  # fd 1 closed
        say_error("cannot write the output: standard output is closed")
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
        say_error(f"cannot write the output: {getattr(e, 'strerror', None) or e}")
        return EXIT_OUTPUT_FAILED
    return 0


def dumps(out: dict) -> str:
    """Standard JSON; any non-finite number left (the commands null theirs already) becomes null too."""
    try:
        return json.dumps(out, allow_nan=False)
    except ValueError:
        found = list(out.get("warnings", []))
        out = scrub({k: v for k, v in out.items() if k != "warnings"}, "", found)
        return json.dumps(dict(out, warnings=found), allow_nan=False)
