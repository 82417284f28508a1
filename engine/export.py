"""Take it away: one network's forward and backward pass as a standalone numpy script.

numpy_script(config) returns the text of a Python file that needs only numpy (and json, sys): the
network's widths, activations, loss, weights and biases as used, x, y and lambda written as literals
(repr of each float, so every number round-trips exactly), then forward, cost and backward written
out from the formulas, with only the activation and loss code this network uses. Run, it prints J and
every layer's dJ/dW and dJ/db; with --json, one object {"loss": J, "layers": [{"dW", "db"}, ...]}.
Its formulas are the engine's, stable the same way (branch-free sigmoid, sech^2 without cosh,
softmax and log-sum-exp shifted by the max, bce in logits form), so it agrees with run_pass to round-off.

Arrays go in as list literals up to LITERAL_BUDGET numbers in all (CPython needs ~10 KB and ~4 us to
compile each number of a literal: 2.5 million of them would take 12 s and 2.6 GB); the biggest
arrays beyond that go in as a block of the same repr'd numbers, one row a line, read with float().
"""

from __future__ import annotations

import unicodedata

import numpy as np

from engine.config import NetworkConfig
from engine.export_code import ACTIVATION_CODE, DELTA_CODE, LOSS_CODE, LOSS_NAMES, NUMBERS_CODE, PASS_CODE
from engine.network import config_params

WIDTH = 100  # line width of the script
LITERAL_BUDGET = 100_000  # numbers written as list literals, smallest arrays first; the rest as text blocks
PACK_ROWS = 16  # a matrix with more rows than this puts several short rows on a line
MAX_TITLE = 200  # characters of the title kept
KEEP_FORMAT = {"\u200c", "\u200d"}  # zero-width (non-)joiners: part of Persian, Indic and emoji text


def script_name(config: NetworkConfig) -> str:
    """The file name the script's docstring tells the user to run: backprop_3-4-4-3.py."""
    return "backprop_" + "-".join(map(str, config.layers)) + ".py"


