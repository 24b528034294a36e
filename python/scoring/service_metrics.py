"""The service's own Prometheus metrics; ``GET /metrics`` serves them followed by the switch's (``parity_*``).

    scoring_requests_total{route,status}          HTTP requests answered, by route template and status
    scoring_request_duration_seconds{route}       histogram of the time to answer them
    scoring_errors_total{code}                    refused requests, by error code (docs/scoring-service.md)
    scoring_transactions_total{decision}          scored transactions, by final decision
    scoring_rules_fired_total{rule}               rules that fired, one count per transaction and rule
    scoring_requests_by_backend_total{backend}    score requests by the kernel that answered (python/native)

A private registry (never prometheus_client's global one), so two apps in one process (tests) do not clash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

#: Request durations: 1 ms to 60 s (a 50,000-transaction request takes seconds on the Python kernel).
DURATION_BUCKETS: Final = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE: Final = "text/plain; version=0.0.4; charset=utf-8"


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("scoring_requests", "HTTP requests answered.", ("route", "status"),
                                registry=self.registry)
        self.duration = Histogram("scoring_request_duration_seconds", "Time to answer an HTTP request.", ("route",),
                                  buckets=DURATION_BUCKETS, registry=self.registry)
        self.errors = Counter("scoring_errors", "Refused requests by error code.", ("code",), registry=self.registry)
        self.decisions = Counter("scoring_transactions", "Scored transactions by final decision.", ("decision",),
                                 registry=self.registry)
        self.rules = Counter("scoring_rules_fired", "Rules fired (one per transaction and rule).", ("rule",),
                             registry=self.registry)
        self.backends = Counter("scoring_requests_by_backend", "Score requests by the kernel that answered.",
                                ("backend",), registry=self.registry)

    def observe_request(self, route: str, status: int, seconds: float) -> None:
        self.requests.labels(route, str(status)).inc()
        self.duration.labels(route).observe(seconds)

    def observe_scores(self, backend: str, decisions: Mapping[str, int], rules: Mapping[str, int]) -> None:
        self.backends.labels(backend).inc()
        for decision, count in decisions.items():
            self.decisions.labels(decision).inc(count)
        for rule, count in rules.items():
            self.rules.labels(rule).inc(count)

    def render(self) -> str:
        return generate_latest(self.registry).decode("utf-8")
