"""Strings of the data layer (engine/datasets.py, engine/csvdata.py): data-set names and every data error, by key."""

from __future__ import annotations

DATA_ENGINE_STRINGS: dict[str, dict[str, str]] = {}
