"""The ten business rules, each firing and not firing at its exact threshold, and how decisions combine."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from scoring.decisions import APPROVE, DECLINE, REVIEW, combine
from scoring.rules import DORMANT_AFTER_MS, HIGH_RISK_AMOUNT, RULE_OUTCOMES, RULES
from scoring.service import ScoringService, _combined
from scoring.timestamps import parse_t_ms
from tests.scoring_fixtures import QUIET_LAST_ACTIVITY, body, make_database, make_service, transaction


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> ScoringService:
    return make_service(make_database(tmp_path_factory.mktemp("rules") / "scoring.db"))


def _score(service: ScoringService, account_id: str = "acc-1", **overrides: Any) -> dict[str, Any]:
    answer = service.score(body([transaction("t1", **overrides)], account_id), request_id="test")
    result: dict[str, Any] = json.loads(answer.body)["results"][0]
    return result


def _iso(t_ms: int) -> str:
    from scoring.synth.transactions import timestamp

    return timestamp(t_ms, "Europe/Paris")


def test_an_ordinary_purchase_fires_no_rule(service: ScoringService) -> None:
    assert _score(service)["rules"] == []


@pytest.mark.parametrize("account_id, rule", [("acc-frozen", "account_frozen"), ("acc-closed", "account_closed"),
                                              ("acc-dormant", "dormant_account")])
def test_status_rules(service: ScoringService, account_id: str, rule: str) -> None:
    assert _score(service, account_id)["rules"] == [rule]


# (overrides that fire the rule, overrides just on the other side of its threshold)
THRESHOLDS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "blocked_merchant": ({"merchant_id": "m-bad"}, {"merchant_id": "m-bad2"}),
    "sanctioned_country": ({"country": "KP"}, {"country": "KR"}),
    "currency_not_allowed": ({"currency": "GBP"}, {"currency": "USD"}),
    "card_not_on_account": ({"card_id": "card-3"}, {"card_id": "card-2"}),
    "channel_not_allowed": ({"channel": "moto"}, {"channel": "atm", "amount": 200}),
    "amount_over_limit": ({"amount": math.nextafter(1000.0, math.inf)}, {"amount": 1000}),
    "high_risk_mcc": ({"mcc": "7995", "amount": HIGH_RISK_AMOUNT}, {"mcc": "7995", "amount": 499.99}),
}


@pytest.mark.parametrize("rule", sorted(THRESHOLDS))
def test_rule_fires_exactly_past_its_threshold(service: ScoringService, rule: str) -> None:
    fires, passes = THRESHOLDS[rule]
    assert _score(service, **fires)["rules"] == [rule]
    assert _score(service, **passes)["rules"] == []


@pytest.mark.parametrize("channel, limit", [("pos", 1000.0), ("ecom", 500.0), ("atm", 200.0)])
def test_amount_limit_is_per_channel(service: ScoringService, channel: str, limit: float) -> None:
    assert _score(service, channel=channel, amount=limit)["rules"] == []
    assert _score(service, channel=channel, amount=limit + 0.01)["rules"] == ["amount_over_limit"]


def test_a_refund_never_passes_a_limit(service: ScoringService) -> None:
    assert _score(service, amount=-5000.0)["rules"] == []


def test_dormancy_starts_exactly_180_days_after_the_last_activity(service: ScoringService) -> None:
    last = parse_t_ms(QUIET_LAST_ACTIVITY)
    assert _score(service, "acc-quiet", timestamp=_iso(last + DORMANT_AFTER_MS))["rules"] == ["dormant_account"]
    assert _score(service, "acc-quiet", timestamp=_iso(last + DORMANT_AFTER_MS - 1))["rules"] == []


def test_earlier_transactions_of_the_request_are_activity(service: ScoringService) -> None:
    last = parse_t_ms(QUIET_LAST_ACTIVITY)
    late = last + DORMANT_AFTER_MS + 86_400_000
    # Listed after the late one: time order, not request order, decides what is earlier.
    txs = [transaction("late", timestamp=_iso(late)), transaction("early", timestamp=_iso(late - 1000))]
    results = json.loads(service.score(body(txs, "acc-quiet"), "test").body)["results"]
    assert [r["rules"] for r in results] == [[], ["dormant_account"]]


def test_several_rules_are_listed_in_rule_order(service: ScoringService) -> None:
    result = _score(service, "acc-frozen", country="IR", merchant_id="m-bad", card_id="card-9")
    assert result["rules"] == ["account_frozen", "blocked_merchant", "sanctioned_country", "card_not_on_account"]
    assert result["decision"] == DECLINE


def test_there_are_ten_rules_with_review_or_decline() -> None:
    assert len(RULES) == 10 and len(RULE_OUTCOMES) == 10
    assert set(RULE_OUTCOMES.values()) == {REVIEW, DECLINE}


@pytest.mark.parametrize("kernel, outcomes, expected", [
    (APPROVE, [], APPROVE),
    (REVIEW, [], REVIEW),
    (DECLINE, [], DECLINE),
    (APPROVE, [REVIEW], REVIEW),
    (APPROVE, [DECLINE], DECLINE),
    (REVIEW, [DECLINE], DECLINE),
    (DECLINE, [REVIEW], DECLINE),
    (REVIEW, [REVIEW, REVIEW], REVIEW),
    (APPROVE, [REVIEW, DECLINE, REVIEW], DECLINE),
])
def test_strictest_decision_wins(kernel: str, outcomes: list[str], expected: str) -> None:
    assert combine(kernel, outcomes) == expected


def test_results_keep_the_kernels_decision_beside_the_combined_one() -> None:
    scored = [{"id": "a", "score": 0.9, "decision": DECLINE, "reasons": ["amount_z"]},
              {"id": "b", "score": 0.1, "decision": APPROVE, "reasons": []},
              {"id": "c", "score": 0.6, "decision": REVIEW, "reasons": []}]
    fired = [["high_risk_mcc"], ["dormant_account"], ["blocked_merchant"]]
    results, decisions, rules = _combined(scored, fired)
    assert [(r["decision"], r["kernel_decision"]) for r in results] == [(DECLINE, DECLINE), (REVIEW, APPROVE),
                                                                         (DECLINE, REVIEW)]
    assert decisions == {APPROVE: 0, REVIEW: 1, DECLINE: 2}
    assert rules == {"high_risk_mcc": 1, "dormant_account": 1, "blocked_merchant": 1}


def test_a_rule_makes_the_answer_stricter_than_the_kernel(service: ScoringService) -> None:
    result = _score(service, mcc="7995", amount=HIGH_RISK_AMOUNT)
    assert result["kernel_decision"] == APPROVE and result["decision"] == REVIEW


def test_the_same_data_gives_the_same_answer(tmp_path: Path) -> None:
    # Two databases made from the same records answer alike: the store reads nothing but its file.
    first = make_service(make_database(tmp_path / "a.db"))
    second = make_service(make_database(tmp_path / "b.db"))
    content = body([transaction("t1"), transaction("t2", amount=250.0)])
    assert json.loads(first.score(content, "x").body) == json.loads(second.score(content, "x").body)
