"""One ``POST /v1/score`` request from body bytes to response bytes: parse, check, load, rules, kernel.

    service = ScoringService(store, backend, metrics)
    answer = service.score(body, request_id="…")      # ApiError for a refused request
    answer.body                                        # the JSON response, bytes

Stages (each timed, logged and a profiler span; stage_times.py): ``parse`` (json.loads), ``validate`` (the
checks of request_checks.py, timestamps to ``t_ms``), ``load`` (the three AccountStore reads), ``rules``,
``kernel`` (through the backend switch), ``serialise`` (the results combined and encoded).

Read-only: nothing is written back, not even the scored transactions. The history a request is scored
against is what ``load`` put in the database; replaying a request gives the same answer.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scoring import errors
from scoring.backend import ScoringBackend
from scoring.decisions import DECISIONS, combine
from scoring.errors import ApiError
from scoring.request_checks import check_request, decode_body
from scoring.rules import RULE_OUTCOMES, AccountFacts, fired_rules
from scoring.service_metrics import ServiceMetrics
from scoring.stage_times import KERNEL, LOAD, PARSE, RULES, SERIALISE, VALIDATE, StageTimes
from scoring.store import AccountStore

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class ScoreAnswer:
    body: bytes
    backend: str
    transactions: int
    decisions: dict[str, int]
    times: StageTimes


class ScoringService:
    def __init__(self, store: AccountStore, backend: ScoringBackend, metrics: ServiceMetrics) -> None:
        self.store = store
        self.backend = backend
        self.metrics = metrics

    def score(self, body: bytes, request_id: str) -> ScoreAnswer:
        """The response to one request; ApiError for a refused one (logged and counted by the caller)."""
        times = StageTimes()
        with times.stage(PARSE):
            document = decode_body(body)
        with times.stage(VALIDATE):
            request = check_request(document)
        with times.stage(LOAD):
            profile = self.store.profile(request.account_id)
            if profile is None:
                raise errors.field_error(errors.UNKNOWN_ACCOUNT, "account_id", f"no account {request.account_id!r}")
            history = self.store.history(request.account_id)
            merchants = sorted({tx["merchant_id"] for tx in request.transactions})
            blocked = self.store.blocked_merchants(merchants)
        with times.stage(RULES):
            facts = AccountFacts.of(profile, history, request.transactions, blocked)
            fired = fired_rules(facts, request.transactions)
        with times.stage(KERNEL):
            try:
                scored, backend = self.backend.score(profile, history, request.transactions,
                                                     account_id=request.account_id, request_id=request_id)
            except (TypeError, ValueError) as exc:  # data the checks let through: a bug here or in the database
                log.error("the kernel refused checked input", extra={"request_id": request_id, "error": str(exc)})
                raise ApiError(errors.INTERNAL, f"the scoring kernel refused the input: {exc}") from exc
        with times.stage(SERIALISE):
            results, decisions, rules = _combined(scored, fired)
            summary = {"transactions": len(results), "decisions": decisions, "model_version": self.backend.version,
                       "backend": backend, "history_transactions": len(history)}
            payload = {"request_id": request_id, "account_id": request.account_id, "results": results,
                       "summary": summary}
            encoded = json.dumps(payload, allow_nan=False, separators=(",", ":")).encode("ascii")
        self.metrics.observe_scores(backend, decisions, rules)
        return ScoreAnswer(encoded, backend, len(results), decisions, times)


def _combined(scored: list[dict[str, Any]], fired: list[Sequence[str]]) -> tuple[list[dict[str, Any]],
                                                                              dict[str, int], dict[str, int]]:
    """Per transaction: the kernel's result with the fired rules and the combined decision; the counts."""
    results = [{"id": result["id"], "score": result["score"], "decision": result["decision"],
                "kernel_decision": result["decision"], "reasons": result["reasons"], "rules": rules}
               for result, rules in zip(scored, fired)]
    rule_counts: Counter[str] = Counter()
    for result, rules in zip(results, fired):
        if rules:  # most transactions fire none: their decision is the kernel's
            result["decision"] = combine(result["decision"], (RULE_OUTCOMES[name] for name in rules))
            rule_counts.update(rules)
    decisions = dict.fromkeys(DECISIONS, 0)
    decisions.update(Counter(result["decision"] for result in results))
    return results, decisions, dict(rule_counts)
