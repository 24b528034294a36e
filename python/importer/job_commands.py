"""``jobs list``, ``jobs show`` and ``jobs recover``: what the jobs of a database are doing, stale ones included.

    python -m importer jobs list --db importer.db        # one line per job; a dead job's status shows as stale
    python -m importer jobs show 3 --db importer.db      # every column, why it is stale, its first row errors
    python -m importer jobs recover --db importer.db     # stale jobs -> interrupted, with how to resume them

A job is stale when it is queued or running but its process is gone or silent (liveness.py, docs/jobs.md);
``--stale-after SECONDS`` sets the heartbeat limit. ``list`` and ``show`` only read; ``recover`` writes.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from importer import db, jobs
from importer.liveness import Owner, utc_datetime

T = TypeVar("T")

_LIST_COLUMNS = ("ID", "STATUS", "FILE", "ROWS", "PROGRESS", "UPDATED", "OWNER")


def run_jobs_show(args: argparse.Namespace) -> int:
    """Print the job's row (a stale job's status with the reason) and its first row errors; exit 1 if there is
    no such job."""

    def read(c: sqlite3.Connection) -> tuple[dict[str, Any] | None, list[tuple[int, str]]]:
        return jobs.load_job(c, args.job_id), jobs.load_row_errors(c, args.job_id, args.errors)

    found = _read(args, read, "reading the job")
    if found is None:
        return 1
    job, errors = found
    if job is None:
        print(f"importer: error: no job {args.job_id} in {args.db}", file=sys.stderr)
        return 1
    stale = jobs.staleness(job, now=utc_datetime(), stale_after_s=args.stale_after)
    width = max(len(name) for name in job)
    for name, value in job.items():
        shown = "" if value is None else value
        if name == "status" and stale is not None:
            shown = f"{jobs.STALE} (stored as {value}: {stale}; `jobs recover --db {args.db}` marks it interrupted)"
        print(f"{name:<{width}}  {shown}")
    if errors:
        print(f"\nrow errors (first {len(errors)} of {job['row_errors']:,}):")
        for _, message in errors:
            print(f"  {message}")
    return 0


def run_jobs_list(args: argparse.Namespace) -> int:
    """One line per job, oldest first; stale jobs show as ``stale``, with the reasons below the table."""
    found = _read(args, jobs.load_jobs, "reading the jobs")
    if found is None:
        return 1
    now = utc_datetime()
    lines = [_LIST_COLUMNS]
    notes = []
    for job in found:
        stale = jobs.staleness(job, now=now, stale_after_s=args.stale_after)
        if stale is not None:
            notes.append(f"job {job['id']} is stale: {stale}")
        owner = Owner(job["owner_host"], job["owner_pid"], None).label() if job["owner_pid"] is not None else "-"
        lines.append((str(job["id"]), jobs.STALE if stale else job["status"], job["file_name"],
                      f"{job['rows_read']:,}", f"{job['progress']:.0%}", job["updated_at"], owner))
    widths = [max(len(line[i]) for line in lines) for i in range(len(_LIST_COLUMNS))]
    for line in lines:
        print("  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip())
    for note in notes:
        print(note)
    if notes:
        print(f"`python -m importer jobs recover --db {args.db}` marks stale jobs interrupted")
    return 0


def run_jobs_recover(args: argparse.Namespace) -> int:
    """Mark every stale job interrupted and print what was done (nothing to do is not an error)."""
    if not Path(args.db).is_file():
        print(f"importer: error: {args.db}: no such database file", file=sys.stderr)
        return 1
    try:
        conn = db.connect(args.db)
        try:
            policy = db.RetryPolicy()
            db.ensure_schema(conn, policy)  # an older database gains the `interrupted` status first
            recovered = db.run_transaction(
                conn, lambda c: jobs.recover_stale_jobs(c, db_path=str(args.db), now=utc_datetime(),
                                                        stale_after_s=args.stale_after, by="jobs recover"),
                operation="recovering stale jobs", policy=policy)
        finally:
            conn.close()
    except (sqlite3.Error, db.DatabaseBusyError) as exc:
        print(f"importer: error: {args.db}: {exc}", file=sys.stderr)
        return 1
    if not recovered:
        print(f"no stale jobs in {args.db}")
    for job in recovered:
        print(f"job {job.job_id}: marked interrupted ({job.reason})")
        print(f"  {job.message}")
    return 0


def _read(args: argparse.Namespace, work: Callable[[sqlite3.Connection], T], operation: str) -> T | None:
    """``work`` in one read transaction on ``--db``; None (the error printed) if that is impossible."""
    if not Path(args.db).is_file():
        print(f"importer: error: {args.db}: no such database file", file=sys.stderr)
        return None
    try:
        conn = db.connect(args.db)
        try:
            if not _current_schema(conn):
                db.ensure_schema(conn, db.RetryPolicy())  # migrates an older database, refuses a newer one
            return db.run_transaction(conn, work, operation=operation, policy=db.RetryPolicy())
        finally:
            conn.close()
    except (sqlite3.Error, db.DatabaseBusyError) as exc:
        print(f"importer: error: {args.db}: {exc}", file=sys.stderr)
        return None


def _current_schema(conn: sqlite3.Connection) -> bool:
    """True when the database is at this importer's schema version and needs no migration to be read."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    return bool(version == db.SCHEMA_VERSION)
