"""Training you can watch: Run / Pause / Step / Reset, and the live pictures of the data page.

While running, a fragment reruns about ten times a second (only it, not the page): each tick trains for
a slice of time, then redraws the learning curves, the decision boundary and the hidden neurons' maps
(or the digits' views) in place (ui/plotly_component.live_chart, one Plotly.react each).
"""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

from engine import live_training
from engine.config import NetworkConfig
from engine.export import numpy_script
from engine.metrics import confusion, predict, predicted_labels, true_labels
from engine.network import init_params
from texts import t
from ui import state
from ui.plotly_component import live_chart
from viz import data_figures as figs
from viz.hover import text_num

TICK_S = 0.08  # the fragment's period while running: twelve updates of the boundary a second
TRAIN_SLICE_S = 0.012  # training time per tick: a training student leaves the server's time to the others
MAPS_EVERY = 5  # while running, the neuron maps (16 small heatmaps: the heaviest picture) every 5th tick
CURVES_EVERY = 2  # and the learning curves every 2nd: the browser's time goes to the boundary first
LRS = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0]
NG_LAYERS = (64, 25, 10)  # Ng's ex4 on the 8x8 digits: 64 pixels, 25 hidden units, 10 classes
SPEEDS = [1, 3, 10, 30, 100, 300, 1000, 10**9]  # epochs a second; the last: as fast as the machine goes
ss = st.session_state


def net_of(cfg: NetworkConfig) -> tuple:
    return cfg.activations, cfg.loss, cfg.l2


def _arch(cfg: NetworkConfig) -> tuple:
    """What a run belongs to: a change of any of these starts a new run."""
    return cfg.layers, cfg.activations, cfg.loss, cfg.l2, cfg.init


def current_run(cfg: NetworkConfig, ds):
    """The session's run on ds, started from the init's draw when there is none for this network."""
    run = ss.get("dt_run")
    if run is None or ss.get("dt_run_arch") != _arch(cfg) or ss.get("dt_run_data") is not ds:
        run = live_training.start(init_params(cfg.layers, cfg.init), net_of(cfg), ds)
        ss.dt_run, ss.dt_run_arch, ss.dt_run_data, ss.dt_running = run, _arch(cfg), ds, False
        ss.dt_steps_per_tick = 1
    return run


def controls(cfg: NetworkConfig, ds, lang: str) -> dict:
    """The optimiser's widgets and the Run / Pause / Step / Reset buttons; returns the settings."""
    c1, c2, c3, c4 = st.columns([3, 3, 3, 3])
    method = c1.selectbox(t("dt_method", lang), live_training.METHODS, key="dt_method", help=t("dt_method_help", lang),
                          format_func=lambda m: t(f"dt_m_{m}", lang))  # fmt: skip
    lr = c2.select_slider(t("dt_lr", lang), LRS, value=0.5, key="dt_lr", disabled=method in ("lbfgs", "tnc"))
    sizes = sorted({b for b in (1, 8, 16, 32, 64, 128, 256) if b < ds.n_train} | {ds.n_train})
    batch = c3.select_slider(t("dt_batch", lang), sizes, value=min(32, ds.n_train) if 32 in sizes else sizes[-1],
                             key="dt_batch", disabled=method != "sgd")  # fmt: skip
    speed = c4.select_slider(t("dt_speed", lang), SPEEDS, value=100, key="dt_speed", help=t("dt_speed_help", lang),
                             format_func=lambda v: t("dt_speed_max", lang) if v == SPEEDS[-1] else str(v))  # fmt: skip
    settings = {"method": method, "lr": lr, "batch": batch, "seed": cfg.init.seed, "speed": speed}
    b1, b2, b3, b4, _ = st.columns([1, 1, 1, 1, 2])
    running = ss.get("dt_running", False)
    if b1.button(t("dt_run", lang), key="dt_run_btn", icon=":material/play_arrow:", disabled=running, type="primary"):
        ss.dt_running = True
        st.rerun()
    if b2.button(t("dt_pause", lang), key="dt_pause_btn", icon=":material/pause:", disabled=not running):
        ss.dt_running = False
        st.rerun()
    if b3.button(t("dt_step", lang), key="dt_step_btn", icon=":material/skip_next:", help=t("dt_step_help", lang)):
        ss.dt_running = False
        ss.dt_run = _epoch(ss.dt_run, cfg, ds, settings)
    if b4.button(t("dt_reset", lang), key="dt_reset_btn", icon=":material/restart_alt:", help=t("dt_reset_help", lang)):
        ss.dt_running = False
        ss.dt_run = live_training.start(init_params(cfg.layers, cfg.init), net_of(cfg), ds)
    return settings


