"""A button that copies the page's address, which always holds the network (ui.state.sync_address).

The share link used to be an 800-character block of text; the address bar already is the link, so the
button copies it, with a fallback for pages served over plain http on a classroom network (no Clipboard API).
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

JS = r"""
export default function (component) {
  const { data, parentElement } = component;
  const button = parentElement.querySelector('button');
  const said = parentElement.querySelector('.bpx-copy-said');
  button.textContent = data.label;
  button.onclick = () => {
    const url = window.location.href;
    const done = () => { said.textContent = data.copied; setTimeout(() => { said.textContent = ''; }, 2500); };
    const fallback = () => {  // no Clipboard API (plain http): the old way, through a selected text area
      const area = document.createElement('textarea');
      area.value = url;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); done(); } catch (e) { said.textContent = url; }
      area.remove();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(done, fallback);
    else fallback();
  };
}
"""

CSS = """
.bpx-copy { display: flex; align-items: center; gap: 10px; font-size: 14px; }
.bpx-copy button { font: inherit; padding: 6px 14px; border: 1px solid #c4c7cf; border-radius: 8px; background: #fff;
  color: #1f2430; cursor: pointer; }
.bpx-copy button:hover { border-color: #ff4b4b; color: #ff4b4b; }
.bpx-copy .bpx-copy-said { color: #1a7f37; overflow-wrap: anywhere; }
"""


@lru_cache(maxsize=1)
def _component():
    return st.components.v2.component(
        "bpx_copy_link",
        html='<div class="bpx-copy"><button type="button"></button>'
        '<span class="bpx-copy-said" role="status"></span></div>',
        css=CSS,
        js=JS,
    )


def copy_link_button(label: str, copied: str, key: str = "copy_link") -> None:
    """The button; `copied` is said beside it once the address is on the clipboard."""
    _component()(key=key, data={"label": label, "copied": copied})
