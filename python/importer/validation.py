"""Header and per-row checks for import files and customer files, with messages a user can act on.

A row gets at most one RowError (the first failed check), so every record ends up counted exactly once:
either as a result or as a row error. Checks run in this order: malformed CSV, NUL byte, field count,
field length, then the field-specific checks (identifying field, email, birth date, customer id).

Dates are checked with the matcher's own ``normalize_date`` so a row that passes validation is one the
matcher can read.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any, Final

from importer.csv_source import Record, SourceError
from importer.matching.normalize import DateParseError, normalize_date
from importer.schema import EXTERNAL_REF, MAX_FIELD_LENGTH

log = logging.getLogger(__name__)

#: At least one of these must be filled in, or there is nothing to recognise the person by.
IDENTIFYING_FIELDS: Final = ("first_name", "last_name", "email", "phone")

#: Customer ids are stored as signed 64-bit integers (the database column and the native port).
ID_RANGE: Final = range(-(2**63), 2**63)
_INTEGER: Final = re.compile(r"[+-]?[0-9]+")

# Row error codes (stored in row_errors.code).
MALFORMED_CSV: Final = "malformed_csv"
NUL_BYTE: Final = "nul_byte"
WRONG_FIELD_COUNT: Final = "wrong_field_count"
FIELD_TOO_LONG: Final = "field_too_long"
NO_IDENTIFYING_FIELD: Final = "no_identifying_field"
INVALID_EMAIL: Final = "invalid_email"
INVALID_DATE: Final = "invalid_date"
INVALID_ID: Final = "invalid_id"
DUPLICATE_ID: Final = "duplicate_id"
MATCH_ERROR: Final = "match_error"


@dataclass(frozen=True)
class RowError:
    """Why one record was rejected; ``raw`` is the record as read (a column → value mapping when the
    field count was right, else the list of fields, None when it could not be parsed)."""

    row_number: int
    line_number: int
    field: str | None
    code: str
    message: str
    raw: Mapping[str, str] | Sequence[str] | None

    def raw_json(self) -> str | None:
        return None if self.raw is None else json.dumps(self.raw, ensure_ascii=False)


def row_error(record: Record, field: str | None, code: str, problem: str,
              raw: Mapping[str, str] | Sequence[str] | None) -> RowError:
    """A RowError whose message names row, line and field: "row 17 (line 19), field 'email': …"."""
    where = f"row {record.row_number} (line {record.line_number})"
    if field is not None:
        where += f", field {field!r}"
    return RowError(record.row_number, record.line_number, field, code, f"{where}: {problem}", raw)


@dataclass(frozen=True)
class Columns:
    """Where each known column sits in the header; unknown columns are ignored."""

    positions: Mapping[str, int]
    width: int
    #: The known columns' values of a record, as a tuple (one C call per record instead of a loop).
    _take: Callable[[Sequence[str]], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indexes = list(self.positions.values())
        take: Callable[[Sequence[str]], Any] = itemgetter(*indexes) if len(indexes) > 1 else \
            (lambda fields: tuple(fields[index] for index in indexes))
        object.__setattr__(self, "_take", take)

    def values(self, fields: Sequence[str]) -> dict[str, str]:
        return dict(zip(self.positions, self._take(fields)))


def check_header(header: Sequence[str], *, required: Sequence[str], optional: Iterable[str] = (),
                 file_name: str) -> Columns:
    """Column positions, or SourceError naming what is missing or repeated; extra columns are logged."""
    known = (*required, *optional)
    missing = [name for name in required if name not in header]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise SourceError(
            f"{file_name}: missing required column{plural} {names} (header has: {', '.join(header)})"
        )
    repeated = sorted({name for name in header if name in known and header.count(name) > 1})
    if repeated:
        raise SourceError(f"{file_name}: column {repeated[0]!r} appears more than once in the header")
    unknown = [name for name in header if name not in known]
    if unknown:
        log.warning("ignoring unknown columns", extra={"file": file_name, "columns": ",".join(unknown)})
    return Columns({name: header.index(name) for name in known if name in header}, len(header))


def check_shape(record: Record, columns: Columns) -> RowError | None:
    """The structural checks shared by import and customer files."""
    fields = record.fields
    # The common case in two C calls: every field (known or not) short enough and free of NUL bytes.
    if record.error is None and len(fields) == columns.width and max(map(len, fields)) <= MAX_FIELD_LENGTH \
            and "\0" not in "".join(fields):
        return None
    if record.error is not None:
        return row_error(record, None, MALFORMED_CSV, record.error, None)
    if len(record.fields) != columns.width:
        return row_error(
            record, None, WRONG_FIELD_COUNT,
            f"expected {columns.width} fields (as in the header), found {len(record.fields)}", record.fields,
        )
    for name, index in columns.positions.items():
        if "\0" in record.fields[index]:
            return row_error(record, name, NUL_BYTE, "contains a NUL byte", columns.values(record.fields))
    for name, index in columns.positions.items():
        length = len(record.fields[index])
        if length > MAX_FIELD_LENGTH:
            return row_error(
                record, name, FIELD_TOO_LONG,
                f"{length} characters, longer than the limit of {MAX_FIELD_LENGTH}", columns.values(record.fields),
            )
    return None


def validate_import_row(record: Record, columns: Columns) -> dict[str, str] | RowError:
    """The row as the matcher takes it (every IMPORT_FIELDS key, strings as read), or why it is rejected."""
    if (problem := check_shape(record, columns)) is not None:
        return problem
    values = columns.values(record.fields)
    values.setdefault(EXTERNAL_REF, "")
    # No identifying field has a non-space character: then neither has their concatenation.
    if not "".join([values[name] for name in IDENTIFYING_FIELDS]).strip():
        names = ", ".join(IDENTIFYING_FIELDS)
        return row_error(record, None, NO_IDENTIFYING_FIELD, f"none of {names} is filled in", values)
    return check_email_and_date(record, values) or values


def check_email_and_date(record: Record, values: Mapping[str, str]) -> RowError | None:
    email = values["email"]
    if email.strip() and not is_valid_email(email):
        return row_error(record, "email", INVALID_EMAIL, f"{email!r} is not a valid email address", values)
    birth_date = values["birth_date"]
    if (reason := date_problem(birth_date)) is not None:
        return row_error(record, "birth_date", INVALID_DATE, f"{birth_date!r} is not a valid date ({reason})", values)
    return None


@lru_cache(maxsize=1 << 16)
def date_problem(text: str) -> str | None:
    """Why the matcher's ``normalize_date`` rejects ``text`` ("unrecognised date format" / "not a real date"),
    or None. Cached: a file's birth dates repeat (a few tens of thousands of distinct ones per million rows)."""
    try:
        normalize_date(text)
    except DateParseError as exc:
        return str(exc).partition(":")[0]
    return None


def is_valid_email(value: str) -> bool:
    """Deliberately loose: one ``@``, a local part, a dotted domain, no whitespace (after stripping).

    >>> is_valid_email(" ann@example.org "), is_valid_email("john@@x"), is_valid_email("ann@localhost")
    (True, False, False)
    """
    text = value.strip()
    # One "@" makes the text non-empty; then it holds whitespace exactly when split() cuts it.
    if text.count("@") != 1 or len(text.split(None, 1)) != 1:
        return False
    local, _, domain = text.partition("@")
    labels = domain.split(".")
    return bool(local) and len(labels) > 1 and all(labels)


def parse_customer_id(record: Record, values: Mapping[str, str]) -> int | RowError:
    """The customer id as an int, or an ``invalid_id`` error."""
    text = values["id"].strip()
    if not _INTEGER.fullmatch(text):
        return row_error(record, "id", INVALID_ID, f"{values['id']!r} is not an integer", values)
    customer_id = int(text)
    if customer_id not in ID_RANGE:
        return row_error(record, "id", INVALID_ID, f"{customer_id} does not fit in 64 bits", values)
    return customer_id
