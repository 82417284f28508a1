"""Session state: one NetworkConfig per browser session, plus view settings; and the share link.

The config in session state always carries explicit weights and biases, so hand edits survive
every other change and a share link reproduces the network exactly.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

import streamlit as st

from engine.budget import MAX_MULTIPLY_ADDS, MAX_VALUES
from engine.config import ConfigError, NetworkConfig, from_json
from engine.network import config_params, init_params
from engine.presets import PRESETS, default_config, preset
from texts import LANGS, t
from ui import data_address, messages
from ui.lesson_address import lesson_address

MAX_UPLOAD_BYTES = 1_000_000
MAX_LINK_JSON = MAX_UPLOAD_BYTES  # a link carries at most what a file may: a tiny link can unzip to gigabytes
MAX_URL_CHARS = 100_000  # the server refuses addresses above ~125 KB with a bare HTTP 400
MAX_LINK_NUMBERS = 20_000  # above this a link is not even tried: random numbers compress to ~8 bytes each
MAX_LINK_CHARS = 2 * MAX_URL_CHARS


# ---- share link (pure) ----
def encode_net(config: NetworkConfig, drawn: bool = False) -> str:
    """base64url (no padding) of the zlib-compressed UTF-8 config JSON; without the weights and biases
    when `drawn` says they are the init's own draw (the init and its seed travel instead)."""
    d = config.to_dict()
    if drawn:
        d.pop("weights", None)
        d.pop("biases", None)
    raw = zlib.compress(json.dumps(d, separators=(",", ":")).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def link_numbers(config: NetworkConfig, drawn: bool) -> int:
    """How many numbers a link to this network carries."""
    n = config.m * (config.layers[0] + config.layers[-1])
    return n if drawn else n + sum(a * b + a for a, b in zip(config.layers[1:], config.layers[:-1]))


def decode_net(token: str) -> NetworkConfig:
    """The config in a ?net= value; ConfigError with a readable reason if it is not one."""
    token = (token or "").strip()
    if not token:
        raise ConfigError("the link's net value is empty")
    if len(token) > MAX_LINK_CHARS:
        raise ConfigError("the link is too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        raise ConfigError("the link's net value is not base64url text") from None
    try:
        d = zlib.decompressobj()
        text = d.decompress(raw, MAX_LINK_JSON + 1)
        if d.unconsumed_tail or len(text) > MAX_LINK_JSON:
            raise ConfigError(
                f"the link holds {_unzipped_size(d, len(text))} bytes of JSON; a link or file may hold "
                f"{MAX_LINK_JSON:,} here (work budget: {MAX_VALUES:,} values, {MAX_MULTIPLY_ADDS:,} multiply-adds)"
            )
    except zlib.error:
        raise ConfigError("the link's net value is not zlib-compressed data (it may have been cut short)") from None
    return from_json(text, budget=True)


def _unzipped_size(d, n: int, most: int = 50_000_000) -> str:
    """How big the rest of a zlib stream unpacks to, counted in chunks and thrown away, up to `most`."""
    while d.unconsumed_tail and n <= most:
        n += len(d.decompress(d.unconsumed_tail, 1_000_000))
    return f"{n:,}" if n <= most else f"more than {most:,}"


def parse_upload(data: bytes) -> NetworkConfig:
    """A config file's bytes (at most 1 MB) as a validated config within the app's work budget."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ConfigError(f"the file is {len(data):,} bytes; the limit is 1 MB")
    return from_json(data, budget=True)


def drawn_params(layers: tuple[int, ...], init) -> tuple:
    """The init's draw as a config holds it (tuples of floats), remembered per session for one
    (layers, init): deciding whether a link may leave the weights out must cost a comparison, not a draw."""
    ss = st.session_state
    memo = ss.get("_drawn")
    if memo is None or memo[0] != (layers, init):
        params = init_params(layers, init)
        W = tuple(tuple(map(tuple, w.tolist())) for w, _ in params)
        b = tuple(tuple(bb.tolist()) for _, bb in params)
        memo = ss._drawn = ((layers, init), W, b)
    return memo[1], memo[2]


def is_drawn(config: NetworkConfig) -> bool:
    """Whether the network's weights and biases are exactly its init's draw."""
    W, b = drawn_params(config.layers, config.init)
    return config.weights == W and config.biases == b


def share_token(config: NetworkConfig) -> str | None:
    """The ?net= value for this network, or None when it does not fit an address (offer the file)."""
    drawn = is_drawn(config)
    if link_numbers(config, drawn) > MAX_LINK_NUMBERS:
        return None
    token = encode_net(config, drawn)
    return token if len(token) <= MAX_URL_CHARS else None


def materialise(config: NetworkConfig) -> NetworkConfig:
    """The same network with its weights and biases written out."""
    if config.weights is not None and config.biases is not None:
        return config
    params = config_params(config)
    return config.replace(weights=[W for W, _ in params], biases=[b for _, b in params])


# ---- session state ----
def init_session() -> None:
    """First run of a session: language, notation and network from the URL, else the defaults."""
    ss = st.session_state
    if "config" in ss:
        return
    ss.builder_rev = 0
    ss.weights_rev = 0
    ss.flash = []
    q = st.query_params
    lang = q.get("lang", "en")
    ss._lang = lang if lang in LANGS else "en"
    ss._notation = q.get("notation", "lee") if q.get("notation") in ("lee", "ng") else "lee"
    ss._large = presenting()  # ?present=1 opens in presentation mode
    ss._hide = hidden_groups()
    config = None
    if "net" in q:
        try:
            config = decode_net(q["net"])
            ss._preset_pick = "custom"  # the picker must not name a preset the link's network is not
        except ConfigError as e:
            ss.flash.append(("error", t("bad_link", ss._lang, err=e)))
    elif "preset" in q:
        if q["preset"] in PRESETS:
            config = preset(q["preset"])
            ss._preset_pick = q["preset"]
        else:
            ss.flash.append(("error", t("bad_preset", ss._lang, name=q["preset"])))
    if q.get("quiz", "").isdigit():  # a teacher's quiz link opens the explorer's quiz view
        ss.view = "quiz"
    if "data" in q:  # a data set's recipe (ui/data_address.py): rebuilt, and the network's samples with it
        config = data_address.restore(q["data"], config, ss._lang)
    ss.config = materialise(config or default_config())
    ss.sample = 0


def address() -> dict[str, str | None]:
    """What the address bar holds for this session (None: absent): the network as ?preset= while it is that
    preset, else as ?net= (absent when too big for an address), and the language, notation and presentation
    mode where they are not the defaults. The page is the path; the frame is the chart's (ui/live_chart.js)."""
    ss = st.session_state
    cfg = ss.config
    pick = ss.get("preset_pick", ss.get("_preset_pick"))
    named = pick in PRESETS and not ss.get("_preset_stale") and cfg == preset_config(pick)
    link_cfg, data = data_address.link_parts(cfg)
    return {
        "preset": pick if named else None,
        "net": None if named else share_token(link_cfg),
        "data": data,
        "lang": None if lang() == "en" else lang(),
        "notation": None if notation() == "lee" else notation(),
        "present": "1" if ss.get("large", ss.get("_large")) else None,
        "quiz": str(ss.quiz_seed) if ss.get("view") == "quiz" and "quiz_seed" in ss else None,
        **lesson_address(),
    }


def preset_config(name: str) -> NetworkConfig:
    """A preset with its weights written out, as a session holds it (remembered per session)."""
    ss = st.session_state
    memo = ss.get("_preset_cfg")
    if memo is None or memo[0] != name:
        memo = ss._preset_cfg = (name, materialise(preset(name)))
    return memo[1]


def sync_address() -> None:
    """Keep the address bar on the current state, as TensorFlow Playground keeps its hash: a refresh, Back,
    a bookmark or a copied address restore it. Written only when something changed, in one message (each key written
    is one: a message the browser handles, and a history entry it rewrites, before the next picture)."""
    q = st.query_params
    now, managed = q.to_dict(), address()
    want = {k: v for k, v in now.items() if k not in managed}  # keys of others stay (?hide=, ?lesson=, ...)
    want.update({k: v for k, v in managed.items() if v is not None})
    if want != now:
        q.from_dict(want)


HIDEABLE = ("builder", "view")  # ?hide=builder,view: the network builder, the explorer's view controls


def presenting() -> bool:
    """Whether the address asks for lecture mode (?present=1): large text, the sidebar collapsed."""
    return st.query_params.get("present", "") in ("1", "true", "yes")


def hidden_groups() -> frozenset:
    """The control groups the address hides for projection (?hide=builder,view), as TensorFlow Playground does."""
    return frozenset(g.strip() for g in st.query_params.get("hide", "").split(",")) & set(HIDEABLE)


def hides(group: str) -> bool:
    return group in st.session_state.get("_hide", frozenset())


def config() -> NetworkConfig:
    return st.session_state.config


def load(new: NetworkConfig) -> None:
    """Replace the whole network (preset, link, file, trained weights, an experiment): every builder widget
    starts again from it, and the preset picker names a preset only if the network is that preset."""
    ss = st.session_state
    ss.config = materialise(new)
    ss.builder_rev += 1
    ss.weights_rev += 1
    ss.sample = 0
    ss._preset_stale = False  # a new network: whether it is the picked preset is decided afresh
    _unname_preset(ss.config)


def set_config(new: NetworkConfig, weights_changed: bool = False) -> None:
    """Store an edit made through the builder widgets; the preset picker, drawn after them in the same run
    (ui/sidebar.py), then says custom instead of naming a network that is gone."""
    ss = st.session_state
    ss.config = new
    if weights_changed:
        ss.weights_rev += 1
    ss.sample = min(ss.sample, new.m - 1)
    _unname_preset(new)


def _unname_preset(config: NetworkConfig) -> bool:
    """Point the preset picker (`preset_pick`, remembered as `_preset_pick`) at custom when the network is no
    longer the preset it names; True if it did. The picker shows the change when it is next drawn in a full run
    (ui/sidebar.py: after the builder, so a structure edit shows at once, a data edit at the next full run)."""
    ss = st.session_state
    if ss.get("_preset_stale"):
        return True
    picked = ss.get("preset_pick", ss.get("_preset_pick"))
    if picked not in PRESETS or config == materialise(preset(picked)):
        return False
    ss._preset_pick = "custom"
    ss._preset_stale = True  # the picker (ui/sidebar.py) says custom when it is next drawn in a full run
    return True


def flash(kind: str, message: str) -> None:
    st.session_state.flash.append((kind, message))


def show_flash() -> None:
    """Messages from callbacks and URL decoding, shown once, on the page where they happened, as plain text."""
    for kind, message in st.session_state.flash:
        messages.show(kind, message)
    st.session_state.flash = []


def restore(key: str) -> None:
    """Before drawing a widget: bring back its value if Streamlit dropped it (it does on a page switch)."""
    ss = st.session_state
    if key not in ss and "_" + key in ss:
        ss[key] = ss["_" + key]


def keep(key: str, value) -> None:
    """After drawing a widget: remember its value under a key no page switch clears."""
    st.session_state["_" + key] = value


def lang() -> str:
    ss = st.session_state
    return ss.get("lang") or ss.get("_lang", "en")


def notation() -> str:
    ss = st.session_state
    return ss.get("notation") or ss.get("_notation", "lee")
