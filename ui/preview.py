"""A slider's new picture, drawn before Streamlit's rerun reaches the browser (issue 10, item 8).

Moving x or y reruns the builder fragment, a width or the number of hidden layers the structure fragment; each
hands the explorer's chart its new figure through a bridge (ui/live.py). In the browser that figure waits behind
Streamlit's own handling of the run (a run's start re-renders the page twice, ~30 ms), then plotly draws it. So
the chart also asks this route, outside Streamlit's run, for the same picture: the network on screen (its link,
which the picture carries as layout.meta.preview) with the slider's new value, composed as the fragment composes
it (ui/compose.py). The chart draws the answer only if no other picture was drawn since it asked; the rerun's
figure, the same picture (the same rev), is then not drawn again and brings the animation frames. The rerun
stays the truth: any other figure it sends is drawn as before.

The route is stateless, a pure function of what it is sent, exactly like opening a link: it shows only the
network it is given, refuses one beyond PREVIEW_MAX_NUMBERS, and answers one request at a time a process
(another is told 503 at once and the browser simply waits for the rerun's picture).
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from dataclasses import replace

from engine.config import ConfigError, NetworkConfig, from_dict
from texts import LANGS
from ui import compose
from ui.plotly_component import payload
from ui.state import decode_net, encode_net, link_numbers, materialise
from viz.animation import animated_figure_dict
from viz.notation import NOTATIONS
from viz.scales import SCALES
from viz.view import QUANTITIES, View

PATH = "/api/preview"
PREVIEW_MAX_NUMBERS = 4_000  # weights, biases and data a picture's link carries: 1,200 edges fit (bench/)
MAX_BODY = 256 * 1024
CHOICES = {"nodes": QUANTITIES, "edges": ("dW", "W"), "notation": NOTATIONS, "lang": tuple(LANGS), "scale": SCALES}


def picture_rev(config_digest: str, view: View) -> str:
    """The name of a picture: its network's digest (ui.compute.digest) and its view (the browser skips a
    picture it has drawn)."""
    return hashlib.blake2b(repr((config_digest, view)).encode("utf-8"), digest_size=10).hexdigest()


def preview_base(config: NetworkConfig, view: View) -> dict | None:
    """What the picture carries for the next data move's preview (layout.meta.preview): its network's link and
    its view; None for a network beyond PREVIEW_MAX_NUMBERS (its moves wait for the rerun, as before)."""
    if link_numbers(config, drawn=False) > PREVIEW_MAX_NUMBERS:
        return None
    return {"net": encode_net(config), "view": view_fields(view)}


def view_fields(view: View) -> dict:
    return {f: getattr(view, f) for f in View.__dataclass_fields__}


def explorer_picture(config: NetworkConfig, result, view: View) -> dict:
    """The explorer's animated figure of config's pass (result) without its frames, carrying its preview base."""
    fig = animated_figure_dict(result, view, with_frames=False)
    fig["layout"]["meta"]["preview"] = preview_base(config, view)
    return fig


def _view(d) -> View:
    """A View from the fields a picture carried, every one checked (a request is untrusted input)."""
    if not isinstance(d, dict) or set(d) - set(View.__dataclass_fields__):
        raise ValueError("view: unknown fields")
    out = {}
    for name, default in view_fields(View()).items():
        v = d.get(name, default)
        if isinstance(default, bool):
            ok = isinstance(v, bool)
        elif isinstance(default, int):
            ok = isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100_000
        else:
            ok = v in CHOICES[name]
        if not ok:
            raise ValueError(f"view: bad {name}")
        out[name] = v
    return View(**out)


def _row(values, n: int, name: str) -> list[float]:
    if not isinstance(values, list) or len(values) != n:
        raise ValueError(f"{name}: expected {n} numbers")
    row = [_number(v) for v in values]
    if None in row:
        raise ValueError(f"{name}: not finite numbers")
    return row


def _number(v) -> float | None:
    """v as a finite float, or None (text, true/false, NaN, an integer beyond any float)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    try:
        f = float(v)
    except OverflowError:
        return None
    return f if math.isfinite(f) else None


