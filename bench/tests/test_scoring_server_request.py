"""bench/scoring_server_request.py: real servers answer one request each round; times, stages and ratios printed."""

from __future__ import annotations

import re
from pathlib import Path

from cmake_build import run_script
from shared_data import REPO_ROOT


def test_two_servers_answer_alike_and_are_compared(tmp_path: Path) -> None:
    result = run_script(REPO_ROOT / "bench" / "scoring_server_request.py", str(tmp_path), "--transactions", "200",
                        "--history", "20", "--rounds", "2", "--variant", "tuned=--backend python",
                        "--variant", "default-gc=--backend python --gc-threshold 0")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("200 transactions"), lines[0]
    for name, line in zip(("tuned", "default-gc"), lines[1:3]):
        assert re.match(rf"\s*{name}: median [\d,]+ ms \(fastest [\d,]+, slowest [\d,]+\); ÷ tuned [\d.]+ "
                        r"\[[\d.]+, [\d.]+\]; stages \(ms\) parse \d+ validate \d+ load \d+ rules \d+ kernel \d+ "
                        r"serialise \d+ handler \d+$", line), line


def test_a_failing_server_is_named(tmp_path: Path) -> None:
    result = run_script(REPO_ROOT / "bench" / "scoring_server_request.py", str(tmp_path), "--transactions", "20",
                        "--history", "5", "--rounds", "1", "--variant", "broken=--backend nonsense")

    assert result.returncode != 0
    assert "broken: the server exited (2)" in result.stderr
