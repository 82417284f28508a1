"""The Data & training page (/data) in real headless Chromium: its charts lay out without overlapping or
clipped texts at 1280x800 and 1920x1080, and the Chinese page has no English words. Screenshots of the page go
to /tmp/e2e_data_shots/.
"""

import re

import pytest

from browser.conftest import no_exception, open_app, wait_idle
from browser.data_pages import (
    SIZES,
    btn,
    no_sideways_scroll,
    open_data,
    own_server,
    shot_full,
    source,
    step,
    use,
)


@pytest.fixture(scope="module")
def server():
    """This module's own server."""
    yield from own_server()


# Every visible SVG text of the keyed chart (titles, axis titles, tick labels, legend, colour bar) with its box.
TEXTS = """(key) => {
  const gd = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const shown = e => { for (let n = e; n && n !== gd; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false; }
    return true; };
  const texts = [...gd.querySelectorAll('svg text')].filter(e => e.textContent.trim() && shown(e))
    .map(e => ({text: e.textContent, cls: (e.getAttribute('class') || e.parentElement.getAttribute('class') || ''),
                box: box(e)})).filter(x => x.box.r - x.box.l > 0 && x.box.b - x.box.t > 0);
  return {texts, chart: box(gd)};
}"""

# The words a reader sees: headings, buttons, widget labels, the status line, the charts' titles and legends.
WORDS = r"""() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const clean = e => { const c = e.cloneNode(true);
    c.querySelectorAll('[data-testid="stIconMaterial"], .material-symbols-rounded').forEach(i => i.remove());
    return c.textContent.trim(); };
  const out = [];
  const add = (what, sel) => main.querySelectorAll(sel).forEach(e => {
    const s = clean(e); if (s) out.push([what, s]); });
  add('heading', 'h1, h2, h3, h4, h5, h6');
  add('button', 'button');
  add('expander', 'summary');
  add('label', '[data-testid="stWidgetLabel"]');
  main.querySelectorAll('[data-testid="stSelectbox"] input').forEach(i => i.value && out.push(['select', i.value]));
  add('caption', '[data-testid="stCaptionContainer"]');
  add('markdown', '[data-testid="stMarkdownContainer"]');
  add('alert', '[data-testid="stAlert"]');
  add('chart', '.js-plotly-plot .infolayer text, .js-plotly-plot .legendtext, .js-plotly-plot .annotation-text');
  document.querySelectorAll('.js-plotly-plot').forEach(gd => gd._fullData.forEach(t => {  // the first hover text
    const h = Array.isArray(t.text) || ArrayBuffer.isView(t.text) ? t.text[0] : t.hovertemplate;
    if (typeof h === 'string' && h.trim()) out.push(['hover', h.replace(/<[^>]*>|%\{[^}]*\}/g, ' ')]);
  }));
  return out;
}"""

ALLOWED = {"J", "L-BFGS-B", "BFGS", "TNC", "SGD", "CSV", "JSON", "numpy", "x1", "x2", "MB"}
ACTIVATIONS = {"sigmoid", "tanh", "ReLU", "relu", "softmax"}  # kept in English by the app's Chinese everywhere


def overlap(a, b, slack=0.5) -> bool:
    return min(a["r"], b["r"]) - max(a["l"], b["l"]) > slack and min(a["b"], b["b"]) - max(a["t"], b["t"]) > slack


def check_chart_texts(page, key: str, what: str) -> list:
    """No two texts of the chart overlap, none reaches past the chart's bounds; returns the problems."""
    page.locator(f".st-key-{key}").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    m = page.evaluate(TEXTS, key)
    texts, chart = m["texts"], m["chart"]
    assert len(texts) >= 8, (what, key, texts)
    problems = []
    for k, a in enumerate(texts):
        for b in texts[k + 1 :]:
            if overlap(a["box"], b["box"]):
                problems.append(f"{what} {key}: {a['text']!r} ({a['cls']}) overlaps {b['text']!r} ({b['cls']})")
        bx = a["box"]
        if not (chart["l"] - 0.5 <= bx["l"] and bx["r"] <= chart["r"] + 0.5
                and chart["t"] - 0.5 <= bx["t"] and bx["b"] <= chart["b"] + 0.5):  # fmt: skip
            problems.append(f"{what} {key}: {a['text']!r} ({a['cls']}) is clipped: {bx} outside {chart}")
    return problems


# ---------------------------------------------------------------------------------------------------------------


def test_the_charts_lay_out_without_overlaps_or_clipping(server, page):
    """At 1280x800 and 1920x1080 (each as opened at that size, and 1920 once more after widening the window
    from 1280): no two texts of the boundary or the learning curves overlap, none is cut at the chart's edge,
    and the page does not scroll sideways."""
    problems = []

    def measure(what):
        page.wait_for_timeout(800)
        for key in ("dt_boundary_chart", "dt_curves_chart"):
            problems.extend(check_chart_texts(page, key, what))
        problems.extend(no_sideways_scroll(page, what))

    open_data(page, server)
    use(page, "dt_use_toy")
    step(page, 2)
    measure("1280x800")
    page.set_viewport_size({"width": 1920, "height": 1080})
    measure("1920x1080 (widened from 1280)")
    open_app(page, page.url, wait_chart=False)  # a new session at 1920: the address brings the data set back
    page.wait_for_selector(".st-key-dt_curves_chart .js-plotly-plot .cartesianlayer", timeout=60_000)
    step(page, 2)
    measure("1920x1080")
    btn(page, "dt_run_btn").click()  # the moons while training runs, for the eye
    btn(page, "dt_pause_btn", enabled=True).wait_for(timeout=20_000)
    page.wait_for_timeout(1200)
    shot_full(page, "moons-running-en-1920x1080")
    problems.extend(no_sideways_scroll(page, "1920x1080 running"))
    btn(page, "dt_pause_btn").click()
    wait_idle(page)
    assert not problems, "\n".join(problems)
    no_exception(page)


def english_words(items) -> list:
    bad = []
    for what, text in items:
        for word in re.findall(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z]", text):
            if word not in ALLOWED | ACTIVATIONS and len(word) > 1 and not re.fullmatch(r"[a-zA-Z]\d*", word):
                bad.append((what, word, text[:80]))
    return bad


def test_the_chinese_page_has_no_english_words(server, page):
    open_data(page, server, "?lang=zh")
    use(page, "dt_use_toy")
    step(page, 1)
    words = page.evaluate(WORDS)
    assert len(words) >= 30 and any(w[0] == "chart" for w in words), words
    bad = english_words(words)
    btn(page, "dt_run_btn").click()
    btn(page, "dt_pause_btn", enabled=True).wait_for(timeout=20_000)
    for w, h in SIZES.values():
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(1000)
        shot_full(page, f"moons-running-zh-{w}x{h}")
    btn(page, "dt_pause_btn").click()
    wait_idle(page)
    # the digits' views in Chinese too
    source(page, "真实数据集")
    use(page, "dt_use_real", chart="dt_confusion")
    step(page, 1)
    bad += english_words(page.evaluate(WORDS))
    shot_full(page, "digits-zh-1920x1080")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not bad, "\n".join(map(str, sorted(set(bad))))
    no_exception(page)
