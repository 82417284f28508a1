"""Fonts for the printable worksheet, found on the machine at run time, and the text fallbacks without them.

The sheet's symbols (a¹₁, δ, ⊙, ∂, Θ⁽²⁾) need a Unicode font: DejaVu Sans has every one of them. Chinese
needs a CJK font besides (Debian's fonts-wqy-zenhei, a .ttc collection, which fpdf2 reads by face number);
it is the fallback font for the characters DejaVu lacks. Without a Unicode font the sheet is written in the
PDF core font Helvetica with the symbols spelt in ASCII (ascii_text), and says so (viz.worksheet.font_note).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess

UNICODE_FONTS = (  # (regular, bold): Debian/Ubuntu, Fedora, Arch, and macOS's places for DejaVu Sans
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/Library/Fonts/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans-Bold.ttf"),
)
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
)
CJK_PROBE = "反向传播"  # a font that draws these draws the sheet's Chinese
FONT_FILES = (".ttf", ".ttc", ".otf", ".otc")


def _fc_match(pattern: str) -> str | None:
    """The file fontconfig picks for pattern, or None (no fc-match, or it picked nothing usable)."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    path = out.stdout.strip()
    return path if out.returncode == 0 and path.lower().endswith(FONT_FILES) and os.path.isfile(path) else None


def _has_chars(path: str, chars: str) -> bool:
    """Whether the font file (face 0 of a collection) maps every one of chars."""
    try:
        from fontTools.ttLib import TTFont

        with TTFont(path, fontNumber=0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:  # noqa: BLE001  (any unreadable font file is simply not a candidate)
        return False
    return all(ord(c) in cmap for c in chars)


def unicode_font() -> tuple[str, str] | None:
    """(regular, bold) files of DejaVu Sans, the sheet's text font; bold is the regular file if no bold is found."""
    for regular, bold in UNICODE_FONTS:
        if os.path.isfile(regular):
            return regular, bold if os.path.isfile(bold) else regular
    regular = _fc_match("DejaVu Sans:style=Book")
    if regular is None or "dejavu" not in os.path.basename(regular).lower():
        return None  # fontconfig's stand-in may lack the sub- and superscripts; better ASCII than empty boxes
    bold = _fc_match("DejaVu Sans:style=Bold")
    return regular, bold if bold and "bold" in bold.lower() else regular


def cjk_font() -> str | None:
    """A font file that draws Chinese (a .ttc's first face), or None when the machine has none."""
    for path in CJK_FONTS:
        if os.path.isfile(path):
            return path
    path = _fc_match(":lang=zh-cn")
    return path if path is not None and _has_chars(path, CJK_PROBE) else None


@contextlib.contextmanager
def quiet_subsetter():
    """fontTools' subsetter logs each table it drops from a collection font ("BDF NOT subset"); not our news."""
    log = logging.getLogger("fontTools.subset")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ˡᴸᵀ", "0123456789+-()lLT"))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖ₍₎", "0123456789ijk()"))
_WORDS = {"δ": "d", "Θ": "Theta", "θ": "theta", "λ": "lambda", "σ": "sigma", "Σ": "sum", "∂": "d", "⊙": "(.)",
          "′": "'", "−": "-", "‖": "||", "…": "...", "→": "->", "≥": ">=", "≤": "<=", "ℓ": "l"}  # fmt: skip


def ascii_text(s: str) -> str:
    """s in Latin-1 for the core font: a⁽²⁾₁ -> a^(2)_1, δ -> d, ⊙ -> (.), any other character -> ?."""
    out, k = [], 0
    while k < len(s):
        for table, mark in ((_SUP, "^"), (_SUB, "_")):
            if s[k] in table:
                run = ""
                while k < len(s) and s[k] in table:
                    run += table[s[k]]
                    k += 1
                out.append(mark + (run if len(run) == 1 or run.startswith("(") else "{" + run + "}"))
                break
        else:
            c = s[k]
            out.append(_WORDS.get(c, c if ord(c) < 256 else "?"))
            k += 1
    return "".join(out)
