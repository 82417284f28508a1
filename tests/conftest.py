import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.presets import PRESETS  # noqa: E402  (after the path insert above)

NG_CONFIG = PRESETS["ng_3443"]  # the default network, the one DESIGN.md's examples use


@pytest.fixture
def ng_config():
    return json.loads(json.dumps(NG_CONFIG))


def rel_err(a, b):
    """Norm-wise relative error of a against reference b (0 when both are all zero)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    den = max(np.linalg.norm(b), 1e-15)
    return np.linalg.norm(a - b) / den
