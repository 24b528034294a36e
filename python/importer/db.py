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
jitter, logging each retry, so a waiting worker is visible in the logs rather than silently stalled. A batch
gets ``DEFAULT_RETRY_ATTEMPTS`` tries (a few seconds); the write that ends a job gets a longer budget
(``RetryPolicy.min_wait_s``, ``END_STATUS_WAIT_S`` by default), since a job whose end is not recorded stays
``running`` until it is found stale (docs/jobs.md).

The schema is versioned with ``PRAGMA user_version`` (``SCHEMA_VERSION``): ``ensure_schema`` creates a new
database at the current version and migrates an older one in one transaction (``MIGRATIONS``).
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

#: Beyond this many retries the delay has long reached ``max_delay``; capping the exponent keeps it finite.
_MAX_DOUBLINGS: Final = 64

DEFAULT_BUSY_TIMEOUT_MS: Final = 100
DEFAULT_RETRY_ATTEMPTS: Final = 8
#: Seconds the job-end status write keeps retrying (sleeps between tries) before giving up: far longer than a
#: batch's budget, so an outside lock held for tens of seconds does not leave a finished job ``running``.
END_STATUS_WAIT_S: Final = 60

#: ``PRAGMA user_version`` of the schema below. 0: before versioning (no owner, heartbeat or fingerprint
#: columns, no ``interrupted`` status); 1: job liveness and resume.
SCHEMA_VERSION: Final = 1

#: Job statuses, as the ``jobs.status`` CHECK constraint lists them (docs/jobs.md says what each means).
JOB_STATUSES: Final = ("queued", "running", "succeeded", "failed", "interrupted")

_JOBS_TABLE: Final = f"""CREATE TABLE IF NOT EXISTS jobs (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ({", ".join(f"'{status}'" for status in JOB_STATUSES)})),
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
        updated_at TEXT NOT NULL,
        file_path TEXT,
        file_sha256 TEXT,
        encoding TEXT,
        batches INTEGER NOT NULL DEFAULT 0,
        owner_host TEXT,
        owner_pid INTEGER,
        owner_started INTEGER,
        heartbeat_at TEXT,
        resumes INTEGER NOT NULL DEFAULT 0,
        resumed_at TEXT
    )"""

SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS customers (
        id INTEGER PRIMARY KEY,
        first_name TEXT, last_name TEXT, email TEXT, phone TEXT,
        street TEXT, city TEXT, postcode TEXT, birth_date TEXT
    )""",
    _JOBS_TABLE,
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


#: Columns of ``jobs`` at version 0, copied as they are when the table is rebuilt at version 1.
_JOBS_COLUMNS_V0: Final = (
    "id, file_name, file_size, status, batch_size, rows_read, results, matched, possible, new, row_errors, "
    "blank_lines, progress, error_message, created_at, started_at, finished_at, updated_at"
)


class DatabaseBusyError(Exception):
    """The database stayed locked by another connection for the whole retry budget."""


class SchemaVersionError(sqlite3.DatabaseError):
    """The database was written by a newer importer (its ``user_version`` is above ``SCHEMA_VERSION``)."""


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for transient errors: ``attempts`` tries, delays doubling from ``initial_delay`` up to ``max_delay``.

    Each delay is drawn from [delay/2, delay] ("equal jitter") so competing workers spread out. The RNG is
    unseeded by default for that reason; tests pass ``random.Random(seed)`` and a fake ``sleep``.
    ``min_wait_s`` keeps retrying past ``attempts`` until the delays slept add up to that many seconds (the
    job-end write's budget: ``RetryPolicy(min_wait_s=END_STATUS_WAIT_S)``); the time each try itself waits
    for the lock (``busy_timeout_ms``) comes on top.
    """

    attempts: int = DEFAULT_RETRY_ATTEMPTS
    initial_delay: float = 0.05
    max_delay: float = 2.0
    min_wait_s: float = 0.0
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
    waited = 0.0
    attempt = 0
    while True:
        attempt += 1
        try:
            conn.execute("BEGIN")
            result = work(conn)
            conn.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            _rollback(conn)
            if not is_transient(exc):
                raise
            if attempt >= policy.attempts and waited >= policy.min_wait_s:
                elapsed = time.perf_counter() - started
                raise DatabaseBusyError(
                    f"database is locked by another connection: gave up {operation} "
                    f"after {attempt} attempts over {elapsed:.1f} s ({exc})"
                ) from exc
            delay = policy.delay(min(attempt, _MAX_DOUBLINGS))
            waited += delay
            log.warning(
                "database busy, retrying",
                extra={**(log_extra or {}), "operation": operation, "attempt": attempt,
                       "delay_ms": round(delay * 1000), "error": str(exc)},
            )
            policy.sleep(delay)
        except BaseException:
            _rollback(conn)
            raise


def ensure_schema(conn: sqlite3.Connection, policy: RetryPolicy) -> None:
    """Create the tables if they are missing, or bring an older database to ``SCHEMA_VERSION``.

    One transaction: a migration that fails leaves the database as it was. Foreign keys are off meanwhile
    (SQLite's procedure for rebuilding a table that others reference; the pragma cannot change inside a
    transaction) and checked before the commit. Raises SchemaVersionError for a database of a newer importer.
    """

    def create_or_migrate(c: sqlite3.Connection) -> None:
        (version,) = c.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(f"schema version {version} is newer than this importer's ({SCHEMA_VERSION}); "
                                     f"use a newer importer")
        if version < SCHEMA_VERSION and _has_table(c, "jobs"):
            for step in MIGRATIONS[version:]:
                step(c)
            if c.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise sqlite3.IntegrityError("foreign key check failed after migrating the schema")
        for statement in SCHEMA:
            c.execute(statement)
        if version != SCHEMA_VERSION:
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        run_transaction(conn, create_or_migrate, operation="creating the schema", policy=policy)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _migrate_to_v1(conn: sqlite3.Connection) -> None:
    """Version 0 → 1: the ``interrupted`` status (a CHECK constraint, so the table is rebuilt) and the
    liveness and resume columns (NULL or 0 for the jobs already there; they cannot be resumed)."""
    conn.execute(_JOBS_TABLE.replace("CREATE TABLE IF NOT EXISTS jobs", "CREATE TABLE jobs_v1"))
    conn.execute(f"INSERT INTO jobs_v1 ({_JOBS_COLUMNS_V0}) SELECT {_JOBS_COLUMNS_V0} FROM jobs")
    conn.execute("DROP TABLE jobs")
    conn.execute("ALTER TABLE jobs_v1 RENAME TO jobs")
    log.info("database schema migrated", extra={"operation": "version 0 -> 1"})


#: ``MIGRATIONS[v]`` brings a database from version ``v`` to ``v + 1``.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (_migrate_to_v1,)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            log.debug("rollback failed", exc_info=True)
