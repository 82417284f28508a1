"""UI helpers: the only package besides pages/ and app.py that touches streamlit (i18n and links are pure)."""
