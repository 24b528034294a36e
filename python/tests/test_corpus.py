"""The corpus format: fixture ids, the manifest, and a reader that reports bad lines as data."""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from parity.corpus import (
    CURRENT_SEGMENT,
    MANIFEST_FILE,
    CorpusError,
    CorpusFormatError,
    Manifest,
    RecordedError,
    Request,
    canonical_json,
    fixture_id,
    open_corpus,
    segment_index,
    segment_name,
)

KERNEL = "demo.kernel"
KEY_ERROR = {"type": "KeyError", "message": "x"}


def request_line(rid: str, **overrides: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": rid,
        "ts": "2025-01-31T09:12:45.000113Z",
        "kernel": KERNEL,
        "fixtures": [],
        "input": {"n": rid},
        "output": {"echo": rid},
        "duration_ns": 1200,
        "service_version": "1.0",
    }
    line.update(overrides)
    return {key: value for key, value in line.items() if value is not ...}


def encode(obj: dict[str, Any]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def make_corpus(root: Path, segments: dict[str, bytes], fixtures: Sequence[Any] = ()) -> Path:
    root.mkdir()
    manifest = Manifest(KERNEL, "ref:adapter", "cand:adapter", segments=list(segments))
    manifest.save(root)
    for name, data in segments.items():
        (root / name).write_bytes(data)
    if fixtures:
        (root / "fixtures").mkdir()
        for content in fixtures:
            (root / "fixtures" / f"{fixture_id(content)}.json").write_bytes(canonical_json(content))
    return root


def test_fixture_id_is_sha256_of_canonical_json() -> None:
    content = {"b": [1, 2.5, None], "a": "é"}
    canonical = '{"a":"é","b":[1,2.5,null]}'.encode()
    assert canonical_json(content) == canonical
    assert fixture_id(content) == "sha256-" + hashlib.sha256(canonical).hexdigest()
    assert fixture_id({"a": "é", "b": [1, 2.5, None]}) == fixture_id(content)


def test_canonical_json_rejects_nan() -> None:
    with pytest.raises(ValueError):
        canonical_json(float("nan"))


def test_segment_names() -> None:
    assert segment_name(7) == "requests.000007.jsonl"
    assert segment_index("requests.000007.jsonl") == 7
    assert segment_index(CURRENT_SEGMENT) is None
    assert segment_index("requests.7.jsonl") is None


def test_manifest_round_trip_and_atomic_save(tmp_path: Path) -> None:
    manifest = Manifest(KERNEL, "a:b", "c:d", segments=["requests.000001.jsonl", CURRENT_SEGMENT], count=3,
                        created="2025-01-01T00:00:00.000000Z", description="dé")
    manifest.recorder.redaction = {"email": "hash"}
    manifest.save(tmp_path)
    assert Manifest.load(tmp_path) == manifest
    assert sorted(path.name for path in tmp_path.iterdir()) == [MANIFEST_FILE]  # no temp file left
    written = json.loads((tmp_path / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert list(written)[:2] == ["format", "format_version"]
    assert written["format"] == "parity.corpus" and written["format_version"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other"}, "format"),
        ({"format_version": 2}, "format_version"),
        ({"kernel": ""}, "kernel"),
        ({"segments": ["../etc/passwd"]}, "segments"),
        ({"count": -1}, "count"),
    ],
)
def test_manifest_rejects_invalid_fields(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    obj = {**Manifest(KERNEL, "a:b", "c:d").to_json(), **change}
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(CorpusFormatError, match=message):
        open_corpus(tmp_path)


def test_missing_manifest_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusFormatError, match=MANIFEST_FILE):
        open_corpus(tmp_path)


def test_reads_segments_in_manifest_order(tmp_path: Path) -> None:
    root = make_corpus(
        tmp_path / "c",
        {
            "requests.000002.jsonl": encode(request_line("a")) + encode(request_line("b")),
            "requests.000003.jsonl": encode(request_line("c")),
            CURRENT_SEGMENT: encode(request_line("d", output=..., error=KEY_ERROR)),
        },
    )
    corpus = open_corpus(root)
    entries = list(corpus.entries())
    assert [entry.id for entry in entries if isinstance(entry, Request)] == ["a", "b", "c", "d"]
    first, last = entries[0], entries[-1]
    assert isinstance(first, Request) and isinstance(last, Request)
    assert (first.file, first.line, first.input, first.output, first.error) == (
        "requests.000002.jsonl", 1, {"n": "a"}, {"echo": "a"}, None)
    assert last.error == RecordedError("KeyError", "x") and last.output is None
    assert [request["id"] for request in corpus.requests()] == ["a", "b", "c", "d"]
    assert corpus.errors == []


def test_reader_is_a_generator(tmp_path: Path) -> None:
    corpus = open_corpus(make_corpus(tmp_path / "c", {CURRENT_SEGMENT: encode(request_line("a"))}))
    assert inspect.isgenerator(corpus.entries()) and inspect.isgenerator(corpus.requests())


def test_bad_lines_are_reported_with_file_and_line_and_reading_continues(tmp_path: Path) -> None:
    known = {"customers": [1, 2]}
    unknown_id = fixture_id({"never": "stored"})
    data = b"".join(
        [
            encode(request_line("ok1", fixtures=[fixture_id(known)])),
            b'{"id": "broken", "ts":\n',                                     # 2 malformed JSON
            encode(request_line("ok2")),
            b'{"id":"bad-utf8","input":"\xff\xfe"}\n',                      # 4 invalid UTF-8
            encode(request_line("no-input", input=...)),                    # 5 missing field
            encode(request_line("ghost", fixtures=[unknown_id])),           # 6 unknown fixture
            encode(request_line("both", error={"type": "E", "message": ""})),  # 7 output and error
            encode(request_line("nan", input=float("nan"))),                # 8 non-standard JSON
            b"\n",                                                           # 9 blank: skipped
            encode(request_line("other", kernel="other.kernel")),           # 10 kernel mismatch
            encode(request_line("ok3")),
            encode(request_line("cut"))[:40],                                # 12 truncated last line
        ]
    )
    corpus = open_corpus(make_corpus(tmp_path / "c", {CURRENT_SEGMENT: data}, fixtures=[known]))
    entries = list(corpus.entries())
    assert [entry.id for entry in entries if isinstance(entry, Request)] == ["ok1", "ok2", "ok3"]
    errors = {entry.line: entry for entry in entries if isinstance(entry, CorpusError)}
    assert sorted(errors) == [2, 4, 5, 6, 7, 8, 10, 12]
    assert all(error.file == CURRENT_SEGMENT for error in errors.values())
    expected = {
        2: "malformed JSON",
        4: "invalid UTF-8",
        5: "missing required field(s): input",
        6: f"unknown fixture id(s): {unknown_id}",
        7: "exactly one of 'output' and 'error'",
        8: "NaN",
        10: "does not match the manifest",
        12: "truncated last line",
    }
    for line, fragment in expected.items():
        assert fragment in errors[line].message, (line, errors[line])
        assert str(errors[line]).startswith(f"{CURRENT_SEGMENT}:{line}: ")
    assert [request["id"] for request in corpus.requests()] == ["ok1", "ok2", "ok3"]
    assert sorted(error.line for error in corpus.errors) == sorted(errors)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"duration_ns": -1}, "duration_ns"),
        ({"duration_ns": True}, "duration_ns"),
        ({"ts": "yesterday"}, "ts"),
        ({"id": 7}, "'id'"),
        ({"fixtures": "sha256-x"}, "fixtures"),
        ({"output": ..., "error": {"type": "E"}}, "error"),
    ],
)
def test_field_types_are_checked(tmp_path: Path, overrides: dict[str, Any], fragment: str) -> None:
    root = make_corpus(tmp_path / "c", {CURRENT_SEGMENT: encode(request_line("x", **overrides))})
    corpus = open_corpus(root)
    (entry,) = corpus.entries()
    assert isinstance(entry, CorpusError) and fragment in entry.message


