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
    # The failure cases (engine.health names what goes wrong; the explorer says where to look).
    # Zero initialisation: every hidden unit of a layer is a copy of the others, and delta is 0 behind W = 0.
    "zero_init": {
        "layers": [3, 4, 4, 3],
        "activations": ["sigmoid", "sigmoid", "sigmoid"],
        "loss": "bce",
        "x": [[0.5, -1.0, 2.0]],
        "y": [[1, 0, 0]],
        "l2": 0.0,
        "init": {"scheme": "zeros", "seed": 0},
    },
    # The Ng network with its input not scaled (x 20): z^1 is far from 0, sigma'(z^1) ~ 0 for 3 of 4 units.
    "saturated_sigmoid": {
        "layers": [3, 4, 4, 3],
        "activations": ["sigmoid", "sigmoid", "sigmoid"],
        "loss": "bce",
        "x": [[10.0, -20.0, 40.0]],
        "y": [[1, 0, 0]],
        "l2": 0.0,
        "init": {"scheme": "xavier", "seed": 0},
    },
    # Bias -3 on four of the six units of each hidden layer: z <= 0 for every sample, so they pass no gradient.
    "dead_relu": {
        "layers": [3, 6, 6, 2],
        "activations": ["relu", "relu", "softmax"],
        "loss": "cross_entropy",
        "biases": [[-3.0, -3.0, -3.0, -3.0, 0.5, 0.5], [-3.0, -3.0, -3.0, -3.0, 0.5, 0.5], [0.0, 0.0]],
        "x": [[0.0, 0.3, -0.27], [-0.89, -0.45, -0.99], [0.06, 1.34, -0.49], [-0.62, 0.49, 0.36]],
        "y": [[1, 0], [0, 1], [1, 0], [0, 1]],
        "l2": 0.0,
        "init": {"scheme": "he", "seed": 1},
    },
    # Six sigmoid layers of 10 (the most the builder offers), small weights: delta shrinks ~5x per layer.
    "vanishing_sigmoid": {
        "layers": [4, 10, 10, 10, 10, 10, 10, 1],
        "activations": ["sigmoid"] * 7,
        "loss": "bce",
        "x": [
            [-0.8, -1.32, -0.25, 0.42],
            [1.14, 0.11, -0.55, -0.78],
            [0.75, 1.63, 0.27, -1.23],
            [-0.96, 1.6, 0.2, -1.73],
        ],  # fmt: skip
        "y": [[0], [1], [0], [0]],
        "l2": 0.0,
        "init": {"scheme": "normal", "seed": 1, "value": 0.3},
    },
    # A linear 2-3-1 net: gradient descent converges at alpha = 0.5 (the training page's default) and
    # diverges from alpha = 1 on, at once at the page's largest, 5.
    "divergent_lr": {
        "layers": [2, 3, 1],
        "activations": ["linear", "linear"],
        "loss": "mse",
        "x": [[1.5, -1.0], [0.75, 1.25]],
        "y": [[1.0], [-1.0]],
        "l2": 0.0,
        "init": {"scheme": "xavier", "seed": 2},
    },
}
DEFAULT_PRESET = "ng_3443"
HEALTH_PRESETS = ("zero_init", "saturated_sigmoid", "dead_relu", "vanishing_sigmoid", "divergent_lr")


def preset(name: str) -> NetworkConfig:
    return from_dict(PRESETS[name])


def default_config() -> NetworkConfig:
    return preset(DEFAULT_PRESET)
