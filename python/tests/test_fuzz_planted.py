"""`parity fuzz` finds each planted port bug (python/tests/planted/: the real kernels with one bug the bundled
corpora never show, as test_planted_ports.py proves), shrinks it to a few hundred bytes, and its findings
corpus fails the gate with the planted port and passes with the real one.

Seed 3, the first found by every port in bench/fuzz_planted.py's runs (docs/fuzz.md has the table: seeds 1-3,
each port found within 95 s); the search is deterministic for a seed, so each run here makes the same mutants
and finds the bug at the same mutant, whatever the host's speed (--time only caps a broken search).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.replay_cli import CORPORA, REPO, replay, run_parity

#: planted port -> the bundled corpus of its kernel.
PORTS = {"turkish_i": "imports-sample", "nfd": "imports-sample", "negative_zero": "scoring-sample",
         "nan": "scoring-sample", "off_by_one": "scoring-sample", "overflow": "scoring-sample"}
POLICY = REPO / "ci" / "gate-policy-findings.json"


@pytest.mark.slow
@pytest.mark.parametrize("port", list(PORTS))
def test_fuzz_finds_and_shrinks_each_planted_bug(tmp_path: Path, port: str) -> None:
    corpus = CORPORA / PORTS[port]
    planted = f"tests.planted.{port}:adapter"
    fuzz = run_parity("fuzz", corpus, "--candidate", planted, "--seed", "3", "--time", "300s", "--max-findings", "1",
                      "--jobs", "2", "--out", tmp_path / "fuzz", "--quiet")
    assert fuzz.returncode == 1, fuzz.stdout + fuzz.stderr
    report = json.loads((tmp_path / "fuzz" / "fuzz.json").read_text(encoding="utf-8"))
    [finding] = report["findings"]
    assert report["stopped_by"] == "findings"
    assert finding["reproduced"] and finding["shrunk"] and not finding["shrink_limited"]
    assert finding["bytes"] <= 500 < finding["original_bytes"], finding["input_text"]

    if "not_in_corpus" in finding:  # NaN in the input: only the bundle and the pytest case hold it
        assert port == "nan" and "non-finite" in finding["not_in_corpus"]
        return
    real = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["candidate"]
    findings = tmp_path / "fuzz" / "findings"
    buggy = replay(findings, tmp_path / "buggy", "--candidate", planted)
    assert buggy.returncode == 1 and run_parity("gate", buggy.out, "--policy", POLICY).returncode == 1
    fixed = replay(findings, tmp_path / "fixed", "--candidate", real)
    assert fixed.returncode == 0, fixed.stdout
    assert run_parity("gate", fixed.out, "--policy", POLICY).returncode == 0