def test_missing_rotated_segment_is_reported_missing_current_is_not(tmp_path: Path) -> None:
    root = make_corpus(tmp_path / "c", {"requests.000001.jsonl": encode(request_line("a"))})
    manifest = Manifest.load(root)
    manifest.segments = ["requests.000001.jsonl", "requests.000002.jsonl", CURRENT_SEGMENT]
    manifest.save(root)
    entries = list(open_corpus(root).entries())
    assert isinstance(entries[0], Request)
    assert entries[1] == CorpusError("requests.000002.jsonl", 0, "segment listed in the manifest is missing")
    assert len(entries) == 2


def test_fixtures_load_verify_and_report(tmp_path: Path) -> None:
    good = {"customers": [{"id": 1, "email": "é@x"}]}
    corrupt = {"customers": []}
    root = make_corpus(tmp_path / "c", {CURRENT_SEGMENT: b""}, fixtures=[good, corrupt])
    (root / "fixtures" / f"{fixture_id(corrupt)}.json").write_bytes(b'{"customers":[0]}')
    corpus = open_corpus(root)
    assert corpus.fixture(fixture_id(good)) == good
    with pytest.raises(ValueError, match="does not match its id"):
        corpus.fixture(fixture_id(corrupt))
    with pytest.raises(KeyError):
        corpus.fixture(fixture_id({"absent": True}))
    with pytest.raises(KeyError):
        corpus.fixture("../manifest")
    assert corpus.load_fixtures() == {fixture_id(good): good}
    (error,) = corpus.errors
    assert error.file == f"fixtures/{fixture_id(corrupt)}.json" and "does not match" in error.message
