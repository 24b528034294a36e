"""Checking and normalizing one input record (an import row or a customer) field by field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, NamedTuple

from importer.matching.normalize import (
    DateParseError,
    normalize_date,
    normalize_email,
    normalize_phone,
    normalize_postcode,
    normalize_text,
)
from importer.schema import MATCH_FIELDS

#: The normalization applied to each matched field.
FIELD_NORMALIZERS: Final[Mapping[str, Callable[[str], str | None]]] = {
    "first_name": normalize_text,
    "last_name": normalize_text,
    "email": normalize_email,
    "phone": normalize_phone,
    "street": normalize_text,
    "city": normalize_text,
    "postcode": normalize_postcode,
    "birth_date": normalize_date,
}

_SURROGATES: Final = range(0xD800, 0xE000)


class NormalizedRecord(NamedTuple):
    """A record's matched fields in canonical form; None where the field is missing or blank."""

    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    street: str | None
    city: str | None
    postcode: str | None
    birth_date: str | None

    def as_dict(self) -> dict[str, str | None]:
        return dict(zip(MATCH_FIELDS, self))


def normalize_record(record: object, where: str) -> NormalizedRecord:
    """Check a record and normalize its matched fields; ``where`` locates it in errors ("rows[3]").

    Checks run field by field in MATCH_FIELDS order and the first failure raises:
    TypeError for a record that is not a mapping or a value that is neither str nor None,
    ValueError for a lone surrogate or an unreadable birth date. Other keys are ignored.
    """
    if not isinstance(record, Mapping):
        raise TypeError(f"{where}: expected a mapping, got {type(record).__name__}")
    values: list[str | None] = []
    for name in MATCH_FIELDS:
        raw = record.get(name)
        if raw is None:
            values.append(None)
            continue
        if not isinstance(raw, str):
            raise TypeError(f"{where}.{name}: expected str or None, got {type(raw).__name__}")
        if any(ord(char) in _SURROGATES for char in raw):
            raise ValueError(f"{where}.{name}: lone surrogate in text")
        try:
            values.append(FIELD_NORMALIZERS[name](raw))
        except DateParseError:
            raise ValueError(f"{where}.{name}: unparseable date") from None
    return NormalizedRecord(*values)
