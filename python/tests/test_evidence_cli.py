"""Missing, partial or corrupted evidence never gets a GO: the gate, merge and --out, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from replay_cli import CORPORA, Replay, replay, run_parity

SAMPLE = CORPORA / "imports-sample"
QUICK = ("--noise-runs", "0", "--limit", "6")


def gate(report: Path, policy: dict[str, Any] | str, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / f"policy-{report.name}.json"
    path.write_text(policy if isinstance(policy, str) else json.dumps(policy))
    completed = run_parity("gate", report, "--policy", path)
    return completed.returncode, completed.stdout + completed.stderr


def merge(*args: str | Path) -> tuple[int, str]:
    completed = run_parity("merge", *args)
    return completed.returncode, completed.stdout + completed.stderr


# ---- the gate refuses missing evidence ---------------------------------------------------------------


def test_a_report_holding_only_its_schema_version_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "report.json").write_text('{"schema_version": 2}')
    code, output = gate(tmp_path / "r", {"max_mismatch_rate": 0}, tmp_path)
    assert code == 2, output
    assert f"{tmp_path / 'r' / 'report.json'}: tool: missing" in output


@pytest.mark.parametrize("case", ["missing_module", "missing_fixture", "empty_corpus"])
def test_a_replay_that_compared_nothing_is_never_go(tmp_path: Path, case: str) -> None:
    corpus, args = SAMPLE, list(QUICK)
    if case == "missing_module":
        args += ["--candidate", "nosuchmodule:x"]
    else:
        corpus = tmp_path / "corpus"
        shutil.copytree(SAMPLE, corpus)
        if case == "missing_fixture":
            for fixture in (corpus / "fixtures").iterdir():
                fixture.unlink()
        else:
            (corpus / "requests.jsonl").write_text("")
    result = replay(corpus, tmp_path / "out", *args)
    assert result.summary["compared"] == 0
    code, output = gate(tmp_path / "out", {"max_mismatch_rate": 0}, tmp_path)
    assert code == 4, output  # was GO, exit 0
    assert "UNDECIDED" in output and "compared requests 0 < 1" in output
    if case == "missing_module":
        assert "replay failed: candidate adapter nosuchmodule:x" in output


def test_min_requests_below_one_is_a_policy_error(tmp_path: Path) -> None:
    result = replay(SAMPLE, tmp_path / "r", *QUICK)
    code, output = gate(result.out, {"min_requests": 0}, tmp_path)
    assert code == 2 and '"min_requests" must be a number >= 1' in output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"max_crashes": 1e999}', "max_crashes: number out of range"),
        ('{"max_mismatch_rate": 1, "max_mismatch_rate": 0}', "max_mismatch_rate: key given twice in one object"),
    ],
)
def test_a_policy_number_out_of_range_or_key_given_twice_is_exit_2_naming_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    result = replay(SAMPLE, tmp_path / "r", *QUICK)
    code, output = gate(result.out, text, tmp_path)
    assert code == 2, output
    assert f"{tmp_path / 'policy-r.json'}: {message}" in output


def test_a_report_whose_counts_do_not_add_up_is_corrupted_evidence(tmp_path: Path) -> None:
    result = replay(SAMPLE, tmp_path / "r", *QUICK)
    report = result.report
    report["summary"]["requests"] *= 2
    (result.out / "report.json").write_text(json.dumps(report))
    code, output = gate(result.out, {"max_mismatch_rate": 0}, tmp_path)
    assert code == 2, output
    assert "inconsistent counts: summary.compared (6) + summary.crashes (0)" in output
    assert "!= summary.requests (12)" in output


def test_a_count_written_as_a_string_is_exit_2_for_gate_and_merge(tmp_path: Path) -> None:
    shards = [replay(SAMPLE, tmp_path / f"s{i}", *QUICK, "--shard", f"{i}/2") for i in (1, 2)]
    report = shards[0].report
    report["summary"]["mismatched"] = "0"
    (shards[0].out / "report.json").write_text(json.dumps(report))
    expected = f"{shards[0].out / 'report.json'}: summary.mismatched: expected a whole number >= 0, got string"
    code, output = gate(shards[0].out, {"max_mismatch_rate": 0}, tmp_path)
    assert code == 2 and expected in output
    code, output = merge(shards[0].out, shards[1].out, "--out", tmp_path / "merged")
    assert code == 2 and expected in output


# ---- merge verifies its shards -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shard_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Replay]:
    work = tmp_path_factory.mktemp("shards")
    runs = {f"a{i}": replay(SAMPLE, work / f"a{i}", *QUICK, "--shard", f"{i}/2") for i in (1, 2)}
    runs["b2"] = replay(SAMPLE, work / "b2", *QUICK, "--shard", "2/3")
    runs["whole"] = replay(SAMPLE, work / "whole", *QUICK)
    runs["slow"] = replay(SAMPLE, work / "slow", *QUICK, "--shard", "2/2", "--timeout", "3")
    runs["ported"] = replay(SAMPLE, work / "ported", *QUICK, "--shard", "2/2", "--ported-stage", "kernel")
    return runs


def test_shards_carry_one_corpus_digest(shard_runs: dict[str, Replay]) -> None:
    digests = {run.report["corpus"]["digest"] for run in shard_runs.values()}
    (digest,) = digests
    assert digest.startswith("fnv1a64-") and len(digest) == len("fnv1a64-") + 16


@pytest.mark.parametrize(
    ("shards", "message"),
    [
        (("a1", "a1"), "{a1}: shard 1/2 given twice (also {a1})"),
        (("a1",), "shard(s) 2/2 missing"),
        (("whole", "a1"), "{a1}: shard 1/2 cannot be merged with {whole}'s 1/1: a whole (unsharded, 1/1) replay"),
        (("a1", "b2"), "{b2}: shard 2/3 cannot be merged with {a1}'s 1/2: shards of different shard counts"),
        (("a1", "slow"), "{slow}: options.timeout_s 3.0 differs from {a1}'s 10.0"),
        (("a1", "ported"), "{ported}: options.ported_stage \"kernel\" differs from {a1}'s null"),
    ],
)
def test_merge_refuses_what_is_not_one_whole_set_of_shards(
    shard_runs: dict[str, Replay], tmp_path: Path, shards: tuple[str, ...], message: str
) -> None:
    code, output = merge(*(shard_runs[name].out for name in shards), "--out", tmp_path / "merged")
    assert code == 2, output  # was 0, and the merge gated GO
    assert message.format(**{name: run.out for name, run in shard_runs.items()}) in output
    assert not (tmp_path / "merged" / "report.json").exists()


def test_merge_refuses_to_clear_a_shard_given_as_out(shard_runs: dict[str, Replay]) -> None:
    a1, a2 = shard_runs["a1"].out, shard_runs["a2"].out
    code, output = merge(a1, a2, "--out", a1)
    assert code == 2 and f"but it holds the shard {a1}" in output
    assert (a1 / "report.json").is_file()


def test_a_partial_merge_is_marked_incomplete_and_never_go(shard_runs: dict[str, Replay], tmp_path: Path) -> None:
    code, output = merge(shard_runs["a1"].out, "--allow-partial", "--out", tmp_path / "partial")
    assert code == 0, output
    corpus = json.loads((tmp_path / "partial" / "report.json").read_text())["corpus"]
    assert corpus["complete"] is False
    assert "shard 2/2 missing from the merge (--allow-partial): its requests were not replayed" in corpus["problems"]
    code, output = gate(tmp_path / "partial", {"max_mismatch_rate": 0}, tmp_path)
    assert code == 4 and "require_complete_corpus" in output and "shard 2/2 missing" in output


# ---- clean output folders ----------------------------------------------------------------------------


def test_replay_out_naming_a_file_is_exit_2_with_the_path(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    result = replay(SAMPLE, tmp_path / "afile", *QUICK)
    assert result.returncode == 2, result.stderr  # was 5, "filesystem error: cannot create directories"
    assert f"--out {tmp_path / 'afile'}: not a folder" in result.stderr


def test_out_on_a_folder_of_something_else_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    result = replay(SAMPLE, tmp_path / "mine", *QUICK)
    assert result.returncode == 2
    assert "not empty and not a previous Parity report" in result.stderr
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_a_reused_out_keeps_no_stale_repro_bundle(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = replay(SAMPLE, out, *QUICK, "--candidate", "seeded_bugs:rounded_score")
    assert first.returncode == 1 and (out / "repro").is_dir()
    again = replay(SAMPLE, out, *QUICK)
    assert again.returncode == 0
    assert f"{out} holds a previous report: emptying it first" in again.stderr
    assert not (out / "repro").exists()  # a report saying "all match" beside the old bundles
    assert again.report["requests_with_differences"] == []


# ---- input errors are exit 2, never "internal error" -------------------------------------------------


def test_numbers_out_of_range_in_a_corpus_or_rules_are_input_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    manifest = (corpus / "manifest.json").read_text()
    (corpus / "manifest.json").write_text(manifest.replace('"count": 196', '"count": 1e999'))
    result = replay(corpus, tmp_path / "m", *QUICK)
    assert result.returncode == 2, result.stderr  # was 5, "number overflow parsing '1e999'" and no file
    assert f"{corpus / 'manifest.json'}: cannot read manifest: count: number out of range" in result.stderr

    (corpus / "manifest.json").write_text(manifest)
    lines = (corpus / "requests.jsonl").read_text().splitlines(keepends=True)[:3]
    lines[1] = lines[1].replace('"duration_ns":', '"duration_ns":1e999,"was":', 1)
    (corpus / "requests.jsonl").write_text("".join(lines))
    result = replay(corpus, tmp_path / "line", "--noise-runs", "0")
    assert result.returncode == 0, result.stderr  # was 5: one bad line is skipped and named
    assert result.summary["skipped"] == 1 and result.summary["compared"] == 2
    assert "requests.jsonl:2: number out of range" in result.stderr

    rules = tmp_path / "rules.json"
    rules.write_text('{"rules": [{"path": "/*/score", "float": {"abs": 1e999}}]}')
    result = replay(SAMPLE, tmp_path / "r", *QUICK, "--rules", rules)
    assert result.returncode == 2, result.stderr  # was 5
    assert f"{rules}: number overflow parsing '1e999'" in result.stderr
