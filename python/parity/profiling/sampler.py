"""Sampling the profiled thread's Python stack, by CPU time and by wall time, side by side.

* **CPU**: ``setitimer(ITIMER_PROF)`` sends SIGPROF every ``interval`` of process CPU time; Python runs the
  handler in the main thread between two bytecodes, with the interrupted frame. Each sample is weighted by
  the thread CPU time (``thread_time_ns``) spent since the previous one, so signals merged while a long C
  call held the thread still count in full (at the call site, when the call returns).
* **Wall**: a daemon thread wakes every ``interval``, reads the profiled thread's frame from
  ``sys._current_frames()`` and weights the sample by the wall time since its previous one. It needs the
  GIL, so it sees native code that releases the GIL (sleep, I/O, the native matcher) while it runs.

Each sample also carries the stage path open at that moment (`stage.StageRecorder.current_path`).

**When a sample gets a ``[native]`` frame.** A frame standing on a ``CALL`` is either inside a C call or
has just returned from one: Python handles signals and hands the GIL over right after C calls, so
"just returned" is the common case and would charge the caller's own bytecode to whatever builtin it
last called. So a pseudo-frame is added only with evidence that the time was spent in the call:

* wall: the kernel shows the thread running or in a system call other than a futex wait
  (``/proc/self/task/<tid>/syscall``; a futex is how a thread waits for the GIL) and it ran no bytecode
  while the sampler looked (its frame and instruction unchanged): it is inside the call. Or the sampler
  got the GIL only after a long hold (late by more than `LONG_HOLD_INTERVALS` switch intervals): the
  call just returned after holding the GIL that long;
* CPU: the sample weighs more than `LONG_HOLD_INTERVALS` intervals (the signal waited for the call to
  return), or the wall sampler saw the thread inside this very call since the previous CPU sample.

    sampler = Sampler(interval_s=0.005, stages=recorder, on_tick=memory.tick)
    sampler.start(); ...; sampler.stop()
    sampler.cpu.weights    # {(stack, stage path): [samples, weight_ns]}
"""

from __future__ import annotations

import platform
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from typing import Final

from parity.profiling.frames import Stack, capture, stands_on_call
from parity.profiling.stage import StageRecorder

SampleKey = tuple[Stack, str | None]

#: x86-64 Linux's futex(2): how a thread blocks waiting for the GIL (or a lock).
_FUTEX_SYSCALL: Final = 202 if platform.machine() == "x86_64" else 98
#: A delay longer than this many switch intervals (or sampling intervals, for CPU) is a long C call.
LONG_HOLD_INTERVALS: Final = 3
#: The GIL switch interval during a session, as a share of the sampling interval (see `Sampler.start`).
SWITCH_INTERVAL_SHARE: Final = 0.2
RESUME_POLL_S: Final = 0.05


@dataclass
class SampleSet:
    """Samples of one clock, merged by (stack, stage path): ``[count, weight_ns]`` each."""

    clock: str
    weights: dict[SampleKey, list[int]] = field(default_factory=dict)
    count: int = 0
    weight_ns: int = 0

    def add(self, stack: Stack, stage_path: str | None, weight_ns: int) -> None:
        entry = self.weights.get((stack, stage_path))
        if entry is None:
            self.weights[(stack, stage_path)] = [1, weight_ns]
        else:
            entry[0] += 1
            entry[1] += weight_ns
        self.count += 1
        self.weight_ns += weight_ns


