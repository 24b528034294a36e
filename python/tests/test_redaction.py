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
from parity.redaction import Redaction, RedactionScope

HASHED = re.compile(r"hash:[0-9a-f]{16}")
#: As a service declares it (the importer's, importer.adapters): data fields, what replay needs.
SCOPE = RedactionScope(data=("input.rows.*", "fixture.customers.*"),
                       protected=("input.config", "input.customers", "fixture.kind", "fixture.customers.*.id"),
                       drop_only=("input.rows.*.birth_date", "fixture.customers.*.birth_date"))


def expected_hash(value: str, salt: str) -> str:
    return "hash:" + hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()[:16]


def sample_record() -> dict[str, Any]:
    return {
        "input": {
            "email": "top@example.org",
            "config": {"threshold": 0.8, "weights": {"email": 3.0}},
            "rows": [
                {"email": "ann@example.org", "phone": "+33 1 23", "city": "Lyon"},
                {"email": "bob@example.org", "phone": None, "city": "Metz"},
            ],
        },
        "output": {"r0": {"normalized": {"email": "ann@example.org"}, "field_scores": {"email": 1.0}},
                   "r1": {"normalized": {"email": None}}},
    }


def test_bare_field_name_means_the_declared_data_fields_only() -> None:
    redaction = Redaction({"email": "hash"}, salt="s", scope=SCOPE)
    redacted = redaction.apply(sample_record())
    assert redaction.rules == {"input.rows.*.email": "hash", "fixture.customers.*.email": "hash"}
    assert redacted["input"]["rows"][0]["email"] == expected_hash("ann@example.org", "s")
    assert redacted["input"]["rows"][0]["city"] == "Lyon"
    # Not a data field: the config's weight (a number the kernel needs), outputs, other keys.
    assert redacted["input"]["config"] == {"threshold": 0.8, "weights": {"email": 3.0}}
    assert redacted["output"] == sample_record()["output"]
    assert redacted["input"]["email"] == "top@example.org"
    fixture = redaction.apply({"fixture": {"kind": "k", "customers": [{"id": 1, "email": "ann@example.org"}]}})
    hashed = expected_hash("ann@example.org", "s")
    assert fixture == {"fixture": {"kind": "k", "customers": [{"id": 1, "email": hashed}]}}


def test_bare_field_name_without_declared_data_fields_is_refused() -> None:
    with pytest.raises(ValueError, match=re.escape("redaction rule email=hash: a bare field name needs the data "
                                                   "fields the service declares")) as refused:
        Redaction({"email": "hash"}, salt="s")
    assert "write a path such as input.rows.*.email" in str(refused.value)


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("input.config.weights.email=hash", "input.config.weights.email touches input.config"),
        ("input.*.email=hash", "input.*.email touches input.config"),
        ("input.config=drop", "input.config touches input.config"),
        ("input=hash", "input touches input.config"),
        ("input.customers=hash", "touches input.customers"),
        ("id=hash", "fixture.customers.*.id touches fixture.customers.*.id"),
        ("birth_date=hash", "input.rows.*.birth_date touches input.rows.*.birth_date, which the kernel parses"),
        ("input.rows.*=drop", "would redact whole records of input.rows.*"),
        ("input.rows=hash", "would redact whole records of input.rows.*"),
        ("rows.*.email=drop", "a path starts at input, output, error, fixture"),
        ("error.message=drop", "would drop a part every recorded line needs"),
        ("output=drop", "would drop a part every recorded line needs"),
    ],
)
def test_rules_that_would_break_replay_are_refused_naming_the_rule(rule: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)) as refused:
        Redaction.parse([rule], salt="s", scope=SCOPE)
    assert str(refused.value).startswith(f"redaction rule {rule}:")


def test_explicit_output_error_and_drop_only_paths_are_allowed() -> None:
    rules = ["output.*.normalized.email=hash", "error.message=hash", "birth_date=drop", "phone=drop"]
    redaction = Redaction.parse(rules, salt="s", scope=SCOPE)
    assert redaction.rules == {
        "output.*.normalized.email": "hash", "error.message": "hash",
        "input.rows.*.birth_date": "drop", "fixture.customers.*.birth_date": "drop",
        "input.rows.*.phone": "drop", "fixture.customers.*.phone": "drop",
    }
    redacted = redaction.apply(sample_record())
    assert redacted["output"]["r0"]["normalized"]["email"] == expected_hash("ann@example.org", "s")
    assert redacted["output"]["r0"]["field_scores"] == {"email": 1.0}
    assert all("phone" not in row for row in redacted["input"]["rows"])


def test_hash_without_a_salt_is_refused() -> None:
    with pytest.raises(ValueError, match=re.escape("redaction rule input.rows.*.email=hash: hash needs a secret "
                                                   "salt")):
        Redaction({"input.rows.*.email": "hash"})
    assert Redaction({"input.rows.*.email": "drop"}).rules == {"input.rows.*.email": "drop"}


