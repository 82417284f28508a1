"""A class at once: N students open the explorer at the same moment, then each moves a sidebar slider now and then.

No browser: each student is a bench/ws_client.Client, which speaks Streamlit's websocket protocol as the
browser does (the page and two endpoints over HTTP, then the websocket, the rerun with the address's
query string, every widget value it holds and the hashes of what it has cached). All students open the
link at the same moment ("everyone open this link now"); then each moves x1 in the sidebar every few
seconds (a rerun of the builder fragment, with the widget id and fragment read from the deltas received).

Reports, per wave of students: open time (first request -> script_finished of the first run) p50 / p95 /
max, move time (rerun request -> script_finished) p50 / p95 / max, exceptions (any exception element in the
deltas), the server's resident memory before, at its peak, settled with every student connected and idle
(per student), and after the students closed their tabs and server.disconnectedSessionTTL passed; a
second wave (--waves 2) shows whether the first wave's memory was let go and reused.
Before the class, one visit (the teacher's) warms the server up, as in a lesson (--cold: none).

Targets (issue 12, this 2-core machine): open p95 <= 3 s, move p95 < 1 s, no exception, memory per session
measured and bounded.
Run: .venv/bin/python bench/class_load.py [--sessions 40] [--moves 5] [--every 3] [--waves 2]
         [--servers N (N processes behind nginx: scripts/serve_class.sh)] [--url http://... (a running server)]
         [--query preset=ng_3443] [--json results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser.conftest import ARTIFACTS, free_port  # noqa: E402

from bench.soak import rss_mb  # noqa: E402
from bench.ws_client import Client, pct  # noqa: E402


def ttl_seconds() -> float:
    text = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    m = re.search(r"^disconnectedSessionTTL\s*=\s*(\d+)", text, re.M)
    return float(m.group(1)) if m else 120.0


class Servers:
    """One bare `streamlit run app.py`, or N of them behind nginx (scripts/serve_class.sh)."""

    def __init__(self, n: int, url: str | None, nginx: bool, flags: list[str]):
        self.procs, self.pids, self.proc, self.direct = [], [], None, []
        if url:
            self.base = url.rstrip("/")
        elif n == 1 and not nginx:
            port = free_port()
            self.proc = start_server(port, flags)
            self.pids = [self.proc.pid]
            self.base = f"http://127.0.0.1:{port}"
        else:
            self.proc, self.base, self.pids, self.direct = serve_class(n, flags=flags)

    def rss(self) -> float:
        return sum(rss_mb(p) for p in self.pids) if self.pids else float("nan")

    def held(self) -> tuple[int, int]:
        """(active sessions, bytes of session state) the servers report at /_stcore/metrics. The session-state
        figure counts every session a server still holds, connected or closed within disconnectedSessionTTL;
        it is gone once none is held. Behind nginx, one process's figures (the one the request reached)."""
        active = state = 0
        for base in self.direct or [self.base]:
            with urllib.request.urlopen(base + "/_stcore/metrics", timeout=30) as r:
                text = r.read().decode()
            active += sum(int(float(m)) for m in re.findall(r"^active_sessions (\S+)", text, re.M))
            pattern = r'^cache_memory_bytes\{cache_type="st_session_state"[^}]*\} (\S+)'
            state += sum(int(float(m)) for m in re.findall(pattern, text, re.M))
        return active, state

    def cpu(self) -> float:
        """CPU seconds the servers have used (user + system)."""
        total = 0.0
        for p in self.pids:
            try:
                f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
            except OSError:
                pass
        return total

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGINT)  # serve_class.sh stops every server and nginx on Ctrl-C
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def start_server(port: int, flags: list[str]) -> subprocess.Popen:
    """`streamlit run app.py` on 127.0.0.1:port with extra flags (e.g. --server.fileWatcherType auto)."""
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *flags]  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start within 60 s")


