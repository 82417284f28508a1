"""Session state: one NetworkConfig per browser session, plus view settings; and the share link.

The config in session state always carries explicit weights and biases, so hand edits survive
every other change and a share link reproduces the network exactly.
"""

from __future__ import annotations

import base64
import binascii
import zlib

import streamlit as st

from engine.config import MAX_JSON_CHARS, ConfigError, NetworkConfig, from_json
from engine.network import config_params
from engine.presets import PRESETS, default_config, preset
from ui.i18n import LANGS, t

MAX_LINK_CHARS = 2_000_000
MAX_UPLOAD_BYTES = 1_000_000


# ---- share link (pure) ----
def encode_net(config: NetworkConfig) -> str:
    """base64url (no padding) of the zlib-compressed UTF-8 config JSON."""
    raw = zlib.compress(config.to_json().encode("utf-8"), 9)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


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
        text = d.decompress(raw, MAX_JSON_CHARS + 1)
        if d.unconsumed_tail:
            raise ConfigError("the link's network is too large")
    except zlib.error:
        raise ConfigError("the link's net value is not zlib-compressed data (it may have been cut short)") from None
    return from_json(text)


def parse_upload(data: bytes) -> NetworkConfig:
    """A config file's bytes (at most 1 MB) as a validated config."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ConfigError(f"the file is {len(data):,} bytes; the limit is 1 MB")
    return from_json(data)


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
    ss.config = materialise(config or default_config())
    ss.sample = 0
    ss.step = 0


def config() -> NetworkConfig:
    return st.session_state.config


def load(new: NetworkConfig) -> None:
    """Replace the whole network (preset, link, file): every builder widget starts again from it."""
    ss = st.session_state
    ss.config = materialise(new)
    ss.builder_rev += 1
    ss.weights_rev += 1
    ss.sample = 0
    ss.step = 0


def set_config(new: NetworkConfig, weights_changed: bool = False) -> None:
    """Store an edit made through the builder widgets."""
    ss = st.session_state
    ss.config = new
    if weights_changed:
        ss.weights_rev += 1
    ss.sample = min(ss.sample, new.m - 1)


def flash(kind: str, message: str) -> None:
    st.session_state.flash.append((kind, message))


def show_flash() -> None:
    """Messages from callbacks and URL decoding, shown once."""
    for kind, message in st.session_state.flash:
        getattr(st, kind)(message)
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
