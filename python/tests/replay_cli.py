"""Running the built `parity` binary from tests: where it is, and a replay that returns its report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cmake_build import build_dir

REPO = Path(__file__).resolve().parents[2]
CORPORA = REPO / "corpora"
SEEDED_ADAPTERS = Path(__file__).resolve().parent / "adapters"


def parity_binary() -> Path:
    binary = build_dir() / "harness" / "parity"
    assert binary.is_file(), f"{binary} is not built"
    return binary


@dataclass
class Replay:
    returncode: int
    stdout: str
    stderr: str
    out: Path

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.out / "report.json").read_text(encoding="utf-8"))

    @property
    def summary(self) -> dict[str, int]:
        return self.report["summary"]

    def fields(self) -> dict[str, dict[str, Any]]:
        return {field["pattern"]: field for field in self.report["fields"]}

    def results(self) -> list[dict[str, Any]]:
        lines = (self.out / "results.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]


def run_parity(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(parity_binary()), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


def replay(corpus: Path, out: Path, *args: str | Path, env: dict[str, str] | None = None) -> Replay:
    """`parity replay CORPUS --out OUT --quiet ARGS…`, with the seeded-bug adapters importable."""
    completed = run_parity(
        "replay", corpus, "--out", out, "--quiet", "--python-path", SEEDED_ADAPTERS, *args, env=env
    )
    return Replay(completed.returncode, completed.stdout, completed.stderr, out)


def first_requests(corpus: Path, count: int, folder: Path) -> Path:
    """A copy of `corpus` holding only its first `count` request lines, its manifest's count to match.

    A complete corpus, unlike a `--limit` replay of the whole one (partial evidence, which the gate
    does not judge): what a test that gates a small replay needs.
    """
    shutil.copytree(corpus, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    lines = b"".join((corpus / name).read_bytes() for name in manifest["segments"]).splitlines(keepends=True)
    for name in manifest["segments"]:
        (folder / name).unlink()
    (folder / "requests.jsonl").write_bytes(b"".join(lines[:count]))
    manifest |= {"segments": ["requests.jsonl"], "count": min(count, len(lines))}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder
