"""Running `parity fuzz` / `parity shrink` from tests, on small corpora of the fuzz test kernel
(tests/adapters/fuzz_kernels.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tests.replay_cli import SEEDED_ADAPTERS, Replay, run_parity

KERNEL = "tests.fuzz"


def recorded(value: dict[str, Any]) -> dict[str, Any]:
    """The reference's outcome, as the recorder writes it."""
    sys.path.insert(0, str(SEEDED_ADAPTERS))
    try:
        from fuzz_kernels import reference  # noqa: PLC0415 (the adapters folder is a worker path, not a package)
    finally:
        sys.path.remove(str(SEEDED_ADAPTERS))
    try:
        return {"output": reference.run(None, value)}
    except Exception as error:  # noqa: BLE001 (recorded like any outcome)
        return {"error": {"type": type(error).__name__, "message": str(error)}}


def write_corpus(folder: Path, inputs: list[dict[str, Any]], reference: str = "fuzz_kernels:reference",
                 candidate: str = "fuzz_kernels:reference") -> Path:
    """A corpus folder (format 1) of these inputs, with the reference's outcomes recorded."""
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": f"req-{i}", "ts": "2026-12-07T00:00:00.000000Z", "kernel": KERNEL, "fixtures": [],
                         "input": value, **recorded(value), "duration_ns": 1, "service_version": "test"},
                        ensure_ascii=False, separators=(",", ":"))
             for i, value in enumerate(inputs)]
    (folder / "requests.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    manifest = {"format": "parity.corpus", "format_version": 1, "kernel": KERNEL, "reference": reference,
                "candidate": candidate, "created": "2026-12-07T00:00:00.000000Z",
                "updated": "2026-12-07T00:00:00.000000Z", "count": len(lines), "segments": ["requests.jsonl"],
                "service_version": "test", "description": "fuzz tests",
                "recorder": {"recorded": len(lines), "sampled_out": 0, "dropped": 0, "errors": 0, "rotated_out": 0}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def people_corpus(folder: Path) -> Path:
    """Plain ASCII names, ages 17 and 30: nothing that makes the planted bugs show."""
    names = ["Anna Smith", "Bob Jones", "Carla Diaz", "Dev Patel", "Emil Berg", "Fay Wong"]
    inputs = [{"records": [{"name": names[(i + k) % len(names)], "age": 17 if (i + k) % 2 else 30}
                           for k in range(3)]} for i in range(6)]
    return write_corpus(folder, inputs)


class Fuzz(Replay):
    """A `parity fuzz` or `parity shrink` run: what a replay run holds, its report fuzz.json."""

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.out / "fuzz.json").read_text(encoding="utf-8"))

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.report["findings"]


def fuzz(corpus: Path, out: Path, *args: str | Path) -> Fuzz:
    completed = run_parity("fuzz", corpus, "--out", out, "--quiet", "--python-path", SEEDED_ADAPTERS, *args)
    return Fuzz(completed.returncode, completed.stdout, completed.stderr, out)


def shrink(target: Path, out: Path, *args: str | Path) -> Fuzz:
    completed = run_parity("shrink", target, "--out", out, "--quiet", "--python-path", SEEDED_ADAPTERS, *args)
    return Fuzz(completed.returncode, completed.stdout, completed.stderr, out)
