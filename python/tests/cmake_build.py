"""The CMake build under test (ctest sets PARITY_BUILD_DIR): its folder, and scripts run with its modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from shared_data import REPO_ROOT


def build_dir() -> Path:
    """The CMake build under test (PARITY_BUILD_DIR, set by ctest); the test is skipped without one."""
    build = os.environ.get("PARITY_BUILD_DIR")
    if not build:
        pytest.skip("PARITY_BUILD_DIR not set: run through ctest (cmake --workflow --preset dev)")
    return Path(build)


def run_script(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`script ARGS...` on Debian's interpreter, with python/ and the build's python/ on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT / "python"), str(build_dir() / "python")])
    return subprocess.run([sys.executable, str(script), *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
