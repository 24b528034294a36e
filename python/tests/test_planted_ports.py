"""The planted ports (python/tests/planted/): each passes replay of the bundled corpora its kernel has, and
differs from the reference on its minimal trigger and on one mutation of a recorded request (what `parity
fuzz` must find, issue 20)."""

from __future__ import annotations

import copy
import importlib
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from importer.adapters import reference as matcher_reference
from scoring.adapters import reference as scoring_reference
from tests.replay_cli import CORPORA, replay

PYTHON_DIR = Path(__file__).resolve().parents[1]

MATCHER_CORPORA = ("imports-sample", "people-fake-1000", "chicago-childcare-sites")
SCORING_CORPORA = ("scoring-sample",)
PLANTED = {
    "turkish_i": MATCHER_CORPORA,
    "nfd": MATCHER_CORPORA,
    "negative_zero": SCORING_CORPORA,
    "nan": SCORING_CORPORA,
    "off_by_one": SCORING_CORPORA,
    "merchants_window": SCORING_CORPORA,
    "overflow": SCORING_CORPORA,
}


def planted(name: str) -> Any:
    return importlib.import_module(f"tests.planted.{name}").adapter


def fixtures(corpus: str) -> dict[str, Any]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((CORPORA / corpus / "fixtures").glob("*.json"))}


def recorded_input(corpus: str, request_id: str) -> dict[str, Any]:
    with (CORPORA / corpus / "requests.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            request = json.loads(line)
            if request["id"] == request_id:
                return request["input"]
    raise AssertionError(f"{corpus} has no request {request_id}")


def outcome(adapter: Any, context: Any, request: Any) -> Any:
    """What replay compares: the output, or the exception's type and message."""
    try:
        return {"output": adapter.run(context, request)}
    except Exception as error:  # noqa: BLE001 - an error is an outcome here
        return {"error": {"type": type(error).__name__, "message": str(error)}}


def both(name: str, corpus: str, request: dict[str, Any]) -> tuple[Any, Any]:
    """The (reference, planted port) outcomes of one call, with the corpus's fixtures."""
    kernel_reference = matcher_reference if corpus in MATCHER_CORPORA else scoring_reference
    port = planted(name)
    loaded = fixtures(corpus)
    return (outcome(kernel_reference, kernel_reference.setup(loaded), request),
            outcome(port, port.setup(loaded), request))


# --- replay of the bundled corpora passes --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name, corpus", [(name, corpus) for name, corpora in PLANTED.items()
                                          for corpus in corpora])
