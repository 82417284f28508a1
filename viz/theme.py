"""Colours, sizes and fonts: colour-blind-safe scales that read on a projector."""

from __future__ import annotations

# Diverging scale for signed quantities (dJ/dW, delta, W): blue negative, neutral grey at 0, red positive.
# Blue/red differ in lightness as well as hue, so the scale survives deuteranopia and greyscale.
DIVERGING = [[0.0, "#2166ac"], [0.25, "#6a9fcf"], [0.5, "#b4b4b4"], [0.75, "#e0795c"], [1.0, "#b2182b"]]
# Sequential scale for a and g'(z): viridis is perceptually uniform and readable with colour-vision deficiency.
# Written out (plotly's 10 viridis stops) rather than named, so the live chart can draw its colour bar.
_VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e",
            "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"]  # fmt: skip
SEQUENTIAL = [[k / (len(_VIRIDIS) - 1), c] for k, c in enumerate(_VIRIDIS)]

NEUTRAL = "#b4b4b4"
INACTIVE_OPACITY = 0.18
EDGE_COLOR_BUCKETS = 7  # odd, so 0 has its own neutral bucket
EDGE_WIDTHS = (1.5, 4.5)  # |w| below and above half the largest |w| (each width is 7 more traces: ~6 ms a redraw)
# Source Sans: the font the Streamlit page loads, so every browser measures the figure's text alike (viz.sizes)
FONT = dict(family="'Source Sans', 'Source Sans Pro', 'Noto Sans SC', 'Source Han Sans SC', sans-serif", size=15,
            color="#1f2430")  # fmt: skip
NODE_SIZE_UNLABELLED = 14  # too many neurons to print their values (viz.sizes sizes the labelled ones)
HIGHLIGHT = "rgba(255, 200, 0, 0.16)"
# Shared by both colour bars (drawn by plotly where st.plotly_chart shows the figure; the live chart
# draws them as HTML). Tick labels may overflow: plotly otherwise measures every label to hide some.
COLORBAR = {"len": 0.8, "thickness": 14, "ticklabeloverflow": "allow"}
LABEL_MAX_NEURONS = 48  # print values on nodes only up to this many neurons
EDGE_LABEL_MAX_EDGES = 60  # numbers printed on the edges only up to this many (more would not be read)
HOVER_MAX_EDGES = 1000  # DESIGN.md: the edges hover trace is always there up to 1,000 edges
DRAW_MAX_EDGES = 2500  # beyond this only the strongest edges of each layer are drawn (the page says so)


def colour_at(scale, t: float) -> str:
    """The colour of a [[pos, colour], ...] scale at t in [0, 1] (piecewise linear in RGB)."""
    t = min(1.0, max(0.0, t))
    for (p0, c0), (p1, c1) in zip(scale[:-1], scale[1:]):
        if t <= p1:
            u = 0.0 if p1 == p0 else (t - p0) / (p1 - p0)
            a, b = _rgb(c0), _rgb(c1)
            r, g, bl = (round(x + u * (y - x)) for x, y in zip(a, b))
            return f"#{r:02x}{g:02x}{bl:02x}"
    return scale[-1][1]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
