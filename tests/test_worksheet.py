"""Printable worksheets (viz.worksheet): what each sheet holds, what only the key holds, page sizes, nothing off
the page or on top of other text, Chinese, the ASCII fallback, and the CSV of every intermediate.

The PDFs' text is read back with pypdf; character boxes and page renders come from pypdfium2 (the renders go
to /tmp/worksheet_shots/ for a person to look at).
"""

import csv
import io
import re
from functools import cache
from pathlib import Path

import numpy as np
import pypdf
import pypdfium2 as pdfium
import pytest

import viz.worksheet as ws
from engine.config import from_dict
from engine.network import run_pass
from engine.presets import PRESETS
from viz.hover import fmt, number_text, upstream

SHOTS = Path("/tmp/worksheet_shots")
NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")
LARGEST = {  # the largest net the sliders build: 10 inputs, 6 hidden layers of 10, 10 outputs
    "layers": [10] + [10] * 6 + [10],
    "activations": ["tanh"] * 6 + ["softmax"],
    "loss": "cross_entropy",
    "x": [[0.37 * k - 1.9 for k in range(10)]],
    "y": [[0] * 9 + [1]],
    "l2": 0.5,
    "init": {"scheme": "xavier", "seed": 7},
}


def config(name_or_dict):
    return from_dict(PRESETS[name_or_dict] if isinstance(name_or_dict, str) else name_or_dict)


@cache
def sheet(net: str = "ng_3443", **kw) -> bytes:
    return ws.worksheet_pdf(config(LARGEST if net == "largest" else net), **kw)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def numbers(pdf: bytes) -> set[str]:
    return set(NUMBER.findall(text_of(pdf)))


def given(r, s=0, digits=3) -> set[str]:
    parts = [r.x[s], r.y[s]] + [rec.W for rec in r.layers] + [rec.b for rec in r.layers]
    return {v for p in parts for v in fmt(p, digits).ravel().tolist()}


def answers(r, s=0, digits=3) -> set[str]:
    parts = [q for rec in r.layers for q in (rec.z[s], rec.a[s], rec.delta[s], rec.dW, rec.db)]
    return {v for p in parts for v in fmt(p, digits).ravel().tolist()} | {number_text(r.loss, digits)}


def test_given_numbers_on_both_sheets_answers_only_on_the_key():
    r = run_pass(config("ng_3443"))
    blank, key = numbers(sheet()), numbers(sheet(answers=True))
    assert given(r) <= blank and given(r) <= key
    assert answers(r) <= key
    own = answers(r) - given(r) - {str(k) for k in range(11)}  # an answer that equals a given number or index
    assert len(own) > 40
    assert not own & blank, sorted(own & blank)


def test_titles_and_what_the_key_adds():
    blank, key = text_of(sheet()), text_of(sheet(answers=True))
    assert "Backpropagation worksheet" in blank and "worksheet: answer key" not in blank and "Name:" in blank
    assert "Backpropagation worksheet: answer key" in key
    for words in ("z¹ = W¹ a⁰ + b¹", "δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ g′(zˡ)", "∂J/∂Wˡ = δˡ (aˡ⁻¹)ᵀ", "a¹₁", "x₁ = 0.5"):
        assert words in blank
    ng = text_of(sheet(notation="ng"))
    assert "a⁽²⁾₁" in ng and "Θ⁽¹⁾" in ng and "δ⁽ˡ⁾ = (Θ⁽ˡ⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ g′(z⁽ˡ⁾)" in ng


@pytest.mark.parametrize("paper, size", [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0))])
def test_paper_sizes(paper, size):
    pages = pypdf.PdfReader(io.BytesIO(sheet(paper=paper))).pages
    assert len(pages) >= 2
    for page in pages:
        box = page.mediabox
        assert (float(box.left), float(box.bottom)) == (0, 0)
        assert float(box.width) == pytest.approx(size[0], abs=0.1)
        assert float(box.height) == pytest.approx(size[1], abs=0.1)


def text_boxes(page) -> np.ndarray:
    """(left, bottom, right, top) of every non-blank character on the page, in points."""
    tp = page.get_textpage()
    boxes = [tp.get_charbox(k) for k in range(tp.count_chars()) if tp.get_text_range(k, 1).strip()]
    return np.array(boxes).reshape(-1, 4)


