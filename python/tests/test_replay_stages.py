"""Where the request time goes: adapters' stages(context) summed into report.json's "stages" by the built
`parity replay` (docs/latency.md), --ported-stage's Amdahl figures, report.md and report.html, a merge of
shards, and the stages() returns the harness refuses, each named in a warning while the replay completes.
The stage seconds come from fixed values (python/tests/adapters/staged_adapters.py), so every figure is
checked against the per-run lines of results.jsonl, not against a timing."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from replay_cli import REPO, Replay, replay, run_parity

REQUESTS = 12
REFERENCE_STAGES = {"prepare": 0.001, "kernel": 0.003}
CANDIDATE_STAGES = {"prepare": 0.001, "kernel": 0.0005, "serialise": 0.0002}
REPORT_SCHEMA = jsonschema.Draft202012Validator(
    json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """REQUESTS requests {"n": k} answered by sum(i * i for i in range(k)), replayed by staged_adapters."""
    folder = tmp_path_factory.mktemp("stages") / "corpus"
    (folder / "fixtures").mkdir(parents=True)
    lines = []
    for k in range(REQUESTS):
        line = {"id": f"r{k:02d}", "ts": "2026-12-07T00:00:00.000000Z", "kernel": "test.stages", "fixtures": [],
                "input": {"n": k}, "output": sum(i * i for i in range(k)), "duration_ns": 1000,
                "service_version": "test 1"}
        lines.append(json.dumps(line, separators=(",", ":")) + "\n")
    (folder / "requests.jsonl").write_text("".join(lines), encoding="utf-8")
    manifest = {"format": "parity.corpus", "format_version": 1, "kernel": "test.stages",
                "reference": "staged_adapters:reference", "candidate": "staged_adapters:candidate",
                "created": "2026-12-07T00:00:00.000000Z", "updated": "2026-12-07T00:00:00.000000Z",
                "count": REQUESTS, "segments": ["requests.jsonl"], "service_version": "test 1",
                "description": "stage times", "recorder": {"sample_rate": 1.0, "max_bytes": 1 << 20,
                "max_segments": 8, "redaction": {}, "recorded": REQUESTS, "sampled_out": 0, "dropped": 0,
                "errors": 0, "rotated_out": 0}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def percent(fraction: float) -> str:
    """A share as report.md writes it (number_format.cpp's format_percent)."""
    value = 100 * fraction
    return f"{value:.0f}%" if value >= 10 else f"{value:.1f}%"


def run(corpus: Path, out: Path, *args: str) -> Replay:
    result = replay(corpus, out, "--jobs", "1", "--noise-runs", "0", "--warmup", "1", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def expected_path(result: Replay, path: str, stages: dict[str, float]) -> dict[str, Any]:
    """The path's section recomputed from results.jsonl: its timed runs' wall times and stages."""
    timed = [line[path] for line in result.results() if line["timed"]]
    wall = sum(timing["wall_ns"] for timing in timed) / 1e9
    for timing in timed:
        assert timing["stages"] == [[name, seconds] for name, seconds in stages.items()]
    sums = {name: sum(dict(timing["stages"])[name] for timing in timed) for name in stages}
    return {"runs": len(timed), "wall_s": wall, "sums": sums, "outside_s": wall - sum(sums.values())}


def test_the_stages_are_summed_over_the_timed_runs_with_their_shares(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out")
    report = result.report
    assert list(REPORT_SCHEMA.iter_errors(report)) == []
    assert report["options"]["ported_stage"] is None
    stages = report["stages"]
    assert "ported" not in stages
    for path, reported in (("reference", REFERENCE_STAGES), ("candidate", CANDIDATE_STAGES)):
        expected = expected_path(result, path, reported)
        section = stages[path]
        assert section["runs"] == section["runs_with_stages"] == expected["runs"] == report["latency"]["samples"]
        assert expected["runs"] == REQUESTS - 1  # the warm-up job is not timed
        assert section["wall_s"] == pytest.approx(expected["wall_s"], rel=1e-9)
        assert [stage["name"] for stage in section["stages"]] == list(reported)  # the adapter's order
        for stage in section["stages"]:
            assert stage["seconds"] == pytest.approx(expected["sums"][stage["name"]], rel=1e-9)
            assert stage["seconds"] == pytest.approx(expected["runs"] * reported[stage["name"]], rel=1e-9)
            assert stage["runs"] == expected["runs"]
            assert stage["share"] == pytest.approx(stage["seconds"] / expected["wall_s"], rel=1e-9)
        assert section["outside_s"] == pytest.approx(expected["outside_s"], rel=1e-9)
        assert 0 < section["outside_share"] < 1  # every run slept longer than its stages
    markdown = (result.out / "report.md").read_text(encoding="utf-8")
    assert "#### Where the time goes" in markdown
    assert "| stage | reference | share | candidate | share |" in markdown
    assert "| serialise | — | — | 2.20 ms |" in markdown  # 11 runs of 0.2 ms; the reference has no such stage
    assert "Ported stage" not in markdown
    assert "Where the time goes" in (result.out / "report.html").read_text(encoding="utf-8")
    assert "where the time goes" in result.stdout


def test_ported_stage_gives_the_share_the_amdahl_bound_and_both_speedups(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out", "--ported-stage", "kernel")
    report = result.report
    assert list(REPORT_SCHEMA.iter_errors(report)) == []
    assert report["options"]["ported_stage"] == "kernel"
    reference = expected_path(result, "reference", REFERENCE_STAGES)
    candidate = expected_path(result, "candidate", CANDIDATE_STAGES)
    ported = report["stages"]["ported"]
    share = reference["sums"]["kernel"] / reference["wall_s"]
    assert ported["name"] == "kernel"
    assert ported["reference_share"] == pytest.approx(share, rel=1e-9)
    assert 0 < share < 0.6  # 3 ms of each run that lasts at least 5 ms
    assert ported["amdahl_bound"] == pytest.approx(1 / (1 - share), rel=1e-9)
    assert ported["stage_speedup"] == pytest.approx(6.0, rel=1e-9)  # 3 ms / 0.5 ms per run
    assert ported["whole_speedup"] == pytest.approx(reference["wall_s"] / candidate["wall_s"], rel=1e-9)
    assert ported["candidate_outside_share"] == pytest.approx(
        1 - candidate["sums"]["kernel"] / candidate["wall_s"], rel=1e-9)
    markdown = (result.out / "report.md").read_text(encoding="utf-8")
    assert f"**Ported stage kernel: {percent(share)} of the reference's time" in markdown
    assert "The stage itself is 6.00× faster" in markdown
    assert "| kernel | 33.0 ms |" in markdown  # 11 timed runs of 3 ms
    assert "ported stage kernel:" in result.stdout


def test_a_ported_stage_no_path_reported_is_a_warning_not_a_bound(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out", "--ported-stage", "parse")
    assert "ported" not in result.report["stages"]
    warning = ("--ported-stage parse: no timed run of the reference path reported that stage (its stages: "
               "prepare, kernel): no Amdahl bound")
    assert warning in result.report["warnings"]
    assert warning in (result.out / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["", "x" * 65])
def test_a_ported_stage_that_no_adapter_could_name_is_exit_2(corpus: Path, tmp_path: Path, name: str) -> None:
    completed = run_parity("replay", corpus, "--out", tmp_path / "out", "--ported-stage", name)
    assert completed.returncode == 2
    assert "--ported-stage" in completed.stderr and "1 to 64 bytes" in completed.stderr


def test_adapters_without_stages_give_no_section(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out", "--reference", "staged_adapters:plain", "--candidate",
                 "staged_adapters:none", "--ported-stage", "kernel")
    assert "stages" not in result.report
    assert any(warning.startswith("--ported-stage kernel: no timed run of either path reported stages")
               for warning in result.report["warnings"])
    assert "Where the time goes" not in (result.out / "report.md").read_text(encoding="utf-8")


BAD = "candidate adapter staged_adapters:{}: stages() "


@pytest.mark.parametrize(("adapter", "problems"), [
    ("bad_values", ["returned 'fast' (str) for the key 'kernel', not seconds as an int or float",
                    "returned nan for the key 'kernel', not a finite number of seconds >= 0",
                    "returned -1.0 for the key 'kernel', not a finite number of seconds >= 0",
                    "returned True (bool) for the key 'kernel', not seconds as an int or float"]),
    ("bad_shapes", ["returned list, not a mapping of stage name to seconds (or None)",
                    "raised RuntimeError: no stage times today",
                    "returned the key 1 (int), not a str stage name",
                    "returned more than 32 stages (at the key 's32')"]),
])
def test_unusable_stages_are_named_in_warnings_and_the_replay_completes(
        corpus: Path, tmp_path: Path, adapter: str, problems: list[str]) -> None:
    result = run(corpus, tmp_path / "out", "--reference", "staged_adapters:plain", "--candidate",
                 f"staged_adapters:{adapter}")
    report = result.report
    assert report["summary"]["matched"] == REQUESTS
    assert "stages" not in report  # nothing usable was reported
    markdown = (result.out / "report.md").read_text(encoding="utf-8")
    for problem in problems:
        found = [warning for warning in report["warnings"] if warning.startswith(BAD.format(adapter) + problem)]
        assert len(found) == 1, (problem, report["warnings"])
        assert f"({REQUESTS // 4} runs; the stages of such runs are left out" in found[0]
        assert problem.split(",")[0] in markdown
    assert all("stages" not in line["candidate"] for line in result.results())


def test_shards_merge_into_the_sums_of_one_run(corpus: Path, tmp_path: Path) -> None:
    shards = [run(corpus, tmp_path / f"shard{i}", "--shard", f"{i}/2", "--ported-stage", "kernel")
              for i in (1, 2)]
    merged = run_parity("merge", shards[0].out, shards[1].out, "--out", tmp_path / "merged")
    assert merged.returncode == 0, merged.stderr
    report = json.loads((tmp_path / "merged" / "report.json").read_text(encoding="utf-8"))
    assert list(REPORT_SCHEMA.iter_errors(report)) == []
    stages = report["stages"]
    for path in ("reference", "candidate"):
        parts = [shard.report["stages"][path] for shard in shards]
        assert stages[path]["runs"] == sum(part["runs"] for part in parts) == report["latency"]["samples"]
        assert stages[path]["wall_s"] == pytest.approx(sum(part["wall_s"] for part in parts), rel=1e-9)
        for index, stage in enumerate(stages[path]["stages"]):
            assert stage["name"] == parts[0]["stages"][index]["name"]
            assert stage["seconds"] == pytest.approx(sum(part["stages"][index]["seconds"] for part in parts),
                                                     rel=1e-9)
            assert stage["share"] == pytest.approx(stage["seconds"] / stages[path]["wall_s"], rel=1e-9)
    kernel = [stage["seconds"] for path in ("reference", "candidate") for stage in stages[path]["stages"]
              if stage["name"] == "kernel"]
    assert stages["ported"]["stage_speedup"] == pytest.approx(kernel[0] / kernel[1], rel=1e-9)
    assert stages["ported"]["whole_speedup"] == pytest.approx(
        stages["reference"]["wall_s"] / stages["candidate"]["wall_s"], rel=1e-9)
    assert "#### Where the time goes" in (tmp_path / "merged" / "report.md").read_text(encoding="utf-8")


def test_process_cpu_time_counts_the_work_an_adapter_hands_to_its_own_thread(corpus: Path, tmp_path: Path) -> None:
    result = run(corpus, tmp_path / "out", "--reference", "staged_adapters:threaded", "--candidate",
                 "staged_adapters:plain")
    for line in result.results():
        timing = line["reference"]
        # The calling thread waits in join(); the work ran on the adapter's thread, in the same process.
        assert timing["process_cpu_ns"] > 3 * timing["cpu_ns"], timing
    paths = result.report["latency"]["paths"]
    assert paths["reference"]["process_cpu"]["p50_ns"] > 3 * paths["reference"]["cpu"]["p50_ns"]
    # The host check reads the process's CPU time: the median of process CPU / wall over the timed runs.
    shares = [line["reference"]["process_cpu_ns"] / line["reference"]["wall_ns"] for line in result.results()
              if line["timed"]]
    assert result.report["latency"]["reference_cpu_share"] == pytest.approx(statistics.median(shares), rel=1e-9)
