"""Tiny corpora for the profiler's tests: ``rows`` per request as the input, nothing else."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parity.corpus import CURRENT_SEGMENT, Manifest, utc_now_iso
from parity.profiling.corpus_mode import CorpusRun, profile_corpus

KERNEL = "tests.synthetic"


def write_corpus(folder: Path, rows_per_request: Sequence[int]) -> Path:
    """A corpus whose request i has ``rows_per_request[i]`` rows (``{"rows": [{"n": 0}, ...]}``)."""
    folder.mkdir(parents=True)
    lines = []
    for index, rows in enumerate(rows_per_request):
        lines.append(json.dumps({"id": f"r{index}", "ts": utc_now_iso(), "kernel": KERNEL, "fixtures": [],
                                 "input": {"rows": [{"n": n} for n in range(rows)]}, "output": None,
                                 "duration_ns": 1, "service_version": "test"}, separators=(",", ":")))
    (folder / CURRENT_SEGMENT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    Manifest(kernel=KERNEL, reference="x:y", candidate="x:y", count=len(lines)).save(folder)
    return folder


def profile(corpus: Path, handler: str, **options: Any) -> dict[str, Any]:
    return profile_corpus(CorpusRun(corpus=corpus, handler=handler, **options))


def stage_row(profile_json: dict[str, Any], path: str) -> dict[str, Any]:
    return next(stage for stage in profile_json["stages"] if stage["path"] == path)


def sample_share(profile_json: dict[str, Any], clock: str, frame: str) -> float:
    """Share of a clock's sampled time whose stack contains a frame named ``frame``."""
    stacks = profile_json["stacks"][clock]
    total = sum(stack["weight_s"] for stack in stacks)
    hit = sum(stack["weight_s"] for stack in stacks if frame in stack["frames"])
    return hit / total if total else 0.0
