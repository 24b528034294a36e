"""``customers load``: valid rows are stored, bad ones reported with row, line and field."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from importer import db
from importer.customer_snapshot import CustomerSnapshot
from importer.customers import load_customer_file

HEADER = "id,first_name,last_name,email,phone,street,city,postcode,birth_date"
RunCli = Callable[..., subprocess.CompletedProcess[str]]


def write(tmp_path: Path, text: str | bytes, name: str = "customers.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def load(tmp_path: Path, text: str | bytes, **options: Any) -> tuple[Any, list[dict[str, Any]]]:
    conn = db.connect(tmp_path / "customers.db")
    try:
        result = load_customer_file(conn, write(tmp_path, text), **options)
        return result, CustomerSnapshot.read(conn).customers()
    finally:
        conn.close()


MIXED = "\n".join([
    HEADER,
    "10,Ann,Lee,ann@example.org,020 7946 0958,1 High St,London,SW1A 1AA,1984-03-07",  # row 1 (line 2)
    "x7,Bad,Id,,,,,,",  # row 2 (line 3)
    "",  # blank (line 4)
    "11,Bob,Smith,bob@@example.com,,,,,",  # row 3 (line 5)
    "12,Cara,Jones,,,,,,1990-02-31",  # row 4 (line 6)
    "10,Dup,Licate,,,,,,",  # row 5 (line 7)
    "13,Dev,Patel,,,,,,",  # row 6 (line 8)
    "14,Too,Short",  # row 7 (line 9)
]) + "\n"


def test_valid_rows_load_and_bad_rows_are_reported(tmp_path: Path) -> None:
    result, customers = load(tmp_path, MIXED, batch_size=1)

    assert (result.loaded, result.rejected_count, result.rows_read, result.blank_lines) == (2, 5, 7, 1)
    assert [(error.row_number, error.code) for error in result.rejected] == [
        (2, "invalid_id"), (3, "invalid_email"), (4, "invalid_date"), (5, "duplicate_id"), (7, "wrong_field_count")]
    assert [error.message for error in result.rejected][:2] == [
        "row 2 (line 3), field 'id': 'x7' is not an integer",
        "row 3 (line 5), field 'email': 'bob@@example.com' is not a valid email address",
    ]
    assert result.rejected[3].message == "row 5 (line 7), field 'id': id 10 is already used by row 1"
    assert customers == [
        {"id": 10, "first_name": "Ann", "last_name": "Lee", "email": "ann@example.org", "phone": "020 7946 0958",
         "street": "1 High St", "city": "London", "postcode": "SW1A 1AA", "birth_date": "1984-03-07"},
        {"id": 13, "first_name": "Dev", "last_name": "Patel", "email": None, "phone": None, "street": None,
         "city": None, "postcode": None, "birth_date": None},
    ]


def test_ids_already_in_the_database_are_rejected(tmp_path: Path) -> None:
    load(tmp_path, f"{HEADER}\n5,Ann,Lee,,,,,,\n")

    result, customers = load(tmp_path, f"{HEADER}\n5,Other,Person,,,,,,\n6,New,Person,,,,,,\n")

    assert (result.loaded, result.rejected_count) == (1, 1)
    assert result.rejected[0].message == "row 1 (line 2), field 'id': id 5 is already in the database"
    assert [customer["first_name"] for customer in customers] == ["Ann", "New"]


def test_cli_prints_the_summary_and_rejections(tmp_path: Path, run_cli: RunCli) -> None:
    path = write(tmp_path, MIXED)

    done = run_cli("customers", "load", path, "--db", tmp_path / "c.db")

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("loaded 2 customers (5 rejected) in ")
    assert done.stdout.rstrip().endswith(" s; 1 blank line skipped")
    assert "rejected: row 4 (line 6), field 'birth_date': '1990-02-31' is not a valid date (not a real date)" in (
        done.stderr)
    assert "Traceback" not in done.stderr


def test_cli_empty_file_loads_nothing_and_succeeds(tmp_path: Path, run_cli: RunCli) -> None:
    for text in ("", HEADER + "\n"):
        done = run_cli("customers", "load", write(tmp_path, text), "--db", tmp_path / "c.db")

        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("loaded 0 customers (0 rejected) in ")


def test_cli_fails_when_every_row_is_rejected(tmp_path: Path, run_cli: RunCli) -> None:
    done = run_cli("customers", "load", write(tmp_path, f"{HEADER}\nx,Ann,,,,,,,\n"), "--db", tmp_path / "c.db")

    assert done.returncode == 1
    assert "importer: error: nothing loaded: 1 of 1 rows rejected" in done.stderr


def test_cli_latin1_file_needs_the_encoding_option(tmp_path: Path, run_cli: RunCli) -> None:
    path = write(tmp_path, f"{HEADER}\n1,José,Müller,,,,,,\n".encode("latin-1"))

    failed = run_cli("customers", "load", path, "--db", tmp_path / "c.db")
    loaded = run_cli("customers", "load", path, "--db", tmp_path / "c.db", "--encoding", "latin-1")

    assert failed.returncode == 1
    assert "not valid UTF-8: byte 0xE9 at line 2" in failed.stderr and "--encoding latin-1" in failed.stderr
    assert loaded.returncode == 0, loaded.stderr
    conn = sqlite3.connect(tmp_path / "c.db")
    try:
        assert conn.execute("SELECT first_name, last_name FROM customers").fetchall() == [("José", "Müller")]
    finally:
        conn.close()


def test_cli_missing_column_is_fatal(tmp_path: Path, run_cli: RunCli) -> None:
    path = write(tmp_path, "first_name,last_name,email,phone,street,city,postcode,birth_date\nAnn,,,,,,,\n")

    done = run_cli("customers", "load", path, "--db", tmp_path / "c.db")

    assert done.returncode == 1
    assert "importer: error: customers.csv: missing required column 'id' (header has: first_name," in done.stderr
    assert "Traceback" not in done.stderr
