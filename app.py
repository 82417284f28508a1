"""Backprop Explorer: streamlit run app.py"""

import streamlit as st

if __name__ == "__main__":  # a run of the app: streamlit runs this file as its script (AppTest too)
    from ui.main import run

    run()
else:  # `streamlit run app.py` imports this file for its server: this script, plus one route of its own
    from ui.preview import routes

    app = st.App(__file__, routes=routes())
