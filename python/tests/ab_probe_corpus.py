"""The `_ab_probe` test module's three builds (bindings/tests/ab_probe) and a corpus of its calls, for the tests
of `parity replay --baseline` (test_replay_baseline.py, test_replay_and_gate_baseline.py).

The corpus is recorded as a service records its calls: the reference adapter (python/tests/adapters/
ab_probe_adapters.py) answers each request through `parity.recorder.Recorder`. Its step counts make the fast
build spend a few hundred microseconds per call, far above the harness's own cost per call, so that the
slow build's three passes show as a ratio near 3.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from adapters import ab_probe_adapters  # the workers import it as `ab_probe_adapters` (--python-path)
from cmake_build import build_dir

from parity.recorder import Recorder

KERNEL = "test.ab_probe"
ADAPTER = "ab_probe_adapters:native"
#: Every request's step count is FIRST_STEPS + k * STEP_INCREMENT; the changed build answers otherwise when
#: the count is a multiple of 5 (ab_probe.cpp), here every fifth request (k = 0, 5, 10, …).
FIRST_STEPS = 250_000
STEP_INCREMENT = 2_503
CHANGED_PERIOD = 5


def probe_build(name: str) -> Path:
    """The folder holding the `name` build of `_ab_probe` (fast, slow or changed)."""
    folder = build_dir() / "ab_probe" / name
    assert list(folder.glob("_ab_probe*.so")), f"{folder}/_ab_probe*.so is not built (target parity_ab_probe_{name})"
    return folder


def request(k: int) -> dict[str, int]:
    return {"seed": (k * 0x9E3779B97F4A7C15) % (1 << 64), "steps": FIRST_STEPS + k * STEP_INCREMENT}


def write_corpus(folder: Path, requests: int) -> tuple[Path, list[str]]:
    """Records `requests` calls of the reference into `folder`; returns it with the request ids, in order."""
    ids = []
    with Recorder(folder, kernel=KERNEL, reference="ab_probe_adapters:reference", candidate=ADAPTER,
                  service_version="test 1", description="calls of _ab_probe's walk", block_when_full=True,
                  fail_fast=True) as recorder:
        for k in range(requests):
            label = f"r{k:03d}"
            ids.append(recorder.request_id(label))
            recorder.call(lambda k=k: ab_probe_adapters.reference.run(None, request(k)), request(k), request_id=label)
    return folder, ids


def changed_ids(ids: list[str]) -> list[str]:
    """The requests the changed build answers differently, sorted."""
    return sorted(ids[k] for k in range(len(ids)) if request(k)["steps"] % CHANGED_PERIOD == 0)


def ab_args(candidate: str, baseline: str) -> list[Any]:
    """`parity replay` arguments running build `candidate` as the candidate and build `baseline` as the baseline,
    both through the same adapter and module name."""
    return ["--candidate", ADAPTER, "--python-path", probe_build(candidate),
            "--baseline", ADAPTER, "--baseline-path", probe_build(baseline)]
