"""The exported numpy script (engine/export.py): run alone, away from the project, it gives run_pass's J, dW, db."""

import ast
import json
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.activations import ACTIVATIONS
from engine.config import INIT_SCHEMES, from_dict
from engine.export import ACTIVATION_CODE, LITERAL_BUDGET, LOSS_CODE, clean_title, numpy_script, script_name
from engine.losses import LOSSES
from engine.network import run_pass
from engine.presets import PRESETS, default_config

TOL = 1e-12
HIDDEN = [a for a in ACTIVATIONS if a != "softmax"]
OUTPUTS = [("mse", a) for a in ACTIVATIONS] + [("bce", "sigmoid"), ("cross_entropy", "softmax")]


def run_script(text, tmp_path, *args, name="net.py"):
    """Run the script as a student would, from tmp_path with no PYTHON* variables: it cannot see the project."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(
        [sys.executable, "-W", "error", str(path), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )


def assert_imports_only_numpy(text):
    assert "import engine" not in text and "from engine" not in text
    imported = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    assert imported == {"json", "sys", "numpy"}


def assert_matches_engine(config, tmp_path, title=""):
    """The script's --json output equals run_pass(config)'s J, dW and db to 1e-12; returns the script."""
    text = numpy_script(config, title)
    assert_imports_only_numpy(text)
    p = run_script(text, tmp_path, "--json")
    assert p.returncode == 0 and p.stderr == "", p.stderr[-2000:]
    out = json.loads(p.stdout)
    assert set(out) == {"loss", "layers"}
    want = run_pass(config)
    np.testing.assert_allclose(out["loss"], want.loss, rtol=TOL, atol=TOL)
    assert len(out["layers"]) == len(want.layers)
    for got, rec in zip(out["layers"], want.layers, strict=True):
        assert set(got) == {"dW", "db"}
        np.testing.assert_allclose(np.array(got["dW"]), rec.dW, rtol=TOL, atol=TOL)
        np.testing.assert_allclose(np.array(got["db"]), rec.db, rtol=TOL, atol=TOL)
    return text


def test_default_preset_runs_alone_and_prints_j(tmp_path):
    config = default_config()
    text = assert_matches_engine(config, tmp_path)
    p = run_script(text, tmp_path)
    assert p.returncode == 0 and p.stderr == ""
    J = run_pass(config).loss
    line = next(s for s in p.stdout.splitlines() if s.startswith("J = "))
    assert float(line[4:]) == pytest.approx(J, rel=TOL, abs=TOL)
    assert f"J = {str(J)[:10]}" in p.stdout
    for l in (1, 2, 3):
        assert f"dJ/dW^{l} = [[" in p.stdout and f"dJ/db^{l} = [" in p.stdout
    assert f"python {script_name(config)}" in text and script_name(config) == "backprop_3-4-4-3.py"
    # only the code this network needs: sigmoid and bce
    assert "def sigmoid(" in text and "logaddexp" in text
    for absent in ("def tanh", "def relu", "def leaky_relu", "def linear", "def softmax", "logsumexp", "numbers("):
        assert absent not in text


@pytest.mark.parametrize("name", [p for p in PRESETS if p != "ng_3443"])
def test_every_preset(name, tmp_path):
    assert_matches_engine(from_dict(PRESETS[name]), tmp_path)


def _net(hidden, loss, out, l2=0.3, seed=0, m=3):
    """A 3-4-3-2 net with given weights (some z exactly 0: relu'(0), leaky's slope at 0), m samples, λ."""
    rng = np.random.default_rng(seed)
    layers = [3, 4, 3, 2]
    weights = [rng.normal(0, 1.5, (n, k)).round(3).tolist() for k, n in zip(layers[:-1], layers[1:])]
    biases = [rng.normal(0, 0.5, n).round(3).tolist() for n in layers[1:]]
    biases[0][0] = biases[1][0] = 0.0
    x = rng.normal(0, 1, (m, 3)).tolist()
    x[0] = [0.0, 0.0, 0.0]  # z^1_0 = b^1_0 = 0
    if loss == "cross_entropy":
        y = [[1.0, 0.0], [0.0, 1.0], [0.3, 0.7]][:m]
    else:
        y = rng.uniform(0, 1, (m, 2)).round(2).tolist()
    return from_dict(dict(layers=layers, activations=[*hidden, out], loss=loss, weights=weights, biases=biases,
                          x=x, y=y, l2=l2))  # fmt: skip


@pytest.mark.parametrize(("loss", "out"), OUTPUTS, ids=[f"{loss}-{out}" for loss, out in OUTPUTS])
@pytest.mark.parametrize("hidden", HIDDEN)
def test_every_activation_and_loss(hidden, loss, out, tmp_path):
    other = HIDDEN[(HIDDEN.index(hidden) + 1) % len(HIDDEN)]
    config = _net((hidden, other), loss, out, seed=len(loss) + HIDDEN.index(hidden))
    text = assert_matches_engine(config, tmp_path)
    assert f"def {hidden}(" in text and f"def {hidden}_prime(" in text
    if out not in (hidden, other):  # the output's g' only where δ^L = (a − y) ⊙ g'(z^L)
        assert (f"def {out}_prime(" in text) == (loss == "mse" and out != "softmax")


def test_l2_and_many_samples(tmp_path):
    config = _net(("tanh", "relu"), "mse", "linear", l2=2.5, m=8)
    assert config.m == 8 and config.l2 > 0
    text = assert_matches_engine(config, tmp_path)
    assert "LAMBDA = 2.5" in text


@pytest.mark.parametrize(
    "init",
    [{"scheme": s, "seed": 7} for s in INIT_SCHEMES]
    + [{"scheme": "uniform", "seed": 1, "value": 0.9}, {"scheme": "normal", "seed": 2, "value": 2.0}]
    + [{"scheme": "constant", "seed": 0, "value": -0.25}],
)
def test_drawn_weights_for_each_init(init, tmp_path):
    config = from_dict(dict(PRESETS["ng_4layer"], init=init))
    assert config.weights is None and config.biases is None
    text = assert_matches_engine(config, tmp_path)
    assert f"{init['scheme']} initialisation, seed {init['seed']}" in text


def test_every_registered_activation_and_loss_has_code():
    assert set(ACTIVATION_CODE) == set(ACTIVATIONS)
    assert set(LOSS_CODE) == set(LOSSES)


TITLES = [
    'He said "hi"',
    '"""',
    '""""""" a """ b ""',
    "'''",
    'ends with a quote"',
    "\\",
    "C:\\new\\table \\N{x} \\x4 \\u12 \\",
    "two\nlines\r\nand\ra\u2028separator\ttab",
    "反向传播 · Rückwärts · 🧠‍🔥 · مرحبا",
    "\x00nul \x07bell \x1b[31m \u202eevil\u202c \ufeff",
    "lone \ud800 surrogate",
    "x" * 1000,
]


