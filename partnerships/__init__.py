"""The partnership domain: the dataset, its validation, filters, funding and translations.

Nothing in this package imports Streamlit, so every piece is unit-testable and
reusable by the command line (`python -m partnerships.check`).
"""
