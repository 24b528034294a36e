"""The fraud-scoring kernel, the pure-Python reference of docs/scoring.md.

`Scorer(model).score(profile, history, transactions)` scores each transaction of a request from the
account's history and the request's earlier transactions, in time order, with a logistic model. This
module is the executable specification: the native port (`scoring._native`) must return the same
values, bit for bit, and raise the same exceptions.

Example:
    >>> scorer = Scorer(load_model(BUNDLED_MODEL))
    >>> scorer.score({"home_country": "FR", "home_currency": "EUR"}, [], [])
    []
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scoring.kernel_checks import CheckedModel, Record, check_model, check_profile, check_records
from scoring.kernel_features import FEATURES, feature_values
from scoring.kernel_state import KernelState

__all__ = ["BUNDLED_MODEL", "FEATURES", "MODELS_DIR", "Scorer", "load_model"]

MODELS_DIR = Path(__file__).resolve().parent / "models"
#: The model the service scores with unless told otherwise.
BUNDLED_MODEL = MODELS_DIR / "fraud-2026.12.1.json"

#: At most this many reasons per transaction.
MAX_REASONS = 3
HISTORY, TRANSACTION = 0, 1


def load_model(path: str | os.PathLike[str]) -> Mapping[str, Any]:
    """The decoded model file at `path`; `Scorer` checks its content. Errors name the file."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        model = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise ValueError(f"{path}: invalid JSON: {error.msg} at {where}") from None
    if not isinstance(model, dict):
        raise ValueError(f"{path}: expected a JSON object, got {type(model).__name__}")
    return model


def probability(s: float) -> float:
    """The logistic function, written so that neither branch's exp overflows."""
    if s >= 0.0:
        return 1.0 / (1.0 + math.exp(-s))
    e = math.exp(s)
    return e / (1.0 + e)


class Scorer:
    """A checked model, ready to score requests.

    Raises TypeError or ValueError, with docs/scoring.md §1.1's messages, for a malformed model.
    """

    def __init__(self, model: object) -> None:
        self._model: CheckedModel = check_model(model, FEATURES)
        self.version: str = self._model.version

    def score(self, profile: object, history: object, transactions: object) -> list[dict[str, Any]]:
        """One `{"id", "score", "decision", "reasons"}` dict per transaction, in input order.

        Every input is checked first (§1.2): the first failure raises and nothing is scored.
        """
        current, vectors = self._evaluate(profile, history, transactions)
        return [self._result(record, values) for record, values in zip(current, vectors)]

    def features(self, profile: object, history: object, transactions: object) -> list[tuple[float, ...]]:
        """Each transaction's feature values in FEATURES order, in input order, checked as `score` does.

        Not part of the contract the native port implements: it is there to test the features one by
        one and to show why two scores differ.
        """
        return self._evaluate(profile, history, transactions)[1]

    def _evaluate(
        self, profile: object, history: object, transactions: object
    ) -> tuple[list[Record], list[tuple[float, ...]]]:
        """The checked transactions and their feature vectors, both in input order."""
        home_country, home_currency = check_profile(profile)
        past = check_records(history, "history")
        current = check_records(transactions, "transactions")

        # §2: one sequence of events, by (t_ms, source, index): history first at equal times.
        order = [(record.t_ms, HISTORY, index) for index, record in enumerate(past)]
        order.extend((record.t_ms, TRANSACTION, index) for index, record in enumerate(current))
        order.sort()

        state = KernelState()
        vectors: list[tuple[float, ...]] = [() for _ in current]
        for _, source, index in order:
            record = past[index] if source == HISTORY else current[index]
            card = state.card_before(record)
            if source == TRANSACTION:
                vectors[index] = feature_values(record, card, state, home_country, home_currency, self._model)
            state.add(record, card)
        return current, vectors

    def _result(self, record: Record, values: tuple[float, ...]) -> dict[str, Any]:
        """§5 and §6: the score, the decision and the reasons of one transaction."""
        model = self._model
        contributions = [weight * value for weight, value in zip(model.weights, values)]
        s = model.intercept
        for contribution in contributions:
            s = s + contribution
        score = probability(s)
        if score >= model.decline:
            decision = "decline"
        elif score >= model.review:
            decision = "review"
        else:
            decision = "approve"
        positive = sorted(
            (-contribution, name) for name, contribution in zip(FEATURES, contributions) if contribution > 0.0
        )
        reasons = [name for _, name in positive[:MAX_REASONS]]
        return {"id": record.id, "score": score, "decision": decision, "reasons": reasons}
