"""Reading one field of a config: numbers, vectors, matrices, samples, widths, names.

Each reader returns the field as primitives or raises ConfigError with one sentence naming the field
(`weights[1][2]`) and what is wrong; sizes are checked before anything is read. engine.config composes
them into a NetworkConfig.
"""

from __future__ import annotations

import math
import re

MAX_WIDTH = 256
MAX_WEIGHT_LAYERS = 12
MAX_SAMPLES = 10_000
MAX_MESSAGE_CHARS = 300

Matrix = tuple[tuple[float, ...], ...]

# line breaks, C0/C1 controls, bidi overrides and BOMs: nothing that can break or disguise one line of text
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates (JSON "\\ud800") cannot be encoded as UTF-8


def one_line(text, limit: int = MAX_MESSAGE_CHARS) -> str:
    """text as one printable line of at most `limit` characters (cut with an ellipsis), fast for any size."""
    text = str(text)[: 4 * limit]
    text = " ".join(_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ConfigError(ValueError):
    """A config that cannot be used; the message is one sentence naming the field.

    The message is always one line of at most MAX_MESSAGE_CHARS characters, whatever text went into it.
    """

    def __init__(self, message: object = "") -> None:
        super().__init__(one_line(message))


def is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def as_float(v) -> float:
    """float(v) for a number; an int too large for float64 is inf (or -inf), as 1e999 parses."""
    try:
        return float(v)
    except OverflowError:
        return math.inf if v > 0 else -math.inf


def number(v, path: str) -> float:
    if not is_number(v):
        raise ConfigError(f"{path} is {describe(v)}, expected a number")
    f = as_float(v)
    if not math.isfinite(f):
        raise ConfigError(f"{path} is {f}, expected a finite number")
    return f


def show(n) -> str:
    """A number, short: whole numbers beyond 15 digits in exponent form (str() of a huge int may even fail)."""
    if isinstance(n, int) and not isinstance(n, bool) and abs(n) >= 10**15:
        return f"{as_float(n):.6g}"
    return repr(n)[:30]


def quote(text, n: int = 40) -> str:
    """Untrusted text quoted and cut to n characters, for a message."""
    text = str(text)
    return repr(text if len(text) <= n else text[:n] + "…")


def describe(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f"the text {quote(v, 20)}"
    if isinstance(v, list):
        return f"a list of {len(v)}"
    if isinstance(v, dict):
        return "an object"
    if is_number(v):
        return show(v)
    return f"a {type(v).__name__}"


def name_of(v, names, path: str) -> str:
    """v as one of `names` (activations, losses, init schemes); a string is checked before any lookup."""
    if not isinstance(v, str) or v not in names:
        raise ConfigError(f"{path} is {describe(v)}, expected one of {', '.join(names)}")
    return v


def vector(v, path: str, n: int) -> tuple[float, ...]:
    if not isinstance(v, list):
        raise ConfigError(f"{path} is {describe(v)}, expected a list of {n} numbers")
    if len(v) != n:
        raise ConfigError(f"{path} has {len(v)} numbers, expected {n}")
    return tuple(number(e, f"{path}[{k}]") for k, e in enumerate(v))


def matrix(v, path: str, rows: int, cols: int) -> Matrix:
    if not isinstance(v, list) or not all(isinstance(r, list) for r in v):
        raise ConfigError(f"{path} is {describe(v)}, expected {rows} rows of {cols} numbers")
    got_cols = {len(r) for r in v}
    if len(v) != rows or got_cols != {cols}:
        shape = f"{len(v)}x{got_cols.pop()}" if len(got_cols) == 1 else f"{len(v)} rows of unequal length"
        raise ConfigError(f"{path} has shape {shape}, expected {rows}x{cols}")
    return tuple(vector(r, f"{path}[{i}]", cols) for i, r in enumerate(v))


def samples(v, path: str, n: int) -> Matrix:
    """m rows of n numbers; a single flat list is one sample."""
    if isinstance(v, list) and v and not isinstance(v[0], list):
        v = [v]
    if not isinstance(v, list) or not v:
        raise ConfigError(f"{path} is {describe(v)}, expected at least one row of {n} numbers")
    if len(v) > MAX_SAMPLES:
        raise ConfigError(f"{path} has {len(v):,} samples, more than the {MAX_SAMPLES:,} allowed")
    for i, r in enumerate(v):
        if not isinstance(r, list):
            raise ConfigError(f"{path}[{i}] is {describe(r)}, expected a list of {n} numbers")
        if len(r) != n:
            raise ConfigError(f"{path}[{i}] has {len(r)} numbers, expected {n}")
    return tuple(vector(r, f"{path}[{i}]", n) for i, r in enumerate(v))


def sample_count(v) -> int:
    """How many samples x holds, as samples() will read it (a flat list is one), before reading them."""
    if not isinstance(v, list):
        return 1
    return 1 if v and not isinstance(v[0], list) else min(len(v), MAX_SAMPLES)


def layers_field(v) -> tuple[int, ...]:
    if not isinstance(v, list) or len(v) < 2:
        raise ConfigError(f"layers is {describe(v)}, expected a list of at least 2 widths")
    if len(v) - 1 > MAX_WEIGHT_LAYERS:
        raise ConfigError(f"layers has {len(v) - 1} weight layers, at most {MAX_WEIGHT_LAYERS} are allowed")
    out = []
    for k, n in enumerate(v):
        if not (is_number(n) and (isinstance(n, int) or (math.isfinite(n) and n.is_integer()))):
            raise ConfigError(f"layers[{k}] is {describe(n)}, expected a whole number")
        if not 1 <= n <= MAX_WIDTH:
            raise ConfigError(f"layers[{k}] is {show(int(n))}, widths must be 1-{MAX_WIDTH}")
        out.append(int(n))
    return tuple(out)
