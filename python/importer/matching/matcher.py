"""The row-matching hot path: find each import row's best existing customer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from importer.matching.blocking import BlockingIndex, row_keys
from importer.matching.config import MatchConfig
from importer.matching.records import NormalizedRecord, normalize_record
from importer.matching.scoring import CandidateScore, score_candidate
from importer.schema import MATCH_FIELDS

#: Customer ids must fit a signed 64-bit integer (the database column and the native port).
_ID_RANGE: Final = range(-(2**63), 2**63)

MATCHED: Final = "matched"
POSSIBLE: Final = "possible"
NEW: Final = "new"


class Matcher:
    """Matches import rows against a customer base, indexed once at construction.

    >>> matcher = Matcher([{"id": 7, "first_name": "Ann", "last_name": "Lee", "email": "ann@x.org"}])
    >>> result = matcher.match([{"first_name": "Anne", "last_name": "Lee", "email": "ANN@x.org "}])[0]
    >>> result["status"], result["customer_id"]
    ('matched', 7)
    """

    def __init__(self, customers: Sequence[Mapping[str, Any]],
                 config: MatchConfig | Mapping[str, Any] | None = None) -> None:
        self.config = config if isinstance(config, MatchConfig) else MatchConfig.from_dict(config)
        ids, records = _read_customers(customers)
        by_id = sorted(range(len(ids)), key=ids.__getitem__)
        self._ids = [ids[i] for i in by_id]
        self._records = [records[i] for i in by_id]
        self._index = BlockingIndex(self._records, self.config)

    def __len__(self) -> int:
        return len(self._ids)

    def match(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """One result per row, in row order; all rows are checked before any is matched."""
        if not isinstance(rows, (list, tuple)):
            raise TypeError(f"rows: expected a list, got {type(rows).__name__}")
        normalized = [normalize_record(row, f"rows[{i}]") for i, row in enumerate(rows)]
        return [self._match_one(row) for row in normalized]

    def _match_one(self, row: NormalizedRecord) -> dict[str, Any]:
        candidates = self._index.candidates(row_keys(row, self.config))
        scored = [
            score_candidate(row, self._records[position], self._ids[position], self.config)
            for position in candidates.positions
        ]
        best = max(scored, key=_rank, default=None)
        status = self._status(best)
        return {
            "status": status,
            "customer_id": best.customer_id if best is not None and status != NEW else None,
            "score": best.score if best is not None else None,
            "field_scores": dict(zip(MATCH_FIELDS, best.field_scores if best else (None,) * len(MATCH_FIELDS))),
            "normalized": row.as_dict(),
            "candidates": len(scored),
            "capped": candidates.capped,
        }

    def _status(self, best: CandidateScore | None) -> str:
        if best is None:
            return NEW
        if best.score >= self.config.match_threshold and best.compared_weight >= self.config.min_match_weight:
            return MATCHED
        if best.score >= self.config.possible_threshold:
            return POSSIBLE
        return NEW


def _rank(candidate: CandidateScore) -> tuple[float, float, int]:
    """Best first: highest score, then most weight compared (more evidence), then the lowest id."""
    return candidate.score, candidate.compared_weight, -candidate.customer_id


def _read_customers(customers: Sequence[Mapping[str, Any]]) -> tuple[list[int], list[NormalizedRecord]]:
    if not isinstance(customers, (list, tuple)):
        raise TypeError(f"customers: expected a list, got {type(customers).__name__}")
    ids: list[int] = []
    records: list[NormalizedRecord] = []
    seen: set[int] = set()
    for i, customer in enumerate(customers):
        where = f"customers[{i}]"
        if not isinstance(customer, Mapping):
            raise TypeError(f"{where}: expected a mapping, got {type(customer).__name__}")
        customer_id = customer.get("id")
        if isinstance(customer_id, bool) or not isinstance(customer_id, int):
            raise TypeError(f"{where}.id: expected int, got {type(customer_id).__name__}")
        if customer_id not in _ID_RANGE:
            raise ValueError(f"{where}.id: {customer_id} does not fit in 64 bits")
        if customer_id in seen:
            raise ValueError(f"{where}.id: duplicate id {customer_id}")
        seen.add(customer_id)
        ids.append(customer_id)
        records.append(normalize_record(customer, where))
    return ids, records
