"""Job records: one row in ``jobs`` per import, its counters, its owner and heartbeat, and stale jobs.

Every function here runs plain statements on a connection; the caller wraps them in
``db.run_transaction`` so they share the batch's transaction and its retries.

A queued or running job is written only by its owner (``Owner``: host, pid, process start time): each of
its updates names the owner, so once ``jobs recover`` has marked the job ``interrupted`` (or another process
has resumed it) the old owner's next batch is refused (``JobTakenError``) and rolled back. The statuses and
the staleness rule are in docs/jobs.md; the commands that show them in job_commands.py.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, Final

from importer import db
from importer.liveness import Owner, stale_reason

QUEUED: Final = "queued"
RUNNING: Final = "running"
SUCCEEDED: Final = "succeeded"
FAILED: Final = "failed"
#: Ended without finishing: by SIGINT or SIGTERM, or found stale (its process gone or silent) and recovered.
INTERRUPTED: Final = "interrupted"
#: Statuses of a job whose process should be alive: the only ones that can be stale.
ACTIVE: Final = (QUEUED, RUNNING)
#: Statuses ``import --resume`` continues from.
RESUMABLE: Final = (INTERRUPTED, FAILED)
#: How ``jobs list`` / ``jobs show`` show an active job found stale (never stored: the stored status stays).
STALE: Final = "stale"

assert set(db.JOB_STATUSES) == {QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED}

#: Row errors printed by ``jobs show`` unless ``--errors`` says otherwise.
DEFAULT_SHOWN_ERRORS: Final = 20


@dataclass(frozen=True)
class JobFile:
    """The file a job imports, as recorded at its start so that a resume can check it is the same (a job
    without a fingerprint, ``sha256`` None, cannot be resumed)."""

    name: str
    path: str
    size: int
    sha256: str | None
    encoding: str


@dataclass
class JobCounters:
    """What a job has done so far; ``lost`` must be 0 when it ends."""

    rows_read: int = 0
    results: int = 0
    matched: int = 0
    possible: int = 0
    new: int = 0
    row_errors: int = 0
    blank_lines: int = 0

    @property
    def lost(self) -> int:
        return self.rows_read - self.results - self.row_errors

    @classmethod
    def of_job(cls, job: dict[str, Any]) -> JobCounters:
        """The counters stored in a ``jobs`` row (those of its last committed batch, for an unfinished job)."""
        return cls(**{name: job[name] for name in _COUNTER_COLUMNS})

    def describe(self) -> str:
        """``10,000 rows read = 9,802 results (…) + 198 row errors, 0 lost; 3 blank lines skipped``."""
        return (
            f"{_count(self.rows_read, 'row')} read = {_count(self.results, 'result')} "
            f"({self.matched:,} matched, {self.possible:,} possible, {self.new:,} new) "
            f"+ {_count(self.row_errors, 'row error')}, {self.lost:,} lost; "
            f"{_count(self.blank_lines, 'blank line')} skipped"
        )


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


_COUNTER_COLUMNS: Final = tuple(item.name for item in fields(JobCounters))
_SET_COUNTERS: Final = ", ".join(f"{name} = ?" for name in _COUNTER_COLUMNS)


def create_job(conn: sqlite3.Connection, *, file: JobFile, batch_size: int, owner: Owner) -> int:
    """Insert a queued job owned by ``owner`` and return its id."""
    now = db.utc_now()
    cursor = conn.execute(
        "INSERT INTO jobs (file_name, file_path, file_size, file_sha256, encoding, status, batch_size, created_at, "
        "updated_at, owner_host, owner_pid, owner_started, heartbeat_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (file.name, file.path, file.size, file.sha256, file.encoding, QUEUED, batch_size, now, now, *_owner(owner),
         now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def start_job(conn: sqlite3.Connection, job_id: int, owner: Owner) -> None:
    now = db.utc_now()
    _owned_update(conn, job_id, owner, "status = ?, started_at = ?, updated_at = ?, heartbeat_at = ?",
                  (RUNNING, now, now, now))


def claim_job(conn: sqlite3.Connection, job_id: int, owner: Owner, *, status: str) -> None:
    """Take over a job in ``status`` (interrupted or failed) to resume it: running again, owned by ``owner``.

    JobTakenError if its status changed meanwhile (another process resumed it first).
    """
    now = db.utc_now()
    cursor = conn.execute(
        "UPDATE jobs SET status = ?, error_message = NULL, finished_at = NULL, updated_at = ?, heartbeat_at = ?, "
        "owner_host = ?, owner_pid = ?, owner_started = ?, resumes = resumes + 1, resumed_at = ? "
        "WHERE id = ? AND status = ?",
        (RUNNING, now, now, *_owner(owner), now, job_id, status),
    )
    if cursor.rowcount != 1:
        raise JobTakenError(f"job {job_id} is no longer {status}: another process resumed it first")


def beat(conn: sqlite3.Connection, job_id: int, owner: Owner) -> None:
    """The heartbeat alone (after loading the customers); batches beat in ``save_progress``."""
    now = db.utc_now()
    _owned_update(conn, job_id, owner, "heartbeat_at = ?, updated_at = ?", (now, now))


def save_progress(conn: sqlite3.Connection, job_id: int, counters: JobCounters, progress: float, *,
                  batches: int, owner: Owner) -> None:
    """The counters after a batch, the batches committed and the heartbeat, in the batch's transaction.

    JobTakenError (rolling the batch back) if ``owner`` no longer runs the job: ``jobs recover`` found it stale.
    """
    now = db.utc_now()
    _owned_update(conn, job_id, owner, f"{_SET_COUNTERS}, progress = ?, batches = ?, updated_at = ?, heartbeat_at = ?",
                  (*asdict(counters).values(), progress, batches, now, now))


def finish_job(conn: sqlite3.Connection, job_id: int, *, status: str, counters: JobCounters, owner: Owner,
               error_message: str | None = None) -> bool:
    """Final status; False (nothing written) if ``owner`` no longer runs the job.

    A job that succeeded gets its final counters and progress 1.0. Any other end keeps the counters of its last
    committed batch: they were stored with the batch's rows, while the process's own copy may lag behind by
    the batch whose commit a signal interrupted.
    """
    now = db.utc_now()
    if status == SUCCEEDED:
        assignments = f"status = ?, {_SET_COUNTERS}, progress = 1.0, error_message = ?, finished_at = ?, updated_at = ?"
        values: tuple[Any, ...] = (status, *asdict(counters).values(), error_message, now, now)
    else:
        assignments = "status = ?, error_message = ?, finished_at = ?, updated_at = ?"
        values = (status, error_message, now, now)
    try:
        _owned_update(conn, job_id, owner, assignments, values)
    except JobTakenError:
        return False
    return True


def mark_interrupted(conn: sqlite3.Connection, job: dict[str, Any], message: str) -> bool:
    """End a stale job (as read in this transaction) as interrupted; False if it changed since."""
    now = db.utc_now()
    cursor = conn.execute(
        "UPDATE jobs SET status = ?, error_message = ?, finished_at = ?, updated_at = ? "
        "WHERE id = ? AND status = ? AND updated_at = ?",
        (INTERRUPTED, message, now, now, job["id"], job["status"], job["updated_at"]),
    )
    return cursor.rowcount == 1


class JobTakenError(Exception):
    """The job is no longer this process's to write: recovered as stale, or resumed by another process."""


