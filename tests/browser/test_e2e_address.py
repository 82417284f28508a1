"""The address bar holds the state (issue 10, item 4): refresh, a page switch and a copied address restore it."""

from urllib.parse import parse_qs, urlparse

from browser.conftest import no_exception, open_app, trace_data, wait_idle
from engine.network import run_pass
from ui.state import decode_net, materialise

FRAME = "() => +document.querySelector('.bpx-range').value"


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_refresh_and_a_page_switch_keep_network_language_notation_and_frame(server, page):
    open_app(page, f"{server}/?notation=ng&lang=zh")
    page.wait_for_function("() => new URL(location.href).searchParams.get('preset') === 'ng_3443'", timeout=10_000)
    x1 = page.locator('[data-testid="stSidebar"] input[type="range"][aria-label="x1"]')
    x1.focus()
    for _ in range(5):
        x1.press("ArrowLeft")
    page.wait_for_function("() => new URL(location.href).searchParams.has('net')", timeout=20_000)
    wait_idle(page)
    page.locator('[data-testid="stMain"] h3').first.click()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URL(location.href).searchParams.get('frame') === '3'", timeout=5_000)
    q = query(page)
    assert q["lang"] == "zh" and q["notation"] == "ng" and "preset" not in q
    cfg = materialise(decode_net(q["net"]))
    assert cfg.x[0][0] == 0.45  # the edited network is in the address
    page.reload()
    page.wait_for_selector(".js-plotly-plot .scatterlayer", timeout=60_000)
    wait_idle(page)
    page.wait_for_function(f"() => ({FRAME})() === 2", timeout=10_000)  # the frame, after a refresh
    assert trace_data(page, "neurons")["customdata"][0][3] == 0.45  # the network
    assert page.get_by_text("反向传播探索器").count() >= 1  # the language
    # another page keeps it all in the address too
    wait_idle(page)
    page.locator('[data-testid="stSidebarNav"] a').nth(2).dispatch_event("click")
    wait_idle(page)
    page.wait_for_function("() => location.pathname.endsWith('/matrices')", timeout=10_000)
    page.wait_for_function("() => new URL(location.href).searchParams.has('net')", timeout=10_000)
    q2 = query(page)
    assert q2["net"] == q["net"] and q2["lang"] == "zh" and q2["notation"] == "ng"
    assert run_pass(materialise(decode_net(q2["net"]))).loss == run_pass(cfg).loss
    no_exception(page)
