"""A go.Figure whose animation frames stay plain dicts, and a fast JSON form for the browser.

plotly validates frames even with _validate=False (about 15 ms a frame here), while the data and
layout we build are already in plotly's schema; to_dict() (what st.plotly_chart and to_json call)
returns them with the frames attached.

For the browser, figure_json skips go.Figure altogether: plotly.io.to_json walks the figure twice
(typed arrays, then dumping, parsing and dumping again to turn NaN into null), 37 ms for a 768-edge
figure with its frames; figure_json makes one pass, float arrays as plotly.js typed-array specs
(base64, the form plotly itself sends, float32 kept; NaN separators stay NaN).
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio


class PlainFigure(go.Figure):
    def __init__(self, fig: dict):
        fig = dict(fig)
        frames = fig.pop("frames", [])
        super().__init__(fig, _validate=False)
        self._plain_frames = frames

    def to_dict(self) -> dict:
        d = super().to_dict()
        d["frames"] = self._plain_frames
        return d


def _plain(o):
    """numpy values as JSON: 1-d float arrays as typed-array specs, the rest as lists (non-finite as null)."""
    if isinstance(o, np.ndarray):
        if o.dtype.kind == "f" and o.ndim == 1:  # float32 stays float32 (positions), the rest float64
            dtype = "f4" if o.dtype.itemsize == 4 else "f8"
            raw = np.ascontiguousarray(o, "<" + dtype).tobytes()
            return {"dtype": dtype, "bdata": base64.b64encode(raw).decode("ascii")}
        if o.dtype.kind == "f":
            return [_plain(r) for r in o]
        return o.tolist()
    if isinstance(o, np.generic):
        v = o.item()
        return v if not isinstance(v, float) or math.isfinite(v) else None
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


def figure_json(fig) -> str:
    """The figure (go.Figure or dict) as compact JSON for plotly.js; same content as plotly.io.to_json."""
    d = fig.to_dict() if hasattr(fig, "to_dict") else fig
    try:
        return json.dumps(d, default=_plain, allow_nan=False, separators=(",", ":"), ensure_ascii=False)
    except ValueError:  # a bare NaN float outside an array: plotly's own encoder knows every case
        return pio.to_json(d, validate=False)
