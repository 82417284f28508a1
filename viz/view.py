"""What a figure shows (View) and what one moment of it shows (Stage), and the values it colours by."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import PassResult
from texts import t

QUANTITIES = ("a", "z", "gp", "delta")


@dataclass(frozen=True)
class View:
    """How to draw: which sample, which quantities, which notation and language."""

    sample: int = 0
    nodes: str = "a"  # a | z | gp | delta
    edges: str = "dW"  # dW | W
    notation: str = "lee"
    lang: str = "en"
    frame_ms: int = 600
    digits: int = 3
    large: bool = False  # presentation mode: bigger text and figure
    scale: str = "log"  # δ and ∂J/∂W colours: log (every layer reads) or linear (one shared scale)
    edge_labels: bool = False  # print each weight's value (w or ∂J/∂w, what its colour shows) on its edge
    compact: bool = False  # a narrow column: short layer labels, no colour bars (the caption explains)


@dataclass(frozen=True)
class Stage:
    """What one moment of the animation (or one step) shows."""

    node_values: np.ndarray  # (N,), NaN where the quantity does not exist (inputs have no z, delta)
    node_lit: np.ndarray  # (N,) bool
    diverging: bool  # signed quantity: diverging scale symmetric about 0
    node_label: str  # what the neuron colour means
    edge_lit: np.ndarray  # (E,) bool: coloured by the edge quantity, or pending
    title: str
    highlight: int | None = None  # code layer to highlight
    quantity: str = "a"  # a | z | gp | delta: what the neuron colours are


def node_values(result: PassResult, quantity: str, s: int) -> np.ndarray:
    """The quantity for every neuron of sample s, input first; inputs: x for a, NaN otherwise."""
    first = result.x[s] if quantity == "a" else np.full(result.x.shape[1], np.nan)
    attr = {"a": "a", "z": "z", "gp": "gprime", "delta": "delta"}[quantity]
    return np.concatenate([first] + [getattr(rec, attr)[s] for rec in result.layers])


def quantity_label(q: str, view: View) -> str:
    return t(f"q_{q}", view.lang)
