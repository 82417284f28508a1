"""Labels that fit and read: one number formatter everywhere, nodes sized to their labels, words in both languages."""

import re

import numpy as np
import pytest
from apptest_helpers import figure, no_exception, page

from engine.config import from_dict
from engine.gradcheck import gradcheck
from engine.network import config_params, run_pass
from engine.presets import preset
from texts import STRINGS, t
from viz import latex, sizes
from viz.animation import animated_figure_dict
from viz.charts import bars_chart, gradcheck_chart, heatmap_chart, lines_chart
from viz.hover import edge_texts, fmt, neuron_texts, text_num
from viz.network_figure import NEURONS, View, network_figure_dict
from viz.notation import Notation
from viz.scales import signed_scale
from viz.tables import ABSENT, neuron_table, plain, weight_table

LONG = {"layers": [3, 4, 4, 3], "activations": ["linear", "relu", "linear"], "loss": "mse",
        "x": [[0.5, -1.0, 2.0]], "y": [[1, 0, 0]],
        "weights": [[[0, 0, 0], [0, 0, 0], [0, 0, 0], [0.001, 0, 0]],
                    [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
                    [[1e-3, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]],
        "biases": [[-0.0133, 7.26e-9, 2590, 1234.5], [0, 0, 0, 0.25], [0, 0, -1e-7]],
        "init": {"scheme": "xavier", "seed": 0}}  # fmt: skip
LARGEST = {"layers": [10] * 8, "activations": ["sigmoid"] * 7, "loss": "bce", "x": [[0.5] * 10],
           "y": [[1] + [0] * 9], "init": {"scheme": "xavier", "seed": 0}}  # fmt: skip
RAW = re.compile(r"e[+-]|e−0|−0(?![.\d])|\[|\]|None|\^|_\d")  # e+03, e-09, e−09, −0, arrays, a^0_1


# ---- one formatter ----
@pytest.mark.parametrize(
    "value,digits,text",
    [(-0.0133, 3, "−0.0133"), (7.26e-09, 3, "7.26e−9"), (7.26e-09, 2, "7.3e−9"), (2590.0, 3, "2590"),
     (2.59e3, 3, "2590"), (-0.0, 3, "0"), (0.0, 3, "0"), (6e-18, 3, "6e−18"), (0.241, 3, "0.241"), (0.5, 3, "0.5"),
     (-1.0, 3, "−1"), (12345.0, 3, "12345"), (123456.0, 3, "1.23e5"), (-1.5e12, 4, "−1.5e12"), (9.996, 3, "10"),
     (0.001, 3, "0.001"), (0.000999, 3, "9.99e−4"), (5.479e241, 4, "5.479e241"), (0.123456789, 6, "0.123457"),
     (np.inf, 3, "∞"), (-np.inf, 3, "−∞"), (np.nan, 3, "NaN")],
)  # fmt: skip
def test_one_formatter_writes_numbers_short_with_the_digits_asked_for(value, digits, text):
    assert text_num(value, digits) == text
    assert fmt([value], digits).tolist() == [text]


def test_the_formatter_keeps_shapes_and_never_prints_raw_forms():
    rng = np.random.default_rng(0)
    v = rng.normal(size=(40, 5)) * 10.0 ** rng.integers(-12, 12, size=(40, 5))
    out = fmt(v, 3)
    assert out.shape == v.shape and not any(RAW.search(s) for s in out.ravel())
    assert fmt([], 3).tolist() == []
    back = np.array([float(s.replace("−", "-")) for s in out.ravel()])
    assert np.allclose(back, v.ravel(), rtol=5e-3)  # 3 significant digits


def test_latex_uses_the_same_formatter():
    assert latex.num(7.26e-9, 3) == r"7.26\times10^{-9}" and latex.num(-0.0133, 3) == "-0.0133"
    assert latex.num(2590.0, 3) == "2590" and latex.num(-0.0, 3) == "0" and latex.num(1e-12, 3) == "10^{-12}"
    assert (
        latex.bmat([[0.0, -0.0, -0.244402, 6e-18]], 3)
        == r"\begin{bmatrix}0 & 0 & -0.244 & 6\times10^{-18}\end{bmatrix}"
    )


def test_colour_bars_hovers_and_tables_use_it_with_the_chosen_digits():
    r = run_pass(from_dict(LONG))
    N = Notation()
    bar = signed_scale([rec.dW for rec in r.layers], "log").bar("g", 3)
    assert all(not RAW.search(text) for _, text in bar["ticks"]) and "6.71e6" in [x for _, x in bar["ticks"]]
    for digits in (2, 5):
        texts = neuron_texts(r, 0, N, "en", digits) + edge_texts(r, 0, N, digits)
        assert not any(re.search(r"e[+-]|e−0", h) for h in texts)
        assert any(f"= {text_num(7.26e-9, digits)}" in h for h in texts)
    fig = network_figure_dict(r, View(digits=2))
    assert "7.3e−9" in fig["data"][NEURONS]["text"] and "J = 3.35e6" in str(fig["layout"]["annotations"])


def test_the_value_tables_are_text_with_no_none_and_readable_symbols():
    r = run_pass(from_dict(LONG))
    nt = neuron_table(r, 0, Notation(), "en", digits=3)
    assert list(nt.columns)[:3] == ["layer", "neuron", "symbol"] and all(c for c in nt.columns)
    assert nt["z"].tolist()[:3] == [ABSENT] * 3 and nt["a"].tolist()[:3] == ["0.5", "−1", "2"]
    assert nt["a"].tolist()[3:7] == ["−0.0133", "7.26e−9", "2590", "1235"]
    assert nt["symbol"].tolist()[:4] == ["a⁰₁", "a⁰₂", "a⁰₃", "a¹₁"]
    cells = nt.astype(str).to_numpy().ravel().tolist()
    assert not any(RAW.search(c) or c == "nan" for c in cells)
    wt = weight_table(r, Notation(), "en", digits=3)
    assert wt["weight"].tolist()[:2] == ["w¹₁₁", "w¹₁₂"] and "b¹₁" in wt["weight"].tolist()
    assert not any(RAW.search(c) for c in wt.astype(str).to_numpy().ravel())
    assert weight_table(r, Notation("ng"), "en")["weight"].tolist()[0] == "θ⁽¹⁾₁₁"
    assert neuron_table(r, 0, Notation("ng"), "en")["symbol"].tolist()[0] == "a⁽¹⁾₁"
    wide = run_pass(from_dict(LARGEST))
    assert weight_table(wide, Notation(), "en")["weight"].tolist()[9] == "w¹₁,₁₀"  # past 9: a comma
    assert plain("a<sup>12</sup><sub>3</sub>") == "a¹²₃"
    raw = neuron_table(r, 0, Notation(), "en", text=False)  # the numbers themselves, for a CSV file
    assert raw["a"].dtype == float and np.isnan(raw["z"].iloc[0])


# ---- nodes that fit their labels ----
def _node_fits(fig, mode):
    neurons, inputs = fig["data"][NEURONS], fig["data"][NEURONS + 1]
    d = neurons["marker"]["size"]
    assert inputs["marker"]["size"] == d
    for tr in (neurons, inputs):
        for text, font in zip(tr["text"], tr["textfont"]["size"]):
            if text.strip():
                assert font <= sizes.fit_font(text, d) + 1e-9 and font <= mode.label, (text, font, d)
    return d


@pytest.mark.parametrize("large,compact", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("cfg", [LONG, None, LARGEST], ids=["long", "default", "largest"])
def test_every_frame_sets_each_label_small_enough_for_its_node(large, compact, cfg):
    r = run_pass(from_dict(cfg) if cfg else preset("ng_3443"))
    view = View(large=large, compact=compact)
    mode = sizes.mode_of(large, compact)
    fig = animated_figure_dict(r, view)
    if sum(r.widths) > 48:  # too many to print: small plain markers
        assert fig["data"][NEURONS]["text"] is None and fig["data"][NEURONS]["marker"]["size"] == 14
        return
    d = _node_fits(fig, mode)
    for frame in fig["frames"]:
        upd = frame["data"][-1]
        assert upd["marker"]["size"] == d  # one node size for the whole animation
        for text, font in zip(upd["text"], upd["textfont"]["size"]):
            if text.strip():
                assert font <= sizes.fit_font(text, d) + 1e-9
    if cfg is None and large:  # presentation mode, the default net: full-size labels and titles
        assert min(upd["textfont"]["size"]) >= 22
        titles = [a for a in fig["layout"]["annotations"] if not a["text"].startswith("<b>J")]
        assert min(a["font"]["size"] for a in titles) >= 26


def test_the_largest_nets_layer_titles_fit_between_the_columns_and_J_sits_above_the_plot():
    r = run_pass(from_dict(LARGEST))
    for large in (False, True):
        fig = network_figure_dict(r, View(large=large))
        sz = sizes.figure_sizes(r.widths, large, False, False,
                                [("hidden 6", "a⁶", "sigmoid")] * 8)  # fmt: skip
        assert sz.title_lines == 3  # the symbol on a line of its own
        for a in fig["layout"]["annotations"]:
            if a["text"].startswith("<b>J"):  # above the plot in the title's row, at the plot's right edge
                assert a["xref"] == "paper" and a["x"] == 1 and a["xanchor"] == "right" and a["yshift"] > 0
            else:
                name = re.sub("<[^>]+>", " ", a["text"].split("<br>")[0]).strip()
                assert sizes.text_em(name, True) * a["font"]["size"] <= sz.col_px * sizes.TITLE_GAP + 1e-6


# ---- every chart titled, every column named, every word translated ----
def test_every_chart_axis_has_a_title_object():
    cfg = preset("ng_3443")
    rep = gradcheck(config_params(cfg), cfg.activations, cfg.loss, cfg.l2, np.array(cfg.x), np.array(cfg.y))
    for fig in (gradcheck_chart(rep, "zh"), lines_chart([1, 2], {"a": [1, 2]}, "x", "y"),
                bars_chart(["a₁"], {"b": [0.5]}, "y", xtitle="x"), heatmap_chart([[0.1]], "x", "y", "t")):  # fmt: skip
        lay = fig.to_dict()["layout"]
        for ax in ("xaxis", "yaxis"):
            assert lay[ax]["title"]["text"], (ax, lay[ax])  # plotly.js 3+ draws no bare-string title


def test_the_words_are_translated_and_readable():
    assert "^" not in t("notation_lee", "en") and t("notation_lee", "en").startswith("Wˡ, a⁰ = x")
    assert "^" not in t("notation_ng", "zh")
    for k in ("constant", "zeros", "xavier", "he", "uniform", "normal"):
        assert t("init_" + k, "zh") != t("init_" + k, "en")
    assert t("act_linear", "zh") == "线性" and "拟牛顿" in t("tr_lbfgs", "zh") and "截断牛顿" in t("tr_tnc", "zh")
    missing = [k for k, v in STRINGS.items() if "zh" not in v]
    assert not missing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_tables_show_formatted_text(lang):
    at = page("matrices", {"lang": lang})
    no_exception(at)
    df = at.dataframe[0].value
    assert all(c for c in df.columns)
    assert not any(RAW.search(str(c)) for c in df.iloc[:, 1:].to_numpy().ravel())
    at = page("experiments", {"exp": "loss", "lang": lang})
    (table,) = at.table
    assert not any(RAW.search(str(c)) for c in table.value.to_numpy().ravel())
    assert figure(at)["layout"]["xaxis"]["title"]["text"] == t("ex_output", lang)
    at = page("experiments", {"exp": "symmetry", "lang": lang})
    assert at.segmented_control(key="ex_scheme").options == [
        t("init_" + k, lang) for k in ("constant", "zeros", "xavier")
    ]


@pytest.mark.parametrize("digits", [1, 2, 3, 4, 6])
def test_a_long_array_is_written_exactly_as_number_by_number(digits):
    rng = np.random.default_rng(digits)
    v = rng.normal(size=5000) * 10.0 ** rng.uniform(-8, 9, size=5000)
    edges = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-3, 9.995e-4, 1.0005e-3, 99999.5, 1e5, 9999.5, 999.5, 99.95, 9.96]
    v[: len(edges)] = edges
    assert fmt(v, digits).tolist() == [text_num(x, digits) for x in v]  # the bulk path (%g first) agrees
