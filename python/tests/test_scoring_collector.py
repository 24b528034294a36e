"""serve's garbage-collector setting (scoring/collector.py, --gc-threshold)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring import collector

PYTHON_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_tune_raises_the_first_threshold_and_freezes_what_is_alive(restored_collector: None) -> None:
    _, second, third = gc.get_threshold()
    collector.tune(50_000)
    assert gc.get_threshold() == (50_000, second, third)
    assert gc.get_freeze_count() > 0
    assert gc.isenabled()


def test_zero_leaves_the_collector_as_it_is(restored_collector: None) -> None:
    before = gc.get_threshold(), gc.get_freeze_count()
    collector.tune(0)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


@pytest.mark.parametrize("value", ["-1", "ten", "10000001"])
def test_serve_refuses_a_bad_threshold(value: str, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scoring", "serve", "--db", str(tmp_path / "db"), "--port", "0",
                             "--gc-threshold", value], cwd=PYTHON_DIR, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--gc-threshold" in result.stderr
