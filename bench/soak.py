"""Soak: many browser sessions against one server, with and without gc.freeze() in app.py.

For each setting, starts `streamlit run app.py`, opens N sessions one after another in headless
Chromium (each loads the explorer and moves a slider twice), and reports the wall time of the burst,
the median slider-to-paint time and the server's resident memory before and after.
Run: .venv/bin/python bench/soak.py [--sessions N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import free_port, launch_chromium, start_server  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def slider_to_numbers(pg, key: str = "ArrowRight", timeout_ms: float = 60_000) -> float:
    """Milliseconds from a key press on the x1 slider to the new a of x1 in the chart's data."""
    x1 = pg.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    read = "document.querySelector('.js-plotly-plot').data.find(d => d.name === 'neurons').customdata[0][3]"
    old = pg.evaluate(f"() => {read}")
    x1.focus()
    t = time.perf_counter()
    x1.press(key)
    pg.wait_for_function(f"(b) => {read} !== b", arg=old, polling="raf", timeout=timeout_ms)
    return (time.perf_counter() - t) * 1000


def burst(n: int, freeze: bool) -> dict:
    from playwright.sync_api import sync_playwright

    if freeze:
        os.environ.pop("BPX_NO_GC_FREEZE", None)
    else:
        os.environ["BPX_NO_GC_FREEZE"] = "1"
    port = free_port()
    proc = start_server(port)
    url = f"http://127.0.0.1:{port}/"
    paints = []
    try:
        with sync_playwright() as p, launch_chromium(p) as ctx:
            pg = ctx.new_page()  # warm-up session: imports and caches, not counted
            pg.goto(url)
            pg.wait_for_selector(".js-plotly-plot .scatterlayer .trace:last-of-type .point", timeout=60_000)
            pg.close()
            before = rss_mb(proc.pid)
            t0 = time.perf_counter()
            for _ in range(n):
                pg = ctx.new_page()
                pg.goto(url)
                pg.wait_for_selector(".js-plotly-plot .scatterlayer .trace:last-of-type .point", timeout=60_000)
                paints += [slider_to_numbers(pg, key) for key in ("ArrowRight", "ArrowRight")]
                pg.close()
            wall = time.perf_counter() - t0
            after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)
        os.environ.pop("BPX_NO_GC_FREEZE", None)
    return {"wall_s": wall, "paint_p50_ms": statistics.median(paints), "rss_before": before, "rss_after": after}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30)
    n = ap.parse_args().sessions
    print(f"{'app.py':22} {'burst of ' + str(n):>12} {'slider p50':>11} {'RSS before':>11} {'RSS after':>10}")
    for freeze in (True, False):
        r = burst(n, freeze)
        name = "gc.freeze() (default)" if freeze else "no gc.freeze()"
        print(
            f"{name:22} {r['wall_s']:10.1f} s {r['paint_p50_ms']:8.0f} ms {r['rss_before']:8.0f} MB"
            f" {r['rss_after']:7.0f} MB"
        )


if __name__ == "__main__":
    main()
