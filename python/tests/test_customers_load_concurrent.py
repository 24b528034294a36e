"""Two ``customers load`` processes at once into one database, on files that share ids.

Both read the stored ids before either inserts (an outside write lock holds their inserts back until
each has tried one), so every shared id is contested. Each id ends up stored exactly once, and every
row of both files is either loaded by one process or rejected by the other as loaded meanwhile.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

from conftest import PYTHON, PYTHON_DIR

from importer import db

HEADER = "id,first_name,last_name,email,phone,street,city,postcode,birth_date"
BATCH = 50
SUMMARY = re.compile(r"^loaded ([\d,]+) customers \(([\d,]+) rejected\)")
TAKEN = re.compile(r"^rejected: row (\d+) \(line (\d+)\), field 'id': id (\d+) was loaded by another process "
                   r"during this load$")


class Load:
    """A running ``customers load``, its stderr read line by line as it comes."""

    def __init__(self, path: Path, db_path: Path) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "importer", "customers", "load", str(path), "--db", str(db_path), "--batch-size",
             str(BATCH)], cwd=PYTHON_DIR, env={**os.environ, "PYTHONPATH": str(PYTHON_DIR)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line.rstrip("\n"))

    def waiting_to_insert(self) -> bool:
        return any(f"inserting {BATCH} customers" in line for line in list(self.stderr))

    def finish(self) -> tuple[int, str, list[str]]:
        # Not communicate(): it reads stderr too, and two readers of one pipe split its lines between them
        # (under load the thread got "…during this loadrejected: row 310…", the newline in the other's chunk).
        assert self.process.stdout is not None and self.process.stderr is not None
        with self.process.stdout:
            stdout = self.process.stdout.read()
        self.process.wait(timeout=300)
        self._reader.join(timeout=10)
        self.process.stderr.close()
        return self.process.returncode, stdout, self.stderr


def write_customers(path: Path, ids: range) -> dict[int, int]:
    """One customer per id, in order; returns id → row number."""
    path.write_text(HEADER + "\n" + "".join(f"{i},First{i},Last{i},c{i}@example.org,,,,,\n" for i in ids))
    return {customer_id: row for row, customer_id in enumerate(ids, start=1)}


def test_two_loads_at_once_store_each_id_once_and_account_for_every_row(tmp_path: Path) -> None:
    db_path = tmp_path / "customers.db"
    conn = db.connect(db_path)
    db.ensure_schema(conn, db.RetryPolicy())
    conn.close()
    rows_of = {
        "a": write_customers(tmp_path / "a.csv", range(1, 601)),
        "b": write_customers(tmp_path / "b.csv", range(301, 901)),
    }
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # readers may read, nobody may write
    try:
        loads = {name: Load(tmp_path / f"{name}.csv", db_path) for name in rows_of}
        deadline = time.monotonic() + 60
        while not all(load.waiting_to_insert() for load in loads.values()) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    finished = {name: load.finish() for name, load in loads.items()}

    loaded, rejected = {}, {}
    for name, (returncode, stdout, stderr) in finished.items():
        assert returncode == 0, "\n".join(stderr)
        assert not any("Traceback" in line or "UNIQUE" in line for line in stderr)
        summary = SUMMARY.match(stdout)
        assert summary is not None, stdout
        loaded[name], rejected[name] = (int(group.replace(",", "")) for group in summary.groups())
        for line in (line for line in stderr if line.startswith("rejected: ")):
            taken = TAKEN.match(line)
            assert taken is not None, line
            row, line_number, customer_id = map(int, taken.groups())
            assert 301 <= customer_id <= 600 and rows_of[name][customer_id] == row and line_number == row + 1
    conn = sqlite3.connect(db_path)
    try:
        ids = [row[0] for row in conn.execute("SELECT id FROM customers ORDER BY id")]
    finally:
        conn.close()
    assert ids == list(range(1, 901))
    assert loaded["a"] + loaded["b"] == 900
    assert rejected["a"] + rejected["b"] == 300  # the shared ids: each loaded by one, rejected by the other
