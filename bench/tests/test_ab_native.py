"""bench/ab_native.py: two builds of importer._native timed in one process."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cmake_build import build_dir, run_script
from shared_data import REPO_ROOT


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script(REPO_ROOT / "bench" / "ab_native.py", *args)


def test_a_build_against_itself_times_both_and_prints_the_ratio() -> None:
    build = str(build_dir())
    result = run_tool(str(REPO_ROOT / "corpora" / "people-fake-1000"), build, build, "--passes", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"A {build}: p50 ") and lines[1].startswith(f"B {build}: p50 ")
    assert "calls)" in lines[0]
    assert lines[2].startswith("B/A p50 ")
    assert float(lines[2].split()[-1]) > 0
    # B/A per request: median M [L, H] (95 % bootstrap), with L <= M <= H
    assert lines[3].startswith("B/A per request: median ")
    median = float(lines[3].split()[4])
    low, high = (float(part.strip("[],")) for part in lines[3].split()[5:7])
    assert 0 < low <= median <= high


def test_a_folder_without_the_module_is_named(tmp_path: Path) -> None:
    build = str(build_dir())
    result = run_tool(str(REPO_ROOT / "corpora" / "people-fake-1000"), build, str(tmp_path))
    assert result.returncode != 0
    assert f"no {tmp_path}/python/importer/_native*.so" in result.stderr
