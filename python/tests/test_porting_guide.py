"""docs/porting-guide.md, run as written: every ``sh`` block of the guide, in order, against the built tree.

How the commands are taken from the guide (so the guide cannot drift from the code):

* A fenced block whose info string's first word is ``sh`` is a command block; every other fence (``python``,
  ``cpp``, ``json``, ``yaml``) is an excerpt of a file and is not run. A fence of another shell language
  (``bash``, ``console``, ``shell``) or with no language at all is refused, so no command escapes the test.
* The info string's further words: ``setup`` marks a block prepended to every later block (a reader's shell
  keeps its variables and functions between steps); ``exit=N`` is the exit code the block must end with
  (0 when absent).
* Each block runs in its own ``bash`` with ``set -euo pipefail``, from the repository root, with the guide's
  three documented variables set by the test: ``BUILD`` (the build under test, PARITY_BUILD_DIR), ``WORK`` (a
  temporary folder: everything the guide writes goes there) and ``PORT`` (a free TCP port). The serving
  steps start the real ``scoring serve`` on that port in the background and send it requests with curl.

After the run, the artefacts the blocks left are checked: the corpora recorded, the replays' and gates'
verdicts, the kill switch's effect on the metrics.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cmake_build import build_dir
from replay_cli import REPO, parity_binary

GUIDE = REPO / "docs" / "porting-guide.md"
#: Fence languages that are excerpts of files, never run.
EXCERPT_LANGUAGES = {"python", "cpp", "json", "yaml"}
FENCE = re.compile(r"^```(?P<info>[^`\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
#: Per block; the slowest are the replays and the benches at the guide's small sizes.
BLOCK_TIMEOUT_S = 300
SCORED_REQUESTS = 12
REFUSED_REQUESTS = 2


@dataclass(frozen=True)
class Block:
    line: int
    text: str
    setup: bool
    exit_code: int


def guide_blocks(markdown: str) -> list[Block]:
    """The guide's ``sh`` blocks in order; ValueError naming the line of a fence that is not allowed."""
    blocks = []
    for fence in FENCE.finditer(markdown):
        line = markdown.count("\n", 0, fence.start()) + 1
        words = fence["info"].split()
        if not words or (words[0] != "sh" and words[0] not in EXCERPT_LANGUAGES):
            raise ValueError(f"{GUIDE.name}:{line}: fence {fence['info']!r}: expected sh or one of "
                             f"{sorted(EXCERPT_LANGUAGES)}")
        if words[0] != "sh":
            continue
        setup, exit_code = False, 0
        for word in words[1:]:
            if word == "setup":
                setup = True
            elif word.startswith("exit=") and word[5:].isdigit():
                exit_code = int(word[5:])
            else:
                raise ValueError(f"{GUIDE.name}:{line}: unknown word {word!r} in the fence {fence['info']!r}")
        blocks.append(Block(line, fence["body"], setup, exit_code))
    return blocks


def test_the_guide_fences_are_commands_or_excerpts() -> None:
    blocks = guide_blocks(GUIDE.read_text(encoding="utf-8"))
    assert [block for block in blocks if block.setup], "the guide sets its variables in a `sh setup` block"
    assert sum(not block.setup for block in blocks) >= 15
    assert {block.exit_code for block in blocks} == {0, 1}


