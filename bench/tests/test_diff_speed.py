"""bench/diff_speed.py: parity.diff, the old pure-Python compare() and DeepDiff timed side by side."""

from __future__ import annotations

import re

from cmake_build import run_script
from shared_data import REPO_ROOT

SCRIPT = REPO_ROOT / "bench" / "diff_speed.py"
TOOLS = ["first_difference", "diff", "python compare", "deepdiff"]


def test_every_tool_is_timed_compared_and_checked() -> None:
    result = run_script(SCRIPT, "--requests", "4", "--rounds", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 9, result.stdout
    for tool, line in zip(TOOLS, lines[:4]):
        assert re.fullmatch(rf"{tool}: median \d+\.\d µs \(8 calls\)", line), line
    ratios = [f"{baseline} / {engine}" for baseline in TOOLS[2:] for engine in TOOLS[:2]]
    for name, line in zip(ratios, lines[4:8]):
        interval = r"(\d+\.\d)x \[(\d+\.\d), (\d+\.\d)\] \(95 % bootstrap of the median ratio\)"
        match = re.fullmatch(rf"{name}: {interval}", line)
        assert match, line
        low, high = float(match[2]), float(match[3])
        assert low <= high
    assert re.fullmatch(r"answers: 4 equal pairs, no difference from any tool; \d+ mutated pairs, "
                        r"a difference from every tool", lines[8]), lines[8]
    assert int(lines[8].split("; ")[1].split()[0]) > 0

