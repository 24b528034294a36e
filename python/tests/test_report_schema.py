"""report.json and verdict.json as written by the built `parity` validate against docs/report.schema.json
and docs/verdict.schema.json: replays (with differences, a crash, an A/A run), a merge of two shards and the
gate's verdicts; so do the complete report fixtures of harness/reports/tests. A report that breaks the
schema is rejected, so these checks can fail."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from replay_cli import CORPORA, REPO, Replay, replay, run_parity

SAMPLE = CORPORA / "imports-sample"
DOCS = REPO / "docs"
FIXTURES = REPO / "harness" / "reports" / "tests" / "data"
#: Fixtures written as parity writes reports. "minimal" (an old report without latency, environment or
#: memory) and "hostile" (injection strings, keys left out, wrong types) are partial on purpose: they test
#: the renderers' tolerance and are not validated.
COMPLETE_FIXTURES = ("matching", "mismatching", "drifting", "baseline")
LIMIT = "24"
PARITY_ONLY_POLICY = {
    "max_mismatch_rate": 0, "max_crashes": 0, "max_timeouts": 0, "require_error_parity": True
}


def validator(schema: str) -> jsonschema.Draft202012Validator:
    document = json.loads((DOCS / schema).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


REPORT_SCHEMA = validator("report.schema.json")
VERDICT_SCHEMA = validator("verdict.schema.json")


def problems(schema: jsonschema.Draft202012Validator, document: Any) -> list[str]:
    """Every place `document` breaks `schema`, as "key/path: message"."""
    errors = sorted(schema.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in errors]


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def trigger_of_request(index: int) -> str:
    """The external_ref of the first row of SAMPLE's request number `index` (1-based): the crash trigger."""
    with (SAMPLE / "requests.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if number == index:
                return str(json.loads(line)["input"]["rows"][0]["external_ref"])
    raise AssertionError("corpus too short")


def gate(folder: Path, tmp_path: Path) -> int:
    policy = tmp_path / f"policy-{folder.name}.json"
    policy.write_text(json.dumps(PARITY_ONLY_POLICY))
    return run_parity("gate", folder, "--policy", policy).returncode


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Report folders of real runs, each gated: differences, a crash, an A/A run and a merge of two shards."""
    work = tmp_path_factory.mktemp("schema")
    crash_trigger = {"PARITY_TEST_TRIGGER": trigger_of_request(4)}
    folders: dict[str, Replay] = {
        "differences": replay(SAMPLE, work / "differences", "--candidate", "seeded_bugs:extra_field",
                              "--limit", LIMIT),
        "crash": replay(SAMPLE, work / "crash", "--candidate", "seeded_bugs:crash_on_trigger",
                        "--limit", LIMIT, "--jobs", "2", "--noise-runs", "0", env=crash_trigger),
        "aa": replay(CORPORA / "people-fake-1000", work / "aa", "--candidate", "importer.adapters:reference",
                     "--limit", LIMIT, "--warmup", "1"),
    }
    for shard in ("1/2", "2/2"):
        name = f"shard{shard[0]}"
        folders[name] = replay(SAMPLE, work / name, "--candidate", "seeded_bugs:rounded_score",
                               "--limit", "12", "--noise-runs", "0", "--shard", shard)
    for name, result in folders.items():
        assert result.returncode in (0, 1), f"{name}: {result.stdout}{result.stderr}"
    merged = run_parity("merge", work / "shard1", work / "shard2", "--out", work / "merged")
    assert merged.returncode == 0, merged.stderr
    paths = {name: result.out for name, result in folders.items()} | {"merged": work / "merged"}
    for path in paths.values():
        assert gate(path, work) in (0, 1, 4)  # a verdict; 4: a --limit replay is partial evidence
    yield paths
    shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize("run", ["differences", "crash", "aa", "shard1", "merged"])
def test_real_reports_match_the_schema(runs: dict[str, Path], run: str) -> None:
    report = load(runs[run] / "report.json")
    assert problems(REPORT_SCHEMA, report) == []


def test_the_real_reports_cover_the_optional_parts(runs: dict[str, Path]) -> None:
    # What the runs were chosen for: otherwise the schema's optional parts would go unchecked.
    differences = load(runs["differences"] / "report.json")
    example = differences["fields"][0]["examples"][0]
    assert "input" in example and "repro" in example
    crash = load(runs["crash"] / "report.json")
    assert [outcome["outcome"] for outcome in crash["outcomes"]] == ["crash"]
    aa = load(runs["aa"] / "report.json")
    assert "noise_floor" in aa["latency"] and aa["latency"]["samples"] > 0
    merged = load(runs["merged"] / "report.json")
    assert merged["options"]["shard"] == "merged" and len(merged["shards"]) == 2
    assert "parity_peak_rss_bytes" not in merged["memory"]


@pytest.mark.parametrize("run", ["differences", "crash", "aa", "merged"])
def test_real_verdicts_match_the_schema(runs: dict[str, Path], run: str) -> None:
    verdict = load(runs[run] / "verdict.json")
    assert problems(VERDICT_SCHEMA, verdict) == []
    assert verdict["criteria"], "the policy sets criteria"


@pytest.mark.parametrize("fixture", COMPLETE_FIXTURES)
def test_complete_report_fixtures_match_the_schema(fixture: str) -> None:
    assert problems(REPORT_SCHEMA, load(FIXTURES / fixture / "report.json")) == []


@pytest.mark.parametrize("fixture", ["mismatching", "baseline"])
def test_the_verdict_fixtures_match_the_schema(fixture: str) -> None:
    assert problems(VERDICT_SCHEMA, load(FIXTURES / fixture / "verdict.json")) == []


def test_the_baseline_fixture_covers_every_baseline_key() -> None:
    # What the fixture is for: until a replay with --baseline runs here, it alone checks these parts.
    report = load(FIXTURES / "baseline" / "report.json")
    assert report["baseline"]["fields"] and report["baseline"]["fields"][0]["examples"]
    assert "baseline" in report["latency"]["paths"] and "baseline" in report["memory"]
    assert "vs_baseline" in report["latency"]
    assert "vs_baseline" in report["latency"]["minimum_detectable_slowdown"]


def test_a_baseline_section_breaking_the_schema_is_rejected() -> None:
    report = load(FIXTURES / "baseline" / "report.json")
    assert problems(REPORT_SCHEMA, report) == []

    unknown_count = copy.deepcopy(report)
    unknown_count["baseline"]["summary"]["skipped"] = 0
    assert problems(REPORT_SCHEMA, unknown_count) == [
        "baseline/summary: Additional properties are not allowed ('skipped' was unexpected)"
    ]

    no_reference = copy.deepcopy(report)
    del no_reference["latency"]["minimum_detectable_slowdown"]["vs_reference"]
    assert problems(REPORT_SCHEMA, no_reference) == [
        "latency/minimum_detectable_slowdown: 'vs_reference' is a required property"
    ]

    percent_not_fraction = copy.deepcopy(report)
    percent_not_fraction["latency"]["vs_baseline"]["p50"]["value"] = "104%"
    assert problems(REPORT_SCHEMA, percent_not_fraction) == [
        "latency/vs_baseline/p50/value: '104%' is not of type 'number'"
    ]


def test_a_report_breaking_the_schema_is_rejected(runs: dict[str, Path]) -> None:
    report = load(runs["differences"] / "report.json")
    assert problems(REPORT_SCHEMA, report) == []

    wrong_type = copy.deepcopy(report)
    wrong_type["summary"]["compared"] = str(report["summary"]["compared"])
    assert problems(REPORT_SCHEMA, wrong_type) == [
        f"summary/compared: '{report['summary']['compared']}' is not of type 'integer'"
    ]

    missing = copy.deepcopy(report)
    del missing["latency"]
    assert problems(REPORT_SCHEMA, missing) == ["(root): 'latency' is a required property"]

    unknown_key = copy.deepcopy(report)
    unknown_key["fields"][0]["examples"][0]["note"] = "not in the format"
    assert any("note" in problem for problem in problems(REPORT_SCHEMA, unknown_key))

    unknown_kind = copy.deepcopy(report)
    unknown_kind["fields"][0]["types"]["eror_type"] = 1
    assert problems(REPORT_SCHEMA, unknown_kind)

    truncated_latency = copy.deepcopy(report)
    del truncated_latency["latency"]["speedup"]
    assert problems(REPORT_SCHEMA, truncated_latency) == ["latency: 'speedup' is a required property"]


def test_a_verdict_breaking_the_schema_is_rejected(runs: dict[str, Path]) -> None:
    verdict = load(runs["differences"] / "verdict.json")
    broken = copy.deepcopy(verdict)
    broken["exit_code"] = 2
    broken["criteria"][0]["passed"] = "yes"
    assert problems(VERDICT_SCHEMA, broken) == [
        "criteria/0/passed: 'yes' is not of type 'boolean'",
        "exit_code: 2 is not one of [0, 1, 3, 4]",
    ]


def undescribed_keys(schema: dict[str, Any], definitions: dict[str, Any], where: str = "") -> list[str]:
    """Keys under "properties" with no description of their own or in the definition they refer to."""
    missing = []
    for key, value in schema.get("properties", {}).items():
        target = definitions.get(value.get("$ref", "").removeprefix("#/$defs/"), {})
        if "description" not in value and "description" not in target:
            missing.append(f"{where}{key}")
        missing += undescribed_keys(value, definitions, f"{where}{key}.")
    for name in ("items", "additionalProperties"):
        if isinstance(schema.get(name), dict):
            inner = f"{where}[]." if name == "items" else where
            missing += undescribed_keys(schema[name], definitions, inner)
    return missing


@pytest.mark.parametrize("schema", ["report.schema.json", "verdict.schema.json"])
def test_every_key_is_described(schema: str) -> None:
    document = load(DOCS / schema)
    definitions = document.get("$defs", {})
    missing = undescribed_keys(document, definitions)
    for name, definition in definitions.items():
        missing += undescribed_keys(definition, definitions, f"$defs/{name}.")
    assert missing == []
