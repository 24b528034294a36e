"""The stages of one scoring request, timed once: each block is a request log field and a profiler span.

    times = StageTimes()
    with times.stage(PARSE):        # seconds in times.seconds["parse"], and a `parity.stage("parse")` span
        document = decode_body(body)
    times.log_fields()              # {"parse_ms": 12.3, "validate_ms": …}

The same ``with`` block feeds the structured log line of the request and the profiler, so the two never
disagree about what a stage holds.
"""

from __future__ import annotations

from time import perf_counter
from types import TracebackType
from typing import Final

from parity.profiling.stage import stage as profiler_span

PARSE: Final = "parse"
VALIDATE: Final = "validate"
LOAD: Final = "load"
RULES: Final = "rules"
KERNEL: Final = "kernel"
SERIALISE: Final = "serialise"
STAGES: Final = (PARSE, VALIDATE, LOAD, RULES, KERNEL, SERIALISE)


class StageTimes:
    """Seconds per stage of one request."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)

    def stage(self, name: str) -> _TimedStage:
        """A ``with`` block timed into ``name`` (one of STAGES; KeyError otherwise) and marked as its span."""
        if name not in self.seconds:
            raise KeyError(name)
        return _TimedStage(self.seconds, name)

    def log_fields(self) -> dict[str, float]:
        """``<stage>_ms`` for each stage, rounded to the microsecond."""
        return {f"{name}_ms": round(seconds * 1000, 3) for name, seconds in self.seconds.items()}


class _TimedStage:
    __slots__ = ("_seconds", "_name", "_span", "_started")

    def __init__(self, seconds: dict[str, float], name: str) -> None:
        self._seconds = seconds
        self._name = name
        self._span = profiler_span(name)
        self._started = 0.0

    def __enter__(self) -> None:
        self._span.__enter__()
        self._started = perf_counter()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._seconds[self._name] += perf_counter() - self._started
        self._span.__exit__(exc_type, exc, traceback)
