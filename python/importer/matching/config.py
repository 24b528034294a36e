"""Matcher settings: field weights, thresholds and the caps that bound the work per row."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Final

from importer.schema import MATCH_FIELDS

#: How much each field's agreement counts in the weighted mean. Identifiers that are rarely shared by two
#: people (email, phone, birth date) weigh most; the city, shared by many, least.
DEFAULT_WEIGHTS: Final = MappingProxyType(
    {
        "first_name": 1.0,
        "last_name": 1.5,
        "email": 3.0,
        "phone": 2.0,
        "street": 1.0,
        "city": 0.5,
        "postcode": 1.0,
        "birth_date": 2.0,
    }
)


@dataclass(frozen=True)
class MatchConfig:
    """Settings of one Matcher. ``MatchConfig.from_dict(d)`` reads the JSON form that corpora record.

    >>> MatchConfig.from_dict({"match_threshold": 0.95}).match_threshold
    0.95
    """

    #: Weight per field in MATCH_FIELDS; fields left out keep their default weight.
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    #: Score at or above which the best candidate is the same customer ...
    match_threshold: float = 0.90
    #: ... provided the fields compared carry at least this much weight (one agreeing city is not a match).
    min_match_weight: float = 4.0
    #: Score at or above which the best candidate is worth a human look.
    possible_threshold: float = 0.75
    #: A blocking key shared by more customers than this is too common to tell anyone apart: it is skipped.
    max_block_size: int = 1000
    #: At most this many candidates are scored per row (the first ones found, in key order).
    max_candidates: int = 200
    #: Code points of the (space-less) name used in name-based blocking keys.
    name_prefix_length: int = 3
    #: Trailing phone digits used as a blocking key.
    phone_block_digits: int = 7

    def __post_init__(self) -> None:
        unknown = sorted(set(self.weights) - set(MATCH_FIELDS))
        if unknown:
            raise ValueError(f"config.weights: unknown field {unknown[0]!r}")
        merged = {**DEFAULT_WEIGHTS, **self.weights}
        for name in MATCH_FIELDS:
            _check_number(f"config.weights.{name}", merged[name], minimum=0.0)
        object.__setattr__(self, "weights", MappingProxyType({name: float(merged[name]) for name in MATCH_FIELDS}))
        for name in ("match_threshold", "possible_threshold", "min_match_weight"):
            _check_number(f"config.{name}", getattr(self, name), minimum=0.0)
            object.__setattr__(self, name, float(getattr(self, name)))
        for name in ("max_block_size", "max_candidates", "name_prefix_length", "phone_block_digits"):
            _check_count(f"config.{name}", getattr(self, name))

    @classmethod
    def from_dict(cls, values: Mapping[str, Any] | None) -> MatchConfig:
        """Read settings from their JSON form; unknown keys are an error, missing keys take defaults."""
        if values is None:
            return cls()
        if not isinstance(values, Mapping):
            raise TypeError(f"config: expected a mapping, got {type(values).__name__}")
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"config: unknown key {unknown[0]!r}")
        if "weights" in values and not isinstance(values["weights"], Mapping):
            raise TypeError(f"config.weights: expected a mapping, got {type(values['weights']).__name__}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: every setting, weights in MATCH_FIELDS order."""
        return {item.name: getattr(self, item.name) for item in fields(self)} | {"weights": dict(self.weights)}


def _check_number(where: str, value: object, *, minimum: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{where}: expected a number, got {type(value).__name__}")
    if not math.isfinite(value) or value < minimum:
        raise ValueError(f"{where}: expected a finite number >= {minimum}, got {value}")


def _check_count(where: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where}: expected an int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{where}: expected an int >= 1, got {value}")
