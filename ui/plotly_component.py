"""A chart that keeps one Plotly plot and updates it in place (Plotly.react), and a bridge to update it
from a fragment.

st.plotly_chart mounts a new chart whenever the figure changes (its element id includes the spec) and
plotly.js then draws it twice; this component keeps the same <div>, so a change costs one
Plotly.react. plotly.js itself comes from the installed plotly package, copied once into ./static
(served by server.enableStaticServing) so the browser caches it. The plot lives in the page's own DOM
(no iframe), so gd.data carries the DESIGN.md figure contract exactly as st.plotly_chart's would.

The bridge (`push_figure`) is how the sidebar's builder fragment updates the explorer's chart without
rerunning the whole app: it hands the new figure to the plot whose key it names.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import cache, lru_cache
from pathlib import Path

import plotly
import streamlit as st

from viz.figure import PlainFigure, figure_json

STATIC = Path(__file__).resolve().parent.parent / "static"
PLOTLY_JS = "plotly.min.js"
BRIDGE_KEY = "bpx_bridge"  # its elements are hidden by ui.sidebar.PAGE_CSS

# Shared by both components. Plotly redraws its own colour bars, animation slider and buttons on every
# Plotly.react (a third of the redraw on the default net, more with the slider's steps), so the live
# chart shows them as a little HTML around the plot instead: the same frames, labels and colours, read
# from the figure. The animation frames are attached once the browser is idle (Play needs them, the
# picture does not). chart_core.js (and its CSS, as CHART_CORE_CSS) is what the offline lesson
# (viz/offline.py) shares with it; live_chart.js is the app's own.
_HERE = Path(__file__).resolve().parent
DRAW_JS = (
    f"const CHART_CORE_CSS = {json.dumps((_HERE / 'chart_core.css').read_text(encoding='utf-8'))};\n"
    + (_HERE / "chart_core.js").read_text(encoding="utf-8")
    + (_HERE / "live_chart.js").read_text(encoding="utf-8")
)

CHART_ENTRY = r"""
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const p = payload(data);
  if (p.katex) window.__bpxKatexUrl = p.katex;
  const gd = parentElement.querySelector('.bpx-plot');
  gd.dataset.key = p.key;
  if (p.rev != null && gd.__bpxRev === p.rev && gd._fullLayout) {  // the same picture: nothing to redraw, but its
    // frames attach if the draw that showed it had none (a preview's, or a push whose frames never came)
    if (!gd.__bpxSrcFrames && p.fig.frames) gd.__bpxDrawing.then(() => attachFrames(gd, p.fig.frames, gd.__bpxDrawn));
    return;
  }
  gd.__bpxRev = p.rev;
  draw(gd, p.fig).then(() => {
    if (!gd.__bpxClick) {
      gd.__bpxClick = true;
      gd.on('plotly_click', e => {
        const pt = e.points && e.points[0];
        if (pt) {
          setTriggerValue('click', {curve: pt.curveNumber, index: pt.pointIndex, customdata: pt.customdata ?? null});
        }
      });
    }
  });
}
"""

BRIDGE_ENTRY = r"""
export default function (component) {
  loadPlotly();  // the sidebar is drawn before the page: start fetching plotly.js for the chart now
  const p = payload(component.data);
  if (!p) return;
  const gd = document.querySelector('.bpx-plot[data-key="' + p.target + '"]');
  if (!gd) return;
  if (p.fig && p.rev != null && gd.__bpxRev === p.rev && gd._fullLayout) {
    // the picture on screen: not drawn again, but this push's frames (the same picture's) attach to it: those
    // of the push that drew it may never come (a fragment's last element, gone when the full run after it ends)
    gd.__bpxPushed = [p.n, gd.__bpxDrawn];
  } else if (p.fig) {
    gd.__bpxRev = p.rev ?? null;  // the chart's own element with this rev is then not drawn again
    draw(gd, p.fig);
    gd.__bpxPushed = [p.n, gd.__bpxDrawn];
  }
}
"""

# The frames of the figure the bridge pushed in the same run (the element after it): read once the browser is
# idle, after the picture is painted (~120 KB of JSON on the default net, parsed before the paint otherwise).
FRAMES_ENTRY = r"""
export default function (component) {
  const data = component.data;
  if (data == null) return;
  const later = window.requestIdleCallback ? f => requestIdleCallback(f, {timeout: 150}) : f => setTimeout(f, 50);
  later(() => {
    const p = payload(data);
    const gd = document.querySelector('.bpx-plot[data-key="' + p.target + '"]');
    if (!gd || !gd.__bpxPushed || gd.__bpxPushed[0] !== p.n) return;  // a newer figure was pushed since
    const drawn = gd.__bpxPushed[1];  // the frames of the figure pushed with the same n
    gd.__bpxDrawing.then(() => attachFrames(gd, p.frames, drawn));
  });
}
"""


# entry (the module's export) -> (component name, its html, its code): the chart and the bridge's two elements
ELEMENTS = {
    "chart": ("bpx_plot", '<div class="bpx-chart"><div class="bpx-plot" style="width:100%"></div></div>', CHART_ENTRY),
    "bridge": ("bpx_bridge", "<span></span>", BRIDGE_ENTRY),
    "frames": ("bpx_bridge_frames", "<span></span>", FRAMES_ENTRY),
}


def payload(head: dict, name: str, body) -> bytes:
    """head's fields and body (a figure or frames) under name, as JSON bytes: no escaping into a string."""
    return (json.dumps(head)[:-1] + f', "{name}": ' + figure_json(body) + "}").encode("utf-8")


