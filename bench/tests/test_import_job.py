"""bench/import_job.py: the whole import job on both backends and two trees, its table and its ratios."""

from __future__ import annotations

import os
import re
from pathlib import Path

from cmake_build import build_dir, run_script
from shared_data import REPO_ROOT


def test_a_small_job_on_two_trees_gives_the_table_the_ratio_and_the_index_memory(tmp_path: Path) -> None:
    tree = os.pathsep.join([str(REPO_ROOT / "python"), str(build_dir() / "python")])
    result = run_script(REPO_ROOT / "bench" / "import_job.py", str(tmp_path), "--customers", "300", "--rows", "2000",
                        "--python-rows", "200", "--runs", "2", "--tree", f"a={tree}", "--tree", f"b={tree}")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("# import job: 2,000 rows against 300 customers; medians of 2 runs (python: first 200 "
                        "rows, extrapolated)")
    rows = [line for line in lines if re.match(r"\| [ab] \| (native|python) \|", line)]
    assert sorted(row.split(" | ")[0:2] for row in rows) == [
        ["| a", "native"], ["| a", "python"], ["| b", "native"], ["| b", "python"]]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert re.fullmatch(r"[\d.]+ \([\d.]+–[\d.]+\)", cells[2]), row
        assert int(cells[7]) > 0, "peak RSS in MiB"
    for backend in ("native", "python"):
        ratio = rf"^{backend} wall time, b ÷ a in the same run: median [\d.]+ \(range [\d.]+–[\d.]+, 2 runs\)$"
        assert re.search(ratio, result.stdout, re.MULTILINE), backend
    assert re.search(r"^native index: \d+ MiB for 300 customers, [\d,]+ bytes per customer; the job's customer "
                     r"snapshot \d+ MiB \([\d,]+ bytes per customer\)$", result.stdout, re.MULTILINE)
    assert len(re.findall(r"^run [12] [ab] (native|python): ", result.stderr, re.MULTILINE)) == 8
