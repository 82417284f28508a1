"""Data figures benchmark: one live redraw of the decision boundary (and of the neurons' maps) while a net trains.

Run: .venv/bin/python bench/boundary.py   (prints medians of 20; target: the boundary update well under 100 ms,
so training can redraw at least ten times a second)

Timed per figure: building it (forward pass over the grid, boundary, points, hover texts: what the builder does),
serialising it to JSON (viz.figure.figure_json, what the live chart sends; plotly.io.to_json, what st.plotly_chart
sends), and the size of each JSON.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import plotly.io as pio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.config import InitSpec  # noqa: E402
from engine.network import init_params  # noqa: E402
from viz.boundary import boundary_figure  # noqa: E402
from viz.data_figures import neuron_maps_figure  # noqa: E402
from viz.figure import figure_json  # noqa: E402

REPEAT = 20


def median_ms(fn, repeat: int = REPEAT) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(0)
    x, xt = rng.normal(size=(500, 2)), rng.normal(size=(100, 2))
    y, yt = (x[:, :1] * x[:, 1:] > 0).astype(float), (xt[:, :1] * xt[:, 1:] > 0).astype(float)
    params, acts = init_params((2, 8, 8, 1), InitSpec("xavier", 0)), ["tanh", "tanh", "sigmoid"]
    p3, a3 = init_params((2, 8, 8, 3), InitSpec("xavier", 0)), ["tanh", "tanh", "softmax"]
    y3, y3t = np.eye(3)[rng.integers(0, 3, 500)], np.eye(3)[rng.integers(0, 3, 100)]
    cases = {
        "boundary, binary, 2-8-8-1 tanh, 500 + 100 points, 100x100": lambda: boundary_figure(
            params, acts, "binary", x, y, xt, yt, "en", grid=100
        ),
        "boundary, 3 classes, 2-8-8-3, 500 + 100 points, 100x100": lambda: boundary_figure(
            p3, a3, "multiclass", x, y3, xt, y3t, "en", grid=100
        ),
        "neuron maps, 2-8-8-1 tanh (16 maps of 40x40)": lambda: neuron_maps_figure(params, acts, x, "en", grid=40),
    }
    print(f"median of {REPEAT}, ms (JSON sizes in KB)")
    print(f"{'figure':58} {'build':>7} {'+json':>7} {'+to_json':>9} {'json KB':>8} {'to_json KB':>11}")
    for name, build in cases.items():
        fig = build()
        t_build = median_ms(build)
        t_json = median_ms(lambda f=fig: figure_json(f))
        t_pio = median_ms(lambda f=fig: pio.to_json(f, validate=False))
        kb, kb_pio = len(figure_json(fig).encode()) / 1024, len(pio.to_json(fig, validate=False).encode()) / 1024
        print(f"{name:58} {t_build:7.1f} {t_build + t_json:7.1f} {t_build + t_pio:9.1f} {kb:8.0f} {kb_pio:11.0f}")
    print("build: the builder alone; +json: and figure_json (the live chart); +to_json: and plotly.io.to_json")


if __name__ == "__main__":
    main()
