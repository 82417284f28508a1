"""UI helpers: the only package besides lessons/ and app.py that touches streamlit (the strings live in texts/)."""
