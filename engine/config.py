"""NetworkConfig: the whole network as primitives, with JSON in/out and validation.

The JSON form is fixed by DESIGN.md (it is also the save file and the share link body).
Validation names the field and the problem in one sentence and checks every size limit
before anything is allocated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from engine.activations import ACTIVATIONS
from engine.budget import over_budget
from engine.fields import (  # noqa: F401  (MAX_*, one_line: part of this module's interface)
    MAX_SAMPLES,
    MAX_WEIGHT_LAYERS,
    MAX_WIDTH,
    ConfigError,
    Matrix,
    as_float,
    describe,
    is_number,
    layers_field,
    matrix,
    name_of,
    number,
    one_line,
    quote,
    sample_count,
    samples,
    show,
    vector,
)
from engine.losses import LOSSES

MAX_JSON_CHARS = 50_000_000
INIT_SCHEMES = ("xavier", "he", "uniform", "normal", "zeros", "constant")
FIELDS = ("layers", "activations", "loss", "weights", "biases", "x", "y", "l2", "init")
MAX_INIT_SCALE = 1e300  # uniform half-width / normal std: beyond this the draw itself overflows float64
MAX_INT_DIGITS = 300  # longer integer literals are read as floats (inf beyond ~1.8e308), never as giant ints
BOM = "\ufeff"


@dataclass(frozen=True)
class InitSpec:
    scheme: str = "xavier"
    seed: int = 0
    value: float | None = None  # constant: the value; uniform: half-width; normal: std

    def to_dict(self) -> dict:
        d = {"scheme": self.scheme, "seed": self.seed}
        if self.value is not None:
            d["value"] = self.value
        return d


@dataclass(frozen=True)
class NetworkConfig:
    layers: tuple[int, ...]
    activations: tuple[str, ...]
    loss: str
    x: Matrix  # m rows of n_0 inputs
    y: Matrix  # m rows of n_L targets
    weights: tuple[Matrix, ...] | None = None  # weights[l-1] is W^l, n_l x n_{l-1}
    biases: tuple[tuple[float, ...], ...] | None = None  # biases[l-1] is b^l, n_l numbers
    l2: float = 0.0
    init: InitSpec = field(default_factory=InitSpec)

    @property
    def n_weight_layers(self) -> int:
        return len(self.layers) - 1

    @property
    def m(self) -> int:
        return len(self.x)

    def to_dict(self) -> dict:
        d = {
            "layers": list(self.layers),
            "activations": list(self.activations),
            "loss": self.loss,
        }
        if self.weights is not None:
            d["weights"] = [[list(r) for r in w] for w in self.weights]
        if self.biases is not None:
            d["biases"] = [list(b) for b in self.biases]
        d["x"] = [list(r) for r in self.x]
        d["y"] = [list(r) for r in self.y]
        d["l2"] = self.l2
        d["init"] = self.init.to_dict()
        return d

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def replace(self, **changes) -> NetworkConfig:
        """A validated copy with some fields changed (values in the JSON form or as tuples)."""
        d = self.to_dict()
        for k, v in changes.items():
            d[k] = _plain(v)
        return from_dict(d)


def _plain(v):
    """Tuples and InitSpec back to JSON-like lists/dicts."""
    if isinstance(v, InitSpec):
        return v.to_dict()
    if isinstance(v, (tuple, list)):
        return [_plain(e) for e in v]
    if hasattr(v, "tolist"):
        return v.tolist()
    return v


def _reject_constant(name):
    raise ConfigError(f"{name} is not allowed in a config; use finite numbers")


def _parse_int(digits: str):
    """An integer literal; a very long one as a float (inf when it overflows), so validation names it."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float(digits)


