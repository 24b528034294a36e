"""Side-by-side latency of the reference and native matcher adapters on a recorded corpus.

Both adapters run in the same process on the same requests, after a warm-up pass; the timed span is the
adapter's whole `run` call, so it includes the conversion of the Python input and output. `--order
interleaved` (default) runs each request through both, in a random order per request (seeded): each call
starts with caches the other path has just churned, as in a service doing other work between calls.
`--order blocked` runs all requests through one adapter, then the other: back-to-back calls, warm caches. Prints per-path p50/p90/p99 and the per-request speedup, and
checks both answers are equal (a benchmark of wrong answers is worthless).

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/bench_native.py corpora/imports-sample

This is the quick, single-process measurement of the native port; `parity bench` (the harness) is the one
with confidence intervals and a verdict.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from importer.adapters import native, reference
from parity.corpus import open_corpus


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile (no interpolation): a value that was measured."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def other_line(lines: list[str], index: int, run: int) -> str:
    """A request line other than lines[index] (two at least), spread over the corpus and shifted per pass:
    the work done between timed calls, so that each finds the caches as another request left them."""
    other = lines[(7 * index + 3 + run) % len(lines)]
    return other if other != lines[index] else lines[(index + 1) % len(lines)]


def timed(adapter: Any, context: Any, request: Any) -> float:
    """Microseconds of one whole adapter call."""
    started = time.perf_counter_ns()
    adapter.run(context, request)
    return (time.perf_counter_ns() - started) / 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--order", choices=("interleaved", "blocked"), default="interleaved")
    args = parser.parse_args()

    corpus = open_corpus(args.corpus)
    fixtures = corpus.load_fixtures()
    inputs = [request["input"] for request in corpus.requests()]
    adapters = {"reference": reference, "native": native}
    contexts = {name: adapter.setup(fixtures) for name, adapter in adapters.items()}
    for request in inputs:  # warm-up, and the equality check
        answers = {name: json.dumps(adapter.run(contexts[name], request)) for name, adapter in adapters.items()}
        if answers["reference"] != answers["native"]:
            print("bench_native: the adapters disagree; replay the corpus before timing it", file=sys.stderr)
            return 1

    rng = random.Random(args.seed)
    times: dict[str, list[float]] = {name: [] for name in adapters}
    for _ in range(args.repeat):
        if args.order == "interleaved":
            for request in inputs:
                order = list(adapters)
                rng.shuffle(order)
                for name in order:
                    times[name].append(timed(adapters[name], contexts[name], request))
        else:
            for name, adapter in adapters.items():
                times[name].extend(timed(adapter, contexts[name], request) for request in inputs)
    speedups = [r / n for r, n in zip(times["reference"], times["native"])]

    rows = sum(len(request["rows"]) for request in inputs)
    print(f"{args.corpus}: {len(inputs)} requests ({rows} rows) x {args.repeat} passes, {args.order}, "
          "per call (us):")
    for name in adapters:
        values = times[name]
        print(f"  {name:9} p50 {quantile(values, 0.5):9.1f}  p90 {quantile(values, 0.9):9.1f}  "
              f"p99 {quantile(values, 0.99):9.1f}  mean {statistics.fmean(values):9.1f}")
    print(f"  speedup   p50 {quantile(times['reference'], 0.5) / quantile(times['native'], 0.5):.1f}x  "
          f"p99 {quantile(times['reference'], 0.99) / quantile(times['native'], 0.99):.1f}x  "
          f"per-request median {statistics.median(speedups):.1f}x (p1 {quantile(speedups, 0.01):.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
