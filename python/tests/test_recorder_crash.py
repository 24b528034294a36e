"""A recording process killed with SIGKILL: the manifest stays readable and true, and resuming rebuilds it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from parity.corpus import CURRENT_SEGMENT, MANIFEST_FILE, CorpusError, Manifest, Request, open_corpus
from parity.corpus_writer import MANIFEST_REFRESH_S
from parity.recorder import Recorder

PYTHON = "/usr/bin/python3"
PYTHON_DIR = Path(__file__).resolve().parents[1]
KERNEL = "demo.kernel"
# Records `calls` calls (forever if 0) with a short pause between them, printing "recorded N" after each
# hundred and after the last, then waits to be killed.
RECORDING_SERVICE = """
import sys, time
from parity.recorder import Recorder
folder, calls = sys.argv[1], int(sys.argv[2])
recorder = Recorder(folder, kernel="demo.kernel", reference="a:b", candidate="c:d", service_version="1",
                    block_when_full=True)
n = 0
while calls == 0 or n < calls:
    recorder.call(lambda: {"n": n}, {"n": n, "pad": "x" * 300}, request_id=f"r{n}")
    n += 1
    if n % 100 == 0 or n == calls:
        print(f"recorded {n}", flush=True)
    time.sleep(0.0005)
time.sleep(3600)
"""


def start_service(folder: Path, calls: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR)}
    return subprocess.Popen([PYTHON, "-c", RECORDING_SERVICE, str(folder), str(calls)], env=env,
                            stdout=subprocess.PIPE, text=True)


def wait_for_line(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    for got in process.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"the recording process ended before printing {line!r}")


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL


def lines_on_disk(folder: Path) -> int:
    return sum(path.read_bytes().count(b"\n") for path in folder.glob("requests*.jsonl"))


def manifest_count(folder: Path) -> int:
    return int(json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))["count"])


def test_the_manifest_follows_the_lines_without_waiting_for_close(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    service = start_service(folder, 70)
    try:
        wait_for_line(service, "recorded 70")
        deadline = time.monotonic() + MANIFEST_REFRESH_S + 5.0
        while manifest_count(folder) != 70 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        kill(service)
    assert (manifest_count(folder), lines_on_disk(folder)) == (70, 70)
    manifest = Manifest.load(folder)
    assert manifest.recorder.recorded == 70


def test_killed_mid_recording_the_manifest_is_valid_and_resuming_makes_it_true(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    service = start_service(folder, 0)
    try:
        wait_for_line(service, "recorded 300")
        time.sleep(MANIFEST_REFRESH_S + 0.5)  # at least one refresh while lines keep coming
        wait_for_line(service, f"recorded {(lines_on_disk(folder) // 100 + 2) * 100}")
    finally:
        kill(service)
    written = lines_on_disk(folder)
    stale = Manifest.load(folder)  # readable: written atomically, never half
    assert 300 <= stale.count <= written, (stale.count, written)
    assert stale.count > 0

    with Recorder(folder, kernel=KERNEL, reference="a:b", candidate="c:d", service_version="1") as resumed:
        resumed.call(lambda: 0, {"after": True}, request_id="after")

    manifest = Manifest.load(folder)
    entries = list(open_corpus(folder).entries())
    requests = [entry for entry in entries if isinstance(entry, Request)]
    cut = [entry for entry in entries if isinstance(entry, CorpusError)]
    assert len(cut) <= 1 and all(error.file == CURRENT_SEGMENT for error in cut)  # a line the kill cut short
    assert manifest.count == len(entries) == lines_on_disk(folder)
    assert manifest.recorder.recorded == len(requests) == written + 1
    assert requests[-1].id == resumed.request_id("after")


def test_a_resumed_recorder_counts_lines_written_after_the_last_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    with Recorder(folder, kernel=KERNEL, reference="a:b", candidate="c:d", service_version="1") as first:
        first.call(lambda: 0, 0, request_id="kept")
    saved = (folder / MANIFEST_FILE).read_bytes()
    with Recorder(folder, kernel=KERNEL, reference="a:b", candidate="c:d", service_version="1") as second:
        for n in range(5):
            second.call(lambda: n, n)
    (folder / MANIFEST_FILE).write_bytes(saved)  # as if killed before the manifest was rewritten

    Recorder(folder, kernel=KERNEL, reference="a:b", candidate="c:d", service_version="1").close()

    manifest = Manifest.load(folder)
    assert (manifest.count, manifest.recorder.recorded) == (6, 6)
