import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NG_CONFIG = {
    "layers": [3, 4, 4, 3],
    "activations": ["sigmoid", "sigmoid", "sigmoid"],
    "loss": "bce",
    "x": [[0.5, -1.0, 2.0]],
    "y": [[1, 0, 0]],
    "l2": 0.0,
    "init": {"scheme": "xavier", "seed": 0},
}


@pytest.fixture
def ng_config():
    return json.loads(json.dumps(NG_CONFIG))


def rel_err(a, b):
    """Norm-wise relative error of a against reference b (0 when both are all zero)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    den = max(np.linalg.norm(b), 1e-15)
    return np.linalg.norm(a - b) / den
