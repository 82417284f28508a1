"""UI latency in real headless Chromium against `streamlit run app.py` (medians of >= 10 runs).

Measures, for the default network and a 1,200-edge network (10-20-20-20-10, issue 10's "1,000 edges"):
- slider change -> chart painted, 2 s after the page opened (a sidebar slider moved by the keyboard until the
  neurons trace carries the new value and the frame that holds it has been painted: PAINTED): a data slider (x1,
  which reruns the builder's fragment) and a structure slider (the width of hidden layer 1, which reruns the
  structure fragment); both pictures come first from ui/preview.py; a press that changes nothing in 15 s is left out;
- cold load -> first chart painted (a fresh page);
- playback: every frame shown, interval vs the chosen frame duration, and the longest main-thread
  task between frame changes (PerformanceObserver 'longtask').
Run: .venv/bin/python bench/ui_latency.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import free_port, launch_chromium, start_server  # noqa: E402

from engine.config import from_dict  # noqa: E402
from ui.state import encode_net  # noqa: E402

BIG = {"layers": [10, 20, 20, 20, 10], "activations": ["relu", "relu", "relu", "sigmoid"], "loss": "bce",
       "x": [[0.5, -1.0, 2.0, 0.3, -0.2, 1.1, 0.7, -0.4, 0.9, -1.3]], "y": [[1, 0, 0, 0, 0, 0, 0, 1, 0, 0]],
       "init": {"scheme": "he", "seed": 1}}  # fmt: skip

BIG_NAME = "10-20-20-20-10 (1,200 edges)"
PRESSES = 6  # data-slider changes a page, the first 2 s after it opened (a student's first is also reported alone)

# The poll runs in an animation frame's callback, before that frame is painted: the frame that first holds the new
# numbers paints them, and the next frame's callback comes after that paint (its time is the one reported). Until
# 2026-11-30 the probe waited for a second frame as well, one frame (~16 ms) past the paint; that figure is kept
# as "+1 frame" so the two series compare.
PAINTED = """(args) => new Promise(resolve => {
  const [before, field] = args, t0 = window.__t0;
  setTimeout(() => resolve(null), 15000);  // a press that changed nothing (the slider lost focus): not a figure
  function poll() {
    const gd = document.querySelector('.js-plotly-plot');
    const t = gd && gd.data && gd.data.find(d => d.name === 'neurons');
    const now = t && (field === 'length' ? t.customdata.length : t.customdata[0][3]);
    if (t && now !== before) {
      requestAnimationFrame(() => {
        const painted = performance.now() - t0;
        requestAnimationFrame(() => resolve([painted, performance.now() - t0]));
      });
    } else { requestAnimationFrame(poll); }
  }
  poll();
})"""

PLAYBACK = """(nframes) => new Promise(resolve => {
  const gd = document.querySelector('.js-plotly-plot');
  const frames = [], tasks = [];
  const obs = new PerformanceObserver(list => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
  });
  obs.observe({type: 'longtask', buffered: false});
  gd.on('plotly_animatingframe', e => frames.push([e.name, performance.now()]));
  gd.on('plotly_animated', () => setTimeout(() => { obs.disconnect(); resolve({frames, tasks}); }, 200));
  document.querySelector('.bpx-play').click();
})"""


def run(runs: int) -> dict:

    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = start_server(port)
    base = f"http://127.0.0.1:{port}"
    out = {}
    try:
        with sync_playwright() as p, launch_chromium(p) as ctx:
            for name, url, ms in (
                ("default 3-4-4-3 (40 edges)", base, 300),
                (BIG_NAME, f"{base}/?net={encode_net(from_dict(BIG))}", 500),
            ):
                loads, slider, structure, first, slider_late, structure_late = [], [], [], [], [], []
                for _ in range(runs):
                    pg = ctx.new_page()
                    pg.goto(url)
                    pg.wait_for_selector(".js-plotly-plot .scatterlayer .trace:last-of-type .point", timeout=60_000)
                    loads.append(
                        pg.evaluate("() => new Promise(r => requestAnimationFrame(() => r(performance.now())))")
                    )  # since navigation
                    pg.wait_for_timeout(2000)  # the frames attached, the first idle work done
                    for k in range(PRESSES):
                        before = pg.evaluate(
                            "() => document.querySelector('.js-plotly-plot').data.find("
                            "d => d.name === 'neurons').customdata[0][3]"
                        )
                        x1 = pg.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
                        x1.focus()
                        pg.evaluate("() => { window.__t0 = performance.now(); }")
                        x1.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
                        took = pg.evaluate(PAINTED, [before, "value"])
                        print(f"  {name}: data slider {took and [round(v) for v in took]} ms", file=sys.stderr,
                              flush=True)  # fmt: skip
                        if took is not None:
                            slider.append(took[0])
                            slider_late.append(took[1])
                            if k == 0:
                                first.append(took[0])
                        pg.wait_for_timeout(600)
                    # one neuron fewer, then back, twice; from 20 (the slider's top) one fewer each time: the
                    # slider's range follows the width it shows, so 20 is out of reach once at 19
                    for key in ("ArrowLeft", "ArrowRight") * 2 if "40 edges" in name else ("ArrowLeft",) * 4:
                        before = pg.evaluate(
                            "() => document.querySelector('.js-plotly-plot').data.find("
                            "d => d.name === 'neurons').customdata.length"
                        )
                        width = pg.locator(
                            '[data-testid="stSidebar"] input[type="range"][aria-label="Neurons in hidden layer 1"]'
                        )
                        width.focus()
                        pg.evaluate("() => { window.__t0 = performance.now(); }")
                        width.press(key)
                        took = pg.evaluate(PAINTED, [before, "length"])
                        print(f"  {name}: structure {key} {took and [round(v) for v in took]} ms", file=sys.stderr,
                              flush=True)  # fmt: skip
                        if took is not None:
                            structure.append(took[0])
                            structure_late.append(took[1])
                        pg.wait_for_timeout(900)
                    pg.close()
                pg = ctx.new_page()
                pg.goto(url)
                pg.wait_for_selector(".js-plotly-plot .scatterlayer .trace:last-of-type .point", timeout=60_000)
                pg.locator('[data-testid="stMain"] input[type="range"]').first.wait_for()
                _set_speed(pg, ms)
                play = []
                for _ in range(max(3, runs // 3)):
                    res = pg.evaluate(PLAYBACK, 0)
                    play.append(res)
                    pg.wait_for_timeout(500)
                pg.close()
                out[name] = {
                    "cold_load_ms": loads,
                    "slider_to_paint_ms": slider,
                    "structure_to_paint_ms": structure,
                    "slider_plus_one_frame_ms": slider_late,
                    "structure_plus_one_frame_ms": structure_late,
                    "first_data_slider_ms": first,
                    "playback": play,
                    "frame_ms": ms,
                }
    finally:
        proc.terminate()
        proc.wait(10)
    return out


def _set_speed(pg, ms: int) -> None:
    """Move the 'ms per frame' select slider to ms with the keyboard, then wait for the rerun."""
    from browser.conftest import wait_idle

    speeds = [150, 300, 500, 800, 1200, 2000]  # the explorer's choices; 500 is the default
    slider = (
        pg.locator('[data-testid="stMain"] [data-testid="stSlider"]')
        .filter(has_text="ms per frame")
        .locator('input[type="range"]')
    )
    slider.focus()
    for _ in range(speeds.index(500) - speeds.index(ms)):
        slider.press("ArrowLeft")
    for _ in range(speeds.index(ms) - speeds.index(500)):
        slider.press("ArrowRight")
    wait_idle(pg)
    pg.wait_for_timeout(1500)


def summarise(out: dict) -> None:
    targets = {"default 3-4-4-3 (40 edges)": 120, BIG_NAME: 250}  # issue 10
    print(f"{'network':30} {'data slider p50':>16} {'structure p50':>14} {'target':>7} {'ratios':>11}"
          f" {'first move p50':>15} {'cold load p50':>14} {'ratio':>6}")  # fmt: skip
    for name, r in out.items():
        s50 = statistics.median(r["slider_to_paint_ms"])
        w50 = statistics.median(r["structure_to_paint_ms"])
        f50 = statistics.median(r["first_data_slider_ms"])
        c50 = statistics.median(r["cold_load_ms"])
        print(
            f"{name:30} {s50:13.0f} ms {w50:11.0f} ms {targets[name]:4d} ms {s50 / targets[name]:5.2f}"
            f" {w50 / targets[name]:5.2f} {f50:12.0f} ms {c50:11.0f} ms {c50 / 2000:6.2f}"
        )
        s95, w95 = np.percentile(r["slider_to_paint_ms"], 90), np.percentile(r["structure_to_paint_ms"], 90)
        late = statistics.median(r["slider_plus_one_frame_ms"]), statistics.median(r["structure_plus_one_frame_ms"])
        print(f"{'':30} p90 {s95:9.0f} ms {w95:11.0f} ms; the old probe's +1 frame: p50 {late[0]:.0f} and "
              f"{late[1]:.0f} ms")  # fmt: skip
    print("\nplayback (every frame shown? intervals vs the chosen duration; longest main-thread task between frames)")
    for name, r in out.items():
        ms = r["frame_ms"]
        for k, p in enumerate(r["playback"]):
            names = [f[0] for f in p["frames"]]
            gaps = np.diff([f[1] for f in p["frames"]])
            within = np.mean(np.abs(gaps - ms) <= 0.1 * ms) if len(gaps) else 0.0
            t0, t1 = (p["frames"][0][1], p["frames"][-1][1]) if p["frames"] else (0, 0)
            longest = max([d for s, d in p["tasks"] if t0 <= s <= t1] or [0])
            print(
                f"  {name:28} run {k + 1}: frames {len(names)} in order {names == sorted(names, key=int)}, "
                f"median interval {np.median(gaps):.0f} ms (target {ms}), {within:.0%} within 10%, "
                f"longest task {longest:.0f} ms"
            )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    out = run(args.runs)
    res = ROOT / "bench" / "results"
    res.mkdir(exist_ok=True)
    (res / "ui_latency.json").write_text(json.dumps(out, indent=1))
    summarise(out)


if __name__ == "__main__":
    main()
