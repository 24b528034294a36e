"""An import killed with SIGKILL half way, recovered and resumed, against the same import run uninterrupted.

Generates (`importer synth`, once per folder and size) the customers and the import file, loads the customers
into a template database, then on copies of it:

    uninterrupted   python -m importer import FILE --db A --backend native
    killed          the same on B, SIGKILLed once the job's committed rows reach --kill-at of the file
                    (the jobs table is polled)
    recover         python -m importer jobs recover --db B
    resume          python -m importer import FILE --db B --backend native --resume ID

and prints the rows stored, the duplicates and the rows missing (SQL over matches and row_errors), whether
the stored results equal the uninterrupted run's, and each phase's wall time with the killed+recover+resume
total against the uninterrupted run.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/resume_after_kill.py /tmp/resume-bench
    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/resume_after_kill.py /tmp/small \\
        --customers 2000 --rows 20000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PYTHON = "/usr/bin/python3"
POLL_S = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the data and the databases go (data reused when present)")
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--backend", default="native", help="--backend of both imports (default native)")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--kill-at", type=float, default=0.5, help="share of the rows committed before SIGKILL")
    args = parser.parse_args()

    data = generate(args.folder, args.customers, args.rows, args.seed)
    template = data / "customers.db"
    file = data / "import.csv"

    uninterrupted_db = fresh_db(template, args.folder / "uninterrupted.db")
    uninterrupted_s, _ = timed("import", file, "--db", uninterrupted_db, "--quiet", "--backend", args.backend,
                               "--batch-size", args.batch_size)

    resumed_db = fresh_db(template, args.folder / "resumed.db")
    killed_s, job_id, killed_rows = run_and_kill(file, resumed_db, args)
    recover_s, recovered = timed("jobs", "recover", "--db", resumed_db)
    resume_s, _ = timed("import", file, "--db", resumed_db, "--quiet", "--backend", args.backend, "--resume", job_id)

    stored, duplicates, missing, job = check(resumed_db, job_id, args.rows)
    same = results(resumed_db, job_id) == results(uninterrupted_db, 1)
    total = killed_s + recover_s + resume_s
    print(f"data          {args.customers:,} customers, {args.rows:,} rows; --backend {args.backend}, "
          f"--batch-size {args.batch_size}")
    print(f"killed        SIGKILL at {killed_rows:,} rows committed ({killed_rows / args.rows:.0%})")
    print(f"recovered     {recovered.splitlines()[0] if recovered else '(nothing)'}")
    print(f"{'job ' + str(job_id):<14}{job['status']}, rows read {job['rows_read']:,} = {job['results']:,} results + "
          f"{job['row_errors']:,} row errors, resumes {job['resumes']}")
    print(f"rows stored   {stored:,} of {args.rows:,}; duplicates {duplicates}; missing {missing}")
    print(f"same results as the uninterrupted run: {'yes' if same else 'NO'}")
    print(f"wall time     uninterrupted {uninterrupted_s:.1f} s")
    print(f"              killed run {killed_s:.1f} s + recover {recover_s:.1f} s + resume {resume_s:.1f} s "
          f"= {total:.1f} s ({total / uninterrupted_s:.2f}x the uninterrupted run)")
    return 0 if duplicates == 0 and missing == 0 and same and job["status"] == "succeeded" else 1


def generate(folder: Path, customers: int, rows: int, seed: int) -> Path:
    """The synth files and a database with the customers loaded, reused if made with the same options."""
    data = folder / "data"
    wanted = {"customers": customers, "rows": rows, "seed": seed}
    marker = data / "options.json"
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return data
    if data.exists():
        shutil.rmtree(data)
    importer("synth", "--out", data, "--customers", customers, "--rows", rows, "--seed", seed)
    importer("customers", "load", data / "customers.csv", "--db", data / "customers.db")
    marker.write_text(json.dumps(wanted))
    return data


def fresh_db(template: Path, path: Path) -> Path:
    path.unlink(missing_ok=True)
    shutil.copyfile(template, path)
    return path


def importer(*args: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([PYTHON, "-m", "importer", *map(str, args)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"resume_after_kill: importer {' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}")
    return done


def timed(*args: object) -> tuple[float, str]:
    """``importer ARGS``: (wall seconds, stdout)."""
    started = time.perf_counter()
    done = importer(*args)
    return time.perf_counter() - started, done.stdout


def run_and_kill(file: Path, database: Path, args: argparse.Namespace) -> tuple[float, int, int]:
    """Start the import, SIGKILL it once --kill-at of the rows are committed: (seconds, job id, rows committed)."""
    target = int(args.rows * args.kill_at)
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "importer", "import", str(file), "--db", str(database), "--quiet",
                                "--backend", args.backend, "--batch-size", str(args.batch_size)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if process.poll() is not None:
                sys.exit(f"resume_after_kill: the import ended (exit {process.returncode}) before {target:,} rows "
                         f"were committed; use a larger --rows or a smaller --kill-at")
            row = query(database, "SELECT id, rows_read FROM jobs WHERE owner_pid = ?", (process.pid,))
            if row is not None and row[1] >= target:
                process.send_signal(signal.SIGKILL)
                process.wait()
                break
            time.sleep(POLL_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    seconds = time.perf_counter() - started
    job_id = int(row[0])
    (committed,) = query(database, "SELECT rows_read FROM jobs WHERE id = ?", (job_id,)) or (0,)
    return seconds, job_id, int(committed)


def query(database: Path, sql: str, parameters: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    try:
        conn = sqlite3.connect(database, timeout=30)
    except sqlite3.Error:
        return None
    try:
        row: tuple[Any, ...] | None = conn.execute(sql, parameters).fetchone()
        return row
    except sqlite3.OperationalError:  # the importer has not created the schema yet
        return None
    finally:
        conn.close()


def check(database: Path, job_id: int, rows: int) -> tuple[int, int, int, dict[str, Any]]:
    """(rows stored, row numbers stored more than once, row numbers 1..rows stored nowhere, the job row)."""
    conn = sqlite3.connect(database)
    try:
        stored_rows = ("SELECT row_number FROM matches WHERE job_id = :job UNION ALL "
                       "SELECT row_number FROM row_errors WHERE job_id = :job")
        (stored,) = conn.execute(f"SELECT COUNT(*) FROM ({stored_rows})", {"job": job_id}).fetchone()
        (duplicates,) = conn.execute(f"SELECT COUNT(*) FROM (SELECT row_number FROM ({stored_rows}) "
                                     f"GROUP BY row_number HAVING COUNT(*) > 1)", {"job": job_id}).fetchone()
        (distinct,) = conn.execute(f"SELECT COUNT(DISTINCT row_number) FROM ({stored_rows}) "
                                   f"WHERE row_number BETWEEN 1 AND :rows", {"job": job_id, "rows": rows}).fetchone()
        cursor = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,))
        job = dict(zip((column[0] for column in cursor.description), cursor.fetchone()))
        return stored, duplicates, rows - distinct, job
    finally:
        conn.close()


def results(database: Path, job_id: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every stored column of the job's matches and row errors but the job id, in row order."""
    conn = sqlite3.connect(database)
    try:
        matches = conn.execute("SELECT row_number, line_number, external_ref, status, customer_id, score, "
                               "field_scores, candidates FROM matches WHERE job_id = ? ORDER BY row_number",
                               (job_id,)).fetchall()
        errors = conn.execute("SELECT row_number, line_number, field, code, message, raw FROM row_errors "
                              "WHERE job_id = ? ORDER BY row_number", (job_id,)).fetchall()
        return matches, errors
    finally:
        conn.close()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
