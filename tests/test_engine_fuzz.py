"""One validator sees every value: whatever JSON, text or bytes comes in, only ConfigError (one short line)
or a valid NetworkConfig comes out, and a config that validates runs.

The first tests reproduce inputs that once escaped validation with a raw exception; the property tests
(hypothesis) look for more, through from_json/from_dict, the share link and upload parsers, and the CLI.
"""

import base64
import json
import re
import subprocess
import sys
import time
import zlib

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from engine.activations import ACTIVATIONS
from engine.config import FIELDS, INIT_SCHEMES, ConfigError, NetworkConfig, from_dict, from_json
from engine.health import nonfinite
from engine.losses import LOSSES
from engine.network import config_params, run_pass
from engine.presets import PRESETS

G = {"layers": [3, 4, 4, 3], "activations": ["sigmoid"] * 3, "loss": "bce", "x": [[0.5, -1.0, 2.0]], "y": [[1, 0, 0]]}
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def assert_clear(e: ConfigError) -> None:
    msg = str(e)
    assert type(e) is ConfigError
    assert msg and len(msg) <= 300 and not CONTROL.search(msg), repr(msg[:400])


def refused(value, *expected: str, budget=False) -> str:
    """The ConfigError message for a value (text goes through from_json, anything else from_dict)."""
    with pytest.raises(ConfigError) as info:
        from_json(value, budget) if isinstance(value, (str, bytes, bytearray)) else from_dict(value, budget)
    assert_clear(info.value)
    for e in expected:
        assert e in str(info.value), str(info.value)
    return str(info.value)


# ---- inputs that escaped validation ----
def test_integer_literals_too_large_for_float64_are_refused_as_non_finite():
    text = json.dumps(G)[:-1] + ',"l2":1' + "0" * 400 + "}"
    refused(text, "l2 is inf, expected a finite number")
    refused(json.dumps(G)[:-1] + ',"l2":1' + "0" * 5000 + "}", "l2 is inf")  # beyond int()'s digit limit
    refused(json.dumps(G)[:-1] + ',"l2":-1' + "0" * 5000 + "}", "l2 is -inf")
    refused(json.dumps(G).replace("[3, 4, 4, 3]", "[3, 4" + "0" * 5000 + ", 4, 3]"), "layers[1] is inf")
    refused(dict(G, l2=10**400), "l2 is inf")  # a Python int, straight into from_dict
    refused(dict(G, layers=[3, 10**5000, 4, 3]), "layers[1] is inf, widths must be 1-256")
    refused(dict(G, init={"scheme": "xavier", "seed": -(10**5000)}), "init.seed is -inf")
    refused(dict(G, x=[[1, 2, 10**400]]), "x[0][2] is inf")
    assert from_json(json.dumps(dict(G, init={"scheme": "xavier", "seed": 2**63 - 1}))).init.seed == 2**63 - 1


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"activations": [["sigmoid"], "sigmoid", "sigmoid"]}, "activations[0] is a list of 1, expected one of"),
        ({"activations": ["sigmoid", {"a": 1}, "sigmoid"]}, "activations[1] is an object"),
        ({"loss": {"a": 1}}, "loss is an object, expected one of mse, bce, cross_entropy"),
        ({"loss": ["bce"]}, "loss is a list of 1"),
        ({"init": {"scheme": ["xavier"], "seed": 0}}, "init.scheme is a list of 1"),
        ({"init": {"scheme": {"x": 1}, "seed": 0}}, "init.scheme is an object"),
    ],
)
def test_unhashable_names_are_refused(changes, expected):
    refused(dict(G, **changes), expected)
    refused(json.dumps(dict(G, **changes)), expected)


@pytest.mark.parametrize("scheme", ["uniform", "normal"])
def test_init_scales_that_overflow_the_draw_are_refused(scheme):
    msg = refused(dict(G, init={"scheme": scheme, "seed": 0, "value": 1e308}), "init.value is 1e+308")
    assert scheme in msg and "at most 1e+300" in msg
    ok = from_dict(dict(G, init={"scheme": scheme, "seed": 0, "value": 1e300}))
    assert all(np.isfinite(W).all() for W, _ in config_params(ok))
    from engine.network import init_params

    with pytest.raises(ConfigError, match="init.value"):  # the sidebar's draw, outside any config
        init_params((3, 4), ok.init.__class__(scheme, 0, 1e308))


def test_constant_1e308_is_accepted_and_its_overflow_reported():
    cfg = from_dict(dict(G, init={"scheme": "constant", "seed": 0, "value": 1e308}))
    with np.errstate(all="ignore"):
        r = run_pass(cfg)
    assert [str(p) for p in nonfinite(r)][:3] == [
        "layer 2: z overflowed to inf",
        "layer 3: z overflowed to inf",
        "J is NaN",
    ]


def test_messages_are_one_short_line_whatever_the_input():
    t0 = time.perf_counter()
    msg = refused(json.dumps(dict(G, **{"k" * 40_000_000: 1})), "unknown field 'kkkk")
    assert time.perf_counter() - t0 < 2.0  # generous: the point is no 40 MB message, no quadratic work
    assert len(msg) < 150
    refused(dict(G, **{"a\nb\r\x00\u2028\x1b[31m" * 100: 1}), "unknown field 'a\\nb\\r\\x00")  # escaped
    refused(dict(G, init={"scheme": "xavier", "seed": 0, "x\n" * 1000: 1}), "init has an unknown field 'x\\nx")
    refused(dict(G, loss="\n" * 10_000 + "hinge"), "loss is the text")
    refused(json.dumps(dict(G, loss="\ud800")), "loss is the text '\\ud800'")
    for text in ("x" * 10_000, "\n".join(["line"] * 1000)):
        assert_clear(ConfigError(text))
        assert len(str(ConfigError(text))) == 300 and str(ConfigError(text)).endswith("…")
    assert str(ConfigError("\x00" * 500 + "\ud800")) == "\ufffd"
    assert str(ConfigError("a\n\nb")) == "a b" and str(ConfigError("x" * 301)).endswith("…")


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_utf8_bom_is_accepted(as_bytes):
    text = "\ufeff" + json.dumps(G)
    cfg = from_json(text.encode("utf-8") if as_bytes else text)
    assert cfg == from_dict(G)
    refused("\ufeff\ufeff" + json.dumps(G), "not valid JSON")  # one BOM, not any number of them


def test_other_inputs_to_from_json():
    refused(json.dumps(G).encode("utf-16"), "not UTF-8")
    refused(bytearray(b"[1]"), "expected a JSON object")
    refused(None, "the config is null")  # from_dict of a non-dict


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
