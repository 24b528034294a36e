"""bench/cold_call.py: the native call timed after different preceding work."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cmake_build import run_script
from shared_data import REPO_ROOT

SCENARIOS = ["warm", "reference", "ref+other", "ref+one-row", "ref+thread", "ref+same", "idle"]
PEOPLE = REPO_ROOT / "corpora" / "people-fake-1000"


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script(REPO_ROOT / "bench" / "cold_call.py", *args)


def test_every_scenario_is_timed_once_per_request_and_pass() -> None:
    result = run_tool(str(PEOPLE), "--passes", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == SCENARIOS
    requests = len((PEOPLE / "requests.jsonl").read_text().splitlines())
    for line in lines:
        assert line.endswith(f"({requests} calls)")
        assert float(line.split("p50")[1].split()[0]) > 0
    assert "above warm   +0.0 us" in lines[0]


def people_with_requests(folder: Path, lines: list[str]) -> Path:
    """A corpus at `folder`: people-fake-1000's manifest and fixtures, with `lines` as its requests."""
    folder.mkdir()
    (folder / "manifest.json").write_text((PEOPLE / "manifest.json").read_text())
    (folder / "fixtures").symlink_to(PEOPLE / "fixtures")
    (folder / "requests.jsonl").write_text("".join(line + "\n" for line in lines))
    return folder


def test_rows_times_each_request_s_first_rows_and_leaves_out_shorter_ones(tmp_path: Path) -> None:
    # people-fake-1000 with its first request cut to 2 rows: the others have 5.
    lines = (PEOPLE / "requests.jsonl").read_text().splitlines()
    assert {len(json.loads(line)["input"]["rows"]) for line in lines[1:]} == {5}
    first = json.loads(lines[0])
    first["input"]["rows"] = first["input"]["rows"][:2]
    corpus = people_with_requests(tmp_path / "cut", [json.dumps(first), *lines[1:]])

    result = run_tool(str(corpus), "--passes", "1", "--rows", "3")
    assert result.returncode == 0, result.stderr
    assert all(line.endswith(f"({len(lines) - 1} calls)") for line in result.stdout.splitlines())

    result = run_tool(str(corpus), "--passes", "1", "--rows", "6")
    assert result.returncode != 0
    assert "cold_call: no request has 6 rows" in result.stderr


def test_a_corpus_of_one_request_is_refused(tmp_path: Path) -> None:
    first = (PEOPLE / "requests.jsonl").read_text().splitlines()[0]
    result = run_tool(str(people_with_requests(tmp_path / "one", [first])))
    assert result.returncode != 0
    assert "cold_call: the corpus needs two requests at least" in result.stderr
