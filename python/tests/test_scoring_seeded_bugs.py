"""Seeded scoring port bugs: `parity replay corpora/scoring-sample --candidate scoring_seeded_bugs:<bug>` finds
each one at the field it breaks (python/tests/adapters/scoring_seeded_bugs.py: the reference kernel with one
line changed), and the real native port matches on every request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.replay_cli import CORPORA, Replay, replay

SCORING_SAMPLE = CORPORA / "scoring-sample"


def replay_sample(tmp_path: Path, candidate: str) -> Replay:
    return replay(SCORING_SAMPLE, tmp_path / "out", "--candidate", candidate, "--noise-runs", "0", "--jobs", "2")


@pytest.mark.slow
def test_the_native_port_matches_the_reference_on_scoring_sample(tmp_path: Path) -> None:
    result = replay(SCORING_SAMPLE, tmp_path / "out", "--noise-runs", "0", "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.summary
    assert summary["compared"] == summary["matched"] == summary["requests"] >= 150
    assert summary["reference_drift"] == 0 and summary["crashes"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("bug, patterns, main, kind", [
    # An event exactly one window old counted in: the window sums move the score; sometimes the reasons too.
    ("window_boundary", {"/*/score", "/*/reasons", "/*/reasons/*"}, "/*/score", "value"),
    # Another summation order rounds differently: the score's last bits, never the decision on this corpus.
    ("summation_order", {"/*/score"}, "/*/score", "value"),
    # A score just under a threshold rounded up to it: the decision, the score itself unchanged.
    ("threshold_rounding", {"/*/decision"}, "/*/decision", "value"),
    # The same three reasons in another order.
    ("reasons_order", {"/*/reasons"}, "/*/reasons", "order"),
])
def test_each_seeded_bug_is_found_at_its_field(tmp_path: Path, bug: str, patterns: set[str], main: str,
                                               kind: str) -> None:
    result = replay_sample(tmp_path, f"scoring_seeded_bugs:{bug}")
    assert result.returncode == 1, result.stdout + result.stderr
    fields = result.fields()
    assert set(fields) == patterns, sorted(fields)
    assert set(fields[main]["types"]) == {kind}, fields[main]["types"]
    assert fields[main]["requests"] == max(field["requests"] for field in fields.values())
    assert result.summary["mismatched"] >= 1 and result.summary["crashes"] == 0
    # The reference side still agrees with the recording: the bug is the candidate's alone.
    assert result.summary["reference_drift"] == 0
