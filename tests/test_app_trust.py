"""Issue 9 in the app: never another network's numbers, the work budget, plain-text messages, links that open."""

import base64
import json
import math
import zlib

import pytest
from apptest_helpers import app, assert_figure_matches_engine, key, move_data_slider, no_exception, shown

from engine.budget import MAX_MULTIPLY_ADDS, MAX_VALUES
from engine.config import from_dict
from engine.presets import PRESETS, preset
from ui.compute import digest
from ui.state import MAX_URL_CHARS, decode_net, encode_net, materialise, share_token

G = {"layers": [3, 4, 4, 3], "activations": ["sigmoid"] * 3, "loss": "bce", "x": [[0.5, -1.0, 2.0]], "y": [[1, 0, 0]]}


def link(o) -> str:
    t = o if isinstance(o, str) else json.dumps(o)
    return base64.urlsafe_b64encode(zlib.compress(t.encode())).decode().rstrip("=")


# pairs whose Python hash() collides or whose values differ by one bit: each must get its own pass
TWINS = [(-1.0, -2.0), (0.1, math.nextafter(0.1, 1.0)), (1e-300, 2e-300), (-0.5, -0.5 - 2**-53)]


def test_digest_is_exact_where_hash_collides():
    a, b = from_dict(dict(G, x=[[0.5, -1.0, 2.0]])), from_dict(dict(G, x=[[0.5, -2.0, 2.0]]))
    assert hash(a) == hash(b)  # the bug: a cache keyed by hash() served one for the other
    assert digest(a) != digest(b)
    assert digest(from_dict(dict(G, l2=0.0))) != digest(from_dict(dict(G, l2=-0.0 + 0.0, x=[[0.5, -1.0, 2.0 + 1e-15]])))
    assert digest(a) == digest(from_dict(json.loads(a.to_json())))


@pytest.mark.parametrize("v1,v2", TWINS)
def test_near_twins_in_two_sessions_each_show_their_own_numbers(v1, v2):
    """Two sessions in one server process share the cache; neither may see the other's pass."""
    one = app({"net": link(dict(G, x=[[0.5, v1, 2.0]], init={"scheme": "xavier", "seed": 0}))})
    two = app({"net": link(dict(G, x=[[0.5, v2, 2.0]], init={"scheme": "xavier", "seed": 0}))})
    for at, v in ((one, v1), (two, v2)):
        no_exception(at)
        assert at.session_state["config"].x[0][1] == v
        assert_figure_matches_engine(at)


def test_near_twins_within_one_session():
    at = app({"net": link(dict(G, x=[[0.5, -2.0, 2.0]], init={"scheme": "xavier", "seed": 0}))})
    assert_figure_matches_engine(at)
    for v in (-1.0, -1.99, -2.0, -1.0):
        move_data_slider(at, "x2", v)
        no_exception(at)
        assert at.session_state["config"].x[0][1] == v
        assert_figure_matches_engine(at)


ISSUE_LINK = {"layers": [256] * 13, "activations": ["tanh"] * 11 + ["linear"], "loss": "mse",
              "x": [[0] * 256] * 10000, "y": [[0] * 256] * 10000, "init": {"scheme": "xavier", "seed": 5}}  # fmt: skip


def test_a_link_over_the_work_budget_is_refused_with_its_size_and_the_default_stays():
    token = link(ISSUE_LINK)
    assert len(token) < MAX_URL_CHARS  # the issue's link: small enough for the server to pass on
    at = app({"net": token})
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("ng_3443"))
    (err,) = at.error
    text = shown(err)
    # 15 MB of JSON: refused before it is read, with its size and the budget
    assert "15,400,262 bytes of JSON" in text and "bytes of JSON" in text and "work budget" in text
    assert f"{MAX_VALUES:,}" in text and f"{MAX_MULTIPLY_ADDS:,}" in text
    # the same network in a link small enough to read: refused by the budget, with the network's size
    at = app({"net": link(dict(ISSUE_LINK, x=[[0]] * 10000, y=[[0]] * 10000, layers=[1] + [256] * 11 + [1]))})
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("ng_3443"))
    text = shown(at.error[0])
    assert "work budget" in text and "m = 10,000" in text and "1-256-256" in text


