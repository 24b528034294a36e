"""The import worker through its Python API: no row is ever lost, and every failure reads well."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from importer.matching import Matcher
from importer.worker import ImportOptions, ImportOutcome, run_import

HEADER = "external_ref,first_name,last_name,email,phone,street,city,postcode,birth_date,notes"

#: A hand-written messy file: BOM, CRLF, blank lines, an embedded newline, a NUL byte, a short row,
#: bad values, a broken quote and no final newline. Comments give row (line) numbers.
MESSY = (
    "\ufeff" + HEADER + "\r\n"
    "r1,Anne,Lee,ANN.LEE@example.org,020 7946 0958,1 High St,London,SW1A 1AA,07/03/1984,vip\r\n"  # 1 (2) matched 1
    "\r\n"  # blank (3)
    "r2,Bob,Smith,bob.smith@example.com,,2 Park Road,Leeds,LS1 4AP,,\r\n"  # 2 (4) matched 2
    "r3,John,Doe,john@@x,,,,,,\r\n"  # 3 (5) invalid_email
    'r4,Cara,Jones,cara@jones.net,,"3 Mill Lane\nFlat 2",York,YO1 7HH,1990-01-15,\r\n'  # 4 (6-7) matched 3
    "r5,Nu\x00ll,Byte,,,,,,,\r\n"  # 5 (8) nul_byte
    "r6,Too,Few,fields\r\n"  # 6 (9) wrong_field_count
    "r7,Dan,Date,,,,,,31/02/1990,\r\n"  # 7 (10) invalid_date
    "r8,,,,,1 Nowhere,Town,,,\r\n"  # 8 (11) no_identifying_field
    f"r9,{'x' * 201},Long,,,,,,,\r\n"  # 9 (12) field_too_long
    "   \r\n"  # blank (13)
    "r10,Zoe,Newman,zoe@newman.org,,,,,,\r\n"  # 10 (14) new
    'r11,"Bad"quote,X,,,,,,,\r\n'  # 11 (15) malformed_csv
    "r12,Kim,Lee,,,,London,,,"  # 12 (16) possible 11
)
MESSY_RESULTS = {1: ("matched", 1), 2: ("matched", 2), 4: ("matched", 3), 10: ("new", None), 12: ("possible", 11)}
MESSY_ERRORS = {3: "invalid_email", 5: "nul_byte", 6: "wrong_field_count", 7: "invalid_date",
                8: "no_identifying_field", 9: "field_too_long", 11: "malformed_csv"}


def write(tmp_path: Path, text: str | bytes, name: str = "import.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def run(file: Path, db: Path, **options: Any) -> ImportOutcome:
    return run_import(ImportOptions(file=file, db=db, quiet=True, **options))


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def job_row(db: Path, job_id: int) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        cursor = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return dict(zip((column[0] for column in cursor.description), cursor.fetchone()))
    finally:
        conn.close()


def assert_every_row_once(db: Path, job_id: int, rows: int) -> None:
    results = [n for (n,) in query(db, "SELECT row_number FROM matches WHERE job_id = ?", job_id)]
    errors = [n for (n,) in query(db, "SELECT row_number FROM row_errors WHERE job_id = ?", job_id)]
    assert not set(results) & set(errors), f"rows in both tables: {sorted(set(results) & set(errors))}"
    assert sorted(results + errors) == list(range(1, rows + 1))


@pytest.mark.parametrize("batch_size", [1, 2, 5, 1000])
def test_messy_file_loses_no_row(tmp_path: Path, customer_db: Path, batch_size: int) -> None:
    outcome = run(write(tmp_path, MESSY), customer_db, batch_size=batch_size)

    assert outcome.status == "succeeded", outcome.error_message
    c = outcome.counters
    assert (c.rows_read, c.results, c.row_errors, c.blank_lines, c.lost) == (12, 5, 7, 2, 0)
    assert (c.matched, c.possible, c.new) == (3, 1, 1)
    assert_every_row_once(customer_db, outcome.job_id, 12)
    results = query(customer_db, "SELECT row_number, status, customer_id FROM matches WHERE job_id = ?", outcome.job_id)
    assert {n: (status, customer) for n, status, customer in results} == MESSY_RESULTS
    errors = query(customer_db, "SELECT row_number, code FROM row_errors WHERE job_id = ?", outcome.job_id)
    assert dict(errors) == MESSY_ERRORS
    job = job_row(customer_db, outcome.job_id)
    assert (job["status"], job["rows_read"], job["results"], job["row_errors"], job["blank_lines"]) == (
        "succeeded", 12, 5, 7, 2)
    assert (job["matched"], job["possible"], job["new"], job["progress"]) == (3, 1, 1, 1.0)
    assert job["file_name"] == "import.csv" and job["batch_size"] == batch_size and job["error_message"] is None


def test_messy_file_results_keep_line_numbers_and_references(tmp_path: Path, customer_db: Path) -> None:
    outcome = run(write(tmp_path, MESSY), customer_db, batch_size=2)

    rows = query(customer_db, "SELECT row_number, line_number, external_ref, field_scores, candidates "
                              "FROM matches WHERE job_id = ? ORDER BY row_number", outcome.job_id)
    assert [(n, line, ref) for n, line, ref, _, _ in rows] == [
        (1, 2, "r1"), (2, 4, "r2"), (4, 6, "r4"), (10, 14, "r10"), (12, 16, "r12")]
    field_scores = json.loads(rows[0][3])
    assert list(field_scores) == ["first_name", "last_name", "email", "phone", "street", "city", "postcode",
                                  "birth_date"]
    assert rows[0][4] == 1


def test_row_errors_are_readable(tmp_path: Path, customer_db: Path) -> None:
    outcome = run(write(tmp_path, MESSY), customer_db)

    errors = query(customer_db, "SELECT row_number, line_number, field, message, raw FROM row_errors "
                                "WHERE job_id = ? ORDER BY row_number", outcome.job_id)
    by_row = {n: (line, field, message, raw) for n, line, field, message, raw in errors}
    assert by_row[3][:3] == (5, "email", "row 3 (line 5), field 'email': 'john@@x' is not a valid email address")
    assert by_row[6][2] == "row 6 (line 9): expected 10 fields (as in the header), found 4"
    assert by_row[7][2] == "row 7 (line 10), field 'birth_date': '31/02/1990' is not a valid date (not a real date)"
    assert by_row[8][2] == "row 8 (line 11): none of first_name, last_name, email, phone is filled in"
    assert by_row[9][2] == "row 9 (line 12), field 'first_name': 201 characters, longer than the limit of 200"
    assert by_row[5][2] == "row 5 (line 8), field 'first_name': contains a NUL byte"
    assert by_row[11][2].startswith("row 11 (line 15): malformed CSV: ")
    assert json.loads(by_row[3][3])["email"] == "john@@x"
    assert json.loads(by_row[6][3]) == ["r6", "Too", "Few", "fields"]
    assert by_row[11][3] is None
    assert [error.row_number for error in outcome.first_errors] == [3, 5, 6, 7, 8]


def test_summary_accounts_for_every_row(tmp_path: Path, customer_db: Path) -> None:
    outcome = run(write(tmp_path, MESSY), customer_db)

    summary, timing = outcome.summary_lines()
    assert summary == (f"job {outcome.job_id} succeeded: 12 rows read = 5 results (3 matched, 1 possible, 1 new) "
                       "+ 7 row errors, 0 lost; 2 blank lines skipped")
    assert timing.startswith("time ") and timing.endswith(" rows/s")
    for stage in ("match", "read+validate", "store", "load customers"):
        assert f"{stage} " in timing


def test_header_only_file_succeeds_with_no_rows(tmp_path: Path, customer_db: Path) -> None:
    outcome = run(write(tmp_path, HEADER + "\n"), customer_db)

    assert outcome.status == "succeeded"
    assert outcome.counters.rows_read == 0
    assert job_row(customer_db, outcome.job_id)["progress"] == 1.0


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"], ids=["zero-bytes", "blank-lines-only"])
def test_empty_file_succeeds_with_no_rows_and_a_warning(tmp_path: Path, customer_db: Path, content: bytes,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    outcome = run(write(tmp_path, content), customer_db)

    assert outcome.status == "succeeded"
    assert outcome.counters.rows_read == 0
    assert "file is empty: nothing to import" in caplog.messages


def test_missing_columns_fail_the_job_naming_them(tmp_path: Path, customer_db: Path) -> None:
    header = "first_name,last_name,phone,street,city,postcode"
    outcome = run(write(tmp_path, header + "\nAnn,Lee,1,2,3,4\n"), customer_db)

    message = ("import.csv: missing required columns 'email', 'birth_date' "
               "(header has: first_name, last_name, phone, street, city, postcode)")
    assert outcome.status == "failed"
    assert outcome.error_message == message
    assert outcome.summary_lines() == [f"job {outcome.job_id} failed: {message}"]
    job = job_row(customer_db, outcome.job_id)
    assert (job["status"], job["error_message"], job["rows_read"]) == ("failed", message, 0)


def test_columns_in_any_order_and_unknown_ones_are_ignored_with_a_warning(
        tmp_path: Path, customer_db: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = ("birth_date,postcode,city,street,phone,email,last_name,first_name,colour\n"
            ",,,,,ann.lee@example.org,Lee,Ann,red\n")
    outcome = run(write(tmp_path, text), customer_db)

    assert outcome.status == "succeeded"
    assert outcome.counters.matched == 1
    assert query(customer_db, "SELECT external_ref FROM matches") == [(None,)]
    warning = next(r for r in caplog.records if r.getMessage() == "ignoring unknown columns")
    assert warning.columns == "colour"  # type: ignore[attr-defined]


def test_latin1_file_fails_naming_the_byte_and_suggesting_the_encoding(tmp_path: Path, customer_db: Path) -> None:
    path = write(tmp_path, (HEADER + "\nref,Ren\xe9,Lee,,,,,,,\n").encode("latin-1"))

    outcome = run(path, customer_db)

    assert outcome.status == "failed"
    assert outcome.error_message == (
        "import.csv: not valid UTF-8: byte 0xE9 at line 2, column 8 (byte offset 91); the file looks like "
        "Latin-1/Windows-1252, re-run with --encoding latin-1 (or --encoding cp1252)"
    )
    assert query(customer_db, "SELECT COUNT(*) FROM matches") == [(0,)]
    assert job_row(customer_db, outcome.job_id)["error_message"] == outcome.error_message


def test_latin1_file_reads_correctly_with_the_encoding_option(tmp_path: Path, customer_db: Path) -> None:
    text = HEADER + "\ncafé-1,René,Lee,,,,,,,\nrefé-2,Zoé,Lee,not-an-email,,,,,,\n"
    path = write(tmp_path, text.encode("latin-1"))

    outcome = run(path, customer_db, encoding="latin-1")

    assert outcome.status == "succeeded", outcome.error_message
    assert query(customer_db, "SELECT external_ref FROM matches") == [("café-1",)]
    (raw,) = query(customer_db, "SELECT raw FROM row_errors")[0]
    assert json.loads(raw)["first_name"] == "Zoé"


def test_cp1252_file_reads_the_euro_sign(tmp_path: Path, customer_db: Path) -> None:
    path = write(tmp_path, (HEADER + "\n€5,Ann,Lee,,,,,,,\n").encode("cp1252"))

    assert run(path, customer_db).status == "failed"
    outcome = run(path, customer_db, encoding="cp1252")

    assert outcome.status == "succeeded", outcome.error_message
    assert query(customer_db, "SELECT external_ref FROM matches") == [("€5",)]


def test_utf16_file_is_reported_as_unsupported(tmp_path: Path, customer_db: Path) -> None:
    outcome = run(write(tmp_path, (HEADER + "\n").encode("utf-16")), customer_db)

    assert outcome.status == "failed"
    assert outcome.error_message == ("import.csv: starts with a UTF-16 byte order mark; UTF-16 files are not "
                                     "supported, save the file as UTF-8")


def test_missing_file_fails_before_creating_a_job(tmp_path: Path, customer_db: Path) -> None:
    outcome = run(tmp_path / "nope.csv", customer_db)

    assert (outcome.status, outcome.job_id) == ("failed", None)
    assert outcome.error_message == f"cannot read {tmp_path / 'nope.csv'}: No such file or directory"
    assert outcome.summary_lines() == [f"import failed: {outcome.error_message}"]


class FailingMatcher:
    """The real matcher, except that a batch holding a row whose first name is "Boom" raises."""

    def __init__(self, customers: list[dict[str, Any]]) -> None:
        self._matcher = Matcher(customers)
        self.config = self._matcher.config
        self.calls: list[int] = []

    def match(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        self.calls.append(len(rows))
        if any(row["first_name"] == "Boom" for row in rows):
            raise ValueError("rows[0].first_name: boom")
        return self._matcher.match(rows)


def test_a_failing_batch_is_matched_row_by_row_and_loses_nothing(
        tmp_path: Path, customer_db: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [HEADER] + [f"r{n},Person{n},Lee,,,,,,," for n in range(1, 11)]
    lines[5] = "r5,Boom,Lee,,,,,,,"
    matchers: list[FailingMatcher] = []

    def factory(customers: list[dict[str, Any]]) -> FailingMatcher:
        matchers.append(FailingMatcher(customers))
        return matchers[0]

    outcome = run(write(tmp_path, "\n".join(lines) + "\n"), customer_db, batch_size=4, matcher_factory=factory)

    assert outcome.status == "succeeded", outcome.error_message
    assert (outcome.counters.rows_read, outcome.counters.results, outcome.counters.row_errors) == (10, 9, 1)
    assert matchers[0].calls == [4, 4, 1, 1, 1, 1, 2]  # batch 2 (rows 5-8) failed, then retried row by row
    assert_every_row_once(customer_db, outcome.job_id, 10)
    assert query(customer_db, "SELECT row_number, code, message FROM row_errors") == [
        (5, "match_error", "row 5 (line 6): the matcher rejected it: rows[0].first_name: boom")]
    warning = next(r for r in caplog.records if r.getMessage().startswith("matcher failed for a batch"))
    assert (warning.job_id, warning.batch, warning.rows) == (outcome.job_id, 2, 4)  # type: ignore[attr-defined]


def test_progress_log_lines_per_batch(tmp_path: Path, customer_db: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    lines = [HEADER] + [f"r{n},Person{n},Lee,,,,,,," for n in range(1, 6)]
    path = write(tmp_path, "\n".join(lines) + "\n")

    outcome = run_import(ImportOptions(file=path, db=customer_db, batch_size=2))

    batches = [r for r in caplog.records if r.getMessage() == "batch stored"]
    assert [(r.job_id, r.batch, r.rows) for r in batches] == [  # type: ignore[attr-defined]
        (outcome.job_id, 1, 2), (outcome.job_id, 2, 4), (outcome.job_id, 3, 5)]
    assert batches[-1].progress == "100.0%"  # type: ignore[attr-defined]


def test_quiet_suppresses_progress(tmp_path: Path, customer_db: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    run(write(tmp_path, MESSY), customer_db, batch_size=2)

    assert "batch stored" not in caplog.messages


def test_jobs_get_increasing_ids_in_one_database(tmp_path: Path, customer_db: Path) -> None:
    first = run(write(tmp_path, MESSY), customer_db)
    second = run(write(tmp_path, MESSY), customer_db)

    assert second.job_id == first.job_id + 1
    assert_every_row_once(customer_db, second.job_id, 12)
