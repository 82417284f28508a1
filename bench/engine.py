"""Engine benchmark: median time of one pass, a full gradient check and 1,000 training steps.

Run: .venv/bin/python bench/engine.py   (prints a table; targets from the engine issue alongside)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import from_dict  # noqa: E402
from engine.gradcheck import gradcheck  # noqa: E402
from engine.network import config_params, pass_arrays, run_pass  # noqa: E402
from engine.training import train_gd  # noqa: E402


def median_time(fn, repeat: int, number: int = 1) -> float:
    """Median seconds per call over `repeat` timings of `number` calls."""
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return statistics.median(times)


def nets():
    rng = np.random.default_rng(0)
    yield (
        "3-4-4-3 sigmoid+bce, m=1",
        from_dict(
            {
                "layers": [3, 4, 4, 3],
                "activations": ["sigmoid"] * 3,
                "loss": "bce",
                "x": [[0.5, -1.0, 2.0]],
                "y": [[1, 0, 0]],
            }
        ),
        1,
    )
    x = rng.normal(size=(200, 2))
    y = (x[:, :1] * x[:, 1:] > 0).astype(float)
    yield (
        "2-16-16-1 tanh+bce, m=200",
        from_dict(
            {
                "layers": [2, 16, 16, 1],
                "activations": ["tanh", "tanh", "sigmoid"],
                "loss": "bce",
                "x": x.tolist(),
                "y": y.tolist(),
            }
        ),
        200,
    )
    x = rng.normal(size=(16, 32))
    yield (
        "8 layers of 32 relu+softmax, m=16",
        from_dict(
            {
                "layers": [32] * 9,
                "activations": ["relu"] * 7 + ["softmax"],
                "loss": "cross_entropy",
                "x": x.tolist(),
                "y": np.eye(32)[rng.integers(0, 32, 16)].tolist(),
            }
        ),
        16,
    )


def measure(cfg):
    """Median seconds: pass on arrays, pass from the config, full gradient check, 1,000 GD steps."""
    params = config_params(cfg)
    x, y = np.array(cfg.x), np.array(cfg.y)
    args = (params, cfg.activations, cfg.loss, cfg.l2, x, y)
    return (
        median_time(lambda: pass_arrays(*args), 21, 200),
        median_time(lambda: run_pass(cfg), 11, 50),
        median_time(lambda: gradcheck(*args), 7, 1),
        median_time(lambda: train_gd(*args, 1000, 0.1), 5, 1),
    )


def main():
    rows = [(name, *measure(cfg)) for name, cfg, _ in nets()]
    print(
        f"{'network':36} {'pass (arrays)':>14} {'pass (config)':>14} {'gradcheck':>11} {'1000 GD steps':>14}"
        f" {'steps/s':>9}"
    )
    for name, tp, tc, tg, tt in rows:
        print(
            f"{name:36} {tp * 1e6:11.1f} us {tc * 1e6:11.1f} us {tg * 1e3:8.2f} ms {tt * 1e3:11.1f} ms {1000 / tt:9.0f}"
        )
    print(
        "\ntargets: pass <= 50 us (3-4-4-3); full gradient check <= 5 ms (3-4-4-3); >= 2,000 GD steps/s "
        "(2-16-16-1, m=200)"
    )
    print(
        f"ratios to target: pass {rows[0][1] / 50e-6:.2f}x, gradcheck {rows[0][3] / 5e-3:.2f}x, "
        f"steps/s {1000 / rows[1][4] / 2000:.2f}x of 2,000"
    )


if __name__ == "__main__":
    main()
