"""parity.diff: the harness's C++ diff engine from Python, and as the shadow mode's comparator."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from native_module import diff_engine_or_skip
from switch_fakes import Impl, make_switch

from parity.corpus import RecordedError

diff_engine_or_skip()  # under ctest a missing module is a failure, by hand a skip

from parity.diff import Rules, diff, rules_comparator  # noqa: E402


def test_every_difference_is_reported_with_kind_pointer_and_pattern() -> None:
    reference = [{"score": 0.9, "name": "Zoë"}, {"score": 0.5, "name": None}]
    candidate = [{"score": 0.91, "name": "Zoë"}, {"score": 0.5, "name": "", "debug": 1}]
    found = {(d.pointer, d.kind) for d in diff(reference, candidate)}
    assert found == {("/0/score", "value"), ("/1/name", "type"), ("/1/debug", "extra")}
    assert {d.pattern for d in diff(reference, candidate)} == {"/*/score", "/*/name", "/*/debug"}


def test_rules_from_a_document_and_from_a_file(tmp_path: Path) -> None:
    document = {"rules": [{"path": "/*/score", "float": {"abs": 0.05}}]}
    assert diff([{"score": 0.9}], [{"score": 0.91}], Rules(document)) == []
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document))
    assert diff([{"score": 0.9}], [{"score": 0.99}], Rules.load(path))[0].kind == "float_tolerance"


def test_bad_rules_raise_value_error_naming_the_rule(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match='rule 1 .*unknown key "tolerence"'):
        Rules({"rules": [{"path": "/*/score", "tolerence": 1}]})
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(ValueError, match="broken.json"):
        Rules.load(path)


def test_exceptions_are_compared_as_type_and_message() -> None:
    assert diff(TypeError("rows[0]: bad"), RecordedError("TypeError", "rows[0]: bad")) == []
    (kind,) = {d.kind for d in diff(TypeError("a"), TypeError("b"))}
    assert kind == "error_message"
    assert diff(TypeError("a"), [1])[0].kind == "error_vs_value"


def test_the_rules_comparator_makes_shadow_mode_apply_the_replay_rules() -> None:
    good = [{"status": "matched", "score": 0.9}]
    close = [{"status": "matched", "score": 0.9 + 1e-12}]
    tolerant = rules_comparator(Rules({"rules": [{"path": "/*/score", "float": {"abs": 1e-9}}]}))
    with make_switch("shadow", Impl("python", lambda rows: good), Impl("native", lambda rows: close),
                     shadow_workers=0, comparator=tolerant) as switch:
        assert switch.call("rows") is good
    assert switch.stats().shadow_mismatches == 0

    with make_switch("shadow", Impl("python", lambda rows: good), Impl("native", lambda rows: close),
                     shadow_workers=0, comparator=rules_comparator()) as strict:
        strict.call("rows")
    assert strict.stats().shadow_mismatches == 1


# The C++ engine with no rules must agree on what is equal with `json_equal`, a naive oracle of
# docs/diff-rules.md §2 (strict comparison), written for this test only.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values, json_values)
def test_strict_engine_agrees_with_the_oracle(left: Any, right: Any) -> None:
    assert (diff(left, right) == []) == json_equal(left, right)
    assert diff(left, left) == []


def json_equal(left: Any, right: Any) -> bool:
    """Strict equality of JSON values: JSON's types, floats by bits (all NaNs equal), key order ignored."""
    kind = _json_type(left)
    if kind != _json_type(right):
        return False
    if kind == "array":
        return len(left) == len(right) and all(json_equal(a, b) for a, b in zip(left, right))
    if kind == "object":
        return left.keys() == right.keys() and all(json_equal(left[key], right[key]) for key in left)
    if kind == "number":
        return (math.isnan(left) and math.isnan(right)) or struct.pack("<d", left) == struct.pack("<d", right)
    return bool(left == right)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: bool is an int to Python, not to JSON
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, (list, tuple)) else "object"


def test_nan_and_signed_zero() -> None:
    assert diff([math.nan], [math.nan]) == []
    assert diff([0.0], [-0.0])[0].kind == "value"
