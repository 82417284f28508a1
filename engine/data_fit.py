"""A network for a data set: the output layer each task wants, the CLI's check that a config fits, and
fit_config, which shapes a config to a data set within the app's work budget (engine/budget.py)."""

from __future__ import annotations

from engine.budget import MAX_MULTIPLY_ADDS, MAX_VALUES, work
from engine.config import NetworkConfig, from_dict
from engine.data_errors import DataError, count
from engine.data_record import Dataset
from engine.fields import quote

# (output activation, loss) that fit each task; the first is the one output_for proposes.
# Multiclass also takes Ng's K sigmoid units with bce (his digits exercise); binary a sigmoid with mse.
OUTPUTS = {
    "binary": (("sigmoid", "bce"), ("sigmoid", "mse")),
    "multiclass": (("softmax", "cross_entropy"), ("sigmoid", "bce")),
    "regression": (("linear", "mse"),),
}


def output_for(ds: Dataset) -> tuple[int, str, str]:
    """(output width, output activation, loss) a network for ds should have:
    binary (1, sigmoid, bce); multiclass (k, softmax, cross_entropy); regression (1, linear, mse)."""
    act, loss = OUTPUTS[ds.task][0]
    return ds.n_out, act, loss


def fits_output(ds: Dataset, activation: str, loss: str) -> bool:
    """Whether an output activation and loss suit ds's task (OUTPUTS: multiclass also takes sigmoid + bce)."""
    return (activation, loss) in OUTPUTS[ds.task]


def check_fits(cfg: NetworkConfig, ds: Dataset, target: str = "y") -> None:
    """DataError unless cfg's input width is ds.n_in and its output width, activation and loss fit ds's
    task; the message says what to change (the command line's check: it trains the config as given)."""
    if cfg.layers[0] != ds.n_in:
        raise DataError("config_inputs", features=ds.n_in, width=cfg.layers[0])
    if cfg.layers[-1] != ds.n_out:
        raise DataError("config_outputs", target=quote(target), n_out=ds.n_out, width=cfg.layers[-1])
    if not fits_output(ds, cfg.activations[-1], cfg.loss):
        wanted = " or ".join(f"{a} with {lo}" for a, lo in OUTPUTS[ds.task])
        raise DataError("config_output", target=quote(target), wanted=wanted, act=cfg.activations[-1], loss=cfg.loss)


def budget_error(layers, m: int) -> DataError | None:
    """DataError 'budget' when the widths on m samples are over the app's work budget, else None."""
    w = work(layers, m)
    if w.fits:
        return None
    return DataError(
        "budget",
        widths="-".join(str(n) for n in layers),
        m=count(m),
        values=count(w.values),
        max_values=count(MAX_VALUES),
        multiply_adds=count(w.multiply_adds),
        max_multiply_adds=count(MAX_MULTIPLY_ADDS),
    )


def fit_config(cfg: NetworkConfig, ds: Dataset) -> tuple[NetworkConfig, list[tuple[str, object, object]]]:
    """A config for ds and what changed, as (what, old, new), each entry only where it changed.

    The input width becomes ds.n_in; the output width, activation and loss fit the task (cfg's own output
    activation and loss are kept where they fit it, else output_for's); hidden widths and activations, l2
    and init are kept; x, y become the training split; weights and biases are drawn by cfg.init again.
    Changes: ("inputs", n, n'), ("outputs", n, n'), ("output", (act, loss), (act', loss')),
    ("samples", m, m'), ("weights", "given", "init") when cfg had weights of its own.
    DataError 'budget' when the training set on these widths is over the app's work budget.
    """
    n_out = ds.n_out
    act, loss = cfg.activations[-1], cfg.loss
    if not fits_output(ds, act, loss):
        _, act, loss = output_for(ds)
    layers = (ds.n_in, *cfg.layers[1:-1], n_out)
    if too_big := budget_error(layers, ds.n_train):
        raise too_big
    d = cfg.to_dict()
    d.pop("weights", None)
    d.pop("biases", None)
    d.update(
        layers=list(layers),
        activations=[*cfg.activations[:-1], act],
        loss=loss,
        x=ds.x_train.tolist(),
        y=ds.y_train.tolist(),
    )
    new = from_dict(d)
    changes = []
    for what, old, now in (
        ("inputs", cfg.layers[0], ds.n_in),
        ("outputs", cfg.layers[-1], n_out),
        ("output", (cfg.activations[-1], cfg.loss), (act, loss)),
        ("samples", cfg.m, ds.n_train),
        ("weights", "init" if cfg.weights is None else "given", "init"),
    ):
        if old != now:
            changes.append((what, old, now))
    return new, changes
