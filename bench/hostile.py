"""Hostile load: the biggest networks the app's work budget admits, against one server, while a bystander works.

For each case, starts `streamlit run app.py`, opens a bystander session on the default network, then
opens the case's link in a second process (its own Chromium), which leaves once the page has drawn its
chart or its message. Meanwhile the bystander moves x1 again and again (key press -> new numbers in the
chart's data) and another thread polls the health endpoint. Reports the bystander's slider times while
the heavy session loads (p50, p95, worst), the health endpoint's worst time, and the server's resident
memory: before, at its peak, and 60 s after the heavy session closed (Streamlit frees a disconnected
session after server.disconnectedSessionTTL, 30 s here).
Targets (issue 9): memory back within 300 MB of where it started; bystander p95 <= 500 ms.

Cases: `widest` (12 layers of 256, m = 63: 786k weights, 49.5M multiply-adds a pass), `samples`
(40-95-5 with m = 10,000: 1,000,000 values per quantity, the input x all zeros to fit a link),
`refused` (the issue's 50 KB link: 12 layers of 256 with m = 10,000, refused with a message), and
`preview` (instead of a heavy page, FLOOD_THREADS threads POST to ui/preview.py's route for FLOOD_S seconds, as
fast as it answers: the biggest network it previews moved every way, widths and sample counts it must refuse,
bodies over its limit, and arbitrary bytes).
Run: .venv/bin/python bench/hostile.py [--cases widest,samples,refused] [--after 60] [--heavy 2 (at once)]
                                       [--page gradient_check (the lesson the heavy link opens)]
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser.conftest import free_port, launch_chromium, start_server  # noqa: E402

from bench.soak import rss_mb, slider_to_numbers  # noqa: E402

LOADED = ".js-plotly-plot .scatterlayer .trace:last-of-type .point, [data-testid='stAlert']"


def link(config: dict) -> str:
    text = json.dumps(config, separators=(",", ":"))
    return "?net=" + base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")


CASES = {
    "preview": None,  # no link: the route is flooded (Flood)
    "widest": {"layers": [256] * 13, "activations": ["tanh"] * 11 + ["linear"], "loss": "mse",
               "x": [[(k % 7) / 7 for k in range(256)]] * 63, "y": [[0.5] * 256] * 63,
               "init": {"scheme": "xavier", "seed": 1}},
    "samples": {"layers": [40, 95, 5], "activations": ["tanh", "sigmoid"], "loss": "bce",
                "x": [[0] * 40] * 10_000, "y": [[0] * 5] * 10_000, "init": {"scheme": "xavier", "seed": 1}},
    "refused": {"layers": [256] * 13, "activations": ["tanh"] * 11 + ["linear"], "loss": "mse",
                "x": [[0] * 256] * 10_000, "y": [[0] * 256] * 10_000, "init": {"scheme": "xavier", "seed": 1}},
}  # fmt: skip


FLOOD_THREADS, FLOOD_S = 8, 20.0


def flood_bodies() -> list[bytes]:
    """What the preview flood sends, round and round."""
    from engine.config import from_dict
    from ui.preview import MAX_BODY, preview_base
    from ui.state import materialise
    from viz.view import View

    big = materialise(from_dict({"layers": [10, 20, 20, 20, 10], "activations": ["relu"] * 3 + ["sigmoid"],
                                 "loss": "bce", "x": [[0.5] * 10], "y": [[1] + [0] * 9],
                                 "init": {"scheme": "he", "seed": 1}}))  # fmt: skip
    base = preview_base(big, View())
    moves = [{"x": [0.1 * k for k in range(10)], "y": None}, {"slider": "w1", "value": 256},
             {"slider": "hidden", "value": 200}, {"slider": "m", "value": 256}, {"slider": "l2", "value": 1e300},
             {"slider": "wout", "value": 20}, {"x": [1e308] * 10, "y": None}]  # fmt: skip
    bodies = [json.dumps({**base, **m}).encode() for m in moves]
    return bodies + [b"[" * 100_000, b"\xff\xfe" * 1000, b"x" * (MAX_BODY + 1), b'{"net": "' + b"A" * 200_000 + b'"}']


class Flood(threading.Thread):
    """Posts flood_bodies() to the preview route until stopped; counts the answers by HTTP status."""

    def __init__(self, base: str, bodies: list[bytes]):
        super().__init__(daemon=True)
        self.url, self.bodies, self.stop, self.status = base + "/api/preview", bodies, threading.Event(), {}

    def run(self):
        k = 0
        while not self.stop.is_set():
            req = urllib.request.Request(self.url, data=self.bodies[k % len(self.bodies)])
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    code = r.status
            except urllib.error.HTTPError as e:
                code = e.code
            except OSError:
                code = "error"
            self.status[code] = self.status.get(code, 0) + 1
            k += 1


def visit(url: str) -> None:
    """The heavy session (run in its own process): open url, wait for the chart or a message, leave."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, launch_chromium(p) as ctx:
        pg = ctx.new_page()
        t = time.perf_counter()
        pg.goto(url, timeout=120_000)
        pg.wait_for_selector(LOADED, timeout=120_000)
        print(f"{time.perf_counter() - t:.1f}", flush=True)
        pg.close()


