"""The command line's edges, run as a user would: numbers out of range, and stdout closed early.

Every whole-number option is checked at parse time against the range the code can handle (exit 2 naming
the option and the range, never an OverflowError traceback); the largest value of each range works. A
command whose stdout's reader has gone (``... | head -1``) ends quietly with exit 141.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import PYTHON, PYTHON_DIR

from importer.cli import main
from importer.cli_numbers import WholeNumber

RunCli = Callable[..., subprocess.CompletedProcess[str]]

HEADER = "first_name,last_name,email,phone,street,city,postcode,birth_date,external_ref"
CUSTOMER_HEADER = "id,first_name,last_name,email,phone,street,city,postcode,birth_date"
HUGE = "99999999999999999999999"
INT64_MAX = 2**63 - 1
INT64_RANGE = "1 to 9,223,372,036,854,775,807"


@pytest.fixture
def import_file(tmp_path: Path) -> Path:
    path = tmp_path / "import.csv"
    path.write_text(f"{HEADER}\nAnn,Lee,ann.lee@example.org,,,,,,r1\nBob,Smith,not-an-email,,,,,,r2\n")
    return path


@pytest.fixture
def customer_file(tmp_path: Path) -> Path:
    path = tmp_path / "customers.csv"
    path.write_text(f"{CUSTOMER_HEADER}\n1,Ann,Lee,ann.lee@example.org,,,,,\n")
    return path


# (command before the option, option, the range as the message gives it); FILE, DB and OUT are filled in.
OPTIONS = [
    (["import", "FILE", "--db", "DB"], "--batch-size", "1 to 1,000,000"),
    (["import", "FILE", "--db", "DB"], "--busy-timeout-ms", "1 to 3,600,000"),
    (["import", "FILE", "--db", "DB"], "--retry-attempts", "1 to 1,000"),
    (["import", "FILE", "--db", "DB"], "--resume", INT64_RANGE),
    (["import", "FILE", "--db", "DB"], "--end-status-wait", "1 to 86,400"),
    (["import", "FILE", "--db", "DB"], "--stale-after", "1 to 604,800"),
    (["jobs", "recover", "--db", "DB"], "--stale-after", "1 to 604,800"),
    (["customers", "load", "CUSTOMERS", "--db", "DB"], "--batch-size", "1 to 1,000,000"),
    (["jobs", "show", "1", "--db", "DB"], "--errors", INT64_RANGE),
    (["synth", "--out", "OUT"], "--customers", "0 to 10,000,000"),
    (["synth", "--out", "OUT"], "--rows", "0 to 1,000,000,000"),
    (["synth", "--out", "OUT"], "--seed", "0 to 9,223,372,036,854,775,807"),
]


def fill(args: list[str], tmp_path: Path, import_file: Path, customer_file: Path, db_path: Path) -> list[str]:
    names = {"FILE": str(import_file), "CUSTOMERS": str(customer_file), "DB": str(db_path),
             "OUT": str(tmp_path / "out")}
    return [names.get(arg, arg) for arg in args]


def bounds(expected_range: str) -> tuple[int, int]:
    low, high = expected_range.split(" to ")
    return int(low.replace(",", "")), int(high.replace(",", ""))


@pytest.mark.parametrize(("command", "option", "expected_range"), OPTIONS)
def test_huge_number_exits_2_naming_option_and_range(command: list[str], option: str, expected_range: str,
                                                     tmp_path: Path, import_file: Path, customer_file: Path,
                                                     customer_db: Path, run_cli: RunCli) -> None:
    done = run_cli(*fill(command, tmp_path, import_file, customer_file, customer_db), option, HUGE)

    assert done.returncode == 2, done.stderr
    assert done.stderr.endswith(f"error: argument {option}: expected a whole number from {expected_range}, "
                                f"got {HUGE}\n")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("command", "option", "expected_range"), OPTIONS)
@pytest.mark.parametrize("value", ["MAX+1", "MIN-1", "-1", "abc", "1.5", "", "1e3", "0x10", "½"])
def test_out_of_range_or_non_numbers_are_usage_errors(command: list[str], option: str, expected_range: str,
                                                     value: str, tmp_path: Path, import_file: Path,
                                                     customer_file: Path, customer_db: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # In-process (the same main() as `python -m importer`): many values, one parse each.
    low, high = bounds(expected_range)
    value = {"MAX+1": str(high + 1), "MIN-1": str(low - 1)}.get(value, value)

    with pytest.raises(SystemExit) as exited:
        main([*fill(command, tmp_path, import_file, customer_file, customer_db), f"{option}={value}"])

    shown = value if value else "''"
    assert exited.value.code == 2
    assert f"error: argument {option}: expected a whole number from {expected_range}, got {shown}\n" in (
        capsys.readouterr().err)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", [HUGE, str(INT64_MAX + 1), "0", "-5", "x"])
def test_job_id_out_of_range_exits_2(value: str, customer_db: Path, run_cli: RunCli) -> None:
    done = run_cli("jobs", "show", "--db", customer_db, "--", value)

    assert done.returncode == 2
    assert f"error: argument ID: expected a whole number from {INT64_RANGE}, got {value}\n" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_largest_value_of_each_range_works(tmp_path: Path, import_file: Path, customer_file: Path,
                                               customer_db: Path, run_cli: RunCli) -> None:
    imported = run_cli("import", import_file, "--db", customer_db, "--batch-size", "1000000",
                       "--busy-timeout-ms", "3600000", "--retry-attempts", "1000",
                       "--end-status-wait", "86400", "--stale-after", "604800")
    loaded = run_cli("customers", "load", customer_file, "--db", tmp_path / "new.db", "--batch-size", "1000000")
    shown = run_cli("jobs", "show", "1", "--db", customer_db, "--errors", str(INT64_MAX))
    missing = run_cli("jobs", "show", str(INT64_MAX), "--db", customer_db)
    synth = run_cli("synth", "--out", tmp_path / "out", "--customers", "20", "--rows", "10", "--seed", str(INT64_MAX))

    assert imported.returncode == 0, imported.stderr
    assert loaded.returncode == 0, loaded.stderr
    assert shown.returncode == 0, shown.stderr
    assert "row errors (first 1 of 1):" in shown.stdout
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"importer: error: no job {INT64_MAX} in {customer_db}"
    assert synth.returncode == 0, synth.stderr


@pytest.mark.parametrize("text", ["9" * 5000, " 12 ", "+7", "007"])
def test_whole_number_reads_long_and_padded_text(text: str) -> None:
    number = WholeNumber(1, 1_000)
    if len(text) > 100:
        with pytest.raises(argparse.ArgumentTypeError,
                           match=r"^expected a whole number from 1 to 1,000, got 9{20}… \(5,000 characters\)$"):
            number(text)
    else:
        assert number(text) == int(text)


# --- stdout closed early ------------------------------------------------------------------------------

def run_with_closed_stdout(*args: str | Path, module: str = "importer") -> subprocess.CompletedProcess[str]:
    """Run the command with stdout a pipe whose reader has already gone: its first write fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([PYTHON, "-m", module, *map(str, args)], cwd=PYTHON_DIR, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)})
    finally:
        os.close(write_end)


