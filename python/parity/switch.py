"""The runtime switch: one hot function, two implementations, chosen per call (after GitHub's Scientist).

    switch = Switch("importer.match", reference=py_matcher.match, candidate=native_matcher.match,
                    mode=Mode.parse("shadow"))
    results = switch.call(rows, key=job_id, request_id=request_id)

Modes (see `parity.modes`): `python` (reference only), `native` (candidate answers), `shadow`
(reference answers, candidate runs too and is compared), `percent:N` (candidate answers for a
sticky N% of keys). What the caller gets, in every mode:

* the candidate's answer only when it returned normally; if it raised, the reference answers that
  call (a *fallback*), the failure is logged and counted, and the circuit breaker is told;
* otherwise the reference's answer, or the reference's exception, unchanged;
* in shadow mode always the reference's: the candidate can return garbage, raise or hang without
  the caller noticing (it runs after the reference, on a pool thread).

An exception the candidate raises *and* the reference raises too (same type and message) is the
right answer, not a failure: an invalid input must not open the breaker.

Shadow mode compares the two outcomes with `parity.diff`, the engine `parity replay` diffs with: strict
(`rules_comparator()`, docs/diff-rules.md) unless a `comparator` is given. Without the compiled engine a
switch cannot be made, or set, to shadow mode with a candidate (ImportError): it would compare nothing.

Inputs: the reference runs first, on the caller's thread; the candidate gets the same objects.
Neither side may mutate them, and in shadow mode the caller must not mutate the inputs or the
result it got while the shadow runs. `isolate=True` deep-copies inputs and the reference's result
for the shadow instead, at a cost proportional to their size; it is off by default because the
services we switch (the importer's matchers) never mutate either.
"""

from __future__ import annotations

import copy
import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Generic, TypeVar

from parity.breaker import BreakerState, CircuitBreaker
from parity.corpus import RecordedError
from parity.diff import Comparator, rules_comparator
from parity.killswitch import KillSwitch
from parity.metrics import (BREAKER_OPENED, CALLS, FAILURES, FALLBACKS, LATENCY, SHADOW_COMPARISONS,
                            SHADOW_MISMATCHES, SHADOW_SKIPPED, SwitchMetrics)
from parity.modes import CANDIDATE, REFERENCE, Mode, ModeKind, in_slice
from parity.shadow_pool import ShadowPool

T = TypeVar("T")

LOGGER_NAME: Final = "parity.switch"
DEFAULT_SHADOW_WORKERS: Final = 1
DEFAULT_SHADOW_QUEUE: Final = 8
DEFAULT_CLOSE_TIMEOUT_S: Final = 10.0

_LOG_RECORD_ATTRIBUTES: Final = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message"}


@dataclass(frozen=True)
class SwitchStats:
    """Counts since the switch was made (metrics carry the same, labelled, for scraping)."""

    answered: dict[str, int] = field(default_factory=dict)  # backend -> calls it answered
    candidate_failures: int = 0
    fallbacks: int = 0
    shadow_compared: int = 0
    shadow_mismatches: int = 0
    shadow_skipped: int = 0
    shadow_pending: int = 0
    breaker: str = BreakerState.CLOSED.value


@dataclass
class _Outcome:
    value: Any
    error: Exception | None
    seconds: float

    def compared(self) -> Any:
        return RecordedError.of(self.error) if self.error is not None else self.value


