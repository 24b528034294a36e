"""The training run of the profile-guided build of the native core (cmake/ProfileGuidedBuild.cmake).

GCC's profile feedback needs the instrumented module run on a representative workload. This is the import
service's own: a seeded synthetic customer base and import file (`importer synth`, with a seed that neither
the bundled corpus, seed 7, nor the main job's sample, seed 42, uses), loaded, then imported with
`--backend native` in the recorded corpora's batches of 15 rows and in the service's default of 1000. Each
process that loads the instrumented module adds its counts to the profile folder when it exits.

    /usr/bin/python3 cmake/pgo_training.py BUILD_PYTHON_DIR WORK_DIR PROFILE_DIR

Exits 1, naming what is missing, unless every batch was answered by the native module (the switch's
metrics: calls on the native backend, no failure and no fallback) and the profile folder holds counts for
the matcher's own files: a profile-guided build must not quietly become a plain one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Seed of the training data: used nowhere else in the repository.
SEED = 11
CUSTOMERS = 5000
ROWS = 4000
#: Rows per matcher call: the recorded corpora's 15, then the service's default.
BATCH_SIZES = (15, 1000)

#: Files whose counts the profile must hold (object names as GCC mangles them, relative to the build).
HOT_FILES = (
    "bind_matching.cpp.gcda",
    "matcher.cpp.gcda",
    "normalize.cpp.gcda",
    "scoring.cpp.gcda",
    "blocking.cpp.gcda",
)

METRIC = re.compile(r'^(parity_(?:calls|failures|fallbacks)_total)\{([^}]*)\} (\S+)$', re.MULTILINE)


def run(arguments: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run([sys.executable, "-m", "importer", *arguments], env=environment,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"pgo_training: `importer {' '.join(arguments)}` failed ({result.returncode}):\n"
                 f"{result.stdout}{result.stderr}")


def native_calls(metrics: Path) -> int:
    """Matcher calls the native backend answered, from the job's Prometheus text; exits on any other."""
    totals = {"parity_calls_total": 0.0, "parity_failures_total": 0.0, "parity_fallbacks_total": 0.0}
    other_backends = []
    for name, labels, value in METRIC.findall(metrics.read_text(encoding="utf-8")):
        if name == "parity_calls_total" and 'backend="native"' not in labels:
            other_backends.append(labels)
        totals[name] += float(value)
    if other_backends or totals["parity_failures_total"] or totals["parity_fallbacks_total"]:
        sys.exit(f"pgo_training: {metrics}: not every batch was answered by the native module "
                 f"({totals}, other backends: {other_backends})")
    return int(totals["parity_calls_total"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_python", type=Path, help="the instrumented build's python/ folder")
    parser.add_argument("work", type=Path, help="folder for the training data and database (replaced)")
    parser.add_argument("profile", type=Path, help="the profile folder the instrumented module writes to")
    args = parser.parse_args()

    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join([str(REPO / "python"), str(args.build_python.resolve())])
    environment.pop("IMPORTER_MATCH_BACKEND", None)
    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    database = work / "training.sqlite"

    run(["synth", "--out", str(work), "--customers", str(CUSTOMERS), "--rows", str(ROWS),
         "--seed", str(SEED)], environment)
    run(["customers", "load", str(work / "customers.csv"), "--db", str(database)], environment)
    calls = []
    for batch_size in BATCH_SIZES:
        metrics = work / f"batch-{batch_size}.prom"
        run(["import", str(work / "import.csv"), "--db", str(database), "--backend", "native", "--quiet",
             "--batch-size", str(batch_size), "--metrics", str(metrics)], environment)
        calls.append(native_calls(metrics))

    profiles = [path.name for path in args.profile.glob("*.gcda")]
    missing = [name for name in HOT_FILES if not any(profile.endswith(name) for profile in profiles)]
    if missing or not all(calls):
        sys.exit(f"pgo_training: no profile counts for {missing} in {args.profile} "
                 f"(native calls per batch size {dict(zip(BATCH_SIZES, calls))})")
    print(f"pgo_training: {sum(calls)} native matcher calls ({dict(zip(BATCH_SIZES, calls))}), "
          f"{len(profiles)} profile files in {args.profile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
