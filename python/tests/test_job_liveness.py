"""Jobs whose process dies: SIGTERM and SIGINT mark them interrupted, SIGKILL leaves them stale until recovered,
a locked database cannot leave a finished job running, and an older database migrates.

Real ``python -m importer`` processes and real signals (import_processes.py).
"""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from import_processes import (
    ROWS,
    DataSet,
    ImportProcess,
    assert_every_row_stored_once,
    job,
    make_data_set,
    run_cli,
)

from native_module import diff_engine_or_skip, native_or_skip

from importer import db
from importer.liveness import Owner, owner_gone, process_start_time


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> DataSet:
    return make_data_set(tmp_path_factory.mktemp("synth"))


@pytest.fixture
def database(data: DataSet, tmp_path: Path) -> Path:
    return data.fresh_db(tmp_path)


@pytest.fixture
def processes() -> Iterator[list[ImportProcess]]:
    """The import processes a test starts: killed at its end if still running."""
    started: list[ImportProcess] = []
    yield started
    for process in started:
        process.stop()


def start(data: DataSet, database: Path, processes: list[ImportProcess], tmp_path: Path,
          *args: object) -> ImportProcess:
    process = ImportProcess(data.import_file, database, *args, log=tmp_path / f"import{len(processes)}.log")
    processes.append(process)
    return process


def jobs_list(database: Path, *args: object) -> list[str]:
    done = run_cli("jobs", "list", "--db", database, *args, check=True)
    return done.stdout.splitlines()


def status_column(lines: list[str], job_id: int) -> str:
    (line,) = [line for line in lines[1:] if line.split()[0] == str(job_id)]
    return line.split()[1]


@pytest.mark.parametrize(("signum", "exit_code", "backend"), [
    (signal.SIGTERM, 143, "python"),
    (signal.SIGINT, 130, "python"),
    (signal.SIGTERM, 143, "shadow"),  # queued shadow runs on their threads do not hold the exit back
])
def test_a_stop_signal_marks_the_job_interrupted_with_how_to_resume(
        data: DataSet, database: Path, processes: list[ImportProcess], tmp_path: Path, signum: signal.Signals,
        exit_code: int, backend: str) -> None:
    if backend == "shadow":
        native_or_skip()
        diff_engine_or_skip()
    process = start(data, database, processes, tmp_path, "--backend", backend)
    job_id = process.wait_for_batches(2)

    assert process.send_signal(signum) == exit_code

    record = job(database, job_id)
    assert record["status"] == "interrupted"
    rows = record["rows_read"]
    assert 0 < rows < ROWS
    batches = record["batches"]
    expected = (f"interrupted by {signum.name} after {rows:,} rows committed in {batches:,} batches; resume with: "
                f"python -m importer import {data.import_file} --db {database} --resume {job_id}")
    assert record["error_message"] == expected
    assert f"importer: error: job {job_id} {expected}" in process.stderr()
    assert record["finished_at"] is not None
    assert_every_row_stored_once(database, job_id, rows)
    assert status_column(jobs_list(database), job_id) == "interrupted"


def test_sigkill_leaves_the_job_stale_until_jobs_recover_marks_it_interrupted(
        data: DataSet, database: Path, processes: list[ImportProcess], tmp_path: Path) -> None:
    process = start(data, database, processes, tmp_path)
    job_id = process.wait_for_batches(2)
    pid = process.pid

    assert process.send_signal(signal.SIGKILL) == -signal.SIGKILL

    host = socket.gethostname()
    gone = f"owner pid {pid} on host {host} is gone"
    listed = jobs_list(database)
    assert listed[0].split() == ["ID", "STATUS", "FILE", "ROWS", "PROGRESS", "UPDATED", "OWNER"]
    assert status_column(listed, job_id) == "stale"
    assert listed[1].split()[-1] == f"{pid}@{host}"
    assert listed[-2:] == [f"job {job_id} is stale: {gone}",
                           f"`python -m importer jobs recover --db {database}` marks stale jobs interrupted"]
    shown = run_cli("jobs", "show", job_id, "--db", database, check=True).stdout
    assert re.search(rf"^status +stale \(stored as running: {re.escape(gone)}; `jobs recover --db {database}` "
                     rf"marks it interrupted\)$", shown, re.MULTILINE), shown
    record = job(database, job_id)
    assert record["status"] == "running" and record["owner_pid"] == pid

    recovered = run_cli("jobs", "recover", "--db", database, check=True).stdout.splitlines()

    rows, batches = record["rows_read"], record["batches"]
    message = (f"interrupted: found stale by jobs recover: {gone}; {rows:,} rows committed in {batches:,} batches; "
               f"resume with: python -m importer import {data.import_file} --db {database} --resume {job_id}")
    assert recovered == [f"job {job_id}: marked interrupted ({gone})", f"  {message}"]
    after = job(database, job_id)
    assert (after["status"], after["error_message"], after["rows_read"]) == ("interrupted", message, rows)
    assert status_column(jobs_list(database), job_id) == "interrupted"
    assert run_cli("jobs", "recover", "--db", database, check=True).stdout == f"no stale jobs in {database}\n"


