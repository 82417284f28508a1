"""Cached engine calls for the pages, keyed by the exact content of the config (never reading widgets).

A result is found again by a digest of the config's canonical JSON: two networks that differ anywhere,
by one bit of one number, never share a result (Python's built-in hashing would: -1.0 and -2.0 collide).
Small results are shared by every session (a class opening one link computes it once), within a byte
budget and for a limited time; a result too big for that is kept by its own session only, for as long
as the session shows that network.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import streamlit as st

from engine.budget import record_bytes
from engine.config import NetworkConfig
from engine.network import PassResult, run_pass

SHARED_ENTRIES = 32
SHARED_MAX_BYTES = 2_000_000  # per result: the shared cache holds at most SHARED_ENTRIES x this (64 MB)
SHARED_TTL_S = 600


def digest(config: NetworkConfig) -> str:
    """blake2b of the canonical JSON (sorted keys, exact float reprs: -0.0 and 0.0 differ too)."""
    text = json.dumps(config.to_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def config_digest() -> str:
    """The session's config's digest, computed once per config object (the canonical JSON of a big net
    costs ~0.1 s, and every run of a page asks)."""
    ss = st.session_state
    cfg = ss.config
    memo = ss.get("_digest")
    if memo is None or memo[0] is not cfg:
        memo = ss._digest = (cfg, digest(cfg))
    return memo[1]


@st.cache_data(max_entries=SHARED_ENTRIES, ttl=SHARED_TTL_S, show_spinner=False)
def _shared_pass(key: str, _config: NetworkConfig) -> PassResult:
    """key is the config's digest; the leading underscore keeps Streamlit from hashing the config itself."""
    return run_quiet(_config)


def run_quiet(config: NetworkConfig) -> PassResult:
    """One pass, uncached; inf/NaN left to the pass's own reports instead of numpy's warnings."""
    with np.errstate(all="ignore"):  # inf/NaN from overflowing weights or inputs are reported (engine.health)
        return run_pass(config)


def current_pass() -> PassResult:
    """The pass of the session's network: from this session's memo, the shared cache, or computed."""
    ss = st.session_state
    cfg, key = ss.config, config_digest()
    memo = ss.get("_pass")
    if memo is not None and memo[0] == key:
        return memo[1]
    small = record_bytes(cfg.layers, cfg.m) <= SHARED_MAX_BYTES
    result = _shared_pass(key, cfg) if small else run_quiet(cfg)
    ss._pass = (key, result)
    return result
