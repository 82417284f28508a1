"""Training you can watch: a run advanced a few steps at a time, its curves recorded as it goes.

A `Run` is immutable: `advance` returns the next one, so a page can keep it in session state, draw it,
and go on from it on the next tick. Each tick records the mean loss ℓ̄ = (1/n) Σ ℓ_i over the training
and the test split (the curves compare like with like; the L2 term is in the cost J that training
minimises, recorded too) and, for classification, the accuracy on both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from engine.metrics import accuracy
from engine.network import Params, cost, forward
from engine.training import divergence_step, train_gd, train_scipy

METHODS = ("gd", "sgd", "lbfgs", "tnc")  # full-batch descent, mini-batches, scipy's two
MAX_POINTS = 600  # points kept per curve; older ones are thinned to every other


@dataclass(frozen=True)
class Curves:
    step: tuple[int, ...] = ()
    epoch: tuple[float, ...] = ()
    cost: tuple[float, ...] = ()  # J on the training split, L2 included: what the optimiser minimises
    train: tuple[float, ...] = ()  # mean loss on the training split
    test: tuple[float, ...] = ()  # mean loss on the test split (NaN when there is none)
    train_acc: tuple[float, ...] = ()  # NaN for regression
    test_acc: tuple[float, ...] = ()

    def add(self, **point) -> Curves:
        c = {k: getattr(self, k) + (point[k],) for k in self.__dataclass_fields__}
        if len(c["step"]) > MAX_POINTS:  # keep the first and the latest, thin the middle
            c = {k: v[: len(v) - 1 : 2] + v[-1:] for k, v in c.items()}
        return Curves(**c)


@dataclass(frozen=True, eq=False)
class Run:
    params: Params
    steps: int = 0  # parameter updates (optimiser iterations for lbfgs/tnc)
    seen: int = 0  # samples whose gradient has been taken: epochs = seen / n_train
    curves: Curves = field(default_factory=Curves)
    diverged: bool = False

    def last(self, name: str) -> float:
        v = getattr(self.curves, name)
        return v[-1] if v else float("nan")


def evaluate(params: Params, activations, loss: str, l2: float, task: str, x, y) -> tuple[float, float, float]:
    """(J with L2, mean loss, accuracy or NaN) of params on x (n, d), y (n, k); NaNs for an empty split."""
    if len(x) == 0:
        return float("nan"), float("nan"), float("nan")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        zs, As = forward(params, activations, x)
        J, mean_loss, _ = cost(params, activations, loss, l2, zs[-1], As[-1], y)
    acc = accuracy(task, y, As[-1])
    return J, mean_loss, float("nan") if acc is None else acc


def start(params: Params, net, data) -> Run:
    """A run at step 0 with its first point recorded. net = (activations, loss, l2); data: a Dataset."""
    return _record(Run(params=tuple(params)), net, data)


def advance(run: Run, net, data, method: str, steps: int, lr: float = 0.5, batch: int | None = None, seed: int = 0):
    """The run after `steps` more updates (or optimiser iterations) on data's training split.

    gd: full-batch gradient descent; sgd: mini-batches of `batch`, reshuffled each epoch from a seed that
    moves with the step count (so a run is the same however it is cut into ticks). A diverged run stays put.
    """
    if run.diverged or steps <= 0:
        return run
    activations, loss, l2 = net
    x, y = data.x_train, data.y_train
    n = len(x)
    if method in ("gd", "sgd"):
        b = n if method == "gd" or not batch else min(int(batch), n)
        res = train_gd(list(run.params), activations, loss, l2, x, y, steps, lr, batch_size=b, seed=seed + run.steps)
        seen = res.steps_done * b
    else:
        res = train_scipy(list(run.params), activations, loss, l2, x, y, steps, method=method)
        seen = res.steps_done * n
    nxt = replace(run, params=tuple(res.params), steps=run.steps + res.steps_done, seen=run.seen + seen)
    return _record(nxt, net, data, diverged=res.diverged)


def _record(run: Run, net, data, diverged: bool = False) -> Run:
    activations, loss, l2 = net
    J, train, train_acc = evaluate(run.params, activations, loss, l2, data.task, data.x_train, data.y_train)
    _, test, test_acc = evaluate(run.params, activations, loss, l2, data.task, data.x_test, data.y_test)
    gone = diverged or divergence_step(run.curves.cost + (J,)) is not None  # the one rule, over the full cost
    curves = run.curves.add(step=run.steps, epoch=run.seen / max(len(data.x_train), 1), cost=J, train=train,
                            test=test, train_acc=train_acc, test_acc=test_acc)  # fmt: skip
    return replace(run, curves=curves, diverged=bool(gone))
