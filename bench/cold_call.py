"""Where a native call's cold penalty comes from: one request's native call timed after different work.

`parity bench` times the native call right after the reference has run for a few milliseconds on the same
request, and that call takes far longer than the same call made back to back. This tool times, request by
request in one process, the native call on a freshly parsed copy of the input after each of these:

    warm          the native call on another request (back to back, as in `bench_native.py --order blocked`)
    reference     the reference on the same request (what `parity bench` measures)
    ref+other     the reference on the same request, then the native call on another request: the code,
                  the matcher's scratch memory and Python's allocator are warm again; this request's
                  index entries and customers are not
    ref+one-row   the same with one row of another request: mostly the code
    ref+thread    as ref+other, that native call made on another thread: what is warm again then is
                  state the threads share (code, the index, the branch predictors of the core), not the
                  calling thread's scratch memory
    ref+same      the reference, then the native call on this same request: everything this call reads is
                  warm, and the branch predictors have just seen the same input
    idle          3 ms asleep instead of the reference: what the machine does to an idle core meanwhile

The scenarios of a request run in a random (seeded) order, so the machine's minute-to-minute drift falls on
all of them alike. The process is pinned to one CPU, as `parity bench` pins its worker: both threads then
share one core's caches and predictors. Prints each scenario's p50 and p90 and its p50 above the warm one.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/cold_call.py corpora/imports-sample

`--rows N` times the native call on each request's first N rows only (requests with fewer are left out; the
work before it is unchanged): run with N = 1, 2, 4, 8, 15, it shows whether the penalty is paid once per
call or by every row.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_native import other_line, quantile, timed  # this script's folder is on sys.path
from importer.adapters import native, reference
from parity.corpus import open_corpus

SCENARIOS = ("warm", "reference", "ref+other", "ref+one-row", "ref+thread", "ref+same", "idle")
IDLE_SECONDS = 0.003  # about one reference call on imports-sample


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--passes", type=int, default=2, help="passes over the corpus (default 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=0,
                        help="time each request's first N rows only, leaving out requests with fewer (default: all)")
    args = parser.parse_args()

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    helper = Helper()
    corpus = open_corpus(args.corpus)
    fixtures = corpus.load_fixtures()
    lines = [json.dumps(request["input"]) for request in corpus.requests()]
    long_enough = {index for index, line in enumerate(lines) if len(json.loads(line)["rows"]) >= args.rows}
    if len(lines) < 2:
        sys.exit("cold_call: the corpus needs two requests at least")
    if not long_enough:
        sys.exit(f"cold_call: no request has {args.rows} rows")
    reference_context = reference.setup(fixtures)
    native_context = native.setup(fixtures)
    for line in lines:  # every matcher built, every code path run once
        native.run(native_context, json.loads(line))
    rng = random.Random(args.seed)

    def before(scenario: str, request: dict[str, Any], line: str, other: dict[str, Any]) -> None:
        if scenario == "warm":
            native.run(native_context, other)
            return
        if scenario == "idle":
            time.sleep(IDLE_SECONDS)
            return
        reference.run(reference_context, request)
        if scenario == "ref+other":
            native.run(native_context, other)
        elif scenario == "ref+one-row":
            native.run(native_context, dict(other, rows=other["rows"][:1]))
        elif scenario == "ref+thread":
            helper.run(lambda: native.run(native_context, other))
        elif scenario == "ref+same":
            native.run(native_context, first_rows(json.loads(line), args.rows))

    times: dict[str, list[float]] = {scenario: [] for scenario in SCENARIOS}
    for run in range(args.passes):
        for index, line in enumerate(lines):
            if index not in long_enough:
                continue
            other = other_line(lines, index, run)
            for scenario in rng.sample(SCENARIOS, len(SCENARIOS)):
                request = json.loads(line)
                before(scenario, request, line, json.loads(other))
                times[scenario].append(timed(native, native_context, first_rows(request, args.rows)))

    warm = quantile(times["warm"], 0.5)
    for scenario in SCENARIOS:
        p50 = quantile(times[scenario], 0.5)
        print(f"{scenario:<12} p50 {p50:7.1f} us  p90 {quantile(times[scenario], 0.9):7.1f} us  "
              f"above warm {p50 - warm:+6.1f} us  ({len(times[scenario])} calls)")
    return 0


def first_rows(request: dict[str, Any], rows: int) -> dict[str, Any]:
    """`request` with its first `rows` rows only (0: all of them)."""
    return dict(request, rows=request["rows"][:rows]) if rows else request


class Helper:
    """One other thread of the process, kept from call to call (a new one would map and touch a new stack)."""

    def __init__(self) -> None:
        self._calls: queue.Queue[Callable[[], object]] = queue.Queue()
        self._done: queue.Queue[BaseException | None] = queue.Queue()
        threading.Thread(target=self._serve, daemon=True).start()

    def run(self, call: Callable[[], object]) -> None:
        self._calls.put(call)
        error = self._done.get()
        if error is not None:
            raise error

    def _serve(self) -> None:
        while True:
            call = self._calls.get()
            try:
                call()
                self._done.put(None)
            except BaseException as error:  # handed to the caller, raised there
                self._done.put(error)


if __name__ == "__main__":
    raise SystemExit(main())
