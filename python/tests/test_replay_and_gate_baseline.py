"""ci/replay-and-gate's baseline: BASELINE (module:attr) and BASELINE_PATH (DIR[:DIR…]) become `parity replay`'s
--baseline and --baseline-path, in order, and the gate judges the baseline criteria; what the pull-request jobs
of ci/templates/ run against main's build (ci/build-baseline). The builds of `_ab_probe` (bindings/tests/ab_probe)
stand in for main's and the branch's ports.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from ab_probe_corpus import ADAPTER, probe_build, write_corpus
from replay_cli import REPO, SEEDED_ADAPTERS, parity_binary

REQUESTS = 30
#: The slow build as the candidate against the fast one: at least twice as slow, whatever the host's load.
POLICY = {"max_mismatch_rate": 0, "min_requests": REQUESTS, "require_baseline_parity": True,
          "max_slowdown_vs_baseline_p50": 1.5, "require_stable_host": False}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("ab_probe") / "corpus", REQUESTS)[0]


def replay_and_gate(corpus: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """ci/replay-and-gate with the slow build as the candidate (through REPLAY_ARGS) and `env` added."""
    policy = out.parent / "policy.json"
    policy.write_text(json.dumps(POLICY), encoding="utf-8")
    replay_args = (f"--quiet --noise-runs 0 --candidate {ADAPTER} --python-path {SEEDED_ADAPTERS} "
                   f"--python-path {probe_build('slow')}")
    return subprocess.run([str(REPO / "ci" / "replay-and-gate"), str(corpus), str(policy), str(out)],
                          env={**os.environ, "PARITY": str(parity_binary()), "REPEAT": "3",
                               "REPLAY_ARGS": replay_args, **env},
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_baseline_and_its_folders_reach_the_replay_and_the_gate(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    log = tmp_path / "setups"
    folders = [probe_build("fast"), probe_build("changed")]
    completed = replay_and_gate(corpus, out, BASELINE=ADAPTER, BASELINE_PATH=":".join(map(str, folders)),
                                AB_PROBE_LOG=str(log))
    assert completed.returncode == 3, completed.stdout + completed.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["baseline"]["adapter"] == ADAPTER
    assert [Path(folder).resolve() for folder in report["baseline"]["python_path"]] == [f.resolve() for f in folders]
    # The first folder comes first on the baseline's sys.path: its build answered, the same as the candidate.
    assert {line.split(" ")[1] for line in log.read_text(encoding="utf-8").splitlines()} == {"slow", "fast"}
    assert report["baseline"]["summary"]["matched"] == REQUESTS
    verdict = json.loads((out / "verdict.json").read_text(encoding="utf-8"))
    failed = [criterion["name"] for criterion in verdict["criteria"] if criterion["passed"] is False]
    assert failed == ["max_slowdown_vs_baseline_p50"], verdict


def test_a_policy_with_baseline_criteria_is_never_met_without_a_baseline(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    completed = replay_and_gate(corpus, out)
    assert completed.returncode in (1, 3, 4), completed.stdout + completed.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report.get("baseline") is None
    assert report["latency"].get("vs_baseline") is None
    verdict = json.loads((out / "verdict.json").read_text(encoding="utf-8"))
    criteria = {criterion["name"]: criterion for criterion in verdict["criteria"]}
    assert criteria["max_slowdown_vs_baseline_p50"]["passed"] is False, criteria


def test_a_baseline_path_without_a_baseline_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    completed = replay_and_gate(corpus, out, BASELINE_PATH=str(probe_build("fast")))
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert "BASELINE_PATH is set but BASELINE" in completed.stderr
    assert not out.exists()


def test_candidate_path_puts_the_branchs_port_first_on_the_candidates_sys_path(corpus: Path, tmp_path: Path) -> None:
    # REPLAY_ARGS names the slow build; CANDIDATE_PATH's folder comes first, so the fast build answers on both.
    out = tmp_path / "report"
    log = tmp_path / "setups"
    fast = str(probe_build("fast"))
    completed = replay_and_gate(corpus, out, BASELINE=ADAPTER, BASELINE_PATH=fast, CANDIDATE_PATH=fast,
                                AB_PROBE_LOG=str(log))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert {line.split(" ")[1] for line in log.read_text(encoding="utf-8").splitlines()} == {"fast"}
