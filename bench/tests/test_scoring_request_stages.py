"""bench/scoring_request_stages.py: one request through the ASGI app, its stage times printed per pass."""

from __future__ import annotations

import re
from pathlib import Path

from cmake_build import run_script
from shared_data import REPO_ROOT


def test_a_small_request_prints_every_stage(tmp_path: Path) -> None:
    result = run_script(REPO_ROOT / "bench" / "scoring_request_stages.py", str(tmp_path), "--transactions", "300",
                        "--history", "50", "--repeat", "2")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"request: 300 transactions, [\d.]+ MB; history 50; backend python", lines[0]), lines[0]
    assert lines[1].split() == ["pass", "call", "parse", "validate", "load", "rules", "kernel", "serialise", "(ms)"]
    for line in lines[2:4]:
        assert re.fullmatch(r" +\d+(  +[\d.]+){7}   backend python", line), line
    assert re.fullmatch(r"med\.(  +[\d.]+){7}", lines[4]), lines[4]
