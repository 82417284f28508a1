"""Helpers for Streamlit AppTest page tests."""

import json
import re

import numpy as np
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from engine.network import run_pass


def app(query: dict | None = None, run: bool = True) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if run:
        at.run()
    return at


def page(name: str, query: dict | None = None) -> AppTest:
    """A lesson page, opened as a visitor would: the app with the query, then the page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"lessons/{name}.py").run()
    no_exception(at)
    return at


def key(at: AppTest, name: str) -> str:
    return f"b{at.session_state['builder_rev']}_{name}"


def data_sliders(at: AppTest) -> tuple[str, dict]:
    """The key and data of the sidebar's element holding the sample's x and y sliders (ui/data_sliders.py)."""
    (el,) = [el for el in at.get("bidi_component") if el.proto.component_name.endswith("bpx_sliders")]
    return el.proto.id.split("-", 2)[2], json.loads(el.proto.json)


def move_data_slider(at: AppTest, label: str, value: float) -> AppTest:
    """Move x<n> or y<n> as the browser element does (it sends every value, the moved one changed), and run."""
    k, data = data_sliders(at)
    values = {g["name"]: list(g["values"]) for g in data["groups"]}
    values[label[0]][int(label[1:]) - 1] = value
    at.session_state[k] = {"values": values}
    return at.run()


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def figure(at: AppTest, index: int = 0) -> dict:
    """The index-th figure on the page: live charts (ui/plotly_component.py) first, then st.plotly_chart."""
    data = [json.loads(el.proto.bytes or el.proto.json or "null") for el in at.get("bidi_component")]
    specs = [d["fig"] for d in data if d and "key" in d]  # live charts; not the sidebar's bridge (ui/live.py)
    specs += [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    return specs[index]


def trace(fig: dict, name: str) -> dict:
    (t,) = [d for d in fig["data"] if d.get("name") == name]
    return t


def decode(v):
    """plotly 7 sends numpy arrays as typed base64 ('bdata'); lists stay lists."""
    if isinstance(v, dict) and "bdata" in v:
        import base64

        arr = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        shape = v.get("shape")
        if isinstance(shape, str):  # plotly writes a 2-D shape as "rows, columns"
            shape = [int(n) for n in shape.split(",")]
        return arr.reshape(shape) if shape is not None else arr
    return v


def assert_figure_matches_engine(at: AppTest) -> None:
    cfg = at.session_state["config"]
    r = run_pass(cfg)
    s = at.session_state["sample"]
    neurons = trace(figure(at), "neurons")
    cd = neurons["customdata"]
    k = cfg.layers[0]
    for l, rec in enumerate(r.layers, start=1):
        for i in range(cfg.layers[l]):
            assert cd[k] == [l, i, rec.z[s, i], rec.a[s, i], rec.delta[s, i]]
            k += 1


def shown(el) -> str:
    """An alert's text as a reader sees it: ui/messages.plain escapes every punctuation mark for markdown."""
    return re.sub(r"\\(.)", r"\1", el.value)