SCIPY_STEP = 10  # iterations a Step takes with L-BFGS-B / TNC: each call starts the optimiser's memory afresh


def _steps_per_epoch(ds, settings) -> int:
    """Updates in one epoch (every training sample's gradient once): ceil(n/b) mini-batches, else one."""
    return -(-ds.n_train // settings["batch"]) if settings["method"] == "sgd" else 1


def _advance(run, cfg, ds, settings, steps: int):
    b = settings["batch"] if settings["method"] == "sgd" else ds.n_train
    return live_training.advance(run, net_of(cfg), ds, settings["method"], steps, settings["lr"], b, settings["seed"])


def _epoch(run, cfg, ds, settings):
    """One epoch; SCIPY_STEP iterations for lbfgs / tnc (one at a time, a quasi-Newton method would forget
    its curvature at every click)."""
    scipy = settings["method"] in ("lbfgs", "tnc")
    return _advance(run, cfg, ds, settings, SCIPY_STEP if scipy else _steps_per_epoch(ds, settings))


def _tick(run, cfg, ds, settings):
    """One tick's training: the chosen epochs a second (fractions carried to the next tick), at most what
    fits in TRAIN_SLICE_S, which the steps per tick learn from the time the last tick's steps took."""
    carry = ss.get("dt_carry", 0.0) + settings["speed"] * TICK_S * _steps_per_epoch(ds, settings)
    k = int(min(carry, ss.get("dt_steps_per_tick", 1)))
    ss.dt_carry = min(carry - k, 1.0)  # a slow machine does not build up a debt
    if k < 1:
        return run
    t0 = time.perf_counter()
    run = _advance(run, cfg, ds, settings, k)
    took = time.perf_counter() - t0
    if k >= ss.get("dt_steps_per_tick", 1):  # only a tick that used the whole allowance measures it
        ss.dt_steps_per_tick = int(np.clip(k * TRAIN_SLICE_S / max(took, 1e-4), 1, 5000))
    return run


def live(cfg: NetworkConfig, ds, settings: dict, lang: str) -> None:
    """The live part of the page: a fragment that trains and redraws on each tick while running."""

    @st.fragment(run_every=TICK_S if ss.get("dt_running") else None)
    def body():
        run = ss.dt_run
        if ss.get("dt_running"):
            run = ss.dt_run = _tick(run, cfg, ds, settings)
            if run.diverged:
                ss.dt_running = False
                st.rerun()  # the buttons follow
        status(run, lang)
        pictures(run, cfg, ds, lang)

    body()


def status(run, lang: str) -> None:
    epoch, J = text_num(run.curves.epoch[-1], 3), text_num(run.last("cost"), 4)
    line = t("dt_status", lang, epoch=epoch, step=run.steps, J=J)
    tr, te = text_num(run.last("train"), 4), text_num(run.last("test"), 4)
    line += " · " + t("dt_metric_loss", lang, tr=tr, te=te)
    if np.isfinite(run.last("train_acc")):
        line += " · " + t("dt_metric_acc", lang, tr=f"{run.last('train_acc'):.1%}", te=_pct(run.last("test_acc")))
    st.markdown(line)
    if run.diverged:
        st.error(t("dt_diverged", lang))


def _pct(v: float) -> str:
    return f"{v:.1%}" if np.isfinite(v) else "–"


def pictures(run, cfg: NetworkConfig, ds, lang: str) -> None:
    """The boundary beside the learning curves and the hidden neurons' maps below (data in the plane), or
    the digits' views: the confusion matrix beside the curves, then the galleries and the hidden weights."""
    params, acts = list(run.params), cfg.activations
    c = run.curves
    running = ss.get("dt_running", False)
    plane = ds.n_in == 2 or (ds.n_in == 1 and ds.task != "multiclass")
    left, right = st.columns([3, 2]) if plane else st.columns([1, 1])
    ss.dt_ticks = ticks = ss.get("dt_ticks", 0) + 1
    with left:
        if plane:
            # lighter while ten updates a second go to the browser: a coarser plane, no per-point texts
            fig = figs.boundary_figure(params, acts, ds.task, ds.x_train, ds.y_train, ds.x_test, ds.y_test, lang,
                                       grid=40 if running else 100, classes=ds.classes, features=ds.features,
                                       hover=not running)  # fmt: skip
            live_chart(fig, key="dt_boundary_chart", on_click=lambda: _open_clicked("dt_boundary_chart", ds, cfg, lang))
            st.caption(t("dt_click_hint", lang))
        elif ds.image_shape is not None:
            out = predict(params, acts, ds.x_test)
            pred, true = predicted_labels(ds.task, out), true_labels(ds.task, ds.y_test)
            live_chart(figs.confusion_figure(confusion(true, pred, len(ds.classes)), ds.classes, lang),
                       key="dt_confusion")  # fmt: skip
        else:
            st.info(t("dt_not_plane", lang, d=ds.n_in))
    with right:
        rev = _rev("dt_curves_chart", ticks, CURVES_EVERY, running, lang)
        fig = None
        if not _drawn("dt_curves_chart", rev):
            acc = {"train": list(c.train_acc), "test": list(c.test_acc)} if ds.task != "regression" else None
            history = {"train": list(c.train), "test": list(c.test), "epoch": list(c.epoch)}
            fig = figs.learning_curves_figure(history, lang, accuracy=acc)
        live_chart(fig, key="dt_curves_chart", rev=rev)
    if ds.image_shape is not None and not plane:
        _digits_views(params, ds, cfg, pred, true, lang)
    if ds.n_in == 2 and len(cfg.layers) > 2:
        rev = _rev("dt_maps_chart", ticks, MAPS_EVERY, running, lang)
        fig = None
        if not _drawn("dt_maps_chart", rev):
            fig = figs.neuron_maps_figure(params, acts, ds.x_train, lang, grid=24 if running else 40,
                                          features=ds.features)  # fmt: skip
        live_chart(fig, key="dt_maps_chart", rev=rev)
    if ss.pop("_dt_goto_explorer", False):
        st.switch_page("lessons/explorer.py")


def _rev(key: str, tick: int, every: int, running: bool, lang: str) -> tuple:
    """A picture's revision: new at every tick when paused, at every `every`-th tick while running."""
    last = ss.get("_rev_" + key)
    if not running or last is None or tick % every == 0:
        last = ss["_rev_" + key] = tick
    return last, running, lang


def _drawn(key: str, rev: tuple) -> bool:
    """Whether the live chart under key already holds this revision (ui.plotly_component.live_chart)."""
    return ss.get("_chart_payload_" + key, (None,))[0] == rev


def _digits_views(params, ds, cfg, pred, true, lang: str) -> None:
    """Ng's exercise in pictures, each gallery the page's width: test digits with the network's answers, the
    misclassified ones (click any digit to open its pass in the explorer), each hidden unit's weights."""
    shown = np.arange(min(20, ds.n_test))
    titles = [t("dt_predicted", lang, p=ds.classes[k]) for k in pred[shown]]
    fig = figs.digit_images_figure(ds.x_test[shown], titles, lang, shape=ds.image_shape, indices=shown.tolist(),
                                   title=t("dt_test_digits", lang))  # fmt: skip
    live_chart(fig, key="dt_inputs", on_click=lambda: _open_clicked("dt_inputs", ds, cfg, lang, split="test"))
    wrong = np.flatnonzero(pred != true)[:30]
    if wrong.size:
        titles = figs.misclassified_titles(true[wrong], pred[wrong], lang, classes=ds.classes)
        fig = figs.digit_images_figure(ds.x_test[wrong], titles, lang, shape=ds.image_shape, indices=wrong.tolist(),
                                       title=t("dt_misclassified", lang))  # fmt: skip
        live_chart(fig, key="dt_wrong", on_click=lambda: _open_clicked("dt_wrong", ds, cfg, lang, split="test"))
    else:
        st.caption(t("dt_no_misclassified", lang))
    st.caption(t("dt_click_digit", lang))
    if len(cfg.layers) > 2:
        live_chart(figs.hidden_weights_figure(params[0][0], lang, shape=ds.image_shape), key="dt_hidden_w")


def ng_network(cfg: NetworkConfig, ds, lang: str) -> None:
    """Seed 002's network for the digits, one click away (the sidebar's sliders stop at 10 neurons a layer)."""
    if ds.image_shape is None or cfg.layers == NG_LAYERS and cfg.l2 == 1.0:
        return
    if st.button(t("dt_ng_net", lang), key="dt_ng_net", icon=":material/school:", help=t("dt_ng_net_help", lang)):
        ng = cfg.replace(layers=list(NG_LAYERS), activations=["sigmoid", "sigmoid"], loss="bce", l2=1.0,
                         init={"scheme": "uniform", "seed": cfg.init.seed}, weights=None, biases=None)  # fmt: skip
        state.load(ng)
        st.rerun()


def _open_clicked(key: str, ds, cfg: NetworkConfig, lang: str, split: str | None = None) -> None:
    """A click on a point or a digit (its customdata, untrusted: checked): open that sample alone in the
    explorer on the weights trained so far."""
    click = (ss.get(key) or {}).get("click") or {}
    cd = click.get("customdata") if isinstance(click, dict) else None
    if split is None:  # the boundary's points carry [split, index, true, predicted, output]
        if not (isinstance(cd, list) and len(cd) >= 2 and cd[0] in ("train", "test")):
            return
        split, k = cd[0], cd[1]
    else:  # a digit carries its index in the test split
        k = cd[0] if isinstance(cd, list) and cd else cd
    x = ds.x_train if split == "train" else ds.x_test
    y = ds.y_train if split == "train" else ds.y_test
    if not isinstance(k, int) or isinstance(k, bool) or not 0 <= k < len(x):
        return
    run = ss.dt_run
    out = predict(list(run.params), cfg.activations, x[k : k + 1])
    names = ds.classes or None
    true = true_labels(ds.task, y[k : k + 1])
    pred = predicted_labels(ds.task, out)
    show = (lambda i: names[int(i[0])]) if names and true is not None else (lambda _: "–")
    one = cfg.replace(x=[x[k].tolist()], y=[y[k].tolist()], weights=[W for W, _ in run.params],
                      biases=[b for _, b in run.params])  # fmt: skip
    state.load(one)
    true_s = show(true) if true is not None else text_num(float(y[k][0]), 4)
    pred_s = show(pred) if pred is not None else text_num(float(out[0][0]), 4)
    state.flash("info", t("dt_opened", lang, split=t(f"dt_split_{split}", lang), k=k + 1, true=true_s, pred=pred_s))
    ss._dt_goto_explorer = True


def take_away(run, cfg: NetworkConfig, lang: str) -> None:
    """The trained network: to the explorer, as the config JSON, or as a numpy script."""
    trained = cfg.replace(weights=[W for W, _ in run.params], biases=[b for _, b in run.params])
    c1, c2, c3 = st.columns([1, 1, 1])
    if c1.button(t("dt_to_explorer", lang), key="dt_to_explorer", icon=":material/hub:"):
        ss.dt_running = False
        state.load(trained)
        st.switch_page("lessons/explorer.py")
    c2.download_button(t("dt_download", lang), lambda: trained.to_json(), "trained-network.json", "application/json",
                       key="dt_download_json", icon=":material/download:", on_click="ignore")  # fmt: skip
    c3.download_button(t("dt_export", lang), lambda: numpy_script(trained, title="Backprop Explorer"),
                       "backprop_trained.py", "text/x-python", key="dt_export_py", help=t("dt_export_help", lang),
                       icon=":material/code:", on_click="ignore")  # fmt: skip
