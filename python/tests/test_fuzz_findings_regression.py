"""The divergences `parity fuzz` found in the real scoring port (2026-12-07, docs/fuzz.md), kept as a findings
corpus (tests/data/fuzz-findings/scoring-sample): replayed through the reference and scoring._native and gated
with ci/gate-policy-findings.json, they must all agree (the port read an empty record as the previous one, or
crashed on it, before the fix in bindings/scoring/record_layouts.cpp)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.replay_cli import REPO, replay, run_parity

FINDINGS = Path(__file__).resolve().parent / "data" / "fuzz-findings" / "scoring-sample"


def test_the_scoring_ports_fuzz_findings_stay_fixed(tmp_path: Path) -> None:
    manifest = json.loads((FINDINGS / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"]["tool"] == "parity fuzz" and manifest["count"] == 4
    result = replay(FINDINGS, tmp_path / "replay", "--noise-runs", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.summary["matched"] == result.summary["compared"] == 4 and result.summary["crashes"] == 0
    gate = run_parity("gate", result.out, "--policy", REPO / "ci" / "gate-policy-findings.json")
    assert gate.returncode == 0, gate.stdout