@lru_cache(maxsize=1)
def chart_module() -> str | None:
    """The charts' browser code as one ES module in ./static (named by its content's hash, so a browser caches
    it until it changes), or None when it cannot be written: then each element carries the code inline.

    Inline, every live chart and bridge element re-sent its ~40 KB of code with every run that drew it
    (three an open, two a data-slider move: half of what a move sent)."""
    body = (
        DRAW_JS
        + "".join(src.replace("export default function", f"export function {entry}")
                  for entry, (_, _, src) in ELEMENTS.items())
    )  # fmt: skip
    name = f"bpx_chart.{hashlib.blake2b(body.encode('utf-8'), digest_size=6).hexdigest()}.js"
    dst = STATIC / name
    try:
        if not dst.exists() or dst.read_text(encoding="utf-8") != body:
            STATIC.mkdir(exist_ok=True)
            tmp = dst.with_suffix(".tmp")
            tmp.write_text(body, encoding="utf-8")
            tmp.replace(dst)  # whole or not at all: another process may be serving it
        return name
    except OSError:
        return None


def _loader(entry: str) -> str:
    """A component's code: import the shared module once (the browser keeps one instance) and call entry."""
    return (
        f"const lib = import(new URL('./app/static/{chart_module()}', document.baseURI).href);\n"
        f"export default function (component) {{ lib.then(m => m.{entry}(component)); }}\n"
    )


@lru_cache(maxsize=1)
def plotly_served() -> bool:
    """Copy plotly.min.js next to the app once per process (unless the same file is already there).

    False (a read-only checkout): live_chart falls back to st.plotly_chart, which the bridge cannot reach.
    """
    src = Path(plotly.__file__).parent / "package_data" / PLOTLY_JS
    dst = STATIC / PLOTLY_JS
    try:
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            STATIC.mkdir(exist_ok=True)
            shutil.copyfile(src, dst)
        return True
    except OSError:  # a read-only checkout: the page falls back to st.plotly_chart
        return False


@lru_cache(maxsize=1)
def katex_url() -> str | None:
    """Where the page can import the KaTeX module Streamlit ships for st.latex (its name carries a hash)."""
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob("katex.*.js"))
    return f"static/js/{found[0].name}" if found else None


@cache
def _element(entry: str):
    """The component of ELEMENTS[entry]: its code imported from the shared module, or inline without one."""
    name, html, src = ELEMENTS[entry]
    return st.components.v2.component(name, html=html, js=_loader(entry) if chart_module() else DRAW_JS + src,
                                      isolate_styles=False)  # fmt: skip


def live_chart(fig, key: str, on_click=None, rev=None, keep: bool = True):
    """Draw fig (a go.Figure or a figure dict) and keep updating the same plot; returns the click trigger.

    rev: a figure that carries the same rev as the last one drawn under this key is not redrawn by the
    browser, nor encoded again while keep (the encoded figure is then kept in the session: a picture
    refreshed less often than the page around it)."""
    if not plotly_served():
        fig = PlainFigure(fig) if isinstance(fig, dict) else fig  # already in plotly's schema: no validation
        return st.plotly_chart(fig, key=key, theme=None, config={"displayModeBar": False})
    kwargs = {"on_click_change": on_click} if on_click else {}
    memo = st.session_state.get("_chart_payload_" + key) if rev is not None and keep else None
    if memo is None or memo[0] != rev:
        memo = (rev, payload({"key": key, "katex": katex_url(), "rev": rev}, "fig", fig))
        if rev is not None and keep:
            st.session_state["_chart_payload_" + key] = memo
    return _element("chart")(key=key, data=memo[1], **kwargs)


def push_figure(target: str | None, fig=None, frames=None, rev=None, key: str = BRIDGE_KEY) -> None:
    """The bridge: hands fig, then the frames that frames() builds, to the live chart keyed target.

    Two hidden elements, sent one after the other: the browser draws the new picture while the server
    builds its animation frames. Both are drawn on every run, empty or not, so the sidebar keeps its shape.
    rev: the picture's name (live_chart's): the chart's own element carrying it next is not drawn again.
    """
    ss = st.session_state
    ss._bridge_n = ss.get("_bridge_n", 0) + 1  # a new value each time, so the browser always draws
    head = {"target": target, "n": ss._bridge_n, "rev": rev}
    live = fig is not None and plotly_served()
    _element("bridge")(key=key, data=payload(head, "fig", fig) if live else None)
    _element("frames")(key=key + "_frames", data=payload(head, "frames", frames()) if live and frames else None)
