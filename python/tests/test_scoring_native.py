"""scoring._native.Scorer against the reference, scoring.kernel.Scorer (docs/scoring.md): the same results
(same order, same types, the same float bits), and for every row of the two check tables the same
exception type and message, in the same first-failure order.

The native module must be built: a missing module fails these tests, it never skips them.
"""

from __future__ import annotations

import copy
import gc
import json
import math
import random
import threading
from collections.abc import Callable
from typing import Any

import pytest
import scoring_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.kernel import FEATURES, Scorer

try:
    from scoring import native
except ImportError as exc:  # a test failure, not a skip: the port is what these tests are about
    raise AssertionError(
        f"scoring._native is not importable ({exc}): build it (cmake --preset dev && cmake --build --preset dev) "
        "and put <build>/python on PYTHONPATH"
    ) from exc

HOUR = 3_600_000
DAY = 86_400_000
PROFILE = {"home_country": "FR", "home_currency": "EUR"}


# --- comparing both sides ---------------------------------------------------------------------------


def exact(results: Any) -> Any:
    """The results as a value that compares equal only when they are the same, bit for bit: key order,
    types, float bits (float.hex tells 0.0 from -0.0 and keeps NaN's sign and payload class)."""
    if not isinstance(results, list):
        return ("not a list", type(results).__name__)
    shown = []
    for result in results:
        assert type(result) is dict
        score = result["score"]
        shown.append(
            (
                list(result),
                type(result["id"]).__name__,
                result["id"],
                type(score).__name__,
                score.hex() if isinstance(score, float) else repr(score),
                type(result["decision"]).__name__,
                result["decision"],
                type(result["reasons"]).__name__,
                [(type(name).__name__, name) for name in result["reasons"]],
            )
        )
    return shown


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """("ok", exact(results)) or ("error", (type name, message))."""
    try:
        return "ok", exact(call())
    except (TypeError, ValueError) as error:
        return "error", (type(error).__name__, str(error))


def both_score(model: Any, profile: Any, history: Any, transactions: Any) -> tuple[Any, Any]:
    expected = outcome(lambda: Scorer(copy.deepcopy(model)).score(profile, history, transactions))
    actual = outcome(lambda: native.Scorer(copy.deepcopy(model)).score(profile, history, transactions))
    return expected, actual


def both_models(model: Any) -> tuple[Any, Any]:
    def make(cls: Any) -> tuple[str, Any]:
        try:
            return "ok", cls(model).version
        except (TypeError, ValueError) as error:
            return "error", (type(error).__name__, str(error))

    return make(Scorer), make(native.Scorer)


# --- valid inputs: the same results -----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(120))
def test_generated_cases_score_identically(seed: int) -> None:
    size = [0, 1, 2, 7, 40, 150, 600][seed % 7]
    profile, history, transactions = scoring_cases.case(seed, size)
    expected, actual = both_score(scoring_cases.model(), profile, history, transactions)
    assert expected[0] == "ok"
    assert actual == expected, f"seed {seed}"


@pytest.mark.parametrize("seed", [1000, 1001, 1002])
def test_large_generated_cases_score_identically(seed: int) -> None:
    profile, history, transactions = scoring_cases.case(seed, 6000)
    expected, actual = both_score(scoring_cases.model(), profile, history, transactions)
    assert actual == expected


#: bindings/scoring/bind_scorer.cpp's overlap_threshold: from this many transactions on, the results are
#: made on the calling thread while the kernel runs on another.
OVERLAP_THRESHOLD = 4096


def overlap_case(count: int, seed: int) -> tuple[Any, list[Any], list[Any]]:
    """A generated case re-split into `count` transactions (out of time order) and 600 history records."""
    profile, history, transactions = scoring_cases.case(seed, count + 600)
    records = list(history) + list(transactions)
    random.Random(seed).shuffle(records)
    return profile, records[:600], records[600:]


