"""python -m engine train CONFIG --data FILE.csv --target COL: one JSON line per epoch, then the config;
bad data or a config that does not fit it: exit 2, one 'error:' line, nothing on stdout."""

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import NG_CONFIG, ROOT

from engine.config import from_dict
from engine.csvdata import MAX_BYTES, dataset_from_csv
from engine.datasets import make
from engine.network import run_pass

NET = {
    "layers": [2, 8, 8, 1],
    "activations": ["tanh", "tanh", "sigmoid"],
    "loss": "bce",
    "x": [[0, 0]],
    "y": [[0]],
    "init": {"scheme": "xavier", "seed": 1},
}
LINE_KEYS = ["epoch", "train_loss", "test_loss", "train_accuracy", "test_accuracy"]


def cli(args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "engine", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def write_csv(path, x, y, header=("x1", "x2", "label")):
    rows = [",".join(header)] if header else []
    rows += [",".join([*(repr(float(v)) for v in xi), str(yi)]) for xi, yi in zip(x, y)]
    path.write_text("\n".join(rows) + "\n")
    return path


@pytest.fixture
def files(tmp_path):
    m = make("moons", n=300, noise=0.15, test_fraction=0.0)
    data = write_csv(tmp_path / "moons.csv", m.x_train, m.y_train[:, 0].astype(int).tolist())
    net = tmp_path / "net.json"
    net.write_text(json.dumps(NET))
    return net, data


def lines(p):
    assert p.returncode == 0 and p.stderr == b"", p.stderr
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]  # every line is JSON
    return out[:-1], out[-1]


def test_gradient_descent_on_moons_lowers_the_loss(files):
    net, data = files
    epochs, final = lines(cli(["train", net, "--data", data, "--target", "label", "--epochs", 100, "--lr", 1.0]))
    assert [e["epoch"] for e in epochs] == list(range(101))
    assert all(list(e) == LINE_KEYS for e in epochs)
    assert epochs[-1]["train_loss"] < 0.8 * epochs[0]["train_loss"]
    assert epochs[-1]["test_loss"] < epochs[0]["test_loss"]
    assert epochs[-1]["train_accuracy"] > 0.85 and 0 <= epochs[-1]["test_accuracy"] <= 1
    assert list(final) == ["config"]
    trained = from_dict(final["config"])  # a valid config, trained on the training split
    ds = dataset_from_csv(data.read_bytes(), "label")
    assert np.array_equal(np.array(trained.x), ds.x_train) and trained.weights is not None
    assert run_pass(trained).loss == pytest.approx(epochs[-1]["train_loss"], rel=1e-12)


def test_an_epoch_of_mini_batches_and_the_same_run_twice(files):
    net, data = files
    args = ["train", net, "--data", data, "--target", "label", "--epochs", 4, "--batch-size", 32, "--seed", 7]
    first = cli(args)
    epochs, _ = lines(first)
    assert len(epochs) == 5 and epochs[-1]["train_loss"] < epochs[0]["train_loss"]
    assert cli(args).stdout == first.stdout  # seeded: the split and the shuffling


@pytest.mark.parametrize("optimizer", ["lbfgs", "tnc"])
def test_scipy_optimizers_one_iteration_an_epoch(files, optimizer):
    net, data = files
    p = cli(["train", net, "--data", data, "--target", "label", "--epochs", 15, "--optimizer", optimizer])
    epochs, final = lines(p)
    assert 2 <= len(epochs) <= 16 and [e["epoch"] for e in epochs] == list(range(len(epochs)))
    assert epochs[-1]["train_loss"] < 0.8 * epochs[0]["train_loss"]
    assert run_pass(from_dict(final["config"])).loss == pytest.approx(epochs[-1]["train_loss"], rel=1e-9)


