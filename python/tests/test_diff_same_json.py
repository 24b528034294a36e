"""parity.diff's shortcut for equal outputs: the Python objects are walked first (parity._diff's
same_json), and only sides it cannot prove equal are converted to JSON and diffed. Every answer must be
the one the conversion gives (parity._diff.diff_outcomes, the path without the shortcut: the oracle)."""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from native_module import diff_engine_or_skip

from parity.corpus import RecordedError

diff_engine_or_skip()  # under ctest a missing module is a failure, by hand a skip

from parity import _diff  # noqa: E402
from parity.diff import Rules, _outcome, diff, first_difference  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "imports-sample" / "requests.jsonl"

RULE_SETS: dict[str, Rules] = {
    "strict": Rules(),
    "tolerant": Rules({"rules": [
        {"path": "**", "float": {"abs": 1e-6}},
        {"path": "/*/debug", "ignore": True},
        {"path": "**", "null_equals_missing": True},
        {"path": "**", "unicode": "NFC"},
    ]}),
    "unordered": Rules({"rules": [{"path": "**", "array": "unordered"}]}),
    "keyed": Rules({"rules": [{"path": "", "array": {"keyed_by": "row"}}]}),
}


@dataclass(frozen=True)
class _Key:
    key: Any


def flat(value: Any) -> list[Any]:
    """`value` as a flat list of tokens, walked without recursion (differences may hold values nested
    100,000 deep, too deep for == or repr), floats by their bits: NaN is never == NaN."""
    tokens: list[Any] = []
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, (list, tuple)):
            tokens.append(("array", len(node)))
            pending.extend(reversed(node))
        elif isinstance(node, dict):
            tokens.append(("object", len(node)))
            for key, item in reversed(node.items()):
                pending.append(item)
                pending.append(_Key(key))
        elif isinstance(node, _Key):
            tokens.append(("key", node.key))
        elif isinstance(node, float):
            tokens.append(("float", "nan" if math.isnan(node) else struct.pack("<d", node)))
        else:
            tokens.append((type(node).__name__, node))
    return tokens


def converted(reference: Any, candidate: Any, rules: Rules, max_differences: int = 1000) -> list[Any]:
    """The answer without the shortcut: both sides converted to JSON and diffed."""
    return _diff.diff_outcomes(*_outcome(reference), *_outcome(candidate), rules._rules, max_differences)


def _answers(reference: Any, candidate: Any, rules: Rules, max_differences: int) -> tuple[list[Any], list[Any]]:
    """(parity.diff's, the conversion's) answers."""
    found = [(d.kind, d.pointer, d.pattern, d.reference, d.candidate, d.detail)
             for d in diff(reference, candidate, rules, max_differences)]
    return flat(found), flat(converted(reference, candidate, rules, max_differences))


def assert_same_answers(reference: Any, candidate: Any, max_differences: int = 1000) -> None:
    for name, rules in RULE_SETS.items():
        shortcut, converted = _answers(reference, candidate, rules, max_differences)
        assert shortcut == converted, f"rules {name}: {shortcut[:20]} vs {converted[:20]}"


def fresh(value: Any) -> Any:
    """An equal object graph sharing no object with `value`, strs and big ints included."""
    if isinstance(value, str) and len(value) > 1:
        return "".join([value[:1], value[1:]])
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 256:
        return int(str(value))
    if isinstance(value, float):
        return struct.unpack("<d", struct.pack("<d", value))[0]
    if isinstance(value, list):
        return [fresh(item) for item in value]
    if isinstance(value, tuple):
        return tuple(fresh(item) for item in value)
    if isinstance(value, dict):
        return {fresh(key): fresh(item) for key, item in value.items()}
    return value


def corpus_outputs() -> list[Any]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line)["output"] for line in lines][:40]


def test_equal_corpus_outputs_are_proven_equal_and_have_no_difference() -> None:
    for output in corpus_outputs():
        copy = json.loads(json.dumps(output))
        assert _diff.same_json(output, copy)
        assert first_difference(output, copy) is None
        assert_same_answers(output, copy)


