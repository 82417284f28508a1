"""The figure contract: the numbers travel with the picture (customdata, colours, frames)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.chain import path_count
from engine.config import from_dict
from engine.network import run_pass
from engine.presets import PRESETS
from viz import latex
from viz.animation import animated_figure, animated_figure_dict, frame_plan, step_figure, steps
from viz.geometry import geometry
from viz.graph import layout, weight_paths
from viz.hover import fmt
from viz.network_figure import EDGES, LABELS, N_BUCKETS, NEURONS, PENDING, View, build_network_figure
from viz.notation import Notation


def random_net(seed, widths, acts, loss="mse", m=2):
    rng = np.random.default_rng(seed)
    y = rng.uniform(0, 1, (m, widths[-1]))
    if loss == "cross_entropy":
        y = np.eye(widths[-1])[rng.integers(0, widths[-1], m)]
    return from_dict(
        {
            "layers": widths,
            "activations": acts,
            "loss": loss,
            "x": rng.normal(size=(m, widths[0])).tolist(),
            "y": y.tolist(),
            "init": {"scheme": "xavier", "seed": seed},
        }
    )


def n_segments(x) -> int:
    """Edges in a NaN-separated line trace ([x0, x1, NaN] each; an empty trace is a lone NaN)."""
    x = np.asarray(x, float)
    assert len(x) % 3 == 0 or (len(x) == 1 and np.isnan(x[0]))
    return len(x) // 3


def by_name(fig, name):
    (trace,) = [d for d in fig.data if d.name == name]
    return trace


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.integers(1, 7), min_size=2, max_size=5), st.integers(1, 3))
def test_customdata_equals_the_engine(seed, widths, m):
    acts = ["tanh"] * (len(widths) - 2) + ["sigmoid"]
    r = run_pass(random_net(seed, widths, acts, m=m))
    s = m - 1
    fig = build_network_figure(r, View(sample=s, nodes="delta"))
    neurons = by_name(fig, "neurons")
    cd = neurons.customdata
    assert len(cd) == sum(widths)
    for i in range(widths[0]):  # inputs: z and delta are null, a is x
        assert cd[i][:2] == [0, i] and cd[i][2] is None and cd[i][4] is None and cd[i][3] == r.x[s, i]
    k = widths[0]
    for l, rec in enumerate(r.layers, start=1):
        for i in range(widths[l]):
            assert cd[k] == [l, i, rec.z[s, i], rec.a[s, i], rec.delta[s, i]]
            assert neurons.marker.color[k] == rec.delta[s, i]  # raw values, not colour strings
            k += 1
    edges = by_name(fig, "edges")
    ecd = np.asarray(edges.customdata)
    assert ecd.shape == (sum(a * b for a, b in zip(widths[:-1], widths[1:])), 5)
    k = 0
    for l, rec in enumerate(r.layers, start=1):
        for i in range(rec.W.shape[0]):
            for j in range(rec.W.shape[1]):
                assert list(ecd[k]) == [l, i, j, rec.W[i, j], rec.dW[i, j]]
                assert edges.marker.color[k] == rec.dW[i, j]
                k += 1


def test_trace_count_does_not_grow_with_the_network():
    small = build_network_figure(run_pass(random_net(0, [2, 2, 1], ["tanh", "sigmoid"])), View())
    big = build_network_figure(run_pass(random_net(0, [8, 16, 16, 16, 8], ["relu"] * 3 + ["linear"])), View())
    assert len(small.data) == len(big.data) == N_BUCKETS + 5  # buckets, pending, edges, neurons, inputs, labels
    assert [d.name for d in big.data][PENDING:] == ["pending", "edges", "neurons", "inputs", "edge_labels"]


@pytest.mark.parametrize("scale", ["linear", "log"])
def test_edge_buckets_hold_every_edge_once_with_the_right_colour_side(scale):
    r = run_pass(random_net(3, [3, 4, 4, 3], ["sigmoid"] * 3))
    fig = build_network_figure(r, View(scale=scale))
    segs = sum(n_segments(d.x) for d in fig.data[:PENDING])
    assert segs == 12 + 16 + 12 and n_segments(fig.data[PENDING].x) == 0
    dW = np.concatenate([rec.dW.ravel() for rec in r.layers])
    if scale == "linear":
        q = (dW / np.abs(dW).max() + 1) / 2
    else:  # symmetric log: thr at 5 % of the smallest layer's largest |dW|, decades above it evenly
        thr = 0.05 * min(np.abs(rec.dW).max() for rec in r.layers)
        u = np.abs(dW)
        g = np.where(u <= thr, 0.4 * u / thr, 0.4 + 0.6 * np.log10(np.maximum(u, thr) / thr) / np.log10(u.max() / thr))
        q = 0.5 + 0.5 * np.sign(dW) * g
        big = np.concatenate([np.abs(rec.dW.ravel()) >= 0.05 * np.abs(rec.dW).max() for rec in r.layers])
        assert not np.any((np.clip((q * 7).astype(int), 0, 6) == 3) & big)  # none of them grey
    expected = np.bincount(np.clip((q * 7).astype(int), 0, 6), minlength=7)
    got = [sum(n_segments(d.x) for d in fig.data[:PENDING] if d.name.startswith(f"edges c{c} ")) for c in range(7)]
    assert got == expected.tolist()
    colours = {d.name[:8]: d.line.color for d in fig.data[:PENDING]}
    assert colours["edges c0"] == "#3676b6"  # blue end: negative
    assert colours["edges c3"] == "#b4b4b4"  # zero is neutral grey
    assert colours["edges c6"] == "#bf3439"  # red end: positive


def test_frames_forward_then_backward_in_order():
    r = run_pass(random_net(1, [3, 4, 4, 3], ["sigmoid"] * 3))
    fig = animated_figure(r, View(frame_ms=300))
    frames = fig.to_dict()["frames"]
    L = 3
    assert len(frames) == 3 * L + 4 >= 2 * L
    assert [k for k, _ in frame_plan(L)] == (
        ["input"] + ["forward"] * 3 + ["loss"] + ["backward"] * 3 + ["grad"] * 3 + ["done", "update"]
    )
    assert fig.layout.sliders[0].active == 3 * L + 2  # the page opens on all gradients
    lit = [np.asarray(f["data"][-1]["marker"]["opacity"]) == 1.0 for f in frames]
    starts = np.cumsum([0, 3, 4, 4, 3])
    # forward: layer l lights up at frame l, and nothing beyond it
    for l in range(L + 1):
        assert lit[l][starts[l] : starts[l + 1]].all() and not lit[l][starts[l + 1] :].any()
    # backward: delta^L first, then delta^2, delta^1; inputs never get a delta
    for k, l in zip(range(L + 2, 2 * L + 2), range(L, 0, -1)):
        assert lit[k][starts[l] :].all() and not lit[k][: starts[l]].any()
        colour = np.asarray(frames[k]["data"][-1]["marker"]["color"], float)
        delta = np.concatenate([rec.delta[0] for rec in r.layers])
        # layers δ has reached carry their δ; the others no colour yet (not pre-coloured)
        assert np.array_equal(colour[starts[l] :], delta[starts[l] - 3 :])
        assert np.isnan(colour[3 : starts[l]]).all()
    # each edge takes its gradient colour when delta reaches the layer it feeds
    for k, l in zip(range(L + 2, 2 * L + 2), range(L, 0, -1)):
        pending = frames[k]["data"][PENDING]["x"]
        n_pending = n_segments(pending)
        assert n_pending == sum([12, 16, 12][: l - 1])
    assert all(f["traces"] == list(range(PENDING + 1)) + [LABELS, NEURONS] for f in frames)
    play = fig.layout.updatemenus[0].buttons[0]
    assert play.args[1]["frame"]["duration"] == 300 and play.args[1]["frame"]["redraw"] is False
    assert len(fig.layout.sliders[0].steps) == len(frames)


def test_steps_cover_seed_003s_five_steps_per_layer():
    plan = steps(3)  # the same timeline as the frames
    assert [s.kind for s in plan] == ["input"] + ["forward"] * 3 + ["loss"] + ["backward"] * 3 + ["grad"] * 3 + [
        "done",
        "update",
    ]
    assert [s.layer for s in plan if s.kind == "backward"] == [3, 2, 1]
    r = run_pass(random_net(1, [3, 4, 4, 3], ["sigmoid"] * 3))
    for s in plan:
        fig = step_figure(r, View(), s)
        assert len(fig.data) == N_BUCKETS + 5


def test_equations_carry_this_networks_numbers():
    r = run_pass(from_dict(PRESETS["ng_3443"]))
    N = Notation("lee")
    gen, nums = latex.forward_eq(r, 1, 0, N, 3)
    assert "z^{1} = W^{1}" in gen and f"{r.layers[0].z[0, 0]:.3g}" in nums
    gen, nums = latex.loss_eq(r, 0, N, 4)
    assert r"\delta^{3}" in gen and "a^{3} - y" in gen and f"{r.loss:.5g}" in nums
    gen, nums = latex.backward_eq(r, 2, 0, N, 3)
    assert r"\odot" in gen and f"{r.layers[1].delta[0, 0]:.3g}" in nums
    _, nums = latex.grad_eq(r, 3, 0, N, 3)
    assert f"{r.layers[2].dW[0, 1]:.3g}" in nums
    _, nums = latex.update_eq(r, 1, 0.5, N, 3)
    assert f"{r.layers[0].W[0, 0] - 0.5 * r.layers[0].dW[0, 0]:.3g}" in nums
    ng = Notation("ng")
    gen, _ = latex.backward_eq(r, 2, 0, ng, 3)
    assert r"\delta^{(3)}" in gen and r"\Theta^{(3)}" in gen  # seed 000: delta^(3) = Theta^(3)T delta^(4) o g'


def test_matrices_are_cut_with_dots_when_wide():
    s = latex.bmat(np.arange(200.0).reshape(10, 20))
    assert r"\cdots" in s and r"\vdots" in s and "199" in s


def test_notation_translates_in_one_place():
    lee, ng = Notation("lee"), Notation("ng")
    assert lee.sym("a", 0) == "a^{0}" and ng.sym("a", 0) == "a^{(1)}"
    assert lee.sym("W", 3, 0, 1) == "w_{12}^{3}" and ng.sym("W", 3, 0, 1) == r"\theta_{12}^{(3)}"
    assert ng.sym("delta", 3, latex=False) == "δ<sup>(4)</sup>"


def test_layout_and_paths_from_networkx():
    xs, ys = layout((3, 4, 2))
    assert list(xs) == [0, 0, 0, 1, 1, 1, 1, 2, 2] and ys[0] > ys[1] > ys[2]
    assert len(weight_paths((3, 4, 4, 3), 2, 0)) == 3 == path_count((3, 4, 4, 3), 2)
    assert len(weight_paths((3, 4, 4, 3), 1, 0)) == 12


@pytest.mark.parametrize("nodes", ["a", "z", "gp", "delta"])
def test_node_colours_are_the_chosen_quantity(nodes):
    r = run_pass(random_net(5, [2, 3, 2], ["relu", "softmax"], loss="cross_entropy"))
    fig = build_network_figure(r, View(nodes=nodes))
    colour = np.asarray(by_name(fig, "neurons").marker.color, float)
    attr = {"a": "a", "z": "z", "gp": "gprime", "delta": "delta"}[nodes]
    assert np.array_equal(colour[2:], np.concatenate([getattr(rec, attr)[0] for rec in r.layers]))


def test_big_nets_leave_out_edge_hover_markers():
    r = run_pass(random_net(0, [32, 32, 32], ["relu", "linear"], m=1))  # 2048 edges
    fig = build_network_figure(r, View())
    assert fig.data[EDGES].visible is False and fig.data[EDGES].text is None
    small = build_network_figure(run_pass(random_net(0, [20, 20, 20, 10], ["relu"] * 2 + ["linear"])), View())
    assert small.data[EDGES].visible is True and len(small.data[EDGES].text) == 1000


def test_numbers_on_the_edges_follow_the_frames_and_stand_apart():
    """B1: each weight's value printed on its edge (w while the forward sweep runs, ∂J/∂w once δ reaches it)."""
    r = run_pass(from_dict(PRESETS["ng_3443"]))
    fig = animated_figure_dict(r, View(edge_labels=True))
    labels = fig["data"][LABELS]
    assert labels["name"] == "edge_labels" and labels["mode"] == "text"
    dW = np.concatenate([rec.dW.ravel() for rec in r.layers])
    W = np.concatenate([rec.W.ravel() for rec in r.layers])
    assert list(labels["text"]) == fmt(dW, 3).tolist()  # the final picture: every ∂J/∂w
    frames = fig["frames"]
    forward1 = frames[1]["data"][PENDING + 1]["text"]  # W^1 lit, the rest not yet
    assert forward1[:12] == fmt(W[:12], 3).tolist() and set(forward1[12:]) == {"\u00a0"}
    back3 = frames[5]["data"][PENDING + 1]["text"]  # δ³ reached: W³'s gradients
    assert back3[28:] == fmt(dW[28:], 3).tolist() and set(back3[:28]) == {"\u00a0"}
    # every label on its own edge, between its two nodes (the browser test checks the drawn boxes)
    x, y = np.asarray(labels["x"], float), np.asarray(labels["y"], float)
    geo = geometry(r.widths)
    f = (x - geo.seg_x[:, 0]) / (geo.seg_x[:, 1] - geo.seg_x[:, 0])
    assert np.allclose(y, geo.seg_y[:, 0] + f * (geo.seg_y[:, 1] - geo.seg_y[:, 0]), atol=1e-5)
    assert ((0.15 < f) & (f < 0.85)).all()
    assert len({(round(a, 3), round(b, 3)) for a, b in zip(x, y)}) == 40  # no two in the same place
    off = animated_figure_dict(r, View(), with_frames=False)["data"][LABELS]
    assert len(off["x"]) == 0  # off by default, and beyond theme.EDGE_LABEL_MAX_EDGES


def test_no_numbers_on_the_edges_of_a_big_net():
    r = run_pass(random_net(0, [8, 16, 16, 16, 8], ["relu"] * 3 + ["linear"]))
    assert len(animated_figure_dict(r, View(edge_labels=True), with_frames=False)["data"][LABELS]["x"]) == 0