def test_the_next_import_recovers_stale_jobs_before_creating_its_own(
        data: DataSet, database: Path, processes: list[ImportProcess], tmp_path: Path) -> None:
    process = start(data, database, processes, tmp_path)
    dead_job = process.wait_for_batches(1)
    process.send_signal(signal.SIGKILL)
    small = tmp_path / "small.csv"
    small.write_text("".join(data.import_file.read_text().splitlines(keepends=True)[:4]))

    done = run_cli("import", small, "--db", database, "--quiet")

    assert done.returncode == 0, done.stderr
    assert re.search(rf'msg="stale job marked interrupted" job_id={dead_job} error="owner pid {process.pid} on host '
                     rf'.* is gone"', done.stderr), done.stderr
    assert job(database, dead_job)["status"] == "interrupted"
    assert job(database, dead_job)["error_message"].startswith("interrupted: found stale by import: ")
    assert job(database, dead_job + 1)["status"] == "succeeded"


def insert_running_job(database: Path, *, owner: Owner, heartbeat: datetime) -> int:
    beat = heartbeat.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        cursor = conn.execute(
            "INSERT INTO jobs (file_name, file_size, status, batch_size, created_at, updated_at, owner_host, "
            "owner_pid, owner_started, heartbeat_at) VALUES ('x.csv', 10, 'running', 10, ?, ?, ?, ?, ?, ?)",
            (beat, beat, owner.host, owner.pid, owner.started, beat))
        assert cursor.lastrowid is not None
        return cursor.lastrowid
    finally:
        conn.close()


def test_staleness_by_owner_and_by_heartbeat(database: Path) -> None:
    now = datetime.now(timezone.utc)
    me = Owner.current()
    assert me.started == process_start_time(os.getpid())
    alive = insert_running_job(database, owner=me, heartbeat=now)
    pid_reused = insert_running_job(database, owner=Owner(me.host, me.pid, (me.started or 0) + 1), heartbeat=now)
    silent_elsewhere = insert_running_job(database, owner=Owner("elsewhere", 1, 1),
                                          heartbeat=now - timedelta(minutes=14))
    recent_elsewhere = insert_running_job(database, owner=Owner("elsewhere", 1, 1), heartbeat=now)
    silent_here = insert_running_job(database, owner=me, heartbeat=now - timedelta(hours=3))

    listed = jobs_list(database)

    assert [status_column(listed, job_id) for job_id in (alive, pid_reused, silent_elsewhere, recent_elsewhere,
                                                         silent_here)] == [
        "running", "stale", "stale", "running", "stale"]
    notes = [line for line in listed if line.startswith("job ")]
    assert notes == [
        f"job {pid_reused} is stale: owner pid {me.pid} on host {me.host} is gone (pid {me.pid} now belongs to a "
        f"process started later)",
        f"job {silent_elsewhere} is stale: no heartbeat for 14 min (limit 10 min)",
        f"job {silent_here} is stale: no heartbeat for 3 h (limit 10 min)",
    ]
    assert status_column(jobs_list(database, "--stale-after", 3600), silent_elsewhere) == "running"