@pytest.mark.parametrize("count", [OVERLAP_THRESHOLD - 1, OVERLAP_THRESHOLD, OVERLAP_THRESHOLD + 1, 9000])
def test_requests_on_both_sides_of_the_overlap_threshold_score_identically(count: int) -> None:
    profile, history, transactions = overlap_case(count, 3000 + count)
    assert len(transactions) == count
    expected, actual = both_score(scoring_cases.model(), profile, history, transactions)
    assert expected[0] == "ok"
    assert actual == expected


def test_an_overlapped_request_with_one_bad_record_raises_the_reference_error() -> None:
    profile, history, transactions = overlap_case(5000, 41)
    transactions[4321] = {**transactions[4321], "amount": float("inf")}
    expected, actual = both_score(scoring_cases.model(), profile, history, transactions)
    assert expected == ("error", ("ValueError", "transactions[4321].amount: not a finite number"))
    assert actual == expected


@pytest.mark.parametrize("index", range(len(scoring_cases.EDGE_CASES)))
def test_edge_cases_score_identically(index: int) -> None:
    profile, history, transactions = scoring_cases.EDGE_CASES[index]
    expected, actual = both_score(scoring_cases.model(), profile, history, transactions)
    assert expected[0] == "ok"
    assert actual == expected


def test_the_nan_score_case_is_really_nan_on_both_sides() -> None:
    profile, history, transactions = scoring_cases.EDGE_CASES[7]
    results = native.Scorer(scoring_cases.model()).score(profile, history, transactions)
    nan_result = next(result for result in results if result["id"] == "nan-score")
    assert math.isnan(nan_result["score"]) and nan_result["decision"] == "approve"


def test_json_decoded_requests_score_identically() -> None:
    """Requests as the service gets them (json.loads: every value its own object, shared key objects)."""
    profile, history, transactions = scoring_cases.case(77, 800)
    text = json.dumps({"p": dict(profile), "h": [dict(r) for r in history], "t": [dict(r) for r in transactions]},
                      ensure_ascii=True)
    decoded = json.loads(text)
    expected, actual = both_score(scoring_cases.model(), decoded["p"], decoded["h"], decoded["t"])
    assert expected[0] == "ok"
    assert actual == expected


def test_result_objects() -> None:
    """The id is the transaction's own object; every dict and reasons list is new."""
    record_id = "".join(["tx", "-", "1"])
    transactions = [scoring_cases._r(record_id, 0, 5000.0, country="DE"), scoring_cases._r("b", 1, 5000.0)]
    results = native.Scorer(scoring_cases.model()).score(PROFILE, [], transactions)
    assert results[0]["id"] is record_id
    assert results[0]["reasons"] is not results[1]["reasons"]
    results[0]["reasons"].append("x")
    again = native.Scorer(scoring_cases.model()).score(PROFILE, [], transactions)
    assert "x" not in again[0]["reasons"]


@pytest.mark.parametrize("count", [2, OVERLAP_THRESHOLD])
def test_result_dicts_are_tracked_by_the_collector_as_the_references_are(count: int) -> None:
    """Each dict holds a list (its reasons), so the cycle collector tracks it, as it does the reference's."""
    profile, history, transactions = overlap_case(count, 8)
    expected = Scorer(scoring_cases.model()).score(profile, history, transactions)
    actual = native.Scorer(scoring_cases.model()).score(profile, history, transactions)
    assert [gc.is_tracked(result) for result in actual] == [gc.is_tracked(result) for result in expected]
    assert all(gc.is_tracked(result) for result in actual)


def test_version_and_features() -> None:
    model = scoring_cases.model()
    assert native.Scorer(model).version == Scorer(model).version == model["version"]
    assert native.FEATURES == FEATURES


