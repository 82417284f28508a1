"""The save panel and the address bar: the network, language, notation and presentation mode live in the
address (ui.state.sync_address), and the panel's button copies it."""

from apptest_helpers import app, move_data_slider, no_exception

from ui.state import decode_net, materialise


def test_save_panel_is_built_while_open_and_stays_open_across_a_language_switch():
    at = app()
    assert not copy_buttons(at)  # closed: nothing built on every change (ui/sidebar.py)
    at.session_state["share_open"] = True
    at.run()
    assert copy_buttons(at)  # the link is the page's address: a button copies it
    assert at.query_params["preset"] == "ng_3443" and "net" not in at.query_params  # still the preset
    at.selectbox(key="lang").set_value("zh").run()
    move_data_slider(at, "x1", 1.25)
    no_exception(at)
    assert copy_buttons(at)  # still open
    cfg = at.session_state["config"]
    assert cfg.x[0][0] == 1.25 and at.query_params["lang"] == "zh" and "preset" not in at.query_params
    assert materialise(decode_net(at.query_params["net"])) == cfg  # the address holds the edited network


def copy_buttons(at) -> list:
    return [el for el in at.get("bidi_component") if el.proto.component_name.endswith("bpx_copy_link")]


def test_the_address_holds_the_state_and_a_refresh_restores_it():
    at = app({"notation": "ng"})
    at.toggle(key="large").set_value(True).run()
    move_data_slider(at, "x2", -0.75)
    q = dict(at.query_params)
    assert q["notation"] == "ng" and q["present"] == "1" and "net" in q
    again = app(q)  # a refresh, a bookmark or a copied address: a new session from the same address
    no_exception(again)
    assert again.session_state["config"] == at.session_state["config"]
    assert again.session_state["_notation"] == "ng" and again.toggle(key="large").value is True
