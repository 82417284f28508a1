"""Training benchmark (issue 11): gradient descent's speed on moons, and Ng's digits network by L-BFGS.

(a) full-batch gradient descent (train_gd) on a 2-8-8-1 tanh net with a sigmoid + bce output, 500 moons
    points: steps per second, median of several runs (target >= 5,000/s);
(b) digits (scikit-learn's 8x8 images, 1,437 training / 360 test rows): a 64-25-10 sigmoid net with a sigmoid
    + bce output and L2 lambda = 1 (Ng's exercise 4), trained by L-BFGS-B (train_scipy "lbfgs"), one run per
    init seed: wall time and test accuracy (target >= 95 % within 10 s).

Run: .venv/bin/python bench/training.py   (prints medians and their ratios to the targets; not a test)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import InitSpec  # noqa: E402
from engine.datasets import make  # noqa: E402
from engine.network import forward, init_params  # noqa: E402
from engine.training import train_gd, train_scipy  # noqa: E402

GD_TARGET = 5_000  # steps per second
DIGITS_ACCURACY = 0.95
DIGITS_SECONDS = 10.0
DIGITS_LAMBDA = 1.0
DIGITS_ITERATIONS = 100
SEEDS = (0, 1, 2, 3, 4)


def gd_steps_per_second(steps: int = 1_000, repeat: int = 7) -> tuple[float, float, float]:
    """(median steps/s, J before, J after) of full-batch gradient descent on 500 moons points."""
    ds = make("moons", n=500, noise=0.1, test_fraction=0.0)
    x, y = np.array(ds.x_train), np.array(ds.y_train)
    acts = ("tanh", "tanh", "sigmoid")
    params = init_params((2, 8, 8, 1), InitSpec("xavier", 0))
    train_gd(params, acts, "bce", 0.0, x, y, 50, 0.5)  # warm up
    rates = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        res = train_gd(params, acts, "bce", 0.0, x, y, steps, 0.5)
        rates.append(steps / (time.perf_counter() - t0))
    return statistics.median(rates), res.history[0], res.history[-1]


def digits_run(seed: int) -> tuple[float, float, float, int]:
    """(seconds, test accuracy, final J, iterations) of one L-BFGS-B run on digits from Ng's uniform init."""
    ds = make("digits", seed=0)
    x, y = np.array(ds.x_train), np.array(ds.y_train)
    acts = ("sigmoid", "sigmoid")
    t0 = time.perf_counter()
    params = init_params((64, 25, 10), InitSpec("uniform", seed))  # Ng's epsilon_init = 0.12
    res = train_scipy(params, acts, "bce", DIGITS_LAMBDA, x, y, DIGITS_ITERATIONS, "lbfgs")
    out = forward(res.params, acts, ds.x_test)[1][-1]
    accuracy = float(np.mean(out.argmax(axis=1) == ds.labels_test))
    return time.perf_counter() - t0, accuracy, res.history[-1], res.steps_done


def main() -> None:
    rate, j0, j1 = gd_steps_per_second()
    print("(a) full-batch gradient descent, 2-8-8-1 tanh (sigmoid + bce), 500 moons points")
    print(f"    median {rate:,.0f} steps/s   target {GD_TARGET:,}/s   ratio {rate / GD_TARGET:.2f}x")
    print(f"    J over the 1,000 steps: {j0:.4f} -> {j1:.4f}")

    make("digits")  # scikit-learn's import and the file read, outside the timings
    print(f"(b) digits 64-25-10 sigmoid + bce, lambda = {DIGITS_LAMBDA}, L-BFGS-B, {DIGITS_ITERATIONS} iterations")
    runs = []
    for seed in SEEDS:
        secs, acc, J, its = digits_run(seed)
        runs.append((secs, acc))
        print(f"    init seed {seed}: {secs:5.2f} s   test accuracy {acc:.2%}   J {J:.4f}   iterations {its}")
    secs = statistics.median(s for s, _ in runs)
    acc = statistics.median(a for _, a in runs)
    worst = min(a for _, a in runs)
    print(
        f"    median {secs:.2f} s (target <= {DIGITS_SECONDS:.0f} s, ratio {secs / DIGITS_SECONDS:.2f}); "
        f"median accuracy {acc:.2%}, worst {worst:.2%} (target >= {DIGITS_ACCURACY:.0%})"
    )
    ok = rate >= GD_TARGET and secs <= DIGITS_SECONDS and worst >= DIGITS_ACCURACY
    print("all targets met" if ok else "a target was missed")


if __name__ == "__main__":
    main()
