"""The kernels' `domain(context, input)` hooks (corpora/README.md, "Adapters"): every kernel call is in the
domain, spec-defined errors included; only inputs that are not a kernel call at all are out, and for those
`run` raises the adapter's own error before any kernel is reached."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from importer.adapters import reference as matcher
from scoring.adapters import reference as scorer

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
MATCHER_CORPORA = ("imports-sample", "people-fake-1000", "chicago-childcare-sites")


def fixtures(corpus: str) -> dict[str, Any]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((CORPORA / corpus / "fixtures").glob("*.json"))}


def recorded_inputs(corpus: str) -> list[Any]:
    lines = (CORPORA / corpus / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["input"] for line in lines]


@pytest.fixture(scope="module")
def matcher_context() -> tuple[Any, dict[str, Any]]:
    loaded = fixtures("imports-sample")
    (fixture_id,) = loaded
    return matcher.setup(loaded), recorded_inputs("imports-sample")[0] | {"customers": fixture_id}


@pytest.fixture(scope="module")
def scoring_context() -> tuple[Any, dict[str, Any]]:
    return scorer.setup(fixtures("scoring-sample")), recorded_inputs("scoring-sample")[0]


# --- importer.match ------------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", MATCHER_CORPORA)
def test_every_recorded_matcher_call_is_in_the_domain(corpus: str) -> None:
    context = matcher.setup(fixtures(corpus))
    requests = recorded_inputs(corpus)
    assert [matcher.domain(context, request) for request in requests] == [None] * len(requests)


@pytest.mark.parametrize("change, error", [
    # docs/matching.md §1 and §5 define each of these outcomes: they are calls, judged like any other.
    ({"rows": {"first_name": "Ann"}}, "rows: expected a list, got dict"),
    ({"rows": ["Ann"]}, "rows[0]: expected a mapping, got str"),
    ({"rows": [{"first_name": 7}]}, "rows[0].first_name: expected str or None, got int"),
    ({"rows": [{"last_name": "a\ud800"}]}, "rows[0].last_name: lone surrogate in text"),
    ({"rows": [{"birth_date": "31/02/1990"}]}, "rows[0].birth_date: unparseable date"),
    ({"config": [1]}, "config: expected a mapping, got list"),
    ({"config": {"colour": 1}}, "config: unknown key 'colour'"),
    ({"config": {"match_threshold": math.nan}},
     "config.match_threshold: expected a finite number >= 0.0, got nan"),
    ({"config": {"max_candidates": 0}}, "config.max_candidates: expected an int >= 1, got 0"),
])
def test_spec_defined_matcher_errors_are_in_the_domain(matcher_context: tuple[Any, dict[str, Any]],
                                                      change: dict[str, Any], error: str) -> None:
    context, recorded = matcher_context
    request = recorded | change
    assert matcher.domain(context, request) is None
    with pytest.raises((TypeError, ValueError)) as raised:
        matcher.run(context, request)
    assert str(raised.value) == error


@pytest.mark.parametrize("request_", [
    {"rows": []} | {"config": None},  # no config: the default one
    {"rows": [{"first_name": "\U0001fae8" * 5000, "email": "\u0130@x"}], "config": {"max_candidates": 2**64}},
    {"rows": [{}] * 3, "config": {}, "note": "extra keys are ignored"},
])
def test_unusual_matcher_calls_are_in_the_domain(matcher_context: tuple[Any, dict[str, Any]],
                                                request_: dict[str, Any]) -> None:
    context, recorded = matcher_context
    request = {"customers": recorded["customers"]} | request_
    assert matcher.domain(context, request) is None
    assert len(matcher.run(context, request)) == len(request["rows"])


@pytest.mark.parametrize("make, reason", [
    (lambda recorded: [recorded], "input: expected a mapping, got list"),
    (lambda recorded: None, "input: expected a mapping, got NoneType"),
    (lambda recorded: {k: v for k, v in recorded.items() if k != "customers"}, "input.customers: missing"),
    (lambda recorded: recorded | {"customers": "sha256-0"},
     "input.customers: not the id of a customers fixture"),
    (lambda recorded: recorded | {"customers": ["x"]}, "input.customers: not the id of a customers fixture"),
    (lambda recorded: recorded | {"customers": None}, "input.customers: not the id of a customers fixture"),
    (lambda recorded: {k: v for k, v in recorded.items() if k != "rows"}, "input.rows: missing"),
])
def test_inputs_that_are_no_matcher_call_are_out_of_the_domain(matcher_context: tuple[Any, dict[str, Any]],
                                                              make: Any, reason: str) -> None:
    context, recorded = matcher_context
    request = make(recorded)
    assert matcher.domain(context, request) == reason
    with pytest.raises((KeyError, TypeError, AttributeError)):
        matcher.run(context, request)


def test_the_matcher_domain_names_fixtures_of_the_customers_kind_only() -> None:
    loaded = fixtures("imports-sample") | {"model": {"kind": "scoring.model", "model": {}}}
    context = matcher.setup(loaded)
    request = {"customers": "model", "config": None, "rows": []}
    assert matcher.domain(context, request) == "input.customers: not the id of a customers fixture"


# --- scoring.score -------------------------------------------------------------------------------------


def test_every_recorded_scoring_call_is_in_the_domain() -> None:
    context = scorer.setup(fixtures("scoring-sample"))
    requests = recorded_inputs("scoring-sample")
    assert [scorer.domain(context, request) for request in requests] == [None] * len(requests)


def first_transaction(recorded: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return recorded | {"transactions": [recorded["transactions"][0] | fields]}


@pytest.mark.parametrize("change, error", [
    # docs/scoring.md §1.2 defines each of these outcomes.
    (lambda r: r | {"profile": []}, "profile: expected a mapping, got list"),
    (lambda r: r | {"history": "x"}, "history: expected a list, got str"),
    (lambda r: first_transaction(r, amount=math.nan), "transactions[0].amount: not a finite number"),
    (lambda r: first_transaction(r, amount=-math.inf), "transactions[0].amount: not a finite number"),
    (lambda r: first_transaction(r, amount=2**1024), "transactions[0].amount: not a finite number"),
    (lambda r: first_transaction(r, t_ms=2**63), "transactions[0].t_ms: out of range"),
    (lambda r: first_transaction(r, t_ms=1.5), "transactions[0].t_ms: expected int, got float"),
    (lambda r: first_transaction(r, lat=90.5), "transactions[0].lat: out of range"),
])
def test_spec_defined_scoring_errors_are_in_the_domain(scoring_context: tuple[Any, dict[str, Any]],
                                                      change: Any, error: str) -> None:
    context, recorded = scoring_context
    request = change(recorded)
    assert scorer.domain(context, request) is None
    with pytest.raises((TypeError, ValueError)) as raised:
        scorer.run(context, request)
    assert str(raised.value) == error


@pytest.mark.parametrize("change", [
    lambda r: first_transaction(r, amount=-0.0),
    lambda r: first_transaction(r, amount=2**63, id="\ud800"),
    lambda r: first_transaction(r, amount=1e-320, lat=-90, lon=180),
    lambda r: r | {"transactions": [], "extra": 1},
])
def test_unusual_scoring_calls_are_in_the_domain(scoring_context: tuple[Any, dict[str, Any]],
                                                 change: Any) -> None:
    context, recorded = scoring_context
    request = change(recorded)
    assert scorer.domain(context, request) is None
    assert len(scorer.run(context, request)) == len(request["transactions"])


@pytest.mark.parametrize("make, reason", [
    (lambda recorded: "x", "input: expected a mapping, got str"),
    *((lambda recorded, key=key: {k: v for k, v in recorded.items() if k != key}, f"input.{key}: missing")
      for key in ("model", "profile", "history", "transactions")),
    (lambda recorded: recorded | {"model": "sha256-0"}, "input.model: not the id of a model fixture"),
    (lambda recorded: recorded | {"model": {"format": "parity.scoring.model"}},
     "input.model: not the id of a model fixture"),
])
def test_inputs_that_are_no_scoring_call_are_out_of_the_domain(scoring_context: tuple[Any, dict[str, Any]],
                                                              make: Any, reason: str) -> None:
    context, recorded = scoring_context
    request = make(recorded)
    assert scorer.domain(context, request) == reason
    with pytest.raises((KeyError, TypeError)):
        scorer.run(context, request)


def test_the_native_adapters_share_the_hooks() -> None:
    from importer.adapters import native as native_matcher
    from scoring.adapters import native as native_scorer

    assert type(native_matcher).domain is type(matcher).domain
    assert type(native_scorer).domain is type(scorer).domain
