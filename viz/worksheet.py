"""Printable worksheets of one forward and one backward pass, their answer keys, and every intermediate as CSV.

worksheet_pdf(config, ...) -> bytes: a PDF with the network drawn, the given numbers (x, y, every W and b,
λ, the activations and the loss), the formulas, and boxes to fill in for every z, a, δ, ∂J/∂W, ∂J/∂b and J;
with answers=True the same sheet filled in by the engine, titled as the answer key. With m > 1 samples it
follows one sample and asks for that sample's contribution δ aᵀ; the key adds the batch's averaged gradients.
intermediates_csv(config) -> str: one row per quantity and index at full precision, for checking by machine.
font_note(lang) says what the machine's fonts change (Chinese asked for but no CJK font: English headings).
"""

from __future__ import annotations

import numpy as np

from engine.config import NetworkConfig
from engine.network import PassResult, run_pass
from texts import t
from texts.worksheet import WORKSHEET_STRINGS
from viz.hover import fmt, number_text, upstream
from viz.notation import NOTATIONS, Notation
from viz.worksheet_csv import intermediates_csv
from viz.worksheet_diagram import diagram
from viz.worksheet_fonts import cjk_font, quiet_subsetter, unicode_font
from viz.worksheet_pdf import GREY, KEY_INK, Sheet
from viz.worksheet_symbols import ACTIVATION_FORMULAS, LOSS_FORMULAS, formula_lines, layer_mark, output_delta, sub, usym

__all__ = ["worksheet_pdf", "intermediates_csv", "font_note", "sheet_language", "cjk_font", "unicode_font"]


def _t(key: str, lang: str, **kw) -> str:
    """A worksheet string (texts/worksheet.py) or, failing that, one of texts.STRINGS."""
    entry = WORKSHEET_STRINGS.get(key)
    if entry is None:
        return t(key, lang, **kw)
    s = entry.get(lang) or entry["en"]
    return s.format(**kw) if kw else s


def sheet_language(lang: str) -> str:
    """The language the PDF is printed in: Chinese needs a Unicode and a CJK font on this machine."""
    return "zh" if lang == "zh" and unicode_font() is not None and cjk_font() is not None else "en"


def font_note(lang: str) -> str | None:
    """What the machine's fonts change on the sheet, in the page's language; None when nothing does."""
    if unicode_font() is None:
        return _t("ws_no_unicode", lang)
    if lang == "zh" and cjk_font() is None:
        return _t("ws_no_cjk", lang)
    return None


def _col(v, digits) -> list[list[str]]:
    return [[s] for s in fmt(v, digits).tolist()]


def _rows(a, digits) -> list[list[str]]:
    return fmt(np.atleast_2d(a), digits).tolist()


def worksheet_pdf(
    config: NetworkConfig,
    lang: str = "en",
    paper: str = "A4",
    notation: str = "lee",
    digits: int = 3,
    answers: bool = False,
    sample: int = 0,
) -> bytes:
    """The worksheet (answers=False) or its answer key (answers=True) of one sample of config, as PDF bytes.

    paper: "A4" or "Letter"; notation: "lee" or "ng"; digits: significant digits of every number; sample:
    0-based index of the sample the sheet follows. Raises ValueError for an unknown paper or notation or a
    sample outside the batch.
    """
    if notation not in NOTATIONS:
        raise ValueError(f"notation must be one of {', '.join(NOTATIONS)}, not {notation!r}")
    with np.errstate(all="ignore"):  # an overflow is written as inf / NaN, the engine says where
        r = run_pass(config)
    if not 0 <= sample < r.m:
        raise ValueError(f"sample must be from 0 to {r.m - 1}, not {sample}")
    lang = sheet_language(lang)
    fonts = unicode_font()
    title = _t("ws_title_key" if answers else "ws_title", lang)
    footer = _t("ws_footer", lang, title=title, p="{p}", n="{n}")
    sheet = Sheet(paper, fonts, cjk_font() if lang == "zh" else None, footer, wrap_chars=lang == "zh", title=title)
    N, d = Notation(notation), max(1, int(digits))
    _header(sheet, r, N, lang, title, d, answers, sample)
    sheet.heading(_t("ws_sec_network", lang), room_after=40)
    words = (_t("ws_layer", lang), _t("ws_input", lang))
    acts = [t(f"act_{a}", lang) for a in config.activations]
    diagram(sheet, r.widths, acts, r.x[sample], r.y[sample], N, d, words)
    _given(sheet, r, N, lang, d, sample)
    _formulas(sheet, r, N, lang)
    with np.errstate(all="ignore"):  # an overflowed pass: its boxes read ∞ or NaN, no RuntimeWarning
        _forward(sheet, r, N, lang, d, answers, sample)
        _backward(sheet, r, N, lang, d, answers, sample)
    with quiet_subsetter():
        return sheet.output()