def test_a_fence_in_another_shell_language_is_refused() -> None:
    with pytest.raises(ValueError, match=r":3: fence 'bash': expected sh"):
        guide_blocks("text\n\n```bash\nrm -rf /\n```\n")
    with pytest.raises(ValueError, match=r":1: unknown word 'exit=x'"):
        guide_blocks("```sh exit=x\ntrue\n```\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _stop_server(work: Path) -> None:
    """A server a failed block left running: SIGTERM, then SIGKILL."""
    pid_file = work / "serve.pid"
    if not pid_file.is_file():
        return
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_every_command_of_the_porting_guide_runs(tmp_path: Path) -> None:
    parity_binary()  # the build must have the CLI
    work = tmp_path / "work"
    # The guide's own settings only: no kill switch or backend from the caller, and no HTTP proxy for curl's
    # requests to the local server.
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("PARITY_KILL_SWITCH", "SCORING_")) and not key.lower().endswith("_proxy")}
    environment |= {"BUILD": str(build_dir().resolve()), "WORK": str(work), "PORT": str(_free_port())}
    if "libasan" in environment.get("LD_PRELOAD", ""):
        # A sanitised build (cmake/PythonTests.cmake preloads ASan's runtime for the interpreter): curl must not
        # inherit the preload, or it deadlocks in setlocale() at startup on glibc's locale lock.
        shims = tmp_path / "shims"
        shims.mkdir()
        (shims / "curl").write_text('#!/bin/sh\nexec env -u LD_PRELOAD /usr/bin/curl "$@"\n', encoding="utf-8")
        (shims / "curl").chmod(0o755)
        environment["PATH"] = f"{shims}:{environment.get('PATH', '/usr/bin:/bin')}"
    setup = ""
    outputs: dict[int, str] = {}
    try:
        for block in guide_blocks(GUIDE.read_text(encoding="utf-8")):
            script = f"set -euo pipefail\n{setup}\n{block.text}"
            completed = subprocess.run(["bash", "-c", script], cwd=REPO, env=environment, capture_output=True,
                                       text=True, timeout=BLOCK_TIMEOUT_S, check=False)
            assert completed.returncode == block.exit_code, (
                f"{GUIDE.name}:{block.line}: exit {completed.returncode}, expected {block.exit_code}\n"
                f"{block.text}\n--- stdout\n{completed.stdout}\n--- stderr\n{completed.stderr}")
            outputs[block.line] = completed.stdout
            if block.setup:
                setup += block.text
    finally:
        _stop_server(work)
    printed = "\n".join(outputs.values())

    # Recorded: every scored request's kernel call, and every request (refusals too) with its reads.
    assert _json(work / "kernel-calls" / "manifest.json")["count"] == SCORED_REQUESTS
    assert _json(work / "requests" / "manifest.json")["count"] == SCORED_REQUESTS + REFUSED_REQUESTS
    kernel_calls = (work / "kernel-calls" / "requests.jsonl").read_text(encoding="utf-8")
    assert '"card_id":"card-' not in kernel_calls, "card ids are recorded hashed (--record-redact card_id=hash)"

    # Replayed: the port matches everywhere, the reference reproduces every recording.
    for name, compared in (("kernel-aa", SCORED_REQUESTS), ("kernel", SCORED_REQUESTS), ("bench", SCORED_REQUESTS),
                           ("requests", SCORED_REQUESTS + REFUSED_REQUESTS)):
        summary = _json(work / "reports" / name / "report.json")["summary"]
        assert summary["compared"] == summary["matched"] == compared, (name, summary)
        assert summary["reference_drift"] == 0, (name, summary)
    # The seeded bug is found at its field, and the gate says NO-GO; the port's replays are GO.
    seeded = _json(work / "reports" / "seeded" / "report.json")
    assert {field["pattern"] for field in seeded["fields"]} == {"/*/reasons"}
    assert seeded["summary"]["reference_drift"] == 0
    assert _json(work / "reports" / "seeded" / "verdict.json")["verdict"] == "NO-GO"
    for name in ("kernel", "gate-requests"):
        assert _json(work / "reports" / name / "verdict.json")["verdict"] == "GO", name

    # Rolled out: shadow compared, the sticky half split the accounts, the kill switch sent them to Python.
    assert 'parity_shadow_comparisons_total{switch="scoring.score"}' in printed
    assert 'scoring_requests_by_backend_total{backend="native"}' in printed
    assert 'scoring_requests_by_backend_total{backend="python"}' in printed
    assert re.search(r'parity_fallbacks_total\{reason="killed",switch="scoring.score"\} [1-9]', printed), printed


def test_the_policy_excerpt_is_the_bundled_policy() -> None:
    """The guide shows ci/gate-policy-scoring-kernel.json without its description: the file's values."""
    text = GUIDE.read_text(encoding="utf-8")
    after = text[text.index("`ci/gate-policy-scoring-kernel.json`, is, without its `description`:"):]
    start = after.index("```json\n") + len("```json\n")
    shown = json.loads(after[start:after.index("```", start)])
    policy = json.loads((REPO / "ci" / "gate-policy-scoring-kernel.json").read_text(encoding="utf-8"))
    policy.pop("description")
    assert shown == policy
