"""The stages of an import job, timed once: each block counts towards the job summary and is a profiler span.

    times = StageTimes()
    with times.stage(MATCH):                 # seconds for the summary and a `parity.stage("match")` span
        results = matcher.match(rows)
    times.timing_line(wall_seconds, rows)    # "time 41.2 s: match 37.9 s (92%), read+validate 1.6 s (4%), …"

The summary names four stages, the profiler five: ``parse`` and ``validate`` are separate spans and both count
towards the summary's ``read+validate`` (``SUMMARY_STAGE``). Stage names are the profiler's; the summary's
seconds are ``time.perf_counter`` around the same ``with`` block. Without the parity package there are no
spans, and the summary is timed all the same.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from time import perf_counter
from types import TracebackType
from typing import Any, Final

try:  # the profiler's span; the importer also runs without the parity package
    from parity.profiling.stage import stage as _profiler_span
except ImportError:  # pragma: no cover - parity ships in the same wheel
    from contextlib import nullcontext as _profiler_span  # type: ignore[assignment]

#: Stages of an import job, as the summary's timing line names them.
READ: Final = "read+validate"
LOAD: Final = "load customers"
MATCH: Final = "match"
STORE: Final = "store"
STAGES: Final = (READ, LOAD, MATCH, STORE)

#: Stages as the profiler names them (docs/profile.md): the summary's ``read+validate`` is these two.
PARSE: Final = "parse"
VALIDATE: Final = "validate"

#: Profiler stage -> the summary stage its time counts towards.
SUMMARY_STAGE: Final = {PARSE: READ, VALIDATE: READ, LOAD: LOAD, MATCH: MATCH, STORE: STORE}


class StageTimes:
    """Seconds spent per summary stage, from the blocks ``stage(name)`` marks."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        # A span holds only its name (parity.stage is re-entrant): one per stage, not one per block.
        self._routes = {name: (summary, _profiler_span(name)) for name, summary in SUMMARY_STAGE.items()}

    def stage(self, name: str) -> _TimedStage:
        """A ``with`` block timed into the summary stage of ``name`` and marked as the span ``name``.

        ``name`` is a profiler stage (``PARSE``, ``VALIDATE``, ``LOAD``, ``MATCH``, ``STORE``); KeyError otherwise.
        """
        summary, span = self._routes[name]
        return _TimedStage(self.seconds, summary, span)

    def timing_line(self, wall_seconds: float, rows: int) -> str:
        """``time 41.2 s: match 37.9 s (92%), read+validate 1.6 s (4%), …; 243 rows/s``, slowest first."""
        ordered = sorted(self.seconds.items(), key=lambda item: item[1], reverse=True)
        share = (lambda s: s / wall_seconds) if wall_seconds > 0 else (lambda s: 0.0)
        stages = ", ".join(f"{name} {seconds:.1f} s ({share(seconds):.0%})" for name, seconds in ordered)
        rate = rows / wall_seconds if wall_seconds > 0 else 0.0
        return f"time {wall_seconds:.1f} s: {stages}; {rate:,.0f} rows/s"


class _TimedStage:
    """One block: the span opens first and closes last, so the profiler's time includes the summary's."""

    # A class rather than @contextmanager: the worker opens two per CSV record (parse, validate).
    __slots__ = ("_seconds", "_summary_stage", "_span", "_started")

    def __init__(self, seconds: dict[str, float], summary_stage: str,
                 span: AbstractContextManager[Any]) -> None:
        self._seconds = seconds
        self._summary_stage = summary_stage
        self._span = span
        self._started = 0.0

    def __enter__(self) -> None:
        self._span.__enter__()
        self._started = perf_counter()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._seconds[self._summary_stage] += perf_counter() - self._started
        self._span.__exit__(exc_type, exc, traceback)
