"""Ready networks from the seeds, as config dicts (the same JSON a file or link carries)."""

from __future__ import annotations

from engine.config import NetworkConfig, from_dict

PRESETS: dict[str, dict] = {
    # Seed 000: Ng course 9.2, the 3-4-4-3 sigmoid network with the K-class cross-entropy cost. The default.
    "ng_3443": {
        "layers": [3, 4, 4, 3],
        "activations": ["sigmoid", "sigmoid", "sigmoid"],
        "loss": "bce",
        "x": [[0.5, -1.0, 2.0]],
        "y": [[1, 0, 0]],
        "l2": 0.0,
        "init": {"scheme": "xavier", "seed": 0},
    },
    # Seed 004: TestNet 3-4-2, ReLU hidden layer, softmax scores, cross-entropy loss, one sample.
    "testnet_342": {
        "layers": [3, 4, 2],
        "activations": ["relu", "softmax"],
        "loss": "cross_entropy",
        "x": [[1.0, 2.0, -1.0]],
        "y": [[0, 1]],
        "l2": 0.0,
        "init": {"scheme": "he", "seed": 4},
    },
    # Seed 002: the 4-layer network of the BP steps, with m samples accumulated into Delta and L2.
    "ng_4layer": {
        "layers": [3, 5, 5, 4],
        "activations": ["sigmoid", "sigmoid", "sigmoid"],
        "loss": "bce",
        "x": [[0.5, -1.0, 2.0], [1.5, 0.3, -0.7], [-1.2, 0.8, 0.1]],
        "y": [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]],
        "l2": 1.0,
        "init": {"scheme": "uniform", "seed": 2, "value": 0.5},
    },
    # XOR: the smallest problem a single layer cannot solve.
    "xor_221": {
        "layers": [2, 2, 1],
        "activations": ["tanh", "sigmoid"],
        "loss": "bce",
        "x": [[0, 0], [0, 1], [1, 0], [1, 1]],
        "y": [[0], [1], [1], [0]],
        "l2": 0.0,
        "init": {"scheme": "xavier", "seed": 3},
    },
}
DEFAULT_PRESET = "ng_3443"


def preset(name: str) -> NetworkConfig:
    return from_dict(PRESETS[name])


def default_config() -> NetworkConfig:
    return preset(DEFAULT_PRESET)
