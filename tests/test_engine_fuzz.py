"""One validator sees every value: whatever JSON, text or bytes comes in, only ConfigError (one short line)
or a valid NetworkConfig comes out, and a config that validates runs.

The first tests reproduce inputs that once escaped validation with a raw exception; the property tests
(hypothesis) look for more, through from_json/from_dict, the share link and upload parsers, and the CLI.
"""

import base64
import json
import subprocess
import sys
import zlib

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_engine_escapes import G, assert_clear  # noqa: E402

from engine.activations import ACTIVATIONS
from engine.config import FIELDS, INIT_SCHEMES, ConfigError, NetworkConfig, from_dict, from_json
from engine.health import nonfinite
from engine.losses import LOSSES
from engine.network import config_params, run_pass
from engine.presets import PRESETS

# ---- property tests ----
MARKUP = [
    "# Heading",
    "**bold** _it_",
    "<script>alert(1)</script>",
    "<b>x</b>&amp;",
    "$\\frac{1}{2}$",
    "[link](javascript:alert(1))",
    "`code`",
    "\ufeff",
    "\u202eevil",
    "a\nb\r\n",
    "\x00\x1b[2J",
    "\ud800",
    "  ",
    "",
]
NAMES = list(ACTIVATIONS) + list(LOSSES) + list(INIT_SCHEMES) + list(FIELDS) + ["scheme", "seed", "value"]
# (kept under Python's 4,300-digit str() limit so hypothesis can print them; the tests above go beyond it)
HUGE_INTS = st.sampled_from([309, 400, 4000]).flatmap(lambda d: st.sampled_from([10**d, -(10**d), 10**d - 1]))
BIG_FLOATS = [1e308, -1e308, 1.7976931348623157e308, 1e300, 5e-324, -0.0, 1e-300]

texts = st.one_of(st.text(max_size=20), st.sampled_from(MARKUP + NAMES))
numbers = st.one_of(
    st.integers(-300, 300),
    st.integers(),
    HUGE_INTS,
    st.sampled_from([2**63, 2**63 - 1, 2**64]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(BIG_FLOATS),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
keys = st.one_of(st.sampled_from(NAMES), st.text(max_size=12), st.sampled_from(MARKUP))
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=6), st.dictionaries(keys, children, max_size=6)),
    max_leaves=25,
)
# objects made of the config's own fields, so validation goes deep rather than stopping at 'unknown field'
config_like = st.fixed_dictionaries({}, optional={f: json_values for f in FIELDS})
arbitrary = st.one_of(json_values, config_like, config_like.map(lambda d: dict(G, **d)))


def dumps(v, ensure_ascii=True) -> str:
    return json.dumps(v, ensure_ascii=ensure_ascii)


def validate(parse, value, budget) -> NetworkConfig | None:
    """parse(value, budget): a NetworkConfig, or None after a clear ConfigError; any other exception fails."""
    try:
        cfg = parse(value, budget)
    except ConfigError as e:
        assert_clear(e)
        event("refused")
        return None
    assert isinstance(cfg, NetworkConfig)
    event("valid")
    return cfg


def runs(cfg: NetworkConfig) -> None:
    """A validated config runs a pass (overflow is allowed: health names it) and round-trips through JSON."""
    with np.errstate(all="ignore"):
        r = run_pass(cfg)
        nonfinite(r)
    assert len(r.layers) == cfg.n_weight_layers and r.layers[-1].a.shape == (cfg.m, cfg.layers[-1])
    assert from_json(cfg.to_json()) == cfg


FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(v=arbitrary, budget=st.booleans(), bom=st.booleans(), as_bytes=st.booleans(), ascii=st.booleans())
def test_arbitrary_json_gives_a_config_or_a_clear_config_error(v, budget, bom, as_bytes, ascii):
    text = ("\ufeff" if bom else "") + dumps(v, ascii)
    results = [validate(from_dict, v, budget)]
    # as bytes, a raw lone surrogate is not UTF-8 and is refused; it can never be part of a valid config anyway
    results.append(validate(from_json, text.encode("utf-8", "surrogatepass") if as_bytes else text, budget))
    assert (results[0] is None) == (results[1] is None)
    for cfg in results:
        if cfg is not None:
            runs(cfg)


def _preset_variants():
    """The presets as written, and with their weights and biases written out (so those can be mutated too)."""
    out = []
    for d in PRESETS.values():
        out.append(json.loads(json.dumps(d)))
        params = config_params(from_dict(d))
        out.append(dict(out[-1], weights=[W.tolist() for W, _ in params], biases=[b.tolist() for _, b in params]))
    return out


