"""SIGINT and SIGTERM during ``import``: raised as ``Interrupted`` in the main thread, so the job is marked.

Python runs signal handlers in the main thread only, between two bytecodes; the handler raises there, the
worker marks the job ``interrupted`` (saying which signal and how to resume), and the command exits
``128 + signal``: 130 for SIGINT, 143 for SIGTERM, as a shell reports a process killed by the signal. The
shadow and recorder threads are daemons, and an interrupted job does not wait for queued shadow runs, so no
thread holds the exit back. A second signal while the job's end is being written interrupts that write: the
job then shows as stale, and ``jobs recover`` marks it.

    with stop_signals_raise():
        run_import(options)          # raises Interrupted(signal.SIGTERM) on `kill -TERM`
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Final

#: The signals that stop an import politely; SIGKILL cannot be caught (the job is found stale instead).
STOP_SIGNALS: Final = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A stop signal arrived. A BaseException, like KeyboardInterrupt, so ``except Exception`` does not eat it."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(self.name)

    @property
    def exit_code(self) -> int:
        """130 for SIGINT, 143 for SIGTERM."""
        return 128 + self.signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise Interrupted in the main thread; the old handlers after it.

    Outside the main thread (where Python cannot install handlers) the block runs with the handlers as they are.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