def test_a_link_that_unzips_to_gigabytes_is_refused_unread():
    bomb = '{"layers": [3, 4, 4, 3], "pad": "' + " " * 60_000_000 + '"}'
    at = app({"net": link(bomb)})
    no_exception(at)
    assert any("more than 50,000,000 bytes of JSON" in shown(e) for e in at.error)


def test_more_samples_than_the_budget_allows_are_refused_and_the_network_stays():
    big = {"layers": [256, 256, 256], "activations": ["tanh", "linear"], "loss": "mse",
           "x": [[0.1] * 256] * 65, "y": [[0.0] * 256] * 65, "init": {"scheme": "xavier", "seed": 1}}  # fmt: skip
    at = app({"net": link(big)})
    no_exception(at)
    before = at.session_state["config"]
    at.number_input(key=key(at, "m")).set_value(10_000).run()
    no_exception(at)
    assert at.session_state["config"] == before
    assert any("work budget" in shown(e) and "m = 10,000" in shown(e) for e in at.error)


def test_markup_and_huge_text_in_a_link_stay_plain_and_short():
    evil = "$x$ [log in](https://evil.example) ![x](https://evil.example/x.png)"
    at = app({"net": link(dict(G, **{evil: 1}))})
    no_exception(at)
    (err,) = at.error
    # every markdown character is escaped, so the alert shows the text and links nothing
    assert "](" not in err.value and "\\]\\(https\u2060\\:" in err.value and "\\$x\\$" in err.value
    at = app({"net": link(dict(G, **{"k" * 900_000: 1}))})
    (err,) = at.error
    assert len(shown(err)) <= 400


def test_upload_with_a_markup_file_name_and_a_bom():
    at = app()
    at.session_state["share_open"] = True
    at.run()
    at.file_uploader(key="upload_0").set_value(
        ("[x](https://evil.example).json", b"{not json", "application/json")
    ).run()
    (err,) = at.error
    assert "](" not in err.value and "evil" in shown(err)
    data = b"\xef\xbb\xbf" + json.dumps(PRESETS["xor_221"]).encode()  # Windows Notepad's UTF-8
    at.file_uploader(key=f"upload_{at.session_state['upload_rev']}").set_value(
        ("xor.json", data, "application/json")
    ).run()
    no_exception(at)
    assert at.session_state["config"] == materialise(preset("xor_221"))


def test_links_carry_the_init_while_the_weights_are_its_draw():
    at = app({"net": link(dict(G, init={"scheme": "he", "seed": 7}))})
    cfg = at.session_state["config"]
    token = share_token(cfg)
    assert "weights" not in zlib.decompress(base64.urlsafe_b64decode(token + "==")).decode()
    assert materialise(decode_net(token)) == cfg
    edited = cfg.replace(weights=[[[w + 0.25 for w in row] for row in W] for W in cfg.weights])
    token = share_token(edited)
    assert "weights" in zlib.decompress(base64.urlsafe_b64decode(token + "==")).decode()
    assert materialise(decode_net(token)) == edited


def test_a_network_too_big_for_a_link_offers_the_file():
    wide = {"layers": [200, 200, 200], "activations": ["tanh", "linear"], "loss": "mse",
            "x": [[0.1] * 200], "y": [[0.0] * 200], "init": {"scheme": "xavier", "seed": 1}}  # fmt: skip
    cfg = materialise(from_dict(wide))
    assert len(encode_net(cfg, drawn=True)) < MAX_URL_CHARS  # drawn: the init travels, the link is short
    edited = cfg.replace(weights=[[[w * 1.5 for w in row] for row in W] for W in cfg.weights])
    assert share_token(edited) is None  # 80,400 hand-made numbers do not fit an address
    at = app()
    at.session_state["config"] = edited  # as ui.state.load leaves it (training's "use the trained weights")
    at.session_state["builder_rev"] += 1
    at.session_state["weights_rev"] += 1
    at.session_state["share_open"] = True
    at.run()
    no_exception(at)
    assert not at.code and any("too big for a link" in i.value for i in at.info)
    assert at.get("download_button")


def test_a_bad_link_says_so_on_the_page_it_opens():
    at = app({"net": "%%%"}, run=False)
    at.switch_page("lessons/matrices.py")
    at.run()
    no_exception(at)
    assert any("link could not be opened" in shown(e) for e in at.error)
