"""Names of data things in the reader's language, falling back to what the data gives."""

from __future__ import annotations

from partnerships.dataset import Dataset


def _localised(record: dict, field: str, lang: str) -> str:
    return str(record.get(f"{field}_{lang}") or record.get(field) or "")


def place_name(dataset: Dataset, place_id: str, lang: str) -> str:
    return _localised(dataset.place_by_id[place_id], "name", lang)


def theme_label(dataset: Dataset, theme_id: str, lang: str) -> str:
    record = dataset.theme_by_id.get(theme_id)
    if record is None:
        return theme_id
    return str(record.get(f"label_{lang}") or record["label_en"])


def theme_labels(dataset: Dataset, theme_ids: tuple[str, ...] | list[str], lang: str) -> str:
    return ", ".join(theme_label(dataset, theme, lang) for theme in theme_ids)


def programme_name(dataset: Dataset, programme_id: str, lang: str) -> str:
    return _localised(dataset.programme_by_id[programme_id], "name", lang)


def funder_name(dataset: Dataset, funder_id: str, lang: str) -> str:
    return _localised(dataset.funder_by_id[funder_id], "name", lang)


def partnership_title(dataset: Dataset, partnership: dict, lang: str) -> str:
    return (
        f"{place_name(dataset, partnership['from_place'], lang)} – {place_name(dataset, partnership['to_place'], lang)}"
    )


def partnership_choice(dataset: Dataset, partnership_id: str, lang: str) -> str:
    """A unique label for pickers: pair and programme (Copenhagen–Kyiv has two partnerships)."""
    record = dataset.partnership_by_id[partnership_id]
    return f"{partnership_title(dataset, record, lang)} · {programme_name(dataset, record['programme'], lang)}"
