"""Is a job's process still there? The owner a running job records, and the rule that finds it stale.

A job in ``queued`` or ``running`` records its owner: the host name, the pid, and the process's start time
(``/proc/<pid>/stat`` field 22, clock ticks since boot), so that a pid the kernel has since given to another
process is not mistaken for the owner. The owner also writes a heartbeat (a UTC timestamp) with each batch
it commits. The job is **stale** when

* its owner is on this host and that process is gone (no such pid, a zombie, or a pid with another start
  time), or
* its heartbeat is older than ``stale_after_s`` (``DEFAULT_STALE_AFTER_S``, ``--stale-after``), wherever
  the owner runs.

    owner = Owner.current()                        # Owner(host="db1", pid=4242, started=123456)
    stale_reason(job_row, now=utc_datetime(), stale_after_s=600)   # "owner pid 1234 on host db1 is gone"

docs/jobs.md states the rule for operators.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final

#: Seconds without a heartbeat after which a queued or running job is stale. A healthy job beats at its start,
#: after loading the customers (seconds for 200,000 of them) and with every batch (seconds for 1,000 rows
#: against 200,000 customers on the Python backend): ten minutes cannot fire on a job that is making progress.
DEFAULT_STALE_AFTER_S: Final = 600

_PROC: Final = Path("/proc")
#: Field 22 of /proc/<pid>/stat, as an index into the fields after the command name (which starts at field 3).
_START_TIME_INDEX: Final = 22 - 3
_ZOMBIE: Final = "Z"


@dataclass(frozen=True)
class Owner:
    """The process running a job: ``started`` is None where /proc is not available."""

    host: str
    pid: int
    started: int | None

    @classmethod
    def current(cls) -> Owner:
        pid = os.getpid()
        return cls(socket.gethostname(), pid, process_start_time(pid))

    def label(self) -> str:
        """``4242@db1``: how ``jobs list`` shows the owner."""
        return f"{self.pid}@{self.host}"


def process_start_time(pid: int) -> int | None:
    """The process's start time in clock ticks after boot, or None if /proc cannot say."""
    state = _proc_stat(pid)
    return int(state[_START_TIME_INDEX]) if state is not None else None


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat from field 3 (the state) on; None if there is no such process."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 1:].split()  # the command name (field 2) may hold spaces and parentheses


def owner_gone(owner: Owner) -> str | None:
    """Why ``owner`` (a process on this host) is gone, or None while it runs."""
    gone = f"owner pid {owner.pid} on host {owner.host} is gone"
    if _PROC.is_dir():
        state = _proc_stat(owner.pid)
        if state is None:
            return gone
        if state[0] == _ZOMBIE:
            return f"{gone} (exited; its parent has not reaped it)"
        if owner.started is not None and int(state[_START_TIME_INDEX]) != owner.started:
            return f"{gone} (pid {owner.pid} now belongs to a process started later)"
        return None
    try:  # no /proc: ask the kernel whether the pid exists at all
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return gone
    except PermissionError:
        return None  # it exists, under another user
    return None


def stale_reason(job: Mapping[str, Any], *, now: datetime, stale_after_s: float,
                 host: str | None = None) -> str | None:
    """Why the job row (an active one: queued or running) is stale, or None if it looks alive.

    The heartbeat of a job written before heartbeats existed is its ``updated_at``.
    """
    this_host = host if host is not None else socket.gethostname()
    if job.get("owner_pid") is not None and job.get("owner_host") == this_host:
        reason = owner_gone(Owner(job["owner_host"], job["owner_pid"], job.get("owner_started")))
        if reason is not None:
            return reason
    beat = job.get("heartbeat_at") or job.get("updated_at")
    if beat is None:
        return None
    silent = (now - parse_utc(beat)).total_seconds()
    if silent > stale_after_s:
        return f"no heartbeat for {describe_duration(silent)} (limit {describe_duration(stale_after_s)})"
    return None


def utc_datetime() -> datetime:
    return datetime.now(timezone.utc)


def parse_utc(text: str) -> datetime:
    """A timestamp as ``db.utc_now`` writes it (``2024-05-01T12:00:00.123Z``)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def describe_duration(seconds: float) -> str:
    """``45 s``, ``14 min``, ``3 h``: how long a heartbeat has been missing."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 120 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.0f} h"
