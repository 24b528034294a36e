"""One profiling session: stage spans, CPU and wall samples and memory, from `start` to `stop`.

    session = ProfileSession(interval_s=0.005, trace_allocations=False)
    session.start()
    run_the_workload()
    recording = session.stop()          # what `profile_data.build_profile` turns into profile.json

Only one session can be active at a time (there is one SIGPROF timer per process).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from parity.profiling.memory import MemoryTracker
from parity.profiling.sampler import SampleSet, Sampler
from parity.profiling.stage import StageRecorder, StageTotals, activate, active


class SessionError(RuntimeError):
    """A second session was started while one is active."""


@dataclass
class Recording:
    """Everything a session measured, before it is summarised."""

    wall_ns: int
    cpu_ns: int
    interval_s: float
    stages: dict[str, StageTotals]
    cpu: SampleSet
    wall: SampleSet
    memory: dict[str, Any]
    profiler_cpu_ns: dict[str, int]
    notes: list[str] = field(default_factory=list)


class ProfileSession:
    def __init__(self, *, interval_s: float = 0.005, trace_allocations: bool = False) -> None:
        self.stages = StageRecorder()
        self.memory = MemoryTracker(trace_allocations=trace_allocations)
        self.sampler = Sampler(interval_s=interval_s, stages=self.stages, on_tick=self.memory.tick)
        self._wall_start = 0
        self._cpu_start = 0

    def start(self) -> None:
        if active() is not None:
            raise SessionError("a profiling session is already active in this process")
        self.memory.start()
        activate(self.stages)
        self._wall_start, self._cpu_start = time.perf_counter_ns(), time.thread_time_ns()
        self.sampler.start()

    def stop(self) -> Recording:
        self.sampler.stop()
        wall, cpu = time.perf_counter_ns() - self._wall_start, time.thread_time_ns() - self._cpu_start
        self.stages.close_all()
        activate(None)
        memory = self.memory.finish()
        return Recording(wall_ns=wall, cpu_ns=cpu, interval_s=self.sampler.interval_s, stages=self.stages.totals,
                         cpu=self.sampler.cpu, wall=self.sampler.wall, memory=memory,
                         profiler_cpu_ns={"signal_handler": self.sampler.handler_cpu_ns,
                                          "wall_sampler_thread": self.sampler.thread_cpu_ns},
                         notes=list(self.sampler.notes))