def from_json(text: str | bytes, budget: bool = False) -> NetworkConfig:
    """Parse and validate config JSON (str, or UTF-8 bytes; a leading BOM is allowed).

    Raises ConfigError with a one-sentence message, and nothing else, whatever the text.
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        if len(text) > 4 * MAX_JSON_CHARS:
            raise ConfigError(f"the config is {len(text):,} bytes, more than the {MAX_JSON_CHARS:,} characters allowed")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError("the config is not UTF-8 text") from None
    if not isinstance(text, str):
        raise ConfigError(f"the config is {type(text).__name__}, expected JSON text")
    if text.startswith(BOM):  # as Windows Notepad writes UTF-8
        text = text[1:]
    if len(text) > MAX_JSON_CHARS:
        raise ConfigError(f"the config is {len(text):,} characters, more than the {MAX_JSON_CHARS:,} allowed")
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except RecursionError:
        raise ConfigError("the config is not valid JSON: it is nested too deeply") from None
    except json.JSONDecodeError as e:
        raise ConfigError(f"the config is not valid JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except ValueError as e:  # any other refusal of the parser (ConfigError is raised above, not here)
        if isinstance(e, ConfigError):
            raise
        raise ConfigError(f"the config is not valid JSON: {e}") from None
    return from_dict(data, budget)


def check_init_value(scheme: str, value: float | None) -> None:
    """Refuse a uniform/normal scale the draw cannot use (ConfigError naming init.value)."""
    if scheme in ("uniform", "normal") and value is not None:
        what = "half-width" if scheme == "uniform" else "standard deviation"
        if not value > 0:
            raise ConfigError(f"init.value is {value}, the {scheme} scale must be positive")
        if not value <= MAX_INIT_SCALE:
            raise ConfigError(
                f"init.value is {value:g}, but the {scheme} {what} must be at most {MAX_INIT_SCALE:g} "
                "(a larger draw overflows float64); use the constant scheme to show overflow"
            )


def _init(v) -> InitSpec:
    if v is None:
        return InitSpec()
    if not isinstance(v, dict):
        raise ConfigError(f"init is {describe(v)}, expected an object like {{'scheme': 'xavier', 'seed': 0}}")
    extra = [k for k in v if k not in ("scheme", "seed", "value")]
    if extra:
        raise ConfigError(f"init has an unknown field {quote(extra[0])}; expected scheme, seed, value")
    scheme = name_of(v.get("scheme", "xavier"), INIT_SCHEMES, "init.scheme")
    seed = v.get("seed", 0)
    if not is_number(seed) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise ConfigError(f"init.seed is {describe(seed)}, expected a whole number from 0 to 2^63-1")
    value = v.get("value")
    if value is not None:
        value = number(value, "init.value")
        check_init_value(scheme, value)
    return InitSpec(scheme, seed, value)


def from_dict(d, budget: bool = False) -> NetworkConfig:
    """Validate a JSON-like dict and build a NetworkConfig.

    budget: also refuse a network over the app's work budget (engine/budget.py), checked from the
    widths and the sample count before any value is read.
    """
    if not isinstance(d, dict):
        raise ConfigError(f"the config is {describe(d)}, expected a JSON object")
    extra = [k for k in d if k not in FIELDS]
    if extra:
        raise ConfigError(f"unknown field {quote(extra[0])}; the fields are {', '.join(FIELDS)}")
    for k in ("layers", "activations", "loss", "x", "y"):
        if k not in d:
            raise ConfigError(f"{k} is missing")
    layers = layers_field(d["layers"])
    L = len(layers) - 1
    if budget and (too_big := over_budget(layers, sample_count(d["x"]))):
        raise ConfigError(too_big)

    acts = d["activations"]
    if not isinstance(acts, list) or len(acts) != L:
        raise ConfigError(f"activations is {describe(acts)}, expected {L} names (one per non-input layer)")
    for k, a in enumerate(acts):
        name_of(a, ACTIVATIONS, f"activations[{k}]")
        if a == "softmax" and k != L - 1:
            raise ConfigError(f"activations[{k}] is softmax, which is allowed on the output layer only")

    loss = name_of(d["loss"], LOSSES, "loss")
    need = LOSSES[loss].output
    if need and acts[-1] != need:
        raise ConfigError(f"loss {loss} needs a {need} output layer, but activations[{L - 1}] is {acts[-1]}")

    weights = d.get("weights")
    if weights is not None:
        if not isinstance(weights, list) or len(weights) != L:
            raise ConfigError(f"weights is {describe(weights)}, expected {L} matrices")
        weights = tuple(matrix(w, f"weights[{k}]", layers[k + 1], layers[k]) for k, w in enumerate(weights))
    biases = d.get("biases")
    if biases is not None:
        if not isinstance(biases, list) or len(biases) != L:
            raise ConfigError(f"biases is {describe(biases)}, expected {L} vectors")
        biases = tuple(vector(b, f"biases[{k}]", layers[k + 1]) for k, b in enumerate(biases))

    x = samples(d["x"], "x", layers[0])
    y = samples(d["y"], "y", layers[-1])
    if len(x) != len(y):
        raise ConfigError(f"x has {len(x)} samples but y has {len(y)}")
    _check_targets(loss, y)

    l2 = number(d.get("l2", 0.0), "l2")
    if l2 < 0:
        raise ConfigError(f"l2 is {l2}, expected a number >= 0")
    return NetworkConfig(layers, tuple(acts), loss, x, y, weights, biases, l2, _init(d.get("init")))


def _check_targets(loss: str, y: Matrix) -> None:
    if loss == "mse":
        return
    for i, row in enumerate(y):
        for k, v in enumerate(row):
            if not 0.0 <= v <= 1.0:
                raise ConfigError(f"y[{i}][{k}] is {v}, but {loss} targets must lie in [0, 1]")
        if loss == "cross_entropy" and abs(sum(row) - 1.0) > 1e-6:
            raise ConfigError(
                f"y[{i}] sums to {sum(row):.6g}, but cross_entropy targets must sum to 1 (one-hot or a distribution)"
            )


def with_params(config: NetworkConfig, weights, biases) -> NetworkConfig:
    """config with explicit weights and biases (arrays or nested lists), validated."""
    return config.replace(weights=weights, biases=biases)


__all__ = [
    "ConfigError",
    "InitSpec",
    "NetworkConfig",
    "check_init_value",
    "from_dict",
    "from_json",
    "one_line",
    "with_params",
]
