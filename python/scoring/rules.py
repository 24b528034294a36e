"""The ten business rules, applied in Python to each transaction before the kernel's score is combined.

Each rule looks at one transaction, the account's profile and the blocked merchants; only the dormancy rule
looks at other transactions, for the latest activity before this one (velocity is the kernel's job). A rule that
fires gives an outcome, ``review`` or ``decline``; `decisions.combine` takes the strictest of those and
the kernel's decision. Rules are listed, evaluated and reported in `RULES` order; each is applied to the whole
request at once (`Rule.hits`: the transactions it fires for).

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
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
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


#: The rule applied to a whole request: the indexes of the transactions it fires for, in increasing order.
#: One pass over the request per rule, with the test written inline (no call per transaction): a request
#: holds up to 50,000 transactions.
Hits = Callable[[AccountFacts, Sequence[Mapping[str, Any]]], Iterable[int]]


@dataclass(frozen=True)
class Rule:
    name: str
    outcome: str
    hits: Hits
    description: str


def _status(status: str) -> Hits:
    """Every transaction when the account's status is ``status``, none otherwise."""
    def hits(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
        return range(len(transactions)) if facts.profile["status"] == status else ()
    return hits


def _dormant(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    if facts.profile["status"] == "dormant":
        return range(len(transactions))
    activity = facts.activity
    # bisect_left(activity, t) is how many activities come strictly before t; the latest of them is at - 1.
    return [index for index, tx in enumerate(transactions)
            if (before := bisect_left(activity, tx["t_ms"])) and tx["t_ms"] - activity[before - 1] >= DORMANT_AFTER_MS]


def _blocked_merchant(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    blocked = facts.blocked_merchants
    return [index for index, tx in enumerate(transactions) if tx["merchant_id"] in blocked]


def _sanctioned_country(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    return [index for index, tx in enumerate(transactions) if tx["country"] in SANCTIONED_COUNTRIES]


def _currency_not_allowed(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    allowed = facts.allowed_currencies
    return [index for index, tx in enumerate(transactions) if tx["currency"] not in allowed]


def _card_not_on_account(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    cards = facts.cards
    return [index for index, tx in enumerate(transactions) if tx["card_id"] not in cards]


def _channel_not_allowed(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    limits = facts.limits
    return [index for index, tx in enumerate(transactions) if tx["channel"] not in limits]


def _amount_over_limit(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    limits = facts.limits
    return [index for index, tx in enumerate(transactions)
            if (limit := limits.get(tx["channel"])) is not None and tx["amount"] > limit]


def _high_risk_mcc(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> Iterable[int]:
    return [index for index, tx in enumerate(transactions)
            if tx["mcc"] in HIGH_RISK_MCCS and tx["amount"] >= HIGH_RISK_AMOUNT]


RULES: Final[tuple[Rule, ...]] = (
    Rule("account_frozen", DECLINE, _status("frozen"), "the account's status is frozen"),
    Rule("account_closed", DECLINE, _status("closed"), "the account's status is closed"),
    Rule("dormant_account", REVIEW, _dormant,
         "status dormant, or 180 days or more since the latest earlier activity"),
    Rule("blocked_merchant", DECLINE, _blocked_merchant, "the merchant is in blocked_merchants"),
    Rule("sanctioned_country", DECLINE, _sanctioned_country,
         "the transaction's country is sanctioned (CU, IR, KP, SY)"),
    Rule("currency_not_allowed", DECLINE, _currency_not_allowed,
         "the currency is not among the account's allowed currencies"),
    Rule("card_not_on_account", DECLINE, _card_not_on_account, "the card is not one of the account's cards"),
    Rule("channel_not_allowed", DECLINE, _channel_not_allowed,
         "the account has no limit for the channel, so the channel is not open to it"),
    Rule("amount_over_limit", DECLINE, _amount_over_limit, "amount > the account's limit for the channel"),
    Rule("high_risk_mcc", REVIEW, _high_risk_mcc, "merchant category 4829, 6051 or 7995 and amount >= 500"),
)
RULE_OUTCOMES: Final = {rule.name: rule.outcome for rule in RULES}


#: What `fired_rules` gives a transaction no rule fires for (most of them): one shared, immutable value.
NONE_FIRED: Final[tuple[str, ...]] = ()


def fired_rules(facts: AccountFacts, transactions: Sequence[Mapping[str, Any]]) -> list[Sequence[str]]:
    """Per transaction, in request order: the names of the rules that fire for it, in RULES order (a list), or
    NONE_FIRED. Both encode as a JSON array."""
    fired: list[Sequence[str]] = [NONE_FIRED] * len(transactions)
    for rule in RULES:
        for index in rule.hits(facts, transactions):
            fired[index] = [*fired[index], rule.name]  # rules fire for few transactions: a new list each time
    return fired
