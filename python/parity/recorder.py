"""Record calls of a service's hot function into a corpus without ever disturbing the service.

The service thread only samples, times, redacts and serialises (so later mutation cannot change
what was recorded); a background thread owns the disk. The queue between them is bounded and
never waited on: when it is full the call is dropped and counted. Every internal failure is
counted in `stats.errors` and logged (rate-limited); nothing is raised into the service.

Every request id names the recording session (12 hex digits, random per Recorder), so ids stay
unique when several processes or databases record into one corpus: `<kernel>-<session>-<sequence>`,
or `<kernel>-<session>-<label>` for a call the service labels (`request_id="job1-batch000001"`).

Example:
    scope = RedactionScope(data=("input.rows.*", "fixture.customers.*"), protected=("input.config",))
    recorder = Recorder("corpora/importer-match", kernel="importer.match",
                        reference="parity.adapters.importer:reference",
                        candidate="parity.adapters.importer:native",
                        service_version=__version__, sample_rate=0.05,
                        redaction=Redaction.parse(["email=hash"], salt=secret, scope=scope))
    customers_id = recorder.fixture(snapshot)            # once per snapshot, not per call
    results = recorder.call(lambda: matcher.match(rows), {"customers": customers_id, "rows": rows},
                            fixtures=[customers_id], output_to_json=results_to_json)
    recorder.close()
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import queue
import random
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TypeVar

from parity.corpus import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_SEGMENTS,
    CorpusFormatError,
    Manifest,
    RecordedError,
    RecorderInfo,
    canonical_json,
    fixture_id_for_bytes,
    utc_now_iso,
)
from parity.corpus_writer import Counters, CorpusWriter
from parity.redaction import Redaction

T = TypeVar("T")

LOGGER_NAME: Final = "parity.recorder"
#: Returned by `fixture()` when the content could not be serialised; requests using it are skipped.
INVALID_FIXTURE_ID: Final = "sha256-invalid"
DEFAULT_QUEUE_SIZE: Final = 1024
DEFAULT_CLOSE_TIMEOUT_S: Final = 10.0


@dataclass(frozen=True)
class RecorderStats:
    """Counters for this recorder's lifetime (the manifest adds those of earlier runs)."""

    recorded: int = 0
    sampled_out: int = 0
    dropped: int = 0
    errors: int = 0
    bytes_written: int = 0
    rotations: int = 0
    rotated_out: int = 0


@dataclass(frozen=True)
class _Line:
    data: bytes
    fixtures: tuple[str, ...]
    request_id: str


@dataclass(frozen=True)
class _Started:
    head: str
    request_id: str
    fixtures: tuple[str, ...]


@dataclass(frozen=True)
class _Fixture:
    id: str
    data: bytes


_STOP: Final = object()
_NO_OUTPUT: Final = object()


class _RateLimitedLog:
    """At most one record per kind and interval, so a broken disk does not flood the log."""

    INTERVAL_S: float = 10.0

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._suppressed: dict[str, int] = {}

    def log(
        self, level: int, kind: str, message: str, extra: dict[str, Any], exc: BaseException | None
    ) -> None:
        now = time.monotonic()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self.INTERVAL_S:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
                return
            self._last[kind] = now
            suppressed = self._suppressed.pop(kind, 0)
        if suppressed:
            message = f"{message} ({suppressed} similar messages suppressed)"
        extra = {**extra, "kind": kind, "suppressed": suppressed}
        self._logger.log(level, message, exc_info=exc, extra=extra)