def test_every_difference_kind_is_the_conversions_answer() -> None:
    row = {"row": 1, "score": 0.9, "name": "Zoë", "tags": ["a", "b", "c"], "debug": 1}
    cases = [
        ({**row, "score": 0.91}, "value"),
        ({**row, "score": None}, "type"),
        ({key: value for key, value in row.items() if key != "name"}, "missing"),
        ({**row, "new": 1}, "extra"),
        ({**row, "tags": ["a", "b"]}, "array_length"),
        ({**row, "tags": ["c", "b", "a"]}, "order"),
        ({**row, "name": "Zoe\u0308"}, "value"),
    ]
    for candidate, kind in cases:
        assert kind in {d.kind for d in diff([row], [candidate])}
        assert_same_answers([row], [candidate])
    tolerant = RULE_SETS["tolerant"]
    assert diff([row], [{**row, "score": 0.95}], tolerant)[0].kind == "float_tolerance"
    assert diff([row], [{**row, "name": "Zoe\u0308"}], tolerant)[0].kind == "unicode_normalization"
    assert diff([row], [{**row, "score": 0.9 + 1e-9, "debug": 2}], tolerant) == []
    assert diff([{"row": 1, "a": None}], [{"row": 1}], tolerant) == []


def test_rules_still_apply_to_sides_that_differ() -> None:
    rows = [{"row": i, "score": i / 10} for i in range(5)]
    shuffled = [fresh(rows[i]) for i in (3, 1, 4, 0, 2)]
    assert not _diff.same_json(rows, shuffled)
    assert diff(rows, shuffled, RULE_SETS["unordered"]) == []
    assert diff(rows, shuffled, RULE_SETS["keyed"]) == []
    assert diff(rows, shuffled)[0].kind == "order"
    for reference, candidate in ((rows, shuffled), (rows, shuffled[:4]), (rows, [*shuffled, {"row": 9}])):
        assert_same_answers(reference, candidate)


def test_equal_values_under_any_rules_have_no_difference() -> None:
    # Equal arrays that cannot be keyed (duplicate and missing keys) are still equal.
    rows = [{"row": 1}, {"row": 1}, {"x": 2}, 3]
    for rules in RULE_SETS.values():
        assert diff(rows, fresh(rows), rules) == []
    assert_same_answers(rows, fresh(rows))


def test_nan_payloads_signed_zero_and_infinities() -> None:
    payload_nan = struct.unpack("<d", struct.pack("<Q", 0x7FF8_0000_0000_0001))[0]
    negative_nan = -math.nan
    assert _diff.same_json([math.nan], [payload_nan])
    assert _diff.same_json([math.nan], [negative_nan])
    assert diff([math.nan], [payload_nan]) == []
    assert not _diff.same_json([0.0], [-0.0])
    assert diff([0.0], [-0.0])[0].kind == "value"
    assert diff([math.inf], [-math.inf])[0].kind == "value"
    for left, right in ((math.nan, payload_nan), (0.0, -0.0), (math.inf, math.inf), (math.nan, 1.0),
                        (-0.0, -0.0)):
        assert_same_answers([left], [right])


def test_ints_floats_and_bools_keep_their_json_types() -> None:
    for left, right, kind in ((1, 1.0, "type"), (True, 1, "type"), (False, 0, "type"), (1, 2, "value")):
        assert not _diff.same_json(left, right)
        assert diff(left, right)[0].kind == kind
        assert_same_answers(left, right)
    assert diff([1], [1.0], RULE_SETS["tolerant"]) == []


def test_ints_beyond_64_bits() -> None:
    for value in (2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**200, -(2**63), -(2**63) - 1, -(2**200), 10**5000):
        copy = int(str(value)) if abs(value) < 10**4000 else value + 1 - 1
        assert copy is not value
        assert _diff.same_json(value, copy)
        assert diff(value, copy) == []
        assert_same_answers([value], [copy])
        assert_same_answers([value], [copy + 1])
        assert diff([value], [copy + 1]) != []
    assert not _diff.same_json(2**64, 2**64 + 1)


def test_dict_keys_that_are_not_str_are_left_to_the_conversion() -> None:
    assert not _diff.same_json({1: "a"}, {1: "a"})
    assert diff({1: "a"}, {1: "a"}) == []
    assert diff({1: "a"}, {"1": "a"}) == []  # both convert to {"1": "a"}
    assert diff({None: 1, 2.5: 2}, {"null": 1, "2.5": 2}) == []
    for left, right in (({1: "a"}, {"1": "a"}), ({1: "a"}, {2: "a"}), ({(1, 2): 0}, {(1, 2): 0}),
                        ({True: 1}, {"true": 1})):
        assert_same_answers(left, right)


