"""parity.compare: the first difference between two JSON-like values, as a JSON Pointer and a kind."""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest

from parity.compare import Difference, Raised, compare, escape_pointer_token, json_type


def nan_with_payload(payload: int) -> float:
    value: float = struct.unpack("<d", struct.pack("<Q", 0x7FF8000000000000 | payload))[0]
    return value


MATCH_RESULT = {"status": "matched", "customer_id": 7, "score": 0.93,
                "field_scores": {"email": 1.0, "phone": None}, "capped": False}


@pytest.mark.parametrize("value", [
    None, True, False, 0, -3, 2**70, 0.5, "", "Zoë", [], {}, [1, [2, {"a": None}]],
    {"b": 1, "a": [1.5, "x"]}, [MATCH_RESULT, MATCH_RESULT], math.inf, -math.inf, math.nan,
])
def test_equal_values_have_no_difference(value: Any) -> None:
    assert compare(value, value) is None
    assert compare(value, _copy(value)) is None


def test_key_order_does_not_matter_and_tuples_are_arrays() -> None:
    assert compare({"a": 1, "b": 2}, {"b": 2, "a": 1}) is None
    assert compare([1, (2, 3)], (1, [2, 3])) is None


@pytest.mark.parametrize("expected, actual, pointer, kind", [
    (1, 2, "", "value"),
    ("a", "b", "", "value"),
    (0.9, 0.9000000000000001, "", "value"),
    (1, 1.0, "", "type"),
    (True, 1, "", "type"),
    (0, False, "", "type"),
    (None, 0, "", "type"),
    ([1], {"0": 1}, "", "type"),
    ([1, 2], [1, 2, 3], "", "length"),
    ({"a": 1}, {}, "/a", "missing"),
    ({}, {"a": 1}, "/a", "extra"),
    ([MATCH_RESULT, MATCH_RESULT], [MATCH_RESULT, {**MATCH_RESULT, "field_scores": {"email": 0.99, "phone": None}}],
     "/1/field_scores/email", "value"),
    ([{"field_scores": {"phone": None}}], [{"field_scores": {"phone": 0.0}}], "/0/field_scores/phone", "type"),
    ({"a/b": {"m~n": 1}}, {"a/b": {"m~n": 2}}, "/a~1b/m~0n", "value"),
])
def test_first_difference_is_located_and_classified(expected: Any, actual: Any, pointer: str, kind: str) -> None:
    difference = compare(expected, actual)

    assert difference is not None, f"expected a {kind} difference at {pointer!r}: {expected!r} vs {actual!r}"
    assert (difference.pointer, difference.kind) == (pointer, kind), difference


def test_floats_are_compared_by_their_bits() -> None:
    assert compare(math.nan, math.nan) is None
    assert compare(nan_with_payload(1), nan_with_payload(1)) is None
    assert compare(nan_with_payload(1), nan_with_payload(2)) is not None
    assert compare(0.0, -0.0) is not None
    assert compare(1e-320, 1e-320) is None


def test_a_nodes_own_length_comes_before_its_children() -> None:
    difference = compare([1, 2, 3], [9, 2])

    assert difference == Difference("", "length", 3, 2)


def test_walk_order_is_expected_keys_first_then_extra_keys() -> None:
    assert compare({"a": 1, "b": 2}, {"z": 0, "b": 3, "a": 1}) == Difference("/b", "value", 2, 3)
    assert compare({"a": 1, "b": 2}, {"a": 1, "z": 0}) == Difference("/b", "missing", 2, None)


def test_exceptions_compare_by_type_and_message() -> None:
    bad_row = Raised("ValueError", "bad row")
    assert compare(bad_row, Raised("ValueError", "bad row")) is None
    for other in (Raised("TypeError", "bad row"), Raised("ValueError", "other")):
        assert compare(bad_row, other) == Difference("", "error", bad_row, other)
    assert compare(bad_row, [1]) == Difference("", "error", bad_row, [1])
    assert compare([1], bad_row) == Difference("", "error", [1], bad_row)
    assert Raised.of(KeyError("k")) == Raised("KeyError", "'k'")


def test_describe_is_one_short_line() -> None:
    assert Difference("/0/score", "value", 0.9, 0.91).describe() == "/0/score: value differs: expected 0.9, got 0.91"
    assert Difference("", "length", 3, 2).describe() == "(root): length differs: expected 3, got 2"
    assert Difference("/a", "missing", 1, None).describe() == "/a: missing: expected 1"
    long = Difference("", "value", "x" * 1000, "y").describe()
    assert len(long) < 300 and "\n" not in long


def test_pointer_tokens_and_type_names() -> None:
    assert escape_pointer_token("a/b~c") == "a~1b~0c"
    assert escape_pointer_token(3) == "3"
    assert [json_type(v) for v in (None, True, 1, 1.0, "s", [], (), {}, Raised("E", ""))] == [
        "null", "boolean", "integer", "number", "string", "array", "array", "object", "exception"]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(child) for key, child in reversed(list(value.items()))}
    if isinstance(value, list):
        return [_copy(child) for child in value]
    return value
