"""bench/calibrate_baseline.py: the gate against a baseline, run on candidates slowed by known amounts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from cmake_build import build_dir, run_script
from shared_data import REPO_ROOT

REQUESTS = 40


def run_tool(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_script(REPO_ROOT / "bench" / "calibrate_baseline.py", "--parity",
                      str(build_dir() / "harness" / "parity"), *map(str, args))


def small_corpus(folder: Path) -> Path:
    """The bundled imports corpus cut to its first REQUESTS requests (a whole corpus, for the gate)."""
    source = REPO_ROOT / "corpora" / "imports-sample"
    shutil.copytree(source, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    lines = b"".join((source / name).read_bytes() for name in manifest["segments"]).splitlines(keepends=True)
    for name in manifest["segments"]:
        (folder / name).unlink()
    (folder / "requests.jsonl").write_bytes(b"".join(lines[:REQUESTS]))
    manifest |= {"segments": ["requests.jsonl"], "count": REQUESTS}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_a_slowed_candidate_is_gated_against_its_own_baseline_and_tabulated(tmp_path: Path) -> None:
    policy = tmp_path / "policy.json"
    # The host a test runs on is busy with other tests: the gate judges the slowdown, not the host.
    policy.write_text('{"max_slowdown_vs_baseline_p50": 1.05, "require_stable_host": false}', encoding="utf-8")
    out = tmp_path / "calibration"
    result = run_tool("--corpus", small_corpus(tmp_path / "corpus"), "--policy", policy, "--runs", "1",
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
    # Twice the measured time per call is beyond any noise: the ratio shows it and the gate says NO-GO.
    assert levels[1.0]["p50_ratios"][0] > 1.5
    assert levels[1.0]["verdicts"] == {"NO-GO": 1}
    for run in ("slowdown-0/run-00", "slowdown-100/run-00"):
        report = json.loads((out / run / "report.json").read_text(encoding="utf-8"))
        assert report["baseline"]["adapter"] == "slowed_adapters:baseline"
        assert report["baseline"]["summary"]["mismatched"] == 0  # a slower candidate, the same answers
        assert (out / run / "verdict.json").is_file()
    assert "| 100 % | 1 |" in result.stdout
    assert (out / "calibration.md").read_text(encoding="utf-8").startswith("`/usr/bin/python3 bench/calibrate")


def test_usage_mistakes_exit_2(tmp_path: Path) -> None:
    result = run_tool("--slowdowns", "five", "--out", tmp_path)
    assert result.returncode == 2
    assert "--slowdowns takes whole percentages" in result.stderr
    missing = run_script(REPO_ROOT / "bench" / "calibrate_baseline.py", "--parity", str(tmp_path / "parity"))
    assert missing.returncode == 2
    assert "is not built" in missing.stderr
