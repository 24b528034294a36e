"""A small bounded pool of daemon threads that runs shadow calls off the caller's thread.

The queue is never waited on: `submit` returns False when it is full (the shadow is skipped and
counted by the switch), so a slow or hung candidate can cost the service nothing but those
threads. They are daemons: a candidate call that never returns does not keep the process alive.
Native code that releases the GIL runs truly in parallel with the caller.

    pool = ShadowPool(workers=1, queue_size=8, name="importer.match")
    if not pool.submit(lambda: run_candidate_and_compare()):
        count_skipped()
    pool.close(timeout=5.0)
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Final

LOGGER_NAME: Final = "parity.switch"
_STOP: Final = object()

Task = Callable[[], None]


class ShadowPool:
    """Threads start on the first `submit`; thread-safe."""

    def __init__(self, workers: int, queue_size: int, *, name: str = "shadow") -> None:
        if workers < 1 or queue_size < 1:
            raise ValueError("a shadow pool needs at least one worker and a queue of at least one")
        self._workers = workers
        self._name = name
        self._queue: queue.Queue[object] = queue.Queue(queue_size)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._threads: list[threading.Thread] = []
        self._pending = 0  # queued plus running
        self._closed = False

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending

    def submit(self, task: Task) -> bool:
        """Queue `task`; False, without waiting, if the queue is full or the pool closed."""
        with self._lock:
            if self._closed:
                return False
            self._start_threads()
            self._pending += 1
        try:
            self._queue.put_nowait(task)
            return True
        except queue.Full:
            self._task_done()
            return False

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued task has run; False on timeout (a task is still running)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float | None = None) -> bool:
        """Stop taking tasks, wait for the queued ones up to `timeout`; True if all ended."""
        with self._lock:
            already, self._closed = self._closed, True
            threads = list(self._threads)
        drained = self.flush(timeout)
        if already:
            return drained
        for _ in threads:
            try:
                self._queue.put_nowait(_STOP)
            except queue.Full:  # tasks still hanging: the daemon threads are left to the process's end
                break
        if drained:
            for thread in threads:
                thread.join(timeout)
        return drained

    def _start_threads(self) -> None:
        """Called with the lock held."""
        while len(self._threads) < self._workers:
            thread = threading.Thread(target=self._run, name=f"parity-shadow-{self._name}-{len(self._threads)}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def _run(self) -> None:
        while True:
            task = self._queue.get()
            if task is _STOP:
                return
            try:
                task()  # type: ignore[operator]
            except Exception:  # noqa: BLE001 - the switch catches its own; this keeps the thread alive
                logging.getLogger(LOGGER_NAME).exception("shadow task failed", extra={"pool": self._name})
            finally:
                self._task_done()

    def _task_done(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()


__all__ = ["ShadowPool"]
