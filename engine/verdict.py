"""The gradient check's verdict: backprop against centred differences, judged as torch.autograd.gradcheck does.

A parameter agrees when |analytic - numeric| <= atol + RTOL * |numeric|, atol from the centred difference's
rounding bound (rounding_allowance). The relative error |a - n| / max(|a|, |n|) alone cannot judge: a correct
gradient near zero (the first layers of a deep sigmoid net, ~1e-9) shows a large relative error from the
difference's rounding noise alone (~1e-10 there), while a wrong gradient is wrong by a share of itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import PassResult

GOOD = 1e-7  # relative errors below this are "great" in Ng's course: the verdict of a ParamCheck without allowed
RTOL = 1e-4  # backprop and the difference agree to about 4 significant digits ...
SAFETY = 4.0  # ... give or take 4 times the difference's rounding bound (rounding_allowance)
EPS_MACH = float(np.finfo(float).eps)  # 2.2e-16: float64 keeps ~16 significant digits
FLOAT_MAX = float(np.finfo(float).max)
KINKED = ("relu", "leaky_relu")  # activations whose slope jumps at z = 0


def relative_error(analytic, numeric):
    """|a - n| / max(|a|, |n|); 0 where both are exactly 0; NaN where a parameter was not checked."""
    analytic, numeric = np.asarray(analytic), np.asarray(numeric)
    den = np.maximum(np.abs(analytic), np.abs(numeric))
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = np.where(den > 0, np.abs(analytic - numeric) / np.where(den > 0, den, 1.0), 0.0)
    return np.where(np.isnan(numeric), np.nan, rel)


def rounding_scale(result: PassResult) -> float:
    """S: the size of the numbers a computed J is made of, so that J is exact to about EPS_MACH * S.

    - |J|: the per-sample losses and the L2 term are all >= 0, so they add up without cancelling.
    - (1/m) sum |z^L|: bce and cross-entropy are computed from the logits (softplus(z) - y z,
      logsumexp(z) - z_y), which subtract numbers of size |z^L|: a confident right answer has J = 1e-9
      as 20 - (20 - 1e-9), rounded like 20, not like 1e-9.
    - MSE: (1/m) sum |a - y| (|a| + |y|), the rounding of a - y carried into (a - y)^2.
    - every layer's (1/m) sum |delta^l| (|W^l| |a^(l-1)| + |b^l|): z^l is rounded by about EPS_MACH times the
      size of the terms it adds up, and J moves by delta^l times that (rounding propagated to first order).
      It is small where gradients vanish, and grows with big weights and inputs, as rounding does.
    S stops at the largest float (1.8e308): numbers that big leave no useful precision, and atol says so by its
    size while staying a number (an overflowed or NaN pass is caught by GradCheckReport.finite instead).
    """
    m = result.m
    out = result.layers[-1]
    with np.errstate(all="ignore"):  # an overflowed pass gives inf or NaN here: the report then fails anyway
        S = abs(result.loss) + float(np.abs(out.z).sum()) / m
        if result.loss_name == "mse":
            S += float((np.abs(out.a - result.y) * (np.abs(out.a) + np.abs(result.y))).sum()) / m
        for l, rec in enumerate(result.layers, start=1):
            size = np.abs(result.a(l - 1)) @ np.abs(rec.W).T + np.abs(rec.b)  # (m, n_l), the terms summed in z^l
            S += float((np.abs(rec.delta) * size).sum()) / m
    return S if S < FLOAT_MAX else FLOAT_MAX  # inf and NaN too


def rounding_allowance(result: PassResult, eps: float) -> float:
    """atol: how far a centred difference may sit from the true derivative through rounding alone.

    J(theta + eps) and J(theta - eps) are each computed with an absolute rounding error of about
    EPS_MACH * S (S = rounding_scale, ~|J| for the usual nets). Their difference can be off by twice that,
    and dividing by 2 eps gives EPS_MACH * S / eps: noise that grows as eps shrinks (2.2e-16 * 7 / 1e-5 =
    1.5e-10 on a net with J ~ 7, more than the true gradient of a deep sigmoid net's first layer). On a few
    hundred random smooth nets (1-6 layers, widths 1-10, every loss) the measured noise stayed below 1.0
    times this bound at eps = 1e-5 ... 1e-8; SAFETY = 4 leaves room for bigger nets, whose roundings add up
    over more terms, and keeps atol tiny next to what a real bug does (a missing sigmoid'(z) <= 0.25 makes
    a gradient 4 or more times too large).

    The difference's other error, truncation (eps^2 / 6 times J's third derivative along the parameter),
    is not bounded here. Relative to the gradient RTOL covers it: on those nets it stayed below 2e-7 of the
    gradient at eps = 1e-4 and 2e-5 at eps = 1e-3 (inputs of size ~1). But it is an absolute error: a
    gradient near zero with a third derivative of size 1 (an output bias of a balanced softmax) is off by
    1.7e-9 at eps = 1e-4, as much as the gradient itself, and ng_4layer's smallest gradient is off by 1e-3 of
    itself at eps = 1e-3. At eps <= 1e-5 truncation (<= 1.7e-11 times the third derivative) sits below atol.
    So gradcheck differences a larger eps's misses again at RECHECK_EPS = 1e-5 (only those: a real bug
    misses at both, truncation does not); smaller eps only raise atol, so the verdict holds for every eps
    from 1e-2 to 1e-8 the page offers, on nets whose inputs and weights are of size ~1.
    """
    return SAFETY * EPS_MACH * rounding_scale(result) / eps


@dataclass(frozen=True)
class ParamCheck:
    """One parameter array of one layer: analytic, numeric, relative error and allowance, same shape."""

    layer: int  # l, 1-based like W^l
    kind: str  # "W" or "b"
    analytic: np.ndarray
    numeric: np.ndarray  # NaN where not checked
    rel_error: np.ndarray
    allowed: np.ndarray | None = None  # atol + RTOL |numeric|: the largest |a - n| a correct gradient shows
    settled: np.ndarray | None = None  # missed at eps > RECHECK_EPS, agreed at it: truncation
    kinked: np.ndarray | None = None  # theta +- eps switches a ReLU on or off: J has a corner, no verdict

    @property
    def checked(self) -> np.ndarray:
        return ~np.isnan(self.numeric)

    @property
    def judged(self) -> np.ndarray:
        """Checked, and J smooth over [theta - eps, theta + eps] (no ReLU switched on or off)."""
        return self.checked if self.kinked is None else self.checked & ~self.kinked

    @property
    def n_kinked(self) -> int:
        return 0 if self.kinked is None else int(np.sum(self.kinked & self.checked))

    @property
    def abs_error(self) -> np.ndarray:
        """|a - n|, NaN where not checked."""
        with np.errstate(invalid="ignore"):
            return np.abs(self.analytic - self.numeric)

    @property
    def agrees(self) -> np.ndarray:
        """Per parameter: |a - n| <= allowed; True where not judged, False where a number is not finite."""
        allowed = self.allowed if self.allowed is not None else GOOD * np.abs(self.numeric)
        with np.errstate(invalid="ignore"):
            ok = np.where(self.judged, self.abs_error <= allowed, True)
        return ok if self.settled is None else ok | self.settled

    @property
    def n_settled(self) -> int:
        return 0 if self.settled is None else int(self.settled.sum())

    @property
    def n_wrong(self) -> int:
        return int(np.sum(~self.agrees))

    @property
    def max_abs_error(self) -> float:
        d = self.abs_error[self.checked]
        return float(d.max()) if d.size else 0.0

    @property
    def max_error(self) -> float:
        checked = self.rel_error[~np.isnan(self.rel_error)]
        return float(checked.max()) if checked.size else 0.0

    @property
    def n_checked(self) -> int:
        return int(np.sum(~np.isnan(self.rel_error)))


@dataclass(frozen=True)
class GradCheckReport:
    eps: float
    checks: tuple[ParamCheck, ...]  # W^1, b^1, W^2, b^2, ...
    atol: float = 0.0  # rounding_allowance at this eps
    rtol: float = RTOL
    bug_changed: tuple[int, ...] = ()  # with a planted bug: the layers whose backprop gradient it changed
    recheck_eps: float | None = None  # the eps misses were looked at again with, if any
    scale: float = 0.0  # rounding_scale S of the pass: atol = SAFETY * EPS_MACH * S / eps
    finite: bool = True  # J, every backprop gradient and every difference asked for are finite

    @property
    def n_kinked(self) -> int:
        """Checked parameters whose difference straddles a ReLU kink: not judged."""
        return sum(c.n_kinked for c in self.checks)

    @property
    def n_settled(self) -> int:
        """Parameters that missed at eps but agreed at recheck_eps: the difference's truncation error."""
        return sum(c.n_settled for c in self.checks)

    @property
    def max_error(self) -> float:
        return max(c.max_error for c in self.checks)

    @property
    def n_checked(self) -> int:
        return sum(c.n_checked for c in self.checks)

    @property
    def n_params(self) -> int:
        return sum(c.rel_error.size for c in self.checks)

    @property
    def n_wrong(self) -> int:
        return sum(c.n_wrong for c in self.checks)

    @property
    def wrong_layers(self) -> list[int]:
        """The layers l with a parameter of W^l or b^l outside its allowance, first layer first."""
        return sorted({c.layer for c in self.checks if c.n_wrong})

    @property
    def passed(self) -> bool:
        """Every number finite, and every judged parameter within atol + rtol |numeric|."""
        return self.finite and self.n_wrong == 0

    def layer_max(self, layer: int) -> float:
        return max(c.max_error for c in self.checks if c.layer == layer)

    def to_dict(self) -> dict:
        L = max(c.layer for c in self.checks)
        layers = []
        for l in range(1, L + 1):
            W, b = (next(c for c in self.checks if (c.layer, c.kind) == (l, k)) for k in "Wb")
            layers.append({
                "layer": l,
                "max_rel_error": self.layer_max(l),
                "W_max_rel_error": W.max_error,
                "b_max_rel_error": b.max_error,
                "max_abs_error": max(W.max_abs_error, b.max_abs_error),
                "wrong": W.n_wrong + b.n_wrong,
            })  # fmt: skip
        return {
            "eps": self.eps,
            "max_rel_error": self.max_error,
            "layers": layers,
            "atol": self.atol,
            "rtol": self.rtol,
            "rule": "passed: |analytic - numeric| <= atol + rtol * |numeric| for every parameter",
            **({"recheck_eps": self.recheck_eps, "settled_at_recheck_eps": self.n_settled} if self.recheck_eps else {}),
            "not_judged_relu_kink": self.n_kinked,
            "wrong_layers": self.wrong_layers,
            "passed": self.passed,
        }