def test_keys_in_another_order() -> None:
    assert _diff.same_json({"a": 1, "b": [2]}, {"b": [2], "a": 1})
    assert not _diff.same_json({"a": 1, "b": 2}, {"b": 2, "c": 1})
    # Two keys that convert to one name ("\\ud800"): the later value wins, so the order matters.
    left = {"\ud800": 1, "\\ud800": 2}
    right = {"\\ud800": 2, "\ud800": 1}
    assert not _diff.same_json(left, right)
    assert diff(left, right) != []
    assert_same_answers(left, right)
    assert _diff.same_json(left, fresh(left))
    assert_same_answers(left, fresh(left))


def test_tuples_are_arrays() -> None:
    assert _diff.same_json((1, [2, (3,)]), [1, (2, [3])])
    assert diff((1, 2), [1, 2]) == []
    assert_same_answers((1, 2), [1, 3])


class Lying(str):
    """A str whose __eq__ and __hash__ say anything: the comparison must look at its code points."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


class LyingInt(int):
    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


class Fixed:
    def __repr__(self) -> str:
        return "Fixed()"


def test_subclasses_are_compared_by_their_value() -> None:
    assert not _diff.same_json(Lying("a"), "b")
    assert diff(Lying("a"), "b")[0].kind == "value"
    assert _diff.same_json(Lying("a"), "a")
    assert not _diff.same_json(LyingInt(2**70), 2**70 + 1)
    assert not _diff.same_json(LyingInt(1), 2)
    assert not _diff.same_json({Lying("a"): 1}, {"b": 1})
    for left, right in ((Lying("a"), "b"), (LyingInt(2**70), 2**70 + 1), (LyingInt(3), 3),
                        ({Lying("a"): 1, "x": 2}, {"x": 2, "b": 1})):
        assert_same_answers(left, right)


def test_objects_json_cannot_hold() -> None:
    thing = object()
    cases = [(b"ab", b"ab"), (b"ab", {"$bytes": "6162"}), (b"ab", b"ac"), (Fixed(), Fixed()), (thing, thing),
             (object(), object()), ({1, 2}, {1, 2}), ([Fixed()], [Fixed(), 1]), ("a\udc80", "a\udc80"),
             ("a\udc80", {"$str_with_surrogates": "a\\udc80"})]
    for left, right in cases:
        assert_same_answers(left, right)
    assert diff(b"ab", {"$bytes": "6162"}) == []
    assert diff(Fixed(), Fixed()) == []
    assert diff(object(), object())[0].kind == "value"  # their reprs hold their addresses
    assert _diff.same_json("a\udc80", "a\udc80")


def test_exceptions_and_recorded_errors_are_type_and_message() -> None:
    cases = [(ValueError("bad"), ValueError("bad")), (ValueError("bad"), RecordedError("ValueError", "bad")),
             (ValueError("bad"), TypeError("bad")), (ValueError("bad"), ValueError("worse")),
             (ValueError("bad"), {"type": "ValueError", "message": "bad"}), (KeyError("k"), [1])]
    for left, right in cases:
        assert_same_answers(left, right)
    assert diff(ValueError("bad"), RecordedError("ValueError", "bad")) == []
    # An error is never equal to a value, even one that looks like its JSON.
    assert diff(ValueError("bad"), {"type": "ValueError", "message": "bad"})[0].kind == "error_vs_value"


def test_containers_inside_themselves() -> None:
    left: list[Any] = [1]
    left.append(left)
    right: list[Any] = [1]
    right.append(right)
    assert not _diff.same_json(left, right)
    assert diff(left, right) == []  # both convert to [1, {"$cycle": true}]
    shared = [left, left]
    assert_same_answers(shared, [right, right])
    assert_same_answers(left, [1, [1, [1]]])


def nested(depth: int, leaf: Any) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value] if depth % 2 else {"k": value}
    return value


@pytest.mark.parametrize("depth", [999, 1000, 1001, 100_000])
def test_deep_nesting_does_not_crash(depth: int) -> None:
    for wrap in (lambda value: value, lambda value: {"a": value}):
        assert diff(wrap(nested(depth, 1)), wrap(nested(depth, 1))) == []
        found = diff(wrap(nested(depth, 1)), wrap(nested(depth, 2)))
        assert [d.kind for d in found] == ["value"]
        # The difference's own values deep: a type difference at the top holds the whole side.
        assert diff(wrap(nested(depth, 1)), wrap(5))[0].kind == "type"
    assert_same_answers(nested(depth, 1), nested(depth, 2))


def test_the_max_differences_cap() -> None:
    reference = [{"i": i} for i in range(50)]
    candidate = [{"i": i + 1} for i in range(50)]
    for cap in (0, 1, 2, 10, 50, 51):
        assert_same_answers(reference, candidate, cap)
    found = diff(reference, candidate, max_differences=10)
    assert len(found) == 10
    assert found[-1].detail.endswith("; stopped after 10 differences")
    assert_same_answers(reference, fresh(reference), 1)


# Values with what the conversion treats specially: NaN payloads, -0.0, big ints, tuples, non-str keys,
# lone surrogates, bytes.
scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 1, 1.0, True])
           | st.text(max_size=4) | st.sampled_from(["\ud800", "\\ud800", "e\u0301", "\u00e9"])
           | st.binary(max_size=2))
keys = st.text(max_size=3) | st.sampled_from(["\ud800", "\\ud800", "1"]) | st.integers(-2, 2) | st.none()
values = st.recursive(
    scalars,
    lambda children: (st.lists(children, max_size=4) | st.lists(children, max_size=3).map(tuple)
                      | st.dictionaries(keys, children, max_size=4)),
    max_leaves=16,
)


def mutate(value: Any, data: st.DataObject) -> Any:
    """`value` with one node (perhaps) changed, or its dict keys reordered."""
    if isinstance(value, (list, tuple)) and value and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(value) - 1))
        items = list(value)
        items[index] = mutate(items[index], data)
        return type(value)(items)
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        items = list(value.items())
        if data.draw(st.booleans()):
            items.reverse()
        index = data.draw(st.integers(0, len(items) - 1))
        items[index] = (items[index][0], mutate(items[index][1], data))
        return dict(items)
    choice = data.draw(st.integers(0, 2))
    return (data.draw(values), fresh(value), twin(value))[choice]


def twin(value: Any) -> Any:
    """A value that is nearly `value`, where a comparison could wrongly say equal."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return float(value) if abs(value) < 2**53 else value + 1
    if isinstance(value, float):  # -0.0 for 0.0, else the last bit flipped (another NaN for a NaN)
        if value == 0:
            return -value
        return struct.unpack("<d", struct.pack("<Q", struct.unpack("<Q", struct.pack("<d", value))[0] ^ 1))[0]
    if isinstance(value, str):
        return value + "\u0301" if value else None
    if isinstance(value, (list, tuple)):
        return list(value) if isinstance(value, tuple) else tuple(value)
    return value


