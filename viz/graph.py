"""The network as a networkx DiGraph: layered layout and the paths that carry a weight's gradient."""

from __future__ import annotations

import itertools
from functools import lru_cache

import networkx as nx
import numpy as np


@lru_cache(maxsize=8)
def network_graph(layers: tuple[int, ...]) -> nx.DiGraph:
    """Nodes (l, i) with attribute layer=l; an edge (l-1, j) -> (l, i) for every weight W^l[i, j]."""
    G = nx.DiGraph()
    for l, n in enumerate(layers):
        G.add_nodes_from(((l, i) for i in range(n)), layer=l)
    for l in range(1, len(layers)):
        G.add_edges_from(((l - 1, j), (l, i)) for i in range(layers[l]) for j in range(layers[l - 1]))
    return G


@lru_cache(maxsize=32)
def layout(layers: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(xs, ys) of every neuron, input layer first, each layer top to bottom.

    networkx's multipartite layout places the layers in columns; we keep its columns and order each
    column top to bottom so that neuron 1 is at the top, as in the seeds' drawings.
    """
    G = nx.DiGraph()  # the layout needs the neurons only; edges would cost seconds on the widest nets
    for l, n in enumerate(layers):
        G.add_nodes_from(((l, i) for i in range(n)), layer=l)
    pos = nx.multipartite_layout(G, subset_key="layer", align="vertical", scale=1.0)
    xs_layer = sorted({round(float(p[0]), 9) for p in pos.values()})
    tallest = max(layers)
    xs, ys = [], []
    for l, n in enumerate(layers):
        for i in range(n):
            xs.append(xs_layer[l] if len(xs_layer) == len(layers) else float(l))
            ys.append((n - 1) / 2 - i if tallest > 1 else 0.0)
    xs = np.array(xs)
    span = xs.max() - xs.min() or 1.0
    xs = (xs - xs.min()) / span * (len(layers) - 1)  # one unit per layer: easy to place labels
    return xs, np.array(ys, dtype=float)


def weight_paths(layers: tuple[int, ...], l: int, i: int, limit: int | None = None):
    """Every path from neuron (l, i) to an output neuron: lists of (layer, neuron), starting at (l, i).

    The gradient of a weight W^l[i, j] flows along exactly these paths (times a^(l-1)_j).
    """
    L = len(layers) - 1
    if l == L:
        return [[(l, i)]]
    # only the layers from l up carry these paths: a graph of the whole of a wide net below l would
    # cost seconds and hundreds of MB to build (and stay in the cache)
    G = network_graph(tuple(layers[l:]))
    targets = [(L - l, k) for k in range(layers[L])]
    gen = nx.all_simple_paths(G, (0, i), targets)
    paths = itertools.islice(gen, limit) if limit else gen
    return [[(m + l, k) for m, k in p] for p in paths]
