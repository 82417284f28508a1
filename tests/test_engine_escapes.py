"""Inputs that once escaped validation with a raw exception, each now refused with one clear line (or, for
constant 1e308, accepted and its overflow reported). The property tests in test_engine_fuzz.py look for more."""

import json
import re
import time

import numpy as np
import pytest

from engine.config import ConfigError, from_dict, from_json
from engine.health import nonfinite
from engine.network import config_params, run_pass

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
