"""The native Matcher's result dicts, made by copying a template (bindings/dict_template.cpp) or, where
CPython's dict layout is not the one checked for, by inserts: ordinary dicts either way, equal to the
reference's item for item, in the same key order, tracked by the cycle collector exactly when the
reference's are, and without a reference leaked or released twice."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from native_module import native_or_skip
from shared_data import REPO_ROOT

from importer.matching import Matcher
from parity.corpus import open_corpus

native = native_or_skip()


@pytest.fixture()
def by_insert() -> Iterator[None]:
    """Result dicts made by inserts for the duration of a test."""
    native._result_dicts_by_copy(False)
    try:
        yield
    finally:
        native._result_dicts_by_copy(True)


def sample() -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    corpus = open_corpus(REPO_ROOT / "corpora" / "imports-sample")
    fixtures = corpus.load_fixtures()
    requests = [request["input"] for request in corpus.requests()]
    return fixtures[requests[0]["customers"]]["customers"], [request["rows"] for request in requests[:40]]


def shape(value: Any) -> Any:
    """Type, key order and cycle-collector tracking of every dict, all the way down."""
    if isinstance(value, dict):
        return (type(value), gc.is_tracked(value), [(key, shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value)


def test_this_interpreter_gets_the_copies() -> None:
    # The layout is checked for CPython 3.11, the interpreter this project builds for.
    assert native._result_dicts_by_copy() is (sys.version_info[:2] == (3, 11))


@pytest.mark.parametrize("way", ["copy", "insert"])
def test_results_equal_the_reference_in_values_order_and_tracking(way: str, request: pytest.FixtureRequest) -> None:
    if way == "insert":
        request.getfixturevalue("by_insert")
    assert native._result_dicts_by_copy() is (way == "copy" and sys.version_info[:2] == (3, 11))
    customers, batches = sample()
    reference, candidate = Matcher(customers), native.Matcher(customers)
    for rows in batches:
        expected, actual = reference.match(rows), candidate.match(rows)
        assert json.dumps(actual) == json.dumps(expected)
        assert shape(actual) == shape(expected)


def test_a_result_dict_behaves_as_any_dict() -> None:
    customers, batches = sample()
    result = native.Matcher(customers).match(batches[0])[0]
    twin = dict(result)
    result["extra"] = [result]  # a cycle through a container value
    del result["status"]
    result["field_scores"]["first_name"] = -1.0
    assert list(result) == ["customer_id", "score", "field_scores", "normalized", "candidates", "capped", "extra"]
    assert result.pop("extra")[0] is result
    assert {key: value for key, value in result.items()} == {key: twin[key] for key in list(twin)[1:]}
    assert json.loads(json.dumps(result))["field_scores"]["first_name"] == -1.0


def test_no_reference_is_leaked_or_released_twice() -> None:
    customers, batches = sample()
    matcher = native.Matcher(customers)
    key = "first_name"
    for rows in batches:  # warm: interned strings, free lists and caches settle
        matcher.match(rows)
    gc.collect()
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(key))
    for _ in range(5):
        for rows in batches:
            matcher.match(rows)
    gc.collect()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(key))
    assert after == before