def test_hash_of_a_string_stays_a_string() -> None:
    redaction = Redaction({"input.rows.*.email": "hash"}, salt="s")
    (row,) = redaction.apply({"input": {"rows": [{"email": "x"}]}})["input"]["rows"]
    assert isinstance(row["email"], str) and HASHED.fullmatch(row["email"])


def test_path_with_list_wildcard_only_touches_that_path() -> None:
    redacted = Redaction({"input.rows.*.phone": "drop", "input.rows.*.email": "hash"}, salt="s").apply(
        sample_record())
    for row in redacted["input"]["rows"]:
        assert "phone" not in row
        assert HASHED.fullmatch(row["email"])
    assert redacted["input"]["email"] == "top@example.org"  # not under rows
    assert redacted["output"]["r0"]["normalized"]["email"] == "ann@example.org"


def test_path_with_object_wildcard_and_explicit_index() -> None:
    record = sample_record()
    redacted = Redaction({"output.*.normalized.email": "drop", "input.rows.1.city": "hash"}, salt="s").apply(record)
    assert redacted["output"] == {"r0": {"normalized": {}, "field_scores": {"email": 1.0}}, "r1": {"normalized": {}}}
    assert redacted["input"]["rows"][0]["city"] == "Lyon"
    assert HASHED.fullmatch(redacted["input"]["rows"][1]["city"])


def test_drop_of_list_elements_and_whole_subtrees() -> None:
    redacted = Redaction({"input.rows.0": "drop", "input.config": "drop"}).apply(sample_record())
    assert [row["email"] for row in redacted["input"]["rows"]] == ["bob@example.org"]
    assert "config" not in redacted["input"]


def test_drop_wins_when_rules_overlap() -> None:
    redaction = Redaction({"email": "hash", "input.rows.*.email": "drop"}, salt="s", scope=SCOPE)
    redacted = redaction.apply(sample_record())
    assert all("email" not in row for row in redacted["input"]["rows"])
    assert redaction.rules == {"input.rows.*.email": "drop", "fixture.customers.*.email": "hash"}


def test_hash_is_stable_and_depends_on_salt() -> None:
    first = Redaction({"email": "hash"}, salt="one", scope=SCOPE)
    again = Redaction({"email": "hash"}, salt="one", scope=SCOPE)
    other = Redaction({"email": "hash"}, salt="two", scope=SCOPE)
    value = "ann@example.org"
    assert first.hash_value(value) == again.hash_value(value) == expected_hash(value, "one")
    assert first.hash_value(value) != other.hash_value(value)
    assert first.hash_value(value) != first.hash_value("bob@example.org")


def test_equal_values_stay_equal_across_input_and_output() -> None:
    redacted = Redaction({"input.rows.*.email": "hash", "output.*.normalized.email": "hash"}, salt="s").apply(
        sample_record())
    assert redacted["input"]["rows"][0]["email"] == redacted["output"]["r0"]["normalized"]["email"]


def test_non_string_values_hash_from_canonical_json_and_none_stays_none() -> None:
    redaction = Redaction({"address": "hash", "age": "hash", "nothing": "hash"}, salt="s",
                          scope=RedactionScope(data=("input",)))
    redacted = redaction.apply({"input": {"address": {"b": 1, "a": "é"}, "age": 42, "nothing": None}})
    digest = hmac.new(b"s", canonical_json({"a": "é", "b": 1}), hashlib.sha256).hexdigest()[:16]
    assert redacted["input"] == {"address": "hash:" + digest, "age": redaction.hash_value(42), "nothing": None}
    assert redaction.hash_value({"a": "é", "b": 1}) == redaction.hash_value({"b": 1, "a": "é"})


def test_caller_objects_are_never_mutated_and_untouched_subtrees_are_shared() -> None:
    record = sample_record()
    before = copy.deepcopy(record)
    redacted = Redaction({"input.rows.*.email": "hash", "phone": "drop"}, salt="s", scope=SCOPE).apply(record)
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
    redaction = Redaction.parse(["email=hash", " input.rows.*.phone = drop "], salt="s", scope=SCOPE)
    assert redaction.rules == {"input.rows.*.email": "hash", "fixture.customers.*.email": "hash",
                               "input.rows.*.phone": "drop"}
    assert redaction.apply({"input": {"rows": [{"email": "a"}]}}) == {
        "input": {"rows": [{"email": expected_hash("a", "s")}]}}


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


@settings(database=None)  # no .hypothesis/ folder in the repository
@given(st.lists(json_values, max_size=4))
def test_dropped_field_never_survives_in_a_data_record_and_input_is_unchanged(rows: list[Any]) -> None:
    before = json.dumps(rows, sort_keys=True)
    redacted = Redaction({"email": "drop"}, scope=SCOPE).apply({"input": {"rows": rows}})["input"]["rows"]
    assert not any(isinstance(row, dict) and "email" in row for row in redacted)
    assert json.dumps(rows, sort_keys=True) == before
