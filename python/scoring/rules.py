"""The ten business rules, applied in Python to each transaction before the kernel's score is combined.

Each rule looks at one transaction, the account's profile and the blocked merchants; only the dormancy rule
looks at other transactions, for the latest activity before this one (velocity is the kernel's job). A rule that
fires gives an outcome, ``review`` or ``decline``; `decisions.combine` takes the strictest of those and
the kernel's decision. Rules are listed, evaluated and reported in `RULES` order.

Thresholds, and which side of them fires (docs/scoring-service.md, "Rules"):

* ``amount_over_limit``: ``amount > limits[channel]``; an amount exactly at the limit passes. Amounts are
  compared as given, in the transaction's currency: there is no currency conversion (a transaction in a
  currency the account does not allow is declined by ``currency_not_allowed`` anyway).
* ``dormant_account``: status ``dormant``, or ``t_ms - previous >= 180 days`` (exactly 180 days fires), where
  ``previous`` is the latest activity strictly before the transaction: a history transaction or another
  transaction of the request. Without earlier activity the account is not dormant by time.
* ``high_risk_mcc``: ``mcc`` in HIGH_RISK_MCCS and ``amount >= 500`` (exactly 500 fires).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from scoring.decisions import DECLINE, REVIEW

#: Countries no transaction may come from (ISO 3166-1 alpha-2).
SANCTIONED_COUNTRIES: Final = frozenset({"CU", "IR", "KP", "SY"})
#: A gap in activity this long or longer makes an account dormant: 180 days in milliseconds.
DORMANT_AFTER_MS: Final = 180 * 86_400_000
#: Merchant categories reviewed from HIGH_RISK_AMOUNT up: wire transfer, crypto / quasi-cash, gambling.
HIGH_RISK_MCCS: Final = frozenset({"4829", "6051", "7995"})
HIGH_RISK_AMOUNT: Final = 500.0

#: Account statuses the profile may hold (the ``accounts.status`` CHECK constraint lists them).
STATUSES: Final = ("active", "dormant", "frozen", "closed")


@dataclass(frozen=True)
class AccountFacts:
    """What the rules know of the account besides the transaction: read once per request."""

    profile: Mapping[str, Any]
    allowed_currencies: frozenset[str]
    cards: frozenset[str]
    limits: Mapping[str, float]
    #: ``t_ms`` of every history transaction and every transaction of the request, sorted.
    activity: list[int]
    blocked_merchants: frozenset[str]

    @classmethod
    def of(cls, profile: Mapping[str, Any], history: list[dict[str, Any]], transactions: list[dict[str, Any]],
           blocked_merchants: Collection[str]) -> AccountFacts:
        activity = sorted([record["t_ms"] for record in history] + [tx["t_ms"] for tx in transactions])
        return cls(profile, frozenset(profile["allowed_currencies"]), frozenset(profile["cards"]),
                   dict(profile["limits"]), activity, frozenset(blocked_merchants))

    def previous_activity(self, t_ms: int) -> int | None:
        """The latest activity strictly before ``t_ms``, or None."""
        position = bisect_left(self.activity, t_ms)
        return self.activity[position - 1] if position else None


Check = Callable[[AccountFacts, Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    outcome: str
    check: Check
    description: str


def _dormant(facts: AccountFacts, tx: Mapping[str, Any]) -> bool:
    if facts.profile["status"] == "dormant":
        return True
    previous = facts.previous_activity(tx["t_ms"])
    return previous is not None and tx["t_ms"] - previous >= DORMANT_AFTER_MS


def _over_limit(facts: AccountFacts, tx: Mapping[str, Any]) -> bool:
    limit = facts.limits.get(tx["channel"])
    return limit is not None and tx["amount"] > limit


RULES: Final[tuple[Rule, ...]] = (
    Rule("account_frozen", DECLINE, lambda facts, tx: facts.profile["status"] == "frozen",
         "the account's status is frozen"),
    Rule("account_closed", DECLINE, lambda facts, tx: facts.profile["status"] == "closed",
         "the account's status is closed"),
    Rule("dormant_account", REVIEW, _dormant,
         "status dormant, or 180 days or more since the latest earlier activity"),
    Rule("blocked_merchant", DECLINE, lambda facts, tx: tx["merchant_id"] in facts.blocked_merchants,
         "the merchant is in blocked_merchants"),
    Rule("sanctioned_country", DECLINE, lambda facts, tx: tx["country"] in SANCTIONED_COUNTRIES,
         "the transaction's country is sanctioned (CU, IR, KP, SY)"),
    Rule("currency_not_allowed", DECLINE, lambda facts, tx: tx["currency"] not in facts.allowed_currencies,
         "the currency is not among the account's allowed currencies"),
    Rule("card_not_on_account", DECLINE, lambda facts, tx: tx["card_id"] not in facts.cards,
         "the card is not one of the account's cards"),
    Rule("channel_not_allowed", DECLINE, lambda facts, tx: tx["channel"] not in facts.limits,
         "the account has no limit for the channel, so the channel is not open to it"),
    Rule("amount_over_limit", DECLINE, _over_limit, "amount > the account's limit for the channel"),
    Rule("high_risk_mcc", REVIEW,
         lambda facts, tx: tx["mcc"] in HIGH_RISK_MCCS and tx["amount"] >= HIGH_RISK_AMOUNT,
         "merchant category 4829, 6051 or 7995 and amount >= 500"),
)
RULE_OUTCOMES: Final = {rule.name: rule.outcome for rule in RULES}


def fired_rules(facts: AccountFacts, transaction: Mapping[str, Any]) -> list[str]:
    """Names of the rules that fire for one transaction, in RULES order."""
    return [rule.name for rule in RULES if rule.check(facts, transaction)]
