"""Recorded outputs are evidence: `parity replay` checks the replayed reference (and the candidate) against
the outcome recorded in production, and a reference that drifted from it never passes, in the replay, its
reports, a merge or the gate (issue 16, item 1)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from replay_cli import CORPORA, REPO, Replay, replay, run_parity

SAMPLE = CORPORA / "imports-sample"
BUNDLED = ["imports-sample", "people-fake-1000", "chicago-childcare-sites"]
PARITY_ONLY = REPO / "ci" / "gate-policy-parity-only.json"
PSEUDONYM = "hash:0123456789abcdef"


def copy_corpus(target: Path, edit: Callable[[int, dict[str, Any]], None], lines: int | None = None,
                redaction: dict[str, str] | None = None) -> Path:
    """A copy of imports-sample (its first `lines` requests) with each request passed through `edit`."""
    shutil.copytree(SAMPLE, target)
    requests = (SAMPLE / "requests.jsonl").read_text(encoding="utf-8").splitlines()[:lines]
    edited = []
    for index, line in enumerate(requests):
        request = json.loads(line)
        edit(index, request)
        edited.append(json.dumps(request, ensure_ascii=False, separators=(",", ":")))
    (target / "requests.jsonl").write_text("\n".join(edited) + "\n", encoding="utf-8")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["count"] = len(edited)
    if redaction is not None:
        manifest["recorder"]["redaction"] = redaction
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


def hash_every_email(_: int, request: dict[str, Any]) -> None:
    """What `--record-redact email=hash` did before rules were paths: every key named email, the config's
    weight (a number the kernel needs) and the outputs included."""
    request["input"]["config"]["weights"]["email"] = PSEUDONYM
    for row in request["input"]["rows"]:
        row["email"] = PSEUDONYM
    for result in request["output"]:
        result["field_scores"]["email"] = PSEUDONYM if result["field_scores"]["email"] is not None else None
        result["normalized"]["email"] = PSEUDONYM if result["normalized"]["email"] is not None else None


def gate(report: Path) -> tuple[int, str, dict[str, Any]]:
    completed = run_parity("gate", report, "--policy", PARITY_ONLY)
    verdict = json.loads((report / "verdict.json").read_text(encoding="utf-8"))
    return completed.returncode, completed.stdout + completed.stderr, verdict


def criterion(verdict: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in verdict["criteria"] if c["name"] == name]
    return found


def schema_problems(report: dict[str, Any]) -> list[str]:
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    return [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(report)]


@pytest.mark.slow
def test_a_corpus_whose_redaction_broke_the_kernel_drifts_on_every_request_and_gates_no_go(
        tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "redacted", hash_every_email, redaction={"email": "hash"})
    result = replay(corpus, tmp_path / "report", "--jobs", "2")
    summary = result.summary
    # Both paths raise the same TypeError on every request: they match each other...
    assert summary["compared"] == 196 and summary["mismatched"] == 0
    assert summary["reference_errors"] == summary["candidate_errors"] == 196
    # ...but not what production answered, and that is no pass.
    assert summary["recorded_checked"] == summary["reference_drift"] == summary["candidate_vs_recorded"] == 196
    assert result.returncode == 1, result.stdout + result.stderr
    assert "OK: all" not in result.stdout
    assert "parity: REFERENCE DRIFT: the replayed reference differs from the recorded outcome on 196 of 196" \
        in result.stdout
    recorded = result.report["recorded"]
    (drift,) = recorded["reference_drift"]
    assert (drift["pattern"], drift["requests"], drift["types"]) == ("", 196, {"error_vs_value": 196})
    assert "TypeError" in drift["examples"][0]["detail"]
    # The legacy bare name ignores `email` anywhere in the recorded outcomes, and says so.
    (ignored,) = recorded["ignored"]
    assert ignored["legacy"] is True and ignored["output_paths"] == ["/**/email"]
    assert any("corpus redaction rule \"email\"" in warning for warning in result.report["warnings"])
    assert schema_problems(result.report) == []
    for name, text in (("report.md", "Reference drift: 196 of 196"), ("report.html", "reference drift"),
                       ("junit.xml", "parity.reference_drift")):
        assert text in (result.out / name).read_text(encoding="utf-8"), name

    code, output, verdict = gate(result.out)
    assert code == 1, output
    assert verdict["verdict"] == "NO-GO"
    drift_criterion = criterion(verdict, "max_reference_drift_rate")
    assert (drift_criterion["threshold"], drift_criterion["measured"], drift_criterion["passed"]) == (0, 1, False)
    assert drift_criterion["kind"] == "parity"


def alter_status(index: int, request: dict[str, Any], altered: tuple[int, ...] = (2,)) -> None:
    if index in altered:
        first = request["output"][0]
        first["status"] = "altered in the recording"


def test_one_altered_recorded_output_is_drift_at_that_field(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "altered", alter_status, lines=12)
    result = replay(corpus, tmp_path / "report", "--jobs", "2")
    summary = result.summary
    assert (summary["compared"], summary["mismatched"], summary["recorded_checked"]) == (12, 0, 12)
    assert (summary["reference_drift"], summary["candidate_vs_recorded"]) == (1, 1)
    assert result.returncode == 1, result.stdout + result.stderr
    (drift,) = result.report["recorded"]["reference_drift"]
    assert (drift["pattern"], drift["count"], drift["requests"], drift["types"]) == ("/*/status", 1, 1, {"value": 1})
    example = drift["examples"][0]
    assert example["pointer"] == "/0/status" and example["reference"] == "altered in the recording"
    assert example["request_id"] == "job1-batch000003"
    assert result.report["recorded"]["ignored"] == []
    assert "reference drift 1" in result.stdout


def test_merge_sums_drift_over_shards(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "altered", lambda i, r: alter_status(i, r, (0, 1, 2)), lines=12)
    shards = [replay(corpus, tmp_path / f"shard{i}", "--shard", f"{i}/2", "--noise-runs", "0") for i in (1, 2)]
    for shard in shards:
        assert shard.returncode == 1, shard.stdout + shard.stderr
    drift = [shard.summary["reference_drift"] for shard in shards]
    assert sorted(drift) == [1, 2]
    merged = run_parity("merge", *(shard.out for shard in shards), "--out", tmp_path / "merged")
    assert merged.returncode == 0, merged.stderr
    report = json.loads((tmp_path / "merged" / "report.json").read_text(encoding="utf-8"))
    summary = report["summary"]
    assert (summary["recorded_checked"], summary["reference_drift"], summary["candidate_vs_recorded"]) == (12, 3, 3)
    (field,) = report["recorded"]["reference_drift"]
    assert (field["pattern"], field["requests"], field["rate"]) == ("/*/status", 3, 0.25)
    assert schema_problems(report) == []
    code, output, verdict = gate(tmp_path / "merged")
    assert code == 1 and not criterion(verdict, "max_reference_drift_rate")["passed"], output


@pytest.mark.slow
@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_corpora_replay_without_mismatch_or_drift(tmp_path: Path, name: str) -> None:
    result = replay(CORPORA / name, tmp_path / name, "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.summary
    assert summary["mismatched"] == 0
    assert summary["recorded_checked"] == summary["compared"] == summary["requests"] > 0
    assert summary["reference_drift"] == summary["candidate_vs_recorded"] == 0
    assert result.report["recorded"] == {"ignored": [], "reference_drift": [], "candidate_vs_recorded": []}
    code, output, verdict = gate(result.out)
    assert code == 0 and criterion(verdict, "max_reference_drift_rate")["passed"], output


def test_a_malformed_redaction_map_is_an_input_error_naming_the_manifest(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "bad", lambda i, r: None, lines=3, redaction={"input.rows.*.email": "scramble"})
    result = replay(corpus, tmp_path / "report")
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{corpus / 'manifest.json'}: recorder.redaction.input.rows.*.email: unknown action \"scramble\"" \
        in result.stderr
