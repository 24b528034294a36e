"""`parity replay --baseline`: two builds of one native module under one name in one replay (docs/replay.md).

`_ab_probe` (bindings/tests/ab_probe) is built three times: `fast`, `slow` (three times the work, the same
answers) and `changed` (other answers on every fifth request). The candidate runs one build through
`--python-path`, the baseline another through `--baseline-path`, both as `ab_probe_adapters:native`: the report
must tell which is slower, by about how much, and where they answer differently, and the gate must judge it.
The ratio's band is wide on purpose: the builds differ by a factor of 3 in work, and every request runs through
both one right after the other, so a loaded host moves the ratio far less than the band allows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ab_probe_corpus import ADAPTER, ab_args, changed_ids, probe_build, write_corpus
from replay_cli import REPO, Replay, replay, run_parity

REQUESTS = 40
#: Timed runs per request and path: REQUESTS * REPEAT paired samples of candidate / baseline.
REPEAT = 4
#: candidate / baseline at p50 when the candidate does three times the baseline's work.
SLOWER = (2.0, 4.5)
REPORT_SCHEMA = jsonschema.Draft202012Validator(
    json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return write_corpus(tmp_path_factory.mktemp("ab_probe") / "corpus", REQUESTS)


#: A replay of one build against another, and what AB_PROBE_LOG says was set up where: [pid, build, module file].
Run = tuple[Replay, list[list[str]]]


def replay_ab(corpus: Path, out: Path, candidate: str, baseline: str) -> Run:
    """The replay of build `candidate` against build `baseline`."""
    log = out.parent / f"{out.name}.setups"
    result = replay(corpus, out, *ab_args(candidate, baseline), "--jobs", "1", "--repeat", str(REPEAT),
                    "--warmup", "2", "--noise-runs", "0", env={"AB_PROBE_LOG": str(log)})
    # Every build answers as the reference does but `changed`, which is only ever the baseline here: the
    # replay's exit code says so (the baseline's differences are the gate's to judge, require_baseline_parity).
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(REPORT_SCHEMA.iter_errors(result.report)) == []
    return result, [line.split(" ", 2) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def slow_vs_fast(corpus: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Run:
    return replay_ab(corpus[0], tmp_path_factory.mktemp("slow_vs_fast") / "out", "slow", "fast")


@pytest.fixture(scope="module")
def fast_vs_slow(corpus: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Run:
    return replay_ab(corpus[0], tmp_path_factory.mktemp("fast_vs_slow") / "out", "fast", "slow")


@pytest.fixture(scope="module")
def fast_vs_changed(corpus: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Run:
    return replay_ab(corpus[0], tmp_path_factory.mktemp("fast_vs_changed") / "out", "fast", "changed")


def gate(result: Replay, policy: dict[str, Any]) -> tuple[int, dict[str, dict[str, Any]], str]:
    """`parity gate` on the replay's folder: its exit code, its criteria by name, and its output."""
    policy_file = result.out.parent / f"{result.out.name}-policy.json"
    policy_file.write_text(json.dumps(policy), encoding="utf-8")
    completed = run_parity("gate", result.out, "--policy", policy_file)
    verdict = json.loads((result.out / "verdict.json").read_text(encoding="utf-8"))
    return completed.returncode, {c["name"]: c for c in verdict["criteria"]}, completed.stdout + completed.stderr


#: Both kinds of criteria. The host's stability is not what these tests are about: ctest runs other tests
#: beside them, and the builds' factor of 3 is far outside what a busy host moves.
POLICY = {"max_mismatch_rate": 0, "require_error_parity": True, "max_crashes": 0, "max_timeouts": 0,
          "min_requests": REQUESTS, "require_baseline_parity": True, "max_slowdown_vs_baseline_p50": 1.5,
          "require_stable_host": False}


def test_both_builds_run_in_one_replay_each_in_its_own_workers(slow_vs_fast: Run) -> None:
    result, setups = slow_vs_fast
    builds = {name: {Path(file).parent.resolve() for _pid, build, file in setups if build == name}
              for name in ("slow", "fast")}
    assert builds == {"slow": {probe_build("slow").resolve()}, "fast": {probe_build("fast").resolve()}}, setups
    pids = {build: {pid for pid, b, _file in setups if b == build} for build in ("slow", "fast")}
    assert pids["slow"].isdisjoint(pids["fast"]), setups
    report = result.report
    assert report["baseline"]["adapter"] == ADAPTER
    assert [Path(folder).resolve() for folder in report["baseline"]["python_path"]] == [probe_build("fast").resolve()]
    # Every timed run of each path was the build it was given: its one stage is named after the build.
    timed = [line for line in result.results() if line["timed"]]
    assert len(timed) >= REQUESTS * (REPEAT - 1)
    for line in timed:
        assert [name for name, _seconds in line["candidate"]["stages"]] == ["walk.slow"], line
        assert [name for name, _seconds in line["baseline"]["stages"]] == ["walk.fast"], line


