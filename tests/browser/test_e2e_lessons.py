"""Every teaching page in real Chromium, and clicking an edge to take its weight apart."""

import pytest

from browser.conftest import no_exception, open_app, shot, wait_idle
from engine.network import run_pass
from engine.presets import preset
from ui.state import materialise

PAGES = ["chain_rule", "matrices", "gradient_check", "batches", "training", "experiments"]


@pytest.mark.parametrize("name", PAGES)
def test_each_page_opens_without_an_exception(server, page, name):
    open_app(page, f"{server}/{name}?preset=ng_4layer", wait_chart=False)
    page.locator('[data-testid="stMain"] h3').first.wait_for(timeout=30_000)
    wait_idle(page)
    if name in ("matrices", "batches"):
        assert page.locator(".katex").count() >= 3
    else:
        page.wait_for_selector(".js-plotly-plot .scatterlayer, .js-plotly-plot .heatmaplayer", timeout=30_000)
    no_exception(page)
    shot(page, f"lesson-{name}-1280x800")


EDGE_XY = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd.data.findIndex(d => d.name === 'edges');
  const pt = gd.calcdata[t][0];  // W^1[0][0]: input 1 -> hidden 1, a midpoint no other edge shares
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
  return [r.left + xa._offset + xa.l2p(pt.x), r.top + ya._offset + ya.l2p(pt.y)];
}"""


def test_clicking_an_edge_opens_its_chain_rule(server, page):
    open_app(page, f"{server}/chain_rule")
    page.get_by_text("The three factors").first.wait_for(timeout=30_000)  # opens on an output weight
    x, y = page.evaluate(EDGE_XY)
    page.mouse.click(x, y)
    page.get_by_text("12 paths lead from this weight to the outputs").first.wait_for(timeout=30_000)
    wait_idle(page)
    page.get_by_text("Equal to the last printed digit.").first.wait_for(timeout=30_000)
    js = "() => document.querySelector('.js-plotly-plot').data.find(d => d.name === 'paths').x"
    highlighted = [v for v in page.evaluate(js) if v is None]
    assert len(highlighted) == 12 * 2  # 12 paths of two segments each, now drawn on the diagram
    shot(page, "lesson-chain-rule-clicked")
    no_exception(page)


def test_chinese_experiments_page(server, page):
    open_app(page, f"{server}/experiments?exp=vanishing&lang=zh", wait_chart=False)
    page.get_by_text("梯度消失").first.wait_for(timeout=30_000)
    wait_idle(page)
    shot(page, "lesson-experiments-zh")
    no_exception(page)


def test_a_data_slider_updates_a_lesson_page(server, page):
    """The builder's data sliders rerun only the sidebar's fragment; a page that is not the explorer's
    chart must still follow (ui/live.py asks for a full rerun)."""
    open_app(page, f"{server}/chain_rule")
    # null while st.plotly_chart remounts the chart during the rerun
    dw = """() => { const gd = document.querySelector('.js-plotly-plot');
        const t = gd && gd.data && gd.data.find(d => d.name === 'edges'); return t ? t.customdata[0][4] : null; }"""
    before = page.evaluate(dw)
    x1 = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    x1.focus()
    x1.press("ArrowRight")
    changed = f"(b) => {{ const v = ({dw})(); return v !== null && v !== b; }}"
    page.wait_for_function(changed, arg=before, timeout=20_000)
    cfg = materialise(preset("ng_3443")).replace(x=[[0.51, -1.0, 2.0]])
    assert page.evaluate(dw) == pytest.approx(run_pass(cfg).layers[0].dW[0, 0], rel=1e-12)
    no_exception(page)
