"""Readable tables (names, not ids) of a view, for the page and for downloads."""

from __future__ import annotations

import pandas as pd

from partnerships.dataset import Dataset
from partnerships.filters import View
from partnerships.i18n import t
from partnerships.labels import place_name, programme_name, theme_labels


def readable_partnerships(dataset: Dataset, view: View, lang: str) -> pd.DataFrame:
    """One row per drawn partnership, with the column headings in `lang`."""
    columns = [t(key, lang) for key in ("col_from", "col_to", "programme", "themes", "status")]
    rows = [
        (
            place_name(dataset, record["from_place"], lang),
            place_name(dataset, record["to_place"], lang),
            programme_name(dataset, record["programme"], lang),
            theme_labels(dataset, record["themes"], lang),
            t(f"status_{record['status']}", lang),
        )
        for record in view.partnerships.to_dict("records")
    ]
    return pd.DataFrame(rows, columns=columns)
