"""Redaction rules: what is removed or pseudonymised, and that nothing else changes."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parity.corpus import canonical_json
from parity.redaction import Redaction

HASHED = re.compile(r"hash:[0-9a-f]{16}")


def expected_hash(value: str, salt: str) -> str:
    return "hash:" + hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()[:16]


def sample_record() -> dict[str, Any]:
    return {
        "input": {
            "email": "top@example.org",
            "config": {"threshold": 0.8},
            "rows": [
                {"email": "ann@example.org", "phone": "+33 1 23", "city": "Lyon"},
                {"email": "bob@example.org", "phone": None, "city": "Metz"},
            ],
        },
        "output": {"r0": {"normalized": {"email": "ann@example.org"}}, "r1": {"normalized": {"email": None}}},
    }


def test_bare_field_name_matches_at_every_depth() -> None:
    redacted = Redaction({"email": "hash"}, salt="s").apply(sample_record())
    assert redacted["input"]["email"] == expected_hash("top@example.org", "s")
    assert redacted["input"]["rows"][0]["email"] == expected_hash("ann@example.org", "s")
    assert redacted["output"]["r0"]["normalized"]["email"] == expected_hash("ann@example.org", "s")
    assert redacted["output"]["r1"]["normalized"]["email"] is None
    assert redacted["input"]["rows"][0]["city"] == "Lyon"


def test_path_with_list_wildcard_only_touches_that_path() -> None:
    redacted = Redaction({"input.rows.*.phone": "drop", "input.rows.*.email": "hash"}).apply(sample_record())
    for row in redacted["input"]["rows"]:
        assert "phone" not in row
        assert HASHED.fullmatch(row["email"])
    assert redacted["input"]["email"] == "top@example.org"  # not under rows
    assert redacted["output"]["r0"]["normalized"]["email"] == "ann@example.org"


def test_path_with_object_wildcard_and_explicit_index() -> None:
    record = sample_record()
    redacted = Redaction({"output.*.normalized.email": "drop", "input.rows.1.city": "hash"}).apply(record)
    assert redacted["output"] == {"r0": {"normalized": {}}, "r1": {"normalized": {}}}
    assert redacted["input"]["rows"][0]["city"] == "Lyon"
    assert HASHED.fullmatch(redacted["input"]["rows"][1]["city"])


def test_drop_of_list_elements_and_whole_subtrees() -> None:
    redacted = Redaction({"input.rows.0": "drop", "config": "drop"}).apply(sample_record())
    assert [row["email"] for row in redacted["input"]["rows"]] == ["bob@example.org"]
    assert "config" not in redacted["input"]


def test_drop_wins_when_rules_overlap() -> None:
    redacted = Redaction({"email": "hash", "input.rows.*.email": "drop"}).apply(sample_record())
    assert all("email" not in row for row in redacted["input"]["rows"])
    assert HASHED.fullmatch(redacted["input"]["email"])


def test_hash_is_stable_and_depends_on_salt() -> None:
    first = Redaction({"email": "hash"}, salt="one")
    again = Redaction({"email": "hash"}, salt="one")
    other = Redaction({"email": "hash"}, salt="two")
    value = "ann@example.org"
    assert first.hash_value(value) == again.hash_value(value) == expected_hash(value, "one")
    assert first.hash_value(value) != other.hash_value(value)
    assert first.hash_value(value) != first.hash_value("bob@example.org")


def test_equal_values_stay_equal_across_input_and_output() -> None:
    redacted = Redaction({"email": "hash"}, salt="s").apply(sample_record())
    assert redacted["input"]["rows"][0]["email"] == redacted["output"]["r0"]["normalized"]["email"]


def test_non_string_values_hash_from_canonical_json_and_none_stays_none() -> None:
    redaction = Redaction({"address": "hash", "age": "hash", "nothing": "hash"}, salt="s")
    redacted = redaction.apply({"address": {"b": 1, "a": "é"}, "age": 42, "nothing": None})
    digest = hmac.new(b"s", canonical_json({"a": "é", "b": 1}), hashlib.sha256).hexdigest()[:16]
    assert redacted == {"address": "hash:" + digest, "age": redaction.hash_value(42), "nothing": None}
    assert redaction.hash_value({"a": "é", "b": 1}) == redaction.hash_value({"b": 1, "a": "é"})


def test_caller_objects_are_never_mutated_and_untouched_subtrees_are_shared() -> None:
    record = sample_record()
    before = copy.deepcopy(record)
    redacted = Redaction({"input.rows.*.email": "hash", "phone": "drop"}).apply(record)
    assert record == before
    assert redacted["output"] is record["output"]
    assert redacted["input"]["config"] is record["input"]["config"]
    assert redacted["input"]["rows"] is not record["input"]["rows"]


def test_tuples_are_walked_like_lists() -> None:
    record = {"input": {"rows": ({"email": "x", "id": 1},)}}
    redacted = Redaction({"input.rows.*.email": "drop"}).apply(record)
    assert redacted == {"input": {"rows": [{"id": 1}]}}


def test_no_rules_returns_the_record_itself() -> None:
    record = sample_record()
    assert Redaction({}).apply(record) is record
    assert not Redaction({})


def test_parse_cli_rules() -> None:
    redaction = Redaction.parse(["email=hash", " input.rows.*.phone = drop "], salt="s")
    assert redaction.rules == {"email": "hash", "input.rows.*.phone": "drop"}
    assert redaction.apply({"email": "a"}) == {"email": expected_hash("a", "s")}


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("email=mask", "email=mask"),
        ("email", "'email'"),
        ("=hash", "'=hash'"),
        ("input..email=drop", "input..email"),
    ],
)
def test_parse_rejects_bad_rules_naming_them(rule: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)):
        Redaction.parse([rule])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["email", "name", "rows", "x"]), children, max_size=4),
    max_leaves=25,
)


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_keys(child) for child in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(child) for child in value))
    return set()


@settings(database=None)  # no .hypothesis/ folder in the repository
@given(json_values)
def test_dropped_name_never_survives_and_input_is_unchanged(value: Any) -> None:
    before = json.dumps(value, sort_keys=True)
    redacted = Redaction({"email": "drop"}).apply(value)
    assert "email" not in _keys(redacted)
    assert json.dumps(value, sort_keys=True) == before
