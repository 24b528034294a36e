"""Planted port: an integer number beyond 64 bits wrapped around (scoring.score).

**The bug.** docs/scoring.md §1.2: a number field (`amount`, `lat`, `lon`) may be an `int`, converted with
`float()`: `2**63` is `9.223372036854776e18`, and only an int too large for a double is "not a finite
number". This port reads an int through a signed 64-bit integer, keeping its low 64 bits (the mask
conversion, then a signed cast), before converting it to a double: `2**63` becomes `-2**63`, a refund of
9.2e18; `-2**63 - 1` becomes `2**63 - 1`; `2**64 + 5` becomes `5`. Ints within int64 are right.

It is the real port (the native adapter, or the reference when the native module is not built) given each
record with such ints wrapped the way this port reads them.

**Why replay passes.** Every int number in the bundled scoring corpus fits in 64 bits.

**What reaches it.** One number mutation of a recorded request: an integer near 2^63 (`2**63`,
`-2**63 - 1`, ...) in `transactions[i].amount` (or `history[i].amount`, `lat`, `lon`: out of range either
way for a coordinate near 2^63, but `2**64 + 45` reads as 45).

**Minimal trigger.** `{"model": <the fixture>, "profile": {...}, "history": [], "transactions": [<one
valid transaction with "amount": 9223372036854775808>]}`: the reference scores a purchase of 9.2e18, this
port a refund (`is_refund` 1.0, another score).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from scoring.adapters import ScoringAdapter, native, reference

_NUMBER_FIELDS = ("amount", "lat", "lon")
_RECORD_LISTS = ("history", "transactions")


def _as_int64(value: int) -> int:
    return (value + 2**63) % 2**64 - 2**63


def _read_as_port(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return _as_int64(value)
    return value


def _record(record: Any) -> Any:
    if not isinstance(record, Mapping):
        return record
    return {key: _read_as_port(value) if key in _NUMBER_FIELDS else value for key, value in record.items()}


def _request(request: Any) -> Any:
    if not isinstance(request, Mapping):
        return request
    copy = dict(request)
    for name in _RECORD_LISTS:
        records = copy.get(name)
        if isinstance(records, (list, tuple)):
            copy[name] = [_record(record) for record in records]
    return copy


def _real_port() -> ScoringAdapter:
    try:
        importlib.import_module("scoring.native")  # raises ImportError when the module is not built
    except ImportError:
        return reference
    return native


class Int64Numbers:
    """The real port, each record's int numbers first wrapped to 64 bits."""

    def __init__(self, port: ScoringAdapter) -> None:
        self._port = port

    def setup(self, fixtures: Mapping[str, Any]) -> Any:
        return self._port.setup(fixtures)

    def run(self, context: Any, request: Any) -> Any:
        return self._port.run(context, _request(request))


adapter = Int64Numbers(_real_port())
