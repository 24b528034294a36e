"""bench/resume_after_kill.py: an import killed half way and resumed, against the same import uninterrupted."""

from __future__ import annotations

import re
from pathlib import Path

from cmake_build import run_script
from shared_data import REPO_ROOT


def test_a_small_killed_import_is_resumed_with_every_row_stored_once(tmp_path: Path) -> None:
    result = run_script(REPO_ROOT / "bench" / "resume_after_kill.py", str(tmp_path), "--customers", "200",
                        "--rows", "3000", "--backend", "python", "--batch-size", "50")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    killed = re.fullmatch(r"killed +SIGKILL at ([\d,]+) rows committed \((\d+)%\)", lines[1])
    assert killed is not None, lines[1]
    assert 1500 <= int(killed[1].replace(",", "")) < 3000
    assert re.fullmatch(r"recovered +job 1: marked interrupted \(owner pid \d+ on host .+ is gone\)", lines[2])
    assert re.match(r"job 1 +succeeded, rows read 3,000 = ", lines[3]), lines[3]
    assert lines[4].split() == ["rows", "stored", "3,000", "of", "3,000;", "duplicates", "0;", "missing", "0"]
    assert lines[5] == "same results as the uninterrupted run: yes"
    assert re.fullmatch(r"wall time +uninterrupted [\d.]+ s", lines[6])
    assert re.fullmatch(r" +killed run [\d.]+ s \+ recover [\d.]+ s \+ resume [\d.]+ s = [\d.]+ s "
                        r"\([\d.]+x the uninterrupted run\)", lines[7])
