"""A Streamlit client that speaks the browser's protocol, for load tests: no browser, no JavaScript.

What the browser does, read from the installed streamlit (1.67: its server's
web/server/starlette/starlette_websocket.py and runtime/app_session.py, and its frontend's
sendRerunBackMsg), done here in Python:
- GET the page (and /_stcore/health, /_stcore/host-config); a cookie the server or a proxy in
  front of it sets (a sticky-session cookie) is kept and sent again, as a browser does;
- open a websocket at /_stcore/stream, offering the subprotocols ["streamlit", <XSRF token or
  placeholder>, <previous session id>]: the third asks to resume that session on a reconnect;
- send a BackMsg `rerun_script` holding a ClientState: the query string (the address after `?`),
  the page's name from its path (first run) or its script hash (later), every widget value the
  client holds, the hashes of the messages it has cached, and the browser's context (timezone, url);
- receive ForwardMsgs: `new_session` (a run starts; its `initialize` carries the session id),
  `delta` (an element or block at metadata.delta_path, inside the fragment delta.fragment_id),
  `page_info_changed` (the script changed st.query_params: the address bar's new query string),
  `ref_hash` (an element the client has cached, sent by reference), `script_finished` (a run ends);
- a widget change is another `rerun_script` with every widget value the client holds, the changed
  one new, and the fragment_id of the fragment the widget was drawn in (a fragment rerun), if any.

Any `exception` element in the deltas (and a script compilation error) is recorded in `exceptions`.
The messages' decoding, and the page read back from them: bench/ws_protocol.py (ws_protocol.Page).
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script (scripts/serve_class.sh)

from bench.ws_protocol import DONE, Page  # noqa: E402

PLACEHOLDER_TOKEN = "PLACEHOLDER_AUTH_TOKEN"  # what the browser offers when it has no XSRF token to send


def pct(values: list[float], p: float) -> float:
    """The p-th percentile by nearest rank (p95 of 40 values is the 38th smallest); NaN for none."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))]


class Disconnected(Exception):
    """The websocket closed while waiting for a run to finish."""