def test_a_lock_outlasting_a_batch_does_not_leave_the_job_running(
        data: DataSet, database: Path, processes: list[ImportProcess], tmp_path: Path) -> None:
    # The batch gives up after 2 tries; the lock is then held 6 s, longer than the 8 tries (~4.4 s) the job-end
    # write used to get, and far shorter than its budget now (60 s).
    process = start(data, database, processes, tmp_path, "--retry-attempts", "2")
    job_id = process.wait_for_batches(2)
    lock = sqlite3.connect(database, timeout=30, isolation_level=None, check_same_thread=False)
    lock.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(6.0, lock.execute, ("ROLLBACK",))
    release.start()
    try:
        assert process.wait() == 1
    finally:
        release.join()
        lock.close()

    record = job(database, job_id)
    assert record["status"] == "failed"
    assert "database is locked by another connection: gave up storing batch" in record["error_message"]
    assert "could not be recorded" not in process.stderr()
    assert "database busy, retrying" in process.stderr() and 'operation="recording the job\'s end"' in process.stderr()


def test_a_job_end_that_cannot_be_written_exits_1_saying_the_job_will_show_as_stale(
        data: DataSet, database: Path, processes: list[ImportProcess], tmp_path: Path) -> None:
    process = start(data, database, processes, tmp_path, "--retry-attempts", "2", "--end-status-wait", "1")
    job_id = process.wait_for_batches(2)
    lock = sqlite3.connect(database, timeout=30, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        assert process.wait() == 1
    finally:
        lock.execute("ROLLBACK")
        lock.close()

    stderr = process.stderr()
    assert (f"importer: error: the end of job {job_id} (failed) could not be recorded: the database stayed locked "
            f"for the whole --end-status-wait; the job stays 'running' in {database} and will show as stale once "
            f"this process has exited. `python -m importer jobs recover --db {database}` marks it interrupted; then "
            f"resume with: python -m importer import {data.import_file} --db {database} --resume {job_id}") in stderr
    assert job(database, job_id)["status"] == "running"
    assert status_column(jobs_list(database), job_id) == "stale"
    run_cli("jobs", "recover", "--db", database, check=True)
    assert job(database, job_id)["status"] == "interrupted"


def test_the_end_status_budget_retries_until_its_wait_is_spent(tmp_path: Path) -> None:
    holder = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    conn = db.connect(tmp_path / "x.db", busy_timeout_ms=1)
    slept: list[float] = []
    policy = db.RetryPolicy(attempts=3, rng=random.Random(5), sleep=slept.append, min_wait_s=30)
    try:
        with pytest.raises(db.DatabaseBusyError, match="gave up writing after"):
            db.run_transaction(conn, lambda c: c.execute("INSERT INTO t VALUES (1)"), operation="writing",
                               policy=policy)
    finally:
        conn.close()
        holder.close()
    assert sum(slept[:-1]) < 30 <= sum(slept)
    assert len(slept) > 3 and max(slept) <= 2.0


# The jobs table as the importer created it before job liveness (schema version 0).
V0_JOBS = """CREATE TABLE jobs (
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
)"""
V0_RESULTS = """CREATE TABLE {table} (
    job_id INTEGER NOT NULL REFERENCES jobs (id),
    row_number INTEGER NOT NULL,
    line_number INTEGER NOT NULL,
    {columns},
    PRIMARY KEY (job_id, row_number)
)"""


def version_0_database(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(V0_JOBS)
        conn.execute(V0_RESULTS.format(table="matches", columns="external_ref TEXT, status TEXT NOT NULL, "
                                       "customer_id INTEGER, score REAL, field_scores TEXT NOT NULL, "
                                       "candidates INTEGER NOT NULL"))
        conn.execute(V0_RESULTS.format(table="row_errors", columns="field TEXT, code TEXT NOT NULL, "
                                       "message TEXT NOT NULL, raw TEXT"))
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, "
                     "phone TEXT, street TEXT, city TEXT, postcode TEXT, birth_date TEXT)")
        old = "2020-01-02T03:04:05.000Z"
        conn.execute("INSERT INTO jobs (file_name, file_size, status, batch_size, rows_read, results, row_errors, "
                     "progress, created_at, finished_at, updated_at) "
                     "VALUES ('a.csv', 100, 'succeeded', 10, 2, 1, 1, 1.0, ?, ?, ?)", (old, old, old))
        conn.execute("INSERT INTO jobs (file_name, file_size, status, batch_size, rows_read, results, progress, "
                     "created_at, updated_at) VALUES ('b.csv', 200, 'running', 10, 1, 1, 0.5, ?, ?)", (old, old))
        conn.execute("INSERT INTO matches VALUES (1, 1, 2, 'r1', 'matched', 7, 0.97, '{}', 1)")
        conn.execute("INSERT INTO matches VALUES (2, 1, 2, 'r9', 'new', NULL, NULL, '{}', 0)")
        conn.execute("INSERT INTO row_errors VALUES (1, 2, 3, 'email', 'invalid_email', 'bad', '{}')")
    finally:
        conn.close()


def table(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_database_of_the_previous_schema_migrates_and_keeps_its_jobs(tmp_path: Path, data: DataSet) -> None:
    path = tmp_path / "old.db"
    version_0_database(path)
    columns_v0 = "id, file_name, file_size, status, batch_size, rows_read, results, row_errors, progress, " \
                 "created_at, finished_at, updated_at"
    before = table(path, f"SELECT {columns_v0} FROM jobs ORDER BY id")
    results_before = table(path, "SELECT * FROM matches ORDER BY job_id"), table(path, "SELECT * FROM row_errors")

    listed = jobs_list(path)

    assert table(path, "PRAGMA user_version") == [(db.SCHEMA_VERSION,)]
    assert table(path, f"SELECT {columns_v0} FROM jobs ORDER BY id") == before
    assert (table(path, "SELECT * FROM matches ORDER BY job_id"), table(path, "SELECT * FROM row_errors")) == \
        results_before
    assert table(path, "PRAGMA foreign_key_check") == []
    # The old running job has no owner, and its updated_at (its heartbeat) is years old.
    assert status_column(listed, 1) == "succeeded" and status_column(listed, 2) == "stale"
    assert re.fullmatch(r"job 2 is stale: no heartbeat for \d+ h \(limit 10 min\)", listed[3]), listed
    assert "interrupted" in table(path, "SELECT sql FROM sqlite_master WHERE name = 'jobs'")[0][0]

    run_cli("jobs", "recover", "--db", path, check=True)
    assert table(path, "SELECT status FROM jobs ORDER BY id") == [("succeeded",), ("interrupted",)]
    refused = run_cli("import", data.import_file, "--db", path, "--resume", 2)
    assert refused.returncode == 2
    assert ("importer: error: cannot resume: job 2 was created before file fingerprints were recorded: its file "
            "cannot be checked, so it cannot be resumed; import the file as a new job") in refused.stderr


def test_a_database_of_a_newer_importer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {db.SCHEMA_VERSION + 1}")
    conn.close()

    done = run_cli("jobs", "list", "--db", path)

    assert done.returncode == 1
    assert done.stderr == (f"importer: error: {path}: schema version {db.SCHEMA_VERSION + 1} is newer than this "
                           f"importer's ({db.SCHEMA_VERSION}); use a newer importer\n")


def test_an_exited_owner_its_parent_has_not_reaped_is_gone(tmp_path: Path) -> None:
    child = subprocess.Popen(["/bin/true"])
    try:
        started = process_start_time(child.pid)
        deadline = time.monotonic() + 30
        while owner_gone(Owner(socket.gethostname(), child.pid, started)) is None:  # until it has exited
            assert time.monotonic() < deadline
            time.sleep(0.01)
        reason = owner_gone(Owner(socket.gethostname(), child.pid, started))
    finally:
        child.wait()
    assert reason == (f"owner pid {child.pid} on host {socket.gethostname()} is gone (exited; its parent has not "
                      f"reaped it)")
    reaped = owner_gone(Owner(socket.gethostname(), child.pid, started))
    assert reaped is not None and reaped.startswith(f"owner pid {child.pid} on host {socket.gethostname()} is gone")
