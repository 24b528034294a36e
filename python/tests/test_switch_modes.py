"""parity.switch modes: who answers in python, native and percent:N, how the percent slice is chosen, and when
shadow mode can be had."""

from __future__ import annotations

import hashlib
import math
import threading
from typing import Any

import pytest
from switch_fakes import Impl, make_switch

from parity import diff
from parity.modes import Mode, ModeKind, in_slice, slice_position


@pytest.mark.parametrize("text, kind, percent, shown", [
    ("python", ModeKind.PYTHON, 0.0, "python"),
    (" Native ", ModeKind.NATIVE, 0.0, "native"),
    ("SHADOW", ModeKind.SHADOW, 0.0, "shadow"),
    ("percent:10", ModeKind.PERCENT, 10.0, "percent:10"),
    ("percent:0", ModeKind.PERCENT, 0.0, "percent:0"),
    ("percent:100", ModeKind.PERCENT, 100.0, "percent:100"),
    ("percent: 2.5", ModeKind.PERCENT, 2.5, "percent:2.5"),
])
def test_parse_valid_modes(text: str, kind: ModeKind, percent: float, shown: str) -> None:
    mode = Mode.parse(text)

    assert (mode.kind, mode.percent, str(mode)) == (kind, percent, shown)
    assert Mode.parse(str(mode)) == mode


@pytest.mark.parametrize("text", ["", "rust", "percent", "percent:", "percent:-1", "percent:100.5", "percent:nan",
                                  "percent:inf", "percent:ten", "python:3"])
def test_parse_rejects_with_a_readable_message(text: str) -> None:
    with pytest.raises(ValueError, match="backend mode"):
        Mode.parse(text)


def test_which_modes_can_reach_the_candidate() -> None:
    assert [Mode.parse(t).uses_candidate for t in ("python", "native", "shadow", "percent:0", "percent:1")] == [
        False, True, True, False, True]


def test_python_mode_never_calls_the_candidate() -> None:
    reference, candidate = Impl("python"), Impl("native")
    switch = make_switch("python", reference, candidate)

    assert switch.call(1, 2, flag=True) == {"by": "python", "args": [1, 2]}
    assert reference.calls == [((1, 2), {"flag": True})] and candidate.count == 0
    assert switch.stats().answered == {"python": 1}


def test_native_mode_answers_with_the_candidate_only() -> None:
    reference, candidate = Impl("python"), Impl("native")
    switch = make_switch("native", reference, candidate)

    assert switch.call("rows", key=3, request_id="r1") == {"by": "native", "args": ["rows"]}
    assert candidate.calls == [(("rows",), {})] and reference.count == 0  # key and request_id are the switch's
    assert switch.stats().answered == {"native": 1}


def test_without_a_candidate_the_reference_answers_in_every_mode() -> None:
    reference = Impl("python")
    for mode in ("native", "shadow", "percent:100"):
        switch = make_switch(mode, reference, None)
        assert switch.call(1, key="k")["by"] == "python"


def test_the_reference_exception_reaches_the_caller_unchanged() -> None:
    error = ValueError("rows[0]: bad")

    def fail(*args: Any) -> Any:
        raise error

    switch = make_switch("python", fail, Impl("native"))

    with pytest.raises(ValueError) as raised:
        switch.call(1)
    assert raised.value is error


def test_mode_can_change_at_runtime() -> None:
    switch = make_switch("python", Impl("python"), Impl("native"))
    switch.set_mode("native")
    assert switch.call(1)["by"] == "native"
    switch.set_mode(Mode.parse("python"))
    assert switch.call(1)["by"] == "python"
    with pytest.raises(ValueError):
        switch.set_mode("sometimes")


def test_slice_position_is_blake2b_of_name_and_key() -> None:
    digest = hashlib.blake2b(b"importer.match\x00job-42", digest_size=8).digest()

    assert slice_position("importer.match", "job-42") == int.from_bytes(digest, "big") / 2**64 * 100


def test_percent_is_sticky_per_key_across_switches() -> None:
    first = make_switch("percent:30", Impl("python"), Impl("native"))
    second = make_switch("percent:30", Impl("python"), Impl("native"))  # as in another process

    for key in range(200):
        answers = {first.call(key=key)["by"], first.call(key=key)["by"], second.call(key=key)["by"]}
        assert len(answers) == 1, f"key {key} changed backend: {answers}"
        assert answers == {"native" if in_slice("test.fn", key, 30) else "python"}


@pytest.mark.parametrize("percent", [1, 10, 50, 90])
def test_percent_slice_is_about_n_percent(percent: int) -> None:
    keys = 20_000
    chosen = sum(in_slice("importer.match", job_id, percent) for job_id in range(keys))

    # Binomial(keys, p): 6 standard deviations either side (the hash is deterministic, the bound is generous).
    p = percent / 100
    spread = 6 * math.sqrt(keys * p * (1 - p))
    assert keys * p - spread <= chosen <= keys * p + spread, f"{chosen} of {keys} keys in the {percent}% slice"


def test_raising_n_only_adds_keys_and_the_ends_are_exact() -> None:
    keys = [f"job-{i}" for i in range(5000)]
    five = {k for k in keys if in_slice("s", k, 5)}
    ten = {k for k in keys if in_slice("s", k, 10)}

    assert five < ten
    assert not any(in_slice("s", k, 0) for k in keys)
    assert all(in_slice("s", k, 100) for k in keys)


def test_percent_without_a_key_stays_on_the_reference() -> None:
    candidate = Impl("native")
    switch = make_switch("percent:100", Impl("python"), candidate)

    assert switch.call(1)["by"] == "python" and candidate.count == 0
    assert switch.call(1, key="k")["by"] == "native"


def test_concurrent_calls_are_all_counted() -> None:
    switch = make_switch("percent:50", Impl("python"), Impl("native"))
    barrier = threading.Barrier(8)

    def worker(offset: int) -> None:
        barrier.wait()
        for i in range(250):
            switch.call(i, key=offset * 1000 + i)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    answered = switch.stats().answered
    assert sum(answered.values()) == 2000 and set(answered) == {"python", "native"}
    assert answered["native"] == sum(in_slice("test.fn", o * 1000 + i, 50) for o in range(8) for i in range(250))


def test_shadow_mode_without_the_diff_engine_is_refused_not_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff, "_diff", None)  # as in a source checkout without a CMake build
    refused = "switch test.fn: shadow mode compares outputs with parity.diff: parity._diff is not built"

    with pytest.raises(ImportError, match=refused):
        make_switch("shadow", Impl("python"), Impl("native"))
    switch = make_switch("native", Impl("python"), Impl("native"))
    with pytest.raises(ImportError, match=refused):
        switch.set_mode("shadow")
    assert switch.mode.kind is ModeKind.NATIVE and switch.call(1)["by"] == "native"


def test_shadow_mode_needs_no_diff_engine_with_nothing_to_compare_or_a_comparator_of_its_own(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff, "_diff", None)
    seen: list[tuple[Any, Any]] = []

    def own(reference: Any, candidate: Any) -> None:
        seen.append((reference, candidate))

    assert make_switch("shadow", Impl("python"), None).call(1)["by"] == "python"
    switch = make_switch("shadow", Impl("python"), Impl("native"), comparator=own, shadow_workers=0)
    assert switch.call(1)["by"] == "python"
    assert seen == [({"by": "python", "args": [1]}, {"by": "native", "args": [1]})]
