"""Append request lines and fixtures to a corpus folder, with size-capped rotation.

Single-threaded by design: the Recorder calls it from its one writer thread; offline tools (e.g.
a synthetic corpus generator) may use it directly. Failures raise; the caller decides whether to
count or abort. Opening an existing corpus of the same kernel resumes it (the folder's files are
the truth, the manifest a summary: its counts are rebuilt from the segments and a line cut short by a
crash is ended), so a restarted service keeps adding to its corpus. The manifest is rewritten
atomically at open, at every rotation, within `MANIFEST_REFRESH_S` of a write and at close, so after a
crash it lags the segments by at most that much.

Example:
    writer = CorpusWriter(Path("corpora/demo"), Manifest("demo.kernel", "ref:run", "cand:run"))
    writer.open()
    fid = writer.write_fixture_content({"customers": []})
    writer.write_line(b'{"id":"r1",...}\\n', fixtures=[fid])
    writer.close()
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from parity.corpus import (
    CURRENT_SEGMENT,
    FIXTURES_DIR,
    MANIFEST_FILE,
    CorpusFormatError,
    Manifest,
    canonical_json,
    fixture_id_for_bytes,
    segment_index,
    segment_name,
    stored_fixture_ids,
    utc_now_iso,
    write_atomic,
)

#: A changed manifest is rewritten this long after the write that changed it (or sooner): a crash
#: (kill -9, power loss) leaves a manifest whose `count` lags the segments by at most this much.
MANIFEST_REFRESH_S: Final = 1.0
_READ_CHUNK: Final = 1 << 20
#: Counters of earlier runs that a resumed corpus carries forward in its manifest.
_CUMULATIVE: Final = ("recorded", "sampled_out", "dropped", "errors", "rotated_out")


class Counters:
    """Thread-safe named integer counters shared by the recorder and its writer."""

    def __init__(self, names: Sequence[str]) -> None:
        self._lock = threading.Lock()
        self._values = dict.fromkeys(names, 0)

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._values[name] += amount

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._values)


WRITER_COUNTERS: Final = ("recorded", "bytes_written", "rotations", "rotated_out")


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (os.write may write fewer); a seam for tests that simulate a full disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_READ_CHUNK):
            count += chunk.count(b"\n")
    return count


class CorpusTargetError(OSError):
    """The folder cannot take a corpus now: not a folder, cannot be created or written (it may later)."""


def prepare_target(directory: Path, kernel: str, redaction: Mapping[str, str]) -> Manifest | None:
    """Make sure `directory` can hold `kernel`'s corpus, creating it if missing; its manifest, if any.

    CorpusFormatError (never retried) when it holds something else: another kernel's corpus, a corpus
    recorded under other redaction rules (its manifest can name one set only, and replay relies on it),
    an unreadable manifest, or files but no manifest. CorpusTargetError when it is not a folder or
    cannot be created.
    """
    if directory.exists() and not directory.is_dir():
        raise CorpusTargetError(f"{directory} is not a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusTargetError(f"{directory}: cannot create the folder: {exc.strerror or exc}") from exc
    if not (directory / MANIFEST_FILE).exists():
        strays = sorted(path.name for path in directory.iterdir() if not path.name.startswith(f".{MANIFEST_FILE}."))
        if strays:
            raise CorpusFormatError(f"{directory} is not empty and holds no corpus ({MANIFEST_FILE} missing; "
                                    f"found {', '.join(strays[:3])}{', …' if len(strays) > 3 else ''})")
        return None
    existing = Manifest.load(directory)
    if existing.kernel != kernel:
        raise CorpusFormatError(f"{directory} holds a corpus of kernel {existing.kernel!r}, not {kernel!r}")
    if existing.recorder.redaction != dict(redaction):
        recorded_rules = _rules_text(existing.recorder.redaction)
        raise CorpusFormatError(f"{directory} was recorded with redaction rules {recorded_rules}, "
                                f"not {_rules_text(redaction)}; record into another folder")
    return existing


def _rules_text(rules: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{pattern}={action}" for pattern, action in rules.items()) + "}"


class CorpusWriter:
    """Owns a corpus folder's files; not thread-safe (one writer per folder)."""

    def __init__(self, directory: Path, manifest: Manifest, counters: Counters | None = None) -> None:
        self.directory = directory
        self.manifest = manifest
        self.counters = counters or Counters(WRITER_COUNTERS)
        self.stored_fixtures: set[str] = set()
        self._baseline: dict[str, int] = {}
        self._segment_lines: dict[str, int] = {CURRENT_SEGMENT: 0}
        self._next_index = 1
        self._fd: int | None = None
        self._size = 0
        self._started = False
        self._dirty = False
        self._last_save = 0.0

    def open(self) -> None:
        """Create or resume the folder and write the manifest; see `prepare_target` for what it raises."""
        existing = prepare_target(self.directory, self.manifest.kernel, self.manifest.recorder.redaction)
        previous_numbers: list[int] = []
        if existing is not None:
            self.manifest.created = existing.created or self.manifest.created
            self._baseline = {name: getattr(existing.recorder, name) for name in _CUMULATIVE}
            previous_numbers = [n for n in map(segment_index, existing.segments) if n is not None]
        numbers = (segment_index(path.name) for path in self.directory.iterdir())
        on_disk = sorted(n for n in numbers if n is not None)
        self._next_index = max([0, *on_disk, *previous_numbers]) + 1
        segments = [*map(segment_name, on_disk), CURRENT_SEGMENT]
        self._segment_lines = {}
        for name in segments:
            path = self.directory / name
            self._segment_lines[name] = _count_lines(path) if path.exists() else 0
        self.manifest.segments = segments
        if existing is not None:  # lines written after the last manifest before a crash were recorded too
            unsaved = sum(self._segment_lines.values()) - existing.count
            self._baseline["recorded"] = self._baseline.get("recorded", 0) + max(0, unsaved)
        self._repair_current()
        self.stored_fixtures = set(stored_fixture_ids(self.directory))
        try:
            self.save_manifest()
        except OSError as exc:
            raise CorpusTargetError(f"{self.directory}: cannot write: {exc.strerror or exc}") from exc
        self._started = True

    def write_line(self, data: bytes, fixtures: Sequence[str] = ()) -> None:
        """Append one `\\n`-terminated request line, rotating first if it would pass `max_bytes`."""
        if not self._started:
            self.open()  # the folder was unusable at start; try again
        missing = [fid for fid in fixtures if fid not in self.stored_fixtures]
        if missing:
            raise ValueError(f"request references fixtures that were not stored: {', '.join(missing)}")
        if self._size > 0 and self._size + len(data) > self.manifest.recorder.max_bytes:
            self._rotate()
        fd = self._current_fd()
        before = self._size
        try:
            _write_all(fd, data)
        except OSError:
            try:
                os.ftruncate(fd, before)  # never leave half a line for the next one to glue onto
            except OSError:
                pass
            raise
        self._size += len(data)
        self._segment_lines[CURRENT_SEGMENT] += 1
        self._dirty = True
        self.counters.add("recorded")
        self.counters.add("bytes_written", len(data))
        if self.manifest_due_in() == 0.0:  # a steady flow never lets the writer idle
            try:
                self.save_manifest()
            except OSError:
                pass  # the line is written; idle() and close() retry the manifest and raise if it still fails

    def write_fixture(self, fid: str, data: bytes) -> None:
        """Store canonical fixture bytes under their id (once; atomically)."""
        if fid in self.stored_fixtures:
            return
        if not self._started:
            self.open()
        path = self.directory / FIXTURES_DIR / f"{fid}.json"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            write_atomic(path, data)
        self.stored_fixtures.add(fid)

    def write_fixture_content(self, content: Any) -> str:
        """Serialise, store and return the id of a fixture (no redaction: the caller's job)."""
        data = canonical_json(content)
        fid = fixture_id_for_bytes(data)
        self.write_fixture(fid, data)
        return fid

    def idle(self) -> None:
        """Nothing is queued: release the file and rewrite the manifest if it is due."""
        self._close_fd()
        if self.manifest_due_in() == 0.0:
            self.save_manifest()

    def manifest_due_in(self) -> float | None:
        """Seconds until the changed manifest is due to be rewritten (0.0: now); None while it is current.

        The recorder's writer thread waits at most this long for the next item, then calls `idle()`.
        """
        if not self._dirty:
            return None
        return max(0.0, self._last_save + MANIFEST_REFRESH_S - time.monotonic())

    def close(self) -> None:
        """Release the file and write the final manifest (none if the folder was never opened)."""
        self._close_fd()
        if self._started:
            self.save_manifest()

    def save_manifest(self) -> None:
        """Write the manifest: segments, line count and cumulative counters (earlier runs' included)."""
        self._last_save = time.monotonic()  # an attempt: a failing disk is retried a refresh later, not in a loop
        counts = self.counters.snapshot()
        info = self.manifest.recorder
        for name in _CUMULATIVE:
            setattr(info, name, self._baseline.get(name, 0) + counts.get(name, 0))
        self.manifest.count = sum(self._segment_lines.values())
        self.manifest.updated = utc_now_iso()
        self.manifest.save(self.directory)
        self._dirty = False

    def _current_fd(self) -> int:
        if self._fd is None:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
            self._fd = os.open(self.directory / CURRENT_SEGMENT, flags, 0o644)
            self._size = os.fstat(self._fd).st_size
        return self._fd

    def _close_fd(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def _repair_current(self) -> None:
        """After a crash the last line may be cut short; end it so the next line starts cleanly."""
        path = self.directory / CURRENT_SEGMENT
        self._size = path.stat().st_size if path.exists() else 0
        if self._size == 0:
            return
        with path.open("rb") as handle:
            handle.seek(-1, os.SEEK_END)
            complete = handle.read(1) == b"\n"
        if not complete:
            _write_all(self._current_fd(), b"\n")
            self._size += 1
            self._segment_lines[CURRENT_SEGMENT] += 1
            self._close_fd()

    def _rotate(self) -> None:
        """Rename the full current segment and delete the oldest beyond `max_segments`."""
        self._close_fd()
        name = segment_name(self._next_index)
        os.replace(self.directory / CURRENT_SEGMENT, self.directory / name)
        self._next_index += 1
        self._segment_lines[name] = self._segment_lines.get(CURRENT_SEGMENT, 0)
        self._segment_lines[CURRENT_SEGMENT] = 0
        self.manifest.segments.insert(len(self.manifest.segments) - 1, name)
        self._size = 0
        self.counters.add("rotations")
        while len(self.manifest.segments) > self.manifest.recorder.max_segments:
            oldest = self.manifest.segments.pop(0)
            self.counters.add("rotated_out", self._segment_lines.pop(oldest, 0))
            (self.directory / oldest).unlink(missing_ok=True)
        self.save_manifest()
