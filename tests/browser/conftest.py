"""A real `streamlit run app.py` on 127.0.0.1 and Debian's headless Chromium driven by Playwright."""

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)  # the benchmarks start servers without the pytest fixture
    log = open(ARTIFACTS / f"streamlit-{port}.log", "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start within 60 s")


@pytest.fixture(scope="session")
def server():
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@contextlib.contextmanager
def launch_chromium(playwright):
    """Debian's headless Chromium with the flags this machine needs and a fresh profile, at 1280x800.

    The profile is a temporary folder removed when the context closes (each one is ~50 MB).
    """
    with tempfile.TemporaryDirectory(prefix="bpx-chromium-", ignore_cleanup_errors=True) as profile:
        ctx = playwright.chromium.launch_persistent_context(
            profile, executable_path=shutil.which("chromium"), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 800},
        )  # fmt: skip
        try:
            yield ctx
        finally:
            ctx.close()


@pytest.fixture(scope="session")
def browser_context():
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed; scripts/test.sh installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, launch_chromium(p) as ctx:
        yield ctx


@pytest.fixture
def page(browser_context):
    pg = browser_context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.js_errors = errors
    yield pg
    pg.close()


def open_app(page, url: str, wait_chart: bool = True):
    page.goto(url)
    if wait_chart:
        page.wait_for_selector(".js-plotly-plot .scatterlayer", timeout=60_000)
    wait_idle(page)


def wait_idle(page, timeout: float = 30.0):
    """Until Streamlit has finished running the script (no running indicator) and the page settled."""
    page.wait_for_timeout(300)
    deadline = time.time() + timeout
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count()
        if not running:
            break
        page.wait_for_timeout(150)
    page.wait_for_timeout(400)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def no_exception(page):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not [e for e in page.js_errors if "ResizeObserver" not in e], page.js_errors


GD = "document.querySelectorAll('.js-plotly-plot')[{i}]"


def trace_data(page, name: str, i: int = 0) -> dict:
    """customdata and marker colours of the named trace of the i-th chart, as plain arrays."""
    return page.evaluate(
        """([i, name]) => {
            const gd = document.querySelectorAll('.js-plotly-plot')[i];
            const t = gd.data.find(d => d.name === name);
            const arr = v => v == null ? null : Array.from(v, r => (r && typeof r === 'object') ? Array.from(r) : r);
            return {customdata: arr(t.customdata), color: arr(t.marker.color), n: gd.data.length,
                    frames: (gd._transitionData && gd._transitionData._frames || []).length,
                    title: gd.layout.title && gd.layout.title.text};
        }""",
        [i, name],
    )
