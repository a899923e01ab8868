"""Streamlit glue shared by app.py and pages/: URL state, loading, and drawing the domain's results.

Logic stays in partnerships/ and geo/; this package only reads widgets and draws.
"""
