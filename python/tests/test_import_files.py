"""Files that are hard to read, through the real command line: huge or unterminated quoted fields, mixed
encodings, a file written to while it is imported (docs/import-files.md)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import PYTHON, PYTHON_DIR

RunCli = Callable[..., subprocess.CompletedProcess[str]]

HEADER = "first_name,last_name,email,phone,street,city,postcode,birth_date\n"
ANN = "Ann,Lee,ann.lee@example.org,020 7946 0958,1 High Street,London,SW1A 1AA,1984-03-07\n"
VALID = [
    ANN,
    "Bob,Smith,bob.smith@example.com,0113 496 0000,2 Park Road,Leeds,LS1 4AP,1979-11-23\n",
    "Cara,Jones,cara@jones.net,07700 900123,3 Mill Lane,York,YO1 7HH,1990-01-15\n",
]


def job_counts(db: Path, job_id: int = 1) -> tuple[tuple[object, ...], int, int]:
    """(status, rows_read, results, row_errors, error_message) of the job, and the rows stored for it."""
    conn = sqlite3.connect(db)
    try:
        job = conn.execute("SELECT status, rows_read, results, row_errors, error_message FROM jobs WHERE id = ?",
                           (job_id,)).fetchone()
        matches = conn.execute("SELECT COUNT(*) FROM matches WHERE job_id = ?", (job_id,)).fetchone()[0]
        errors = conn.execute("SELECT COUNT(*) FROM row_errors WHERE job_id = ?", (job_id,)).fetchone()[0]
        return job, matches, errors
    finally:
        conn.close()


def stored(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_a_50_mb_quoted_field_over_500_000_lines_is_one_row_error(tmp_path: Path, customer_db: Path,
                                                                  run_cli: RunCli) -> None:
    path = tmp_path / "huge_field.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(HEADER + ANN + 'Dan,"')
        file.write(("x" * 99 + "\n") * 500_000)  # lines 3..500002, the field's text
        file.write('",dan@example.org,,,,,\n')  # line 500003: the quote closes, the record ends
        file.writelines(VALID)  # lines 500004..500006
    assert path.stat().st_size > 50_000_000

    done = run_cli("import", path, "--db", customer_db, "--quiet", timeout=120)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "job 1 succeeded: 5 rows read = 4 results (4 matched, 0 possible, 0 new) + 1 row error, 0 lost")
    assert stored(customer_db, "SELECT row_number, line_number, code, message FROM row_errors") == [
        (2, 3, "malformed_csv", "row 2 (line 3): quoted field opened at line 3 is longer than 131,072 characters; "
                                "the record ends at line 500003"),
    ]
    assert stored(customer_db, "SELECT row_number, line_number FROM matches ORDER BY row_number") == [
        (1, 2), (3, 500_004), (4, 500_005), (5, 500_006)]
    assert customer_db.stat().st_size < 1_000_000


def test_an_unterminated_quote_is_one_row_error_and_the_rows_after_it_are_imported(
        tmp_path: Path, customer_db: Path, run_cli: RunCli) -> None:
    path = tmp_path / "unterminated.csv"
    path.write_text(HEADER + ANN + 'Dan,"oops,dan@example.org,,,,,\n' + "".join(VALID * 3), encoding="utf-8")

    done = run_cli("import", path, "--db", customer_db, "--quiet")

    assert done.returncode == 0, done.stderr
    assert "job 1 succeeded: 11 rows read = 10 results (10 matched, 0 possible, 0 new) + 1 row error" in done.stdout
    assert ("row 2 (line 3): malformed CSV: unterminated quoted field opened at line 3 (no closing quote before "
            "the end of the file); read again from line 4") in done.stderr
    assert stored(customer_db, "SELECT MIN(line_number), MAX(line_number), COUNT(*) FROM matches "
                               "WHERE row_number > 2") == [(4, 12, 9)]


def test_customers_load_resynchronises_too(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "customers.csv"
    header = "id,first_name,last_name,email,phone,street,city,postcode,birth_date\n"
    path.write_text(header + "1,Ann,Lee,,,,,,\n" + '2,"' + "x\n" * 200_000 + '",Lee,,,,,,\n' + "3,Bob,Ray,,,,,,\n"
                    + '4,"Cy,Lee,,,,,,\n' + "5,Dee,Fox,,,,,,\n", encoding="utf-8")

    done = run_cli("customers", "load", path, "--db", tmp_path / "c.db")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("loaded 3 customers (2 rejected)")
    assert ("rejected: row 2 (line 3): quoted field opened at line 3 is longer than 131,072 characters; the record "
            "ends at line 200003") in done.stderr
    assert ("rejected: row 4 (line 200005): malformed CSV: unterminated quoted field opened at line 200005 (no "
            "closing quote before the end of the file); read again from line 200006") in done.stderr
    assert stored(tmp_path / "c.db", "SELECT id FROM customers ORDER BY id") == [(1,), (3,), (5,)]


def test_a_file_mixing_utf8_and_latin1_lines_is_named_as_such(tmp_path: Path, customer_db: Path,
                                                                run_cli: RunCli) -> None:
    path = tmp_path / "mixed.csv"
    lines = [HEADER.encode()]
    for n in range(10):
        text = f"Zoë,Lee{n},z{n}@example.org,,,Café,,\n"
        lines.append(text.encode("latin-1") if n in (2, 5) else text.encode())
    path.write_bytes(b"".join(lines))
    offset = b"".join(lines).index(b"\xeb")

    done = run_cli("import", path, "--db", customer_db)

    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "importer: error: job 1 failed: mixed.csv: mixes encodings: UTF-8 text on 8 lines (2, 3, 5, 6, 8, …); bytes "
        f"not valid UTF-8 on 2 lines (4, 7) (the first is byte 0xEB at line 4, column 3, byte offset {offset}), which "
        "look like Latin-1/Windows-1252: convert those lines to UTF-8; --encoding latin-1 would garble the UTF-8 lines"
    )
    assert job_counts(customer_db)[0][:4] == ("failed", 0, 0, 0)


def _import_while_a_writer_appends(path: Path, db: Path, appended: bytes) -> subprocess.CompletedProcess[str]:
    """Start a real import, wait for its first stored batch, then have another process append to the file.

    The writer is started first and waits for a line on its stdin, so it appends at once when told."""
    writer = subprocess.Popen(
        [PYTHON, "-c", "import sys; data = bytes.fromhex(sys.argv[2]); sys.stdin.readline(); "
                       "open(sys.argv[1], 'ab').write(data); print('appended', flush=True)", str(path), appended.hex()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR)}
    importer = subprocess.Popen([PYTHON, "-m", "importer", "import", str(path), "--db", str(db), "--batch-size", "20"],
                                cwd=PYTHON_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert importer.stderr is not None
        seen = []
        for line in importer.stderr:
            seen.append(line)
            if 'msg="batch stored"' in line:
                break
        assert writer.communicate("go\n", timeout=30)[0] == "appended\n"
        stdout, stderr = importer.communicate(timeout=120)
    finally:
        for process in (writer, importer):
            if process.poll() is None:
                process.kill()
                process.wait()
    return subprocess.CompletedProcess(importer.args, importer.returncode, stdout, "".join(seen) + stderr)


@pytest.mark.parametrize(("appended", "what"), [
    (b"Ren\xe9,Lee,,,,,,\n", "bytes that are not UTF-8"),
    ("Zoë,Lee,,,,,,\n".encode() * 10, "valid rows"),
], ids=["not-utf8", "valid-rows"])
def test_a_file_appended_to_during_the_import_fails_with_a_clear_message(
        tmp_path: Path, customer_db: Path, appended: bytes, what: str) -> None:
    path = tmp_path / "growing.csv"
    path.write_text(HEADER + "".join(VALID) * 700, encoding="utf-8")
    size = path.stat().st_size

    done = _import_while_a_writer_appends(path, customer_db, appended)

    assert done.returncode == 1, what
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    (failure,) = [line for line in done.stderr.splitlines() if line.startswith("importer: error: ")]
    prefix = (f"importer: error: job 1 failed: growing.csv changed during the import ({size:,} bytes when opened, "
              f"{size + len(appended):,} now); nothing after line ")
    assert failure.startswith(prefix) and failure.endswith(" was imported; re-run on a finished file"), failure
    last_line = int(failure[len(prefix):].split()[0].replace(",", ""))
    (status, rows_read, results, row_errors, _), matches, errors = job_counts(customer_db)
    assert (status, rows_read) == ("failed", results + row_errors)
    assert (matches, errors) == (results, row_errors)
    assert stored(customer_db, "SELECT MAX(line_number) FROM matches")[0][0] <= last_line
