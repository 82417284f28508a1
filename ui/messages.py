"""Messages on the page as plain text: text from a link, a file or an error never becomes markup.

Streamlit's alerts render markdown (links, images, HTML, LaTeX between $). A key named
"[log in here](https://evil.example)" in an uploaded file would otherwise be a clickable link in the
app's own error box, and "![x](https://…)" would make the visitor's browser fetch an image.
"""

from __future__ import annotations

import re
import string

import streamlit as st

MAX_CHARS = 400  # a message longer than this is cut: a 40 MB key must not make a 40 MB alert
_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_SPACE = re.compile(r"\s+")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www|xmpp)(?=\\[:.])")


def plain(text: object, limit: int = MAX_CHARS) -> str:
    """text as markdown that shows exactly these characters: one line, cut to limit, every ASCII
    punctuation mark backslash-escaped (CommonMark lets any of them be escaped, so nothing can open a
    link, an image, an HTML tag, emphasis or a formula)."""
    s = _SPACE.sub(" ", str(text)).strip()
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    s = _PUNCT.sub(r"\\\1", s)
    # GitHub-flavoured markdown links bare addresses even when escaped: an invisible word joiner after
    # "https", "www" or before "@" keeps "https://…", "www.…" and "name@host" from reading as one
    return _AUTOLINK.sub("\\1\u2060", s).replace("\\@", "\u2060\\@")


def show(kind: str, text: object) -> None:
    """An alert (error, warning, info, success) holding text as plain text."""
    getattr(st, kind)(plain(text))
