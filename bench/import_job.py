"""The whole import job, as the service runs it: 1,500,000 rows against 200,000 customers, both backends.

Generates the files once into WORK (``importer synth``, then ``customers load`` into a template database)
and times ``python -m importer import`` in child processes, each on a fresh copy of the database:

* ``native`` on the whole file;
* ``python`` on the file's first ``--python-rows`` rows (the whole file takes over an hour), extrapolated to
  the whole file by rows: load + (wall − load) × rows / slice rows.

For each run it reads the job's timing line (``time …: match …, read+validate …``), the wall time around the
child and the child's peak RSS (``wait4``'s ru_maxrss: the child's own, from its start). With several
``--tree LABEL=PYTHONPATH`` (e.g. the build before a change and after it) the trees are run in turn within
each run, in an order shuffled per run, and each tree's wall time per backend is also given as a ratio to the
first tree's in the same run (median and range over the runs): a noisy host slows both sides of a pair.

The Amdahl bound: the job cannot take less than its match time however fast everything around it gets, so
``wall ÷ match`` is what making the rest free would give at most, and ``1.5×`` of it is issue 21's target.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/import_job.py /tmp/import-bench --runs 3
    /usr/bin/python3 bench/import_job.py /tmp/import-bench --runs 3 \\
        --tree before=/tmp/before/python:/tmp/before-build/python --tree after=python:build/release/python

It also builds the native index from the customers in a child of its own and states its memory per customer
(RSS growth once the build's scratch memory is returned with malloc_trim).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PYTHON = "/usr/bin/python3"
ROOT = Path(__file__).resolve().parents[1]
TIMING = re.compile(r"^time (?P<wall>[\d.]+) s: (?P<stages>.*); [\d,]+ rows/s$", re.MULTILINE)
STAGE = re.compile(r"(?P<name>[a-z+ ]+) (?P<seconds>[\d.]+) s \(\d+%\)")

INDEX_MEMORY = """
import ctypes, gc, sqlite3, sys
from importer.customer_snapshot import CustomerSnapshot
from importer._native import Matcher
def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS"))
snapshot = CustomerSnapshot.read(sqlite3.connect(sys.argv[1]))
gc.collect()
libc = ctypes.CDLL("libc.so.6")
libc.malloc_trim(0)
before = rss()
matcher = Matcher.from_chunks(snapshot.chunks())
gc.collect()
libc.malloc_trim(0)
print(len(snapshot), rss() - before, snapshot.nbytes)
"""


@dataclass
class Run:
    wall_s: float
    peak_rss_bytes: int
    stages: dict[str, float]
    job_wall_s: float


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def median(self, pick: str) -> float:
        return statistics.median(getattr(run, pick) for run in self.runs)

    def stage(self, name: str) -> float:
        return statistics.median(run.stages.get(name, 0.0) for run in self.runs)


def main() -> int:
    args = parse_args()
    work = Path(args.work)
    data = prepare(work, args)
    trees = args.tree or [("current", os.environ.get("PYTHONPATH", ""))]
    backends = args.backends.split(",")
    results: dict[tuple[str, str], Series] = {}
    ratios: dict[tuple[str, str], list[float]] = {}
    rng = random.Random(args.seed)
    for run in range(1, args.runs + 1):
        order = list(trees)
        rng.shuffle(order)
        walls: dict[tuple[str, str], float] = {}
        for label, python_path in order:
            for backend in backends:
                measured = time_job(data, work, python_path, backend, args.python_rows)
                results.setdefault((label, backend), Series()).runs.append(measured)
                print(f"run {run} {label} {backend}: {measured.wall_s:.1f} s, peak RSS "
                      f"{measured.peak_rss_bytes / 2**20:.0f} MiB, {describe(measured.stages)}", file=sys.stderr)
                walls[label, backend] = measured.wall_s
        first = trees[0][0]
        for label, _ in trees[1:]:
            for backend in backends:
                ratios.setdefault((label, backend), []).append(walls[label, backend] / walls[first, backend])
    report(results, ratios, trees, args, data)
    if not args.no_index_memory:
        index_memory(data, trees[-1][1])
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", help="folder for the generated files and databases (reused when present)")
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--python-rows", type=int, default=20_000,
                        help="rows the python backend imports (the file's first ones); 0: the whole file")
    parser.add_argument("--backends", default="native,python")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1, help="shuffles the trees' order per run")
    parser.add_argument("--tree", action="append", type=tree_argument, metavar="LABEL=PYTHONPATH",
                        help="a build to time (repeatable; the first is the one the others are compared with); "
                             "default: this process's PYTHONPATH")
    parser.add_argument("--no-index-memory", action="store_true", help="skip the native index's memory")
    return parser.parse_args()


def tree_argument(text: str) -> tuple[str, str]:
    label, sep, path = text.partition("=")
    if not sep or not label:
        raise argparse.ArgumentTypeError(f"expected LABEL=PYTHONPATH, got {text!r}")
    return label, path


@dataclass(frozen=True)
class Data:
    import_csv: Path
    slice_csv: Path
    template_db: Path
    rows: int
    slice_rows: int


def prepare(work: Path, args: argparse.Namespace) -> Data:
    """The generated files and the template database, made once per (customers, rows)."""
    folder = work / f"c{args.customers}-r{args.rows}"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'python'}"}
    if not (folder / "customers.db").exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([PYTHON, "-m", "importer", "synth", "--out", str(folder), "--customers", str(args.customers),
                        "--rows", str(args.rows)], env=env, check=True, stdout=subprocess.DEVNULL)
        partial = folder / "customers.db.partial"
        partial.unlink(missing_ok=True)
        subprocess.run([PYTHON, "-m", "importer", "customers", "load", str(folder / "customers.csv"), "--db",
                        str(partial)], env=env, check=True, stdout=subprocess.DEVNULL)
        partial.rename(folder / "customers.db")
    slice_rows = args.python_rows if 0 < args.python_rows < args.rows else args.rows
    slice_csv = folder / f"import-first-{slice_rows}.csv"
    if not slice_csv.exists():
        with (folder / "import.csv").open(encoding="utf-8", newline="") as source, \
                slice_csv.open("w", encoding="utf-8", newline="") as out:
            for number, line in enumerate(source):
                if number > slice_rows:
                    break
                out.write(line)
    return Data(folder / "import.csv", slice_csv, folder / "customers.db", args.rows, slice_rows)


def time_job(data: Data, work: Path, python_path: str, backend: str, python_rows: int) -> Run:
    """One import in a child process on a fresh copy of the template database."""
    whole = backend != "python" or python_rows == 0
    csv = data.import_csv if whole else data.slice_csv
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        db = Path(scratch) / "importer.db"
        shutil.copyfile(data.template_db, db)
        env = {**os.environ, "PYTHONPATH": python_path}
        env.pop("IMPORTER_MATCH_BACKEND", None)
        started = time.perf_counter()
        child = subprocess.Popen([PYTHON, "-m", "importer", "import", str(csv), "--db", str(db), "--backend",
                                  backend, "--quiet"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        assert child.stdout is not None
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.stdout.close()
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"import with PYTHONPATH={python_path} --backend {backend} exited {child.returncode}:\n"
                         f"{output}")
    timing = TIMING.search(output)
    if timing is None:
        raise SystemExit(f"no timing line in the job's output:\n{output}")
    stages = {m["name"].strip(): float(m["seconds"]) for m in STAGE.finditer(timing["stages"])}
    run = Run(wall, usage.ru_maxrss * 1024, stages, float(timing["wall"]))
    if not whole:  # the python backend on a slice: the whole file, by rows
        scale = data.rows / data.slice_rows
        load = stages.get("load customers", 0.0)
        run = Run(load + (wall - load) * scale, run.peak_rss_bytes,
                  {name: seconds if name == "load customers" else seconds * scale for name, seconds in stages.items()},
                  load + (run.job_wall_s - load) * scale)
    return run


def describe(stages: dict[str, float]) -> str:
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stages.items())


def report(results: dict[tuple[str, str], Series], ratios: dict[tuple[str, str], list[float]],
           trees: list[tuple[str, str]],
           args: argparse.Namespace, data: Data) -> None:
    names = ["match", "read+validate", "store", "load customers"]
    print(f"# import job: {data.rows:,} rows against {args.customers:,} customers; medians of {args.runs} runs"
          f"{'' if 'python' not in args.backends else f' (python: first {data.slice_rows:,} rows, extrapolated)'}")
    print()
    print("| tree | backend | wall s (min–max) | " + " | ".join(f"{name} s" for name in names)
          + " | peak RSS MiB | wall ÷ match |")
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in names) + " | ---: | ---: |")
    for (label, backend), series in results.items():
        walls = [run.wall_s for run in series.runs]
        match = series.stage("match")
        print(f"| {label} | {backend} | {statistics.median(walls):.1f} ({min(walls):.1f}–{max(walls):.1f}) | "
              + " | ".join(f"{series.stage(name):.1f}" for name in names)
              + f" | {series.median('peak_rss_bytes') / 2**20:.0f} | "
              + (f"{statistics.median(walls) / match:.2f}" if match > 0 else "–") + " |")
    print()
    print("wall ÷ match is how much faster the job could get at most if everything but matching were free (the "
          "Amdahl bound); issue 21's target is a native job within 1.5× of its match time.")
    for (label, backend), values in ratios.items():
        print(f"{backend} wall time, {label} ÷ {trees[0][0]} in the same run: median "
              f"{statistics.median(values):.3f} (range {min(values):.3f}–{max(values):.3f}, {len(values)} runs)")


def index_memory(data: Data, python_path: str) -> None:
    done = subprocess.run([PYTHON, "-c", INDEX_MEMORY, str(data.template_db)], env={**os.environ,
                          "PYTHONPATH": python_path}, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        print(f"native index memory: not measured ({done.stderr.strip().splitlines()[-1:]})")
        return
    customers, grown, snapshot = map(int, done.stdout.split())
    print(f"native index: {grown / 2**20:.0f} MiB for {customers:,} customers, {grown / customers:,.0f} bytes per "
          f"customer; the job's customer snapshot {snapshot / 2**20:.0f} MiB ({snapshot / customers:,.0f} bytes "
          f"per customer)")


if __name__ == "__main__":
    sys.exit(main())
