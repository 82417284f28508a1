"""What the sidebar's structure, init and data widgets compose, as pure functions of the network they show:
used by the widgets' own code (ui/controls.py), the fragments (ui/sidebar.py, ui/live.py) and the preview route
(ui/preview.py), so all of them compose the same network."""

from __future__ import annotations

import numpy as np

from engine.activations import ACTIVATIONS
from engine.config import INIT_SCHEMES, InitSpec, NetworkConfig
from engine.network import init_params
from texts import t

HIDDEN_ACTS = [a for a in ACTIVATIONS if a != "softmax"]


OUTPUT_PAIRS = [("sigmoid", "bce"), ("softmax", "cross_entropy")] + [(a, "mse") for a in ACTIVATIONS]


def pair_label(pair, lang: str) -> str:
    act, loss = pair
    return f"{t('act_' + act, lang)} + {t('loss_' + loss, lang)}"


def hidden_layer(old_hidden: list[int], old_acts: list[str], h: int) -> tuple[int, str]:
    """Hidden layer h's width and activation as its widgets first show them: the network's, or for a layer the
    network lacks, its last hidden layer's (4 sigmoid neurons if it has none)."""
    w0 = old_hidden[h] if h < len(old_hidden) else (old_hidden[-1] if old_hidden else 4)
    a0 = old_acts[h] if h < len(old_acts) else (old_acts[-1] if old_acts else "sigmoid")
    return w0, a0


STRUCTURE_SLIDERS = ("hidden", "w0", "wout")  # and w1, w2, ...: the structure sliders' keys (after _key's prefix)


def moved_structure(cfg: NetworkConfig, slider: str, value: int) -> tuple[list[int], list[str], str]:
    """What structure() returns when the structure slider keyed `slider` (hidden, w0, w1, ..., wout) moves to
    value while every other structure widget shows cfg's (ui/preview.py draws that network before the rerun)."""
    if slider not in STRUCTURE_SLIDERS and not (slider[:1] == "w" and slider[1:].isdigit()):
        raise ValueError(f"no structure slider {slider!r}")
    hidden = value if slider == "hidden" else cfg.n_weight_layers - 1
    old_hidden, old_acts = list(cfg.layers[1:-1]), list(cfg.activations[:-1])
    widths, acts = [value if slider == "w0" else cfg.layers[0]], []
    for h in range(hidden):
        w0, a0 = hidden_layer(old_hidden, old_acts, h)
        widths.append(value if slider == f"w{h + 1}" else w0)
        acts.append(a0)
    widths.append(value if slider == "wout" else cfg.layers[-1])
    return widths, acts + [cfg.activations[-1]], cfg.loss


def restructured(cfg: NetworkConfig, widths, acts, loss: str, init: dict) -> tuple[dict, bool]:
    """The network of cfg with new widths, activations, loss and init, as the structure fragment composes it
    (engine.config.from_dict's fields), and whether weights were drawn anew: the weights reconciled
    (reconcile_weights), the data fitted (fit_data), lambda kept."""
    W, b, redrawn = reconcile_weights(cfg, widths, init)
    x, y = fit_data(cfg, widths, loss, cfg.m)  # cfg's own when the inputs, outputs and loss stay
    return {"layers": list(widths), "activations": list(acts), "loss": loss, "weights": W, "biases": b, "x": x,
            "y": y, "l2": cfg.l2, "init": init}, redrawn  # fmt: skip


def _fit_samples(rows, m: int, n: int, make) -> list[list[float]]:
    """rows resized to m samples of n numbers: kept where they exist, new ones made by make(i, k)."""
    out = []
    for i in range(m):
        old = list(rows[i]) if i < len(rows) else []
        out.append([old[k] if k < len(old) else make(i, k) for k in range(n)])
    return out


def _target_fill(loss: str, n_out: int, seed: int):
    rng = np.random.default_rng(seed + 7919)

    def make(i, k):
        if loss == "mse":
            return round(float(rng.uniform(0, 1)), 2)
        return 1.0 if k == i % n_out else 0.0

    return make


def fit_data(cfg: NetworkConfig, widths, loss: str, m: int) -> tuple[list, list]:
    """cfg's x and y fitted to m samples, the input and output widths and the loss: kept where they exist, new
    inputs drawn from the init seed, new targets made valid for the loss (before the sliders edit the sample
    shown; the structure fragment's network too: ui/live.py)."""
    rng = np.random.default_rng(cfg.init.seed + 104729)
    x = _fit_samples(cfg.x, m, widths[0], lambda i, k: round(float(rng.normal()), 2))
    y = _fit_samples(cfg.y, m, widths[-1], _target_fill(loss, widths[-1], cfg.init.seed))
    if loss != "mse":  # targets must suit the loss, also after a loss or width change
        y = [_as_target(row, loss) for row in y]
    return x, y


