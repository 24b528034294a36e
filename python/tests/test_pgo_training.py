"""cmake/pgo_training.py: the profile-guided build's training run, and its guards."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from cmake_build import build_dir, run_script
from shared_data import REPO_ROOT

TOOL = REPO_ROOT / "cmake" / "pgo_training.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("pgo_training", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_metrics(path: Path, *lines: str) -> Path:
    header = "# HELP parity_calls_total calls\n# TYPE parity_calls_total counter\n"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_native_calls_are_counted(tmp_path: Path) -> None:
    metrics = write_metrics(tmp_path / "m.prom",
                            'parity_calls_total{backend="native",switch="importer.match"} 261.0',
                            'parity_calls_created{backend="native",switch="importer.match"} 1.79e+09')
    assert load_tool().native_calls(metrics) == 261


@pytest.mark.parametrize("line", [
    'parity_failures_total{backend="native",switch="importer.match"} 1.0',
    'parity_fallbacks_total{reason="error",switch="importer.match"} 2.0',
    'parity_calls_total{backend="python",switch="importer.match"} 3.0',
])
def test_a_batch_not_answered_by_native_fails_the_training(tmp_path: Path, line: str) -> None:
    metrics = write_metrics(tmp_path / "m.prom",
                            'parity_calls_total{backend="native",switch="importer.match"} 9.0', line)
    with pytest.raises(SystemExit, match="not every batch was answered by the native module"):
        load_tool().native_calls(metrics)


def test_a_module_that_writes_no_profile_fails_the_training(tmp_path: Path) -> None:
    # The ordinary (not instrumented) module runs the whole workload but leaves the profile folder
    # empty: the build must stop rather than compile without profile feedback.
    result = run_script(TOOL, str(build_dir() / "python"), str(tmp_path / "work"),
                      str(tmp_path / "profile"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no profile counts for ['bind_matching.cpp.gcda', 'matcher.cpp.gcda'" in result.stderr
    assert "native calls per batch size {15: 262, 1000: 4}" in result.stderr