class Sampler(threading.Thread):
    """Polls the server's RSS and its health endpoint every 100 ms until stopped."""

    def __init__(self, pid: int, base: str):
        super().__init__(daemon=True)
        self.pid, self.base, self.stop = pid, base, threading.Event()
        self.peak, self.health = 0.0, []

    def run(self):
        while not self.stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=30):
                    pass
                self.health.append((time.perf_counter() - t) * 1000)
            except OSError:
                self.health.append(float("inf"))
            self.stop.wait(0.1)


def run_case(name: str, after_s: float, n_heavy: int = 1, page: str = "") -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as p, launch_chromium(p) as ctx:
            pg = ctx.new_page()
            pg.goto(base + "/")
            pg.wait_for_selector(LOADED, timeout=60_000)
            quiet = [slider_to_numbers(pg, k) for k in ("ArrowRight", "ArrowLeft") * 5]
            before = rss_mb(proc.pid)
            sampler = Sampler(proc.pid, base)
            sampler.start()
            loaded, keys, answers = [], ("ArrowRight", "ArrowLeft"), {}
            if name == "preview":
                floods = [Flood(base, flood_bodies()) for _ in range(FLOOD_THREADS)]
                for f in floods:
                    f.start()
                t_end = time.perf_counter() + FLOOD_S
                while time.perf_counter() < t_end:
                    loaded.append(slider_to_numbers(pg, keys[len(loaded) % 2], timeout_ms=120_000))
                for f in floods:
                    f.stop.set()
                for f in floods:
                    f.join()
                    for code, n in f.status.items():
                        answers[code] = answers.get(code, 0) + n
                heavy_s = FLOOD_S
            else:
                heavy = [subprocess.Popen([sys.executable, __file__, "--visit", f"{base}/{page}{link(CASES[name])}"],
                                          stdout=subprocess.PIPE, text=True) for _ in range(n_heavy)]  # fmt: skip
                while any(h.poll() is None for h in heavy):
                    loaded.append(slider_to_numbers(pg, keys[len(loaded) % 2], timeout_ms=120_000))
                heavy_s = max(float(h.stdout.read().strip() or "nan") for h in heavy)
            time.sleep(after_s)  # the heavy session has closed: its memory should come back
            sampler.stop.set()
            sampler.join()
            after = rss_mb(proc.pid)
            try:
                slider_after = slider_to_numbers(pg, timeout_ms=20_000)
            except PlaywrightTimeout:  # reported, not raised: the server must answer after the load too
                slider_after = float("inf")
            pg.close()
    finally:
        proc.terminate()
        proc.wait(10)
    loaded = loaded or [float("nan")]
    return {
        "heavy_load_s": heavy_s,
        "quiet_p50": statistics.median(quiet),
        "n": len(loaded),
        "p50": statistics.median(loaded),
        "p95": sorted(loaded)[max(0, int(round(0.95 * len(loaded))) - 1)],
        "worst": max(loaded),
        "health_worst": max(sampler.health),
        "rss_before": before,
        "rss_peak": sampler.peak,
        "rss_after": after,
        "slider_after": slider_after,
        "answers": answers,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--after", type=float, default=60.0, help="seconds to wait after the heavy session closed")
    ap.add_argument("--heavy", type=int, default=1, help="heavy sessions opening the link at once")
    ap.add_argument("--page", default="", help="the lesson the heavy link opens (chain_rule, gradient_check, ...)")
    ap.add_argument("--visit", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.visit:
        return visit(args.visit)
    print(f"{'case':8} {'heavy load':>10} {'bystander: quiet p50':>21} {'p50':>6} {'p95':>6} {'worst':>6} (n) "
          f"{'health worst':>12} {'RSS before / peak / after':>26}")  # fmt: skip
    for name in args.cases.split(","):
        r = run_case(name, args.after, args.heavy, args.page)
        print(
            f"{name:8} {r['heavy_load_s']:8.1f} s {r['quiet_p50']:18.0f} ms {r['p50']:6.0f} {r['p95']:6.0f} "
            f"{r['worst']:6.0f} ({r['n']}) {r['health_worst']:9.0f} ms {r['rss_before']:9.0f} / {r['rss_peak']:.0f} / "
            f"{r['rss_after']:.0f} MB; bystander's slider afterwards {r['slider_after']:.0f} ms"
            + (f"; the route answered {r['answers']}" if r["answers"] else "")
        )


if __name__ == "__main__":
    main()
