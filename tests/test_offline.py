"""The offline lesson file (viz/offline.py): one self-contained page, its numbers the engine's, user text escaped."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pytest

from engine.config import from_dict
from engine.network import run_pass
from engine.presets import default_config, preset
from texts.offline import OFFLINE_STRINGS
from viz.animation import frame_plan
from viz.network_figure import NEURONS
from viz.offline import KATEX_JS, PLOTLY_JS, VENDOR, lesson_html, lesson_steps_from_configs, script_json
from viz.view import View

DATA = re.compile(r'<script type="application/json" id="bpx-lesson">(.*?)</script>', re.S)
EVIL = '</script><script>alert(1)</script><!-- <img src=x onerror="alert(2)"> & "quotes"'


def outside_scripts(page: str) -> str:
    """The page's markup with each script element emptied (KaTeX's code holds '<img src=' in a string)."""
    return re.sub(r"(<script\b[^>]*>).*?</script>", r"\1</script>", page, flags=re.S)


def embedded(page: str) -> dict:
    found = DATA.findall(page)
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture(scope="module")
def default_page() -> str:
    return lesson_html(lesson_steps_from_configs([(default_config(), View(), "note")]))


def test_default_network_file_is_small_and_self_contained(default_page):
    size = len(default_page.encode("utf-8"))
    assert size <= 5_000_000, size
    head = default_page[: default_page.index("<style>")]
    assert "default-src 'none'" in head and "connect-src 'none'" in head  # the page may request nothing
    markup = outside_scripts(default_page)
    assert not re.search(r"<(script|img|iframe|audio|video|object|embed)\b[^>]*\b(src|data)=", markup, re.I)
    assert not re.search(r"<link\b|@import|@font-face|url\(", markup, re.I)
    assert default_page.count("<script") == 4 and default_page.count("</script>") == 4  # data + 3 inlined scripts


def test_vendored_libraries_are_the_named_versions_with_their_licences():
    plotly_js = (VENDOR / PLOTLY_JS).read_text(encoding="utf-8")
    assert plotly_js.startswith("/**\n* plotly.js (basic - minified) v4.1.1") and "MIT license" in plotly_js[:300]
    katex_js = (VENDOR / KATEX_JS).read_text(encoding="utf-8")
    assert katex_js.startswith("/*! KaTeX v0.19.1 | MIT License")
    for name in (PLOTLY_JS, KATEX_JS):
        assert (VENDOR / name.replace(".min.js", ".LICENSE")).read_text().lstrip("The ").startswith("MIT License")


def test_embedded_numbers_are_the_engines(default_page):
    result = run_pass(default_config())
    fig = embedded(default_page)["steps"][0]["figure"]
    neurons = next(t for t in fig["data"] if t["name"] == "neurons")
    s = 0
    for k, (layer, index, z, a, delta) in enumerate(neurons["customdata"]):
        assert (layer == 0) == (k < 3)
        if layer == 0:
            assert (z, delta) == (None, None) and a == result.x[s][index]
        else:
            rec = result.layers[layer - 1]
            assert (z, a, delta) == (rec.z[s][index], rec.a[s][index], rec.delta[s][index])  # exact: same floats
    # every frame's neuron colours are this pass's a (forward) or delta (backward), where they are lit
    a = np.concatenate([result.x[s]] + [r.a[s] for r in result.layers])
    delta = np.concatenate([np.full(3, np.nan)] + [r.delta[s] for r in result.layers])
    plan = frame_plan(len(result.layers))
    assert len(fig["frames"]) == len(plan)
    for frame, (kind, _) in zip(fig["frames"], plan):
        upd = frame["data"][frame["traces"].index(NEURONS)]
        want = a if kind in ("input", "forward", "loss", "done") else delta
        shown = [(k, v) for k, v in enumerate(upd["marker"]["color"]) if v is not None]
        assert shown, kind
        assert all(v == want[k] for k, v in shown), kind
        assert frame["layout"]["meta"]["eq"]["general"]  # the frame's equations travel with it


def test_user_text_is_escaped_never_markup():
    steps = lesson_steps_from_configs([(default_config(), View(), EVIL, EVIL)])
    page = lesson_html(steps, "en", title=EVIL)
    markup = outside_scripts(page)
    assert "<script>alert" not in page and "<img" not in markup and 'onerror="' not in markup
    assert "<!--" not in page and "<" not in DATA.findall(page)[0]
    assert page.count("</script>") == 4  # the four script elements' own ends, nothing from the text
    escaped = html.escape(EVIL, quote=True)
    assert escaped.startswith("&lt;/script&gt;&lt;script&gt;alert(1)") and "onerror=&quot;" in escaped
    assert f"<title>{escaped}" in page and f'<h1 class="bpx-lesson-title">{escaped}' in page
    data = embedded(page)  # the JSON holds the exact text, for the page to set as textContent
    assert data["title"] == EVIL and data["steps"][0]["note"] == EVIL and data["steps"][0]["title"] == EVIL
    assert script_json('{"a": "</script>&<!--"}') == '{"a": "\\u003c/script\\u003e\\u0026\\u003c!--"}'


def test_three_step_sequence_holds_three_figures():
    items = [
        (default_config(), View(), "forward and back"),
        (preset("testnet_342"), View(lang="zh"), "ReLU 与 softmax", "TestNet"),
        (preset("zero_init"), View(), ""),
    ]
    page = lesson_html(lesson_steps_from_configs(items), "zh", "三节课")
    data = embedded(page)
    assert len(data["steps"]) == 3 and data["lang"] == "zh" and data["title"] == "三节课"
    assert [st["title"] for st in data["steps"]] == ["3-4-4-3 · sigmoid · bce", "TestNet", "3-4-4-3 · sigmoid · bce"]
    assert [st["note"] for st in data["steps"]] == ["forward and back", "ReLU 与 softmax", ""]
    assert [len(st["figure"]["frames"]) for st in data["steps"]] == [13, 10, 13]
    assert '<html lang="zh-CN">' in page and OFFLINE_STRINGS["off_next_step"]["zh"] in page
    assert data["strings"]["off_step_of"] == OFFLINE_STRINGS["off_step_of"]["zh"]


def test_largest_builder_network_fits_too():
    cfg = from_dict({"layers": [10] * 8, "activations": ["sigmoid"] * 7, "loss": "bce", "x": [[0.5] * 10],
                     "y": [[1] + [0] * 9]})  # fmt: skip
    page = lesson_html(lesson_steps_from_configs([(cfg, View(), "")]))
    assert len(page.encode("utf-8")) <= 5_000_000


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="at least one step"):
        lesson_html([])
    with pytest.raises(ValueError, match="lang"):
        lesson_html(lesson_steps_from_configs([(default_config(), View(), "")]), lang="fr")
    with pytest.raises(ValueError, match="step 1: .*frames"):
        lesson_html([{"figure": {"data": [{}]}, "note": ""}])
    with pytest.raises(ValueError, match="heatmap"):  # not in plotly.js's basic bundle
        lesson_html([{"figure": {"data": [{"type": "heatmap"}], "frames": [{}]}}])


def test_every_string_has_both_languages():
    for key, v in OFFLINE_STRINGS.items():
        assert set(v) == {"en", "zh"} and all(v.values()), key
    assert "{k}" in OFFLINE_STRINGS["off_step_of"]["zh"] and "{n}" in OFFLINE_STRINGS["off_step_of"]["zh"]
