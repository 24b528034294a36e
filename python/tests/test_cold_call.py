"""python/tools/cold_call.py: the native call timed after different preceding work."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cmake_build import run_tool as run_script
from shared_data import REPO_ROOT

SCENARIOS = ["warm", "reference", "ref+other", "ref+one-row", "ref+thread", "ref+same", "idle"]


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("cold_call.py", *args)


def test_every_scenario_is_timed_once_per_request_and_pass() -> None:
    result = run_tool(str(REPO_ROOT / "corpora" / "people-fake-1000"), "--passes", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == SCENARIOS
    requests = len((REPO_ROOT / "corpora" / "people-fake-1000" / "requests.jsonl").read_text().splitlines())
    for line in lines:
        assert line.endswith(f"({requests} calls)")
        assert float(line.split("p50")[1].split()[0]) > 0
    assert "above warm   +0.0 us" in lines[0]


def test_rows_times_each_request_s_first_rows_and_leaves_out_shorter_ones(tmp_path: Path) -> None:
    # people-fake-1000 with its first request cut to 2 rows: the others have 5.
    source = REPO_ROOT / "corpora" / "people-fake-1000"
    corpus = tmp_path / "cut"
    corpus.mkdir()
    (corpus / "manifest.json").write_text((source / "manifest.json").read_text())
    (corpus / "fixtures").symlink_to(source / "fixtures")
    lines = (source / "requests.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    first["input"]["rows"] = first["input"]["rows"][:2]
    (corpus / "requests.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    assert {len(json.loads(line)["input"]["rows"]) for line in lines[1:]} == {5}

    result = run_tool(str(corpus), "--passes", "1", "--rows", "3")
    assert result.returncode == 0, result.stderr
    assert all(line.endswith(f"({len(lines) - 1} calls)") for line in result.stdout.splitlines())

    result = run_tool(str(corpus), "--passes", "1", "--rows", "6")
    assert result.returncode != 0
    assert "cold_call: no request has 6 rows" in result.stderr


def test_a_corpus_of_one_request_is_refused(tmp_path: Path) -> None:
    source = REPO_ROOT / "corpora" / "people-fake-1000"
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "manifest.json").write_text((source / "manifest.json").read_text())
    (corpus / "fixtures").symlink_to(source / "fixtures")
    with (source / "requests.jsonl").open() as requests:
        (corpus / "requests.jsonl").write_text(requests.readline())
    result = run_tool(str(corpus))
    assert result.returncode != 0
    assert "cold_call: the corpus needs two requests at least" in result.stderr
