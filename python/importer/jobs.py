"""Job records: one row in ``jobs`` per import, its counters, and ``jobs show``.

Every function here runs plain statements on a connection; the caller wraps them in
``db.run_transaction`` so they share the batch's transaction and its retries.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Final

from importer import db

QUEUED: Final = "queued"
RUNNING: Final = "running"
SUCCEEDED: Final = "succeeded"
FAILED: Final = "failed"

#: Row errors printed by ``jobs show`` unless ``--errors`` says otherwise.
DEFAULT_SHOWN_ERRORS: Final = 20


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

    def describe(self) -> str:
        """``10,000 rows read = 9,802 results (…) + 198 row errors, 0 lost; 3 blank lines skipped``."""
        return (
            f"{_count(self.rows_read, 'row')} read = {_count(self.results, 'result')} "
            f"({self.matched:,} matched, {self.possible:,} possible, {self.new:,} new) "
            f"+ {_count(self.row_errors, 'row error')}, {self.lost:,} lost; "
            f"{_count(self.blank_lines, 'blank line')} skipped"
        )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


_COUNTER_COLUMNS: Final = tuple(item.name for item in fields(JobCounters))
_SET_COUNTERS: Final = ", ".join(f"{name} = ?" for name in _COUNTER_COLUMNS)


def create_job(conn: sqlite3.Connection, *, file_name: str, file_size: int, batch_size: int) -> int:
    """Insert a queued job and return its id."""
    now = db.utc_now()
    cursor = conn.execute(
        "INSERT INTO jobs (file_name, file_size, status, batch_size, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (file_name, file_size, QUEUED, batch_size, now, now),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def start_job(conn: sqlite3.Connection, job_id: int) -> None:
    now = db.utc_now()
    conn.execute("UPDATE jobs SET status = ?, started_at = ?, updated_at = ? WHERE id = ?",
                 (RUNNING, now, now, job_id))


def save_progress(conn: sqlite3.Connection, job_id: int, counters: JobCounters, progress: float) -> None:
    conn.execute(
        f"UPDATE jobs SET {_SET_COUNTERS}, progress = ?, updated_at = ? WHERE id = ?",
        (*asdict(counters).values(), progress, db.utc_now(), job_id),
    )


def finish_job(conn: sqlite3.Connection, job_id: int, *, status: str, counters: JobCounters,
               error_message: str | None = None) -> None:
    """Final status and counters; progress is 1.0 only for a job that succeeded."""
    now = db.utc_now()
    conn.execute(
        f"UPDATE jobs SET status = ?, {_SET_COUNTERS}, progress = CASE WHEN ? THEN 1.0 ELSE progress END, "
        "error_message = ?, finished_at = ?, updated_at = ? WHERE id = ?",
        (status, *asdict(counters).values(), status == SUCCEEDED, error_message, now, now, job_id),
    )


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


def run_jobs_show(args: argparse.Namespace) -> int:
    """Print the job's row and its first row errors; exit 1 if there is no such job."""
    if not Path(args.db).is_file():
        print(f"importer: error: {args.db}: no such database file", file=sys.stderr)
        return 1
    try:
        conn = db.connect(args.db)
        try:
            policy = db.RetryPolicy()
            job = db.run_transaction(conn, lambda c: load_job(c, args.job_id), operation="reading the job",
                                     policy=policy)
            errors = db.run_transaction(conn, lambda c: load_row_errors(c, args.job_id, args.errors),
                                        operation="reading row errors", policy=policy)
        finally:
            conn.close()
    except (sqlite3.Error, db.DatabaseBusyError) as exc:
        print(f"importer: error: {args.db}: {exc}", file=sys.stderr)
        return 1
    if job is None:
        print(f"importer: error: no job {args.job_id} in {args.db}", file=sys.stderr)
        return 1
    width = max(len(name) for name in job)
    for name, value in job.items():
        print(f"{name:<{width}}  {'' if value is None else value}")
    if errors:
        print(f"\nrow errors (first {len(errors)} of {job['row_errors']:,}):")
        for _, message in errors:
            print(f"  {message}")
    return 0
