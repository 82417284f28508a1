"""The worksheet's page: an fpdf2 document with a cursor, page breaks, text that fits its room, matrices and
grids of boxes. Everything is placed at measured coordinates (mm) and every block asks for its height first,
so nothing runs off a page: what does not fit goes to the next one, a grid too wide is cut into column chunks.
"""

from __future__ import annotations

import math

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode

from viz.worksheet_fonts import ascii_text

PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}  # mm
MARGIN = 12.0
FOOT = 10.0  # room under the content for the page number
PT = 25.4 / 72  # mm per point
INK = (0, 0, 0)
KEY_INK = (20, 60, 150)  # the key's numbers, dark blue: still black enough on a mono printer
GREY = (150, 150, 150)
CELL_MIN, CELL_MAX = 15.0, 24.0  # width of a box to write in by hand (mm)


class _Doc(FPDF):
    footer_text = ""
    sheet_family = "helvetica"

    def footer(self):
        self.set_y(-MARGIN - 2)
        self.set_font(self.sheet_family, "", 7)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.footer_text.format(p=self.page_no(), n="{nb}"), align="C")


class Sheet:
    """One worksheet document; y is the cursor, in mm from the page's top."""

    def __init__(self, paper, fonts: tuple[str, str] | None, cjk: str | None, footer: str, wrap_chars: bool, title=""):
        if paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
        self.page_w, self.page_h = PAPERS[paper]
        self.pdf = _Doc(unit="mm", format=(self.page_w, self.page_h))
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(False)
        self.ascii = fonts is None
        self.stroke_bold = cjk is not None
        if fonts is None:
            self.family = "helvetica"
        else:
            self.family = "sheet"
            self.pdf.add_font(self.family, "", fonts[0])
            self.pdf.add_font(self.family, "B", fonts[1])
            if cjk is not None:
                self.pdf.add_font("cjk", "", cjk, collection_font_number=0)
                self.pdf.add_font("cjk", "B", cjk, collection_font_number=0)
                self.pdf.set_fallback_fonts(["cjk"], exact_match=False)
        self.pdf.set_font(self.family, "", 9)
        self.pdf.sheet_family = self.family
        self.pdf.footer_text = self.text(footer)
        self.pdf.set_title(self.text(title))
        self.wrap = WrapMode.CHAR if wrap_chars else WrapMode.WORD
        self.left, self.width = MARGIN, self.page_w - 2 * MARGIN
        self.bottom = self.page_h - MARGIN - FOOT
        self.y = MARGIN
        self.pdf.add_page()

    def text(self, s: str) -> str:
        return ascii_text(s) if self.ascii else s

    # text ----------------------------------------------------------------------------------------------
    def font(self, size: float, bold: bool = False, color=INK):
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def measure(self, s: str, size: float, bold: bool = False) -> float:
        self.font(size, bold and not self.stroke_bold)
        return self.pdf.get_string_width(self.text(s))

    def fit(self, s: str, room: float, size: float, bold: bool = False, smallest: float = 4.0) -> float:
        """The largest size up to `size` at which s is at most `room` mm wide (never below smallest)."""
        w = self.measure(s, size, bold)
        return size if w <= room or w == 0 else max(smallest, math.floor(size * room / w * 10) / 10)

    def put(self, x, y, w, h, s, size, bold=False, align="L", color=INK):
        """s in the box (x, y, w, h), vertically centred; shrunk to fit w."""
        size = self.fit(s, w, size, bold)
        self.font(size, bold and not self.stroke_bold, color)
        self.pdf.set_xy(x, y)
        if bold and self.stroke_bold:  # the CJK font has no bold face: stroke the outlines, Latin and Chinese alike
            with self.pdf.local_context(text_mode="FILL_STROKE", line_width=size * 0.012, draw_color=color):
                self.pdf.cell(w, h, self.text(s), align=align)
        else:
            self.pdf.cell(w, h, self.text(s), align=align)

    def lines(self, s: str, size: float, width: float | None = None) -> list[str]:
        self.font(size)
        kw = {"dry_run": True, "output": MethodReturnValue.LINES, "wrapmode": self.wrap}
        return self.pdf.multi_cell(width or self.width, size * PT * 1.3, self.text(s), **kw)

    def para(self, s: str, size: float = 9, bold=False, color=INK, gap: float = 1.0, indent: float = 0.0):
        h = size * PT * 1.35
        rows = self.lines(s, size, self.width - indent)
        for row in rows:
            self.need(h)
            self.put(self.left + indent, self.y, self.width - indent, h, row, size, bold, color=color)
            self.y += h
        self.y += gap

    def heading(self, s: str, room_after: float = 20.0):
        """A section title, kept on one page with at least room_after mm of what follows."""
        self.y += 2.5
        self.keep(7 + room_after)
        self.put(self.left, self.y, self.width, 7, s, 12, bold=True)
        self.y += 8

    def need(self, h: float):
        """A new page unless h mm still fit under the cursor."""
        if self.y + h > self.bottom:
            self.pdf.add_page()
            self.y = MARGIN

    def keep(self, h: float):
        """need(h), for as much of h as one page holds: a head kept with the block under it."""
        self.need(min(h, self.bottom - MARGIN - 1))

    # matrices ------------------------------------------------------------------------------------------
    def matrix_size(self, cells: list[list[str]], size: float) -> tuple[float, float, list[float]]:
        """(width, height, column widths) of a bracketed matrix of strings."""
        cols = [max(self.measure(r[j], size) for r in cells) for j in range(len(cells[0]))]
        gap = size * PT * 1.4
        return sum(cols) + gap * (len(cols) + 1), len(cells) * size * PT * 1.35 + 1.0, cols

    def matrix(self, x: float, y: float, cells: list[list[str]], size: float, color=INK) -> float:
        """Draw the matrix with its top-left at (x, y); returns its width."""
        w, h, cols = self.matrix_size(cells, size)
        gap, rh = size * PT * 1.4, size * PT * 1.35
        self.pdf.set_draw_color(*INK)
        self.pdf.set_line_width(0.2)
        for bx, tick in ((x, 1.0), (x + w, -1.0)):  # the brackets
            self.pdf.line(bx, y, bx, y + h)
            self.pdf.line(bx, y, bx + tick, y)
            self.pdf.line(bx, y + h, bx + tick, y + h)
        for i, row in enumerate(cells):
            cx = x + gap
            for j, s in enumerate(row):
                self.put(cx, y + 0.5 + i * rh, cols[j], rh, s, size, align="R", color=color)
                cx += cols[j] + gap
        return w

    def flow(self, groups: list[list[tuple[str, list[list[str]]]]], size: float = 7.5, color=INK):
        """Labelled matrices ("W¹ =", cells) left to right, each group (Wˡ with bˡ) on one row, wrapping to the
        next row and page. A matrix too wide for the page at 5.5 pt is cut into column chunks, one too tall
        into row chunks; each chunk is then a group of its own."""
        x, row_h = self.left, 0.0
        for group in self._groups(groups, size):
            sizes = [(self.measure(label, 8.5) + 1.5, *self.matrix_size(cells, s)[:2]) for label, cells, s in group]
            width = sum(lw + w for lw, w, _ in sizes) + 6 * (len(group) - 1)
            height = max(h for _, _, h in sizes)
            if x > self.left and x + width > self.left + self.width:
                self.y, x, row_h = self.y + row_h + 2.5, self.left, 0.0
            if self.y + height > self.bottom:
                self.need(height)
                x, row_h = self.left, 0.0
            for (label, cells, s), (lw, _, h) in zip(group, sizes):
                self.put(x, self.y + h / 2 - 2.5, lw, 5, label, 8.5)
                x += lw + self.matrix(x + lw, self.y, cells, s, color) + 6
            row_h = max(row_h, height)
        self.y += row_h + 2.5

    def _groups(self, groups, size):
        for group in groups:
            pieces = [list(self._chunks(label, cells, size)) for label, cells in group]
            if all(len(p) == 1 for p in pieces):
                yield [p[0] for p in pieces]
            else:
                yield from ([piece] for p in pieces for piece in p)

    def _chunks(self, label: str, cells: list[list[str]], size: float):
        """(label, cells, size) pieces of one matrix that each fit the page."""
        room = self.width - self.measure(label + " (j = 10–20)", 8.5) - 3
        while size > 5.5 and self.matrix_size(cells, size)[0] > room:
            size -= 0.5
        n_rows, n_cols = len(cells), len(cells[0])
        per_col = n_cols
        while per_col > 1 and self.matrix_size([r[:per_col] for r in cells], size)[0] > room:
            per_col -= 1
        per_row = max(1, int((self.bottom - MARGIN - 2) // (size * PT * 1.35)) - 1)
        for c0 in range(0, n_cols, per_col):
            for r0 in range(0, n_rows, per_row):
                part = [r[c0 : c0 + per_col] for r in cells[r0 : r0 + per_row]]
                where = []
                if per_col < n_cols:
                    where.append(f"j = {c0 + 1}–{c0 + len(part[0])}")
                if per_row < n_rows:
                    where.append(f"i = {r0 + 1}–{r0 + len(part)}")
                name = label[:-2] if label.endswith(" =") else label
                yield (f"{name} ({', '.join(where)}) =" if where else label), part, size

    # grids of boxes ------------------------------------------------------------------------------------
    def grid(self, rows: list[str], cols: list[str], cells, label_w: float, key: bool, gap_before=None, ch=7.0):
        """Boxes to fill in: one row per rows label, one column per cols header; cells[i][j] is the key's
        text (written only when key). Cut into column chunks that fit the width and row chunks that fit the
        page. gap_before: a column index that starts after a small gap (∂J/∂b beside ∂J/∂W)."""
        room = self.width - label_w - (2.0 if gap_before is not None else 0.0)
        per = max(1, int(room // CELL_MIN))
        cw = min(CELL_MAX, room / min(per, len(cols)))
        for c0 in range(0, len(cols), per):
            chunk = range(c0, min(c0 + per, len(cols)))
            r0 = 0
            whole = 4.5 + len(rows) * ch
            self.keep(whole)  # split only what no page holds
            while r0 < len(rows):
                self.need(4.5 + 2 * ch)
                fit_rows = max(1, int((self.bottom - self.y - 4.5) // ch))
                rs = range(r0, min(r0 + fit_rows, len(rows)))
                self._grid_block(rs, chunk, rows, cols, cells, label_w, cw, ch, key, gap_before)
                r0 = rs.stop
            self.y += 1.5

    def _grid_block(self, rs, chunk, rows, cols, cells, label_w, cw, ch, key, gap_before):
        xs = {}
        x = self.left + label_w
        for j in chunk:
            x += 2.0 if j == gap_before and j != chunk.start else 0.0
            xs[j] = x
            if any(cols):
                self.put(x, self.y, cw, 4.5, cols[j], 7, align="C", color=GREY)
            x += cw
        self.y += 4.5 if any(cols) else 0.0
        self.pdf.set_draw_color(*INK)
        self.pdf.set_line_width(0.25)
        for i in rs:
            self.put(self.left, self.y, label_w - 1.5, ch, rows[i], 8.5, align="R")
            for j in chunk:
                self.pdf.rect(xs[j], self.y, cw, ch)
                if key and cells[i][j]:
                    self.put(xs[j] + 1.0, self.y, cw - 2.0, ch, cells[i][j], 8, align="C", color=KEY_INK)
            self.y += ch

    def output(self) -> bytes:
        return bytes(self.pdf.output())
