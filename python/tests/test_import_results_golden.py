"""A whole import of a generated file stores exactly the rows it stored before the job was made faster.

The digests below are of the ``matches`` and ``row_errors`` rows that commit f72dcea (before issue 21's
work on the job: customer snapshot, lazy reference matcher, batched reading and validation, the store's
encoder) stored for this file, with both backends. The generated files' own digests are checked first, so
that a change to the generator is told apart from a change to the results (then re-take the digests from
a build known to be right, and say so in the commit).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from native_module import native_or_skip

RunCli = Callable[..., subprocess.CompletedProcess[str]]

SYNTH = ("--customers", "3000", "--rows", "30000", "--seed", "7", "--error-rate", "0.05")
FILE_DIGESTS = {
    "import.csv": "fe3d2e8b60e31e79825925bda57c810ad05535f79ada408eb7f96afa32d543b6",
    "customers.csv": "a02e37d6dbce4c65c86e3c4552bc59636a7c392c657dad594ee77d600abf3127",
}
#: (rows, sha256 of their repr lines in row order), as f72dcea stored them.
STORED = {
    "matches": (28_513, "2a7049cee79c8e70d15d89f54f09c3039d0ce881f062c5536e872e956a157c41"),
    "row_errors": (1_487, "5dceb371a6e74326ef0a60f3e19055ea857e511f7bb28d3615ee9e1be96c7ed9"),
}
COLUMNS = {
    "matches": "row_number, line_number, external_ref, status, customer_id, score, field_scores, candidates",
    "row_errors": "row_number, line_number, field, code, message, raw",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("golden")
    from conftest import PYTHON, PYTHON_DIR

    subprocess.run([PYTHON, "-m", "importer", "synth", "--out", str(folder), *SYNTH], cwd=PYTHON_DIR,
                   env={"PYTHONPATH": str(PYTHON_DIR)}, check=True, capture_output=True, timeout=120)
    for name, digest in FILE_DIGESTS.items():
        actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert actual == digest, f"importer synth now writes another {name}: re-take the digests (module docstring)"
    return folder


def stored_digests(db: Path, job_id: int) -> dict[str, tuple[int, str]]:
    conn = sqlite3.connect(db)
    try:
        digests = {}
        for table, columns in COLUMNS.items():
            digest, count = hashlib.sha256(), 0
            for row in conn.execute(f"SELECT {columns} FROM {table} WHERE job_id = ? ORDER BY row_number",
                                    (job_id,)):
                digest.update(repr(row).encode() + b"\n")
                count += 1
            digests[table] = (count, digest.hexdigest())
        return digests
    finally:
        conn.close()


@pytest.mark.parametrize("backend, batch_size", [("python", "997"), ("native", "997"), ("native", "64")])
def test_the_job_stores_the_same_rows_as_before(generated: Path, tmp_path: Path, run_cli: RunCli, backend: str,
                                                batch_size: str) -> None:
    if backend == "native":
        native_or_skip()
    db = tmp_path / "importer.sqlite"
    loaded = run_cli("customers", "load", generated / "customers.csv", "--db", db)
    assert loaded.returncode == 0, loaded.stderr

    from conftest import PYTHON_DIR

    # The build's python/ folder (where importer._native is) as the test run has it.
    path = os.pathsep.join(filter(None, [str(PYTHON_DIR), os.environ.get("PYTHONPATH")]))
    done = run_cli("import", generated / "import.csv", "--db", db, "--backend", backend, "--batch-size", batch_size,
                   "--quiet", timeout=300, env={"PYTHONPATH": path})

    assert done.returncode == 0, done.stderr
    if backend == "native":
        assert "answered by native" in done.stdout and "fallback" not in done.stdout
    assert stored_digests(db, 1) == STORED