@pytest.mark.parametrize("size", [3000, 6000])
def test_scores_from_threads_match(size: int) -> None:
    """The GIL is released while scoring: concurrent calls on one Scorer give the same results (also
    when each call builds its results while its kernel runs, from OVERLAP_THRESHOLD transactions on)."""
    if size > OVERLAP_THRESHOLD:
        profile, history, transactions = overlap_case(size, 5)
    else:
        profile, history, transactions = scoring_cases.case(5, size)
    scorer = native.Scorer(scoring_cases.model())
    expected = exact(Scorer(scoring_cases.model()).score(profile, history, transactions))
    seen: list[Any] = []

    def run() -> None:
        seen.append(exact(scorer.score(profile, history, transactions)))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [expected] * 4


def test_the_input_is_not_changed() -> None:
    profile, history, transactions = scoring_cases.case(11, 200)
    before = copy.deepcopy((dict(profile), [dict(r) for r in history], [dict(r) for r in transactions]))
    native.Scorer(scoring_cases.model()).score(profile, history, transactions)
    assert (dict(profile), [dict(r) for r in history], [dict(r) for r in transactions]) == before


# --- properties: any small request, valid or not, the same outcome ----------------------------------

TEXTS = st.sampled_from(["FR", "DE", "EUR", "c1", "c2", "m1", "m2", "5967", "é", "\udc80", "", "５９６７"])
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-200, max_value=200),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, -0.0, 1e306, -1e306, 90.0, -180.0, 10**400, True]),
)
T_MS = st.one_of(
    st.integers(min_value=-3 * DAY, max_value=3 * DAY),
    st.sampled_from([0, HOUR, DAY, -1, -62135596800000, 253402300799999, 253402300800000, True, 1.0]),
)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    record = {
        "id": draw(TEXTS),
        "t_ms": draw(T_MS),
        "amount": draw(NUMBERS),
        "currency": draw(TEXTS),
        "merchant_id": draw(TEXTS),
        "mcc": draw(TEXTS),
        "country": draw(TEXTS),
        "lat": draw(st.one_of(st.none(), NUMBERS)),
        "lon": draw(st.one_of(st.none(), NUMBERS)),
        "card_id": draw(TEXTS),
        "device_id": draw(st.one_of(st.none(), TEXTS)),
    }
    if draw(st.integers(0, 9)) == 0:  # now and then a field missing or of another type
        field = draw(st.sampled_from(sorted(record)))
        if draw(st.booleans()):
            del record[field]
        else:
            record[field] = draw(st.sampled_from([None, 1, b"x", [], 2.5]))
    return record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    history=st.lists(records(), max_size=8),
    transactions=st.lists(records(), max_size=8),
    profile=st.fixed_dictionaries({"home_country": TEXTS, "home_currency": TEXTS}),
)
def test_any_request_has_the_reference_outcome(history: Any, transactions: Any, profile: Any) -> None:
    expected, actual = both_score(scoring_cases.model(), profile, history, transactions)
    assert actual == expected


@settings(max_examples=200, deadline=None)
@given(
    intercept=NUMBERS,
    review=NUMBERS,
    decline=NUMBERS,
    default=NUMBERS,
    weight=st.tuples(st.sampled_from(FEATURES), NUMBERS),
    mcc=st.dictionaries(st.one_of(TEXTS, st.integers(0, 3)), NUMBERS, max_size=3),
)
def test_any_model_has_the_reference_outcome(intercept: Any, review: Any, decline: Any, default: Any,
                                             weight: Any, mcc: Any) -> None:
    model = scoring_cases.model()
    model.update(intercept=intercept, mcc_risk_default=default, mcc_risk=mcc)
    model["thresholds"] = {"review": review, "decline": decline}
    model["weights"][weight[0]] = weight[1]
    expected, actual = both_models(model)
    assert actual == expected
    if expected[0] == "ok":
        records = [scoring_cases._r("a", 0, 10.0), scoring_cases._r("b", 1, -3.0, mcc="x")]
        assert both_score(model, PROFILE, [], records)[1] == both_score(model, PROFILE, [], records)[0]
