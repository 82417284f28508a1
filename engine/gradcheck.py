"""Gradient checking: backprop's dJ/dtheta against centred differences, for every parameter.

numeric_k = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps), in float64 on copies.
Vectorised: all perturbations of one layer's parameters run as one batch through the layers
above it (the layers below are unchanged, so a^(l-1) is computed once).

The verdict is torch.autograd.gradcheck's rule, with atol derived from rounding: a parameter agrees when
|analytic - numeric| <= atol + RTOL * |numeric|. The relative error |a - n| / max(|a|, |n|) alone cannot
judge: a correct gradient near zero (the first layers of a deep sigmoid net, ~1e-9) shows a large relative
error from the difference's rounding noise alone (~1e-10 there), while a wrong gradient is wrong by a share
of itself. See rounding_allowance for atol and why RTOL covers the rest.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from engine.activations import ACTIVATIONS
from engine.losses import LOSSES
from engine.network import Params, forward, pass_arrays
from engine.verdict import (  # noqa: F401  (the verdict's names: part of this module's interface)
    EPS_MACH,
    GOOD,
    KINKED,
    RTOL,
    SAFETY,
    GradCheckReport,
    ParamCheck,
    relative_error,
    rounding_allowance,
    rounding_scale,
)

RECHECK_EPS = 1e-5  # a larger eps's misses are differenced again with this one (rounding_allowance)
BATCH_FLOATS = 2_000_000  # bound on one batch's activations, so big nets check in chunks


def _batched_cost(params: Params, k: int, Wb, bb, a_prev, activations, loss, l2, y, zs):
    """J for a batch of perturbed (W^(k+1), b^(k+1)); Wb (B, n_l, n_{l-1}), bb (B, n_l). Returns J (B,) and
    switched (B,): whether the perturbation turned a ReLU / leaky ReLU on or off (z^l > 0 differs from the
    unperturbed zs[l-1] > 0 for some sample and unit), i.e. J has a corner between theta and theta +- eps."""
    z = np.einsum("mj,bij->bmi", a_prev, Wb) + bb[:, None, :]
    switched = np.zeros(len(Wb), bool)
    for j in range(k, len(params)):
        if activations[j] in KINKED:
            switched |= np.any((z > 0) != (zs[j] > 0), axis=(1, 2))
        a = ACTIVATIONS[activations[j]].fn(z)
        if j + 1 < len(params):
            z = a @ params[j + 1][0].T + params[j + 1][1]
    B, m = z.shape[0], y.shape[0]
    sample = LOSSES[loss].value(z.reshape(B * m, -1), a.reshape(B * m, -1), np.tile(y, (B, 1)), activations[-1])
    J = sample.reshape(B, m).mean(axis=1)
    if l2:
        others = sum(float(np.vdot(W, W)) for j, (W, _) in enumerate(params) if j != k)
        J = J + 0.5 * l2 / m * (others + np.einsum("bij,bij->b", Wb, Wb))
    return J, switched


def sample_indices(params: Params, limit: int, seed: int = 0):
    """Per layer, the flat parameter indices to check: all when the net has at most `limit`
    parameters, else an even, seeded random share of `limit` (None means all)."""
    total = sum(W.size + b.size for W, b in params)
    if total <= limit:
        return [None] * len(params)
    rng = np.random.default_rng(seed)
    per = max(1, limit // len(params))
    return [np.sort(rng.choice(W.size + b.size, min(per, W.size + b.size), replace=False)) for W, b in params]


def numeric_gradient(params: Params, activations, loss, l2, x, y, eps=1e-5, on_progress=None, indices=None):
    """Centred-difference dJ/dW^l and dJ/db^l for every layer: list of (dW, db).

    indices: per layer, the flat indices ([vec(W), b]) to compute, or None for all; the rest are NaN.
    """
    return [(dW, db) for dW, db, _, _ in differences(params, activations, loss, l2, x, y, eps, on_progress, indices)]


def differences(params: Params, activations, loss, l2, x, y, eps=1e-5, on_progress=None, indices=None):
    """numeric_gradient, with where each difference straddles a ReLU kink: list of (dW, db, kW, kb), k* bool
    (True where theta +- eps switches a ReLU on or off, so J is not smooth over the step)."""
    zs, As = forward(params, activations, x)
    indices = indices or [None] * len(params)
    total = sum(W.size + b.size if ix is None else len(ix) for (W, b), ix in zip(params, indices))
    done = 0
    out = []
    for k, (W, b) in enumerate(params):
        n_out, n_in = W.shape
        P = W.size + b.size
        flat = np.concatenate([W.ravel(), b])
        widest = max(w.shape[0] for w, _ in params[k:])
        chunk = max(1, BATCH_FLOATS // (2 * x.shape[0] * widest))
        grad = np.full(P, np.nan)
        kinked = np.zeros(P, bool)
        todo = np.arange(P) if indices[k] is None else np.asarray(indices[k], dtype=int)
        for start in range(0, len(todo), chunk):
            idx = todo[start : start + chunk]
            B = len(idx)
            batch = np.repeat(flat[None, :], 2 * B, axis=0)
            batch[np.arange(B), idx] += eps
            batch[B + np.arange(B), idx] -= eps
            Wb = batch[:, : W.size].reshape(2 * B, n_out, n_in)
            J, switched = _batched_cost(params, k, Wb, batch[:, W.size :], As[k], activations, loss, l2, y, zs)
            grad[idx] = (J[:B] - J[B:]) / (2 * eps)
            kinked[idx] = switched[:B] | switched[B:]
            done += B
            if on_progress is not None:
                on_progress(done / total)
        out.append(
            (grad[: W.size].reshape(W.shape), grad[W.size :], kinked[: W.size].reshape(W.shape), kinked[W.size :])
        )
    return out


def gradcheck(params: Params, activations, loss, l2, x, y, eps=1e-5, skip_gprime=None, on_progress=None,
              limit: int | None = None) -> GradCheckReport:  # fmt: skip
    """Backprop (optionally with a planted bug) against centred differences; with `limit`, a net with more
    parameters than that checks a seeded random sample of `limit` of them.

    The allowance comes from the correct pass (a planted bug changes backprop, not J's rounding);
    bug_changed lists the layers whose gradient the bug changes at all (none when the dropped g'(z) is 1
    everywhere, or at an output whose delta has no g'(z) factor, as with cross-entropy).
    """
    result = pass_arrays(params, activations, loss, l2, x, y, skip_gprime)
    right = pass_arrays(params, activations, loss, l2, x, y) if skip_gprime else result
    changed = tuple(
        l
        for l, (bad, good) in enumerate(zip(result.layers, right.layers), start=1)
        if skip_gprime and not (np.array_equal(bad.dW, good.dW) and np.array_equal(bad.db, good.db))
    )
    scale = rounding_scale(right)
    atol = SAFETY * EPS_MACH * scale / eps  # rounding_allowance(right, eps)
    indices = sample_indices(params, limit) if limit else None
    numeric = differences(params, activations, loss, l2, x, y, eps, on_progress, indices)
    checks = []
    with np.errstate(invalid="ignore", over="ignore"):
        for l, (rec, (nW, nb, kW, kb)) in enumerate(zip(result.layers, numeric), start=1):
            for kind, a, n, k in (("W", rec.dW, nW, kW), ("b", rec.db, nb, kb)):
                checks.append(ParamCheck(l, kind, a, n, relative_error(a, n), atol + RTOL * np.abs(n), kinked=k))
    asked = sum(
        W.size + b.size if ix is None else len(ix) for (W, b), ix in zip(params, indices or [None] * len(params))
    )
    finite = bool(np.isfinite(result.loss)) and all(np.isfinite(c.analytic).all() for c in checks)
    finite = finite and sum(c.n_checked for c in checks) == asked  # a NaN difference is not "unchecked"
    rep = GradCheckReport(eps, tuple(checks), atol, RTOL, changed, scale=scale, finite=finite)
    if eps > RECHECK_EPS and finite and not rep.passed:
        rep = _recheck(rep, params, activations, loss, l2, x, y, right)
    return rep


def _recheck(rep: GradCheckReport, params, activations, loss, l2, x, y, right) -> GradCheckReport:
    """The parameters that missed at a large eps, differenced again at RECHECK_EPS: those that agree there
    missed by truncation (eps^2/6 times a third derivative), not because backprop is wrong. Costs at most
    the first check again."""
    pairs = list(zip(rep.checks[::2], rep.checks[1::2]))  # (W^l, b^l)
    missed = [np.flatnonzero(~np.concatenate([W.agrees.ravel(), b.agrees.ravel()])) for W, b in pairs]
    numeric = differences(params, activations, loss, l2, x, y, RECHECK_EPS, indices=missed)
    atol = rounding_allowance(right, RECHECK_EPS)
    checks = []
    with np.errstate(invalid="ignore", over="ignore"):
        for (W, b), (nW, nb, kW, kb) in zip(pairs, numeric):
            for c, n, k in ((W, nW, kW), (b, nb, kb)):
                ok = (np.abs(c.analytic - n) <= atol + RTOL * np.abs(n)) & ~k
                settled = np.isfinite(n) & ok & ~c.agrees
                checks.append(replace(c, settled=settled))
    return replace(rep, checks=tuple(checks), recheck_eps=RECHECK_EPS)
