"""The worksheet's network diagram, drawn with the PDF's own lines and circles: layers left to right, one
circle per neuron with its name in the notation (a¹₁ or a⁽²⁾₁), one line per weight, each input's x value
on its left and each target y on the right. A layer wider than SHOWN neurons shows its first ones, a gap
(⋮) and its last, and says how many it has.
"""

from __future__ import annotations

from viz.hover import fmt
from viz.notation import Notation
from viz.worksheet_pdf import GREY, INK, Sheet
from viz.worksheet_symbols import sub, usym

SHOWN = 12  # neurons drawn per layer at most
LINE = (185, 185, 185)


def _shown(n: int) -> list[int | None]:
    """Neuron indices drawn for a layer of n, None where the gap goes."""
    return list(range(n)) if n <= SHOWN else list(range(SHOWN - 2)) + [None, n - 1]


def diagram(sheet: Sheet, widths, activations, x, y, notation: Notation, digits: int, words) -> None:
    """Draw the network under the cursor. words: (layer caption with {l}, input caption) in the sheet's language."""
    rows = max(len(_shown(n)) for n in widths)
    top, foot = 6.0, 9.0  # room for the W labels above, the layer captions below
    pitch = min(11.0, max(6.0, 80.0 / rows))
    height = top + foot + rows * pitch
    sheet.need(height + 2)
    y0 = sheet.y + top
    label = 7.5 if pitch >= 9 else 6.0
    left_txt = [f"x{sub(j + 1)} = {v}" for j, v in enumerate(fmt(x, digits))]
    right_txt = [f"y{sub(k + 1)} = {v}" for k, v in enumerate(fmt(y, digits))]
    left_w = max(sheet.measure(s, label) for s in left_txt) + 2
    right_w = max(sheet.measure(s, label) for s in right_txt) + 2
    r = min(4.2, 0.42 * pitch)
    x_first = sheet.left + left_w + r
    x_last = sheet.left + sheet.width - right_w - r
    step = (x_last - x_first) / max(1, len(widths) - 1)
    r = min(r, 0.3 * step)
    cols = [x_first + k * step for k in range(len(widths))]

    def ys(n):
        shown = _shown(n)
        mid = y0 + rows * pitch / 2
        return [(k, mid + (p - (len(shown) - 1) / 2) * pitch) for p, k in enumerate(shown)]

    places = [ys(n) for n in widths]
    sheet.pdf.set_line_width(0.15)
    sheet.pdf.set_draw_color(*LINE)
    for l in range(1, len(widths)):
        for k_out, y_out in places[l]:
            for k_in, y_in in places[l - 1]:
                if k_out is not None and k_in is not None:
                    sheet.pdf.line(cols[l - 1] + r, y_in, cols[l] - r, y_out)
    sheet.pdf.set_line_width(0.3)
    sheet.pdf.set_draw_color(*INK)
    sheet.pdf.set_fill_color(255, 255, 255)
    for l, place in enumerate(places):
        for k, cy in place:
            if k is None:
                sheet.put(cols[l] - r, cy - r, 2 * r, 2 * r, "⋮", 9, align="C")
                continue
            sheet.pdf.circle(cols[l], cy, r, style="FD")
            name = usym(notation, "a", l, k)
            sheet.put(cols[l] - r * 0.92, cy - r, r * 1.84, 2 * r, name, label, align="C")
            if l == 0:
                sheet.put(sheet.left, cy - 2.5, left_w - 1, 5, left_txt[k], label, align="R")
            if l == len(widths) - 1:
                sheet.put(cols[l] + r + 1, cy - 2.5, right_w - 1, 5, right_txt[k], label)
    caption, input_word = words
    for l, n in enumerate(widths):
        act = input_word if l == 0 else activations[l - 1]
        head = caption.format(l=notation.layer_number(l)) + (f" (n = {n})" if n > SHOWN else "")
        cy = y0 + rows * pitch + 1.0
        room = min(step, 40.0) - 1
        sheet.put(cols[l] - room / 2, cy, room, 3.6, head, 7, align="C")
        sheet.put(cols[l] - room / 2, cy + 3.4, room, 3.6, act, 6.5, align="C", color=GREY)
        if l:
            mid = (cols[l - 1] + cols[l]) / 2
            sheet.put(mid - 10, y0 - top, 20, 5, usym(notation, "W", l), 8.5, bold=True, align="C")
    sheet.y = y0 + rows * pitch + foot + 1
