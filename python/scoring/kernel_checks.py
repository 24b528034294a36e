"""The scoring kernel's input checks (docs/scoring.md §1): the model once, then every request.

The checks run in the specification's order and raise its exact exception types and messages, because
the native port must raise the same ones; they return plain, converted values (floats for numbers) so
the scoring loop never looks at a caller's objects again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

MODEL_FORMAT = "parity.scoring.model"

#: The range of `t_ms`: 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z.
T_MS_MIN = -62_135_596_800_000
T_MS_MAX = 253_402_300_799_999
LAT_LIMIT = 90.0
LON_LIMIT = 180.0

#: The profile's kernel fields, all `str`.
PROFILE_FIELDS = ("home_country", "home_currency")


class CheckedModel(NamedTuple):
    """A model that passed every check of §1.1, numbers converted to floats."""

    version: str
    intercept: float
    weights: tuple[float, ...]  # in FEATURES order
    review: float
    decline: float
    mcc_risk: dict[str, float]
    mcc_risk_default: float


class Record(NamedTuple):
    """A history record or a transaction that passed the checks of §1.2 (numbers as floats)."""

    id: str
    t_ms: int
    amount: float
    currency: str
    merchant_id: str
    mcc: str
    country: str
    lat: float | None
    lon: float | None
    card_id: str
    device_id: str | None


_MISSING = object()


def _type_name(value: object) -> str:
    return type(value).__name__


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _lookup(container: Mapping[Any, Any], key: str) -> Any:
    """`container[key]`, or _MISSING when that raises KeyError (what "missing" means in the spec)."""
    try:
        return container[key]
    except KeyError:
        return _MISSING


def _finite(value: int | float, where: str) -> float:
    """A number as a finite float; an int beyond the double range is not finite either."""
    try:
        converted = float(value)
    except OverflowError:
        raise ValueError(f"{where}: not a finite number") from None
    if not math.isfinite(converted):
        raise ValueError(f"{where}: not a finite number")
    return converted


# --- the model (§1.1) --------------------------------------------------------------------------------


def _model_mapping(container: Mapping[Any, Any], key: str, where: str) -> Mapping[Any, Any]:
    value = _lookup(container, key)
    if value is _MISSING:
        raise ValueError(f"{where}: missing")
    if not isinstance(value, Mapping):
        raise TypeError(f"{where}: expected a mapping, got {_type_name(value)}")
    return value


def _model_number(container: Mapping[Any, Any], key: str, where: str) -> float:
    value = _lookup(container, key)
    if value is _MISSING:
        raise ValueError(f"{where}: missing")
    if not _is_number(value):
        raise TypeError(f"{where}: expected a number, got {_type_name(value)}")
    return _finite(value, where)


def check_model(model: object, features: Sequence[str]) -> CheckedModel:
    """Every check of §1.1 in order; the first failure raises."""
    if not isinstance(model, Mapping):
        raise TypeError(f"model: expected a mapping, got {_type_name(model)}")

    model_format = _lookup(model, "format")
    if model_format is _MISSING:
        raise ValueError("model.format: missing")
    if not isinstance(model_format, str) or model_format != MODEL_FORMAT:
        raise ValueError(f"model.format: expected {MODEL_FORMAT!r}, got {model_format!r}")

    version = _lookup(model, "version")
    if version is _MISSING:
        raise ValueError("model.version: missing")
    if not isinstance(version, str):
        raise TypeError(f"model.version: expected str, got {_type_name(version)}")

    intercept = _model_number(model, "intercept", "model.intercept")

    weights = _model_mapping(model, "weights", "model.weights")
    for name in features:
        if name not in weights:
            raise ValueError(f"model.weights: missing feature '{name}'")
    known = set(features)
    unknown = sorted(str(key) for key in weights if key not in known)
    if unknown:
        raise ValueError(f"model.weights: unknown feature '{unknown[0]}'")
    weight_values = tuple(_model_number(weights, name, f"model.weights.{name}") for name in features)

    thresholds = _model_mapping(model, "thresholds", "model.thresholds")
    review = _model_number(thresholds, "review", "model.thresholds.review")
    decline = _model_number(thresholds, "decline", "model.thresholds.decline")
    if not 0.0 <= review <= decline <= 1.0:
        raise ValueError(
            "model.thresholds: expected 0 <= review <= decline <= 1, "
            f"got review={review!r} decline={decline!r}"
        )

    mcc_table = _model_mapping(model, "mcc_risk", "model.mcc_risk")
    mcc_risk: dict[str, float] = {}
    for key, value in mcc_table.items():
        if not isinstance(key, str):
            raise TypeError(f"model.mcc_risk: expected str keys, got {_type_name(key)}")
        where = f"model.mcc_risk.{key}"
        if not _is_number(value):
            raise TypeError(f"{where}: expected a number, got {_type_name(value)}")
        mcc_risk[key] = _finite(value, where)
    mcc_risk_default = _model_number(model, "mcc_risk_default", "model.mcc_risk_default")

    return CheckedModel(version, intercept, weight_values, review, decline, mcc_risk, mcc_risk_default)


# --- the request (§1.2) ------------------------------------------------------------------------------


def _where(label: str, index: int | None) -> str:
    return label if index is None else f"{label}[{index}]"


def _field(record: Mapping[str, Any], field: str, label: str, index: int | None) -> Any:
    value = _lookup(record, field)
    if value is _MISSING:
        raise ValueError(f"{_where(label, index)}.{field}: missing")
    return value


def _str_field(record: Mapping[str, Any], field: str, label: str, index: int | None) -> str:
    value = _field(record, field, label, index)
    if not isinstance(value, str):
        raise TypeError(f"{_where(label, index)}.{field}: expected str, got {_type_name(value)}")
    return value


def _coordinate(record: Mapping[str, Any], field: str, limit: float, label: str, index: int) -> float | None:
    value = _field(record, field, label, index)
    if value is None:
        return None
    where = f"{_where(label, index)}.{field}"
    if not _is_number(value):
        raise TypeError(f"{where}: expected a number or None, got {_type_name(value)}")
    converted = _finite(value, where)
    if not -limit <= converted <= limit:
        raise ValueError(f"{where}: out of range")
    return converted


def check_profile(profile: object) -> tuple[str, str]:
    """The profile's `(home_country, home_currency)`."""
    if not isinstance(profile, Mapping):
        raise TypeError(f"profile: expected a mapping, got {_type_name(profile)}")
    home_country, home_currency = (_str_field(profile, field, "profile", None) for field in PROFILE_FIELDS)
    return home_country, home_currency


