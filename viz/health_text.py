"""The network's health in words: the one-line verdict and the numbers it quotes (engine.health's findings).

Pure text (no streamlit), so the explorer's chart can carry the verdict (layout.meta.health) and keep it
current when a data slider hands it a new picture without rerunning the page.
"""

from __future__ import annotations

import numpy as np

from engine.health import Finding, diagnose, health
from engine.network import PassResult
from texts import t
from viz.hover import text_num
from viz.notation import Notation

DIGITS = 3  # significant digits of every number in the panel
NOT_APPLICABLE = "—"


def num(v: float) -> str:
    return text_num(v, DIGITS)


def times(r: float) -> str:
    """A ratio for a sentence: 14,100 (three significant digits, thousands separated), 2.35; ∞ and NaN as such."""
    if not np.isfinite(r):
        return num(r)
    r = float(f"{r:.{DIGITS}g}")
    return f"{r:,.0f}" if 100 <= r < 1e9 else num(r)


def percent(share: float | None) -> str:
    if share is None:
        return NOT_APPLICABLE
    return f"{num(100 * share)} %"


def verdict(f: Finding, result: PassResult, notation: Notation, lang: str) -> str:
    """The finding as one sentence; layer numbers in the reader's notation. Numbers and fixed words only."""
    l = notation.layer_number(f.layer or 1)
    if f.kind == "dead":
        key = "health_v_dead_one" if result.m == 1 else "health_v_dead"
        return t(key, lang, k=f.count, n=f.width, l=l, m=result.m)
    if f.kind == "saturated":
        if result.m == 1:
            return t("health_v_saturated_one", lang, k=f.count, n=f.width, l=l)
        return t("health_v_saturated", lang, pct=percent(f.share), l=l, m=result.m)
    if f.kind in ("vanishing", "exploding"):
        r = 1 / f.ratio if f.kind == "vanishing" else f.ratio
        return t("health_v_" + f.kind, lang, r=times(r), l=l, last=num(f.last), first=num(f.first))
    if f.kind == "copies":
        return t("health_v_copies", lang, n=f.width, l=l)
    return t("health_v_" + f.kind, lang, l=l, last=num(f.last), first=num(f.first))


def health_line(result: PassResult, notation: Notation, lang: str) -> str:
    """The title and the verdict, for the line under the explorer's chart."""
    with np.errstate(all="ignore"):
        line = verdict(diagnose(health(result)), result, notation, lang)
    return f"{t('health_title', lang)} · {line}"
