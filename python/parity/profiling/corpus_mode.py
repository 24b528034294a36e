"""Corpus mode: every recorded request of a corpus through a handler adapter, under the profiler.

The handler is an adapter (corpora/README.md, "Adapters") for the service's *whole* per-request work,
not just the hot function: ``setup(fixtures) -> context`` once (not profiled), then ``run(context, input)``
per request (profiled), and ``teardown(context)`` at the end if the handler has one (an optional
addition to the protocol: a handler that writes to a temporary database removes it). A request that raises is counted and the run goes on; bad corpus lines are skipped.

    profile = profile_corpus(CorpusRun(corpus=Path("corpora/imports-sample"),
                                       handler="importer.profiling_handler:handler", limit=100))
"""

from __future__ import annotations

import importlib
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parity.corpus import CorpusError, open_corpus
from parity.profiling.profile_data import RunInfo, build_profile
from parity.profiling.scaling import RequestTiming, payload_size, scaling_tables
from parity.profiling.session import ProfileSession


class HandlerError(ValueError):
    """The handler cannot be imported or lacks setup/run: a usage error."""


@dataclass
class CorpusRun:
    corpus: Path
    handler: str
    limit: int | None = None
    interval_s: float = 0.005
    trace_allocations: bool = False


def load_handler(spec: str) -> Any:
    """The object named by ``module:attribute`` (dots allowed in the attribute), checked for setup/run."""
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise HandlerError(f"handler {spec!r}: expected module:attribute")
    try:
        value: Any = importlib.import_module(module_name)
        for part in attribute.split("."):
            value = getattr(value, part)
    except (ImportError, AttributeError) as exc:
        raise HandlerError(f"handler {spec!r}: {exc}") from exc
    if not callable(getattr(value, "setup", None)) or not callable(getattr(value, "run", None)):
        raise HandlerError(f"handler {spec!r} has no setup(fixtures) and run(context, input)")
    return value


def profile_corpus(run: CorpusRun) -> dict[str, Any]:
    """Profiles the run and returns profile.json's content; CorpusFormatError/HandlerError for bad input."""
    corpus = open_corpus(run.corpus)
    handler = load_handler(run.handler)
    context = handler.setup(corpus.load_fixtures())
    expected = corpus.manifest.count if run.limit is None else min(run.limit, corpus.manifest.count)
    timings: list[RequestTiming] = []
    errors: Counter[str] = Counter()
    skipped = 0
    session = ProfileSession(interval_s=run.interval_s, trace_allocations=run.trace_allocations)
    session.start()
    session.sampler.pause()  # reading and decoding the corpus is the driver's work, not the service's
    try:
        for entry in corpus.entries():
            if run.limit is not None and len(timings) >= run.limit:
                break
            if isinstance(entry, CorpusError):
                skipped += 1
                continue
            rows, size = payload_size(entry.input)
            session.sampler.resume()
            wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
            try:
                handler.run(context, entry.input)
            except Exception as exc:  # the request's outcome, as in replay: count it and go on
                errors[type(exc).__name__] += 1
            wall, cpu = time.perf_counter_ns() - wall, time.thread_time_ns() - cpu
            session.sampler.pause()
            timings.append(RequestTiming(rows, size, wall, cpu))
            session.memory.after_request(len(timings), expected)
    finally:
        recording = session.stop()
        if callable(teardown := getattr(handler, "teardown", None)):
            teardown(context)
    notes = [f"{sum(errors.values()):,} requests raised: "
             + ", ".join(f"{name} × {count}" for name, count in errors.most_common())] if errors else []
    if skipped:
        notes.append(f"{skipped:,} corpus lines skipped (unreadable)")
    info = RunInfo(mode="corpus", target=str(run.corpus), handler=run.handler, requests=len(timings),
                   errors=sum(errors.values()), skipped=skipped, scaling=scaling_tables(timings), notes=notes,
                   busy_wall_ns=sum(t.wall_ns for t in timings), busy_cpu_ns=sum(t.cpu_ns for t in timings))
    return build_profile(recording, info)