def _moved(base: NetworkConfig, view: View, req: dict) -> tuple[dict, View]:
    """The network (engine.config.from_dict's fields) and the view after the request's move, composed as the
    sidebar's fragments compose it: "x": row, "y": row or null (the sample shown takes them), or "slider": key and
    "value": hidden, w0, w1, ..., wout (the structure fragment's network), m, sample (1-based) or l2; or "choice":
    a select box's key and "label": its option's text (act1, ..., pair, scheme), or new_weights."""
    if "choice" in req:  # a select box's option or the New random weights button: the structure fragment's network
        label = req.get("label", "")
        if not isinstance(label, str) or len(label) > 200:
            raise ValueError("label: expected an option's text")
        widths, acts, loss, init = compose.chosen(base, str(req["choice"]), label, view.lang)
        return compose.restructured(base, widths, acts, loss, init)[0], view
    slider, value = req.get("slider"), req.get("value")
    if slider is None:
        d = base.to_dict()
        d["x"], d["y"] = [list(r) for r in d["x"]], [list(r) for r in d["y"]]
        d["x"][view.sample] = _row(req.get("x"), base.layers[0], "x")
        if req.get("y") is not None:
            d["y"][view.sample] = _row(req["y"], base.layers[-1], "y")
        return d, view
    if slider == "l2":
        l2 = _number(value)
        if l2 is None or not 0 <= l2 <= 1e6:
            raise ValueError("value: expected a λ of 0 or more")
        return {**base.to_dict(), "l2": l2}, view
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 256:
        raise ValueError("value: expected a whole number up to 256")
    if slider == "sample":
        if not 1 <= value <= base.m:
            raise ValueError("value: no such sample")
        return base.to_dict(), replace(view, sample=value - 1)
    if slider == "m":
        if value < 1:
            raise ValueError("value: expected 1 sample or more")
        d = base.to_dict()
        d["x"], d["y"] = compose.fit_data(base, list(base.layers), base.loss, value)
        return d, replace(view, sample=min(view.sample, value - 1))
    widths, acts, loss = compose.moved_structure(base, str(slider), value)
    d, _ = compose.restructured(base, widths, acts, loss, compose.init_of(base))
    return d, view


def preview(body: bytes) -> bytes:
    """The answer to one request: JSON {"rev", "fig"}. The request is {"net": link, "view": {...}} and the move
    (_moved), within the app's work budget (engine.config.from_dict); ConfigError or ValueError when it is not one."""
    from ui.compute import digest, run_quiet  # not on the server's import of app.py: caches need Streamlit's runtime

    req = json.loads(body)
    if not isinstance(req, dict) or not isinstance(req.get("net"), str):
        raise ValueError("expected {net, view, x, y}")
    if len(req["net"]) > 4 * MAX_BODY // 3:
        raise ValueError("net: too long")
    view = _view(req.get("view"))
    base = materialise(decode_net(req["net"]))  # as the session holds it: explicit weights
    if link_numbers(base, drawn=False) > PREVIEW_MAX_NUMBERS:
        raise ValueError("network too big to preview")
    if view.sample >= base.m:
        raise ValueError("view: no such sample")
    d, view = _moved(base, view, req)
    config = from_dict(d, budget=True)
    if link_numbers(config, drawn=False) > PREVIEW_MAX_NUMBERS:
        raise ValueError("network too big to preview")
    fig = explorer_picture(config, run_quiet(config), view)
    return payload({"rev": picture_rev(digest(config), view)}, "fig", fig)


def routes() -> list:
    """The app's one route of its own (app.py): POST PATH -> preview(body), or an HTTP error with a short reason."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    busy = threading.Lock()  # one preview at a time a process: a flood of requests costs one thread

    async def endpoint(request):
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return PlainTextResponse("request too large", 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return PlainTextResponse("request too large", 413)
        if not busy.acquire(blocking=False):
            return PlainTextResponse("busy", 503)
        try:
            answer = await run_in_threadpool(preview, body)
        except (ConfigError, ValueError, TypeError, KeyError, IndexError, RecursionError) as e:
            return PlainTextResponse(f"no preview: {str(e)[:200]}", 400)
        finally:
            busy.release()
        return Response(answer, media_type="application/json", headers={"Cache-Control": "no-store"})

    return [Route(PATH, endpoint, methods=["POST"])]
