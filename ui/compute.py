"""Cached engine calls for the pages (keyed by the config's JSON, never reading widgets)."""

from __future__ import annotations

import streamlit as st

from engine.network import PassResult, run_pass


@st.cache_data(max_entries=64, show_spinner=False)
def _pass(key: int, _config) -> PassResult:
    """key identifies the config (its hash); the leading underscore keeps Streamlit from hashing it again."""
    return run_pass(_config)


def current_pass() -> PassResult:
    cfg = st.session_state.config
    return _pass(hash(cfg), cfg)
