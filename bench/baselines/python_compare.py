"""The pure-Python comparer `parity.compare` that the runtime switch's shadow mode used before the C++ diff
engine (`parity.diff`) replaced it: kept here only as the baseline bench/diff_speed.py measures the engine
against. Not part of the product; nothing imports it but the lab.

Recovered from `git show 759832e^:python/parity/compare.py` (759832e: "parity: one comparison engine;
shadow mode compares with parity.diff, parity.compare removed"): the code is unchanged, only this paragraph
was added to its docstring, whose original text follows.

Exact comparison of two JSON-like values: the first difference, located by a JSON Pointer.

    compare([{"score": 0.9}], [{"score": 0.91}])
    # Difference(pointer="/0/score", kind="value", expected=0.9, actual=0.91)

Rules (the same as the replay harness's "compared as JSON values", which will replace this code):

* types are JSON's: null, boolean, integer, number, string, array (list or tuple), object (dict).
  `1` and `1.0` differ (kind `type`), and so do `True` and `1`;
* floats are compared by their bits: exact, NaN equals a NaN with the same bits, `-0.0` differs
  from `0.0` (JSON writes them differently);
* objects ignore key order; a key only in `expected` is `missing`, one only in `actual` is `extra`;
* a node's own type and array length are checked before its children: arrays of different
  lengths give one `length` difference at the array, not one per shifted element;
* `Raised` stands for an exception: two are equal when type name and message are; an exception
  against anything else is an `error` difference at the root.

Walk order is deterministic: keys of `expected` in order, then keys only in `actual`.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

VALUE: Final = "value"
TYPE: Final = "type"
MISSING: Final = "missing"
EXTRA: Final = "extra"
LENGTH: Final = "length"
ERROR: Final = "error"
KINDS: Final = (VALUE, TYPE, MISSING, EXTRA, LENGTH, ERROR)

#: Values are cut to this many characters in `Difference.describe()`, so a log line stays a line.
SHOWN_CHARS: Final = 120


@dataclass(frozen=True)
class Raised:
    """An exception as compared: class name and `str(exc)` (the corpus's `error` object)."""

    type: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> Raised:
        return cls(type(exc).__name__, str(exc))

    def __str__(self) -> str:
        return f"{self.type}: {self.message}"


@dataclass(frozen=True)
class Difference:
    """Where two values first differ; `expected` / `actual` are the differing nodes (None if absent)."""

    pointer: str
    kind: str
    expected: Any
    actual: Any

    def describe(self) -> str:
        """One line: `/0/score: value differs: expected 0.9, got 0.91`."""
        where = self.pointer or "(root)"
        if self.kind == MISSING:
            return f"{where}: missing: expected {_short(self.expected)}"
        if self.kind == EXTRA:
            return f"{where}: extra: got {_short(self.actual)}"
        if self.kind == LENGTH:
            return f"{where}: length differs: expected {self.expected}, got {self.actual}"
        return f"{where}: {self.kind} differs: expected {_short(self.expected)}, got {_short(self.actual)}"


def compare(expected: Any, actual: Any) -> Difference | None:
    """The first difference between `expected` and `actual`, or None if they are equal."""
    return _compare(expected, actual, "")


def escape_pointer_token(key: object) -> str:
    """One JSON Pointer token (RFC 6901): `~` becomes `~0`, `/` becomes `~1`."""
    return str(key).replace("~", "~0").replace("/", "~1")


def json_type(value: Any) -> str:
    """The JSON type name of a value; other Python types are named by their class."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, Raised):
        return "exception"
    return type(value).__name__


def _compare(expected: Any, actual: Any, pointer: str) -> Difference | None:
    if isinstance(expected, Raised) or isinstance(actual, Raised):
        return None if expected == actual else Difference(pointer, ERROR, expected, actual)
    kind = json_type(expected)
    if kind != json_type(actual):
        return Difference(pointer, TYPE, expected, actual)
    if kind == "object":
        return _compare_objects(expected, actual, pointer)
    if kind == "array":
        if len(expected) != len(actual):
            return Difference(pointer, LENGTH, len(expected), len(actual))
        for index, (left, right) in enumerate(zip(expected, actual)):
            found = _compare(left, right, f"{pointer}/{index}")
            if found is not None:
                return found
        return None
    if kind == "number":
        equal = struct.pack("<d", expected) == struct.pack("<d", actual)
    else:
        equal = expected is actual or bool(expected == actual)
    return None if equal else Difference(pointer, VALUE, expected, actual)


def _compare_objects(expected: Mapping[Any, Any], actual: Mapping[Any, Any], pointer: str) -> Difference | None:
    for key, left in expected.items():
        where = f"{pointer}/{escape_pointer_token(key)}"
        if key not in actual:
            return Difference(where, MISSING, left, None)
        found = _compare(left, actual[key], where)
        if found is not None:
            return found
    for key, right in actual.items():
        if key not in expected:
            return Difference(f"{pointer}/{escape_pointer_token(key)}", EXTRA, None, right)
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


__all__ = ["ERROR", "EXTRA", "KINDS", "LENGTH", "MISSING", "TYPE", "VALUE", "Difference", "Raised", "compare",
           "escape_pointer_token", "json_type"]
