"""Issue 9 in real Chromium: two sessions never share numbers, hostile links show plain messages where opened."""

from test_app_trust import ISSUE_LINK, G, link

from browser.conftest import no_exception, open_app, shot, wait_idle
from browser.test_e2e_explorer import assert_plot_is_the_engine
from engine.config import from_dict
from engine.presets import preset
from ui.state import materialise


def test_near_twin_links_in_two_tabs_each_plot_their_own_numbers(server, browser_context):
    """hash(-1.0) == hash(-2.0): a cache keyed by hash() showed the first tab's numbers in the second."""
    tabs = []
    for v in (-1.0, -2.0, -1.0):
        cfg = dict(G, x=[[0.5, v, 2.0]], init={"scheme": "xavier", "seed": 0})
        pg = browser_context.new_page()
        pg.js_errors = []
        open_app(pg, f"{server}/?net={link(cfg)}")
        tabs.append((pg, cfg))
    for pg, cfg in tabs:  # each tab, read after all three opened, still shows its own network
        no_exception(pg)
        assert_plot_is_the_engine(pg, materialise(from_dict(cfg)))
        pg.close()


def test_a_bad_link_says_so_on_the_lesson_page_it_opened(server, page):
    open_app(page, f"{server}/matrices?net=not-a-network", wait_chart=False)
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
    alert.wait_for(timeout=30_000)
    assert "could not be opened" in alert.inner_text()
    assert "matrices" in page.url
    no_exception(page)
    open_app(page, f"{server}/training?preset=nope", wait_chart=False)
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
    alert.wait_for(timeout=30_000)
    assert "nope" in alert.inner_text()
    no_exception(page)


def test_markup_in_a_link_is_shown_as_text_and_links_nothing(server, page):
    keys = (
        "[log in](https://evil.example/login)",
        "![x](https://evil.example/x.png)",
        "<b>$x$</b>",
        "me@evil.example www.e.x",
    )
    for key in keys:
        open_app(page, f"{server}/?net={link(dict(G, **{key: 1}))}")
        alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
        alert.wait_for(timeout=30_000)
        assert key in alert.inner_text().replace("\u2060", "")  # the characters, as written (an invisible joiner
        # keeps a bare address from being linked: ui/messages.py)
        assert alert.locator("a, img, b, .katex").count() == 0  # nothing to click, fetch or typeset
        no_exception(page)
    shot(page, "trust-markup-link-1280x800")


def test_an_over_budget_link_keeps_the_default_network_with_a_message(server, page):
    small = dict(ISSUE_LINK, x=[[0]] * 10000, y=[[0]] * 10000, layers=[1] + [256] * 11 + [1])
    open_app(page, f"{server}/?net={link(small)}")
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]').first
    assert "work budget" in alert.inner_text()
    assert_plot_is_the_engine(page, materialise(preset("ng_3443")))
    wait_idle(page)
    no_exception(page)
