"""The profiler's overhead, measured: the same corpus through the same handler with and without a session.

    python3 -m parity.profiling.overhead corpora/imports-sample --handler importer.adapters:reference --runs 5

Runs alternate (plain, profiled, plain, ...) so that a host getting busier hurts both alike; each run's
time is the sum of the handler's ``run`` calls (wall and thread CPU), corpus reading excluded, exactly as
corpus mode counts it. Prints the medians and the profiled/plain ratios.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from parity.corpus import CorpusError, open_corpus
from parity.profiling.corpus_mode import load_handler
from parity.profiling.session import ProfileSession


def timed_run(corpus_path: Path, handler_spec: str, limit: int | None, session: ProfileSession | None) -> tuple[int, int]:
    """(wall ns, CPU ns) inside the handler's run calls over the corpus."""
    corpus = open_corpus(corpus_path)
    handler = load_handler(handler_spec)
    context = handler.setup(corpus.load_fixtures())
    entries = [entry for entry in corpus.entries() if not isinstance(entry, CorpusError)][:limit]
    wall = cpu = 0
    if session is not None:
        session.start()
    try:
        for entry in entries:
            started_wall, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
            handler.run(context, entry.input)
            wall += time.perf_counter_ns() - started_wall
            cpu += time.thread_time_ns() - started_cpu
    finally:
        if session is not None:
            session.stop()
        if callable(teardown := getattr(handler, "teardown", None)):
            teardown(context)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(prog="python3 -m parity.profiling.overhead", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--handler", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--interval-ms", type=float, default=5.0)
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()
    plain: list[tuple[int, int]] = []
    profiled: list[tuple[int, int]] = []
    for _ in range(args.runs):
        plain.append(timed_run(args.corpus, args.handler, args.limit, None))
        session = ProfileSession(interval_s=args.interval_ms / 1000, trace_allocations=args.memory)
        profiled.append(timed_run(args.corpus, args.handler, args.limit, session))
    for clock, index in (("wall", 0), ("CPU", 1)):
        base = statistics.median(run[index] for run in plain) / 1e9
        with_profiler = statistics.median(run[index] for run in profiled) / 1e9
        print(f"{clock}: plain {base:.3f} s, profiled {with_profiler:.3f} s (median of {args.runs}): "
              f"ratio {with_profiler / base:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