def assert_quiet_broken_pipe(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 141, done.stderr
    assert "Traceback" not in done.stderr
    assert "BrokenPipeError" not in done.stderr
    assert "Exception ignored" not in done.stderr


@pytest.mark.parametrize("args", [["--help"], ["import", "--help"], ["--version"], ["synth", "--help"]])
def test_help_to_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    assert_quiet_broken_pipe(run_with_closed_stdout(*args))


def test_import_summary_to_a_closed_pipe_ends_quietly_after_the_job(import_file: Path, customer_db: Path) -> None:
    done = run_with_closed_stdout("import", import_file, "--db", customer_db, "--quiet")

    assert_quiet_broken_pipe(done)
    conn = sqlite3.connect(customer_db)
    try:
        assert conn.execute("SELECT status, rows_read FROM jobs").fetchall() == [("succeeded", 2)]
    finally:
        conn.close()


def test_customers_load_and_jobs_show_to_a_closed_pipe_end_quietly(tmp_path: Path, import_file: Path,
                                                                   customer_file: Path, customer_db: Path,
                                                                   run_cli: RunCli) -> None:
    assert run_cli("import", import_file, "--db", customer_db).returncode == 0

    assert_quiet_broken_pipe(run_with_closed_stdout("customers", "load", customer_file, "--db", tmp_path / "c.db"))
    assert_quiet_broken_pipe(run_with_closed_stdout("jobs", "show", "1", "--db", customer_db))


def test_synth_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    args = ["--customers", "20", "--rows", "10"]
    assert_quiet_broken_pipe(run_with_closed_stdout("synth", "--out", tmp_path / "a", *args))
    assert_quiet_broken_pipe(run_with_closed_stdout("--out", tmp_path / "b", *args, module="importer.synth"))
    assert (tmp_path / "a" / "customers.csv").read_bytes() == (tmp_path / "b" / "customers.csv").read_bytes()


def test_jobs_show_piped_to_head_ends_quietly(tmp_path: Path, customer_db: Path, run_cli: RunCli) -> None:
    # Enough row errors that the output outgrows the pipe's buffer: the reader leaves while it is written.
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "\n" + "".join(f"Ann,Lee,bad-email-{i},,,,,,r{i}\n" for i in range(3000)))
    assert run_cli("import", path, "--db", customer_db, "--quiet").returncode == 0

    command = f"set -o pipefail; {PYTHON} -m importer jobs show 1 --db {customer_db} --errors 3000 | head -1"
    done = subprocess.run(["bash", "-c", f"{command}; echo \"exit $?\" >&2"], cwd=PYTHON_DIR, capture_output=True,
                          text=True, timeout=120, check=False, env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)})

    assert done.stdout.split() == ["id", "1"]
    assert done.stderr.strip() == "exit 141"