def _as_target(row, loss):
    """A row made valid for bce/cross_entropy: one-hot at its largest entry."""
    if loss == "bce" and all(0 <= v <= 1 for v in row):
        return row
    if loss == "cross_entropy" and all(0 <= v <= 1 for v in row) and abs(sum(row) - 1) < 1e-6:
        return row
    k = int(np.argmax(row))
    return [1.0 if i == k else 0.0 for i in range(len(row))]


INIT_DEFAULT_VALUE = {"constant": 0.5, "uniform": 0.12, "normal": 0.01}  # the schemes that take a value


def init_of(cfg: NetworkConfig) -> dict:
    """The init spec the init widgets give while they show cfg's (the structure fragment: ui/live.py)."""
    scheme = cfg.init.scheme
    out = {"scheme": scheme, "seed": min(cfg.init.seed, 2**31 - 1)}
    if scheme in INIT_DEFAULT_VALUE:
        out["value"] = float(cfg.init.value if cfg.init.value is not None else INIT_DEFAULT_VALUE[scheme])
    return out


def structure_of(cfg: NetworkConfig) -> tuple[list[int], list[str], str, dict]:
    """Widths, activations, loss and init spec as the structure fragment's widgets give them while they show cfg's."""
    return list(cfg.layers), list(cfg.activations), cfg.loss, init_of(cfg)


def scheme_value(cfg: NetworkConfig, scheme: str) -> float:
    """The value a scheme's number box first shows: cfg's own while cfg uses that scheme, else the default."""
    return float(init_of(cfg)["value"] if cfg.init.scheme == scheme else INIT_DEFAULT_VALUE[scheme])


def chosen(cfg: NetworkConfig, key: str, label: str, lang: str) -> tuple[list[int], list[str], str, dict]:
    """What the structure and init widgets give when the select box keyed `key` (act1, act2, ..., pair, scheme)
    takes the option shown as `label` (in lang), or the New random weights button (new_weights) is pressed, every
    other widget showing cfg's (ui/preview.py draws that network before the rerun)."""

    def option(choices, name):
        found = [c for c in choices if name(c) == label]
        if not found:
            raise ValueError(f"no option {label!r} in {key}")
        return found[0]

    widths, acts, loss, init = structure_of(cfg)
    if key == "new_weights":
        init["seed"] = min(init["seed"] + 1, 2**31 - 1)
    elif key == "scheme":
        scheme = option(INIT_SCHEMES, lambda k: t("init_" + k, lang))
        init = {"scheme": scheme, "seed": init["seed"]}
        if scheme in INIT_DEFAULT_VALUE:
            init["value"] = scheme_value(cfg, scheme)
    elif key == "pair":
        acts[-1], loss = option(OUTPUT_PAIRS, lambda p: pair_label(p, lang))
    elif key[:3] == "act" and key[3:].isdigit() and 1 <= int(key[3:]) < len(acts):
        acts[int(key[3:]) - 1] = option(HIDDEN_ACTS, lambda a: t("act_" + a, lang))
    else:
        raise ValueError(f"no select box {key!r}")
    return widths, acts, loss, init


def reconcile_weights(cfg: NetworkConfig, widths, init: dict) -> tuple[list, list, bool]:
    """Weights for the new widths: kept where shape and init are unchanged, drawn by init otherwise."""
    same_init = (cfg.init.scheme, cfg.init.seed, cfg.init.value) == (init["scheme"], init["seed"], init.get("value"))
    drawn = None
    W, b, changed = [], [], not same_init
    for k in range(len(widths) - 1):
        shape = (widths[k + 1], widths[k])
        keep = same_init and k < cfg.n_weight_layers and (cfg.layers[k + 1], cfg.layers[k]) == shape
        if keep:
            W.append([list(r) for r in cfg.weights[k]])
            b.append(list(cfg.biases[k]))
        else:
            if drawn is None:
                drawn = init_params(tuple(widths), InitSpec(init["scheme"], init["seed"], init.get("value")))
            W.append(drawn[k][0].tolist())
            b.append(drawn[k][1].tolist())
            changed = True
    return W, b, changed
