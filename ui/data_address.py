"""The data set in the address bar: `?data=` holds its recipe (engine.datasets' ref), not its numbers.

A network trained on a toy or bundled data set takes the training split as its samples; written out in
full, that is too much for an address (1,437 digits of 64 pixels). So while the network's samples are
the data set's training split, the link carries the recipe and the network with its first sample only,
and opening it rebuilds the data and puts the whole split back. An uploaded CSV has no recipe: its
network travels as it is (or is offered as a file when too big for an address).
"""

from __future__ import annotations

import base64
import binascii
import json

import numpy as np
import streamlit as st

from engine.budget import over_budget
from engine.config import NetworkConfig
from engine.datasets import DataError, Dataset, from_ref
from texts import t

MAX_TOKEN = 2_000  # a recipe is a few short fields


def data_token(ds: Dataset | None, whole: bool) -> str | None:
    """base64url of {"ref": recipe, "whole": 0/1} as compact JSON, or None (no data, or data without a
    recipe); whole says the link's network stands for one holding the whole training split."""
    if ds is None or ds.ref is None:
        return None
    body = {"ref": ds.ref, "whole": int(whole)}
    raw = json.dumps(body, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_data(token: str) -> tuple[Dataset, bool]:
    """The data set a ?data= value names and its `whole` flag; DataError with a readable reason if it names none."""
    token = (token or "").strip()
    if not token or len(token) > MAX_TOKEN:
        raise DataError("bad_ref", value=repr(token[:40]))
    try:
        body = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise DataError("bad_ref", value=repr(token[:40])) from None
    if not isinstance(body, dict) or not isinstance(body.get("ref"), dict) or body.get("whole") not in (0, 1):
        raise DataError("bad_ref", value=repr(token[:40]))
    return from_ref(body["ref"]), bool(body["whole"])


def holds_split(cfg: NetworkConfig, ds: Dataset | None) -> bool:
    """Whether the network's samples are exactly ds's training split."""
    if ds is None or cfg.m != ds.n_train or cfg.layers[0] != ds.n_in or cfg.layers[-1] != ds.y_train.shape[1]:
        return False
    return np.array_equal(np.asarray(cfg.x, float), ds.x_train) and np.array_equal(np.asarray(cfg.y, float), ds.y_train)


def from_link(cfg: NetworkConfig, ds: Dataset, whole: bool) -> NetworkConfig:
    """The inverse of for_link: a one-sample network whose sample is the split's first gets the whole split
    back, when the link says it stood for it (a single sample opened from the data page stays single)."""
    fits = whole and cfg.m == 1 and cfg.layers[0] == ds.n_in and cfg.layers[-1] == ds.y_train.shape[1]
    fits = fits and over_budget(cfg.layers, ds.n_train) is None  # a link may pair big data with a wide net
    if fits and np.array_equal(np.asarray(cfg.x[0], float), ds.x_train[0]):
        return cfg.replace(x=ds.x_train.tolist(), y=ds.y_train.tolist())
    return cfg


# ---- session state (ui/state.py calls these) ----
def link_parts(cfg: NetworkConfig) -> tuple[NetworkConfig, str | None]:
    """The network as the address carries it and the ?data= value (remembered per config and data set:
    comparing a digits split costs a few ms)."""
    ss = st.session_state
    ds = ss.get("data")
    memo = ss.get("_data_link")
    if memo is None or memo[0] is not cfg or memo[1] is not ds:
        whole = ds is not None and ds.ref is not None and holds_split(cfg, ds)
        link_cfg = cfg.replace(x=cfg.x[:1], y=cfg.y[:1]) if whole else cfg
        memo = ss._data_link = (cfg, ds, link_cfg, data_token(ds, whole))
    return memo[2], memo[3]


def restore(token: str, cfg: NetworkConfig | None, lang: str) -> NetworkConfig | None:
    """At a session's first run: the data set the address names into session state, and the network's
    samples back to its whole split where the link stood for that. A bad value says so; nothing else changes."""
    from ui import state  # state imports this module

    try:
        ds, whole = decode_data(token)
    except DataError as e:
        from ui.data_source import data_error

        state.flash("error", t("bad_data_link", lang, err=data_error(e, lang)))
        return cfg
    st.session_state.data = ds
    return from_link(cfg, ds, whole) if cfg is not None else cfg
