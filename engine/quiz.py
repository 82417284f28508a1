"""Predict, then reveal: questions about one pass, drawn from a seed, and their checking.

A question hides one value of the pass (a neuron's activation a or error term δ, an entry of ∂J/∂W or
its sign) at the moment of the timeline just before it is computed: everything computed earlier is
given, so the value follows from one formula. The same seed and the same network give the same
questions, so a teacher's link gives every student the same quiz.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from engine.network import PassResult

KINDS = ("a", "delta", "dW", "sign")
MAX_SEED = 2**31 - 1


@dataclass(frozen=True)
class Question:
    kind: str  # a | delta | dW | sign
    layer: int  # 1-based code layer (of the neuron, or of W^l)
    i: int  # neuron index, or W's row (the neuron it feeds)
    j: int = -1  # W's column (the neuron it comes from); -1 for a neuron

    @property
    def moment(self) -> tuple[str, int]:
        """The timeline moment (viz.timeline.Moment's kind, layer) that computes this value."""
        return {"a": "forward", "delta": "backward"}.get(self.kind, "grad"), self.layer

    def before(self, L: int) -> tuple[str, int]:
        """The moment just before: what the question's picture shows."""
        kind, l = self.moment
        if kind == "forward":
            return ("forward", l - 1) if l > 1 else ("input", 0)
        if kind == "backward":
            return ("backward", l + 1) if l < L else ("loss", L)
        return ("grad", l + 1) if l < L else ("backward", 1)


def questions(widths, seed: int, n: int = 5) -> list[Question]:
    """n questions for a network of these widths (input first), the same for the same seed: kinds in turn
    from a seeded shuffle, each at a seeded layer and index; no question twice while others remain."""
    rng = np.random.default_rng([int(seed) & MAX_SEED, 7])  # 7: the quiz's own stream of that seed
    widths = [int(w) for w in widths]
    L = len(widths) - 1
    pool = [Question("a", l, i) for l in range(1, L + 1) for i in range(widths[l])]
    pool += [Question("delta", l, i) for l in range(1, L + 1) for i in range(widths[l])]
    edges = [(l, i, j) for l in range(1, L + 1) for i in range(widths[l]) for j in range(widths[l - 1])]
    kinds = list(rng.permutation(KINDS))
    out, used = [], set()
    for k in range(n):
        kind = kinds[k % len(kinds)]
        if kind in ("dW", "sign"):
            choices = [Question(kind, *e) for e in edges]
        else:
            choices = [q for q in pool if q.kind == kind]
        fresh = [q for q in choices if (q.kind, q.layer, q.i, q.j) not in used] or choices
        q = fresh[int(rng.integers(len(fresh)))]
        used.add((q.kind, q.layer, q.i, q.j))
        out.append(q)
    return out


def truth(result: PassResult, q: Question, sample: int) -> float:
    """The value the question hides, from the engine's pass (the sign question: the sign of ∂J/∂w)."""
    rec = result.layers[q.layer - 1]
    if q.kind == "a":
        return float(rec.a[sample, q.i])
    if q.kind == "delta":
        return float(rec.delta[sample, q.i])
    v = float(rec.dW[q.i, q.j])
    return v if q.kind == "dW" else float(np.sign(v))


def tolerance(value: float, digits: int) -> float:
    """Half a unit in the last of `digits` significant digits of value (a little more, for rounding at the
    edge): an answer that rounds to what the app shows at that precision counts."""
    if not math.isfinite(value):
        return 0.0
    if value == 0.0:
        return 0.5 * 10.0 ** (-digits)
    return 0.5 * 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1) * 1.001


_MINUS = "\u2212\u2013\u2014\ufe63\uff0d"


def parse_number(text: str) -> float | None:
    """A number as a student types it: unicode minus, full-width digits, a decimal comma, ×10^ or e, spaces."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    s = unicodedata.normalize("NFKC", text).strip()
    for ch in _MINUS:
        s = s.replace(ch, "-")
    s = s.replace(" ", "").replace("\u00d7", "x").replace("*", "x")
    if re.fullmatch(r"[-+]?\d+,\d+", s):
        s = s.replace(",", ".")
    m = re.fullmatch(r"([-+]?(?:\d+\.?\d*|\.\d+))x10\^?([-+]?\d+)", s)
    if m:
        s = f"{m.group(1)}e{m.group(2)}"
    if not re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", s):
        return None
    v = float(s)
    return v if math.isfinite(v) else None


def check(q: Question, answer, value: float, digits: int) -> bool:
    """Whether an answer (text, or for a sign question "+", "-" or "0") matches the value hidden."""
    if q.kind == "sign":
        return {"+": 1.0, "-": -1.0, "0": 0.0}.get(str(answer).strip().replace("\u2212", "-")) == value
    v = parse_number(answer) if isinstance(answer, str) else None
    return v is not None and abs(v - value) <= tolerance(value, digits)
