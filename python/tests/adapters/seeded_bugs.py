"""Candidate adapters with one deliberate port bug each, wrapping the real native adapter.

`parity replay` must catch every one of them, of the right kind and at the right path
(python/tests/test_replay_cli.py). Crash and hang bugs fire on one request only: the one whose first
row's `external_ref` equals the PARITY_TEST_TRIGGER environment variable, which the workers inherit.
"""

from __future__ import annotations

import ctypes
import os
import random
import time
import unicodedata
from collections.abc import Callable
from typing import Any

from importer.adapters import native, reference

Output = list[dict[str, Any]]


class SeededBug:
    """The native adapter with `mutate(input, output)` applied to every successful output."""

    def __init__(self, mutate: Callable[[dict[str, Any], Output], Output] | None = None) -> None:
        self._mutate = mutate

    def setup(self, fixtures: dict[str, Any]) -> Any:
        return native.setup(fixtures)

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        output = native.run(context, request)
        return self._mutate(request, output) if self._mutate else output


def _triggered(request: dict[str, Any]) -> bool:
    rows = request.get("rows") or []
    first = rows[0] if rows and isinstance(rows[0], dict) else {}
    return first.get("external_ref") == os.environ.get("PARITY_TEST_TRIGGER", "\0never")


def _round_scores(_request: dict[str, Any], output: Output) -> Output:
    for result in output:
        if isinstance(result.get("score"), float):
            result["score"] = round(result["score"], 4)
    return output


def _swap_first_two(_request: dict[str, Any], output: Output) -> Output:
    if len(output) >= 2 and output[0] != output[1]:
        output[0], output[1] = output[1], output[0]
    return output


def _none_to_empty(_request: dict[str, Any], output: Output) -> Output:
    for result in output:
        normalized = result.get("normalized") or {}
        for key, value in normalized.items():
            if value is None:
                normalized[key] = ""
    return output


def _nfd_strings(_request: dict[str, Any], output: Output) -> Output:
    for result in output:
        normalized = result.get("normalized") or {}
        for key, value in normalized.items():
            if isinstance(value, str):
                normalized[key] = unicodedata.normalize("NFD", value)
    return output


def _drop_middle_row(_request: dict[str, Any], output: Output) -> Output:
    if len(output) >= 3:
        del output[len(output) // 2]
    return output


def _extra_field(_request: dict[str, Any], output: Output) -> Output:
    for result in output:
        result["debug_rank"] = 1
    return output


class _RewordedErrors(SeededBug):
    def run(self, context: Any, request: dict[str, Any]) -> Output:
        try:
            return native.run(context, request)
        except TypeError as exc:
            raise TypeError(str(exc).replace("expected", "wanted")) from None


class _CrashOnTrigger(SeededBug):
    def run(self, context: Any, request: dict[str, Any]) -> Output:
        if _triggered(request):
            ctypes.string_at(0)  # reads address 0: SIGSEGV
        return native.run(context, request)


class _HangOnTrigger(SeededBug):
    def run(self, context: Any, request: dict[str, Any]) -> Output:
        if _triggered(request):
            time.sleep(3600)
        return native.run(context, request)


class _SetupRaises(SeededBug):
    def setup(self, fixtures: dict[str, Any]) -> Any:
        raise RuntimeError("native core licence not found")


class _Slow(SeededBug):
    """Correct, but busy-waits as long as the native call took, twice over: about 3x slower."""

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        start = time.perf_counter()
        output = native.run(context, request)
        spent = time.perf_counter() - start
        while time.perf_counter() - start < 3 * spent:
            pass
        return output


class _Leaking(SeededBug):
    """Correct, but keeps 2 MiB of touched memory per call forever."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[bytearray] = []

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        self.kept.append(bytearray(b"x" * (2 << 20)))
        return native.run(context, request)


class _Jittery:
    """An implementation that stamps each result with a random timing field: nondeterministic, not a bug."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def setup(self, fixtures: dict[str, Any]) -> Any:
        return self._inner.setup(fixtures)

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        output = self._inner.run(context, request)
        for result in output:
            result["elapsed_us"] = random.randrange(1_000_000)
        return output


class _OddValues(SeededBug):
    """Returns what JSON cannot hold: a lone surrogate, an int beyond 64 bits, NaN, a tuple, a set."""

    def __init__(self, surrogate: str) -> None:
        super().__init__()
        self._surrogate = surrogate

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        return [{"name": "caf" + self._surrogate, "big": 10**30, "nan": float("nan"), "pair": (1, 2),
                 "tags": {"x"}}]


rounded_score = SeededBug(_round_scores)
swapped_results = SeededBug(_swap_first_two)
none_to_empty = SeededBug(_none_to_empty)
nfd_strings = SeededBug(_nfd_strings)
dropped_row = SeededBug(_drop_middle_row)
extra_field = SeededBug(_extra_field)
reworded_errors = _RewordedErrors()
crash_on_trigger = _CrashOnTrigger()
hang_on_trigger = _HangOnTrigger()
setup_raises = _SetupRaises()
slow = _Slow()
leaking = _Leaking()
odd_values = _OddValues("\udc80")
other_odd_values = _OddValues("\udc81")
jittery_reference = _Jittery(reference)
jittery_native = _Jittery(native)