def _header(sheet: Sheet, r: PassResult, N, lang, title, d, answers, sample):
    sheet.put(sheet.left, sheet.y, sheet.width, 9, title, 16, bold=True)
    sheet.y += 10
    layers = "-".join(str(n) for n in r.widths)
    net = _t(
        "ws_network", lang, layers=layers, loss=t(f"loss_{r.loss_name}", lang), notation=t(f"notation_{N.name}", lang)
    )
    sheet.para(net, 9)
    if r.m > 1:
        sheet.para(_t("ws_sample", lang, m=r.m, s=sample + 1), 9)
    sheet.para(_t("ws_rounding", lang, digits=d), 8, color=GREY)
    if answers:
        sheet.para(_t("ws_key_note", lang), 9, color=KEY_INK)
    else:
        sheet.y += 2
        sheet.para(_t("ws_name", lang), 10)


def _given(sheet: Sheet, r: PassResult, N: Notation, lang, d, s):
    sheet.heading(_t("ws_sec_given", lang), room_after=sheet.matrix_size(_col(r.x[s], d), 7.5)[1] + 6)
    if r.m > 1:
        sheet.para(_t("ws_sample_given", lang, s=s + 1, m=r.m), 8.5)
    groups = [[(f"x = {usym(N, 'a', 0)} =", _col(r.x[s], d)), ("y =", _col(r.y[s], d))]]
    for l, rec in enumerate(r.layers, start=1):
        groups.append([(f"{usym(N, 'W', l)} =", _rows(rec.W, d)), (f"{usym(N, 'b', l)} =", _col(rec.b, d))])
    sheet.flow(groups)
    acts = ", ".join(
        f"g{layer_mark(N, N.layer_number(l))}: {t(f'act_{rec.activation}', lang)}" for l, rec in enumerate(r.layers, 1)
    )
    sheet.para(_t("ws_activations", lang, acts=acts), 9, gap=0.3)
    sheet.para(_t("ws_loss", lang, loss=t(f"loss_{r.loss_name}", lang)), 9, gap=0.3)
    if r.l2:
        sheet.para(_t("ws_lambda", lang, lam=number_text(r.l2, d)), 9, gap=0.3)


def _formulas(sheet: Sheet, r: PassResult, N: Notation, lang):
    sheet.heading(_t("ws_sec_formulas", lang), room_after=45)
    f = formula_lines(N, r.m, r.l2)
    L = len(r.layers)
    rows = [("ws_f_forward", f["forward"])]
    for act in dict.fromkeys(rec.activation for rec in r.layers):
        rows.append(("ws_f_act", f"{t(f'act_{act}', lang)}: {ACTIVATION_FORMULAS[act]}"))
    rows += [
        ("ws_f_loss", LOSS_FORMULAS[r.loss_name]),
        ("ws_f_cost", f["cost"]),
        ("ws_f_output", output_delta(N, L, r.loss_name, r.layers[-1].activation)),
        ("ws_f_backward", f["backward"]),
        ("ws_f_grads", f["grads"]),
    ]
    label_w = max(sheet.measure(_t(k, lang), 9, bold=True) for k, _ in rows) + 4
    for key, text in rows:
        sheet.need(5.5)
        sheet.put(sheet.left, sheet.y, label_w, 5.5, _t(key, lang), 9, bold=True)
        sheet.put(sheet.left + label_w, sheet.y, sheet.width - label_w, 5.5, text, 10)
        sheet.y += 5.5
    sheet.y += 1
    sheet.para(_t("ws_f_hadamard", lang), 8, color=GREY)


def _label_w(sheet: Sheet, labels) -> float:
    return max(14.0, max(sheet.measure(s, 8.5) for s in labels) + 3)


def _layer_head(sheet: Sheet, N, lang, l, act, formula, n_rows: int):
    sheet.keep(6 + 4.5 + 7 * n_rows)  # the head stays with its table
    head = _t("ws_layer_head", lang, l=N.layer_number(l), act=t(f"act_{act}", lang))
    w = sheet.measure(head, 9.5, bold=True) + 4
    sheet.put(sheet.left, sheet.y, w, 5.5, head, 9.5, bold=True)
    sheet.put(sheet.left + w, sheet.y, sheet.width - w, 5.5, formula, 9.5)
    sheet.y += 6