def _owner(owner: Owner) -> tuple[str, int, int | None]:
    return owner.host, owner.pid, owner.started


def _owned_update(conn: sqlite3.Connection, job_id: int, owner: Owner, assignments: str,
                  values: tuple[Any, ...]) -> None:
    """``UPDATE jobs SET assignments`` on a queued or running job that ``owner`` runs; JobTakenError if none."""
    cursor = conn.execute(
        f"UPDATE jobs SET {assignments} WHERE id = ? AND status IN (?, ?) "
        "AND owner_host = ? AND owner_pid = ? AND owner_started IS ?",
        (*values, job_id, QUEUED, RUNNING, *_owner(owner)),
    )
    if cursor.rowcount != 1:
        raise JobTakenError(f"job {job_id} is no longer run by this process (pid {owner.pid}): another process "
                            f"marked it stale (`jobs recover`) or resumed it")


def stored_counts(conn: sqlite3.Connection, job_id: int) -> tuple[int, int]:
    """(rows in ``matches``, rows in ``row_errors``) for the job: what really reached the database."""
    (results,) = conn.execute("SELECT COUNT(*) FROM matches WHERE job_id = ?", (job_id,)).fetchone()
    (errors,) = conn.execute("SELECT COUNT(*) FROM row_errors WHERE job_id = ?", (job_id,)).fetchone()
    return results, errors


def load_job(conn: sqlite3.Connection, job_id: int) -> dict[str, Any] | None:
    cursor = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip((column[0] for column in cursor.description), row))


def load_row_errors(conn: sqlite3.Connection, job_id: int, limit: int) -> list[tuple[int, str]]:
    """(row_number, message) of the job's first row errors, in row order."""
    return conn.execute(
        "SELECT row_number, message FROM row_errors WHERE job_id = ? ORDER BY row_number LIMIT ?",
        (job_id, limit),
    ).fetchall()


def load_jobs(conn: sqlite3.Connection, statuses: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Every job (or those in ``statuses``), oldest first."""
    where = f" WHERE status IN ({', '.join('?' for _ in statuses)})" if statuses else ""
    cursor = conn.execute(f"SELECT * FROM jobs{where} ORDER BY id", statuses or ())
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def staleness(job: dict[str, Any], *, now: datetime, stale_after_s: float) -> str | None:
    """Why the job is stale (see liveness.py), or None: finished jobs never are."""
    if job["status"] not in ACTIVE:
        return None
    return stale_reason(job, now=now, stale_after_s=stale_after_s)


@dataclass(frozen=True)
class Recovered:
    """A stale job that ``recover_stale_jobs`` marked interrupted, and why."""

    job_id: int
    reason: str
    message: str


def recover_stale_jobs(conn: sqlite3.Connection, *, db_path: str, now: datetime, stale_after_s: float,
                       by: str) -> list[Recovered]:
    """Mark every stale job ``interrupted``, with a message saying what was found and how to resume it.

    ``by`` names who found it (``jobs recover``, ``import (job 7)``) in the message; ``db_path`` goes into the
    resume command the message gives.
    """
    recovered = []
    for job in load_jobs(conn, ACTIVE):
        reason = staleness(job, now=now, stale_after_s=stale_after_s)
        if reason is None:
            continue
        counters = JobCounters.of_job(job)
        message = (f"interrupted: found stale by {by}: {reason}; {_count(counters.rows_read, 'row')} committed in "
                   f"{_count(job['batches'], 'batch', 'batches')}; "
                   f"{resume_hint(job['file_path'] or job['file_name'], db_path, job['id'])}")
        if mark_interrupted(conn, job, message):
            recovered.append(Recovered(job["id"], reason, message))
    return recovered


def resume_hint(file: str, db_path: str, job_id: int) -> str:
    """``resume with: python -m importer import FILE --db D --resume ID``."""
    return f"resume with: python -m importer import {file} --db {db_path} --resume {job_id}"
