"""A locked database: the worker waits with logged retries, and gives up with a readable message."""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from importer import db
from importer.matching import Matcher
from importer.worker import ImportOptions, run_import

HEADER = "first_name,last_name,email,phone,street,city,postcode,birth_date"
ROWS = "".join(f"Person{n},Lee,p{n}@example.org,,,,,\n" for n in range(1, 8))


@pytest.fixture
def import_file(tmp_path: Path) -> Path:
    path = tmp_path / "import.csv"
    path.write_text(HEADER + "\n" + ROWS, encoding="utf-8")
    return path


class Lock:
    """Another connection holding ``BEGIN EXCLUSIVE``: nobody else can read or write."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._released = threading.Event()

    def take(self) -> None:
        self.conn.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if not self._released.is_set():
            self._released.set()
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.release()
        self.conn.close()


@pytest.fixture
def lock(customer_db: Path) -> Iterator[Lock]:
    holder = Lock(customer_db)
    yield holder
    holder.close()


def quick_policy(attempts: int, sleep: Callable[[float], None] | None = None) -> db.RetryPolicy:
    extra: dict[str, Any] = {} if sleep is None else {"sleep": sleep}
    return db.RetryPolicy(attempts=attempts, initial_delay=0.01, max_delay=0.05, rng=random.Random(7), **extra)


def test_a_short_lock_is_waited_out_and_each_retry_logged(import_file: Path, customer_db: Path, lock: Lock,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    lock.take()
    timer = threading.Timer(0.3, lock.release)
    timer.start()
    try:
        outcome = run_import(ImportOptions(file=import_file, db=customer_db, quiet=True,
                                           retry=db.RetryPolicy(rng=random.Random(1))))
    finally:
        timer.cancel()
        timer.join()

    assert outcome.status == "succeeded", outcome.error_message
    assert outcome.counters.results == 7
    retries = [r for r in caplog.records if r.getMessage() == "database busy, retrying"]
    assert retries, "the wait should have been logged"
    assert [r.attempt for r in retries] == list(range(1, len(retries) + 1))  # type: ignore[attr-defined]
    assert all(r.delay_ms > 0 and "locked" in r.error for r in retries)  # type: ignore[attr-defined]


def test_a_lock_held_past_the_retry_budget_fails_with_a_readable_message(
        import_file: Path, customer_db: Path, lock: Lock) -> None:
    lock.take()

    outcome = run_import(ImportOptions(file=import_file, db=customer_db, quiet=True, busy_timeout_ms=10,
                                       retry=quick_policy(attempts=3)))

    assert outcome.status == "failed"
    assert outcome.job_id is None  # the database never let the job row be written
    assert outcome.error_message is not None
    assert outcome.error_message.startswith(
        f"database {customer_db}: database is locked by another connection: gave up creating the schema "
        "after 3 attempts over ")
    assert outcome.error_message.endswith(" s (database is locked)")


def test_a_lock_taken_during_the_job_fails_it_and_the_failure_is_recorded(
        import_file: Path, customer_db: Path, lock: Lock) -> None:
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        # The store gives up after 3 attempts (2 sleeps); recording the failure then waits once more.
        sleeps.append(seconds)
        if len(sleeps) == 3:
            lock.release()

    class MatcherTakingTheLock(Matcher):
        def match(self, rows: Any) -> Any:  # the lock is taken while the first batch is matched
            if not lock.conn.in_transaction:
                lock.take()
            return super().match(rows)

    def matcher_taking_the_lock(customers: list[dict[str, Any]]) -> Matcher:
        return MatcherTakingTheLock(customers)

    outcome = run_import(ImportOptions(file=import_file, db=customer_db, quiet=True, busy_timeout_ms=10,
                                       retry=quick_policy(attempts=3, sleep=sleep),
                                       matcher_factory=matcher_taking_the_lock))

    assert outcome.status == "failed"
    assert len(sleeps) == 3
    assert outcome.error_message is not None
    assert "database is locked by another connection: gave up storing batch 1 after 3 attempts" in outcome.error_message
    conn = sqlite3.connect(customer_db)
    try:
        status, message, rows_read = conn.execute(
            "SELECT status, error_message, rows_read FROM jobs WHERE id = ?", (outcome.job_id,)).fetchone()
        stored = conn.execute("SELECT COUNT(*) FROM matches").fetchone()[0]
    finally:
        conn.close()
    assert (status, message, rows_read, stored) == ("failed", outcome.error_message, 0, 0)


def test_other_database_errors_are_not_retried(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    calls: list[int] = []

    def work(c: sqlite3.Connection) -> None:
        calls.append(1)
        c.execute("SELECT * FROM no_such_table")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        db.run_transaction(conn, work, operation="reading", policy=quick_policy(attempts=5, sleep=lambda s: None))
    conn.close()
    assert calls == [1]


def test_backoff_doubles_up_to_the_cap_with_jitter() -> None:
    policy = db.RetryPolicy(initial_delay=0.05, max_delay=0.3, rng=random.Random(3))

    delays = [policy.delay(retry) for retry in range(1, 7)]

    ceilings = [0.05, 0.1, 0.2, 0.3, 0.3, 0.3]
    assert all(ceiling / 2 <= delay <= ceiling for delay, ceiling in zip(delays, ceilings)), delays
    again = db.RetryPolicy(initial_delay=0.05, max_delay=0.3, rng=random.Random(3))
    assert [again.delay(retry) for retry in range(1, 7)] == delays  # seeded: reproducible
