"""The one place where code indices become the symbols the user sees.

Code: layers l = 0..L with a^0 = x, params[l-1] = (W^l, b^l), neurons i, j from 0.
- "lee" (Hung-yi Lee, seeds 001/003/004): a^0 = x, W^l, b^l, z^l, a^l, delta^l; neurons from 1.
- "ng"  (Andrew Ng, seeds 000/002): layers from 1, a^(1) = x; Theta^(l) maps layer l to l+1, so
  our W^l is Theta^(l) and our layer l is Ng's layer l+1.
Each symbol comes in two forms: LaTeX (st.latex) and HTML (plotly hover and labels).
"""

from __future__ import annotations

from dataclasses import dataclass

NOTATIONS = ("lee", "ng")

_LATEX_NAMES = {"W": "W", "b": "b", "z": "z", "a": "a", "delta": r"\delta", "gp": "g'"}
_HTML_NAMES = {"W": "W", "b": "b", "z": "z", "a": "a", "delta": "δ", "gp": "g′"}


@dataclass(frozen=True)
class Notation:
    name: str = "lee"

    @property
    def ng(self) -> bool:
        return self.name == "ng"

    def layer_number(self, l: int) -> int:
        """The displayed number of code layer l (neurons' layer, 0 = input)."""
        return l + 1 if self.ng else l

    def weight_number(self, l: int) -> int:
        """The displayed number of weight layer l (W^l feeds layer l): the same in both notations."""
        return l

    def _sup(self, n: int, latex: bool) -> str:
        if latex:
            return f"^{{({n})}}" if self.ng else f"^{{{n}}}"
        return f"<sup>({n})</sup>" if self.ng else f"<sup>{n}</sup>"

    def sym(self, kind: str, l: int, i: int | None = None, j: int | None = None, latex: bool = True) -> str:
        """Symbol of a quantity. kind in W, b, z, a, delta, gp (g'(z)); l is the code layer
        (for W and b, the weight layer); i, j 0-based neuron indices or None for the whole vector/matrix."""
        if kind == "W" and self.ng:
            base = r"\Theta" if latex else "Θ"
        elif kind == "W" and i is not None:
            base = "w"
        else:
            base = (_LATEX_NAMES if latex else _HTML_NAMES)[kind]
        n = self.weight_number(l) if kind in ("W", "b") else self.layer_number(l)
        if kind == "W" and self.ng and i is not None:
            base = r"\theta" if latex else "θ"
        sub = ""
        if i is not None:
            idx = f"{i + 1}{j + 1}" if j is not None else f"{i + 1}"
            sub = f"_{{{idx}}}" if latex else f"<sub>{idx}</sub>"
        if kind == "gp":
            z = self.sym("z", l, i, latex=latex)
            return f"{base}({z})"
        return f"{base}{sub}{self._sup(n, latex)}" if latex else f"{base}{self._sup(n, latex)}{sub}"

    def weight_name(self, l: int) -> str:
        """Plain-text name of weight layer l for selects and captions: W3 or Θ(3)."""
        return f"Θ({self.weight_number(l)})" if self.ng else f"W{self.weight_number(l)}"