def check_record(record: object, label: str, index: int) -> Record:
    """One record of `history` or `transactions`, field by field in the order of §1.2's table."""
    if not isinstance(record, Mapping):
        raise TypeError(f"{label}[{index}]: expected a mapping, got {_type_name(record)}")

    record_id = _str_field(record, "id", label, index)

    t_ms = _field(record, "t_ms", label, index)
    if not isinstance(t_ms, int) or isinstance(t_ms, bool):
        raise TypeError(f"{label}[{index}].t_ms: expected int, got {_type_name(t_ms)}")
    if not T_MS_MIN <= t_ms <= T_MS_MAX:
        raise ValueError(f"{label}[{index}].t_ms: out of range")

    amount = _field(record, "amount", label, index)
    if not _is_number(amount):
        raise TypeError(f"{label}[{index}].amount: expected a number, got {_type_name(amount)}")
    amount = _finite(amount, f"{label}[{index}].amount")

    currency = _str_field(record, "currency", label, index)
    merchant_id = _str_field(record, "merchant_id", label, index)
    mcc = _str_field(record, "mcc", label, index)
    country = _str_field(record, "country", label, index)
    lat = _coordinate(record, "lat", LAT_LIMIT, label, index)
    lon = _coordinate(record, "lon", LON_LIMIT, label, index)
    card_id = _str_field(record, "card_id", label, index)

    device_id = _field(record, "device_id", label, index)
    if device_id is not None and not isinstance(device_id, str):
        raise TypeError(f"{label}[{index}].device_id: expected str or None, got {_type_name(device_id)}")

    return Record(record_id, t_ms, amount, currency, merchant_id, mcc, country, lat, lon, card_id, device_id)


def check_records(records: object, label: str) -> list[Record]:
    """`history` or `transactions`: a list or tuple of records, checked in order."""
    if not isinstance(records, (list, tuple)):
        raise TypeError(f"{label}: expected a list, got {_type_name(records)}")
    return [check_record(record, label, index) for index, record in enumerate(records)]