def serve_class(n: int, port: int | None = None, flags: list[str] = ()) -> tuple:
    """Start scripts/serve_class.sh n; wait for its `ready` line; (process, base URL, the servers' pids and URLs)."""
    port = port or free_port()
    cmd = ["bash", str(ROOT / "scripts" / "serve_class.sh"), str(n), str(port), *flags]
    env = dict(os.environ, BPX_LISTEN="127.0.0.1")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pids, direct, deadline = [], [], time.time() + 120
    for line in proc.stdout:
        if m := re.match(r"server \d+: pid (\d+) at (\S+)", line):
            pids.append(int(m.group(1)))
            direct.append("http://" + m.group(2))
        if line.startswith("ready"):
            break
        if time.time() > deadline:
            break
    else:
        raise RuntimeError("scripts/serve_class.sh ended before it was ready")
    # keep reading the script's output (it reports a process that ended) so it never blocks on a full pipe
    threading.Thread(
        target=lambda: [print("   serve_class.sh:", ln, end="") for ln in proc.stdout], daemon=True
    ).start()
    return proc, f"http://127.0.0.1:{port}", pids, direct


async def sample_peak(servers: Servers, box: dict, stop: asyncio.Event) -> None:
    while not stop.is_set():
        box["peak"] = max(box.get("peak", 0.0), servers.rss())
        try:
            await asyncio.wait_for(stop.wait(), 0.1)
        except TimeoutError:
            pass


async def student(c: Client, moves: int, every: float, start: asyncio.Event, opened: asyncio.Event, out: dict) -> None:
    await start.wait()
    try:
        out["open"].append(await c.open())
    except Exception as e:  # a student who cannot open the page is a result, not a crash of the bench
        out["errors"].append(f"open: {type(e).__name__}: {e}"[:200])
        return
    finally:
        out["opened"] += 1
        if out["opened"] == out["n"]:
            opened.set()
    await opened.wait()  # "now move x1": after every page is open
    await asyncio.sleep(random.uniform(0, every))  # students do not move in step
    for _ in range(moves):
        try:
            out["move"].append(await c.move_x1())
        except Exception as e:
            out["errors"].append(f"move: {type(e).__name__}: {e}"[:200])
            break
        await asyncio.sleep(every * random.uniform(0.7, 1.3))


async def wave(servers: Servers, args, ttl: float) -> dict:
    out = {"open": [], "move": [], "errors": [], "opened": 0, "n": args.sessions}
    before = servers.rss()
    box, stop, start, opened = {}, asyncio.Event(), asyncio.Event(), asyncio.Event()
    sampler = asyncio.create_task(sample_peak(servers, box, stop))
    clients = [Client(servers.base, query=args.query, fresh=args.fresh) for _ in range(args.sessions)]
    tasks = [asyncio.create_task(student(c, args.moves, args.every, start, opened, out)) for c in clients]
    await asyncio.sleep(0.2)  # every student is waiting at the door
    cpu0, t0 = servers.cpu(), time.perf_counter()
    start.set()
    await opened.wait()
    cpu_open, open_wall = servers.cpu() - cpu0, time.perf_counter() - t0
    await asyncio.gather(*tasks)
    cpu_moves = servers.cpu() - cpu0 - cpu_open
    wall = time.perf_counter() - t0
    await asyncio.sleep(2)
    settled, held_open = servers.rss(), servers.held()
    stop.set()
    await sampler
    exceptions = [e for c in clients for e in c.exceptions]
    received = sum(c.received_bytes for c in clients)
    http = sum(c.http_bytes for c in clients)
    upstreams = sorted({c.server for c in clients if c.server})
    await asyncio.gather(*(c.close() for c in clients))
    await asyncio.sleep(1)
    held_closed = servers.held()
    await asyncio.sleep(ttl + 4)  # the server frees a closed tab's session after disconnectedSessionTTL
    after, held_after = servers.rss(), servers.held()
    n_moves = max(1, len(out["move"]))
    return {
        "sessions": args.sessions, "wall_s": wall, "open_wall_s": open_wall,
        "open_p50": pct(out["open"], 50), "open_p95": pct(out["open"], 95), "open_max": max(out["open"], default=None),
        "moves": len(out["move"]), "move_p50": pct(out["move"], 50), "move_p95": pct(out["move"], 95),
        "move_max": max(out["move"], default=None),
        "cpu_per_open_ms": cpu_open / max(1, len(out["open"])) * 1000, "cpu_per_move_ms": cpu_moves / n_moves * 1000,
        "exceptions": exceptions, "errors": out["errors"], "upstreams": upstreams,
        "received_mb": received / 1e6, "http_mb": http / 1e6,
        "rss_before": before, "rss_peak": box.get("peak", float("nan")), "rss_settled": settled, "rss_after": after,
        "per_session_mb": (settled - before) / max(1, args.sessions),
        "held_open": held_open, "held_closed": held_closed, "held_after": held_after,
    }  # fmt: skip


