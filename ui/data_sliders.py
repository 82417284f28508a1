"""The sample's x and y sliders as one custom element (browser side: ui/data_sliders.js).

Six st.sliders in columns are ~16 elements that Streamlit re-renders on every change of any of
them; one element holding native range inputs is one. This is what the builder fragment redraws
when a student moves x1 (ui/sidebar.py), so the chart gets its new picture sooner.
The element's state (session_state[key]["values"]) is {group name: list of numbers, "seq": the browser's count
of presses}, and the element is sent back the seq it was built from: a run that started before the browser's
last press does not put older values under the student's hand.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import streamlit as st

JS = (Path(__file__).resolve().parent / "data_sliders.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _component():
    return st.components.v2.component("bpx_sliders", html='<div class="bpx-sliders"></div>', js=JS,
                                      isolate_styles=False)  # fmt: skip


def _noop() -> None:  # components v2 asks for a callback for every state value
    pass


def slider_groups(groups: list[dict], key: str, cols: int = 3) -> dict[str, list[float]]:
    """Sliders for each group {"name", "labels", "lo", "hi", "step", "values"}, up to cols a row; returns the values.

    A group's values are the user's (from the element's state) when the element holds a full,
    in-range row for it, else the values given. The element's key is `key` and its layout (groups,
    lengths, ranges): a new layout (a loss or width change that rewrote the targets, a range widened)
    is a new element, so no earlier state stands in for the values given.
    """
    key += "_" + "_".join(f"{g['name']}{len(g['values'])}_{g['lo']}_{g['hi']}" for g in groups)
    sent = (st.session_state.get(key) or {}).get("values") or {}
    out = {}
    for g in groups:
        row = sent.get(g["name"]) if isinstance(sent, dict) else None
        ok = isinstance(row, list) and len(row) == len(g["values"])
        ok = ok and all(isinstance(v, (int, float)) and g["lo"] <= v <= g["hi"] for v in row)
        out[g["name"]] = [float(v) for v in row] if ok else [float(v) for v in g["values"]]
    seq = sent.get("seq") if isinstance(sent, dict) else None  # the browser's press these values include
    data = {"cols": cols, "groups": [dict(g, values=out[g["name"]]) for g in groups],
            "seq": seq if isinstance(seq, int) and not isinstance(seq, bool) else 0}  # fmt: skip
    _component()(key=key, data=data, default={"values": None}, on_values_change=_noop)
    return out
