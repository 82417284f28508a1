"""The worksheet's symbols and formulas as plain Unicode text (a¹₁, Θ⁽²⁾, δᴸ = aᴸ − y): no LaTeX on paper.

Layer numbers follow viz.notation.Notation: "lee" writes Wˡ, a⁰ = x; "ng" writes Θ⁽ˡ⁾ with layers from 1.
"""

from __future__ import annotations

from viz.notation import Notation
from viz.tables import sub, sup  # noqa: F401  (sub: the worksheet's modules take it from here)


def layer_mark(N: Notation, n) -> str:
    """The superscript of layer n (a number, or a letter such as "l", "l+1", "L"): ² or ⁽²⁾."""
    return sup(f"({n})") if N.ng else sup(n)


def usym(N: Notation, kind: str, l: int, i: int | None = None, j: int | None = None) -> str:
    """Unicode symbol of a quantity: kind in W, b, z, a, delta; l the code layer (for W and b the weight layer),
    i, j 0-based neuron indices or None for the whole vector or matrix. a¹₂, δ⁽³⁾₁, w²₁₃, θ⁽¹⁾₂,₁₀."""
    weight = kind in ("W", "b")
    n = N.weight_number(l) if weight else N.layer_number(l)
    if kind == "W":
        base = ("θ" if N.ng else "w") if i is not None else ("Θ" if N.ng else "W")
    else:
        base = {"b": "b", "z": "z", "a": "a", "delta": "δ"}[kind]
    idx = ""
    if i is not None:
        parts = [i + 1] if j is None else [i + 1, j + 1]
        sep = "," if any(p >= 10 for p in parts) else ""  # w¹₁₀,₁ is not w¹₁₀₁
        idx = sep.join(sub(p) for p in parts)
    return f"{base}{layer_mark(N, n)}{idx}"


ACTIVATION_FORMULAS = {  # g and g′ of each activation, written with a = g(z)
    "sigmoid": "g(z) = 1/(1 + e⁻ᶻ),  g′(z) = a(1 − a)",
    "tanh": "g(z) = tanh z,  g′(z) = 1 − a²",
    "relu": "g(z) = max(0, z),  g′(z) = 1 if z > 0, else 0",
    "leaky_relu": "g(z) = max(0.01 z, z),  g′(z) = 1 if z > 0, else 0.01",
    "linear": "g(z) = z,  g′(z) = 1",
    "softmax": "aₖ = exp(zₖ) / Σⱼ exp(zⱼ)",
}
LOSS_FORMULAS = {
    "bce": "ℓ = −Σₖ [yₖ log aₖ + (1 − yₖ) log(1 − aₖ)]",
    "cross_entropy": "ℓ = −Σₖ yₖ log aₖ",
    "mse": "ℓ = ½ Σₖ (aₖ − yₖ)²",
}


def output_delta(N: Notation, L: int, loss: str, activation: str) -> str:
    """δᴸ of this loss and output activation, in general symbols."""
    d, a, z = (f"{s}{layer_mark(N, 'L')}" for s in ("δ", "a", "z"))
    if loss != "mse":  # sigmoid + bce and softmax + cross-entropy: g′ cancels
        return f"{d} = ∂ℓ/∂{z} = {a} − y"
    if activation == "softmax":
        return f"{d} = (∂{a}/∂{z})ᵀ ({a} − y),  ∂aᵢ/∂zⱼ = aᵢ(1[i = j] − aⱼ)"
    return f"{d} = ({a} − y) ⊙ g′({z})"


def formula_lines(N: Notation, m: int, l2: float) -> dict[str, str]:
    """The general formulas of one pass: forward, cost, backward, gradients (keys of the labels)."""
    if N.ng:
        W, Wn, b = "Θ⁽ˡ⁾", "Θ⁽ˡ⁾", "b⁽ˡ⁾"
        forward = f"z⁽ˡ⁺¹⁾ = {W} a⁽ˡ⁾ + {b},   a⁽ˡ⁾ = g(z⁽ˡ⁾),   a⁽¹⁾ = x"
        backward = "δ⁽ˡ⁾ = (Θ⁽ˡ⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ g′(z⁽ˡ⁾)"
        d, ap = "δ⁽ˡ⁺¹⁾", "a⁽ˡ⁾"
    else:
        W, Wn, b = "Wˡ", "Wˡ", "bˡ"
        forward = f"zˡ = {W} aˡ⁻¹ + {b},   aˡ = g(zˡ),   a⁰ = x"
        backward = "δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ g′(zˡ)"
        d, ap = "δˡ", "aˡ⁻¹"
    reg = f" + (λ/m) {Wn}" if l2 else ""
    cost = "J = (1/m) Σᵢ ℓᵢ" + (f" + (λ/2m) Σ ‖{Wn}‖²" if l2 else "")
    if m == 1:
        grads = f"∂J/∂{W} = {d} ({ap})ᵀ{reg},   ∂J/∂{b} = {d}"
    else:
        grads = f"∂J/∂{W} = (1/m) Σᵢ {d}₍ᵢ₎ ({ap}₍ᵢ₎)ᵀ{reg},   ∂J/∂{b} = (1/m) Σᵢ {d}₍ᵢ₎"
    return {"forward": forward, "cost": cost, "backward": backward, "grads": grads}
