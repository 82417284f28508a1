"""Figure builders: pure plotly + networkx, no streamlit."""