def overlapping_texts(page) -> list:
    """Pairs of text objects (one cell or label each) whose boxes overlap by more than 0.3 pt both ways."""
    objs = [o.get_bounds() for o in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_TEXT])]
    b = np.array(objs).reshape(-1, 4)  # left, bottom, right, top
    dx = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
    dy = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
    hit = (dx > 0.3) & (dy > 0.3)
    np.fill_diagonal(hit, False)
    return [(b[i].round(1).tolist(), b[j].round(1).tolist()) for i, j in zip(*np.nonzero(np.triu(hit)))]


def check_pages(pdf: bytes, name: str):
    """Every character on its page with 5 mm to spare, no text on other text, and a render with a white rim."""
    SHOTS.mkdir(exist_ok=True)
    doc = pdfium.PdfDocument(pdf)
    rim = 5 / 25.4 * 72
    for k, page in enumerate(doc):
        w, h = page.get_size()
        boxes = text_boxes(page)
        assert len(boxes)
        assert boxes[:, 0].min() >= rim and boxes[:, 1].min() >= rim, (name, k)
        assert boxes[:, 2].max() <= w - rim and boxes[:, 3].max() <= h - rim, (name, k)
        assert not overlapping_texts(page), (name, k, overlapping_texts(page)[:3])
        img = page.render(scale=1.5, grayscale=True).to_pil()
        img.save(SHOTS / f"{name}_p{k + 1}.png")
        px = np.asarray(img)
        edge = int(rim / 72 * 1.5 * 72)  # the rim in pixels at 1.5 px per point
        ink = np.concatenate([px[:edge].ravel(), px[-edge:].ravel(), px[:, :edge].ravel(), px[:, -edge:].ravel()])
        assert ink.min() > 250, (name, k)  # nothing drawn into the rim, so nothing cut off by it


@pytest.mark.parametrize(
    "name, net, kw",
    [
        ("default_en", "ng_3443", {}),
        ("default_en_key", "ng_3443", {"answers": True}),
        ("default_letter", "ng_3443", {"paper": "Letter"}),
        ("largest_key", "largest", {"answers": True}),
        ("largest_letter_ng", "largest", {"paper": "Letter", "notation": "ng"}),
    ],
)
def test_pages_hold_their_text(name, net, kw):
    check_pages(sheet(net, **kw), name)


def test_largest_net_every_number_on_the_key():
    r = run_pass(config(LARGEST))
    pdf = sheet("largest", answers=True)
    got = numbers(pdf)
    assert given(r) <= got and answers(r) <= got
    ups = {v for l in range(1, len(r.layers)) for v in fmt(upstream(r, l, 0), 3).tolist()}
    assert ups <= got
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) <= 10


def test_batch_sheet_follows_one_sample():
    r = run_pass(config("ng_4layer"))
    blank, key = sheet("ng_4layer", sample=1), sheet("ng_4layer", sample=1, answers=True)
    text = text_of(blank)
    assert "m = 3" in text and "sample 2" in text and "λ = 1" in text
    assert given(r, s=1) <= numbers(blank)
    contrib = {v for l, rec in enumerate(r.layers, 1) for v in fmt(np.outer(rec.delta[1], r.a(l - 1)[1]), 3).ravel()}
    batch = {v for rec in r.layers for v in fmt(rec.dW, 3).ravel()} | {number_text(r.loss, 3)}
    sample_loss = number_text(r.sample_losses[1], 3)
    got = numbers(key)
    assert contrib <= got and batch <= got and sample_loss in got
    own = (contrib | batch | {sample_loss}) - given(r, s=1) - {str(k) for k in range(11)}
    assert not own & numbers(blank)
    check_pages(key, "batch_key")


def test_chinese_headings_when_the_machine_has_a_cjk_font():
    if ws.cjk_font() is None or ws.unicode_font() is None:
        pytest.skip("no CJK font here (scripts/test.sh installs fonts-wqy-zenhei)")
    pdf = sheet(lang="zh", answers=True)
    text = text_of(pdf)
    for words in ("反向传播练习：答案", "前向传播", "已知量", "第 1 层", "公式"):
        assert words in text
    assert ws.sheet_language("zh") == "zh" and ws.font_note("zh") is None
    check_pages(pdf, "default_zh_key")
    check_pages(sheet(lang="zh", notation="ng"), "default_zh_ng")