def _forward(sheet: Sheet, r: PassResult, N: Notation, lang, d, key, s):
    sheet.heading(_t("ws_sec_forward", lang), room_after=28)
    for l, rec in enumerate(r.layers, start=1):
        z, a, W, b = (usym(N, k, l) for k in ("z", "a", "W", "b"))
        ap = usym(N, "a", l - 1)
        _layer_head(sheet, N, lang, l, rec.activation, f"{z} = {W} {ap} + {b},   {a} = g({z})", 2)
        cols = [f"i = {i + 1}" for i in range(rec.z.shape[1])]
        rows = [f"{z}ᵢ", f"{a}ᵢ"]
        sheet.grid(rows, cols, _rows(np.stack([rec.z[s], rec.a[s]]), d), _label_w(sheet, rows), key)
    sheet.heading(_t("ws_sec_cost", lang), room_after=12)
    one = r.m == 1
    label = "J" if one else f"ℓ{sub(f'({s + 1})')}"
    sheet.para(_t("ws_cost_one" if one else "ws_cost_sample", lang), 9, gap=1.0)
    value = r.loss if one else float(r.sample_losses[s])
    sheet.grid([f"{label} ="], [""], [[number_text(value, d)]], 14.0, key)
    if key and not one:
        sheet.para(_t("ws_cost_batch", lang, J=number_text(r.loss, d)), 9, color=KEY_INK)


def _backward(sheet: Sheet, r: PassResult, N: Notation, lang, d, key, s):
    sheet.heading(_t("ws_sec_backward", lang), room_after=28)
    L = len(r.layers)
    for l in range(L, 0, -1):
        rec = r.layers[l - 1]
        dl, z = usym(N, "delta", l), usym(N, "z", l)
        if l < L:
            up = f"({usym(N, 'W', l + 1)})ᵀ {usym(N, 'delta', l + 1)}"
            rows, vals = [f"({up})ᵢ", f"g′({z}ᵢ)", f"{dl}ᵢ"], [upstream(r, l, s), rec.gprime[s], rec.delta[s]]
            formula = f"{dl} = {up} ⊙ g′({z})"
        elif r.loss_name == "mse" and rec.activation != "softmax":
            a = usym(N, "a", l)
            rows, vals = [f"{a}ᵢ − yᵢ", f"g′({z}ᵢ)", f"{dl}ᵢ"], [rec.a[s] - r.y[s], rec.gprime[s], rec.delta[s]]
            formula = f"{dl} = ({a} − y) ⊙ g′({z})"
        else:
            rows, vals = [f"{dl}ᵢ"], [rec.delta[s]]
            formula = output_delta(N, L, r.loss_name, rec.activation).split(",")[0]
            formula = formula.replace(f"{layer_mark(N, 'L')}", layer_mark(N, N.layer_number(L)))
        _layer_head(sheet, N, lang, l, rec.activation, formula, len(rows))
        cols = [f"i = {i + 1}" for i in range(rec.z.shape[1])]
        label_w = _label_w(sheet, rows)  # the gradients' grid below lines up with this one
        sheet.grid(rows, cols, _rows(np.stack(vals), d), label_w, key)
        _gradients(sheet, r, N, lang, d, key, s, l, label_w)


def _gradients(sheet: Sheet, r: PassResult, N: Notation, lang, d, key, s, l, label_w: float):
    rec = r.layers[l - 1]
    W, b, dl = usym(N, "W", l), usym(N, "b", l), usym(N, "delta", l)
    w_ij, a_j = f"{usym(N, 'W', l)}ᵢⱼ".replace(W[0], "θ" if N.ng else "w", 1), f"{usym(N, 'a', l - 1)}ⱼ"
    a_prev = r.a(l - 1)[s]
    n_out, n_in = rec.W.shape
    rows = [f"i = {i + 1}" for i in range(n_out)]
    cols = [f"j = {j + 1}" for j in range(n_in)]
    if r.m == 1:
        reg = f" + λ {w_ij}" if r.l2 else ""
        head = _t("ws_grad_head", lang, W=W, b=b)
        formula = f"∂J/∂{w_ij} = {dl}ᵢ {a_j}{reg},   ∂J/∂{b}ᵢ = {dl}ᵢ"
        cells = np.column_stack([rec.dW, rec.db])
        cols.append(f"∂J/∂{b}ᵢ")
    else:
        head = _t("ws_contrib_head", lang, W=W)
        formula = f"({dl} ({usym(N, 'a', l - 1)})ᵀ)ᵢⱼ = {dl}ᵢ {a_j}"
        cells = np.outer(rec.delta[s], a_prev)
    sheet.keep(6 + 4.5 + 7 * n_out)
    sheet.para(head + ":  " + formula, 9, gap=0.5)
    sheet.grid(rows, cols, _rows(cells, d), label_w, key, gap_before=n_in if r.m == 1 else None)
    if key and r.m > 1:
        sheet.para(_t("ws_batch_grad", lang), 9, color=KEY_INK, gap=0.5)
        sheet.flow([[(f"∂J/∂{W} =", _rows(rec.dW, d)), (f"∂J/∂{b} =", _col(rec.db, d))]], color=KEY_INK)
    sheet.y += 2
