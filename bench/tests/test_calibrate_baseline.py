"""bench/calibrate_baseline.py: the gate against a baseline, run on candidates slowed by known amounts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from cmake_build import build_dir, run_script
from replay_cli import first_requests
from shared_data import REPO_ROOT

REQUESTS = 40


def run_tool(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_script(REPO_ROOT / "bench" / "calibrate_baseline.py", "--parity",
                      str(build_dir() / "harness" / "parity"), *map(str, args))


def test_a_slowed_candidate_is_gated_against_its_own_baseline_and_tabulated(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    # The host a test runs on is busy with other tests: the gate judges the slowdown, not the host.
    policy.write_text('{"max_slowdown_vs_baseline_p50": 1.05, "require_stable_host": false}', encoding="utf-8")
    out = tmp_path / "calibration"
    corpus = first_requests(REPO_ROOT / "corpora" / "imports-sample", REQUESTS, tmp_path / "corpus")
    result = run_tool("--corpus", corpus, "--policy", policy, "--runs", "1",
                      "--slowdowns", "0,100", "--out", out, "--", "--repeat", "2")
    assert result.returncode in (0, 1), result.stdout + result.stderr  # met or not: one A/A run decides
    summary = json.loads((out / "calibration.json").read_text(encoding="utf-8"))
    assert 0.05 < summary["inner_share"] <= 1.0
    levels = {level["slowdown"]: level for level in summary["levels"]}
    assert set(levels) == {0.0, 1.0}
    for level in levels.values():
        assert sum(level["verdicts"].values()) == 1
        assert len(level["p50_ratios"]) == len(level["detectable_p50"]) == 1
        assert level["detectable_p50"][0] > 0
    assert levels[0.0]["applied"] == [0.0]
    assert 0.5 < levels[1.0]["applied"][0] < 2.0  # the median call waited about as long as it worked
    # Twice the measured time per call is beyond any noise: the ratio shows it and the gate says NO-GO.
    assert levels[1.0]["p50_ratios"][0] > 1.5
    assert levels[1.0]["verdicts"] == {"NO-GO": 1}
    for run in ("slowdown-0/run-00", "slowdown-100/run-00"):
        report = json.loads((out / run / "report.json").read_text(encoding="utf-8"))
        assert report["baseline"]["adapter"] == "slowed_adapters:baseline"
        assert report["baseline"]["summary"]["mismatched"] == 0  # a slower candidate, the same answers
        assert (out / run / "verdict.json").is_file()
    assert "| 100 % | " in result.stdout and " | 1 | 0 | 1 | 0 | " in result.stdout  # 1 run, NO-GO
    assert (out / "calibration.md").read_text(encoding="utf-8").startswith("`/usr/bin/python3 bench/calibrate")


def test_usage_mistakes_exit_2(tmp_path: Path) -> None:
    result = run_tool("--slowdowns", "five", "--out", tmp_path)
    assert result.returncode == 2
    assert "--slowdowns takes whole percentages" in result.stderr
    missing = run_script(REPO_ROOT / "bench" / "calibrate_baseline.py", "--parity", str(tmp_path / "parity"))
    assert missing.returncode == 2
    assert "is not built" in missing.stderr