def test_without_a_cjk_font_the_sheet_is_english_and_says_so(monkeypatch):
    monkeypatch.setattr(ws, "cjk_font", lambda: None)
    assert ws.sheet_language("zh") == "en"
    assert "fonts-wqy-zenhei" in ws.font_note("zh") and "中文字体" in ws.font_note("zh")
    assert ws.font_note("en") is None or ws.unicode_font() is None
    text = text_of(ws.worksheet_pdf(config("ng_3443"), lang="zh"))
    assert "Backpropagation worksheet" in text and "反向" not in text


def test_without_a_unicode_font_symbols_are_spelt_in_ascii(monkeypatch):
    monkeypatch.setattr(ws, "unicode_font", lambda: None)
    assert "ASCII" in ws.font_note("en")
    r = run_pass(config("testnet_342"))
    pdf = ws.worksheet_pdf(config("testnet_342"), lang="zh", notation="ng", answers=True)
    text = text_of(pdf)
    assert "a^(2)_1" in text and "Theta^(1)" in text and "Backpropagation" in text
    ascii_numbers = {v.replace("−", "-") for v in answers(r) | given(r)}
    assert ascii_numbers <= numbers(pdf)


@pytest.mark.parametrize("kw", [{"paper": "A5"}, {"sample": 1}, {"sample": -1}, {"notation": "nielsen"}])
def test_bad_arguments(kw):
    with pytest.raises(ValueError):
        ws.worksheet_pdf(config("ng_3443"), **kw)


@pytest.mark.parametrize("net, notation", [("ng_3443", "lee"), ("ng_4layer", "ng"), ("testnet_342", "lee")])
def test_csv_holds_every_intermediate_exactly(net, notation):
    r = run_pass(config(net))
    rows = list(csv.DictReader(io.StringIO(ws.intermediates_csv(config(net), notation=notation))))
    widths = r.widths
    m = r.m
    expect = 3 * m * sum(widths[1:]) + sum(a * b for a, b in zip(widths[1:], widths[:-1])) + sum(widths[1:]) + 1
    assert len(rows) == expect
    shift = 1 if notation == "ng" else 0
    seen = set()
    for row in rows:
        q, v = row["quantity"], float(row["value"])
        key = (q, row["layer"], row["sample"], row["i"], row["j"])
        assert key not in seen
        seen.add(key)
        if q == "J":
            want = r.loss
        elif q in ("dW", "db"):
            rec = r.layers[int(row["layer"]) - 1]
            i = int(row["i"]) - 1
            want = rec.dW[i, int(row["j"]) - 1] if q == "dW" else rec.db[i]
        else:
            rec = r.layers[int(row["layer"]) - shift - 1]
            want = getattr(rec, q)[int(row["sample"]) - 1, int(row["i"]) - 1]
        assert abs(v - want) <= 1e-15 * max(1.0, abs(want))
        assert v == want  # repr round-trips every bit


def test_the_page_checks_catch_overlap_and_the_rim():
    from viz.worksheet_pdf import Sheet

    page = Sheet("A4", ws.unicode_font(), None, "footer", wrap_chars=False)
    page.put(20, 20, 40, 6, "−0.123 δ¹₂", 9)
    page.put(22, 21, 40, 6, "0.456", 9)
    page.put(1, 150, 40, 6, "off the rim", 9)
    doc = pdfium.PdfDocument(page.output())
    assert overlapping_texts(doc[0])
    assert text_boxes(doc[0])[:, 0].min() < 5 / 25.4 * 72


def test_a_layer_wider_than_the_page_is_cut_into_chunks():
    wide = {"layers": [30, 13, 4], "activations": ["sigmoid", "softmax"], "loss": "cross_entropy",
            "x": [[k / 30 for k in range(30)]], "y": [[0, 0, 1, 0]]}  # fmt: skip
    r = run_pass(config(wide))
    pdf = ws.worksheet_pdf(config(wide), answers=True)
    text, got = text_of(pdf), numbers(pdf)
    assert "(n = 30)" in text and "(n = 13)" in text and "⋮" in text  # the diagram's long layers
    assert "W¹ (j = 1–" in text  # the given matrix in column chunks
    assert given(r) <= got and answers(r) <= got
    check_pages(pdf, "wide_key")
