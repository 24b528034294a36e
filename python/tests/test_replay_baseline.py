"""`parity replay --baseline`: a third path, the build that is live now, in worker processes of its own with
its own sys.path, so that two builds of one module name (python/tests/adapters/twin_builds) run in one replay.
Checked here through the built binary: which build ran where and in which order (a call log the adapters
write), the candidate diffed against the baseline, the report's sections and their schema, the gate's
baseline criteria, shards merged, and the ways to get it wrong. Timing ratios of two builds that differ in
speed are checked with native builds in test_replay_baseline_native.py (if present) and calibrated by
bench/calibrate_baseline.py; nothing here depends on a timing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from replay_cli import REPO, Replay, replay, run_parity

TWINS = Path(__file__).resolve().parent / "adapters" / "twin_builds"
CURRENT = TWINS / "current"
PREVIOUS = TWINS / "previous"
INPUTS = [*range(12), -1]
REPORT_SCHEMA = jsonschema.Draft202012Validator(
    json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8")))


def recorded(n: int) -> dict[str, Any]:
    """What the current build answers."""
    if n < 0:
        return {"error": {"type": "ValueError", "message": f"n must be >= 0, got {n}"}}
    return {"output": {"n": n, "sum": sum(i * i for i in range(n))}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One request {"n": k} per k of INPUTS, answered by the current build."""
    folder = tmp_path_factory.mktemp("baseline") / "corpus"
    (folder / "fixtures").mkdir(parents=True)
    lines = [json.dumps({"id": f"r{i:02d}", "ts": "2026-12-07T00:00:00.000000Z", "kernel": "test.twin",
                         "fixtures": [], "input": {"n": n}, **recorded(n), "duration_ns": 1000,
                         "service_version": "test 1"}, separators=(",", ":")) + "\n" for i, n in enumerate(INPUTS)]
    (folder / "requests.jsonl").write_text("".join(lines), encoding="utf-8")
    manifest = {"format": "parity.corpus", "format_version": 1, "kernel": "test.twin",
                "reference": "twin_build:reference", "candidate": "twin_build:candidate",
                "created": "2026-12-07T00:00:00.000000Z", "updated": "2026-12-07T00:00:00.000000Z",
                "count": len(INPUTS), "segments": ["requests.jsonl"], "service_version": "test 1",
                "description": "two builds of one module", "recorder": {"sample_rate": 1.0, "max_bytes": 1 << 20,
                "max_segments": 8, "redaction": {}, "recorded": len(INPUTS), "sampled_out": 0, "dropped": 0,
                "errors": 0, "rotated_out": 0}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def run(corpus: Path, out: Path, *args: str | Path, log: Path | None = None) -> Replay:
    env = {"PARITY_TEST_CALL_LOG": str(log)} if log else None
    return replay(corpus, out, "--python-path", CURRENT, "--noise-runs", "0", "--warmup", "1", *args, env=env)


def calls(log: Path) -> list[tuple[str, str, int, int]]:
    rows = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    return [(build, adapter, int(n), int(pid)) for build, adapter, n, pid in rows]


def test_the_baseline_runs_its_own_build_in_its_own_workers_interleaved_per_request(
        corpus: Path, tmp_path: Path) -> None:
    log = tmp_path / "calls.log"
    result = run(corpus, tmp_path / "out", "--baseline", "twin_build:candidate", "--baseline-path", PREVIOUS,
                 "--jobs", "1", "--repeat", "3", log=log)
    assert result.returncode == 0, result.stdout + result.stderr  # the reference parity holds
    made = calls(log)
    # The baseline's workers import the previous build first (reference included, run for symmetry), the
    # other workers the current one; never both builds in one process.
    builds_of_pid: dict[int, set[str]] = {}
    for build, _, _, pid in made:
        builds_of_pid.setdefault(pid, set()).add(build)
    assert all(len(builds) == 1 for builds in builds_of_pid.values())
    assert Counter((build, adapter) for build, adapter, _, _ in made) == {
        ("current", "reference"): 3 * len(INPUTS), ("current", "candidate"): 3 * len(INPUTS),
        ("previous", "reference"): 3 * len(INPUTS), ("previous", "candidate"): 3 * len(INPUTS)}
    # One lane: each run of a request is its four calls back to back, the worker's two and the baseline
    # worker's two, in either order (random per run, both seen over 39 runs).
    firsts = Counter()
    for start in range(0, len(made), 4):
        run_calls = made[start:start + 4]
        assert len({n for _, _, n, _ in run_calls}) == 1
        assert run_calls[0][0] == run_calls[1][0] != run_calls[2][0] == run_calls[3][0]
        firsts[run_calls[0][0]] += 1
    assert firsts["current"] > 0 and firsts["previous"] > 0
    lines = result.results()
    assert {line["baseline_order"] for line in lines} == {"baseline_first", "baseline_last"}
    assert all(line["baseline"]["status"] in ("ok", "error") for line in lines)


def test_the_candidate_is_diffed_against_the_baseline_and_reported(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out", "--baseline", "twin_build:candidate", "--baseline-path", PREVIOUS)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.report
    assert list(REPORT_SCHEMA.iter_errors(report)) == []
    baseline = report["baseline"]
    assert baseline["adapter"] == "twin_build:candidate"
    assert baseline["python_path"] == [str(PREVIOUS)]
    assert baseline["summary"] == {"compared": 13, "matched": 11, "mismatched": 2, "crashes": 0, "timeouts": 0,
                                   "unavailable": 0}
    assert baseline["requests_with_differences"] == ["r07", "r12"]
    fields = {field["pattern"]: field for field in baseline["fields"]}
    assert fields["/sum"]["types"] == {"value": 1}
    assert fields["/sum"]["examples"][0]["request_id"] == "r07"
    assert fields["/message"]["types"] == {"error_message": 1}  # the same error type, another message
    assert report["summary"]["mismatched"] == 0  # against the reference, the candidate is right
    latency = report["latency"]
    timed = [line for line in result.results() if line["timed"]]
    assert latency["vs_baseline"]["samples"] == len(timed) == latency["samples"]
    assert latency["paths"]["baseline"]["wall"]["count"] == len(timed)
    for percentile in ("p50", "p95", "p99"):
        ratio = latency["vs_baseline"][percentile]
        assert 0 < ratio["ci_low"] <= ratio["value"] <= ratio["ci_high"]
        assert latency["minimum_detectable_slowdown"]["vs_baseline"][percentile] >= 0
        assert latency["minimum_detectable_slowdown"]["vs_reference"][percentile] >= 0
    assert report["memory"]["baseline"]["runs"] == len(timed)
    assert "BASELINE DIFFERENCES: 2 of 13" in result.stdout
    assert "candidate vs baseline: compared 13, matched 11, mismatched 2" in result.stdout


def test_the_gate_judges_baseline_parity_and_says_undecided_when_the_run_cannot_resolve_a_threshold(
        corpus: Path, tmp_path: Path) -> None:
    different = run(corpus, tmp_path / "different", "--baseline", "twin_build:candidate", "--baseline-path", PREVIOUS)
    same = run(corpus, tmp_path / "same", "--baseline", "twin_build:candidate")  # the current build twice
    assert same.report["baseline"]["summary"]["mismatched"] == 0
    parity = tmp_path / "parity.json"
    parity.write_text('{"require_baseline_parity": true, "require_stable_host": false}', encoding="utf-8")
    assert run_parity("gate", same.out, "--policy", parity).returncode == 0
    gate = run_parity("gate", different.out, "--policy", parity)
    assert gate.returncode == 1, gate.stdout
    assert "require_baseline_parity" in gate.stdout
    verdict = json.loads((different.out / "verdict.json").read_text(encoding="utf-8"))
    assert verdict["verdict"] == "NO-GO"
    # A run whose p99 ratio is 1.0 [0.95, 1.06] with 9 % detectable cannot resolve 5 %: undecided, never a
    # pass or fail by chance; the same interval with 3 % detectable is a NO-GO. (The figures are set in the
    # report: twelve runs of microseconds give whatever intervals the host's noise makes.)
    policy = tmp_path / "p99.json"
    policy.write_text('{"max_slowdown_vs_baseline_p99": 1.05, "require_stable_host": false}', encoding="utf-8")
    report = same.report
    report["latency"]["vs_baseline"]["p99"] = {"value": 1.0, "ci_low": 0.95, "ci_high": 1.06}
    for detectable, exit_code, says in ((0.09, 4, "finer than this run can detect"), (0.03, 3, "> 1.05")):
        report["latency"]["minimum_detectable_slowdown"]["vs_baseline"]["p99"] = detectable
        (same.out / "report.json").write_text(json.dumps(report), encoding="utf-8")
        gate = run_parity("gate", same.out, "--policy", policy)
        assert gate.returncode == exit_code, gate.stdout
        assert says in gate.stdout
    # Asked of a report without a baseline: not measured, undecided.
    plain = run(corpus, tmp_path / "plain")
    missing = run_parity("gate", plain.out, "--policy", parity)
    assert missing.returncode == 4
    assert "no baseline" in missing.stdout


def test_a_baseline_that_cannot_be_imported_is_reported_and_the_replay_goes_on(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out", "--baseline", "no_such_module:candidate")
    assert result.returncode == 0, result.stdout + result.stderr
    baseline = result.report["baseline"]
    assert baseline["summary"]["unavailable"] == baseline["summary"]["compared"] == 13
    assert any("no_such_module" in problem for problem in baseline["problems"])
    assert "vs_baseline" not in result.report["latency"]
    assert "no timed run of the baseline" in " ".join(result.report["warnings"])


def test_shards_with_a_baseline_merge_into_the_whole_replay(corpus: Path, tmp_path: Path) -> None:
    shards = [run(corpus, tmp_path / f"shard{i}", "--baseline", "twin_build:candidate", "--baseline-path", PREVIOUS,
                  "--shard", f"{i}/2") for i in (1, 2)]
    merged = tmp_path / "merged"
    completed = run_parity("merge", *(shard.out for shard in shards), "--out", merged)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report = json.loads((merged / "report.json").read_text(encoding="utf-8"))
    assert list(REPORT_SCHEMA.iter_errors(report)) == []
    assert report["baseline"]["summary"]["compared"] == 13
    assert report["baseline"]["summary"]["mismatched"] == 2
    assert report["baseline"]["requests_with_differences"] == ["r07", "r12"]
    timed = sum(shard.report["latency"]["vs_baseline"]["samples"] for shard in shards)
    assert report["latency"]["vs_baseline"]["samples"] == timed
    # A shard without the baseline is not the same replay.
    plain = run(corpus, tmp_path / "plain2", "--shard", "2/2")
    refused = run_parity("merge", shards[0].out, plain.out, "--out", tmp_path / "refused")
    assert refused.returncode == 2
    assert "baseline" in refused.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--baseline-path", str(PREVIOUS)], "--baseline-path requires --baseline"),
    (["--baseline", "twin_build:candidate", "--baseline-path", "/nonexistent/build"], "--baseline-path"),
    (["--baseline", "os:getcwd", "--allow-modules", "twin_build"], "baseline adapter os:getcwd"),
])
def test_baseline_usage_mistakes_are_exit_2_before_anything_runs(
        corpus: Path, tmp_path: Path, args: list[str], message: str) -> None:
    completed = run_parity("replay", corpus, "--out", tmp_path / "out", "--python-path", CURRENT, *args)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert message in completed.stderr
    assert not (tmp_path / "out" / "report.json").exists()
