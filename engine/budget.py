"""The app's work budget (DESIGN.md "App work budget"): what one server, serving a whole class, accepts.

The CLI takes any network within the engine's limits; the app also refuses one whose pass would store
more than MAX_VALUES numbers per quantity (z, a, delta: m * sum_{l>=1} n_l) or cost more than
MAX_MULTIPLY_ADDS (m * sum_l n_l * n_{l-1}), so one pass takes well under a second and its record
well under 100 MB. Both are checked from the widths and m alone, before anything is allocated.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_VALUES = 1_000_000
MAX_MULTIPLY_ADDS = 50_000_000


@dataclass(frozen=True)
class Work:
    """The size of one pass: stored values per quantity and multiply-adds."""

    values: int  # m * sum_{l>=1} n_l
    multiply_adds: int  # m * sum_l n_l n_{l-1}

    @property
    def fits(self) -> bool:
        return self.values <= MAX_VALUES and self.multiply_adds <= MAX_MULTIPLY_ADDS


def work(layers, m: int) -> Work:
    """Work of one forward + backward pass of a net with these widths (input first) on m samples."""
    layers = [int(n) for n in layers]
    return Work(m * sum(layers[1:]), m * sum(a * b for a, b in zip(layers[1:], layers[:-1])))


def over_budget(layers, m: int) -> str | None:
    """None when the network fits the app's budget, else one sentence naming the budget and its size."""
    w = work(layers, m)
    if w.fits:
        return None
    widths = "-".join(str(n) for n in layers) if len(layers) <= 13 else f"{len(layers)} layers"
    return (
        f"the network {widths} with m = {m:,} is over this app's work budget: {w.values:,} values per quantity "
        f"(limit {MAX_VALUES:,}) and {w.multiply_adds:,} multiply-adds a pass (limit {MAX_MULTIPLY_ADDS:,}); "
        "use fewer samples or narrower layers"
    )


def record_bytes(layers, m: int) -> int:
    """Bytes of a PassResult's arrays: x, y, per layer z, a, g', delta (m x n_l) and W, dW, b, db."""
    layers = [int(n) for n in layers]
    w = work(layers, m)
    params = sum(a * b + a for a, b in zip(layers[1:], layers[:-1]))
    return 8 * (m * (layers[0] + layers[-1] + 1) + 4 * w.values + 2 * params)
