"""The page as a Streamlit client holds it, for bench/ws_client.Client: the ForwardMsgs the server sends decoded
into the page's elements, session id, script hash, address and exceptions; the BackMsg `rerun_script` a rerun
sends; and the page read back (an element by kind, a components.v2 element and its data, the network figure)
and written to (a widget's new value, held until the next rerun sends it).

The messages are the installed streamlit's (1.67) protobufs, as its frontend reads and writes them: see
bench/ws_client.py for the conversation they take part in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

DONE = {  # a run chain has settled (FINISHED_EARLY_FOR_RERUN is followed by another run)
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}


@dataclass
class Widget:
    """An element found in the deltas: its id, the fragment it was drawn in, and the element itself."""

    id: str
    fragment_id: str
    element: object
    path: tuple


class Page:
    """What a client knows of its page, built from the messages it receives. The client (a dataclass) holds the
    state: base, path, query, session_id, page_hash, exceptions, elements (delta_path -> (Element, fragment_id)),
    widgets (widget id -> WidgetState) and _cache (hash -> ForwardMsg, for cacheable elements: ref_hash)."""

    # ---- the messages ----
    def _handle(self, msg: ForwardMsg):
        """Take in one ForwardMsg; a script_finished's status (the end of a run), else None."""
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":  # an element this client said it holds: the browser takes it from its cache
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                self.exceptions.append(f"ref_hash {msg.ref_hash} not in the client's cache")
                return None
            full = ForwardMsg()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(msg.metadata)
            msg, kind = full, full.WhichOneof("type")
        elif msg.metadata.cacheable:
            self._cache[msg.hash] = msg
        if kind == "new_session":
            ns = msg.new_session
            if ns.HasField("initialize") and ns.initialize.session_id:
                self.session_id = ns.initialize.session_id
            self.page_hash = ns.page_script_hash or self.page_hash
            if not msg.metadata.run.fragment_ids:  # a full run redraws every element
                self.elements.clear()
        elif kind == "delta":
            d = msg.delta
            if d.WhichOneof("type") == "new_element":
                el = d.new_element
                self.elements[tuple(msg.metadata.delta_path)] = (el, d.fragment_id)
                if el.WhichOneof("type") == "exception":
                    self.exceptions.append(f"{el.exception.type}: {el.exception.message}"[:300])
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            exc = msg.session_event.script_compilation_exception
            self.exceptions.append(f"compile error {exc.type}: {exc.message}"[:300])
        elif kind == "script_finished":
            return msg.script_finished
        return None

    def _rerun_msg(self, fragment_id: str, first: bool) -> BackMsg:
        """rerun_script with every widget value held, the address, the page and the cached messages' hashes."""
        back = BackMsg()
        cs = back.rerun_script
        cs.query_string = self.query
        if first or not self.page_hash:
            cs.page_name = self.path.strip("/")
        else:
            cs.page_script_hash = self.page_hash
        cs.widget_states.widgets.extend(self.widgets.values())
        cs.fragment_id = fragment_id
        cs.cached_message_hashes.extend(self._cache)
        ci = cs.context_info
        ci.timezone, ci.timezone_offset, ci.locale = "UTC", 0, "en-US"
        ci.url = f"{self.base}/{self.path}" + (f"?{self.query}" if self.query else "")
        return back

    # ---- reading the page ----
    def find(self, kind: str, pred=lambda el: True) -> Widget | None:
        """The first element of this kind (an Element's oneof name, e.g. 'bidi_component', 'slider') matching pred."""
        for path, (el, frag) in sorted(self.elements.items()):
            if el.WhichOneof("type") == kind:
                inner = getattr(el, kind)
                if pred(inner):
                    return Widget(getattr(inner, "id", ""), frag, inner, path)
        return None

    def component(self, name: str) -> Widget | None:
        """A components.v2 element by its name's end (e.g. 'bpx_sliders')."""
        return self.find("bidi_component", lambda c: c.component_name.endswith(name))

    def component_data(self, name: str):
        """The data a components.v2 element was given (JSON), or None."""
        w = self.component(name)
        if w is None:
            return None
        c = w.element
        raw = c.bytes or c.json or (c.mixed.json if c.HasField("mixed") else "")
        return json.loads(raw) if raw else None

    def set_json(self, widget: Widget, value) -> None:
        """Hold a new JSON value for a widget (a components.v2 element's state: {"values": ...})."""
        self.widgets[widget.id] = WidgetState(id=widget.id, json_value=json.dumps(value))

    def set_slider(self, widget: Widget, value: float) -> None:
        """Hold a new value for an st.slider (sent as a one-number array, as the browser does)."""
        ws = WidgetState(id=widget.id)
        ws.double_array_value.data.append(value)
        self.widgets[widget.id] = ws

    def figure(self) -> dict | None:
        """The newest network figure the page holds: one the sidebar's bridge pushed after a slider move
        (ui/live.py), else the explorer's live chart's."""
        figs = {"bpx_bridge": None, "bpx_plot": None}
        for _, (el, _) in sorted(self.elements.items()):
            if el.WhichOneof("type") != "bidi_component":
                continue
            c = el.bidi_component
            name = c.component_name.rsplit(".", 1)[-1]
            raw = c.bytes or c.json
            if name in figs and raw and figs[name] is None:
                figs[name] = (json.loads(raw) or {}).get("fig")
        return figs["bpx_bridge"] or figs["bpx_plot"]
