"""bench/scoring_request_amdahl.py: a request corpus through both backends, stage totals and the bound."""

from __future__ import annotations

import re
from pathlib import Path

from cmake_build import run_script
from replay_cli import CORPORA, first_requests
from shared_data import REPO_ROOT


def test_a_small_corpus_prints_both_backends_and_their_bounds(tmp_path: Path) -> None:
    corpus = first_requests(CORPORA / "scoring-requests", 12, tmp_path / "corpus")
    result = run_script(REPO_ROOT / "bench" / "scoring_request_amdahl.py", str(corpus), "--repeat", "1")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["python", "native"]
    assert [line.split()[0] for line in lines[2:9]] == ["wall", "parse", "validate", "load", "rules", "kernel",
                                                        "serialise"]
    for backend, line in zip(("python", "native"), lines[9:11]):
        assert re.match(rf"{backend}: kernel [\d.]+% of the wall time \([\d.]+% of the stages' sum\)", line), line
    assert re.match(r"native over python, whole requests: [\d.]+x", lines[11]), lines[11]
