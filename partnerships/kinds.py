"""Kinds of tie between a Nordic and a Ukrainian place, as the data contract lists them.

A pair can be tied in several ways at once (Aarhus and Lviv have a twinning agreement and
a programme project); each tie is its own row in partnerships.csv with one `kind`.
"""

from __future__ import annotations

from functools import lru_cache

from partnerships.dataset import contract_files


@lru_cache(maxsize=1)
def kind_ids() -> tuple[str, ...]:
    """Every kind of tie, in the contract's order (the order of the legend and the filter)."""
    return tuple(contract_files()["partnerships.csv"]["columns"]["kind"]["values"])


def kinds_in_data(kinds: object) -> list[str]:
    """The kinds that occur in a column of kinds, in the contract's order."""
    present = set(kinds)
    return [kind for kind in kind_ids() if kind in present]
