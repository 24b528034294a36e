"""`parity replay` on corpora that disagree with their manifest, hold an id twice, or name code from
outside the allowed modules: the built binary on real corpus folders (issue 16, items 4 and 8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from replay_cli import CORPORA, Replay, replay

SAMPLE = CORPORA / "imports-sample"


def small_corpus(tmp_path: Path, segments: dict[str, range], **manifest: Any) -> Path:
    """imports-sample cut down: each segment holds the sample's lines in its range; manifest keys overridden."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE, corpus)
    lines = (corpus / "requests.jsonl").read_bytes().splitlines(keepends=True)
    (corpus / "requests.jsonl").unlink()
    for name, numbers in segments.items():
        (corpus / name).write_bytes(b"".join(lines[i] for i in numbers))
    document = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    document |= {"segments": list(segments), "count": sum(len(numbers) for numbers in segments.values())}
    document |= manifest
    (corpus / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    return corpus


def corpus_of(result: Replay) -> dict[str, Any]:
    return result.report["corpus"]


def rendered(result: Replay) -> dict[str, str]:
    return {name: (result.out / name).read_text(encoding="utf-8") for name in ("report.md", "report.html", "junit.xml")}


# ---- a segment listed in the manifest but missing ------------------------------------------------------


def test_a_missing_segment_is_an_error_naming_it_and_nothing_is_replayed(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path, {"requests.000001.jsonl": range(0, 3), "requests.jsonl": range(3, 5)})
    (corpus / "requests.000001.jsonl").unlink()
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "requests.000001.jsonl: segment listed in manifest.json is missing" in result.stderr
    assert "--allow-incomplete" in result.stderr
    assert not (tmp_path / "out").exists()  # refused before any report was started


def test_allow_incomplete_replays_the_rest_and_marks_the_report_incomplete_everywhere(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path, {"requests.000001.jsonl": range(0, 3), "requests.jsonl": range(3, 5)})
    (corpus / "requests.000001.jsonl").unlink()
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0", "--allow-incomplete")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.summary["compared"] == 2 and result.summary["skipped"] == 0  # not "1 skipped line"
    problems = ["requests.000001.jsonl: segment listed in manifest.json is missing",
                "manifest.json: count is 5, but the segments hold 2 request lines"]
    assert corpus_of(result)["complete"] is False and corpus_of(result)["problems"] == problems
    for problem in problems:
        assert f"  corpus incomplete: {problem}" in result.stdout
        assert f"parity: warning: corpus incomplete: {problem}" in result.stderr
        for name, text in rendered(result).items():
            assert problem in text, name
    assert "but the corpus is incomplete (2 problems" in result.stdout


# ---- the manifest's count against the lines ----------------------------------------------------------


@pytest.mark.parametrize("count", [100_000, 0])
def test_a_count_other_than_the_lines_is_a_corpus_problem_and_a_warning(tmp_path: Path, count: int) -> None:
    corpus = small_corpus(tmp_path, {"requests.jsonl": range(0, 5)}, count=count)
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    problem = f"manifest.json: count is {count}, but the segments hold 5 request lines"
    assert corpus_of(result)["complete"] is False and corpus_of(result)["problems"] == [problem]
    assert problem in result.stderr and problem in result.stdout


def test_a_corpus_true_to_its_manifest_is_complete(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path, {"requests.000001.jsonl": range(0, 2), "requests.jsonl": range(2, 5)})
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0", "--limit", "10")  # a limit never reached
    assert result.returncode == 0, result.stdout + result.stderr
    assert corpus_of(result)["complete"] is True and corpus_of(result)["problems"] == []
    assert "incomplete" not in result.stdout + rendered(result)["report.md"]


def test_a_segment_file_the_manifest_does_not_list_is_named(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path, {"requests.jsonl": range(0, 3)})
    shutil.copy(SAMPLE / "requests.jsonl", corpus / "requests.000004.jsonl")
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0")
    assert result.summary["requests"] == 3
    assert corpus_of(result)["problems"] == [
        "requests.000004.jsonl: segment file not listed in manifest.json (its lines are not replayed)"]


# ---- partial replays: --limit, --id, --shard -----------------------------------------------------------


def test_a_limit_that_stops_the_reading_is_a_partial_replay(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path, {"requests.jsonl": range(0, 5)}, count=100_000)
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0", "--limit", "3")
    assert result.returncode == 0
    # The count is not checked: the rest was not read. The report says why it is partial.
    assert corpus_of(result)["complete"] is False
    assert corpus_of(result)["problems"] == [
        "--limit 3: a partial replay; the corpus holds more request lines, not read or checked"]


def test_an_id_run_is_partial_and_still_checks_the_whole_corpus(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path, {"requests.jsonl": range(0, 5)}, count=7)
    request_id = json.loads((corpus / "requests.jsonl").read_text(encoding="utf-8").splitlines()[2])["id"]
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0", "--id", request_id)
    assert result.returncode == 0 and result.summary["compared"] == 1
    assert corpus_of(result)["problems"] == [f"--id {request_id}: a partial replay of one request",
                                             "manifest.json: count is 7, but the segments hold 5 request lines"]


def test_each_shard_reads_every_line_and_checks_the_count(tmp_path: Path) -> None:
    good = small_corpus(tmp_path, {"requests.jsonl": range(0, 4)})
    for shard in ("1/2", "2/2"):
        result = replay(good, tmp_path / shard.replace("/", "of"), "--noise-runs", "0", "--shard", shard)
        assert result.summary["compared"] == 2 and corpus_of(result)["complete"] is True

    bad = tmp_path / "bad"
    shutil.copytree(good, bad)
    manifest = json.loads((bad / "manifest.json").read_text(encoding="utf-8"))
    (bad / "manifest.json").write_text(json.dumps(manifest | {"count": 100_000}), encoding="utf-8")
    result = replay(bad, tmp_path / "bad2of2", "--noise-runs", "0", "--shard", "2/2")
    assert corpus_of(result)["problems"] == ["manifest.json: count is 100000, but the segments hold 4 request lines"]


# ---- one id in two recordings --------------------------------------------------------------------------


@pytest.fixture
def duplicated(tmp_path: Path) -> Path:
    """Two databases' job1 recorded into one corpus: job1-batch000001 and …02 twice, with other inputs."""
    corpus = small_corpus(tmp_path, {"requests.000001.jsonl": range(0, 2), "requests.jsonl": range(2, 4)})
    first = [json.loads(line) for line in (corpus / "requests.000001.jsonl").read_text(encoding="utf-8").splitlines()]
    second = [json.loads(line) for line in (corpus / "requests.jsonl").read_text(encoding="utf-8").splitlines()]
    for earlier, later in zip(first, second):
        later["id"] = earlier["id"]
    text = "".join(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n" for line in second)
    (corpus / "requests.jsonl").write_text(text, encoding="utf-8")
    return corpus


def test_duplicate_ids_each_get_a_bundle_and_are_named_as_a_corpus_problem(tmp_path: Path, duplicated: Path) -> None:
    result = replay(duplicated, tmp_path / "out", "--noise-runs", "0", "--candidate", "seeded_bugs:rounded_score")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.summary["mismatched"] == 4
    bundles = sorted(path.name for path in (tmp_path / "out" / "repro").iterdir())
    assert len(bundles) == 4, bundles  # was 2: the second of each id overwrote the first
    lines = {(tmp_path / "out" / "repro" / name / "request.jsonl").read_text(encoding="utf-8") for name in bundles}
    assert len(lines) == 4
    assert corpus_of(result)["problems"] == [
        'requests.jsonl:1: request id "job1-batch000001" already used at requests.000001.jsonl:1',
        'requests.jsonl:2: request id "job1-batch000002" already used at requests.000001.jsonl:2']
    assert sorted(result.report["requests_with_differences"]).count("job1-batch000001") == 2


def test_id_naming_a_duplicated_request_is_ambiguous(tmp_path: Path, duplicated: Path) -> None:
    result = replay(duplicated, tmp_path / "out", "--id", "job1-batch000002")
    assert result.returncode == 2, result.stdout + result.stderr
    assert ("--id job1-batch000002 is ambiguous: 2 requests of the corpus have it "
            "(requests.000001.jsonl:2, requests.jsonl:2)") in result.stderr
    assert "importing" not in result.stderr and not (tmp_path / "out").exists()


# ---- the trust boundary: a corpus names code to run ----------------------------------------------------


@pytest.fixture
def marker_module(tmp_path: Path) -> tuple[Path, Path]:
    """(folder holding the module `marker_adapter`, the file its top-level code creates on import)."""
    folder = tmp_path / "modules"
    folder.mkdir()
    marker = tmp_path / "imported.marker"
    (folder / "marker_adapter.py").write_text(
        "from pathlib import Path\n"
        f"Path({str(marker)!r}).write_text('top-level code ran')\n"
        "from importer.adapters import native as adapter\n",
        encoding="utf-8")
    return folder, marker


def test_replay_names_the_modules_it_imports_before_starting(tmp_path: Path, marker_module: tuple[Path, Path]) -> None:
    folder, marker = marker_module
    corpus = small_corpus(tmp_path, {"requests.jsonl": range(0, 2)}, candidate="marker_adapter:adapter")
    result = replay(corpus, tmp_path / "out", "--noise-runs", "0", "--python-path", folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert marker.exists()  # what the allow-list below prevents
    assert "replay only corpora from a trusted source" in result.stderr
    assert "  reference  importer.adapters  (importer.adapters:reference, from manifest.json)" in result.stderr
    assert "  candidate  marker_adapter  (marker_adapter:adapter, from manifest.json)" in result.stderr


def test_a_corpus_naming_a_module_outside_allow_modules_is_refused_before_importing_it(
        tmp_path: Path, marker_module: tuple[Path, Path]) -> None:
    folder, marker = marker_module
    corpus = small_corpus(tmp_path, {"requests.jsonl": range(0, 2)}, candidate="marker_adapter:adapter")
    result = replay(corpus, tmp_path / "out", "--python-path", folder, "--allow-modules", "importer.,seeded_bugs")
    assert result.returncode == 2, result.stdout + result.stderr
    assert ("candidate adapter marker_adapter:adapter (from manifest.json) is in module marker_adapter, outside "
            "--allow-modules importer., seeded_bugs: refused, nothing was imported") in result.stderr
    assert not marker.exists() and not (tmp_path / "out").exists()

    allowed = replay(corpus, tmp_path / "allowed", "--noise-runs", "0", "--python-path", folder,
                     "--allow-modules", "importer.", "--candidate", "seeded_bugs:rounded_score")
    assert allowed.returncode == 2 and "candidate adapter seeded_bugs:rounded_score (from --candidate)" in allowed.stderr
    both = replay(corpus, tmp_path / "both", "--noise-runs", "0", "--allow-modules", "importer",
                  "--candidate", "importer.adapters:native")
    assert both.returncode == 0, both.stdout + both.stderr
    assert not marker.exists()
