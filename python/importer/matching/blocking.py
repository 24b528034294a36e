"""Blocking: which customers are worth scoring against a row, found through shared keys.

Scoring every row against every customer is quadratic; instead each record yields a few keys and only
customers sharing a key with the row are scored. docs/matching.md, section "Blocking", is the contract.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from importer.matching.config import MatchConfig
from importer.matching.records import NormalizedRecord


def customer_keys(record: NormalizedRecord, config: MatchConfig) -> list[str]:
    """The keys a customer is indexed under, in key order (docs/matching.md lists them)."""
    keys = []
    if record.email is not None:
        keys.append(f"email:{record.email}")
    if record.phone is not None:
        keys.append(f"phone:{record.phone[-config.phone_block_digits:]}")
    first = _prefix(record.first_name, config)
    last = _prefix(record.last_name, config)
    if first is not None and last is not None:
        keys.append(f"names:{first}|{last}")
    if last is not None and record.postcode is not None:
        keys.append(f"last_postcode:{last}|{record.postcode}")
    if last is not None and record.birth_date is not None:
        keys.append(f"last_birth:{last}|{record.birth_date}")
    if first is not None and record.birth_date is not None:
        keys.append(f"first_birth:{first}|{record.birth_date}")
    return keys


def row_keys(record: NormalizedRecord, config: MatchConfig) -> list[str]:
    """The keys looked up for a row: its own keys, then those it would have with first and last name
    exchanged, so a row with swapped names still meets its customer. No key repeats."""
    swapped = record._replace(first_name=record.last_name, last_name=record.first_name)
    keys = customer_keys(record, config) + customer_keys(swapped, config)
    return list(dict.fromkeys(keys))


def _prefix(name: str | None, config: MatchConfig) -> str | None:
    """The first code points of a name with its spaces removed ("de la cruz" → "del")."""
    if name is None:
        return None
    return name.replace(" ", "")[: config.name_prefix_length]


@dataclass(frozen=True)
class Candidates:
    """Customer positions to score for one row, and whether a cap left some out."""

    positions: list[int]
    capped: bool


class BlockingIndex:
    """Key → positions of the customers (in the matcher's id-sorted list) that have the key."""

    def __init__(self, records: Sequence[NormalizedRecord], config: MatchConfig) -> None:
        self._config = config
        blocks: defaultdict[str, list[int]] = defaultdict(list)
        for position, record in enumerate(records):
            for key in customer_keys(record, config):
                blocks[key].append(position)
        self._blocks = dict(blocks)

    def candidates(self, keys: Iterable[str]) -> Candidates:
        """Customers sharing a key, in key order then block order, without repeats.

        A block larger than max_block_size is skipped whole; collection stops at max_candidates.
        Either way ``capped`` is True, so the result says its search was bounded.
        """
        seen: set[int] = set()
        positions: list[int] = []
        capped = False
        for key in keys:
            block = self._blocks.get(key, [])
            if len(block) > self._config.max_block_size:
                capped = True
                continue
            for position in block:
                if position in seen:
                    continue
                if len(positions) == self._config.max_candidates:
                    return Candidates(positions, capped=True)
                seen.add(position)
                positions.append(position)
        return Candidates(positions, capped)
