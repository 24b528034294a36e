"""The recorder: what it writes, and that the service never notices it (no exceptions, no blocking)."""

from __future__ import annotations

import errno
import logging
import math
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import parity.corpus_writer as corpus_writer
from parity.corpus import (
    MANIFEST_FILE,
    CorpusError,
    Manifest,
    RecordedError,
    Request,
    fixture_id,
    open_corpus,
)
from parity.corpus_writer import CorpusWriter
from parity.recorder import INVALID_FIXTURE_ID, LOGGER_NAME, Recorder
from parity.redaction import Redaction, RedactionScope

KERNEL = "demo.kernel"
TS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
ID = re.compile(rf"{re.escape(KERNEL)}-[0-9a-f]{{12}}-(.+)")


def label(request_id: str) -> str:
    """The caller's part of a recorded id `<kernel>-<12 hex session>-<label>`."""
    match = ID.fullmatch(request_id)
    assert match, f"{request_id!r} is not <kernel>-<session>-<label>"
    return match.group(1)


def make_recorder(directory: Path, **options: Any) -> Recorder:
    settings: dict[str, Any] = {
        "kernel": KERNEL,
        "reference": "ref.mod:adapter",
        "candidate": "cand.mod:adapter",
        "service_version": "9.9",
    }
    return Recorder(directory, **{**settings, **options})


def read_requests(directory: Path) -> list[Request]:
    entries = list(open_corpus(directory).entries())
    assert [entry for entry in entries if isinstance(entry, CorpusError)] == []
    return [entry for entry in entries if isinstance(entry, Request)]


