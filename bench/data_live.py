"""Training you can watch, measured in real headless Chromium against `streamlit run app.py` (issue 11).

A student's page trains the default 2-8-8-1 tanh network on 500 two-moons points (400 training, 100
test) with Run; the benchmark counts how often the decision boundary is redrawn (target: at least 10 a
second), times each redraw's Plotly.react (the paint), and meanwhile a second session (a bystander on the
explorer) moves a data slider: its slider -> chart painted time, quiet and while the other trains.
Run: .venv/bin/python bench/data_live.py [--seconds 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import free_port, launch_chromium, start_server, wait_idle  # noqa: E402
from ui_latency import PAINTED_AFTER_CHANGE  # noqa: E402

from engine.config import from_dict  # noqa: E402
from engine.datasets import fit_config, make  # noqa: E402
from ui.data_address import data_token  # noqa: E402
from ui.state import encode_net  # noqa: E402

NET = {"layers": [2, 8, 8, 1], "activations": ["tanh", "tanh", "sigmoid"], "loss": "bce", "x": [[0, 0]], "y": [[0]],
       "init": {"scheme": "xavier", "seed": 0}}  # fmt: skip

WATCH = """() => {
  window.__draws = []; window.__reacts = [];
  const orig = window.Plotly.react;
  window.Plotly.react = function (gd, ...rest) {
    const t0 = performance.now();
    const p = orig.call(this, gd, ...rest);
    if (gd.dataset && gd.dataset.key === 'dt_boundary_chart') {
      p.then(() => requestAnimationFrame(() => {
        window.__draws.push(performance.now()); window.__reacts.push(performance.now() - t0); }));
    }
    return p;
  };
}"""


def _link(base: str) -> str:
    ds = make("moons", n=500, noise=0.1, seed=0, test_fraction=0.2)
    cfg, _ = fit_config(from_dict(NET), ds)
    return f"{base}/data?net={encode_net(cfg.replace(x=cfg.x[:1], y=cfg.y[:1]))}&data={data_token(ds, True)}"


def _slider_times(pg, n: int) -> list[float]:
    out = []
    x1 = pg.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    for k in range(n):
        before = pg.evaluate("() => document.querySelector('.js-plotly-plot').data.find("
                             "d => d.name === 'neurons').customdata[0][3]")  # fmt: skip
        x1.focus()
        pg.evaluate("() => { window.__t0 = performance.now(); }")
        x1.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
        out.append(pg.evaluate(PAINTED_AFTER_CHANGE, before))
        pg.wait_for_timeout(500)
    return out


def run(seconds: float) -> dict:
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        # two browsers: a tab in the background gets no animation frames, which would time the tab, not the server
        with sync_playwright() as p, launch_chromium(p) as ctx, launch_chromium(p) as ctx2:
            other = ctx2.new_page()
            other.goto(base)
            other.wait_for_selector(".js-plotly-plot .scatterlayer .trace:last-of-type .point", timeout=60_000)
            other.wait_for_timeout(1000)
            quiet = _slider_times(other, 8)
            pg = ctx.new_page()
            pg.goto(_link(base))
            pg.wait_for_selector(".st-key-dt_run_btn button", timeout=60_000)
            wait_idle(pg)
            pg.wait_for_timeout(1500)
            pg.evaluate(WATCH)
            pg.locator(".st-key-dt_run_btn button").click()
            pg.wait_for_timeout(1500)  # past the start
            pg.evaluate("() => { window.__draws.length = 0; window.__reacts.length = 0; }")
            during = _slider_times(other, int(seconds / 0.6))
            draws = pg.evaluate("() => window.__draws")
            reacts = pg.evaluate("() => window.__reacts")
            status = pg.locator('[data-testid="stMarkdownContainer"]').filter(has_text="J =").first.inner_text()
            pg.locator(".st-key-dt_pause_btn button").click()
    finally:
        proc.terminate()
        proc.wait(10)
    span = (draws[-1] - draws[0]) / 1000 if len(draws) > 1 else float("nan")
    return {"redraws_per_s": (len(draws) - 1) / span, "react_ms": reacts, "quiet_ms": quiet, "during_ms": during,
            "status": status}  # fmt: skip


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=8)
    r = run(ap.parse_args().seconds)
    q, d = sorted(r["quiet_ms"]), sorted(r["during_ms"])
    print(f"boundary redraws while training: {r['redraws_per_s']:.1f} a second (target >= 10: "
          f"{r['redraws_per_s'] / 10:.2f}x)")  # fmt: skip
    print(f"boundary Plotly.react + paint: median {statistics.median(r['react_ms']):.0f} ms, "
          f"p95 {d_p95(r['react_ms']):.0f} ms over {len(r['react_ms'])} redraws")  # fmt: skip
    print(f"bystander's slider -> chart painted: quiet p50 {statistics.median(q):.0f} ms; while the other trains "
          f"p50 {statistics.median(d):.0f} ms, p95 {d_p95(d):.0f} ms, worst {d[-1]:.0f} ms")  # fmt: skip
    print(f"trainer's status at the end: {r['status']}")


def d_p95(v) -> float:
    v = sorted(v)
    return v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]


if __name__ == "__main__":
    main()