PRESET_VARIANTS = _preset_variants()


def _paths(v, here=()):
    """Every path into a JSON value: () is the whole, then each key or index, recursively."""
    yield here
    if isinstance(v, dict):
        for k, e in v.items():
            yield from _paths(e, here + (k,))
    elif isinstance(v, list):
        for i, e in enumerate(v):
            yield from _paths(e, here + (i,))


def _mutate(root, path, how, value):
    """A copy of root with the element at path replaced, deleted, or given a sibling."""
    root = json.loads(json.dumps(root))
    if not path:
        return value
    parent = root
    for p in path[:-1]:
        parent = parent[p]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, list):
        parent.insert(last, value)
    else:  # a new key: a field name when the value is one (so it may be a field this config lacked)
        parent[value if isinstance(value, str) else str(value)[:12]] = value
    return root


# near-valid replacements reach the pass more often than arbitrary JSON does
near_valid = st.one_of(
    st.sampled_from(BIG_FLOATS + [0, 1, 2, -1, 0.5, 256, 257, 12, 13]),
    st.floats(-1e6, 1e6),
    st.sampled_from(NAMES),
)


@FUZZ
@given(
    data=st.data(),
    which=st.integers(0, len(PRESET_VARIANTS) - 1),
    how=st.sampled_from(["replace", "replace", "replace", "delete", "insert"]),
    near=st.sampled_from([True, True, False]),
    budget=st.booleans(),
)
def test_mutated_presets_give_a_config_that_runs_or_a_clear_config_error(data, which, how, near, budget):
    base = PRESET_VARIANTS[which]
    paths = [p for p in _paths(base) if p or how == "replace"]
    if near:  # a leaf (a number or a name) replaced by a number or a name: likely to leave a valid config
        how = "replace"
        paths = [p for p in paths if p and not isinstance(_at(base, p), (list, dict))]
    path = data.draw(st.sampled_from(paths), label="path")
    value = data.draw(near_valid if near else json_values, label="value")
    v = _mutate(base, path, how, value)
    for cfg in (validate(from_dict, v, budget), validate(from_json, dumps(v), budget)):
        if cfg is not None:
            runs(cfg)


def _at(v, path):
    for p in path:
        v = v[p]
    return v


ui_state = pytest.importorskip("ui.state")  # imports streamlit (fine outside a running app)


def _token(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


tokens = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=", max_size=80),
    st.binary(max_size=60).map(_token),  # base64url of anything
    st.binary(max_size=200).map(lambda b: _token(zlib.compress(b))),  # zlib of anything
    arbitrary.map(lambda v: _token(zlib.compress(dumps(v).encode("utf-8", "surrogatepass")))),  # a JSON body
)


def _only_config_error(fn, arg) -> None:
    try:
        fn(arg)
    except ConfigError as e:
        assert_clear(e)


@FUZZ
@given(token=tokens)
def test_share_links_only_ever_raise_config_error(token):
    _only_config_error(ui_state.decode_net, token)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        arbitrary.map(lambda v: dumps(v).encode("utf-8", "surrogatepass")),
        arbitrary.map(lambda v: b"\xef\xbb\xbf" + dumps(v).encode("utf-8", "surrogatepass")),
    )
)
def test_uploads_only_ever_raise_config_error(data):
    _only_config_error(ui_state.parse_upload, data)


def _strict(text: str):
    def refuse(name):
        raise AssertionError(f"{name} in the output: not RFC 8259 JSON")

    return json.loads(text, parse_constant=refuse)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    v=st.one_of(arbitrary, st.sampled_from(PRESET_VARIANTS)),
    command=st.sampled_from([["pass"], ["gradcheck"], ["train", "--steps", "2"]]),
)
def test_the_cli_exits_0_or_2_with_one_error_line(v, command):
    p = subprocess.run(
        [sys.executable, "-m", "engine", command[0], "-", *command[1:]],
        input=dumps(v).encode("utf-8", "surrogatepass"),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    err = p.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err
    if p.returncode == 0:
        assert err == ""
        _strict(p.stdout.decode("utf-8"))
    else:
        assert p.returncode == 2 and p.stdout == b""
        assert err.startswith("error:") and err.count("\n") == 1 and err.endswith("\n"), err
        assert len(err) - 1 <= 300
