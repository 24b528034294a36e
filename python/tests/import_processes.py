"""Real ``python -m importer import`` processes for the liveness and resume tests: started, watched, signalled.

A synthetic data set is generated once per session (``importer synth``, few customers so a job is quick but
still runs for a few seconds on the Python backend); each test copies the database with the customers loaded.
Output goes to files, not pipes, so a process that is killed leaves nothing open.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PYTHON = "/usr/bin/python3"
PYTHON_DIR = Path(__file__).resolve().parents[1]
#: Small enough to be quick, large enough (with BATCH_SIZE) that a job on the Python backend runs for seconds.
CUSTOMERS = 150
ROWS = 2500
BATCH_SIZE = 25

# Runs `python -m importer ARGS` with jobs.save_progress patched to SIGKILL the process on its KILL_AT-th call:
# after the batch's INSERTs, before its progress update and commit.
KILL_BETWEEN_STORE_AND_PROGRESS = """
import os, signal, sys
from importer import jobs
from importer.cli import main

kill_at = int(os.environ["KILL_AT_BATCH"])
real_save_progress = jobs.save_progress
calls = 0

def save_progress(*args, **kwargs):
    global calls
    calls += 1
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_save_progress(*args, **kwargs)

jobs.save_progress = save_progress
sys.exit(main(sys.argv[1:]))
"""


@dataclass(frozen=True)
class DataSet:
    import_file: Path
    customers_db: Path

    def fresh_db(self, folder: Path) -> Path:
        """A copy of the database holding the customers (and no jobs)."""
        path = folder / "importer.db"
        shutil.copyfile(self.customers_db, path)
        return path

    def file_copy(self, folder: Path) -> Path:
        path = folder / "import.csv"
        shutil.copyfile(self.import_file, path)
        return path


def make_data_set(folder: Path) -> DataSet:
    run_cli("synth", "--out", folder, "--customers", CUSTOMERS, "--rows", ROWS, check=True)
    customers_db = folder / "customers.db"
    run_cli("customers", "load", folder / "customers.csv", "--db", customers_db, check=True)
    return DataSet(folder / "import.csv", customers_db)


def environment(**extra: str) -> dict[str, str]:
    """PYTHONPATH with the source tree first and the build's python/ (for the native module) after it."""
    python_path = [str(PYTHON_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
    clean = {k: v for k, v in os.environ.items()
             if k not in ("PARITY_KILL_SWITCH", "PARITY_KILL_SWITCH_FILE", "IMPORTER_MATCH_BACKEND")}
    return {**clean, "PYTHONPATH": os.pathsep.join(python_path), **extra}


def run_cli(*args: object, check: bool = False, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([PYTHON, "-m", "importer", *map(str, args)], cwd=PYTHON_DIR, env=env or environment(),
                          capture_output=True, text=True, timeout=timeout, check=False)
    if check:
        assert done.returncode == 0, f"importer {' '.join(map(str, args))}: exit {done.returncode}\n{done.stderr}"
    return done


def run_killed_between_store_and_progress(kill_at: int, *args: object) -> subprocess.CompletedProcess[str]:
    """``importer ARGS``, SIGKILLed by itself inside batch ``kill_at``'s transaction (see the script above)."""
    return subprocess.run([PYTHON, "-c", KILL_BETWEEN_STORE_AND_PROGRESS, *map(str, args)], cwd=PYTHON_DIR,
                          env=environment(KILL_AT_BATCH=str(kill_at)), capture_output=True, text=True, timeout=120,
                          check=False)


class ImportProcess:
    """``python -m importer import FILE --db DB ARGS`` running in the background; stderr kept in a file."""

    def __init__(self, file: Path, db: Path, *args: object, log: Path) -> None:
        self.db = db
        self.log = log
        with open(log, "w") as stderr:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "importer", "import", str(file), "--db", str(db), "--quiet",
                 "--batch-size", str(BATCH_SIZE), *map(str, args)],
                cwd=PYTHON_DIR, env=environment(), stdout=subprocess.DEVNULL, stderr=stderr)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_for_batches(self, batches: int, timeout: float = 60) -> int:
        """Wait until the job has committed at least ``batches`` batches; its id."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the import ended early (exit {self.process.returncode}):\n" \
                                                f"{self.stderr()}"
            row = query_one(self.db, "SELECT id, batches FROM jobs WHERE owner_pid = ? ORDER BY id DESC LIMIT 1",
                            (self.pid,))
            if row is not None and row[1] >= batches:
                return int(row[0])
            time.sleep(0.02)
        raise AssertionError(f"no {batches} committed batches within {timeout} s:\n{self.stderr()}")

    def send_signal(self, signum: signal.Signals) -> int:
        """Send ``signum`` and return the exit status (negative: killed by the signal)."""
        self.process.send_signal(signum)
        return self.process.wait(timeout=90)

    def wait(self, timeout: float = 120) -> int:
        return self.process.wait(timeout=timeout)

    def stderr(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def query_one(db: Path, sql: str, parameters: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """One row, read while an importer may be writing (waits for its locks)."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        row: tuple[Any, ...] | None = conn.execute(sql, parameters).fetchone()
        return row
    finally:
        conn.close()


def job(db: Path, job_id: int) -> dict[str, Any]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        cursor = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,))
        row = cursor.fetchone()
        assert row is not None, f"no job {job_id}"
        return dict(zip((column[0] for column in cursor.description), row))
    finally:
        conn.close()


def stored(db: Path, job_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The job's matches and row errors, every column but the job id, in row order."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        matches = conn.execute(
            "SELECT row_number, line_number, external_ref, status, customer_id, score, field_scores, candidates "
            "FROM matches WHERE job_id = ? ORDER BY row_number", (job_id,)).fetchall()
        errors = conn.execute("SELECT row_number, line_number, field, code, message, raw FROM row_errors "
                              "WHERE job_id = ? ORDER BY row_number", (job_id,)).fetchall()
        return matches, errors
    finally:
        conn.close()


def assert_every_row_stored_once(db: Path, job_id: int, rows: int) -> None:
    """Rows 1..rows each in exactly one of matches / row_errors, and the job's counters say the same."""
    matches, errors = stored(db, job_id)
    numbers = sorted([m[0] for m in matches] + [e[0] for e in errors])
    assert numbers == list(range(1, rows + 1)), "a row is missing or stored twice"
    record = job(db, job_id)
    assert (record["rows_read"], record["results"], record["row_errors"]) == (rows, len(matches), len(errors))