def test_regression_multiclass_no_test_rows_and_stdin(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.uniform(-3, 3, (80, 1))
    data = write_csv(tmp_path / "sin.csv", x, [repr(float(v)) for v in np.sin(x[:, 0])], header=("x", "y"))
    net = tmp_path / "reg.json"
    net.write_text(json.dumps(dict(NET, layers=[1, 8, 1], activations=["tanh", "linear"], loss="mse", x=[0], y=[0])))
    epochs, _ = lines(cli(["train", net, "--data", data, "--target", "y", "--epochs", 30, "--lr", 0.3]))
    assert epochs[-1]["train_loss"] < epochs[0]["train_loss"]
    assert all(e["train_accuracy"] is None and e["test_accuracy"] is None for e in epochs)

    iris = make("iris", test_fraction=0.0)
    names = [iris.classes[k] for k in iris.labels_train]
    data = write_csv(tmp_path / "iris.csv", iris.x_train, names, header=("a", "b", "c", "d", "species"))
    softmax = dict(NET, layers=[4, 5, 3], activations=["tanh", "softmax"], loss="cross_entropy", x=[0] * 4, y=[1, 0, 0])
    net.write_text(json.dumps(softmax))
    args = ["--target", "species", "--epochs", 20, "--standardize", "--test-split", 0]
    epochs, final = lines(cli(["train", net, "--data", "-", *args], stdin=data.read_bytes()))
    assert epochs[-1]["train_accuracy"] > 0.8 and epochs[-1]["test_loss"] is None
    assert len(final["config"]["x"]) == 150


BAD_FILES = [
    (b"x1,x2,label\n1,2,0\n3,abc,1\n1,2,0\n3,4,1\n", "row 3, column 'x2': 'abc' is not a number"),
    (b"x1,x2,label\n1,2,0\n3,,1\n1,2,0\n3,4,1\n", "row 3, column 'x2': the value is missing"),
    (b"x1,x2,label\n1,2,0\n3,4\n", "row 3 has 2 fields"),
    (b"", "the file is empty"),
    (b"x1,x2,label\n", "header row but no data rows"),
    (b"x1,x2,label\n1,2,\xff\n", "not UTF-8 text: byte 16 (row 2)"),
    (b"x1,x2,label\n1,2,0\n1,2,0\n1,2,0\n1,2,0\n", "holds one class only"),
    (b"x1,x2,other\n1,2,0\n", "there is no column 'label'"),
]


@pytest.mark.parametrize("raw, says", BAD_FILES)
def test_bad_data_exits_2_with_one_error_line(files, tmp_path, raw, says):
    net, _ = files
    bad = tmp_path / "bad.csv"
    bad.write_bytes(raw)
    p = cli(["train", net, "--data", bad, "--target", "label"])
    assert p.returncode == 2 and p.stdout == b""
    err = p.stderr.decode()
    assert err.startswith("error: ") and err.count("\n") == 1 and len(err) <= 310 and says in err, err


def test_a_file_too_big_is_refused_before_reading(files, tmp_path):
    net, _ = files
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing is written or read
    p = cli(["train", net, "--data", big, "--target", "label"])
    assert p.returncode == 2 and p.stdout == b""
    assert p.stderr.decode() == "error: the file is 5,000,001 bytes, more than the 5,000,000 allowed\n"


@pytest.mark.parametrize(
    "config, says",
    [
        (dict(NET, layers=[3, 8, 8, 1], x=[0, 0, 0]), "error: the data has 2 features but layers[0] is 3"),
        (
            dict(NG_CONFIG, layers=[2, 4, 4, 3], x=[0, 0]),
            "the target 'label' needs 1 output neuron(s), but layers[-1] is 3",
        ),
        (
            dict(NET, activations=["tanh", "tanh", "linear"], loss="mse"),
            "needs an output layer of sigmoid with bce or sigmoid with mse, but the config has linear with mse",
        ),
    ],
)
def test_a_config_that_does_not_fit_the_data_says_what_to_change(files, config, says):
    net, data = files
    net.write_text(json.dumps(config))
    p = cli(["train", net, "--data", data, "--target", "label"])
    assert p.returncode == 2 and p.stdout == b"" and says in p.stderr.decode() and p.stderr.count(b"\n") == 1


@pytest.mark.parametrize(
    "args, says",
    [
        (["--target", "label"], "--target is for training on --data"),
        (["--epochs", "3"], "--epochs is for training on --data"),
        (["--standardize"], "--standardize is for training on --data"),
        ([], "the following arguments are required: --steps"),
        (["--data", "D"], "--data needs --target COL"),
        (["--data", "D", "--target", "label", "--steps", "3"], "with --data give --epochs instead"),
        (["--data", "D", "--target", "label", "--epochs", "-1"], "--epochs is -1"),
        (["--data", "D", "--target", "label", "--test-split", "0.7"], "--test-split is 0.7"),
        (["--data", "D", "--target", "label", "--test-split", "nan"], "--test-split is nan"),
        (["--data", "D", "--target", "label", "--seed", str(2**40)], "--seed is 1099511627776"),
        (["--data", "D", "--target", "label", "--task", "guess"], "invalid choice: 'guess'"),
        (["--data", "D", "--target", "label", "--epochs", "10000", "--batch-size", "1"], "more than the 1,000,000"),
        (["--data", "nowhere.csv", "--target", "label"], "cannot read --data nowhere.csv"),
    ],
)
def test_option_misuse_exits_2(files, args, says):
    net, data = files
    args = [str(data) if a == "D" else a for a in args]
    p = cli(["train", net, *args])
    assert p.returncode == 2 and p.stdout == b"" and p.stderr.count(b"\n") == 1
    assert says in p.stderr.decode(), p.stderr


def test_steps_without_data_still_work(files):
    net, _ = files
    p = cli(["train", net, "--steps", 5])
    out = json.loads(p.stdout)
    assert p.returncode == 0 and len(out["history"]) == 6
