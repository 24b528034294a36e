"""How much of a whole scoring request stays in Python after the kernel's port: the Amdahl bound, per backend.

Replays a request corpus (docs/request-replay.md) through the app with the request adapters, ``--repeat``
times per backend, and sums the service's own stage times (stage_times.py: parse, validate, load, rules,
kernel, serialise) over the scored requests, beside the wall time of each whole call. Prints per backend the
stages' totals, the kernel's share of the wall time, and the bound an infinitely fast kernel would give
(wall ÷ (wall − kernel), and the same over the stages' sum, which leaves out the ASGI plumbing and the
worker-thread hop, and waiting for a CPU on a loaded machine); then the measured whole-request speedup, native over python.

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/scoring_request_amdahl.py corpora/scoring-requests
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from parity.corpus import CorpusError, open_corpus
from scoring.request_adapters import ReplayStore, RequestAdapter
from scoring.service import ScoreAnswer, ScoringService
from scoring.stage_times import KERNEL, STAGES


class TimedAdapter(RequestAdapter):
    """A request adapter whose service keeps the stage times of the last scored request."""

    def __init__(self, backend: str) -> None:
        super().__init__(backend)
        self.last: ScoreAnswer | None = None

    def service(self, store: ReplayStore) -> ScoringService:
        service = super().service(store)
        score = service.score

        def noting(body: bytes, request_id: str) -> ScoreAnswer:
            self.last = score(body, request_id)
            return self.last

        service.score = noting  # type: ignore[method-assign]
        return service


def measure(backend: str, fixtures: dict[str, Any], inputs: list[Any], repeat: int) -> dict[str, float]:
    """Seconds summed over the scored requests, per stage and ``wall``; medians over ``repeat`` passes."""
    adapter = TimedAdapter(backend)
    context = adapter.setup(fixtures)
    passes: list[dict[str, float]] = []
    for _ in range(repeat):
        totals = dict.fromkeys(("wall", *STAGES), 0.0)
        for request in inputs:
            adapter.last = None
            started = time.perf_counter()
            output = adapter.run(context, request)
            wall = time.perf_counter() - started
            if output["status"] != 200 or adapter.last is None:
                continue
            totals["wall"] += wall
            for name in STAGES:
                totals[name] += adapter.last.times.seconds[name]
        passes.append(totals)
    return {name: statistics.median(one[name] for one in passes) for name in passes[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = open_corpus(args.corpus)
    fixtures = corpus.load_fixtures()
    inputs = [entry.input for entry in corpus.entries() if not isinstance(entry, CorpusError)]
    results = {backend: measure(backend, fixtures, inputs, args.repeat) for backend in ("python", "native")}
    print(f"{args.corpus}: {len(inputs)} requests, scored ones summed, medians of {args.repeat} passes (ms)")
    print(f"{'':>10}" + "".join(f"{backend:>12}" for backend in results))
    for name in ("wall", *STAGES):
        print(f"{name:>10}" + "".join(f"{totals[name] * 1000:>12.1f}" for totals in results.values()))
    for backend, totals in results.items():
        stages = sum(totals[name] for name in STAGES)
        share, staged_share = totals[KERNEL] / totals["wall"], totals[KERNEL] / stages
        print(f"{backend}: kernel {share:.1%} of the wall time ({staged_share:.1%} of the stages' sum); an "
              f"infinitely fast kernel gives at most {1 / (1 - share):.2f}x ({1 / (1 - staged_share):.2f}x "
              f"counting the stages only); outside the stages {(totals['wall'] - stages) * 1000:.1f} ms")
    python, native = results["python"], results["native"]
    print(f"native over python, whole requests: {python['wall'] / native['wall']:.2f}x "
          f"(kernel alone {python[KERNEL] / native[KERNEL]:.1f}x; Amdahl bound from the python shares "
          f"{python['wall'] / (python['wall'] - python[KERNEL]):.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
