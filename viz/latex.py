"""LaTeX for each step: the general formula, and the same formula with this network's numbers.

Every function returns plain strings for st.latex; symbols come from viz.notation so both
notations (W^l with a^0 = x, or Ng's Theta^(l) with layers from 1) read the same everywhere.
"""

from __future__ import annotations

import numpy as np

from engine.network import PassResult
from viz.hover import fmt, text_num
from viz.notation import Notation

G_NAME = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}", "leaky_relu": r"\mathrm{LReLU}",
          "linear": r"\mathrm{id}", "softmax": r"\mathrm{softmax}"}  # fmt: skip
MAX_SHOWN = 8
SLOPES = {"sigmoid": "{a}(1-{a})", "tanh": "1-({a})^2", "relu": r"\mathbb{{1}}({z}>0)",
          "leaky_relu": r"1 \text{{ if }} {z}>0 \text{{ else }} 0.01", "linear": "1",
          "softmax": r"p_i(\mathbb{{1}}[i=j]-p_j)"}  # fmt: skip


def num(v: float, digits: int = 3) -> str:
    """One number for TeX, as viz.hover.fmt writes it (7.26e−9 as 7.26\times10^{-9}; ∞, NaN)."""
    return _tex(text_num(v, digits))


def _tex(s: str) -> str:
    """fmt's text for TeX: ∞ as \\infty, a hyphen for the minus, 7.26e−9 as 7.26\\times10^{-9}."""
    if s in ("∞", "−∞", "NaN"):
        return {"∞": r"\infty", "−∞": r"-\infty", "NaN": r"\text{NaN}"}[s]
    s = s.replace("−", "-")
    if "e" in s:
        mant, exp = s.split("e")
        s = {"1": "", "-1": "-"}.get(mant, mant + r"\times") + rf"10^{{{exp}}}"
    return s


