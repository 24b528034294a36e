"""Stage spans: ``parity.stage("name")`` marks a stage of the service; a profiling session times it.

    with parity.stage("match"):
        results = matcher.match(rows)

    @parity.stage("store")
    def store(conn, results): ...

Stages nest (``"batch/match"``). While a session is active, each span's wall time (``perf_counter_ns``)
and thread CPU time (``thread_time_ns``) are added to its stage path, and the sampler labels its samples
with the path open at that moment. Without a session a span costs two attribute lookups and a compare.
Only the profiled thread (the one that started the session) is recorded; spans in other threads are
no-ops, so the stage shares always add up against that one thread's time.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

#: Joins nested stage names into a path: ``"import/match"``.
PATH_SEPARATOR: Final = "/"


@dataclass
class StageTotals:
    """Time accumulated by one stage path; ``self_*`` excludes the time of stages nested inside it."""

    count: int = 0
    wall_ns: int = 0
    cpu_ns: int = 0
    self_wall_ns: int = 0
    self_cpu_ns: int = 0


class _OpenSpan:
    __slots__ = ("name", "path", "wall_start", "cpu_start", "child_wall", "child_cpu")

    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path
        self.child_wall = 0
        self.child_cpu = 0
        self.wall_start = time.perf_counter_ns()
        self.cpu_start = time.thread_time_ns()


class StageRecorder:
    """The spans of one profiling session, for the thread that created it."""

    def __init__(self) -> None:
        self.thread_id = threading.get_ident()
        self.totals: dict[str, StageTotals] = {}
        self._open: list[_OpenSpan] = []

    def enter(self, name: str) -> None:
        if threading.get_ident() != self.thread_id:
            return
        path = f"{self._open[-1].path}{PATH_SEPARATOR}{name}" if self._open else name
        self._open.append(_OpenSpan(name, path))

    def exit(self, name: str) -> None:
        # A span entered before the session started has nothing open here: ignore its exit.
        if threading.get_ident() != self.thread_id or not self._open or self._open[-1].name != name:
            return
        self._close(self._open.pop(), time.perf_counter_ns(), time.thread_time_ns())

    def current_path(self) -> str | None:
        """The innermost open stage path; safe to call from the sampler thread or a signal handler."""
        try:
            return self._open[-1].path
        except IndexError:
            return None

    def close_all(self) -> None:
        """Ends spans still open when the session stops, so their time so far is counted."""
        wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
        while self._open:
            self._close(self._open.pop(), wall, cpu)

    def _close(self, span: _OpenSpan, wall_end: int, cpu_end: int) -> None:
        wall, cpu = wall_end - span.wall_start, cpu_end - span.cpu_start
        totals = self.totals.get(span.path)
        if totals is None:
            totals = self.totals[span.path] = StageTotals()
        totals.count += 1
        totals.wall_ns += wall
        totals.cpu_ns += cpu
        totals.self_wall_ns += wall - span.child_wall
        totals.self_cpu_ns += cpu - span.child_cpu
        if self._open:
            self._open[-1].child_wall += wall
            self._open[-1].child_cpu += cpu


#: The recorder of the active session; None almost always, which is what keeps `stage` free.
_active: StageRecorder | None = None


def activate(recorder: StageRecorder | None) -> None:
    """Makes ``recorder`` the one spans report to (None: spans are no-ops again)."""
    global _active
    _active = recorder


def active() -> StageRecorder | None:
    return _active


class stage:  # noqa: N801 - lower case like contextlib.suppress: it reads as a statement in the service
    """Marks a stage: ``with stage("match"): ...`` or ``@stage("match")``; nests; re-entrant and thread-safe."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> stage:
        recorder = _active
        if recorder is not None:
            recorder.enter(self.name)
        return self

    def __exit__(self, *exc_info: object) -> None:
        recorder = _active
        if recorder is not None:
            recorder.exit(self.name)

    def __call__(self, function: F) -> F:
        @functools.wraps(function)
        def staged(*args: Any, **kwargs: Any) -> Any:
            with self:
                return function(*args, **kwargs)

        return staged  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"stage({self.name!r})"
