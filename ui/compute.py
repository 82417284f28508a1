"""Cached engine calls for the pages (keyed by the config's JSON, never reading widgets)."""

from __future__ import annotations

import streamlit as st

from engine.config import from_json
from engine.network import PassResult, run_pass


@st.cache_data(max_entries=64, show_spinner=False)
def _pass(config_json: str) -> PassResult:
    return run_pass(from_json(config_json))


def current_pass() -> PassResult:
    return _pass(st.session_state.config.to_json())
