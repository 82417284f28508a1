"""The explorer's network health panel in AppTest: the failure presets' notes, the verdict that travels with
the chart, the panel's numbers against the engine's, in both languages and notations."""

import json
import re

import pytest
from apptest_helpers import app, figure, key, move_data_slider, no_exception

from engine.config import from_dict
from engine.health import (
    diagnose,
    health,
)
from engine.network import run_pass
from engine.presets import HEALTH_PRESETS, PRESETS, preset
from texts import t
from ui.state import encode_net, materialise
from viz.hover import fmt


# -- the explorer's panel (AppTest) ------------------------------------------------------------------
def health_expander(at):
    (e,) = [e for e in at.expander if e.label.startswith(f"**{t('health_title', at.session_state['_lang'])}**")]
    return e


def verdict_line(at) -> str:
    """The verdict the explorer shows under its chart (layout.meta.health: it follows every new picture)."""
    return figure(at)["layout"]["meta"]["health"]


def health_chart_spec(at) -> dict:
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    (spec,) = [s for s in specs if any(d.get("meta", {}).get("key") == "delta_norm" for d in s["data"])]
    return spec


def assert_panel_is_the_engine(at, lang="en"):
    cfg = at.session_state["config"]
    rows = health(run_pass(cfg))
    df = at.dataframe[-1].value
    assert df[t("hl_col_delta", lang)].tolist() == fmt([h.delta_norm for h in rows], 3).tolist()
    assert df[t("hl_col_dW", lang, w="W")].tolist() == fmt([h.dW_norm for h in rows], 3).tolist()
    spec = health_chart_spec(at)
    by_key = {d["meta"]["key"]: d for d in spec["data"]}
    assert by_key["delta_norm"]["customdata"] == [h.delta_norm for h in rows]
    assert by_key["dW_norm"]["customdata"] == [h.dW_norm for h in rows]
    sat = [None if h.saturated is None else 100 * h.saturated for h in rows]
    assert by_key["saturated"]["customdata"] == sat
    assert spec["layout"]["yaxis"]["type"] == "log"
    for ax in ("xaxis", "yaxis", "xaxis2", "yaxis2"):
        assert spec["layout"][ax]["title"]["text"]
    return rows, df


@pytest.mark.parametrize("name", HEALTH_PRESETS)
def test_each_failure_preset_opens_with_its_note_and_the_engines_numbers(name):
    at = app({"preset": name})
    no_exception(at)
    assert at.session_state["preset_pick"] == name
    assert [i.value for i in at.info] == [t("preset_note_" + name)]
    assert at.session_state["config"] == materialise(preset(name))
    rows, df = assert_panel_is_the_engine(at)
    kind = diagnose(rows).kind
    label = verdict_line(at)
    if kind == "dead":
        assert "4 of 6 ReLU units in layer 1 are dead" in label
        assert df[t("hl_col_dead")].tolist() == ["4 of 6", "4 of 6", "—"]
    if kind == "copies":
        assert "All 4 units of layer 1 are copies" in label
    if kind == "saturated":
        assert "3 of 4 units in layer 1 are saturated" in label and df[t("hl_col_sat")].tolist()[0] == "75 %"
    if kind == "vanishing":
        assert re.search(r"shrinks 1[0-9],[0-9]00× from the output layer back to layer 1", label), label


@pytest.mark.parametrize("name", ["dead_relu", "vanishing_sigmoid"])
def test_failure_preset_in_chinese(name):
    at = app({"preset": name, "lang": "zh"})
    no_exception(at)
    assert t("preset_note_" + name, "zh") in [i.value for i in at.info]
    label = verdict_line(at)
    assert ("死亡" if name == "dead_relu" else "梯度消失") in label
    assert_panel_is_the_engine(at, "zh")
    assert "层" in at.dataframe[-1].value.columns


def test_default_network_panel_is_closed_with_its_verdict_and_opens():
    at = app()
    no_exception(at)
    assert not at.info
    assert "Healthy" in verdict_line(at)
    assert not at.get("plotly_chart")  # closed: not built
    at.session_state["health_open_0"] = True  # the reader opens it
    at.run()
    no_exception(at)
    assert_panel_is_the_engine(at)


def test_picking_a_failure_preset_shows_its_note_and_leaving_it_hides_the_note():
    at = app()
    at.selectbox(key="preset_pick").set_value("dead_relu").run()
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("dead_relu"))
    assert [i.value for i in at.info] == [t("preset_note_dead_relu")]
    assert_panel_is_the_engine(at)  # opened for the preset
    at.slider(key=key(at, "l2")).set_value(0.5).run()  # an edit: the network is no longer the preset
    no_exception(at)
    assert at.session_state["preset_pick"] == "custom"
    assert not at.info
    assert_panel_is_the_engine(at)  # the panel stays open, on the edited network


def test_an_overflowing_network_says_where_in_the_panel():
    d = dict(PRESETS["ng_3443"], init={"scheme": "constant", "seed": 0, "value": 1e308})
    at = app({"net": encode_net(from_dict(d))})
    no_exception(at)
    assert "overflowed" in verdict_line(at)
    at.session_state["health_open_0"] = True
    at.run()
    no_exception(at)
    notes = [w.value for w in at.warning]
    assert any("layer 1: ‖δ‖ = NaN" in n and "layer 2: z (∞)" in n for n in notes), notes
    assert "NaN" in at.dataframe[-1].value[t("hl_col_delta")].tolist()


def test_the_panel_follows_a_data_slider():
    at = app({"preset": "dead_relu"})
    before = at.dataframe[-1].value.copy()
    move_data_slider(at, "x2", 2.5)
    no_exception(at)
    assert at.session_state["config"].x[0][1] == 2.5
    after, _ = assert_panel_is_the_engine(at)
    assert not at.dataframe[-1].value.equals(before)


def test_ng_notation_numbers_the_layers_from_the_input():
    at = app({"preset": "dead_relu", "notation": "ng"})
    no_exception(at)
    assert "4 of 6 ReLU units in layer 2 are dead" in verdict_line(at)
    df = at.dataframe[-1].value
    assert df[t("hl_col_layer")].tolist() == ["2", "3", "4"] and t("hl_col_dW", w="Θ") in df.columns
