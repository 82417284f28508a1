"""A lesson as one self-contained .html file: the explorer's animation, played offline with no Python.

Everything is inlined (the page's script and style, plotly.js's basic bundle and KaTeX from static/vendor/,
the lesson's figures as JSON), and the page's Content-Security-Policy forbids every request, so the file
plays from a USB stick on a machine with no network. A lesson is a list of steps, each one explorer figure
(viz.animation.animated_figure_dict, frames included) with the teacher's note and a title; the page shows one
step at a time and PageDown at a step's last frame goes on to the next step, so a clicker walks the lesson.

Text from the teacher (the lesson's title, each step's title and note) is plain text: escaped where the
page writes it into the HTML, set with textContent by the script, never parsed as markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from engine.config import NetworkConfig
from engine.network import run_pass
from texts.offline import OFFLINE_STRINGS
from viz.animation import animated_figure_dict
from viz.figure import figure_json
from viz.view import View

HERE = Path(__file__).resolve().parent
CORE = HERE.parent / "ui"  # chart_core.js and .css: the figure's HTML around the plot, shared with the live chart
VENDOR = HERE.parent / "static" / "vendor"
PLOTLY_JS = "plotly-basic-4.1.1.min.js"  # the plotly.js version the plotly python package bundles (vendor.sh)
KATEX_JS = "katex-0.19.1.min.js"
LANGS = ("en", "zh")
TRACE_TYPES = ("scatter", "bar", "pie")  # what plotly.js's basic bundle draws
MAX_TITLE, MAX_NOTE = 200, 5000  # characters kept of a title and of a note
# no request of any kind: scripts and styles only inline, images only from data: (none are used)
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def _word(key: str, lang: str) -> str:
    return OFFLINE_STRINGS[key][lang]


@lru_cache(maxsize=8)
def _asset(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def script_json(text: str) -> str:
    """JSON text made safe inside <script>: no '<', '>' or '&' (so no '</script>' nor '<!--'), as \\u escapes.

    JSON keeps these characters only inside strings, where the escapes parse back to the same text."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline_script(code: str) -> str:
    """A script's text as an inline <script>: it must not close the element nor open a comment in it."""
    if "</script" in code.lower() or "<!--" in code:
        raise ValueError("an inlined script contains </script or <!--")
    return f"<script>{code}</script>"


def _plain(v, limit: int) -> str:
    return ("" if v is None else str(v))[:limit]


def lesson_data(steps: list[dict], lang: str, title: str) -> str:
    """The lesson as JSON text (not yet escaped for <script>): title, strings and steps with their figures."""
    if not isinstance(steps, list | tuple) or not steps:
        raise ValueError("a lesson needs at least one step")
    parts = []
    for k, step in enumerate(steps):
        fig = step.get("figure") if isinstance(step, dict) else None
        if not isinstance(fig, dict) or not fig.get("data") or not fig.get("frames"):
            raise ValueError(f"step {k + 1}: its figure must be animated_figure_dict's, frames included")
        other = {t.get("type", "scatter") for t in fig["data"]} - set(TRACE_TYPES)
        if other:
            raise ValueError(f"step {k + 1}: the offline page draws {', '.join(TRACE_TYPES)}, not {sorted(other)}")
        head = {"title": _plain(step.get("title"), MAX_TITLE), "note": _plain(step.get("note"), MAX_NOTE)}
        parts.append(json.dumps(head, ensure_ascii=False)[:-1] + ', "figure": ' + figure_json(fig) + "}")
    strings = {key: v[lang] for key, v in OFFLINE_STRINGS.items()}
    head = json.dumps({"lang": lang, "title": title, "strings": strings}, ensure_ascii=False)
    return head[:-1] + ', "steps": [' + ", ".join(parts) + "]}"


def lesson_html(steps: list[dict], lang: str = "en", title: str = "") -> str:
    """One .html file that plays the lesson offline: every step's animation, equations, notes and hovers.

    steps: [{"figure": animated_figure_dict(...) with its frames, "note": plain text, "title": plain text}].
    lang (en | zh) is the page's own words; the figures keep the language they were built in.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    title = _plain(title, MAX_TITLE).strip() or _word("off_lesson", lang)
    data = script_json(lesson_data(steps, lang, title))
    e = html.escape
    many = len(steps) > 1
    nav = (
        f'<nav class="bpx-stepnav" aria-label="{e(_word("off_steps", lang))}">'
        f'<button type="button" class="bpx-step-prev">{e(_word("off_prev_step", lang))}</button>'
        '<span class="bpx-step-count"></span>'
        f'<button type="button" class="bpx-step-next">{e(_word("off_next_step", lang))}</button></nav>'
        if many
        else ""
    )
    script = _asset(CORE / "chart_core.js") + "\n" + _asset(HERE / "offline_page.js")  # one script, the core first
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{_asset(CORE / "chart_core.css")}{_asset(HERE / "offline_page.css")}</style>
</head>
<body>
<div class="bpx-page">
<header class="bpx-head"><h1 class="bpx-lesson-title">{e(title)}</h1>{nav}</header>
<noscript><p class="bpx-noscript">{e(_word("off_noscript", lang))}</p></noscript>
<main class="bpx-chart">
<section class="bpx-left">
<div class="bpx-plotwrap"><div class="bpx-plot" role="img" aria-label="{e(_word("off_plot", lang))}"></div></div>
<div class="bpx-anim"><button type="button" class="bpx-play"></button><button type="button" class="bpx-pause"></button>
<input type="range" class="bpx-range" min="0" step="1" value="0"><span class="bpx-frame"></span>
<button type="button" class="bpx-prev"></button><button type="button" class="bpx-next"></button></div>
<div class="bpx-health"></div>
</section>
<aside class="bpx-right">
<h2 class="bpx-step-title"></h2>
<div class="bpx-note" aria-label="{e(_word("off_note", lang))}"></div>
<div class="bpx-eq"><div class="bpx-eq-head"></div><div class="bpx-eq-label"></div><div class="bpx-eq-tex"></div>
<div class="bpx-eq-label"></div><div class="bpx-eq-tex"></div><div class="bpx-notes"></div>
<div class="bpx-caption"></div></div>
</aside>
</main>
<footer class="bpx-foot"><span>{e(_word("off_keys", lang))}</span><span>{e(_word("off_made", lang))}</span></footer>
</div>
<script type="application/json" id="bpx-lesson">{data}</script>
{_inline_script(_asset(VENDOR / PLOTLY_JS))}
{_inline_script(_asset(VENDOR / KATEX_JS))}
{_inline_script(script)}
</body>
</html>
"""


def default_title(config: NetworkConfig) -> str:
    """A step's title when the teacher gives none: its network, e.g. '3-4-4-3 · sigmoid · bce'."""
    acts = list(dict.fromkeys(config.activations))
    return f"{'-'.join(map(str, config.layers))} · {', '.join(acts)} · {config.loss}"


def lesson_steps_from_configs(items: Iterable[tuple]) -> list[dict]:
    """Steps from (NetworkConfig, View, note) or (NetworkConfig, View, note, title) tuples: one pass each."""
    steps = []
    for item in items:
        config, view, note = item[:3]
        title = item[3] if len(item) > 3 else default_title(config)
        fig = animated_figure_dict(run_pass(config), view or View())
        steps.append({"figure": fig, "note": note or "", "title": title})
    return steps


__all__ = ["lesson_data", "lesson_html", "lesson_steps_from_configs", "script_json"]
