"""A go.Figure whose animation frames stay plain dicts.

plotly validates frames even with _validate=False (about 15 ms a frame here), while the data and
layout we build are already in plotly's schema; to_dict() (what st.plotly_chart and to_json call)
returns them with the frames attached.
"""

from __future__ import annotations

import plotly.graph_objects as go


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
