"""Fixtures for unit tests: the frozen seed dataset, loaded once."""

from __future__ import annotations

import pytest

from partnerships.dataset import Dataset, load_dataset
from tests.fixtures.datasets import SEED_DATA_DIR


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The seed dataset, validated and typed (read-only: do not modify its frames)."""
    return load_dataset(SEED_DATA_DIR)