def clean_title(title) -> str:
    """User text as one safe line: whitespace runs as one space, control and format characters gone
    (NUL, bidi overrides, lone surrogates), at most MAX_TITLE characters."""
    text = " ".join(str(title).split())
    text = "".join(c for c in text if c in KEEP_FORMAT or unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"


def _docstring_safe(text: str) -> str:
    """A line that cannot end a raw triple-quoted docstring: a quote right after a quote is escaped."""
    out = []
    for c in text:
        out.append("\\" + c if c == '"' and out and out[-1].endswith('"') else c)
    return "".join(out)


def _num(v: float) -> str:
    r = repr(float(v))
    return {"inf": "np.inf", "-inf": "-np.inf", "nan": "np.nan"}.get(r, r)


def _pack(items: list[str], indent: str, width: int = WIDTH) -> list[str]:
    """Items (each ending in ',' but the last) joined by spaces into lines of at most `width`."""
    lines, line = [], indent
    for item in items:
        if line != indent and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = indent
        line += item if line == indent else " " + item
    lines.append(line)
    return lines


def _commas(items: list[str]) -> list[str]:
    return [s + "," for s in items[:-1]] + items[-1:]


def _row(values, indent: str) -> list[str]:
    """One row as '[a, b, c]', wrapped inside the brackets when it is longer than the line."""
    nums = [_num(v) for v in values]
    one = indent + "[" + ", ".join(nums) + "]"
    if len(one) <= WIDTH:
        return [one]
    lines = _pack(_commas(nums), indent + " ")
    lines[0] = indent + "[" + lines[0][len(indent) + 1 :]
    return lines[:-1] + [lines[-1] + "]"]


def _literal(name: str, a: np.ndarray) -> list[str]:
    """`name = np.array([...])` in as few lines as reads well: one line when it fits, else a row a line,
    several short rows a line past PACK_ROWS rows."""
    rows = a.tolist()
    if a.ndim == 1:
        one = f"{name} = np.array([{', '.join(map(_num, rows))}])"
        if len(one) <= WIDTH:
            return [one]
        return [f"{name} = np.array(["] + _pack(_commas([_num(v) for v in rows]), "    ") + ["])"]
    texts = ["[" + ", ".join(map(_num, r)) + "]" for r in rows]
    one = f"{name} = np.array([{', '.join(texts)}])"
    if len(one) <= WIDTH:
        return [one]
    if len(rows) > PACK_ROWS and all(len(t) + 5 <= WIDTH for t in texts):
        body = _pack([t + "," for t in texts], "    ")
    else:
        body = [line for r in rows for line in _row(r, "    ")]
        body = [line + "," if line.endswith("]") else line for line in body]
    return [f"{name} = np.array(["] + body + ["])"]


def _block(name: str, a: np.ndarray) -> list[str]:
    """`name = numbers(\"\"\" ... \"\"\", shape)`: the repr'd numbers, one row a line."""
    shape = ", ".join(map(str, a.shape))
    rows = [" ".join(map(repr, r)) for r in np.atleast_2d(a).tolist()]
    return [f'{name} = numbers("""', *rows, f'""", {shape})']


def _wrap_call(head: str, items: list[str], tail: str, indent: str = "    ") -> list[str]:
    one = head + ", ".join(items) + tail
    if len(one) <= WIDTH:
        return [one]
    return [head.rstrip()] + _pack(_commas(items), indent) + ([tail.strip()] if tail.strip() else [])


def _code_needed(config: NetworkConfig) -> tuple[list[str], str, str]:
    """The activation code (g and the g' the pass uses), loss_per_sample and output_delta."""
    acts, loss = config.activations, config.loss
    out = acts[-1]
    primes = set(acts[:-1])  # hidden layers: δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ g'(z^l)
    if loss == "mse" and out != "softmax":
        primes.add(out)  # δ^L = (a − y) ⊙ g'(z^L)
    blocks = []
    for name in ACTIVATION_CODE:  # registry order: sigmoid first, softmax last
        if name in acts:
            fn, prime = ACTIVATION_CODE[name]
            blocks.append(fn)
            if name in primes:
                blocks.append(prime)
    if loss == "mse":
        delta = DELTA_CODE["mse_softmax"] if out == "softmax" else DELTA_CODE["mse"].format(g=out)
    else:
        delta = DELTA_CODE[loss]
    return blocks, LOSS_CODE[loss], delta


def _docstring(config: NetworkConfig, title: str) -> list[str]:
    name = script_name(config)
    widths = "-".join(map(str, config.layers))
    m = config.m
    title = clean_title(title)
    first = f'r"""One forward and one backward pass of a {widths} network, in plain numpy.'
    if len(first) > WIDTH:
        first = f'r"""One forward and one backward pass of a net of {config.n_weight_layers} weight layers, in numpy.'
    lines = [first, ""]
    if title:
        lines += [_docstring_safe(f"Title: {title}"), ""]
    lines += [
        "Exported from Backprop Explorer: the network, its weights and biases as used, the inputs x and",
        "targets y, then the forward pass, the cost J and the backward pass written out from the formulas.",
        "It needs numpy and nothing else.",
        "",
        "Run it to print J and every layer's dJ/dW and dJ/db (--json: one JSON object, every digit):",
        f"    python {name}",
        f"    python {name} --json",
        "",
        "The network:",
        f"    widths n_0..n_L: {widths}",
        *_wrap_call("    activations g_1..g_L: ", list(config.activations), "", "        "),
        f"    loss: {config.loss}, {LOSS_NAMES[config.loss]}",
        f"    m = {m} sample{'s' if m != 1 else ''}, λ = {config.l2!r} (L2 regularisation)",
        "",
        "Conventions (one sample as a column vector; in the code each sample is a row):",
        "    z^l = W^l a^(l−1) + b^l,  a^l = g_l(z^l),  a^0 = x;  W^l has n_l rows and n_(l−1) columns",
        "    J = (1/m) Σ_i ℓ_i + (λ/2m) Σ_l ‖W^l‖²",
        "    δ^l = ∂ℓ_i/∂z^l;  δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ g_l'(z^l)",
        "    ∂J/∂W^l = (1/m) Σ_i δ^l_i (a^(l−1)_i)ᵀ + (λ/m) W^l,  ∂J/∂b^l = (1/m) Σ_i δ^l_i",
        '"""',
    ]
    return lines


def _data(config: NetworkConfig) -> list[str]:
    """The constants: widths, activations, loss, λ, W^l and b^l, X and Y."""
    params = config_params(config)
    L = config.n_weight_layers
    arrays = {}  # name -> array, in the order written
    for l, (W, b) in enumerate(params, start=1):
        arrays[f"W[{l}]"] = np.asarray(W, dtype=float)
        arrays[f"b[{l}]"] = np.asarray(b, dtype=float)
    arrays["X"] = np.array(config.x, dtype=float)
    arrays["Y"] = np.array(config.y, dtype=float)
    literal, used = set(), 0
    for name in sorted(arrays, key=lambda k: arrays[k].size):
        if used + arrays[name].size <= LITERAL_BUDGET:
            literal.add(name)
            used += arrays[name].size
    source = "as given" if config.weights is not None else _drawn(config)
    bias_source = "as given" if config.biases is not None else "drawn: zeros"  # init_params' biases
    lines = [
        *_wrap_call("LAYERS = [", list(map(str, config.layers)), "]"),
        f"L = {L}  # weight layers: l = 1..L",
        *_wrap_call("ACTIVATIONS = [", [f'"{a}"' for a in config.activations], "]"),
        f'LOSS = "{config.loss}"',
        f"LAMBDA = {config.l2!r}  # λ, the L2 regularisation strength",
        "",
    ]
    if len(literal) < len(arrays):
        lines += [NUMBERS_CODE, "", ""]
    lines += [
        "# W[l] is W^l (n_l × n_(l−1)) and b[l] is b^l; index 0 is unused so that l counts as in the formulas",
        f"# weights {source}; biases {bias_source}",
        "W, b = [None] * (L + 1), [None] * (L + 1)",
    ]
    for name, a in arrays.items():
        if name == "X":
            lines += ["", "# the m samples, one a row: X is m × n_0 (x) and Y is m × n_L (y)"]
        lines += _literal(name, a) if name in literal else _block(name, a)
    return lines


def _drawn(config: NetworkConfig) -> str:
    init = config.init
    value = "" if init.value is None else f", value {init.value!r}"
    return f"drawn: {init.scheme} initialisation, seed {init.seed}{value}"


def numpy_script(config: NetworkConfig, title: str = "") -> str:
    """A standalone Python script (numpy, json and sys only) computing this network's J, dW and db.

    The numbers are the config's, or the init's draw where weights or biases are None; `title` (any
    user text) goes into the docstring as one cleaned line. See the module docstring.
    """
    blocks, loss_code, delta_code = _code_needed(config)
    acts = config.activations
    primes = [f"{a}_prime" for a in acts[:-1]] + ["None"]
    out = [
        *_docstring(config, title),
        "",
        "import json",
        "import sys",
        "",
        "import numpy as np",
        "",
        *_data(config),
        "",
        "",
        "# Activations: each g beside the derivative g' the backward pass uses",
        "\n\n\n".join(blocks),
        "",
        "",
        "# g[l] is g_l and g_prime[l] is g_l' (the output layer's g' is inside δ^L, output_delta)",
        *_wrap_call("g = [", ["None", *acts], "]"),
        *_wrap_call("g_prime = [", ["None", *primes], "]"),
        "",
        "",
        f"# The loss: {config.loss}, {LOSS_NAMES[config.loss]}",
        loss_code,
        "",
        "",
        delta_code,
        "",
        "",
        "# The pass",
        PASS_CODE,
    ]
    return "\n".join(out)


__all__ = ["numpy_script", "script_name", "clean_title"]