def test_a_candidate_three_times_slower_than_its_baseline_is_measured_so(slow_vs_fast: Run) -> None:
    report = slow_vs_fast[0].report
    ratios = report["latency"]["vs_baseline"]
    # Every timed run where both ran, less the warm-up jobs.
    assert REQUESTS * (REPEAT - 1) <= ratios["samples"] <= REQUESTS * REPEAT, ratios
    p50 = ratios["p50"]
    assert SLOWER[0] <= p50["value"] <= SLOWER[1], ratios
    assert p50["ci_low"] <= p50["value"] <= p50["ci_high"], ratios
    paths = report["latency"]["paths"]
    assert paths["baseline"]["wall"]["count"] >= ratios["samples"]
    assert paths["candidate"]["wall"]["p50_ns"] > paths["baseline"]["wall"]["p50_ns"]
    # Same answers: every request matched the reference and the baseline.
    assert report["summary"]["matched"] == report["summary"]["compared"] == REQUESTS
    assert report["baseline"]["summary"] == {"compared": REQUESTS, "matched": REQUESTS, "mismatched": 0,
                                             "crashes": 0, "timeouts": 0, "unavailable": 0}
    assert report["baseline"]["fields"] == [] and report["baseline"]["requests_with_differences"] == []


def test_a_candidate_three_times_faster_than_its_baseline_is_measured_so(fast_vs_slow: Run) -> None:
    result, setups = fast_vs_slow
    assert {build for _pid, build, _file in setups} == {"fast", "slow"}
    ratios = result.report["latency"]["vs_baseline"]
    assert 1 / SLOWER[1] <= ratios["p50"]["value"] <= 1 / SLOWER[0], ratios
    assert result.report["baseline"]["summary"]["matched"] == REQUESTS


def test_the_gate_says_no_go_on_a_slower_candidate_and_go_on_a_faster_one(
        slow_vs_fast: Run, fast_vs_slow: Run) -> None:
    code, criteria, output = gate(slow_vs_fast[0], POLICY)
    assert code == 3, output
    slowdown = criteria["max_slowdown_vs_baseline_p50"]
    assert slowdown["passed"] is False and slowdown["kind"] == "performance", slowdown
    assert slowdown["interval"][1] > POLICY["max_slowdown_vs_baseline_p50"], slowdown
    assert criteria["require_baseline_parity"]["passed"] is True

    code, criteria, output = gate(fast_vs_slow[0], POLICY)
    assert code == 0, output
    assert criteria["max_slowdown_vs_baseline_p50"]["passed"] is True
    assert criteria["max_slowdown_vs_baseline_p50"]["interval"][1] <= 1 / SLOWER[0]


def test_a_baseline_answering_otherwise_is_judged_apart_from_the_reference(
        corpus: tuple[Path, list[str]], fast_vs_changed: Run) -> None:
    result = fast_vs_changed[0]
    report = result.report
    expected = changed_ids(corpus[1])
    assert 0 < len(expected) < REQUESTS
    assert f"BASELINE DIFFERENCES: {len(expected)} of {REQUESTS} " in result.stdout + result.stderr
    # The candidate gives the reference's answers everywhere; the baseline does not on every fifth request.
    assert report["summary"]["matched"] == report["summary"]["compared"] == REQUESTS
    baseline = report["baseline"]
    assert baseline["summary"] == {"compared": REQUESTS, "matched": REQUESTS - len(expected),
                                   "mismatched": len(expected), "crashes": 0, "timeouts": 0, "unavailable": 0}
    assert baseline["requests_with_differences"] == expected
    assert [(field["pattern"], field["requests"]) for field in baseline["fields"]] == [("/state", len(expected))]

    code, criteria, output = gate(result, POLICY)
    assert code == 1, output
    assert criteria["require_baseline_parity"]["passed"] is False, criteria["require_baseline_parity"]
    assert criteria["max_mismatch_rate"]["passed"] is True
