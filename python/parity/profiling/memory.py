"""Memory growth over a run: RSS sampled as it goes, and what Python allocated between two snapshots.

RSS comes from ``/proc/self/statm`` (every `RSS_INTERVAL_S`, from the wall-sampling thread). With
``trace_allocations`` (``--memory``), `tracemalloc` runs for the whole profile and two snapshots are
compared: one at the end of the first tenth of the run and one at the end. In corpus mode the first tenth
is counted in requests (`after_request`); in command mode the length of the run is not known in advance,
so snapshots are taken at doubling times (0.5 s, 1 s, 2 s, ...) and the latest one taken within the first
tenth of the run is kept: it lies between 5 % and 10 % of the run.

    memory = MemoryTracker(trace_allocations=True)
    memory.start(); ...; memory.after_request(done=20, expected=200); ...; report = memory.finish()
"""

from __future__ import annotations

import os
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

RSS_INTERVAL_S: Final = 0.1
#: Allocation sites listed in the report, largest growth first.
TOP_SITES: Final = 15
#: First snapshot time in command mode; later ones double it.
FIRST_SNAPSHOT_S: Final = 0.5
_PAGE_SIZE: Final = os.sysconf("SC_PAGE_SIZE")
#: Allocations made by these files are the profiler's own (samples, snapshots): not the service's growth.
_IGNORED: Final = (tracemalloc.__file__, str(Path(__file__).resolve().parent / "*"), "<frozen importlib._bootstrap*>")


def current_rss_bytes() -> int | None:
    """Resident set size of this process, or None where ``/proc`` is unavailable."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


@dataclass
class _Snapshot:
    at_s: float
    label: str
    rss_bytes: int | None
    snapshot: tracemalloc.Snapshot


@dataclass
class MemoryTracker:
    trace_allocations: bool = False
    rss: list[tuple[float, int]] = field(default_factory=list)
    _started: float = 0.0
    _last_rss_at: float = float("-inf")
    _first: _Snapshot | None = None
    _candidates: list[_Snapshot] = field(default_factory=list)
    _next_snapshot_s: float = FIRST_SNAPSHOT_S
    _by_time: bool = True
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _started_tracing: bool = False

    def start(self) -> None:
        self._started = time.perf_counter()
        self._sample_rss(force=True)
        if self.trace_allocations and not tracemalloc.is_tracing():
            tracemalloc.start(1)
            self._started_tracing = True

    def tick(self) -> None:
        """Called every sampling interval from the wall-sampling thread."""
        self._sample_rss()
        if self.trace_allocations and self._by_time and self.elapsed() >= self._next_snapshot_s:
            self._next_snapshot_s *= 2
            self._keep_candidate(self._take(f"{self.elapsed():.1f} s into the run"))

    def after_request(self, done: int, expected: int) -> None:
        """Corpus mode: the first snapshot is taken after the first tenth of the ``expected`` requests."""
        self._by_time = False
        if self.trace_allocations and self._first is None and done >= max(1, expected // 10):
            self._first = self._take(f"after request {done:,} of {expected:,}")

    def finish(self) -> dict[str, Any]:
        """The memory section of profile.json (see docs/profile.md)."""
        self._sample_rss(force=True)
        report: dict[str, Any] = {"rss": [{"t_s": round(t, 3), "bytes": value} for t, value in _thin(self.rss)],
                                  "rss_start_bytes": self.rss[0][1] if self.rss else None,
                                  "rss_end_bytes": self.rss[-1][1] if self.rss else None,
                                  "rss_peak_bytes": max((value for _, value in self.rss), default=None),
                                  "tracemalloc": None}
        if self.trace_allocations:
            report["tracemalloc"] = self._growth()
        if self._started_tracing:
            tracemalloc.stop()
        return report

    def elapsed(self) -> float:
        return time.perf_counter() - self._started

    def _sample_rss(self, force: bool = False) -> None:
        elapsed = self.elapsed()
        if force or elapsed - self._last_rss_at >= RSS_INTERVAL_S:
            self._last_rss_at = elapsed
            if (rss := current_rss_bytes()) is not None:
                self.rss.append((elapsed, rss))

    def _take(self, label: str) -> _Snapshot:
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, pattern) for pattern in _IGNORED])
        return _Snapshot(self.elapsed(), label, current_rss_bytes(), snapshot)

    def _keep_candidate(self, snapshot: _Snapshot) -> None:
        with self._lock:
            self._candidates.append(snapshot)
            # Only the newest snapshot within a tenth of the run so far can still be the chosen one.
            tenth = self.elapsed() / 10
            within = [candidate for candidate in self._candidates if candidate.at_s <= tenth]
            self._candidates = within[-1:] + [c for c in self._candidates if c.at_s > tenth]

    def _growth(self) -> dict[str, Any]:
        last = self._take("at the end of the run")
        first = self._first
        if first is None:
            with self._lock:
                tenth = last.at_s / 10
                within = [candidate for candidate in self._candidates if candidate.at_s <= tenth]
            first = within[-1] if within else None
        if first is None:
            return {"note": "the run was too short for a snapshot within its first tenth", "sites": []}
        stats = last.snapshot.compare_to(first.snapshot, "lineno")
        grown = sorted((stat for stat in stats if stat.size_diff > 0), key=lambda stat: stat.size_diff, reverse=True)
        return {
            "first": first.label, "first_at_s": round(first.at_s, 3), "last": last.label,
            "rss_growth_bytes": (last.rss_bytes - first.rss_bytes
                                 if last.rss_bytes is not None and first.rss_bytes is not None else None),
            "traced_growth_bytes": sum(stat.size_diff for stat in stats),
            "sites": [{"file": stat.traceback[0].filename, "line": stat.traceback[0].lineno,
                       "size_diff_bytes": stat.size_diff, "count_diff": stat.count_diff,
                       "size_bytes": stat.size} for stat in grown[:TOP_SITES]],
        }


def _thin(points: list[tuple[float, int]], limit: int = 500) -> list[tuple[float, int]]:
    """At most ``limit`` points, evenly spaced, first and last kept."""
    if len(points) <= limit:
        return points
    step = (len(points) - 1) / (limit - 1)
    return [points[round(index * step)] for index in range(limit)]
