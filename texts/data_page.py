"""Strings of the data & training page (lessons/data.py)."""

from __future__ import annotations

DATA_PAGE_STRINGS: dict[str, dict[str, str]] = {}