@pytest.fixture
def blocked_writer(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Make the writer thread stop inside its next line write until `release` is set."""
    entered, release = threading.Event(), threading.Event()
    original = CorpusWriter.write_line

    def blocking(self: CorpusWriter, data: bytes, fixtures: Any = ()) -> None:
        entered.set()
        release.wait()
        original(self, data, fixtures)

    monkeypatch.setattr(CorpusWriter, "write_line", blocking)
    yield entered, release
    release.set()


# ----------------------------------------------------------------------------- round trip


def test_round_trip_of_outputs_errors_and_fixtures(tmp_path: Path) -> None:
    snapshot = {"customers": [{"id": 1, "name": "Zoë"}]}
    with make_recorder(tmp_path / "c", description="demo") as recorder:
        assert (tmp_path / "c" / MANIFEST_FILE).exists()  # written at start
        fid = recorder.fixture(snapshot)
        assert recorder.fixture(snapshot) == fid == fixture_id(snapshot)
        first_input = {"customers": fid, "rows": [1]}
        assert recorder.call(lambda: [1, "é"], first_input, fixtures=[fid], request_id="r1") == [1, "é"]
        with pytest.raises(KeyError):
            recorder.call(lambda: {}["missing"], {"rows": []}, request_id="r2")
        recorder.record(input={"rows": [2]}, output={"n": 2}, duration_ns=1234, request_id="r3")
        recorder.record(input={"rows": [3]}, error=ValueError("bad row 3"), duration_ns=5, request_id="r4")
        recorder.call(lambda: object(), {"rows": []}, request_id="r5", output_to_json=lambda _: "converted")
    requests = read_requests(tmp_path / "c")
    assert [(label(r.id), r.input, r.output, r.error) for r in requests] == [
        ("r1", {"customers": fid, "rows": [1]}, [1, "é"], None),
        ("r2", {"rows": []}, None, RecordedError("KeyError", "'missing'")),
        ("r3", {"rows": [2]}, {"n": 2}, None),
        ("r4", {"rows": [3]}, None, RecordedError("ValueError", "bad row 3")),
        ("r5", {"rows": []}, "converted", None),
    ]
    assert requests[0].fixtures == (fid,) and requests[1].fixtures == ()
    assert all(TS.fullmatch(r.ts) and r.kernel == KERNEL and r.service_version == "9.9" for r in requests)
    assert requests[2].duration_ns == 1234 and requests[0].duration_ns >= 0
    corpus = open_corpus(tmp_path / "c")
    assert corpus.load_fixtures() == {fid: snapshot}
    manifest = corpus.manifest
    assert (manifest.reference, manifest.candidate) == ("ref.mod:adapter", "cand.mod:adapter")
    assert manifest.kernel == KERNEL
    assert (manifest.count, manifest.recorder.recorded, manifest.description) == (5, 5, "demo")
    assert TS.fullmatch(manifest.created) and manifest.created <= manifest.updated
    assert recorder.stats.errors == 0


def test_lines_are_compact_utf8(tmp_path: Path) -> None:
    with make_recorder(tmp_path / "c") as recorder:
        recorder.call(lambda: "ü", {"name": "Zoë"}, request_id="r1")
    raw = (tmp_path / "c" / "requests.jsonl").read_bytes()
    assert raw.startswith(f'{{"id":"{recorder.request_id("r1")}","ts":"'.encode())
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    assert "Zoë".encode() in raw and b", " not in raw


def test_default_ids_are_unique_and_name_the_kernel(tmp_path: Path) -> None:
    with make_recorder(tmp_path / "c") as recorder:
        for i in range(50):
            recorder.call(lambda: None, i)
    ids = [r.id for r in read_requests(tmp_path / "c")]
    assert len(set(ids)) == 50 and all(rid.startswith(f"{KERNEL}-") for rid in ids)


def test_records_input_as_passed_and_output_as_returned(
    tmp_path: Path, blocked_writer: tuple[threading.Event, threading.Event]
) -> None:
    entered, release = blocked_writer
    rows = [{"email": "a@x"}]
    result = {"matches": [1]}

    def mutating_call() -> dict[str, Any]:
        rows.append({"email": "added by fn"})
        return result

    recorder = make_recorder(tmp_path / "c")
    assert recorder.call(mutating_call, {"rows": rows}, request_id="r1") is result
    result["matches"].append("mutated after return")  # the writer has not run yet
    entered.wait()
    release.set()
    recorder.close()
    (request,) = read_requests(tmp_path / "c")
    assert request.input == {"rows": [{"email": "a@x"}]} and request.output == {"matches": [1]}


# ----------------------------------------------------------------------------- sampling


def test_rate_zero_records_nothing_rate_one_everything(tmp_path: Path) -> None:
    with make_recorder(tmp_path / "zero", sample_rate=0.0) as zero, make_recorder(tmp_path / "one") as one:
        for i in range(200):
            assert zero.call(lambda: i * 2, {"i": i}) == i * 2
            assert one.call(lambda: i * 2, {"i": i}) == i * 2
    assert (zero.stats.recorded, zero.stats.sampled_out) == (0, 200)
    assert (one.stats.recorded, one.stats.sampled_out) == (200, 0)
    assert read_requests(tmp_path / "zero") == [] and len(read_requests(tmp_path / "one")) == 200


def test_fractional_rate_is_binomial_and_reproducible_with_a_seed(tmp_path: Path) -> None:
    calls, rate = 3000, 0.3
    recorded = []
    for run in ("a", "b"):
        with make_recorder(tmp_path / run, sample_rate=rate, seed=1234) as recorder:
            for i in range(calls):
                recorder.call(lambda: None, {"i": i}, request_id=f"r{i}")
        assert recorder.stats.recorded + recorder.stats.sampled_out == calls
        recorded.append([label(r.id) for r in read_requests(tmp_path / run)])
    mean, sd = calls * rate, math.sqrt(calls * rate * (1 - rate))
    assert abs(len(recorded[0]) - mean) <= 5 * sd  # fails by chance with probability < 1e-6
    assert recorded[0] == recorded[1]


# ----------------------------------------------------------------------------- redaction


def test_redaction_reaches_requests_and_fixtures_before_disk(tmp_path: Path) -> None:
    scope = RedactionScope(data=("input.rows.*", "fixture.customers.*"), protected=("input.customers",))
    redaction = Redaction.parse(["email=hash", "phone=drop", "output.*.note=drop"], salt="pepper", scope=scope)
    snapshot = {"customers": [{"id": 1, "email": "ann@example.org", "phone": "+33 612"}]}
    rows = [{"email": "ann@example.org", "phone": "+33 612"}]
    output = [{"customer": 1, "note": "matched ann@example.org"}]
    with make_recorder(tmp_path / "c", redaction=redaction) as recorder:
        fid = recorder.fixture(snapshot)
        recorder.call(lambda: output, {"customers": fid, "rows": rows}, fixtures=[fid], request_id="r1")
    assert rows == [{"email": "ann@example.org", "phone": "+33 612"}]  # caller objects untouched
    assert snapshot["customers"][0]["phone"] == "+33 612" and output[0]["note"].startswith("matched")
    for path in (tmp_path / "c").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"ann@example.org" not in data and b"612" not in data, path
    hashed = redaction.hash_value("ann@example.org")
    expected_fixture = {"customers": [{"id": 1, "email": hashed}]}
    assert fid == fixture_id(expected_fixture) != fixture_id(snapshot)
    corpus = open_corpus(tmp_path / "c")
    assert corpus.load_fixtures() == {fid: expected_fixture}
    (request,) = read_requests(tmp_path / "c")
    assert request.input["rows"] == [{"email": hashed}]  # equal to the snapshot's hash: still matches
    assert request.output == [{"customer": 1}]
    assert corpus.manifest.recorder.redaction == redaction.rules
    assert b"pepper" not in (tmp_path / "c" / MANIFEST_FILE).read_bytes()


# ----------------------------------------------------------------------------- rotation


def test_rotation_keeps_at_most_max_segments_and_the_reader_reads_them_in_order(tmp_path: Path) -> None:
    max_bytes, max_segments, calls = 600, 3, 40
    with make_recorder(tmp_path / "c", max_bytes=max_bytes, max_segments=max_segments) as recorder:
        for i in range(calls):
            recorder.call(lambda: "x" * 20, {"i": i}, request_id=f"r{i:03d}")
    stats = recorder.stats
    manifest = Manifest.load(tmp_path / "c")
    on_disk = sorted(p.name for p in (tmp_path / "c").glob("requests*.jsonl"))
    assert stats.rotations > max_segments and len(manifest.segments) == max_segments
    assert sorted(manifest.segments) == on_disk and manifest.segments[-1] == "requests.jsonl"
    assert all((tmp_path / "c" / name).stat().st_size <= max_bytes for name in on_disk)
    ids = [label(r.id) for r in read_requests(tmp_path / "c")]
    assert manifest.count == len(ids) == calls - stats.rotated_out
    assert manifest.recorder.rotated_out == stats.rotated_out > 0
    assert ids == [f"r{i:03d}" for i in range(calls - len(ids), calls)]  # newest kept, oldest first


def test_restart_resumes_the_corpus(tmp_path: Path) -> None:
    with make_recorder(tmp_path / "c", max_bytes=800) as first:
        for i in range(10):
            first.call(lambda: None, i, request_id=f"a{i}")
    created = Manifest.load(tmp_path / "c").created
    with open(tmp_path / "c" / "requests.jsonl", "ab") as handle:
        handle.write(b'{"id":"cut by a cra')  # simulated crash mid-line
    with make_recorder(tmp_path / "c", max_bytes=800) as second:
        for i in range(10):
            second.call(lambda: None, i, request_id=f"b{i}")
    corpus = open_corpus(tmp_path / "c")
    entries = list(corpus.entries())
    ids = [label(entry.id) for entry in entries if isinstance(entry, Request)]
    assert ids == [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(10)]
    assert [entry.message[:14] for entry in entries if isinstance(entry, CorpusError)] == ["malformed JSON"]
    assert corpus.manifest.created == created and corpus.manifest.recorder.recorded == 20
    assert corpus.manifest.count == 21  # the repaired broken line is a line too


def test_never_writes_into_another_kernels_corpus(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with make_recorder(tmp_path / "c") as other:
        other.call(lambda: 1, "x")
    before = {p.name: p.read_bytes() for p in (tmp_path / "c").iterdir() if p.is_file()}
    with make_recorder(tmp_path / "c", kernel="other.kernel") as recorder:
        assert recorder.call(lambda: 5, "y") == 5
    assert recorder.stats.errors == 1 and recorder.stats.recorded == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "c").iterdir() if p.is_file()} == before
    assert "recording disabled" in caplog.text


def test_fail_fast_raises_for_a_folder_that_cannot_hold_the_corpus(tmp_path: Path) -> None:
    from parity.corpus import CorpusFormatError
    from parity.corpus_writer import CorpusTargetError

    with make_recorder(tmp_path / "other") as other:
        other.call(lambda: 1, "x")
    (tmp_path / "file").write_text("x")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x")
    with pytest.raises(CorpusFormatError, match="holds a corpus of kernel 'demo.kernel', not 'other.kernel'"):
        make_recorder(tmp_path / "other", kernel="other.kernel", fail_fast=True)
    with pytest.raises(CorpusFormatError, match="was recorded with redaction rules {}, not {input.x=drop}"):
        make_recorder(tmp_path / "other", redaction=Redaction({"input.x": "drop"}), fail_fast=True)
    with pytest.raises(CorpusTargetError, match="is not a folder"):
        make_recorder(tmp_path / "file", fail_fast=True)
    with pytest.raises(CorpusFormatError, match=re.escape("is not empty and holds no corpus (manifest.json missing; "
                                                          "found a.txt)")):
        make_recorder(tmp_path / "notes", fail_fast=True)
    assert sorted(path.name for path in (tmp_path / "notes").iterdir()) == ["a.txt"]


# ----------------------------------------------------------------------------- never raises


class ServiceError(Exception):
    pass


class Interrupt(BaseException):
    pass


def test_exceptions_of_fn_propagate_unchanged(tmp_path: Path) -> None:
    error = ServiceError("boom")

    def failing() -> None:
        raise error

    with make_recorder(tmp_path / "c") as recorder:
        with pytest.raises(ServiceError) as caught:
            recorder.call(failing, {"x": 1})
        assert caught.value is error
        assert any(entry.name == "failing" for entry in caught.traceback)
        with pytest.raises(Interrupt):  # not the function's behaviour: propagated, not recorded
            recorder.call(lambda: (_ for _ in ()).throw(Interrupt()), {"x": 2})
    (request,) = read_requests(tmp_path / "c")
    assert request.error == RecordedError("ServiceError", "boom")


def test_unserializable_values_are_counted_not_raised(tmp_path: Path) -> None:
    with make_recorder(tmp_path / "c") as recorder:
        assert recorder.call(lambda: 1, {"when": object()}) == 1
        assert recorder.call(lambda: {1, 2}, {"ok": True}) == {1, 2}
        assert recorder.call(lambda: 3, {"nan": float("nan")}) == 3
        fid = recorder.fixture({"bad": object()})
        assert fid == INVALID_FIXTURE_ID
        assert recorder.call(lambda: 4, {"customers": fid}, fixtures=[fid]) == 4
        assert recorder.call(lambda: 5, {"fine": True}, request_id="good") == 5
    assert recorder.stats.errors == 5 and recorder.stats.recorded == 1
    assert [label(r.id) for r in read_requests(tmp_path / "c")] == ["good"]


def test_directory_replaced_by_a_file(tmp_path: Path) -> None:
    recorder = make_recorder(tmp_path / "c")
    recorder.call(lambda: 0, "before", request_id="r0")
    assert recorder.flush(timeout=10)
    shutil.rmtree(tmp_path / "c")
    (tmp_path / "c").write_text("not a folder")
    results = [recorder.call(lambda: i, i) for i in range(20)]
    recorder.fixture({"customers": []})
    recorder.close()
    assert results == list(range(20))
    assert recorder.stats.recorded == 1 and recorder.stats.errors >= 21


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c").chmod(0o500)
    try:
        with make_recorder(tmp_path / "c") as recorder:
            assert [recorder.call(lambda: i, i) for i in range(5)] == list(range(5))
        assert recorder.stats.errors >= 5 and recorder.stats.recorded == 0
    finally:
        (tmp_path / "c").chmod(0o700)


def test_full_disk_loses_lines_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = make_recorder(tmp_path / "c")
    recorder.call(lambda: 0, 0, request_id="before")
    assert recorder.flush(timeout=10)
    real_write = corpus_writer._write_all

    def half_then_enospc(fd: int, data: bytes) -> None:
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(corpus_writer, "_write_all", half_then_enospc)
    assert [recorder.call(lambda: i, i) for i in range(10)] == list(range(10))
    assert recorder.flush(timeout=10)
    assert recorder.stats.errors == 10
    monkeypatch.setattr(corpus_writer, "_write_all", real_write)
    recorder.call(lambda: 0, 0, request_id="after")
    recorder.close()
    assert [label(r.id) for r in read_requests(tmp_path / "c")] == ["before", "after"]  # no half lines left


def test_a_crashing_writer_step_is_counted_and_the_writer_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = CorpusWriter.write_line

    def crash_on_bad(self: CorpusWriter, data: bytes, fixtures: Any = ()) -> None:
        if b'-bad' in data:
            raise RuntimeError("bug in the writer")
        original(self, data, fixtures)

    monkeypatch.setattr(CorpusWriter, "write_line", crash_on_bad)
    with make_recorder(tmp_path / "c") as recorder:
        for rid in ("ok1", "bad1", "ok2", "bad2", "ok3"):
            recorder.call(lambda: None, None, request_id=rid)
    assert (recorder.stats.errors, recorder.stats.recorded) == (2, 3)
    assert [label(r.id) for r in read_requests(tmp_path / "c")] == ["ok1", "ok2", "ok3"]


def test_failures_are_logged_rate_limited_with_context(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger=LOGGER_NAME)
    with make_recorder(tmp_path / "c") as recorder:
        for i in range(50):
            recorder.call(lambda: None, {"x": object()}, request_id=f"r{i}")
    assert recorder.stats.errors == 50
    (record,) = [r for r in caplog.records if r.name == LOGGER_NAME]
    assert (record.kernel, record.request_id) == (KERNEL, recorder.request_id("r0"))  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- queue and threads


def test_a_burst_beyond_the_queue_is_dropped_without_blocking(
    tmp_path: Path, blocked_writer: tuple[threading.Event, threading.Event]
) -> None:
    entered, release = blocked_writer
    queue_size, threads, per_thread = 16, 4, 50
    recorder = make_recorder(tmp_path / "c", queue_size=queue_size)
    recorder.call(lambda: None, "first")
    assert entered.wait(timeout=10)  # the writer holds "first"; the queue is empty
    assert not recorder.flush(timeout=0.01)
    failures: list[BaseException] = []

    def burst(t: int) -> None:
        try:
            for i in range(per_thread):
                assert recorder.call(lambda: i, {"t": t, "i": i}) == i
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    workers = [threading.Thread(target=burst, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 30  # generous: a caller blocked on the full queue would never finish
    for worker in workers:
        worker.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(worker.is_alive() for worker in workers), "callers blocked on the recorder"
    assert failures == []
    assert recorder.stats.dropped == threads * per_thread - queue_size
    release.set()
    recorder.close()
    assert recorder.stats.recorded == 1 + queue_size
    assert len(read_requests(tmp_path / "c")) == 1 + queue_size


def test_concurrent_callers_all_recorded(tmp_path: Path) -> None:
    threads, per_thread = 8, 200
    recorder = make_recorder(tmp_path / "c", queue_size=threads * per_thread)

    def work(t: int) -> None:
        for i in range(per_thread):
            recorder.call(lambda: [t, i], {"t": t, "i": i})

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    recorder.close()
    requests = read_requests(tmp_path / "c")
    assert len(requests) == len({r.id for r in requests}) == threads * per_thread
    assert all(r.output == [r.input["t"], r.input["i"]] for r in requests)


def test_close_is_idempotent_and_later_calls_pass_through(tmp_path: Path) -> None:
    recorder = make_recorder(tmp_path / "c")
    recorder.close()
    recorder.close()
    assert recorder.call(lambda: 7, "late") == 7
    assert recorder.stats.recorded == 0


@pytest.mark.parametrize(
    "options",
    [{"sample_rate": 1.5}, {"sample_rate": -0.1}, {"max_bytes": 0}, {"max_segments": 0}, {"queue_size": 0}],
)
def test_invalid_settings_are_rejected_at_construction(tmp_path: Path, options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        make_recorder(tmp_path / "c", **options)
