"""SQLite storage: the schema, connections, and transactions retried while the database is busy.

SQLite is the embedded default. The SQL is kept portable (TEXT / INTEGER / REAL, plain ``BEGIN``,
``?`` parameters); moving to PostgreSQL would change:

* ``id INTEGER PRIMARY KEY`` (SQLite's rowid alias) → ``BIGINT GENERATED ALWAYS AS IDENTITY`` for
  ``jobs.id`` and ``BIGINT PRIMARY KEY`` for ``customers.id``; ``cursor.lastrowid`` → ``RETURNING id``;
* ``?`` placeholders → ``%s`` (psycopg), and ``field_scores`` / ``raw`` could become ``JSONB``;
* timestamps could become ``TIMESTAMPTZ`` (here ISO-8601 UTC text, which sorts correctly);
* ``jobs.new`` is an SQL keyword: PostgreSQL accepts it as a column name, stricter databases need it quoted;
* "transient" errors are SQLSTATE 40001 / 40P01 (serialization failure, deadlock) instead of
  SQLITE_BUSY / SQLITE_LOCKED, and the busy timeout becomes ``lock_timeout``.

Contention is handled here, not by SQLite's busy handler: the connection waits only briefly
(``busy_timeout_ms``) and ``run_transaction`` retries the whole transaction with exponential backoff and
jitter, logging each retry, so a waiting worker is visible in the logs rather than silently stalled.
"""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_BUSY_TIMEOUT_MS: Final = 100
DEFAULT_RETRY_ATTEMPTS: Final = 8

SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS customers (
        id INTEGER PRIMARY KEY,
        first_name TEXT, last_name TEXT, email TEXT, phone TEXT,
        street TEXT, city TEXT, postcode TEXT, birth_date TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS jobs (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        batch_size INTEGER NOT NULL,
        rows_read INTEGER NOT NULL DEFAULT 0,
        results INTEGER NOT NULL DEFAULT 0,
        matched INTEGER NOT NULL DEFAULT 0,
        possible INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        row_errors INTEGER NOT NULL DEFAULT 0,
        blank_lines INTEGER NOT NULL DEFAULT 0,
        progress REAL NOT NULL DEFAULT 0,
        error_message TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        updated_at TEXT NOT NULL
    )""",
    # One row per input record in exactly one of the two tables: the primary keys make a duplicate fail.
    """CREATE TABLE IF NOT EXISTS matches (
        job_id INTEGER NOT NULL REFERENCES jobs (id),
        row_number INTEGER NOT NULL,
        line_number INTEGER NOT NULL,
        external_ref TEXT,
        status TEXT NOT NULL,
        customer_id INTEGER,
        score REAL,
        field_scores TEXT NOT NULL,
        candidates INTEGER NOT NULL,
        PRIMARY KEY (job_id, row_number)
    )""",
    """CREATE TABLE IF NOT EXISTS row_errors (
        job_id INTEGER NOT NULL REFERENCES jobs (id),
        row_number INTEGER NOT NULL,
        line_number INTEGER NOT NULL,
        field TEXT,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        raw TEXT,
        PRIMARY KEY (job_id, row_number)
    )""",
)


class DatabaseBusyError(Exception):
    """The database stayed locked by another connection for the whole retry budget."""


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for transient errors: ``attempts`` tries, delays doubling from ``initial_delay`` up to ``max_delay``.

    Each delay is drawn from [delay/2, delay] ("equal jitter") so competing workers spread out. The RNG is
    unseeded by default for that reason; tests pass ``random.Random(seed)`` and a fake ``sleep``.
    """

    attempts: int = DEFAULT_RETRY_ATTEMPTS
    initial_delay: float = 0.05
    max_delay: float = 2.0
    rng: random.Random = field(default_factory=random.Random, compare=False)
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"RetryPolicy.attempts: expected >= 1, got {self.attempts}")

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (1-based)."""
        ceiling = min(self.max_delay, self.initial_delay * 2 ** (retry - 1))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)


def utc_now() -> str:
    """ISO-8601 UTC timestamp with milliseconds, e.g. ``2024-05-01T12:00:00.123Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def connect(path: str | Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are explicit, through ``run_transaction``."""
    conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")  # SQLite-only; PostgreSQL always enforces them
    return conn


def is_transient(exc: BaseException) -> bool:
    """True for errors worth retrying: another connection holds a lock."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def run_transaction(
    conn: sqlite3.Connection,
    work: Callable[[sqlite3.Connection], T],
    *,
    operation: str,
    policy: RetryPolicy,
    log_extra: Mapping[str, Any] | None = None,
) -> T:
    """Run ``work(conn)`` in one transaction, retrying the whole transaction while the database is busy.

    ``work`` may run more than once, so it must not change state outside the database. ``operation``
    names the step in logs and errors ("storing batch 4"). Raises DatabaseBusyError when retries run out.
    """
    started = time.perf_counter()
    for attempt in range(1, policy.attempts + 1):
        try:
            conn.execute("BEGIN")
            result = work(conn)
            conn.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            _rollback(conn)
            if not is_transient(exc):
                raise
            if attempt == policy.attempts:
                elapsed = time.perf_counter() - started
                raise DatabaseBusyError(
                    f"database is locked by another connection: gave up {operation} "
                    f"after {attempt} attempts over {elapsed:.1f} s ({exc})"
                ) from exc
            delay = policy.delay(attempt)
            log.warning(
                "database busy, retrying",
                extra={**(log_extra or {}), "operation": operation, "attempt": attempt,
                       "delay_ms": round(delay * 1000), "error": str(exc)},
            )
            policy.sleep(delay)
        except BaseException:
            _rollback(conn)
            raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def ensure_schema(conn: sqlite3.Connection, policy: RetryPolicy) -> None:
    """Create the tables if they are missing."""

    def create(c: sqlite3.Connection) -> None:
        for statement in SCHEMA:
            c.execute(statement)

    run_transaction(conn, create, operation="creating the schema", policy=policy)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.debug("rollback failed", exc_info=True)