async def run(args) -> dict:
    asyncio.get_running_loop().set_default_executor(concurrent.futures.ThreadPoolExecutor(max_workers=128))
    servers = Servers(args.servers, args.url, args.nginx, args.flag)
    ttl = args.ttl if args.ttl is not None else ttl_seconds()
    try:
        result = {"servers": args.servers, "base": servers.base, "rss_start": servers.rss(), "waves": []}
        if not args.cold:  # the teacher opens the link first
            teacher = Client(servers.base, query=args.query)
            result["teacher_open_s"] = await teacher.open()
            await teacher.move_x1()
            await teacher.close()
            await asyncio.sleep(1)
        for k in range(args.waves):
            w = await wave(servers, args, ttl)
            result["waves"].append(w)
            print_wave(k + 1, w)
        return result
    finally:
        servers.stop()


def print_wave(k: int, w: dict) -> None:
    print(f"wave {k}: {w['sessions']} students, {w['wall_s']:.1f} s; "
          f"open p50 {w['open_p50']:.2f} s, p95 {w['open_p95']:.2f} s, max {w['open_max'] or float('nan'):.2f} s; "
          f"{w['moves']} moves p50 {w['move_p50'] * 1000:.0f} ms, p95 {w['move_p95'] * 1000:.0f} ms, "
          f"max {(w['move_max'] or float('nan')) * 1000:.0f} ms; exceptions {len(w['exceptions'])}, "
          f"errors {len(w['errors'])}; server CPU {w['cpu_per_open_ms']:.0f} ms an open, "
          f"{w['cpu_per_move_ms']:.0f} ms a move; RSS before {w['rss_before']:.0f} -> peak {w['rss_peak']:.0f} -> "
          f"settled {w['rss_settled']:.0f} ({w['per_session_mb']:.2f} MB a student) -> "
          f"after the TTL {w['rss_after']:.0f} MB; sent {w['received_mb']:.1f} MB (websocket) + "
          f"{w['http_mb']:.1f} MB (HTTP); sessions held (active, session-state bytes): open {w['held_open']}, "
          f"closed {w['held_closed']}, after the TTL {w['held_after']}", flush=True)  # fmt: skip
    for e in (w["exceptions"] + w["errors"])[:5]:
        print("   ", e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=40)
    ap.add_argument("--moves", type=int, default=5, help="slider moves per student")
    ap.add_argument("--every", type=float, default=3.0, help="seconds between a student's moves")
    ap.add_argument("--waves", type=int, default=2)
    ap.add_argument("--servers", type=int, default=1, help="streamlit processes (more than 1: behind nginx)")
    ap.add_argument("--nginx", action="store_true", help="put nginx in front of a single server too")
    ap.add_argument("--url", help="a server already running (its memory is not measured)")
    ap.add_argument("--query", default="", help="the link everyone opens, after '?' (e.g. preset=ng_4layer)")
    ap.add_argument("--ttl", type=float, help="seconds to wait after closing (default: disconnectedSessionTTL)")
    ap.add_argument("--cold", action="store_true", help="no teacher's visit before the class")
    ap.add_argument("--fresh", action="store_true", help="browsers that never opened the app: they fetch its assets")
    ap.add_argument(
        "--flag",
        action="append",
        default=[],
        help="an extra `streamlit run` flag, e.g. --flag=--server.fileWatcherType=auto (repeatable)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()
    random.seed(args.seed)
    result = asyncio.run(run(args))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    sys.exit(0 if all(not w["exceptions"] and not w["errors"] for w in result["waves"]) else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
