"""scoring.kernel's score, decision and reasons (docs/scoring.md §5), the result's shape (§6) and the
model file."""

from __future__ import annotations

import math
from typing import Any

import pytest
from scoring_cases import model, unit_model
from scoring_cases import record as tx

from scoring.kernel import BUNDLED_MODEL, FEATURES, Scorer, load_model

HOUR = 3_600_000
PROFILE = {"home_country": "FR", "home_currency": "EUR"}
LONDON = (51.5074, -0.1278)


# --- score, decision, reasons --------------------------------------------------------------------------


def logistic(s: float) -> float:
    return 1.0 / (1.0 + math.exp(-s)) if s >= 0.0 else math.exp(s) / (1.0 + math.exp(s))


def test_score_is_the_logistic_of_the_sum_in_feature_order() -> None:
    document = model()
    history = [tx(t_ms=i * 7 * HOUR, amount=10.0 + i, merchant_id=f"m{i % 3}") for i in range(20)]
    transaction = tx(t_ms=140 * HOUR + 5, amount=77.7, country="US", lat=LONDON[0], lon=LONDON[1])
    (values,) = Scorer(document).features(PROFILE, history, [transaction])
    s = document["intercept"]
    for name, value in zip(FEATURES, values):
        s = s + document["weights"][name] * value
    (result,) = Scorer(document).score(PROFILE, history, [transaction])
    assert result["score"] == logistic(s)


def test_score_never_overflows() -> None:
    big = unit_model(intercept=1000.0)
    small = unit_model(intercept=-1000.0)
    assert Scorer(big).score(PROFILE, [], [tx()])[0]["score"] == 1.0
    assert Scorer(small).score(PROFILE, [], [tx()])[0]["score"] == 0.0


def zero_weights(**weights: float) -> dict[str, float]:
    return {name: weights.get(name, 0.0) for name in FEATURES}


@pytest.mark.parametrize(
    ("intercept", "decision"),
    [(-1.0, "approve"), (0.0, "review"), (0.5, "review"), (1.0, "decline"), (30.0, "decline")],
)
def test_decision_thresholds_are_inclusive(intercept: float, decision: str) -> None:
    # With every weight 0, score = logistic(intercept): 0.5 at 0.0, logistic(1.0) at 1.0.
    thresholds = {"review": 0.5, "decline": logistic(1.0)}
    document = unit_model(intercept=intercept, weights=zero_weights(), thresholds=thresholds)
    (result,) = Scorer(document).score(PROFILE, [], [tx()])
    assert result["score"] == logistic(intercept)
    assert result["decision"] == decision


def test_thresholds_at_the_ends() -> None:
    ends = {"review": 0, "decline": 0.0}
    everything = unit_model(weights=zero_weights(), intercept=-1000.0, thresholds=ends)
    assert Scorer(everything).score(PROFILE, [], [tx()])[0]["decision"] == "decline"
    nothing = unit_model(weights=zero_weights(), intercept=1000.0, thresholds={"review": 1, "decline": 1})
    assert Scorer(nothing).score(PROFILE, [], [tx()])[0]["decision"] == "decline"  # score is exactly 1.0
    almost = unit_model(weights=zero_weights(), intercept=30.0, thresholds={"review": 1, "decline": 1})
    assert Scorer(almost).score(PROFILE, [], [tx()])[0]["decision"] == "approve"


def test_reasons_positive_only_largest_first_at_most_three() -> None:
    weights = zero_weights(is_refund=3.0, new_device=2.0, merchants_24h=5.0, mcc_risk=-1.0, log_amount=0.5)
    document = unit_model(weights=weights)
    (result,) = Scorer(document).score(PROFILE, [], [tx(amount=-1.0, mcc="5967")])
    # contributions: merchants 5.0, refund 3.0, new_device 2.0, log_amount 0.5*log1p(1), mcc -1.8
    assert result["reasons"] == ["merchants_24h", "is_refund", "new_device"]
    (result,) = Scorer(document).score(PROFILE, [tx(device_id="d1")], [tx(t_ms=1, amount=1.0)])
    assert result["reasons"] == ["merchants_24h", "log_amount"]  # refund 0, new_device 0, mcc negative


def test_reasons_ties_by_name() -> None:
    weights = zero_weights(new_device=1.0, merchants_24h=1.0, is_refund=1.0, country_mismatch=1.0)
    (result,) = Scorer(unit_model(weights=weights)).score(PROFILE, [], [tx(amount=-5, country="US")])
    assert result["reasons"] == ["country_mismatch", "is_refund", "merchants_24h"]


def test_no_reasons_without_positive_contributions() -> None:
    (result,) = Scorer(unit_model(weights=zero_weights(is_refund=-2.0))).score(PROFILE, [], [tx(amount=-1)])
    assert result["reasons"] == []


def test_infinite_window_sums_make_a_nan_score_and_approve() -> None:
    # §5: a 24-hour sum of -inf and a 1-hour sum of +inf; every weight 1.0.
    history = [tx(t_ms=i, amount=-1e306) for i in range(200)]
    history += [tx(t_ms=2 * HOUR + i, amount=1e306) for i in range(200)]
    (values,) = Scorer(unit_model()).features(PROFILE, history, [tx(t_ms=2 * HOUR + 500)])
    named = dict(zip(FEATURES, values))
    assert (named["velocity_1h_sum"], named["velocity_24h_sum"]) == (math.inf, -math.inf)
    (result,) = Scorer(unit_model()).score(PROFILE, history, [tx(t_ms=2 * HOUR + 500)])
    assert math.isnan(result["score"])
    assert result["decision"] == "approve"
    assert result["reasons"][0] == "velocity_1h_sum"
    assert "velocity_24h_sum" not in result["reasons"]


# --- the model file ------------------------------------------------------------------------------------


def test_bundled_model_loads_and_checks() -> None:
    scorer = Scorer(load_model(BUNDLED_MODEL))
    assert scorer.version == "fraud-2026.12.1" == BUNDLED_MODEL.stem


def test_load_model_names_the_file(tmp_path: Any) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: invalid JSON: Expecting value at line 1 column 12"):
        load_model(path)
    path.write_text("[1]", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: expected a JSON object, got list"):
        load_model(path)
