"""Items of an iterator made in a thread of its own, a few ahead of the one using them.

The import job reads and checks its next batch while the native matcher works on this one without the GIL
(and while SQLite writes, which also releases it), so reading no longer adds to the job's time as long as
it is shorter than matching and storing. The items and their order are the iterator's own; an exception the
iterator raises is raised by ``next()`` in its turn, after the items made before it, so a failure lands at
the same place as without the thread.

    with ReadAhead(batches(source), depth=2) as ahead:
        for batch in ahead:
            store(match(batch))

Leaving the ``with`` block early (an error, a signal) stops the thread before the block's end returns, so
what it reads (a file) can be closed right after. The thread is a daemon: a process that exits without
leaving the block (SIGKILL aside, os._exit) is not held up by it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import Final, Generic, TypeVar

T = TypeVar("T")

#: How often a blocked producer looks whether it was told to stop (seconds).
_STOP_POLL_S: Final = 0.05


class _End:
    """The iterator is exhausted; ``error`` is what it raised instead, if anything."""

    def __init__(self, error: BaseException | None) -> None:
        self.error = error


class ReadAhead(Generic[T]):
    """Iterates ``source`` in a daemon thread, at most ``depth`` items ahead of the consumer."""

    def __init__(self, source: Iterator[T], depth: int = 2, *, name: str = "read-ahead") -> None:
        if depth < 1:
            raise ValueError(f"depth: expected at least 1, got {depth}")
        self._source = source
        self._queue: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._produce, name=name, daemon=True)
        self._thread.start()

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        item = self._queue.get()
        if isinstance(item, _End):
            self._done = True
            self._thread.join()
            if item.error is not None:
                raise item.error
            raise StopIteration
        return item

    def __enter__(self) -> ReadAhead[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the producer (it finishes the item it is making) and wait for it to end."""
        self._stop.set()
        while self._thread.is_alive():
            try:  # make room, so that a producer blocked on a full queue sees the stop
                self._queue.get(timeout=_STOP_POLL_S)
            except queue.Empty:
                pass
        self._done = True

    def _produce(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there in its turn
            self._put(_End(exc))
            return
        self._put(_End(None))

    def _put(self, item: T | _End) -> bool:
        """Queue ``item``, waiting for room; False if told to stop meanwhile."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_STOP_POLL_S)
                return True
            except queue.Full:
                continue
        return False