class Recorder:
    """Samples calls of one hot function and appends them to a corpus folder; see module doc."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        kernel: str,
        reference: str,
        candidate: str,
        service_version: str,
        description: str = "",
        sample_rate: float = 1.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_segments: int = DEFAULT_MAX_SEGMENTS,
        redaction: Redaction | None = None,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        seed: int | None = None,
        logger: logging.Logger | None = None,
        block_when_full: bool = False,
        fail_fast: bool = False,
    ) -> None:
        """Raises ValueError for invalid arguments only; I/O problems are counted, never raised.

        `block_when_full=True` is for offline corpus generation, where losing calls is worse than waiting.
        `fail_fast=True` is for batch tools that should fail before their work starts: a folder that
        cannot hold the corpus raises here (CorpusFormatError: another kernel's corpus, an unreadable
        manifest, a folder holding other files; CorpusTargetError, an OSError: not a folder, cannot be
        created or written) instead of leaving the service running unrecorded.
        """
        if not 0.0 <= sample_rate <= 1.0:
            raise ValueError(f"sample_rate must be within [0, 1], got {sample_rate}")
        if max_bytes < 1 or max_segments < 1 or queue_size < 1:
            raise ValueError("max_bytes, max_segments and queue_size must be positive")
        self._kernel = kernel
        self._service_version = service_version
        self._sample_rate = sample_rate
        self._redaction = redaction or Redaction({})
        self._block_when_full = block_when_full
        self._log = _RateLimitedLog(logger or logging.getLogger(LOGGER_NAME))
        self._lock = threading.Lock()
        self._random = random.Random(seed)
        self._ids = itertools.count(1)
        self._session = uuid.uuid4().hex[:12]
        self._counters = Counters(list(RecorderStats.__dataclass_fields__))
        self._known_fixtures: set[str] = set()
        self._pending = 0
        self._drained = threading.Condition(self._lock)
        self._queue: queue.Queue[object] = queue.Queue(queue_size)
        self._closed = False
        self._enabled = True

        info = RecorderInfo(sample_rate=sample_rate, max_bytes=max_bytes, max_segments=max_segments,
                            redaction=self._redaction.rules)
        manifest = Manifest(kernel=kernel, reference=reference, candidate=candidate, created=utc_now_iso(),
                            service_version=service_version, description=description, recorder=info)
        self._writer = CorpusWriter(Path(directory), manifest, self._counters)
        try:
            self._writer.open()
            self._known_fixtures.update(self._writer.stored_fixtures)
        except CorpusFormatError as exc:
            if fail_fast:
                raise
            self._enabled = False  # never write into another kernel's (or an unreadable) corpus
            self._fail("foreign_corpus", f"recording disabled: {exc}", None, exc)
        except Exception as exc:  # noqa: BLE001 - e.g. permission denied; the writer retries per line
            if fail_fast:
                raise
            self._fail("start", f"cannot initialise corpus {directory}", None, exc)
        self._thread = threading.Thread(
            target=self._run_writer, name=f"parity-recorder-{kernel}", daemon=True
        )
        self._thread.start()

    # ----------------------------------------------------------------- service-facing API

    @property
    def stats(self) -> RecorderStats:
        """A consistent snapshot of the counters."""
        return RecorderStats(**self._counters.snapshot())

    def fixture(self, content: Any) -> str:
        """Store a large shared input once (redacted, content-addressed) and return its id."""
        try:
            data = canonical_json(self._redaction.apply({"fixture": content}).get("fixture"))
        except Exception as exc:  # noqa: BLE001
            self._fail("serialize", "fixture not JSON-serializable; requests using it are skipped", None, exc)
            return INVALID_FIXTURE_ID
        fid = fixture_id_for_bytes(data)
        with self._lock:
            if fid in self._known_fixtures or not self._enabled or self._closed:
                return fid
            self._known_fixtures.add(fid)
        if not self._enqueue(_Fixture(fid, data), fid):
            with self._lock:
                self._known_fixtures.discard(fid)  # so the next call retries
        return fid

    def call(
        self,
        fn: Callable[[], T],
        input: Any,
        *,
        fixtures: Sequence[str] = (),
        request_id: str | None = None,
        output_to_json: Callable[[T], Any] | None = None,
    ) -> T:
        """Run `fn()` and return its result or raise its exception unchanged, recording it if sampled.

        `input` is serialised before `fn` runs, so in-place changes by `fn` are not recorded.
        `output_to_json` converts the result for the record only (the caller gets the original).
        `request_id` is a label, unique within this recorder; the line's id is `request_id(label)`.
        """
        started = self._start_record(request_id, fixtures, input) if self._sample() else None
        if started is None:
            return fn()
        start = time.perf_counter_ns()
        try:
            result = fn()
        except Exception as exc:  # BaseException (KeyboardInterrupt, …) is not the function's behaviour
            self._finish_record(started, _NO_OUTPUT, exc, time.perf_counter_ns() - start)
            raise
        self._finish_record(started, result, None, time.perf_counter_ns() - start, output_to_json)
        return result

    def record(
        self,
        *,
        input: Any,
        output: Any = _NO_OUTPUT,
        error: BaseException | None = None,
        duration_ns: int,
        fixtures: Sequence[str] = (),
        request_id: str | None = None,
    ) -> None:
        """Record a call the service timed itself (subject to sampling); `error` wins over `output`."""
        started = self._start_record(request_id, fixtures, input) if self._sample() else None
        if started is not None:
            self._finish_record(started, None if output is _NO_OUTPUT else output, error, duration_ns)

    @property
    def session(self) -> str:
        """This recorder's session id: 12 random hex digits, part of every request id it writes."""
        return self._session

    def request_id(self, label: str) -> str:
        """The id a call labelled `label` is recorded under: `<kernel>-<session>-<label>`.

        Ids this recorder made are returned unchanged, so a service may log the id before the call
        and pass either form. `recorder.request_id("job1-batch000001")` →
        `"importer.match-4be0c1a9d2f3-job1-batch000001"`.
        """
        prefix = f"{self._kernel}-{self._session}-"
        return label if label.startswith(prefix) else prefix + label

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far is on disk (or failed); False on timeout."""
        with self._drained:
            return self._drained.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float = DEFAULT_CLOSE_TIMEOUT_S) -> None:
        """Flush, stop the writer and write the final manifest. Later calls run unrecorded."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        try:
            self.flush(timeout)
            self._queue.put(_STOP, timeout=timeout)
            self._thread.join(timeout)
            if self._thread.is_alive():
                self._fail("close", "writer thread did not stop in time", None, None)
        except Exception as exc:  # noqa: BLE001
            self._fail("close", "cannot stop the writer", None, exc)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- caller-thread helpers

    def _sample(self) -> bool:
        with self._lock:
            if self._closed or not self._enabled:
                return False
            sampled = self._random.random() < self._sample_rate
        if not sampled:
            self._counters.add("sampled_out")
        return sampled

    def _new_id(self) -> str:
        return f"{self._kernel}-{self._session}-{next(self._ids):06d}"

    def _start_record(self, request_id: str | None, fixtures: Sequence[str], input: Any) -> _Started | None:
        """Serialise the record up to `input` now, before the service can mutate it; None if impossible."""
        rid = self.request_id(request_id) if request_id else self._new_id()
        try:
            fixture_ids = tuple(fixtures)
            redacted = self._redaction.apply({"input": input})
            head = (
                f'{{"id":{_dumps(rid)},"ts":{_dumps(utc_now_iso())},"kernel":{_dumps(self._kernel)},'
                f'"fixtures":{_dumps(list(fixture_ids))},"input":{_dumps(redacted.get("input"))}'
            )
            return _Started(head, rid, fixture_ids)
        except Exception as exc:  # noqa: BLE001
            self._fail("serialize", "input is not JSON-serializable; call not recorded", rid, exc)
            return None

    def _finish_record(
        self,
        started: _Started,
        output: Any,
        error: BaseException | None,
        duration_ns: int,
        output_to_json: Callable[[Any], Any] | None = None,
    ) -> None:
        """Complete the line with the outcome and queue it; never raises."""
        try:
            if error is not None:
                outcome = {"error": RecordedError.of(error).to_json()}
            else:
                outcome = {"output": output_to_json(output) if output_to_json else output}
            ((key, value),) = self._redaction.apply(outcome).items()
            line = (
                f'{started.head},"{key}":{_dumps(value)},"duration_ns":{int(duration_ns)},'
                f'"service_version":{_dumps(self._service_version)}}}\n'
            )
            rid = started.request_id
            self._enqueue(_Line(line.encode("utf-8"), started.fixtures, rid), rid)
        except Exception as exc:  # noqa: BLE001
            self._fail("serialize", "output not JSON-serializable; not recorded", started.request_id, exc)

    def _enqueue(self, item: _Line | _Fixture, rid: str) -> bool:
        with self._lock:
            self._pending += 1
        try:
            if self._block_when_full:
                self._queue.put(item)
            else:
                self._queue.put_nowait(item)
            return True
        except queue.Full:
            self._counters.add("dropped")
            self._log.log(logging.WARNING, "queue_full", "queue full; call dropped", self._extra(rid), None)
        except Exception as exc:  # noqa: BLE001
            self._fail("enqueue", "cannot queue record", rid, exc)
        self._done()
        return False

    # ----------------------------------------------------------------- writer thread

    def _run_writer(self) -> None:
        """Owns the disk; survives any failure of a single item. Waits no longer than the manifest's
        next refresh, so the manifest's counts follow the lines even when no call comes."""
        while True:
            try:
                item = self._queue.get(timeout=self._writer.manifest_due_in())
            except queue.Empty:
                self._guarded(self._writer.idle, "idle")
                continue
            if item is _STOP:
                self._guarded(self._writer.close, "close")
                return
            try:
                if isinstance(item, _Line):
                    self._guarded(self._writer.write_line, "write", item.request_id, item.data, item.fixtures)
                elif isinstance(item, _Fixture):
                    if not self._guarded(self._writer.write_fixture, "fixture", None, item.id, item.data):
                        with self._lock:
                            self._known_fixtures.discard(item.id)  # let the next fixture() call retry
                if self._queue.empty():
                    self._guarded(self._writer.idle, "idle")
            finally:
                self._done()

    def _guarded(self, action: Callable[..., object], kind: str, rid: str | None = None, *args: Any) -> bool:
        try:
            action(*args)
            return True
        except Exception as exc:  # noqa: BLE001 - disk full, permission denied, a bug: count and go on
            self._fail(kind, f"recorder {kind} failed", rid, exc)
            return False

    # ----------------------------------------------------------------- shared

    def _done(self) -> None:
        with self._drained:
            self._pending -= 1
            if self._pending == 0:
                self._drained.notify_all()

    def _extra(self, rid: str | None) -> dict[str, Any]:
        return {"kernel": self._kernel, "request_id": rid}

    def _fail(self, kind: str, message: str, rid: str | None, exc: BaseException | None) -> None:
        try:
            self._counters.add("errors")
            self._log.log(logging.ERROR, kind, message, self._extra(rid), exc)
        except Exception:  # noqa: BLE001,S110 - logging must not break the service either
            pass


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


__all__ = ["INVALID_FIXTURE_ID", "LOGGER_NAME", "Recorder", "RecorderStats"]
