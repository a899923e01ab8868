"""Load the dataset once per change of the data folder (problems shown as a list), and choose the map's files."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from geo.assets import DEFAULT_BASE_URL, AssetSource, choose_source
from mapview.layers import view_data
from partnerships.dataset import Dataset, DatasetError, data_dir_from_environment, load_dataset
from partnerships.filters import View
from partnerships.i18n import t

logger = logging.getLogger(__name__)


def _fingerprint(folder: Path) -> tuple:
    """Changes whenever a CSV is edited, so the cache never serves stale data."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.csv")))


# A resource, not data: every session shares the one validated Dataset (read-only by
# convention), so its id lookups (cached properties) are built once per process instead of
# unpickled and rebuilt on every rerun, as st.cache_data's per-call copy would.
@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_dataset(folder: str, fingerprint: tuple) -> Dataset:
    dataset = load_dataset(Path(folder))
    # Readers don't need to know how a file was saved; whoever keeps the data sees it in the log.
    for notice in dataset.notices:
        logger.info("Data file read with a notice: %s", notice)
    return dataset


@st.cache_resource(show_spinner=False)
def map_assets() -> AssetSource:
    """This app's own map files when installed (`make assets`), else the pinned CDN (pip-only hosts).

    Decided once per process (restart after `make assets`). Behind a reverse proxy with
    `--server.baseUrlPath`, Streamlit serves static/ under that path.
    """
    base_path = st.get_option("server.baseUrlPath").strip("/")
    return choose_source(base_url=f"/{base_path}{DEFAULT_BASE_URL}" if base_path else DEFAULT_BASE_URL)


# Keyed on the view, not the session: readers who look at the same selection share it, and a
# rerun that changes nothing the map shows (a click in the table, a download) reuses it.
@st.cache_data(show_spinner=False, max_entries=256)
def map_view_data(
    _dataset: Dataset,
    _view: View,
    data_key: tuple,
    filters: tuple[tuple[str, tuple[str, ...]], ...],
    lang: str,
    selected: str,
    tour_stop: bool,
    presenter: bool,
) -> dict:
    """mapview.layers.view_data for one view of the current data.

    Keyed on `data_key` (the folder and its fingerprint) and `filters`, which determine
    `_view`; the dataset and the view themselves are not hashed.
    """
    wanted_themes = dict(filters).get("theme", ())
    return view_data(_dataset, _view, lang, wanted_themes, selected, tour_stop, presenter)


def data_key() -> tuple:
    """The data folder and its fingerprint: what cached views of the data are keyed on."""
    folder = data_dir_from_environment()
    return (str(folder.resolve()), _fingerprint(folder) if folder.is_dir() else ())


def dataset_or_stop(lang: str) -> Dataset:
    """The validated dataset; on bad data, the full problem list and a stop (never a traceback)."""
    try:
        return _cached_dataset(*data_key())
    except DatasetError as error:
        show_problems(error, lang)
        st.stop()


def show_problems(error: DatasetError, lang: str) -> None:
    st.error(t("data_error_title", lang, count=len(error.problems)))
    st.markdown(t("data_error_help", lang))
    st.caption(f"{t('data_folder', lang)}: `{error.data_dir}`")
    # A file read although saved differently (';', Windows-1252): said once, apart from the problems.
    for notice in error.notices:
        st.info(str(notice))
    table = pd.DataFrame(
        [
            {
                t("file", lang): problem.file,
                t("row", lang): "" if problem.row is None else str(problem.row),
                t("column", lang): problem.column or "",
                t("problem", lang): problem.message,
            }
            for problem in error.problems
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def run_guarded(page: Callable[[], None]) -> None:
    """Run a page; an unexpected error is logged for us and shown to the reader as one calm line.

    st.stop() and st.rerun() raise BaseException subclasses, so they pass through untouched.
    """
    from ui.url_state import current_language

    try:
        page()
    except Exception:
        logger.exception("Unexpected error while drawing the page")
        st.error(t("unexpected_error", current_language()))