def test_replay_of_the_bundled_corpus_does_not_find_the_planted_bug(tmp_path: Path, name: str,
                                                                    corpus: str) -> None:
    candidate = f"tests.planted.{name}:adapter"
    result = replay(CORPORA / corpus, tmp_path / "out", "--candidate", candidate, "--python-path", PYTHON_DIR,
                    "--noise-runs", "0", "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.report["candidate"] == candidate
    summary = result.summary
    assert summary["compared"] == summary["matched"] == summary["requests"] > 0
    assert summary["crashes"] == 0 and summary["reference_drift"] == 0


# --- the minimal triggers ------------------------------------------------------------------------------

MATCHER_CORPUS = "imports-sample"
SCORING_CORPUS = "scoring-sample"


def matcher_request(*rows: dict[str, Any]) -> dict[str, Any]:
    (fixture_id,) = fixtures(MATCHER_CORPUS)
    return {"customers": fixture_id, "config": None, "rows": list(rows)}


def transaction(**fields: Any) -> dict[str, Any]:
    return {"id": "t1", "t_ms": 1_767_225_600_000, "amount": 25.0, "currency": "EUR", "merchant_id": "m1",
            "mcc": "5411", "country": "FR", "lat": None, "lon": None, "card_id": "c1",
            "device_id": None} | fields


def scoring_request(*transactions: dict[str, Any]) -> dict[str, Any]:
    (fixture_id,) = fixtures(SCORING_CORPUS)
    return {"model": fixture_id, "profile": {"home_country": "FR", "home_currency": "EUR"}, "history": [],
            "transactions": list(transactions)}


def normalized(result: Any, field: str) -> Any:
    return result["output"][0]["normalized"][field]


def test_turkish_i_cuts_the_folding_of_U0130_in_an_email() -> None:
    expected, actual = both("turkish_i", MATCHER_CORPUS, matcher_request({"email": "\u0130"}))
    assert normalized(expected, "email") == "i\u0307"
    assert normalized(actual, "email") == "i"


def test_turkish_i_folds_the_text_fields_right() -> None:
    row = {"first_name": "\u0130smail", "email": "x"}
    expected, actual = both("turkish_i", MATCHER_CORPUS, matcher_request(row))
    assert expected == actual


def test_nfd_leaves_a_decomposed_email_decomposed() -> None:
    expected, actual = both("nfd", MATCHER_CORPUS, matcher_request({"email": "e\u0301"}))
    assert normalized(expected, "email") == "\u00e9"
    assert normalized(actual, "email") == "e\u0301"


def test_nfd_drops_the_mark_of_a_decomposed_postcode() -> None:
    expected, actual = both("nfd", MATCHER_CORPUS, matcher_request({"postcode": "S\u0301W1A"}))
    assert normalized(expected, "postcode") == "\u015bw1a"
    assert normalized(actual, "postcode") == "sw1a"


def test_negative_zero_counts_minus_zero_as_a_refund() -> None:
    expected, actual = both("negative_zero", SCORING_CORPUS, scoring_request(transaction(amount=-0.0)))
    plus_zero, _ = both("negative_zero", SCORING_CORPUS, scoring_request(transaction(amount=0.0)))
    assert expected == plus_zero
    assert actual["output"][0]["score"] < expected["output"][0]["score"]


def test_nan_lets_a_nan_amount_through() -> None:
    expected, actual = both("nan", SCORING_CORPUS, scoring_request(transaction(amount=math.nan)))
    message = "transactions[0].amount: not a finite number"
    assert expected == {"error": {"type": "ValueError", "message": message}}
    assert "output" in actual


def test_nan_names_a_nan_latitude_out_of_range() -> None:
    expected, actual = both("nan", SCORING_CORPUS, scoring_request(transaction(lat=math.nan, lon=2.0)))
    assert expected["error"]["message"] == "transactions[0].lat: not a finite number"
    assert actual["error"]["message"] == "transactions[0].lat: out of range"


@pytest.mark.parametrize("zero", [0, 0.0, -0.0])
def test_off_by_one_counts_a_zero_amount_as_a_refund(zero: float) -> None:
    expected, actual = both("off_by_one", SCORING_CORPUS, scoring_request(transaction(amount=zero)))
    assert actual["output"][0]["score"] < expected["output"][0]["score"]


def test_off_by_one_agrees_on_either_side_of_zero() -> None:
    for amount in (5e-324, -5e-324):
        expected, actual = both("off_by_one", SCORING_CORPUS, scoring_request(transaction(amount=amount)))
        assert expected == actual


def test_merchants_window_counts_a_merchant_exactly_24_hours_old() -> None:
    first = transaction(id="t1", t_ms=0, merchant_id="m1")
    second = transaction(id="t2", t_ms=86_400_000, merchant_id="m2")
    expected, actual = both("merchants_window", SCORING_CORPUS, scoring_request(first, second))
    assert expected["output"][0] == actual["output"][0]
    assert actual["output"][1]["score"] > expected["output"][1]["score"]
    # One millisecond later the merchant is out for both.
    later = transaction(id="t2", t_ms=86_400_001, merchant_id="m2")
    expected, actual = both("merchants_window", SCORING_CORPUS, scoring_request(first, later))
    assert expected == actual


def test_overflow_wraps_an_amount_of_2_to_the_63() -> None:
    expected, actual = both("overflow", SCORING_CORPUS, scoring_request(transaction(amount=2**63)))
    refund, _ = both("overflow", SCORING_CORPUS, scoring_request(transaction(amount=-(2**63))))
    assert expected != actual
    assert actual == refund


def test_overflow_agrees_within_64_bits() -> None:
    expected, actual = both("overflow", SCORING_CORPUS, scoring_request(transaction(amount=2**63 - 1)))
    assert expected == actual


# --- one mutation of a recorded request reaches each bug ------------------------------------------------


def insert_into(path: tuple[Any, ...], text: str, after: str) -> Callable[[dict[str, Any]], None]:
    """A string mutation: `text` inserted after the first `after` of the string at `path`."""
    def mutate(request: dict[str, Any]) -> None:
        container = request
        for key in path[:-1]:
            container = container[key]
        value = container[path[-1]]
        position = value.index(after) + len(after)
        container[path[-1]] = value[:position] + text + value[position:]
    return mutate


def set_to(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(request: dict[str, Any]) -> None:
        container = request
        for key in path[:-1]:
            container = container[key]
        container[path[-1]] = value
    return mutate


@pytest.mark.parametrize("name, corpus, request_id, mutate", [
    ("turkish_i", "imports-sample", "job1-batch000001", insert_into(("rows", 0, "email"), "\u0130", "")),
    ("nfd", "imports-sample", "job1-batch000001", insert_into(("rows", 0, "email"), "\u0301", "e")),
    ("nfd", "imports-sample", "job1-batch000001", insert_into(("rows", 2, "postcode"), "\u0301", "LS")),
    ("negative_zero", "scoring-sample", "scoring.score-341aa956281d-t1-request-0001",
     set_to(("transactions", 0, "amount"), -0.0)),
    ("nan", "scoring-sample", "scoring.score-341aa956281d-t1-request-0001",
     set_to(("transactions", 0, "amount"), math.nan)),
    ("off_by_one", "scoring-sample", "scoring.score-341aa956281d-t1-request-0001",
     set_to(("transactions", 0, "amount"), 0)),
    ("merchants_window", "scoring-sample", "scoring.score-341aa956281d-edges-request-0001",
     insert_into(("transactions", 0, "merchant_id"), "\u200b", "")),
    ("overflow", "scoring-sample", "scoring.score-341aa956281d-t1-request-0001",
     set_to(("transactions", 0, "amount"), 2**63)),
])
def test_one_mutation_of_a_recorded_request_finds_the_planted_bug(
        name: str, corpus: str, request_id: str, mutate: Callable[[dict[str, Any]], None]) -> None:
    recorded = recorded_input(corpus, request_id)
    expected, actual = both(name, corpus, recorded)
    assert expected == actual, "the recorded request already differs"
    mutant = copy.deepcopy(recorded)
    mutate(mutant)
    expected, actual = both(name, corpus, mutant)
    assert expected != actual