@pytest.mark.parametrize("title", TITLES)
def test_any_title_keeps_the_script_valid(title):
    config = default_config()
    text = numpy_script(config, title)
    text.encode("utf-8")  # no lone surrogates
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no invalid-escape warnings either
        tree = compile(text, "net.py", "exec", ast.PyCF_ONLY_AST)
    doc = ast.get_docstring(tree)
    clean = clean_title(title)
    assert "\n" not in clean and len(clean) <= 200
    assert all(c.isprintable() or c in "\u200d" for c in clean)
    # the docstring holds the cleaned title, where a quote after a quote carries a backslash
    title_line = next(s for s in doc.splitlines() if s.startswith("Title: "))
    assert title_line[7:].replace('\\"', '"') == clean


def test_a_hostile_title_still_runs(tmp_path):
    assert_matches_engine(default_config(), tmp_path, title="".join(TITLES))


def test_big_data_is_compact(tmp_path):
    """10,000 samples of 2 inputs as a list literal, several rows a line; past the budget, a text block."""
    rng = np.random.default_rng(5)
    base = dict(layers=[2, 3, 1], activations=["tanh", "sigmoid"], loss="bce", l2=0.1)
    config = from_dict(dict(base, x=rng.normal(size=(10_000, 2)).tolist(), y=rng.integers(0, 2, (10_000, 1)).tolist()))
    text = assert_matches_engine(config, tmp_path)
    assert "numbers(" not in text and len(text.splitlines()) < 10_000 * 3 // 4
    wide = dict(base, layers=[12, 3, 1], x=rng.normal(size=(10_000, 12)).tolist(), y=config.to_dict()["y"])
    config = from_dict(wide)
    assert config.m * 12 > LITERAL_BUDGET
    text = assert_matches_engine(config, tmp_path)
    assert "X = numbers(" in text and "Y = np.array([" in text


def test_help_and_bad_arguments(tmp_path):
    text = numpy_script(default_config())
    p = run_script(text, tmp_path, "--help")
    assert p.returncode == 0 and "python backprop_3-4-4-3.py --json" in p.stdout
    assert run_script(text, tmp_path, "--jsn").returncode == 2


@st.composite
def small_configs(draw):
    n = draw(st.integers(1, 3))  # weight layers
    layers = draw(st.lists(st.integers(1, 4), min_size=n + 1, max_size=n + 1))
    loss, out = draw(st.sampled_from(OUTPUTS))
    acts = [draw(st.sampled_from(HIDDEN)) for _ in range(n - 1)] + [out]
    m = draw(st.integers(1, 4))
    num = st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 4))
    x = [[draw(num) for _ in range(layers[0])] for _ in range(m)]
    if loss == "cross_entropy":
        hot = [draw(st.integers(0, layers[-1] - 1)) for _ in range(m)]
        y = [[float(k == h) for k in range(layers[-1])] for h in hot]
    else:
        target = num if loss == "mse" else st.floats(0, 1)
        y = [[draw(target) for _ in range(layers[-1])] for _ in range(m)]
    d = dict(layers=layers, activations=acts, loss=loss, x=x, y=y, l2=draw(st.sampled_from([0.0, 0.5, 3.0])))
    if draw(st.booleans()):
        d["weights"] = [[[draw(num) for _ in range(k)] for _ in range(j)] for k, j in zip(layers[:-1], layers[1:])]
        d["biases"] = [[draw(num) for _ in range(j)] for j in layers[1:]]
    else:
        d["init"] = {"scheme": draw(st.sampled_from(["xavier", "he", "uniform"])), "seed": draw(st.integers(0, 99))}
    return from_dict(d)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(config=small_configs())
def test_random_small_networks(config, tmp_path):
    assert_matches_engine(config, tmp_path)