@dataclass
class Client(Page):
    """One browser tab. base: http://host:port; path: the page ("" is the default page); query: without '?'."""

    base: str
    path: str = ""
    query: str = ""
    timeout: float = 120.0
    cookies: dict = field(default_factory=dict)
    session_id: str = ""
    page_hash: str = ""  # the running page's script hash, once the server has named it
    upstream: list = field(default_factory=list)  # X-Upstream headers seen (a proxy in front says which server)
    exceptions: list = field(default_factory=list)
    elements: dict = field(default_factory=dict)  # delta_path -> (Element, fragment_id)
    widgets: dict = field(default_factory=dict)  # widget id -> WidgetState: what the client sends with every rerun
    fresh: bool = False  # a browser that has never opened the app: it fetches the page's assets too
    received_bytes: int = 0  # over the websocket
    http_bytes: int = 0  # over HTTP (as sent: compressed where the server compressed)

    def __post_init__(self):
        self._cache: dict[str, ForwardMsg] = {}  # hash -> message, for cacheable elements (ref_hash)
        self._finished: asyncio.Queue | None = None
        self._ws = None
        self._reader: asyncio.Task | None = None

    # ---- HTTP: what the browser fetches before the websocket ----
    def _get(self, path: str) -> bytes:
        req = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "gzip, deflate"})
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        with urllib.request.urlopen(req, timeout=self.timeout) as r:
            body = r.read()
            self._note(r.headers)
        self.http_bytes += len(body)
        return body

    def _assets(self, html: bytes) -> None:
        """What a browser that has never opened the app fetches next: the scripts, styles and fonts the page
        names, and plotly.js, which the explorer's chart loads (later visits take them from the browser's cache;
        the lazily imported chunks of the frontend are not fetched here)."""
        refs = re.findall(r'(?:src|href)="\./((?:static|app/static)/[^"]+)"', html.decode("utf-8", "replace"))
        for ref in dict.fromkeys(refs + ["app/static/plotly.min.js"]):
            self._get("/" + ref)

    def _note(self, headers) -> None:
        for raw in headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(raw)
            self.cookies.update({k: m.value for k, m in jar.items()})
        if up := headers.get("X-Upstream"):
            self.upstream.append(up)

    async def visit(self) -> None:
        """The page (and, for a fresh browser, its assets), then the two endpoints the frontend asks before it
        connects."""
        q = f"?{self.query}" if self.query else ""
        html = await asyncio.to_thread(self._get, f"/{self.path}{q}")
        if self.fresh:
            await asyncio.to_thread(self._assets, html)
        for p in ("/_stcore/health", "/_stcore/host-config"):
            await asyncio.to_thread(self._get, p)

    # ---- the websocket ----
    async def connect(self) -> None:
        parts = urlsplit(self.base)
        ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}/_stcore/stream"
        headers = {"Origin": self.base}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        protocols = ["streamlit", PLACEHOLDER_TOKEN] + ([self.session_id] if self.session_id else [])
        self._ws = await websockets.connect(ws_url, subprotocols=protocols, additional_headers=headers,
                                            max_size=None, open_timeout=self.timeout)  # fmt: skip
        self._note(self._ws.response.headers)
        self._finished = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                self.received_bytes += len(data)
                if (status := self._handle(ForwardMsg.FromString(data))) is not None:
                    self._finished.put_nowait(status)
        except websockets.ConnectionClosed:
            pass
        finally:
            self._finished.put_nowait(None)  # whoever waits learns the connection is gone

    async def rerun(self, fragment_id: str = "", first: bool = False) -> float:
        """Send rerun_script with every widget value held; seconds until the run chain has finished."""
        back = self._rerun_msg(fragment_id, first)
        while not self._finished.empty():  # a finish from an earlier run is not this one's
            self._finished.get_nowait()
        t0 = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        while True:
            status = await asyncio.wait_for(self._finished.get(), self.timeout)
            if status is None:
                raise Disconnected(f"websocket closed after {time.perf_counter() - t0:.2f} s")
            if status in DONE:
                return time.perf_counter() - t0

    async def open(self) -> float:
        """Open the page as a browser tab does; seconds from the first request to the first run's end."""
        t0 = time.perf_counter()
        await self.visit()
        await self.connect()
        await self.rerun(first=True)
        return time.perf_counter() - t0

    async def reconnect(self, attempts: int = 20, pause: float = 0.25) -> float:
        """What the browser does when its websocket drops: ask /_stcore/health until the server answers,
        reconnect offering the old session id, then rerun with the widget values and address it holds."""
        t0 = time.perf_counter()
        for k in range(attempts):
            try:
                await asyncio.to_thread(self._get, "/_stcore/health")
                await self.connect()
                break
            except (OSError, websockets.InvalidHandshake, websockets.InvalidStatus):
                if k == attempts - 1:
                    raise
                await asyncio.sleep(pause)
        await self.rerun()
        return time.perf_counter() - t0

    # ---- acting on the page (reading it: ws_protocol.Page) ----
    async def move_x1(self, delta: float = 0.1) -> float:
        """Move the sidebar's x1 slider by delta (back the other way at its end), as a student's key press does:
        the builder fragment reruns. Seconds until that run has finished."""
        w = self.component("bpx_sliders")
        if w is None:
            raise LookupError("no data sliders on the page")
        data = self.component_data("bpx_sliders")
        values = {g["name"]: list(g["values"]) for g in data["groups"]}
        x = data["groups"][0]
        v = x["values"][0] + delta
        if not x["lo"] <= v <= x["hi"]:
            v = x["values"][0] - delta
        values["x"][0] = round(v, 2)
        self.set_json(w, {"values": values})
        return await self.rerun(fragment_id=w.fragment_id)

    @property
    def server(self) -> str:
        """The process that answered last, as a proxy in front named it (X-Upstream: the last address of its list,
        which holds every process nginx tried), or "" without such a proxy."""
        return self.upstream[-1].split(",")[-1].strip() if self.upstream else ""

    @property
    def connected(self) -> bool:
        return self._reader is not None and not self._reader.done()

    async def wait_closed(self, timeout: float = 30.0) -> None:
        """Until the server's end of the websocket has gone (a process that ended)."""
        if self._reader is not None:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)


async def warm(base: str, timeout: float = 120.0) -> float:
    """Open the page once and move x1 once, as the first visitor would; seconds it took."""
    c = Client(base, timeout=timeout)
    t = await c.open()
    await c.move_x1()
    await c.close()
    if c.exceptions:
        raise RuntimeError(f"{base}: {c.exceptions[0]}")
    return t


if __name__ == "__main__":  # scripts/serve_class.sh warms each process up: python bench/ws_client.py URL...
    for url in sys.argv[1:]:
        print(f"warmed {url} in {asyncio.run(warm(url)):.1f} s", flush=True)