def bmat(a, digits: int = 3) -> str:
    """A matrix (or a vector as a column) as a bmatrix, cut to MAX_SHOWN rows/columns with dots."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        a = a[:, None]
    rows, cols = a.shape
    r_idx = list(range(rows)) if rows <= MAX_SHOWN else list(range(MAX_SHOWN - 1)) + [None, rows - 1]
    c_idx = list(range(cols)) if cols <= MAX_SHOWN else list(range(MAX_SHOWN - 1)) + [None, cols - 1]
    ri, ci = ([k for k in idx if k is not None] for idx in (r_idx, c_idx))
    text = dict(zip(((i, j) for i in ri for j in ci), fmt(a[np.ix_(ri, ci)], digits).ravel()))  # shown ones, at once
    lines = []
    for i in r_idx:
        if i is None:
            lines.append(" & ".join(r"\vdots" if j is not None else r"\ddots" for j in c_idx))
        else:
            lines.append(" & ".join(r"\cdots" if j is None else _tex(text[i, j]) for j in c_idx))
    return r"\begin{bmatrix}" + r" \\ ".join(lines) + r"\end{bmatrix}"


def aligned(*lines: str) -> str:
    """Lines aligned at their '&', with a little air between them; small type keeps matrices in a column."""
    return r"\small\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


def space(*dims) -> str:
    """The space R^{n x m} itself, for shape arithmetic."""
    return r"\mathbb{R}^{" + r"\times".join(str(d) for d in dims) + "}"


def shape(*dims) -> str:
    """'is in R^{n x m}', beside a symbol."""
    return r"\in" + space(*dims)


def input_eq(r: PassResult, s: int, N: Notation, digits: int) -> tuple[str, str]:
    a0 = N.sym("a", 0)
    return rf"{a0} = x", rf"{a0} = x = {bmat(r.x[s], digits)} {shape(r.x.shape[1], 1)}"


def forward_eq(r: PassResult, l: int, s: int, N: Notation, digits: int) -> tuple[str, str]:
    rec = r.layers[l - 1]
    z, a, W, b, ap = N.sym("z", l), N.sym("a", l), N.sym("W", l), N.sym("b", l), N.sym("a", l - 1)
    g = G_NAME[rec.activation]
    general = rf"{z} = {W}\,{ap} + {b}, \qquad {a} = {g}({z})"
    n_out, n_in = rec.W.shape
    nums = aligned(
        rf"{z} &= \underbrace{{{bmat(rec.W, digits)}}}_{{{W}\,{shape(n_out, n_in)}}}"
        rf"\underbrace{{{bmat(r.a(l - 1)[s], digits)}}}_{{{ap}\,{shape(n_in, 1)}}}",
        rf"&\quad + {bmat(rec.b, digits)}",
        rf"&= {bmat(rec.z[s], digits)}",
        rf"{a} &= {g}\!\left({z}\right) = {bmat(rec.a[s], digits)}",
    )
    return general, nums


def loss_eq(r: PassResult, s: int, N: Notation, digits: int) -> tuple[str, str]:
    L = len(r.layers)
    rec = r.layers[-1]
    aL, dL, zL = N.sym("a", L), N.sym("delta", L), N.sym("z", L)
    ell = {
        "mse": rf"\ell = \tfrac12\lVert {aL} - y\rVert^2",
        "bce": rf"\ell = -\sum_k \big[y_k\log {aL}_k + (1-y_k)\log(1-{aL}_k)\big]",
        "cross_entropy": rf"\ell = -\sum_k y_k \log {aL}_k",
    }[r.loss_name]
    cost = r"J = \frac{1}{m}\sum_{i=1}^{m}\ell_i" + (r" + \frac{\lambda}{2m}\sum_l \lVert W^l\rVert^2" if r.l2 else "")
    y, a = r.y[s], rec.a[s]
    if r.loss_name == "mse" and rec.activation != "softmax":
        dgen = rf"{dL} = ({aL} - y)\odot g'({zL})"
        dnum = rf"{dL} = \left({bmat(a, digits)} - {bmat(y, digits)}\right)\odot {bmat(rec.gprime[s], digits)}"
    elif r.loss_name == "mse":
        dgen = rf"{dL} = \left(\frac{{\partial {aL}}}{{\partial {zL}}}\right)^{{\!T}}({aL} - y)"
        dnum = rf"{dL} = J_{{\mathrm{{softmax}}}}^T\left({bmat(a, digits)} - {bmat(y, digits)}\right)"
    else:
        dgen = rf"{dL} = \frac{{\partial \ell}}{{\partial {zL}}} = {aL} - y"
        dnum = rf"{dL} = {bmat(a, digits)} - {bmat(y, digits)}"
    general = aligned(ell.replace(" = ", " &= ", 1), cost.replace(" = ", " &= ", 1), dgen.replace(" = ", " &= ", 1))
    reg = rf" + \frac{{{num(r.l2, digits)}}}{{2\cdot{r.m}}}\sum\lVert W\rVert^2" if r.l2 else ""
    cost_num = (rf"\frac{{1}}{{{r.m}}}\sum_i \ell_i" if r.m > 1 else r"\ell_1") + rf"{reg} = {num(r.loss, digits + 1)}"
    nums = aligned(
        rf"\ell_{{{s + 1}}} &= {num(r.sample_losses[s], digits + 1)}, \qquad J = {cost_num}",
        dnum.replace(" = ", " &= ", 1),
        rf"&= {bmat(rec.delta[s], digits)}",
    )
    return general, nums


def backward_eq(r: PassResult, l: int, s: int, N: Notation, digits: int) -> tuple[str, str]:
    rec, nxt = r.layers[l - 1], r.layers[l]
    d, dn, Wn, z = N.sym("delta", l), N.sym("delta", l + 1), N.sym("W", l + 1), N.sym("z", l)
    # name the slope of this layer's activation, e.g. seed 000's a(1 - a) for the sigmoid
    slope = SLOPES[rec.activation].format(a=N.sym("a", l), z=z)
    general = rf"{d} = \left({Wn}\right)^{{\!T}} {dn} \odot g'({z}), \qquad g'({z}) = {slope}"
    with np.errstate(all="ignore"):  # an overflowed pass: num() prints the inf/NaN, no RuntimeWarning
        up = nxt.delta[s] @ nxt.W
    nums = aligned(
        rf"\left({Wn}\right)^{{\!T}} {dn} &= {bmat(nxt.W.T, digits)} {bmat(nxt.delta[s], digits)} = {bmat(up, digits)}",
        rf"{d} &= {bmat(up, digits)} \odot {bmat(rec.gprime[s], digits)} = {bmat(rec.delta[s], digits)}",
    )
    return general, nums


def grad_eq(r: PassResult, l: int, s: int, N: Notation, digits: int) -> tuple[str, str]:
    rec = r.layers[l - 1]
    d, ap, W, b = N.sym("delta", l), N.sym("a", l - 1), N.sym("W", l), N.sym("b", l)
    single = r.m == 1 and not r.l2
    if single:
        general = (rf"\frac{{\partial J}}{{\partial {W}}} = {d}\,\left({ap}\right)^{{\!T}}, \qquad "
                   rf"\frac{{\partial J}}{{\partial {b}}} = {d}")  # fmt: skip
        nums = aligned(
            rf"\frac{{\partial J}}{{\partial {W}}} &= {bmat(rec.delta[s], digits)}"
            rf"{bmat(r.a(l - 1)[s][None, :], digits)}",
            rf"&= {bmat(rec.dW, digits)}",
            rf"\frac{{\partial J}}{{\partial {b}}} &= {d} = {bmat(rec.db, digits)}",
        )
        return general, nums
    reg = rf" + \frac{{\lambda}}{{m}}{W}" if r.l2 else ""
    general = (rf"\frac{{\partial J}}{{\partial {W}}} = \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} {d}_{{(i)}}"
               rf"\left({ap}_{{(i)}}\right)^{{\!T}}{reg}, \qquad "
               rf"\frac{{\partial J}}{{\partial {b}}} = \frac{{1}}{{m}}\sum_i {d}_{{(i)}}")  # fmt: skip
    term = np.outer(rec.delta[s], r.a(l - 1)[s])
    nums = aligned(
        rf"{d}_{{({s + 1})}}\left({ap}_{{({s + 1})}}\right)^{{\!T}} &= {bmat(term, digits)}",
        rf"\frac{{\partial J}}{{\partial {W}}} &= {bmat(rec.dW, digits)}",
        rf"\frac{{\partial J}}{{\partial {b}}} &= {bmat(rec.db, digits)}",
    )
    return general, nums


def summary_eq(r: PassResult, N: Notation, digits: int) -> tuple[str, str]:
    """Backprop's equations for a general layer, and this network's J with each layer's largest |∂J/∂W|."""
    L = len(r.layers)
    if N.ng:  # Θ^(l) maps layer l to l+1 (layers from 1)
        back = r"\delta^{(l)} = \left(\Theta^{(l)}\right)^{\!T} \delta^{(l+1)} \odot g'(z^{(l)})"
        grad = (
            r"\frac{\partial J}{\partial \Theta^{(l)}} = \frac{1}{m}\sum_i \delta^{(l+1)}_{(i)}"
            r"\left(a^{(l)}_{(i)}\right)^{\!T}"
        )
        reg = r" + \frac{\lambda}{m}\Theta^{(l)}"
    else:
        back = r"\delta^{l} = \left(W^{l+1}\right)^{\!T} \delta^{l+1} \odot g'(z^{l})"
        grad = r"\frac{\partial J}{\partial W^{l}} = \frac{1}{m}\sum_i \delta^{l}_{(i)}\left(a^{l-1}_{(i)}\right)^{\!T}"
        reg = r" + \frac{\lambda}{m}W^{l}"
    general = aligned(
        rf"{N.sym('delta', L)} &= \frac{{\partial \ell}}{{\partial {N.sym('z', L)}}}, \qquad {back}",
        "&" + grad + (reg if r.l2 else ""),
    )
    largest = [  # one layer a line: the step view's narrow column holds them without scrolling
        rf"\max\left|\frac{{\partial J}}{{\partial {N.sym('W', l)}}}\right| &= {num(abs(rec.dW).max(), digits)}"
        for l, rec in enumerate(r.layers, start=1)
    ]
    return general, aligned(rf"J &= {num(r.loss, digits + 1)}", *largest)


def update_eq(r: PassResult, l: int, alpha: float, N: Notation, digits: int) -> tuple[str, str]:
    rec = r.layers[l - 1]
    W, b = N.sym("W", l), N.sym("b", l)
    general = (rf"{W} \leftarrow {W} - \alpha \frac{{\partial J}}{{\partial {W}}}, \qquad "
               rf"{b} \leftarrow {b} - \alpha \frac{{\partial J}}{{\partial {b}}}")  # fmt: skip
    nums = aligned(
        rf"{W} &\leftarrow {bmat(rec.W, digits)} - {num(alpha, digits)}{bmat(rec.dW, digits)}",
        rf"&= {bmat(rec.W - alpha * rec.dW, digits)}",
        rf"{b} &\leftarrow {bmat(rec.b, digits)} - {num(alpha, digits)}{bmat(rec.db, digits)}"
        rf" = {bmat(rec.b - alpha * rec.db, digits)}",
    )
    return general, nums
