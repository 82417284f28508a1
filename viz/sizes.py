"""How big the network figure is drawn, in pixels: its height, margins, fonts, and nodes that fit their labels.

The figure is drawn at a height the server chooses (the browser follows the width); its text is set in
Source Sans (viz.theme.FONT), the font the Streamlit page itself loads, so the server can measure a label before it is
drawn: widths in ems as Chromium's SVG getBBox reports them, a text box 1.33 em tall (ascent and descent),
and plotly's "middle center" text may sit up to 0.15 em off the marker's centre. A label fits its node
when that box, so placed, lies inside the circle; the node grows to the label where the rows and columns
leave room, and a label that still does not fit is set a little smaller (tests/browser/test_e2e_geometry.py
checks the boxes in the browser).

Three modes: the explorer's chart (`normal`), presentation mode (`large`: a projector read from the back
row, 1920x1080 and 1280x800 both), and the narrow step-by-step column (`compact`, no colour bars).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Source Sans widths in ems (regular); bold is about 6 % wider. Unlisted: 0.6 (Latin), 1.0 (CJK).
_EM = {
    **dict.fromkeys("0123456789+=−", 0.497), ".": 0.242, ",": 0.256, "-": 0.284, " ": 0.2, "(": 0.303, ")": 0.303,
    "·": 0.209, "∞": 0.782, "δ": 0.531, "∂": 0.528, "θ": 0.522, "Θ": 0.664, "ˡ": 0.174, "⁽": 0.237, "⁾": 0.237,
    **dict.fromkeys("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉", 0.367), **dict.fromkeys("fijlrt", 0.3), **dict.fromkeys("mw", 0.8),
    **dict.fromkeys("abcdeghknopqsuvxyz", 0.54), **dict.fromkeys("IJ", 0.48), **dict.fromkeys("MW", 0.79),
}  # fmt: skip
BOLD = 1.06
WIDTH_SAFETY = 1.05  # other renderers round differently
BOX_HEIGHT = 1.33  # an SVG text box's height, in ems
BOX_SHIFT = 0.15  # how far a "middle center" text box sits off its marker's centre, at most, in ems
STROKE = 2.0  # the node's outline (1.5 px, the inputs' 2 px), drawn half inside the circle, and a hair
LINE = 1.33  # a line of text (an annotation's line, the title), in ems
SUP_RISE = 0.3  # a line with a superscript stands this much taller, in ems
TITLE_GAP_PX = 8  # between the title's row and the layer titles, and below those (annotations' yshift: 4)
SUP = 0.7  # plotly draws <sup> at 70 %


def text_em(text: str, bold: bool = False) -> float:
    """The width of text in ems of Source Sans (an estimate a few per cent on the safe side)."""
    w = sum(_EM.get(c, 1.0 if ord(c) >= 0x2E80 else 0.6) for c in text)
    return w * WIDTH_SAFETY * (BOLD if bold else 1.0)


def fit_font(label: str, diameter: float) -> float:
    """The largest font size (px) at which label's text box lies inside a node of this diameter."""
    r = diameter / 2 - STROKE
    half_w, half_h = text_em(label) / 2, BOX_HEIGHT / 2 + BOX_SHIFT
    return max(0.0, r / math.hypot(half_w, half_h))


def diameter_for(label: str, font: float) -> float:
    """The node diameter (px) that holds label at this font size."""
    return 2 * (font * math.hypot(text_em(label) / 2, BOX_HEIGHT / 2 + BOX_SHIFT) + STROKE)


@dataclass(frozen=True)
class Mode:
    """One mode's type sizes (px), node bounds and the room it is drawn in."""

    font: int  # layout.font: hover, colour bars (the live chart: 0.85 of it), Play and the equations
    title: int  # the stage's title
    layer: int  # layer names, bold
    act: int  # activation names under them
    label: int  # values printed in the nodes
    node_min: float  # node diameter bounds
    node_max: float
    height: int  # figure height for up to GROW_FROM rows
    grow: int  # extra height per row beyond GROW_FROM, while values are printed
    height_max: int
    width: int  # the narrowest the chart's column is expected to be (the browser's width is not known here)
    bars: bool  # colour bars beside the plot (the live chart makes each margin 6.8 fonts wide)


