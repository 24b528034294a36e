"""Shared fixtures: a small customer base in a fresh SQLite database, and running the real CLI."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from importer import db
from importer.schema import CUSTOMER_FIELDS

# Tests assert behaviour, not speed: Hypothesis's default 200 ms deadline per example failed a CSV
# round-trip test on a loaded CI machine (ctest runs two jobs at once). Tests that set their own settings
# inherit this profile for what they leave out.
settings.register_profile("parity", deadline=None)
settings.load_profile("parity")

PYTHON = "/usr/bin/python3"
PYTHON_DIR = Path(__file__).resolve().parents[1]

#: A dozen customers; tests match import rows against them.
CUSTOMERS: list[dict[str, Any]] = [
    dict(zip(CUSTOMER_FIELDS, values))
    for values in [
        (1, "Ann", "Lee", "ann.lee@example.org", "020 7946 0958", "1 High Street", "London", "SW1A 1AA", "1984-03-07"),
        (2, "Bob", "Smith", "bob.smith@example.com", "0113 496 0000", "2 Park Road", "Leeds", "LS1 4AP", "1979-11-23"),
        (3, "Cara", "Jones", "cara@jones.net", "07700 900123", "3 Mill Lane", "York", "YO1 7HH", "1990-01-15"),
        (4, "Dev", "Patel", "dev.patel@example.org", "07700 900456", "4 Church Street", "Leicester", "LE1 5YA", None),
        (5, "Eve", "Brown", None, "0161 496 0001", "5 Station Road", "Manchester", "M1 1AE", "1965-07-30"),
        (6, "Finn", "O'Brien", "finn@obrien.ie", None, "6 Quay Street", "Galway", "H91 X2Y3", "1988-12-01"),
        (7, "Gita", "Shah", "gita.shah@example.com", "07700 900789", None, "Birmingham", "B1 1BB", "1992-05-05"),
        (8, "Hugo", "Martin", "hugo@martin.fr", "+33 1 23 45 67 89", "8 Rue de la Paix", "Paris", "75002", None),
        (9, "Ines", "Garcia", "ines.garcia@example.es", "+34 912 345 678", "9 Calle Mayor", "Madrid", "28013", None),
        (10, "José", "Müller", "jose.mueller@example.de", "+49 30 1234567", "10 Hauptstraße", "Berlin", "10115",
         None),
        (11, "Kim", "Lee", "kim.lee@example.org", "020 7946 0111", "11 High Street", "London", "SW1A 2AA", None),
        (12, "Liam", "Walsh", None, None, "12 Green Lane", "Dublin", "D02 AF30", "1975-02-14"),
    ]
]


@pytest.fixture
def customers() -> list[dict[str, Any]]:
    """CUSTOMERS, as the worker reads them back from the database."""
    return [dict(customer) for customer in CUSTOMERS]


@pytest.fixture
def customer_db(tmp_path: Path) -> Path:
    """A database file with the schema and CUSTOMERS."""
    path = tmp_path / "importer.db"
    conn = db.connect(path)
    try:
        db.ensure_schema(conn, db.RetryPolicy())
        placeholders = ", ".join("?" for _ in CUSTOMER_FIELDS)
        rows = [tuple(customer[name] for name in CUSTOMER_FIELDS) for customer in CUSTOMERS]
        db.run_transaction(conn, lambda c: c.executemany(f"INSERT INTO customers VALUES ({placeholders})", rows),
                           operation="inserting test customers", policy=db.RetryPolicy())
    finally:
        conn.close()
    return path


@pytest.fixture
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m importer ARGS`` as a user would; stdout and stderr captured as text."""

    def run(*args: str | Path, timeout: float = 60, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR), **(env or {})}
        return subprocess.run([PYTHON, "-m", "importer", *map(str, args)], cwd=PYTHON_DIR, env=full_env,
                              capture_output=True, text=True, timeout=timeout, check=False)

    return run
