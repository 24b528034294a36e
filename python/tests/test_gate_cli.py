"""`parity gate` end to end: replays of real and seeded candidates judged against policies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from replay_cli import CORPORA, REPO, Replay, first_requests, replay, run_parity

SAMPLE = CORPORA / "imports-sample"
REFERENCE = "importer.adapters:reference"
TIMING = ("--jobs", "1", "--noise-runs", "0", "--warmup", "3")


def gate(report: Path, policy: dict[str, Any] | Path, tmp_path: Path) -> tuple[int, str, dict[str, Any]]:
    if isinstance(policy, dict):
        path = tmp_path / f"policy-{report.name}.json"
        path.write_text(json.dumps(policy))
        policy = path
    completed = run_parity("gate", report, "--policy", policy)
    verdict = json.loads((report / "verdict.json").read_text()) if (report / "verdict.json").exists() else {}
    return completed.returncode, completed.stdout + completed.stderr, verdict


def criterion(verdict: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in verdict["criteria"] if c["name"] == name]
    return found


@pytest.mark.slow
def test_an_aa_run_gates_go_without_judging_speed_against_itself(tmp_path: Path) -> None:
    result = replay(first_requests(SAMPLE, 80, tmp_path / "c"), tmp_path / "aa", "--candidate", REFERENCE, *TIMING)
    assert result.returncode == 0
    policy = REPO / "ci" / "gate-policy.json"
    code, output, verdict = gate(tmp_path / "aa", json.loads(policy.read_text()) | {"min_requests": 50}, tmp_path)
    assert code == 0, output
    assert verdict["verdict"] == "GO"
    assert criterion(verdict, "min_speedup_p50")["applicable"] is False
    noise = result.report["latency"]["noise_floor"]
    assert 0.5 < noise["median_ratio"] < 2.0


def test_a_mismatching_candidate_gates_no_go_on_parity(tmp_path: Path) -> None:
    result = replay(first_requests(SAMPLE, 20, tmp_path / "c"), tmp_path / "bug", "--candidate",
                    "seeded_bugs:rounded_score")
    assert result.returncode == 1
    code, output, verdict = gate(tmp_path / "bug", {"max_mismatch_rate": 0, "min_requests": 10}, tmp_path)
    assert code == 1, output
    assert verdict["verdict"] == "NO-GO" and not criterion(verdict, "max_mismatch_rate")["passed"]
    assert "NO-GO" in (tmp_path / "bug" / "report.md").read_text(encoding="utf-8")
    assert "max_mismatch_rate" in (tmp_path / "bug" / "junit.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_candidate_made_slower_by_a_busy_wait_gates_no_go_on_performance(tmp_path: Path) -> None:
    # The threshold comes from this machine and build: two thirds of the real port's measured speedup.
    # The slowed candidate (3x the port's time) must fall below it; the real one must clear it.
    corpus = first_requests(SAMPLE, 120, tmp_path / "c")  # complete: a --limit replay is partial evidence
    native = replay(corpus, tmp_path / "native", *TIMING)
    assert native.returncode == 0
    measured = native.report["latency"]["speedup"]["p50"]
    policy = {"min_speedup_p50": measured["value"] / 1.5, "require_stable_host": False}
    code, output, _ = gate(tmp_path / "native", policy, tmp_path)
    assert code == 0, output

    slow = replay(corpus, tmp_path / "slow", "--candidate", "seeded_bugs:slow", *TIMING)
    assert slow.returncode == 0  # same outputs: only the time differs
    code, output, verdict = gate(tmp_path / "slow", policy, tmp_path)
    assert code == 3, output
    assert not criterion(verdict, "min_speedup_p50")["passed"]


def test_a_leaking_candidate_trips_the_memory_criterion(tmp_path: Path) -> None:
    result = replay(first_requests(SAMPLE, 40, tmp_path / "c"), tmp_path / "leak", "--candidate",
                    "seeded_bugs:leaking", *TIMING)
    assert result.returncode == 0
    growth_mb = result.report["memory"]["candidate"]["rss_growth_bytes"] / 2**20
    assert growth_mb > 50  # 2 MiB kept per call, 37 timed calls
    assert abs(result.report["memory"]["reference"]["rss_growth_bytes"]) / 2**20 < 10
    code, output, verdict = gate(tmp_path / "leak", {"max_rss_growth_mb": 50}, tmp_path)
    assert code == 3, output
    assert not criterion(verdict, "max_rss_growth_mb")["passed"]


def test_too_few_requests_cannot_be_decided(tmp_path: Path) -> None:
    replay(first_requests(SAMPLE, 8, tmp_path / "c"), tmp_path / "few", *TIMING)
    code, output, verdict = gate(tmp_path / "few", {"max_mismatch_rate": 0, "min_requests": 150}, tmp_path)
    assert code == 4, output
    assert verdict["verdict"] == "UNDECIDED"


def test_gate_input_errors_exit_2(tmp_path: Path) -> None:
    replay(SAMPLE, tmp_path / "r", "--limit", "3", "--noise-runs", "0")
    code, output, _ = gate(tmp_path / "r", {"min_speedup": 3}, tmp_path)
    assert code == 2 and 'unknown criterion "min_speedup"' in output
    (tmp_path / "empty").mkdir()
    code, output, _ = gate(tmp_path / "empty", {"max_crashes": 0}, tmp_path)
    assert code == 2 and "cannot read the report" in output


def test_shards_merged_equal_one_whole_run_in_counts(tmp_path: Path) -> None:
    args = ("--candidate", "seeded_bugs:rounded_score", "--noise-runs", "0")
    whole = replay(SAMPLE, tmp_path / "whole", *args, "--limit", "30")
    shards = [replay(SAMPLE, tmp_path / f"shard{i}", *args, "--limit", "10", "--shard", f"{i}/3") for i in (1, 2, 3)]
    merged = run_parity("merge", *(s.out for s in shards), "--out", tmp_path / "merged")
    assert merged.returncode == 0, merged.stderr
    report = json.loads((tmp_path / "merged" / "report.json").read_text())
    # --limit counts per shard here (10 each), so the shards cover the first 30 requests like the whole run.
    assert report["summary"] == whole.summary
    assert sorted(report["requests_with_differences"]) == sorted(whole.report["requests_with_differences"])
    whole_fields = {f["pattern"]: (f["count"], f["requests"]) for f in whole.report["fields"]}
    assert {f["pattern"]: (f["count"], f["requests"]) for f in report["fields"]} == whole_fields
    assert report["latency"]["samples"] == sum(s.report["latency"]["samples"] for s in shards)
    assert (tmp_path / "merged" / "report.html").is_file()


def test_replay_writes_every_report_file(tmp_path: Path) -> None:
    result: Replay = replay(SAMPLE, tmp_path / "files", "--limit", "10", "--noise-runs", "0")
    for name in ("report.json", "report.md", "report.html", "junit.xml", "benchmark.json", "results.jsonl"):
        assert (result.out / name).is_file(), name
    report = result.report
    assert set(report["latency"]["paths"]) == {"reference", "candidate"}
    assert report["environment"]["python"].startswith("3.11")
    assert report["latency"]["timer_overhead_ns"] > 0


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("summary_count_as_string",
         "report.json: summary.compared: expected a whole number >= 0, got string"),
        ("summary_missing", "report.json: summary: missing"),
        ("latency_missing", "report.json: latency: missing"),
        ("speedup_missing", "report.json: latency.speedup: missing although samples is"),
        ("truncated", "report.json: malformed JSON"),
    ],
)
def test_the_gate_refuses_a_damaged_report_naming_the_file_and_key(
    tmp_path: Path, damage: str, message: str
) -> None:
    # Missing, partial or corrupted evidence never gets a verdict: exit 2, and no verdict.json.
    result = replay(SAMPLE, tmp_path / "r", "--limit", "10", "--noise-runs", "0", "--warmup", "1")
    assert result.returncode == 0
    path = tmp_path / "r" / "report.json"
    report = result.report
    if damage == "summary_count_as_string":
        report["summary"]["compared"] = str(report["summary"]["compared"])
    elif damage == "summary_missing":
        del report["summary"]
    elif damage == "latency_missing":
        del report["latency"]
    elif damage == "speedup_missing":
        del report["latency"]["speedup"]
    text = json.dumps(report, indent=2)
    path.write_text(text[: len(text) // 2] if damage == "truncated" else text)
    code, output, verdict = gate(tmp_path / "r", {"max_mismatch_rate": 0}, tmp_path)
    assert code == 2, output
    assert str(path) + ": " in output and message in output
    assert verdict == {}


def test_merge_refuses_a_damaged_shard_naming_the_file_and_key(tmp_path: Path) -> None:
    args = ("--noise-runs", "0", "--limit", "6")
    shards = [replay(SAMPLE, tmp_path / f"shard{i}", *args, "--shard", f"{i}/2") for i in (1, 2)]
    report = shards[1].report
    report["fields"] = {"not": "a list"}
    (shards[1].out / "report.json").write_text(json.dumps(report))
    merged = run_parity("merge", *(s.out for s in shards), "--out", tmp_path / "merged")
    assert merged.returncode == 2
    assert f"{shards[1].out / 'report.json'}: fields: expected an array, got object" in merged.stderr
    assert not (tmp_path / "merged" / "report.json").exists()