def leaf_count(value: Any) -> int:
    if isinstance(value, (list, tuple)):
        return sum(leaf_count(item) for item in value)
    if isinstance(value, dict):
        return sum(leaf_count(item) for item in value.values())
    return 1


def twin_at(value: Any, index: int) -> tuple[Any, int]:
    """A fresh copy of `value` with its leaf number `index` (depth first) replaced by its twin; and how
    many leaves are left to skip."""
    if isinstance(value, (list, tuple)):
        items = []
        for item in value:
            item, index = twin_at(item, index)
            items.append(item)
        return type(value)(items), index
    if isinstance(value, dict):
        members = {}
        for key, item in value.items():
            members[key], index = twin_at(item, index)
        return members, index
    return (twin(value) if index == 0 else fresh(value)), index - 1


@settings(max_examples=400, deadline=None)
@given(values, st.data())
def test_the_shortcut_gives_the_conversions_answers(value: Any, data: st.DataObject) -> None:
    other = mutate(value, data)
    near, _ = twin_at(value, data.draw(st.integers(0, max(0, leaf_count(value) - 1))))
    for candidate in (fresh(value), other, near):
        for cap in (1000, 2):
            assert_same_answers(value, candidate, cap)
        if _diff.same_json(value, candidate):
            for rules in RULE_SETS.values():
                assert converted(value, candidate, rules) == [], f"{value!r} vs {candidate!r}"
