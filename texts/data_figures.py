"""Strings of the data figures (viz/data_figures.py): axis titles, legends, hover texts."""

from __future__ import annotations

DATA_FIGURE_STRINGS: dict[str, dict[str, str]] = {}
