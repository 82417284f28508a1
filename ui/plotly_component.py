"""A chart that keeps one Plotly plot and updates it in place (Plotly.react) on every rerun.

st.plotly_chart mounts a new chart whenever the figure changes (its element id includes the spec) and
plotly.js then draws it twice; this component keeps the same <div>, so a slider change costs one
Plotly.react. plotly.js itself comes from the installed plotly package, copied once into ./static
(served by server.enableStaticServing) so the browser caches it. The plot lives in the page's own DOM
(no iframe), so gd.data carries the DESIGN.md figure contract exactly as st.plotly_chart's would.
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import plotly
import plotly.io as pio
import streamlit as st

STATIC = Path(__file__).resolve().parent.parent / "static"
PLOTLY_JS = "plotly.min.js"

JS = r"""
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__bpxPlotly) {
    window.__bpxPlotly = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = './app/static/plotly.min.js';
      s.onload = () => resolve(window.Plotly);
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  return window.__bpxPlotly;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const fig = JSON.parse(data.spec);
  let gd = parentElement.querySelector('.bpx-plot');
  gd.style.height = (fig.layout.height || 500) + 'px';
  loadPlotly().then(Plotly => {
    const config = Object.assign({displayModeBar: false, responsive: true}, data.config || {});
    Plotly.react(gd, {data: fig.data, layout: fig.layout, frames: fig.frames || [], config}).then(() => {
      if (!gd.__bpxClick) {
        gd.__bpxClick = true;
        gd.on('plotly_click', e => {
          const p = e.points && e.points[0];
          if (p) {
            setTriggerValue('click', {curve: p.curveNumber, index: p.pointIndex, customdata: p.customdata ?? null});
          }
        });
      }
    });
  });
}
"""


@lru_cache(maxsize=1)
def _plotly_served() -> bool:
    """Copy plotly.min.js next to the app once per process (unless the same file is already there)."""
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
def _renderer():
    return st.components.v2.component(
        "bpx_plot", html='<div class="bpx-plot" style="width:100%"></div>', js=JS, isolate_styles=False
    )


def live_chart(fig, key: str, on_click=None):
    """Draw fig (a go.Figure or PlainFigure) and keep updating the same plot; returns the click trigger."""
    if not _plotly_served():
        return st.plotly_chart(fig, key=key, theme=None, config={"displayModeBar": False})
    spec = pio.to_json(fig.to_dict(), validate=False)
    kwargs = {"on_click_change": on_click} if on_click else {}
    return _renderer()(key=key, data={"spec": spec}, **kwargs)
