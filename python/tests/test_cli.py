"""The real command line, run as a user would: summaries on stdout, errors on stderr, exit codes."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

RunCli = Callable[..., subprocess.CompletedProcess[str]]

HEADER = "first_name,last_name,email,phone,street,city,postcode,birth_date,external_ref"
MESSY = (
    "\ufeff" + HEADER + "\n"
    "Anne,Lee,ann.lee@example.org,020 7946 0958,1 High St,London,SW1A 1AA,07/03/1984,r1\n"  # row 1 matched
    "\n"
    "John,Doe,john@@x,,,,,,r2\n"  # row 2 (line 4) invalid email
    'Cara,Jones,cara@jones.net,,"3 Mill Lane\nFlat 2",York,,,r3\n'  # row 3 matched, lines 5-6
    "Zoe,Newman,zoe@newman.org,,,,,,r4\n"  # row 4 new
    "Short,Row\n"  # row 5 wrong field count
    "Kim,Lee,,,,London,,,r6\n"  # row 6 possible
)
LOG_LINE = re.compile(r'^ts=\S+Z level=(debug|info|warning|error) logger=\S+ msg="[^"]*"( \w+=("[^"]*"|\S*))*$')


@pytest.fixture
def messy_file(tmp_path: Path) -> Path:
    path = tmp_path / "import.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_import_prints_the_summary_and_exits_0(messy_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    done = run_cli("import", messy_file, "--db", customer_db, "--batch-size", "2")

    assert done.returncode == 0, done.stderr
    summary, timing = done.stdout.splitlines()
    assert summary == ("job 1 succeeded: 6 rows read = 4 results (2 matched, 1 possible, 1 new) + 2 row errors, "
                       "0 lost; 1 blank line skipped")
    assert re.fullmatch(r"time \d+\.\d s: .*; [\d,]+ rows/s", timing)
    assert "  row 2 (line 4), field 'email': 'john@@x' is not a valid email address" in done.stderr
    assert "Traceback" not in done.stderr


def test_progress_is_logged_per_batch_as_key_value_lines(messy_file: Path, customer_db: Path,
                                                         run_cli: RunCli) -> None:
    done = run_cli("import", messy_file, "--db", customer_db, "--batch-size", "2")

    log_lines = [line for line in done.stderr.splitlines() if line.startswith("ts=")]
    assert log_lines and all(LOG_LINE.match(line) for line in log_lines), log_lines
    batches = [line for line in log_lines if 'msg="batch stored"' in line]
    assert len(batches) == 2  # a batch holds 2 valid rows plus the row errors met on the way
    assert " job_id=1 batch=1 rows=3 progress=" in batches[0]
    assert " job_id=1 batch=2 rows=6 progress=100.0% duration_ms=" in batches[1]


def test_quiet_prints_no_progress(messy_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    done = run_cli("import", messy_file, "--db", customer_db, "--quiet")

    assert done.returncode == 0
    assert "batch stored" not in done.stderr


@pytest.mark.parametrize("args", [
    ["import", "x.csv"],  # no --db
    ["import", "x.csv", "--db", "x.db", "--batch-size", "0"],
    ["import", "x.csv", "--db", "x.db", "--encoding", "ebcdic"],
    ["import", "x.csv", "--db", "x.db", "--record-sample-rate", "2"],
    ["import", "x.csv", "--db", "x.db", "--record", "corpus", "--record-redact", "email=shred"],
    ["frobnicate"],
    [],
])
def test_usage_errors_exit_2(run_cli: RunCli, args: list[str]) -> None:
    done = run_cli(*args)

    assert done.returncode == 2
    assert "usage:" in done.stderr


def test_missing_file_exits_1_without_a_traceback(tmp_path: Path, customer_db: Path, run_cli: RunCli) -> None:
    done = run_cli("import", tmp_path / "nope.csv", "--db", customer_db)

    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        f"importer: error: import failed: cannot read {tmp_path / 'nope.csv'}: No such file or directory")
    assert "Traceback" not in done.stderr


def test_latin1_file_fails_then_imports_with_the_encoding_option(tmp_path: Path, customer_db: Path,
                                                                 run_cli: RunCli) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(f"{HEADER}\nRené,Lee,,,,,,,réf\n".encode("latin-1"))

    failed = run_cli("import", path, "--db", customer_db)
    imported = run_cli("import", path, "--db", customer_db, "--encoding", "latin-1")

    assert failed.returncode == 1
    assert ("importer: error: job 1 failed: latin.csv: not valid UTF-8: byte 0xE9 at line 2, column 4 "
            f"(byte offset {len(HEADER) + 4}); the file looks like Latin-1/Windows-1252, re-run with "
            "--encoding latin-1 (or --encoding cp1252)") in failed.stderr
    assert "Traceback" not in failed.stderr
    assert imported.returncode == 0, imported.stderr
    conn = sqlite3.connect(customer_db)
    try:
        assert conn.execute("SELECT external_ref FROM matches WHERE job_id = 2").fetchall() == [("réf",)]
    finally:
        conn.close()


def test_locked_database_exits_1_with_a_readable_message(messy_file: Path, customer_db: Path,
                                                         run_cli: RunCli) -> None:
    holder = sqlite3.connect(customer_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = run_cli("import", messy_file, "--db", customer_db, "--retry-attempts", "2", "--busy-timeout-ms", "10")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert done.returncode == 1
    assert "database is locked by another connection: gave up creating the schema after 2 attempts" in done.stderr
    assert 'msg="database busy, retrying"' in done.stderr and "attempt=1" in done.stderr
    assert "Traceback" not in done.stderr


def test_jobs_show_prints_the_job_and_its_row_errors(messy_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    run_cli("import", messy_file, "--db", customer_db)

    done = run_cli("jobs", "show", "1", "--db", customer_db)

    assert done.returncode == 0, done.stderr
    job, errors = done.stdout.split("\n\n")
    fields = {name: value.strip() for name, _, value in (line.partition(" ") for line in job.splitlines())}
    assert (fields["status"], fields["rows_read"], fields["row_errors"]) == ("succeeded", "6", "2")
    assert fields["error_message"] == ""
    assert errors.splitlines() == [
        "row errors (first 2 of 2):",
        "  row 2 (line 4), field 'email': 'john@@x' is not a valid email address",
        "  row 5 (line 8): expected 9 fields (as in the header), found 2",
    ]


def test_jobs_show_unknown_job_exits_1(customer_db: Path, tmp_path: Path, run_cli: RunCli) -> None:
    assert run_cli("jobs", "show", "99", "--db", customer_db).stderr.strip() == (
        f"importer: error: no job 99 in {customer_db}")
    missing = run_cli("jobs", "show", "1", "--db", tmp_path / "none.db")
    assert missing.returncode == 1 and "no such database file" in missing.stderr
    assert not (tmp_path / "none.db").exists()


@pytest.mark.skipif(importlib.util.find_spec("parity.recorder") is None, reason="parity.recorder is not written yet")
def test_record_writes_a_corpus_folder(messy_file: Path, customer_db: Path, tmp_path: Path, run_cli: RunCli) -> None:
    corpus = tmp_path / "corpus"

    done = run_cli("import", messy_file, "--db", customer_db, "--batch-size", "2", "--record", corpus,
                   "--record-redact", "email=hash", "phone=drop", env={"IMPORTER_RECORD_SALT": "pepper"})

    assert done.returncode == 0, done.stderr
    assert (corpus / "manifest.json").is_file()
    requests = (corpus / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(requests) == 2  # valid rows 1, 3 | 4, 6
    assert all(re.match(r'\{"id":"importer\.match-[0-9a-f]{12}-job1-batch', line) for line in requests)
    assert len(list((corpus / "fixtures").glob("sha256-*.json"))) == 1


def test_synth_is_dispatched_or_reported_missing(run_cli: RunCli) -> None:
    done = run_cli("synth", "--help")

    if importlib.util.find_spec("importer.synth.cli") is None:
        assert done.returncode == 1
        assert "importer: error: synth is not available" in done.stderr
    else:
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("usage: python -m importer synth")


def test_version(run_cli: RunCli) -> None:
    done = run_cli("--version")

    assert done.returncode == 0
    assert done.stdout.startswith("importer ")
