"""Candidate failures: the reference answers, the failure is counted and logged, the circuit breaker opens."""

from __future__ import annotations

import logging

import pytest
from switch_fakes import FakeClock, Impl, make_switch, raising, same_answer

from parity.breaker import BreakerState, CircuitBreaker


def test_candidate_failure_falls_back_to_the_reference(caplog: pytest.LogCaptureFixture) -> None:
    reference, candidate = Impl("python"), Impl("native", raising(RuntimeError("index corrupt")))
    switch = make_switch("native", reference, candidate, log_fields={"job_id": 7})

    with caplog.at_level(logging.WARNING, logger="parity.switch"):
        answer = switch.call("rows", key=7, request_id="job7-batch000001")

    assert answer == {"by": "python", "args": ["rows"]}
    stats = switch.stats()
    assert (stats.answered, stats.candidate_failures, stats.fallbacks) == ({"python": 1}, 1, 1)
    (record,) = caplog.records
    assert record.name == "parity.switch" and record.levelno == logging.WARNING
    fields = vars(record)
    assert {key: fields[key] for key in ("switch", "request_id", "backend", "error_type", "error", "job_id")} == {
        "switch": "test.fn", "request_id": "job7-batch000001", "backend": "native", "error_type": "RuntimeError",
        "error": "index corrupt", "job_id": 7}
    assert isinstance(fields["duration_ms"], float) and fields["duration_ms"] >= 0
    metrics = switch.render_metrics()
    assert 'parity_failures_total{backend="native",switch="test.fn"} 1.0' in metrics
    assert 'parity_fallbacks_total{reason="error",switch="test.fn"} 1.0' in metrics


def test_an_error_both_sides_raise_is_not_a_candidate_failure(caplog: pytest.LogCaptureFixture) -> None:
    switch = make_switch("native", Impl("python", raising(ValueError("rows[0]: not a dict"))),
                         Impl("native", raising(ValueError("rows[0]: not a dict"))), threshold=1)

    with caplog.at_level(logging.WARNING, logger="parity.switch"), pytest.raises(ValueError, match="not a dict"):
        switch.call([1])

    assert switch.stats().candidate_failures == 0 and switch.breaker.state is BreakerState.CLOSED
    assert not caplog.records


def test_a_different_error_is_a_failure_and_the_caller_gets_the_references() -> None:
    switch = make_switch("native", Impl("python", raising(ValueError("rows[0]: bad"))),
                         Impl("native", raising(TypeError("rows[0]: bad"))))

    with pytest.raises(ValueError, match="rows\\[0\\]: bad"):
        switch.call([1])
    assert switch.stats().candidate_failures == 1


def test_breaker_opens_after_k_consecutive_failures_and_a_success_resets_the_count() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(3, 60.0, clock=clock)
    for _ in range(2):
        breaker.record_failure()
    breaker.record_success()
    for _ in range(2):
        breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED and breaker.allow()

    breaker.record_failure()

    assert breaker.state is BreakerState.OPEN and not breaker.allow()


def test_breaker_stays_open_during_the_cooldown_then_lets_one_trial_through() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(1, 60.0, clock=clock)
    breaker.record_failure()
    clock.advance(59.9)
    assert not breaker.allow()

    clock.advance(0.1)

    assert breaker.allow() and breaker.state is BreakerState.HALF_OPEN
    assert not breaker.allow(), "only one trial call at a time"
    breaker.record_success()
    assert breaker.state is BreakerState.CLOSED and breaker.allow() and breaker.allow()


def test_a_failed_trial_reopens_for_a_full_cooldown() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(1, 60.0, clock=clock)
    breaker.record_failure()
    clock.advance(60)
    assert breaker.allow()

    breaker.record_failure()

    assert breaker.state is BreakerState.OPEN
    clock.advance(59)
    assert not breaker.allow()
    clock.advance(1)
    assert breaker.allow()


def test_an_abandoned_or_lost_trial_frees_the_slot() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(1, 10.0, clock=clock)
    breaker.record_failure()
    clock.advance(10)
    assert breaker.allow()
    breaker.abandon()  # e.g. the shadow queue was full
    assert breaker.allow()

    clock.advance(9)
    assert not breaker.allow()
    clock.advance(1)  # the trial never reported: given up after another cool-down
    assert breaker.allow() and breaker.state is BreakerState.HALF_OPEN


def test_stragglers_do_not_change_an_open_breaker() -> None:
    breaker = CircuitBreaker(1, 10.0, clock=FakeClock())
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.state is BreakerState.OPEN


@pytest.mark.parametrize("threshold, cooldown", [(0, 1.0), (1, -1.0), (1, float("nan"))])
def test_breaker_arguments_are_checked(threshold: int, cooldown: float) -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(threshold, cooldown)


def test_switch_stops_calling_a_failing_candidate_until_the_trial(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    candidate = Impl("native", raising(RuntimeError("segfault averted")))
    switch = make_switch("native", Impl("python", same_answer), candidate, clock=clock, threshold=3,
                         cooldown_s=30.0)

    with caplog.at_level(logging.INFO, logger="parity.switch"):
        for i in range(10):
            assert switch.call(i) == same_answer(i)
        assert candidate.count == 3 and switch.stats().breaker == "open"

        clock.advance(30)
        candidate.behaviour = same_answer  # fixed: the trial succeeds and closes the circuit
        switch.call(10)
        switch.call(11)

    assert candidate.count == 5 and switch.stats().breaker == "closed"
    assert switch.stats().answered == {"python": 10, "native": 2}
    metrics = switch.render_metrics()
    assert 'parity_fallbacks_total{reason="circuit_open",switch="test.fn"} 7.0' in metrics
    assert 'parity_breaker_opened_total{switch="test.fn"} 1.0' in metrics
    messages = [record.getMessage() for record in caplog.records]
    assert [m.split(":")[0] for m in messages if m.startswith("circuit")] == [
        "circuit opened", "circuit half-open", "circuit closed"]


def test_a_failing_trial_keeps_the_candidate_off() -> None:
    clock = FakeClock()
    candidate = Impl("native", raising(RuntimeError("still broken")))
    switch = make_switch("native", Impl("python"), candidate, clock=clock, threshold=1, cooldown_s=5.0)
    switch.call(1)
    clock.advance(5)
    switch.call(2)  # the trial: fails, reopens
    switch.call(3)

    assert candidate.count == 2 and switch.stats().breaker == "open"
    assert 'parity_breaker_opened_total{switch="test.fn"} 2.0' in switch.render_metrics()