class Switch(Generic[T]):
    """Routes calls of one function between its reference and candidate implementations; thread-safe."""

    def __init__(
        self,
        name: str,
        reference: Callable[..., T],
        candidate: Callable[..., T] | None = None,
        *,
        mode: Mode | str = "python",
        shadow_sample_rate: float = 1.0,
        shadow_workers: int = DEFAULT_SHADOW_WORKERS,
        shadow_queue_size: int = DEFAULT_SHADOW_QUEUE,
        isolate: bool = False,
        breaker: CircuitBreaker | None = None,
        kill_switch: KillSwitch | None = None,
        metrics: SwitchMetrics | None = None,
        comparator: Comparator | None = None,
        log_fields: Mapping[str, Any] | None = None,
        logger: logging.Logger | None = None,
        seed: int | None = None,
    ) -> None:
        """`candidate=None`: none available, the reference answers every call whatever the mode.

        `shadow_workers=0` runs the shadow on the caller's thread after the reference (deterministic,
        but the caller waits for it); `log_fields` are added to every log record (e.g. the job id).
        `comparator=None` compares shadow runs strictly with `parity.diff`; ImportError when the mode is
        shadow, a candidate is given and `parity._diff` is not built.
        """
        if not 0.0 <= shadow_sample_rate <= 1.0:
            raise ValueError(f"shadow_sample_rate must be within [0, 1], got {shadow_sample_rate}")
        if shadow_workers < 0:
            raise ValueError(f"shadow_workers must be >= 0, got {shadow_workers}")
        reserved = set(_LOG_RECORD_ATTRIBUTES) & set(log_fields or {})
        if reserved:
            raise ValueError(f"log_fields {sorted(reserved)} clash with logging's own record attributes")
        self.name = name
        self._reference = reference
        self._candidate = candidate
        self._comparator = comparator
        self._mode = self._checked(mode)
        self._sample_rate = shadow_sample_rate
        self._isolate = isolate
        self.breaker = breaker if breaker is not None else CircuitBreaker()
        self.kill_switch = kill_switch if kill_switch is not None else KillSwitch.from_env()
        self.metrics = metrics if metrics is not None else SwitchMetrics()
        self._log_fields = dict(log_fields or {})
        self._log = logger or logging.getLogger(LOGGER_NAME)
        self._random = random.Random(seed)
        self._pool = ShadowPool(shadow_workers, shadow_queue_size, name=name) if shadow_workers else None
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._answered: dict[str, int] = {}
        self._closed = False
        self.breaker.add_listener(self._on_breaker_change)

    @property
    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode: Mode | str) -> None:
        """Change the mode at runtime (an operator's command, a config reload); the next call uses it.

        ImportError, and the mode unchanged, for shadow mode without the diff engine (see `__init__`).
        """
        self._mode = self._checked(mode)

    def _checked(self, mode: Mode | str) -> Mode:
        """The mode parsed; for shadow mode with a candidate, the comparator made first if none was given."""
        parsed = mode if isinstance(mode, Mode) else Mode.parse(mode)
        if parsed.kind is ModeKind.SHADOW and self._candidate is not None and self._comparator is None:
            try:
                self._comparator = rules_comparator()
            except ImportError as exc:
                message = f"switch {self.name}: shadow mode compares outputs with parity.diff: {exc}"
                raise ImportError(message) from exc
        return parsed

    def call(self, *args: Any, key: object = None, request_id: str | None = None, **kwargs: Any) -> T:
        """Answer `fn(*args, **kwargs)` with the backend the mode chooses; see the module doc.

        `key` picks the percent slice (calls without a key stay on the reference); `request_id`
        goes into every log line about this call, to find it in a recorded corpus. Both are the
        switch's own: a function with parameters of those names cannot get them through `call`.
        """
        mode = self._mode
        if mode.kind is ModeKind.PYTHON or self._candidate is None:
            return self._answer_with_reference(args, kwargs)
        killed = self.kill_switch.reason(self.name) is not None
        if mode.kind is ModeKind.SHADOW:
            return self._answer_with_shadow(args, kwargs, request_id, killed)
        if mode.kind is ModeKind.PERCENT and (key is None or not in_slice(self.name, key, mode.percent)):
            return self._answer_with_reference(args, kwargs)
        if killed or not self.breaker.allow():
            self._count("fallbacks")
            self.metrics.inc(FALLBACKS, self.name, "killed" if killed else "circuit_open")
            return self._answer_with_reference(args, kwargs)
        return self._answer_with_candidate(args, kwargs, request_id)

    def stats(self) -> SwitchStats:
        with self._lock:
            counts, answered = dict(self._counts), dict(self._answered)
        return SwitchStats(
            answered=answered,
            candidate_failures=counts.get("candidate_failures", 0),
            fallbacks=counts.get("fallbacks", 0),
            shadow_compared=counts.get("shadow_compared", 0),
            shadow_mismatches=counts.get("shadow_mismatches", 0),
            shadow_skipped=counts.get("shadow_skipped", 0),
            shadow_pending=self._pool.pending if self._pool is not None else 0,
            breaker=self.breaker.state.value,
        )

    def render_metrics(self) -> str:
        """This switch's metrics (and those of switches sharing its `SwitchMetrics`) as Prometheus text."""
        return self.metrics.render()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait for the shadow runs queued so far; False on timeout."""
        return self._pool.flush(timeout) if self._pool is not None else True

    def close(self, timeout: float = DEFAULT_CLOSE_TIMEOUT_S) -> bool:
        """Finish queued shadow runs (up to `timeout`) and stop the pool; later shadows are skipped."""
        with self._lock:
            self._closed = True
        return self._pool.close(timeout) if self._pool is not None else True

    def __enter__(self) -> Switch[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- answering paths

    def _answer_with_reference(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
        outcome = self._run(REFERENCE, self._reference, args, kwargs)
        return self._deliver(REFERENCE, outcome)

    def _answer_with_candidate(self, args: tuple[Any, ...], kwargs: dict[str, Any], request_id: str | None) -> T:
        assert self._candidate is not None
        candidate = self._run(CANDIDATE, self._candidate, args, kwargs)
        if candidate.error is None:
            self.breaker.record_success()
            return self._deliver(CANDIDATE, candidate)
        reference = self._run(REFERENCE, self._reference, args, kwargs)
        if _same_error(candidate, reference):
            self.breaker.record_success()
        else:
            self.breaker.record_failure()
            self._count("candidate_failures", "fallbacks")
            self.metrics.inc(FALLBACKS, self.name, "error")
            self._warn("candidate failed; the reference answered", request_id, CANDIDATE, candidate)
        return self._deliver(REFERENCE, reference)

    def _answer_with_shadow(self, args: tuple[Any, ...], kwargs: dict[str, Any], request_id: str | None,
                            killed: bool) -> T:
        skip = self._shadow_skip_reason(killed)
        granted = skip is None  # the breaker let the candidate run: give the slot back if it does not
        shadow_input: Any = (args, kwargs)
        if skip is None and self._isolate:
            shadow_input, skip = self._copy_for_shadow(shadow_input, request_id)
        reference = self._run(REFERENCE, self._reference, args, kwargs)
        if skip is None:
            expected = reference.compared()
            if self._isolate:
                expected, skip = self._copy_for_shadow(expected, request_id)
        if skip is None:
            skip = self._start_shadow(shadow_input[0], shadow_input[1], expected, request_id)
        if skip is not None:
            if granted:
                self.breaker.abandon()
            self._count("shadow_skipped")
            self.metrics.inc(SHADOW_SKIPPED, self.name, skip)
        return self._deliver(REFERENCE, reference)

    def _copy_for_shadow(self, value: Any, request_id: str | None) -> tuple[Any, str | None]:
        """A deep copy for `isolate=True`, or the skip reason if the value cannot be copied."""
        try:
            return copy.deepcopy(value), None
        except Exception as exc:  # noqa: BLE001 - an uncopyable input must not fail the caller
            self._log.warning("cannot copy for the shadow run; skipped",
                              extra=self._extra(request_id, CANDIDATE, error_type=type(exc).__name__, error=str(exc)))
            return None, "copy_failed"

    def _deliver(self, backend: str, outcome: _Outcome) -> T:
        with self._lock:
            self._answered[backend] = self._answered.get(backend, 0) + 1
        if outcome.error is not None:
            raise outcome.error
        return outcome.value  # type: ignore[no-any-return]

    def _run(self, backend: str, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Outcome:
        started = time.perf_counter()
        try:
            outcome = _Outcome(fn(*args, **kwargs), None, 0.0)
        except Exception as exc:  # BaseException (KeyboardInterrupt, …) is not the function's behaviour
            outcome = _Outcome(None, exc, 0.0)
        outcome.seconds = time.perf_counter() - started
        self.metrics.inc(CALLS, self.name, backend)
        self.metrics.observe(LATENCY, self.name, backend, value=outcome.seconds)
        if outcome.error is not None:
            self.metrics.inc(FAILURES, self.name, backend)
        return outcome

    # ----------------------------------------------------------------- shadow

    def _shadow_skip_reason(self, killed: bool) -> str | None:
        """Why this call gets no shadow run, or None; a None may have taken the breaker's trial slot."""
        if killed:
            return "killed"
        with self._lock:
            if self._closed:
                return "closed"
            sampled = self._sample_rate >= 1.0 or self._random.random() < self._sample_rate
        if not sampled:
            return "sampled_out"
        return None if self.breaker.allow() else "circuit_open"

    def _start_shadow(self, args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any,
                      request_id: str | None) -> str | None:
        """Run or queue the shadow; the skip reason if it could not be queued."""

        def task() -> None:
            self._run_shadow(args, kwargs, expected, request_id)

        if self._pool is None:
            task()
            return None
        if self._pool.submit(task):
            return None
        return "closed" if self._closed else "queue_full"

    def _run_shadow(self, args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any,
                    request_id: str | None) -> None:
        """Candidate, compare, count, log; never raises (it may run on the caller's thread)."""
        try:
            assert self._candidate is not None
            candidate = self._run(CANDIDATE, self._candidate, args, kwargs)
            agreed = isinstance(expected, RecordedError) and candidate.error is not None and \
                expected == candidate.compared()
            if candidate.error is None or agreed:
                self.breaker.record_success()
            else:
                self.breaker.record_failure()
                self._count("candidate_failures")
            assert self._comparator is not None  # made with the mode: see _checked
            difference = self._comparator(expected, candidate.compared())
            self._count("shadow_compared")
            self.metrics.inc(SHADOW_COMPARISONS, self.name)
            if difference is not None:
                self._count("shadow_mismatches")
                self.metrics.inc(SHADOW_MISMATCHES, self.name, difference.kind)
                self._warn("shadow mismatch", request_id, CANDIDATE, candidate, pointer=difference.pointer,
                           kind=difference.kind, detail=difference.describe())
        except Exception:  # noqa: BLE001 - a comparator or logging bug must not reach the caller
            self._log.exception("shadow run failed", extra=self._extra(request_id, CANDIDATE))

    # ----------------------------------------------------------------- bookkeeping

    def _count(self, *names: str) -> None:
        with self._lock:
            for name in names:
                self._counts[name] = self._counts.get(name, 0) + 1

    def _extra(self, request_id: str | None, backend: str, **fields: Any) -> dict[str, Any]:
        return {**self._log_fields, "switch": self.name, "request_id": request_id, "backend": backend, **fields}

    def _warn(self, message: str, request_id: str | None, backend: str, outcome: _Outcome, **fields: Any) -> None:
        if outcome.error is not None:
            fields = {**fields, "error_type": type(outcome.error).__name__, "error": str(outcome.error)}
        extra = self._extra(request_id, backend, duration_ms=round(outcome.seconds * 1000, 3), **fields)
        self._log.warning(message, extra=extra)

    def _on_breaker_change(self, old: BreakerState, new: BreakerState, failures: int) -> None:
        extra = {**self._log_fields, "switch": self.name, "breaker": new.value,
                 "cooldown_s": self.breaker.cooldown_s}
        if new is BreakerState.OPEN:
            self.metrics.inc(BREAKER_OPENED, self.name)
            reason = "the half-open trial failed" if old is BreakerState.HALF_OPEN else \
                f"{failures} consecutive candidate failures"
            self._log.warning(f"circuit opened: {reason}; the reference answers until the cool-down ends",
                              extra=extra)
        elif new is BreakerState.HALF_OPEN:
            self._log.info("circuit half-open: one trial call goes to the candidate", extra=extra)
        else:
            self._log.info("circuit closed: the candidate is back", extra=extra)


def _same_error(candidate: _Outcome, reference: _Outcome) -> bool:
    return reference.error is not None and candidate.compared() == reference.compared()


__all__ = ["Mode", "Switch", "SwitchStats"]
