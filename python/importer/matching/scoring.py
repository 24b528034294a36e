"""Scoring one row against one customer: per-field similarity and their weighted mean."""

from __future__ import annotations

from dataclasses import dataclass

from importer.matching.config import MatchConfig
from importer.matching.records import NormalizedRecord
from importer.matching.similarity import jaro_winkler, levenshtein_ratio, token_set_ratio
from importer.schema import MATCH_FIELDS


@dataclass(frozen=True)
class CandidateScore:
    """How well one customer matches one row."""

    customer_id: int
    #: Weighted mean of the field scores compared.
    score: float
    #: Sum of the weights of the fields compared (present on both sides).
    compared_weight: float
    #: Score per field in MATCH_FIELDS order; None where either side lacks the field.
    field_scores: tuple[float | None, ...]


def score_candidate(row: NormalizedRecord, customer: NormalizedRecord, customer_id: int,
                    config: MatchConfig) -> CandidateScore:
    """Compare the fields present on both sides and take their weighted mean.

    A field missing on either side is left out of the mean, not scored 0.
    """
    first_name, last_name = _name_scores(row, customer)
    scores = (
        first_name,
        last_name,
        _exact(row.email, customer.email),
        _exact(row.phone, customer.phone),
        _text_score(row.street, customer.street),
        _text_score(row.city, customer.city),
        _exact(row.postcode, customer.postcode),
        _exact(row.birth_date, customer.birth_date),
    )
    weighted_sum = 0.0
    compared_weight = 0.0
    for name, field_score in zip(MATCH_FIELDS, scores):
        if field_score is None:
            continue
        weight = config.weights[name]
        weighted_sum += weight * field_score
        compared_weight += weight
    score = weighted_sum / compared_weight if compared_weight > 0.0 else 0.0
    return CandidateScore(customer_id, score, compared_weight, scores)


def _name_scores(row: NormalizedRecord, customer: NormalizedRecord) -> tuple[float | None, float | None]:
    """Jaro-Winkler per name; when all four names are present and the row's first and last names
    agree better crosswise (strictly), the crosswise scores are used: the names were swapped."""
    if row.first_name is None or row.last_name is None or customer.first_name is None or customer.last_name is None:
        return (_jaro_winkler_or_none(row.first_name, customer.first_name),
                _jaro_winkler_or_none(row.last_name, customer.last_name))
    first = jaro_winkler(row.first_name, customer.first_name)
    last = jaro_winkler(row.last_name, customer.last_name)
    swapped_first = jaro_winkler(row.first_name, customer.last_name)
    swapped_last = jaro_winkler(row.last_name, customer.first_name)
    if swapped_first + swapped_last > first + last:
        return swapped_first, swapped_last
    return first, last


def _jaro_winkler_or_none(a: str | None, b: str | None) -> float | None:
    if a is None or b is None:
        return None
    return jaro_winkler(a, b)


def _text_score(a: str | None, b: str | None) -> float | None:
    """Streets and cities: the better of edit-distance and token-set similarity, so both a typo
    ("Hgih Street") and reordered or extra words ("Flat 2, 10 High Street") score well."""
    if a is None or b is None:
        return None
    return max(levenshtein_ratio(a, b), token_set_ratio(a, b))


def _exact(a: str | None, b: str | None) -> float | None:
    if a is None or b is None:
        return None
    return 1.0 if a == b else 0.0