class Sampler:
    """CPU samples by SIGPROF and wall samples by a thread, of the thread that creates it (the main one
    for CPU samples: signals are only handled there; elsewhere CPU sampling is off and `notes` says so)."""

    def __init__(self, *, interval_s: float, stages: StageRecorder,
                 on_tick: Callable[[], None] | None = None) -> None:
        self.interval_s = interval_s
        self.cpu = SampleSet("cpu")
        self.wall = SampleSet("wall")
        self.notes: list[str] = []
        #: CPU time the profiler itself used: in the signal handler (charged to the profiled thread) and
        #: in the wall-sampling thread.
        self.handler_cpu_ns = 0
        self.thread_cpu_ns = 0
        self._stages = stages
        self._on_tick = on_tick
        self._thread_id = threading.get_ident()
        self._native_thread_id = threading.get_native_id()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._previous_handler: signal.Handlers | Callable[..., object] | int | None = None
        self._cpu_sampling = threading.current_thread() is threading.main_thread()
        self._paused = False
        #: Where the current stretch of sampled time started, and time carried over a pause (see `pause`).
        self._cpu_mark_ns = 0
        self._wall_mark_ns = 0
        self._pending_cpu_ns = 0
        self._pending_wall_ns = 0
        self._lock = threading.Lock()
        self._resumed = threading.Event()
        self._resumed.set()
        self._saved_switch_interval = sys.getswitchinterval()
        self._switch_interval_s = self._saved_switch_interval
        #: (frame id, instruction) where the wall sampler last saw the thread inside a C call.
        self._seen_in_native: tuple[int, int] | None = None

    @property
    def interval_ns(self) -> int:
        return round(self.interval_s * 1e9)

    def start(self) -> None:
        """Starts both samplers. The GIL switch interval is lowered (to a fifth of the sampling interval,
        restored by `stop`) so that the wall sampler gets the GIL soon after it asks: with CPython's default
        5 ms, work shorter than that would never be seen running."""
        self._saved_switch_interval = sys.getswitchinterval()
        self._switch_interval_s = min(self._saved_switch_interval, SWITCH_INTERVAL_SHARE * self.interval_s)
        sys.setswitchinterval(self._switch_interval_s)
        self._cpu_mark_ns, self._wall_mark_ns = time.thread_time_ns(), time.perf_counter_ns()
        if self._cpu_sampling:
            self._previous_handler = signal.signal(signal.SIGPROF, self._on_sigprof)
            signal.siginterrupt(signal.SIGPROF, False)  # restart system calls the signal interrupts
            signal.setitimer(signal.ITIMER_PROF, self.interval_s, self.interval_s)
        else:
            self.notes.append("CPU samples off: the profiled code did not run in the main thread")
        self._thread = threading.Thread(target=self._sample_wall, name="parity-profiling-wall", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._cpu_sampling:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, self._previous_handler or signal.SIG_DFL)
        self._stop.set()
        self._resumed.set()
        if self._thread is not None:
            self._thread.join()
        sys.setswitchinterval(self._saved_switch_interval)

    def pause(self) -> None:
        """Samples are dropped until `resume` (corpus mode: while the driver reads the next request). The
        time since the last sample is carried over to the next sample after `resume`, so the end of each
        request still counts (charged to a random later point of the profiled work: unbiased on average)."""
        with self._lock:
            self._pending_cpu_ns += time.thread_time_ns() - self._cpu_mark_ns
            self._pending_wall_ns += time.perf_counter_ns() - self._wall_mark_ns
            self._paused = True
            self._resumed.clear()

    def resume(self) -> None:
        with self._lock:
            self._cpu_mark_ns = time.thread_time_ns()
            self._wall_mark_ns = time.perf_counter_ns()
            self._paused = False
            self._resumed.set()

    def _on_sigprof(self, signum: int, frame: FrameType | None) -> None:
        started = time.thread_time_ns()
        if not self._paused and frame is not None:
            stretch = started - self._cpu_mark_ns
            native = stretch > LONG_HOLD_INTERVALS * self.interval_ns or self._seen_in_native == (id(frame), frame.f_lasti)
            self.cpu.add(capture(frame, native=native), self._stages.current_path(), stretch + self._pending_cpu_ns)
            self._pending_cpu_ns = 0
            self._seen_in_native = None
            self._cpu_mark_ns = time.thread_time_ns()
        self.handler_cpu_ns += time.thread_time_ns() - started

    def _inside_c_call(self, frame: FrameType) -> bool:
        """Whether the thread is inside the C call its frame stands on, rather than waiting for the GIL at
        it: the kernel shows it running or blocked in a system call other than a futex, and it did not run
        a single bytecode while this thread read that (reading ``/proc`` releases the GIL)."""
        lasti = frame.f_lasti
        blocked = _blocked_outside_python(self._native_thread_id)
        return blocked and sys._current_frames().get(self._thread_id) is frame and frame.f_lasti == lasti

    def _sample_wall(self) -> None:
        long_hold_ns = LONG_HOLD_INTERVALS * self._switch_interval_s * 1e9
        while True:
            if self._paused:
                self._resumed.wait(RESUME_POLL_S)  # sample soon after the work resumes, not in the gap
            asleep = time.perf_counter_ns()
            if self._stop.wait(self.interval_s):
                break
            with self._lock:
                now = time.perf_counter_ns()
                frame = sys._current_frames().get(self._thread_id)
                if frame is not None and not self._paused:
                    native = stands_on_call(frame) and (now - asleep - self.interval_ns > long_hold_ns
                                                        or self._inside_c_call(frame))
                    stack = capture(frame, native=native)
                    if native and stack and stack[-1].is_native:
                        self._seen_in_native = (id(frame), frame.f_lasti)
                    self.wall.add(stack, self._stages.current_path(), now - self._wall_mark_ns + self._pending_wall_ns)
                    self._pending_wall_ns = 0
                    self._wall_mark_ns = now
                del frame  # a frame reference would keep the profiled thread's locals alive
            if self._on_tick is not None:
                self._on_tick()
        self.thread_cpu_ns = time.thread_time_ns()




def _blocked_outside_python(native_thread_id: int) -> bool:
    """True when the kernel shows the thread running or in a system call other than a futex wait
    (a futex wait is how a thread waits for the GIL, which would make it look native when it is not)."""
    try:
        with open(f"/proc/self/task/{native_thread_id}/syscall", "rb") as syscall:
            first = syscall.read().split(maxsplit=1)[0]
    except (OSError, IndexError):
        return False
    return first == b"running" or (first.isdigit() and int(first) != _FUTEX_SYSCALL)
