"""The explorer's "Network health" panel in real headless Chromium: visible, with a titled, log-scaled chart."""

import pytest

from browser.conftest import no_exception, open_app, shot, wait_idle
from engine.health import health
from engine.network import run_pass
from engine.presets import preset
from texts import t
from ui.state import materialise

CHART = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find(g => (g.data || []).some(d => d.meta && d.meta.key === 'delta_norm'));
    if (!gd) return null;
    const box = gd.getBoundingClientRect();
    const texts = sel => [...gd.querySelectorAll(sel)].map(e => e.textContent);
    return {visible: box.width > 300 && box.height > 200,
            ytype: gd._fullLayout.yaxis.type,
            titles: [...texts('.g-xtitle'), ...texts('.g-x2title'), ...texts('.g-ytitle'), ...texts('.g-y2title')],
            delta: Array.from(gd.data.find(d => d.meta.key === 'delta_norm').customdata),
            bars: gd.querySelectorAll('.bars .point').length};
}"""


def health_summary(page):
    return page.locator('[data-testid="stExpander"] summary').filter(has_text=t("health_title"))


def test_health_panel_opens_on_a_failure_preset_with_a_titled_log_chart(server, page):
    open_app(page, f"{server}/?preset=vanishing_sigmoid")
    no_exception(page)
    note = page.locator('[data-testid="stAlert"]').filter(has_text="Vanishing gradients: in the health chart")
    assert note.count() == 1
    summary = health_summary(page)
    assert summary.count() == 1 and "shrinks 14,100×" in page.locator(".bpx-health").inner_text()
    summary.scroll_into_view_if_needed()
    page.wait_for_function(f"({CHART})() !== null && ({CHART})().bars > 0", timeout=30_000)
    chart = page.evaluate(CHART)
    assert chart["visible"] and chart["ytype"] == "log"
    assert chart["titles"] == [t("hl_axis_layer"), t("hl_axis_layer"), t("hl_axis_norm"), t("hl_axis_share")]
    rows = health(run_pass(preset("vanishing_sigmoid")))
    assert chart["delta"] == pytest.approx([h.delta_norm for h in rows], rel=1e-15)
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    page.locator('[data-testid="stExpander"]').filter(has_text=t("health_title")).scroll_into_view_if_needed()
    shot(page, "explorer-health-vanishing-1280x800")


def test_health_panel_is_closed_on_the_default_network_and_opens_on_a_click(server, page):
    open_app(page, server)
    no_exception(page)
    summary = health_summary(page)
    assert summary.count() == 1 and "Healthy" in page.locator(".bpx-health").inner_text()  # the verdict under the chart
    assert page.evaluate(CHART) is None  # closed: not built
    summary.scroll_into_view_if_needed()
    summary.click()
    wait_idle(page)
    page.wait_for_function(f"({CHART})() !== null && ({CHART})().bars > 0", timeout=30_000)
    chart = page.evaluate(CHART)
    assert chart["visible"] and all(chart["titles"]) and len(chart["titles"]) == 4
    no_exception(page)
    shot(page, "explorer-health-default-1280x800")


def test_health_panel_follows_a_data_slider(server, page):
    """The builder's data sliders rerun only the sidebar's fragment; the panel must follow them too."""
    open_app(page, f"{server}/?preset=dead_relu")
    page.wait_for_function(f"({CHART})() !== null && ({CHART})().bars > 0", timeout=30_000)
    before = page.evaluate(CHART)["delta"]
    x1 = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    x1.focus()
    x1.press("ArrowRight")
    changed = f"(b) => {{ const c = ({CHART})(); return c !== null && c.delta[0] !== b; }}"
    page.wait_for_function(changed, arg=before[0], timeout=20_000)
    cfg = materialise(preset("dead_relu"))
    x = float(x1.input_value())  # one slider step up from 0
    assert 0 < x <= 0.1
    cfg = cfg.replace(x=[[x, *cfg.x[0][1:]], *cfg.x[1:]])
    rows = health(run_pass(cfg))
    assert page.evaluate(CHART)["delta"] == pytest.approx([h.delta_norm for h in rows], rel=1e-15)
    no_exception(page)
