"""Where everything goes: every neuron, every edge's segment and midpoint, as arrays (viz.graph's layout).

Shared by the network figure, the animation frames and the chain-rule figure; cached for small nets only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from viz.graph import layout


@dataclass(frozen=True)
class Geometry:
    xs: np.ndarray  # (N,) neuron positions
    ys: np.ndarray
    seg_x: np.ndarray  # (E, 3) x0, x1, NaN per edge
    seg_y: np.ndarray
    mid_x: np.ndarray  # (E,) edge midpoints
    mid_y: np.ndarray
    edge_layer: np.ndarray  # (E,) weight layer l (1-based)
    edge_i: np.ndarray  # (E,) row: the neuron it feeds (0-based)
    edge_j: np.ndarray  # (E,) column: the neuron it comes from
    node_layer: np.ndarray  # (N,) code layer of each neuron
    node_i: np.ndarray


CACHED_EDGES = 20_000  # geometries up to this size are kept (~1 MB each); a 786k-edge one is 44 MB


def geometry(layers: tuple[int, ...]) -> Geometry:
    """Where every neuron, edge and label goes; remembered for small nets, rebuilt (~50 ms) for big ones."""
    edges = sum(a * b for a, b in zip(layers[1:], layers[:-1]))
    return _cached_geometry(layers) if edges <= CACHED_EDGES else _geometry(layers)


@lru_cache(maxsize=16)
def _cached_geometry(layers: tuple[int, ...]) -> Geometry:
    return _geometry(layers)


def _geometry(layers: tuple[int, ...]) -> Geometry:
    # positions in float32: they only place marks on screen, and the figure sent to the browser halves
    xs, ys = (np.asarray(v, np.float32) for v in layout(layers))
    starts = np.concatenate([[0], np.cumsum(layers)])
    el, ei, ej = [], [], []
    for l in range(1, len(layers)):
        el.append(np.full(layers[l] * layers[l - 1], l))
        ei.append(np.repeat(np.arange(layers[l]), layers[l - 1]))
        ej.append(np.tile(np.arange(layers[l - 1]), layers[l]))
    el, ei, ej = (np.concatenate(v) for v in (el, ei, ej))
    src = starts[el - 1] + ej
    dst = starts[el] + ei
    nan = np.full(len(el), np.nan, np.float32)
    node_layer = np.repeat(np.arange(len(layers)), layers)
    node_i = np.concatenate([np.arange(n) for n in layers])
    return Geometry(
        xs, ys,
        np.column_stack([xs[src], xs[dst], nan]), np.column_stack([ys[src], ys[dst], nan]),
        (xs[src] + xs[dst]) / 2, (ys[src] + ys[dst]) / 2,
        el, ei, ej, node_layer, node_i,
    )  # fmt: skip
