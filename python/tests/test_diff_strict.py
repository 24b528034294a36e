"""parity.diff with no rules: strict equality of JSON values, what shadow mode compares by (docs/diff-rules.md, §2).

These were the checks of parity.compare, the pure-Python comparer this engine replaced. Where the engine's
answer differs from the old one, the test says so: the engine's rules are the reference.
"""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest
from native_module import diff_engine_or_skip

from parity.corpus import RecordedError

diff_engine_or_skip()  # under ctest a missing module is a failure, by hand a skip

from parity.diff import Difference, diff, first_difference  # noqa: E402


def nan_with_payload(payload: int) -> float:
    value: float = struct.unpack("<d", struct.pack("<Q", 0x7FF8000000000000 | payload))[0]
    return value


def first(reference: Any, candidate: Any) -> Difference:
    difference = first_difference(reference, candidate)
    assert difference is not None, f"expected a difference: {reference!r} vs {candidate!r}"
    return difference


MATCH_RESULT = {"status": "matched", "customer_id": 7, "score": 0.93,
                "field_scores": {"email": 1.0, "phone": None}, "capped": False}


@pytest.mark.parametrize("value", [
    None, True, False, 0, -3, 2**70, 0.5, "", "Zoë", [], {}, [1, [2, {"a": None}]],
    {"b": 1, "a": [1.5, "x"]}, [MATCH_RESULT, MATCH_RESULT], math.inf, -math.inf, math.nan,
])
def test_equal_values_have_no_difference(value: Any) -> None:
    assert diff(value, value) == []
    assert diff(value, _copy(value)) == []


def test_key_order_does_not_matter_and_tuples_are_arrays() -> None:
    assert first_difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) is None
    assert first_difference([1, (2, 3)], (1, [2, 3])) is None


@pytest.mark.parametrize("expected, actual, pointer, kind", [
    (1, 2, "", "value"),
    ("a", "b", "", "value"),
    (0.9, 0.9000000000000001, "", "value"),
    (1, 1.0, "", "type"),
    (True, 1, "", "type"),
    (0, False, "", "type"),
    (None, 0, "", "type"),
    ([1], {"0": 1}, "", "type"),
    ([1, 2], [1, 2, 3], "", "array_length"),  # parity.compare called it "length"
    ({"a": 1}, {}, "/a", "missing"),
    ({}, {"a": 1}, "/a", "extra"),
    ([MATCH_RESULT, MATCH_RESULT], [MATCH_RESULT, {**MATCH_RESULT, "field_scores": {"email": 0.99, "phone": None}}],
     "/1/field_scores/email", "value"),
    ([{"field_scores": {"phone": None}}], [{"field_scores": {"phone": 0.0}}], "/0/field_scores/phone", "type"),
    ({"a/b": {"m~n": 1}}, {"a/b": {"m~n": 2}}, "/a~1b/m~0n", "value"),
])
def test_first_difference_is_located_and_classified(expected: Any, actual: Any, pointer: str, kind: str) -> None:
    difference = first(expected, actual)

    assert (difference.pointer, difference.kind) == (pointer, kind), difference


def test_floats_are_compared_by_their_bits() -> None:
    assert first_difference(math.nan, math.nan) is None
    assert first_difference(nan_with_payload(1), nan_with_payload(1)) is None
    # parity.compare told NaN payloads apart; the engine does not, since JSON keeps no payload (§2).
    assert first_difference(nan_with_payload(1), nan_with_payload(2)) is None
    assert first(0.0, -0.0).kind == "value"
    assert first_difference(1e-320, 1e-320) is None
    assert first(1e-320, 2e-320).kind == "value"


def test_a_nodes_own_length_comes_before_its_children() -> None:
    difference = first([1, 2, 3], [9, 2])

    assert (difference.pointer, difference.kind, difference.detail) == ("", "array_length", "3 vs 2 elements")


def test_the_same_elements_in_another_order_are_one_order_difference() -> None:
    # parity.compare reported the first position that differs ("value" at /0).
    assert [(d.pointer, d.kind) for d in diff([1, 2, 3], [3, 2, 1])] == [("", "order")]


def test_walk_order_is_reference_keys_first_then_extra_keys() -> None:
    assert [(d.pointer, d.kind) for d in diff({"a": 1, "b": 2}, {"z": 0, "b": 3, "a": 1})] == [
        ("/b", "value"), ("/z", "extra")]
    assert [(d.pointer, d.kind) for d in diff({"a": 1, "b": 2}, {"a": 1, "z": 0})] == [
        ("/b", "missing"), ("/z", "extra")]
    # Keys are walked in key order; parity.compare walked them in the reference's insertion order.
    assert first({"b": 1, "a": 1}, {"b": 2, "a": 2}).pointer == "/a"


def test_exceptions_compare_by_type_and_message() -> None:
    bad_row = RecordedError("ValueError", "bad row")
    assert first_difference(bad_row, RecordedError("ValueError", "bad row")) is None
    assert first_difference(ValueError("bad row"), bad_row) is None, "an exception compares as its RecordedError"
    # parity.compare had one kind, "error", at the root; the engine says what differs, where.
    assert [(d.pointer, d.kind) for d in diff(bad_row, RecordedError("TypeError", "bad row"))] == [
        ("/type", "error_type")]
    assert [(d.pointer, d.kind) for d in diff(bad_row, RecordedError("ValueError", "other"))] == [
        ("/message", "error_message")]
    assert [d.kind for d in diff(bad_row, RecordedError("TypeError", "other"))] == ["error_type", "error_message"]
    as_value = {"type": "ValueError", "message": "bad row"}
    error_first, value_first = first(bad_row, [1]), first([1], bad_row)
    assert (error_first.pointer, error_first.kind, error_first.reference, error_first.candidate) == (
        "", "error_vs_value", as_value, [1])
    assert (value_first.pointer, value_first.kind, value_first.reference, value_first.candidate) == (
        "", "error_vs_value", [1], as_value)
    assert RecordedError.of(KeyError("k")) == RecordedError("KeyError", "'k'")


def test_describe_is_one_short_line() -> None:
    assert first([{"score": 0.9}], [{"score": 0.91}]).describe() == "/0/score: value: 0.9 vs 0.91"
    assert first([1, 2, 3], [9, 2]).describe() == "(root): array_length: 3 vs 2 elements"
    assert first({"a": 1}, {}).describe() == "/a: missing: absent from the candidate"
    long = first("x" * 1000, "y").describe()
    assert len(long) < 300 and "\n" not in long
    assert "stopped after" not in first([1, 2, 3], [4, 5, 6]).detail, "the first difference's detail is its own"


def test_pointer_tokens_are_escaped_and_types_named() -> None:
    assert first({"a/b~c": 1}, {"a/b~c": 2}).pointer == "/a~1b~0c"
    assert first({3: 1}, {3: 2}).pointer == "/3"
    for value, name in ((None, "null"), (True, "boolean"), (1, "integer"), (1.0, "number"), ("s", "string"),
                        ([], "array"), ((), "array"), ({}, "object")):
        other = 0 if isinstance(value, str) else "x"
        assert f"({name} vs " in first(value, other).detail


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(child) for key, child in reversed(list(value.items()))}
    if isinstance(value, list):
        return [_copy(child) for child in value]
    return value
