"""A handler whose time is known: a CPU-bound stage (`COMPUTE_MS` of thread CPU time per request) and a
waiting stage (`WAIT_MS` of sleep), so ~60 % compute and ~40 % waiting by wall time."""

from __future__ import annotations

import time
from typing import Any, Final

from parity import stage

COMPUTE_MS: Final = 6.0
WAIT_MS: Final = 4.0


def burn_cpu(milliseconds: float) -> int:
    """Pure-Python arithmetic until this thread has used ``milliseconds`` of CPU time (not wall time:
    a busy host stretches the wall time, never the CPU time)."""
    deadline = time.thread_time_ns() + int(milliseconds * 1e6)
    total = 0
    while time.thread_time_ns() < deadline:
        for value in range(200):
            total += value * value
    return total


class SyntheticHandler:
    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: Any) -> int:
        with stage("compute"):
            total = burn_cpu(COMPUTE_MS)
        with stage("wait"):
            time.sleep(WAIT_MS / 1000)
        return total


handler = SyntheticHandler()