MODES = {
    # the explorer at 1280x800 with the sidebar open: chart, Play and slider on one screen (the chart starts
    # ~295 px down; the live chart gives 46 px of the height to the controls below the plot)
    "normal": Mode(font=14, title=17, layer=14, act=12, label=13, node_min=40, node_max=72, height=490, grow=30,
                   height_max=640, width=800, bars=True),
    # presentation: labels >= 22 px, layer titles >= 26 px (and 18 px type beside the plot, which makes the
    # equations 26 px with PRESENTATION_CSS's 1.45 em KaTeX); the live chart makes the figure as tall as the
    # window less 150 px (layout.meta.fill), never less than this: 650 px at 1280x800, 930 px at 1920x1080;
    # the sidebar is collapsed (?present=1): 1100 px of width at 1280x800
    "large": Mode(font=18, title=26, layer=26, act=21, label=22, node_min=62, node_max=118, height=696, grow=0,
                  height_max=696, width=1100, bars=True),
    # the step-by-step view's column beside the equations (half of the explorer's width at 1280x800)
    "compact": Mode(font=14, title=15, layer=14, act=12, label=13, node_min=34, node_max=64, height=470, grow=26,
                    height_max=600, width=390, bars=False),
}  # fmt: skip
GROW_FROM = 5
X_PAD = 0.45  # the x range reaches this far (in layers) beyond the input and output layers
ROW_GAP = 8  # px between the plot's edge and the nearest node's slot
TITLE_PAD = 12  # px above the title (a superscript in it rises above its line)
NODE_ROW = 0.86  # a node fills at most this share of its row
NODE_COL = 0.5  # ... and of the distance between two layers
TITLE_GAP = 0.9  # layer titles fill at most this share of the distance between two layers


@dataclass(frozen=True)
class Sizes:
    """Everything about the figure's size that does not depend on the values shown."""

    mode: Mode
    height: int
    margin: dict
    plot_h: float  # the plot area's height
    row_px: float  # px between two neurons of a layer
    col_px: float  # px between two layers (at the narrowest expected width)
    y_range: tuple[float, float]
    x_range: tuple[float, float]
    layer_font: float  # the layer titles (names), fitted between the columns
    act_font: float
    title_lines: int  # 2: "hidden 1 a¹" over "sigmoid"; 3: the symbol on a line of its own
    node_max: float  # the largest node the rows and columns leave room for

    @property
    def J_shift(self) -> float:
        """J's place: in the title's row (px above the plot), at the plot's right edge."""
        return self.margin["t"] - TITLE_PAD - self.mode.title * LINE / 2


def mode_of(large: bool, compact: bool) -> Mode:
    return MODES["large" if large else ("compact" if compact else "normal")]


def figure_sizes(layers, large: bool, compact: bool, labelled: bool, titles: list[tuple[str, str, str]]) -> Sizes:
    """The figure's height, margins, ranges and type sizes for these layer widths.

    titles: per layer (name, symbol, activation) as shown above it; names are bold.
    """
    m = mode_of(large, compact)
    rows, L = max(layers), len(layers) - 1
    height = m.height + (min(m.height_max - m.height, m.grow * max(0, rows - GROW_FROM)) if labelled else 0)
    bar = 6.8 * m.font if m.bars else 10
    plot_w = m.width - 2 * max(bar, 10)
    col_px = plot_w / (L + 2 * X_PAD)
    # layer titles: the widest name (and its symbol) on a line, or the symbol under the name, as room allows
    two = max(text_em(n, True) + text_em(" " + s[:1]) + SUP * text_em(s[1:]) for n, s, _ in titles)
    three = max(max(text_em(n, True), text_em(s)) for n, s, _ in titles)
    acts = max(text_em(a) for _, _, a in titles)
    room = TITLE_GAP * col_px
    lines, need = (2, two) if two * m.layer <= room else (3, three)
    layer_font = min(m.layer, room / max(need, 1e-9))
    act_font = min(m.act, room / max(acts, 1e-9), layer_font)
    block = LINE * (layer_font * (lines - 1) + act_font) + SUP_RISE * layer_font
    top = round(TITLE_PAD + LINE * m.title + TITLE_GAP_PX + block + TITLE_GAP_PX)
    margin = {"t": top, "b": 24, "l": 10, "r": 10} if compact else {"t": top, "b": 70, "l": 90, "r": 30}
    plot_h = height - top - margin["b"]
    row_px = (plot_h - 2 * ROW_GAP) / rows
    g = ROW_GAP / row_px
    y_half = (rows - 1) / 2 + 0.5 + g
    node_max = min(m.node_max, NODE_ROW * row_px, NODE_COL * col_px)
    return Sizes(m, int(height), margin, plot_h, row_px, col_px, (-y_half, y_half), (-X_PAD, L + X_PAD),
                 layer_font, act_font, lines, node_max)  # fmt: skip


def node_labels(sizes: Sizes, labels: list[str]) -> tuple[float, list[float]]:
    """The node diameter for these labels (every label any frame shows) and each one's font size.

    The node grows to hold the longest label at the mode's label size, within node_max; a label that
    still does not fit is set smaller, just small enough to fit.
    """
    m = sizes.mode
    want = max((diameter_for(s, m.label) for s in labels if s.strip()), default=m.node_min)
    d = max(min(want, sizes.node_max), min(m.node_min, sizes.node_max))
    return d, [label_font(s, d, m.label) for s in labels]


def label_font(label: str, diameter: float, size: float) -> float:
    """label's font size in a node of this diameter: the mode's size, or less where it would not fit."""
    return math.floor(min(size, fit_font(label, diameter)) * 4) / 4 if label.strip() else size
