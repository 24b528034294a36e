"""`parity profile` (the C++ CLI) runs the Python profiler: command, corpus and compare modes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from replay_cli import CORPORA, run_parity


def test_command_mode_profiles_a_python_command_line_and_keeps_its_exit_code(tmp_path: Path) -> None:
    script = tmp_path / "busy.py"
    script.write_text("import sys\nfrom parity import stage\n"
                      "with stage('work'):\n    sum(i * i for i in range(300_000))\nsys.exit(3)\n")
    completed = run_parity("profile", "--out", tmp_path / "p", "--", sys.executable, str(script))
    assert completed.returncode == 3, completed.stderr
    profile = json.loads((tmp_path / "p" / "profile.json").read_text())
    assert "work" in {stage["path"] for stage in profile["stages"]}
    assert (tmp_path / "p" / "flamegraph.svg").is_file() and (tmp_path / "p" / "profile.html").is_file()


def test_corpus_mode_and_compare(tmp_path: Path) -> None:
    for name in ("a", "b"):
        completed = run_parity("profile", CORPORA / "imports-sample", "--handler", "importer.adapters:reference",
                               "--limit", "5", "--out", tmp_path / name)
        assert completed.returncode == 0, completed.stderr
    compared = run_parity("profile", "--compare", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "c")
    assert compared.returncode == 0, compared.stderr
    assert (tmp_path / "c" / "compare.md").is_file()


def test_profile_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_parity("profile").returncode == 2
    assert run_parity("profile", CORPORA / "imports-sample").returncode == 2  # no --handler
