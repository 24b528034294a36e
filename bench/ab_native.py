"""A/B two builds of importer._native in one process, on a recorded corpus.

A machine's noise can move a run's latencies from one minute to the next by more than a change worth a
few percent, which it hides when two builds are timed in turn (bench/LOG.md has such runs). Here both
builds are loaded into one interpreter (each under its own module name) and timed request by request: for
each request, A and B in a random order, each call right after a reference call on another request (as
the harness's interleaved order does: the native call finds the caches the Python matcher has churned).
Both builds' answers must equal each other. Prints each build's p50 and p90, the p50 ratio B / A, and the
median of the per-request ratios B / A with a 95 % bootstrap interval.

The interval covers the requests' spread, not where each copy of the module lands in memory: the same
build against itself (A/A) moves the per-request median by a few percent either way from one process to
the next, each interval excluding 1 (bench/LOG.md has the runs). Only a change that keeps its sign and
exceeds that band over several runs is measured.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/ab_native.py \\
        corpora/imports-sample /path/to/build-A /path/to/build-B --passes 3

A build folder is a CMake build folder, or any folder with the module at python/importer/_native*.so
(a copy kept of an earlier build); the same folder may be given twice. Both matchers index the corpus's
first customer fixture with the first request's config.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from bench_native import other_line, quantile  # this script's folder is on sys.path
from importer.adapters import reference
from parity.corpus import open_corpus


def load_build(tag: str, build: Path, scratch: Path) -> ModuleType:
    """The _native module of `build`, imported under the name `<tag>._native` from a copy in `scratch`:
    the dynamic loader opens a file once, so the same build given twice would be one module."""
    found = sorted((build / "python" / "importer").glob("_native*.so"))
    if not found:
        sys.exit(f"ab_native: no {build}/python/importer/_native*.so")
    copy = scratch / tag / found[0].name
    copy.parent.mkdir()
    shutil.copy2(found[0], copy)
    spec = importlib.util.spec_from_file_location(f"{tag}._native", copy)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("build_a", type=Path)
    parser.add_argument("build_b", type=Path)
    parser.add_argument("--passes", type=int, default=3, help="passes over the corpus (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="ab_native-"))
    try:
        builds = {"A": load_build("parity_ab_a", args.build_a, scratch),
                  "B": load_build("parity_ab_b", args.build_b, scratch)}
    finally:
        shutil.rmtree(scratch)  # loaded: the mappings outlive the files
    corpus = open_corpus(args.corpus)
    fixtures = corpus.load_fixtures()
    lines = [json.dumps(request["input"]) for request in corpus.requests()]
    first = json.loads(lines[0])
    customers = fixtures[first["customers"]]["customers"]
    matchers = {tag: module.Matcher(customers, first.get("config")) for tag, module in builds.items()}
    reference_context = reference.setup(fixtures)
    rng = random.Random(args.seed)

    times: dict[str, list[float]] = {"A": [], "B": []}
    for run in range(args.passes):
        for index, line in enumerate(lines):
            answers = {}
            for tag in rng.sample(sorted(matchers), 2):  # same request, A and B in random order
                other = json.loads(other_line(lines, index, run))
                reference.run(reference_context, other)
                rows = json.loads(line)["rows"]
                started = time.perf_counter_ns()
                answers[tag] = matchers[tag].match(rows)
                times[tag].append((time.perf_counter_ns() - started) / 1e3)
            if answers["A"] != answers["B"]:
                sys.exit(f"ab_native: the builds answer request {index} differently")

    for tag, values in times.items():
        print(f"{tag} {getattr(args, 'build_' + tag.lower())}: p50 {quantile(values, 0.5):.1f} us, "
              f"p90 {quantile(values, 0.9):.1f} us ({len(values)} calls)")
    print(f"B/A p50 {quantile(times['B'], 0.5) / quantile(times['A'], 0.5):.3f}")
    ratios = [b / a for a, b in zip(times["A"], times["B"])]
    low, high = bootstrap_median_interval(ratios, random.Random(args.seed))
    print(f"B/A per request: median {quantile(ratios, 0.5):.3f} [{low:.3f}, {high:.3f}] (95 % bootstrap)")
    return 0


def bootstrap_median_interval(values: list[float], rng: random.Random,
                              resamples: int = 2000) -> tuple[float, float]:
    """Percentile bootstrap 95 % interval of the median: the requests resampled with replacement."""
    medians = sorted(quantile(rng.choices(values, k=len(values)), 0.5) for _ in range(resamples))
    return medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]


if __name__ == "__main__":
    raise SystemExit(main())
