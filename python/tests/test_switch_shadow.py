"""Shadow mode: the reference always answers; the candidate runs beside it, is compared, and can do no harm."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from native_module import diff_engine_or_skip
from switch_fakes import Impl, make_switch, raising, same_answer

from parity.switch import Switch

diff_engine_or_skip()  # shadow mode compares with parity.diff (tests without it: test_switch_modes.py)

TIMEOUT_S = 10.0


def shadow_switch(reference: Any, candidate: Any, **kwargs: Any) -> Switch[Any]:
    return make_switch("shadow", reference, candidate, log_fields={"job_id": 3}, **kwargs)


def test_candidate_gets_the_same_input_and_equal_answers_are_no_mismatch() -> None:
    rows = [{"email": "a@b.c"}]
    reference, candidate = Impl("python", same_answer), Impl("native", same_answer)
    with shadow_switch(reference, candidate) as switch:
        assert switch.call(rows, key=3, request_id="r1") == same_answer(rows)

    assert candidate.calls[0][0][0] is rows, "no copy unless isolate=True"
    stats = switch.stats()
    assert (stats.answered, stats.shadow_compared, stats.shadow_mismatches) == ({"python": 1}, 1, 0)


def test_mismatch_is_counted_and_logged_with_request_id_and_pointer(caplog: pytest.LogCaptureFixture) -> None:
    good = [{"status": "matched", "field_scores": {"email": 1.0}}] * 4
    bad = [*good[:3], {"status": "matched", "field_scores": {"email": 0.75}}]
    with caplog.at_level(logging.WARNING, logger="parity.switch"):
        with shadow_switch(Impl("python", lambda rows: good), Impl("native", lambda rows: bad)) as switch:
            assert switch.call("rows", request_id="job3-batch000002") is good

    assert switch.stats().shadow_mismatches == 1
    (record,) = caplog.records
    fields = vars(record)
    assert record.getMessage() == "shadow mismatch"
    assert (fields["request_id"], fields["pointer"], fields["kind"], fields["job_id"], fields["backend"]) == (
        "job3-batch000002", "/3/field_scores/email", "value", 3, "native")
    assert fields["detail"] == "/3/field_scores/email: value: 1.0 vs 0.75"
    assert 'parity_shadow_mismatches_total{kind="value",switch="test.fn"} 1.0' in switch.render_metrics()


@pytest.mark.parametrize("behaviour", [
    lambda *args: "garbage",
    lambda *args: None,
    raising(RuntimeError("native crashed")),
    raising(KeyError("x")),
])
def test_garbage_or_exceptions_never_reach_the_caller(behaviour: Any) -> None:
    with shadow_switch(Impl("python", same_answer), Impl("native", behaviour)) as switch:
        for i in range(5):
            assert switch.call(i) == same_answer(i)

    assert switch.stats().shadow_mismatches == 5


def test_a_raising_candidate_is_a_failure_and_an_error_vs_value_mismatch(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="parity.switch"):
        with shadow_switch(Impl("python"), Impl("native", raising(RuntimeError("boom")))) as switch:
            switch.call(1, request_id="r9")

    stats = switch.stats()
    assert (stats.candidate_failures, stats.shadow_mismatches, stats.fallbacks) == (1, 1, 0)
    (record,) = caplog.records
    fields = vars(record)
    assert (fields["kind"], fields["error_type"], fields["error"]) == ("error_vs_value", "RuntimeError", "boom")
    assert 'parity_shadow_mismatches_total{kind="error_vs_value",switch="test.fn"} 1.0' in switch.render_metrics()


def test_a_hung_candidate_costs_the_caller_nothing() -> None:
    entered, release = threading.Event(), threading.Event()

    def hang(*args: Any) -> Any:
        entered.set()
        release.wait(TIMEOUT_S)
        return same_answer(*args)

    switch = shadow_switch(Impl("python", same_answer), Impl("native", hang), shadow_queue_size=1)
    try:
        assert switch.call(1) == same_answer(1)
        assert entered.wait(TIMEOUT_S), "the shadow runs on its own thread"
        assert switch.call(2) == same_answer(2)  # queued behind the hung call
        assert switch.call(3) == same_answer(3)  # queue full: skipped, not waited for
        assert not release.is_set()
        stats = switch.stats()
        assert (stats.answered, stats.shadow_skipped, stats.shadow_pending) == ({"python": 3}, 1, 2)
        assert 'parity_shadow_skipped_total{reason="queue_full",switch="test.fn"} 1.0' in switch.render_metrics()
    finally:
        release.set()
        assert switch.close(TIMEOUT_S)
    assert switch.stats().shadow_compared == 2


def test_when_the_reference_raises_the_caller_gets_its_exception_and_errors_are_compared() -> None:
    error = ValueError("rows[0]: bad date")
    same = Impl("native", raising(ValueError("rows[0]: bad date")))
    other = Impl("native", raising(ValueError("rows[0]: other")))
    answers = Impl("native", same_answer)
    for candidate, mismatches in ((same, 0), (other, 1), (answers, 1)):
        with shadow_switch(Impl("python", raising(error)), candidate) as switch:
            with pytest.raises(ValueError) as raised:
                switch.call(1)
        assert raised.value is error
        assert (switch.stats().shadow_compared, switch.stats().shadow_mismatches) == (1, mismatches)
    assert switch.breaker.state.value == "closed"


def test_sampling_bounds_the_shadow_cost() -> None:
    candidate = Impl("native", same_answer)
    with shadow_switch(Impl("python", same_answer), candidate, shadow_sample_rate=0.25, seed=1,
                       shadow_workers=0) as switch:
        for i in range(400):
            switch.call(i)

    assert 60 <= candidate.count <= 140  # Binomial(400, 0.25): mean 100, sd 8.7
    assert switch.stats().shadow_skipped == 400 - candidate.count
    with shadow_switch(Impl("python"), candidate, shadow_sample_rate=0.0) as never:
        never.call(1)
    assert never.stats().shadow_skipped == 1


def test_inline_shadow_runs_on_the_caller_thread_and_still_never_raises() -> None:
    threads: list[threading.Thread] = []

    def fail(*args: Any) -> Any:
        threads.append(threading.current_thread())
        raise RuntimeError("inline failure")

    switch = shadow_switch(Impl("python", same_answer), Impl("native", fail), shadow_workers=0)

    assert switch.call(1) == same_answer(1)
    assert threads == [threading.current_thread()] and switch.stats().shadow_mismatches == 1


def test_isolate_protects_the_comparison_from_callers_that_mutate() -> None:
    entered, release = threading.Event(), threading.Event()

    def slow(rows: list[dict[str, int]]) -> Any:
        entered.set()
        release.wait(TIMEOUT_S)
        return [dict(row) for row in rows]

    rows = [{"a": 1}]
    with shadow_switch(Impl("python", lambda rows: [dict(row) for row in rows]), Impl("native", slow),
                       isolate=True) as switch:
        result = switch.call(rows)
        assert entered.wait(TIMEOUT_S)
        rows[0]["a"] = 2  # the caller mutates its input and its answer while the shadow runs
        result[0]["a"] = 3
        release.set()

    assert switch.stats().shadow_mismatches == 0


def test_a_broken_comparator_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(expected: Any, actual: Any) -> Any:
        raise AssertionError("comparator bug")

    with caplog.at_level(logging.ERROR, logger="parity.switch"):
        switch = shadow_switch(Impl("python"), Impl("native"), comparator=broken, shadow_workers=0)
        assert switch.call(1)["by"] == "python"

    assert [record.getMessage() for record in caplog.records] == ["shadow run failed"]


def test_failing_shadows_open_the_breaker_and_are_then_skipped() -> None:
    candidate = Impl("native", raising(RuntimeError("boom")))
    with shadow_switch(Impl("python"), candidate, threshold=2, shadow_workers=0) as switch:
        for i in range(5):
            switch.call(i)

    assert candidate.count == 2 and switch.stats().breaker == "open"
    assert 'parity_shadow_skipped_total{reason="circuit_open",switch="test.fn"} 3.0' in switch.render_metrics()


def test_after_close_shadows_are_skipped() -> None:
    switch = shadow_switch(Impl("python"), Impl("native"))
    switch.close()

    assert switch.call(1)["by"] == "python"
    assert 'parity_shadow_skipped_total{reason="closed",switch="test.fn"} 1.0' in switch.render_metrics()


def test_log_fields_must_not_clash_with_logging() -> None:
    with pytest.raises(ValueError, match="clash"):
        make_switch("shadow", Impl("python"), Impl("native"), log_fields={"name": "x"})


def test_an_input_isolate_cannot_copy_skips_the_shadow_only() -> None:
    lock = threading.Lock()  # deepcopy cannot copy a lock
    candidate = Impl("native")
    with shadow_switch(Impl("python"), candidate, isolate=True, threshold=1, cooldown_s=0.0) as switch:
        assert switch.call(lock)["by"] == "python"

    assert candidate.count == 0
    assert 'parity_shadow_skipped_total{reason="copy_failed",switch="test.fn"} 1.0' in switch.render_metrics()
