import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

# CI explores the same examples every run (reproducible); a developer's runs keep exploring new ones
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.presets import PRESETS  # noqa: E402  (after the path insert above)

NG_CONFIG = PRESETS["ng_3443"]  # the default network, the one DESIGN.md's examples use


@pytest.fixture
def ng_config():
    return json.loads(json.dumps(NG_CONFIG))


def rel_err(a, b, floor: float = 1e-6):
    """Norm-wise relative error of a against reference b.

    Arrays smaller than `floor` are compared absolutely (error / floor, so still to 1e-13 for the 1e-7
    bound): a gradient of 1e-13 that comes from p - 1 with p = 1 - 1e-13 carries float64 round-off of
    ~1e-16 times the activations in any implementation, the oracle's included, so its relative error
    says nothing about correctness.
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.linalg.norm(a - b) / max(np.linalg.norm(b), floor)
