"""The corpus format (version 1): names, the manifest, fixture ids, and a streaming reader.

A corpus is a folder of recorded calls that the replay harness feeds to both implementations.
The format is documented in `corpora/README.md`; this module is its single Python definition.

Example:
    corpus = open_corpus("corpora/importer-match")
    fixtures = corpus.load_fixtures()
    for entry in corpus.entries():
        if isinstance(entry, CorpusError):
            print(entry)            # "requests.jsonl:12: malformed JSON: ..."
            continue
        adapter.run(context, entry.input)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Final

FORMAT: Final = "parity.corpus"
FORMAT_VERSION: Final = 1
MANIFEST_FILE: Final = "manifest.json"
CURRENT_SEGMENT: Final = "requests.jsonl"
FIXTURES_DIR: Final = "fixtures"
FIXTURE_ID_PREFIX: Final = "sha256-"
DEFAULT_MAX_BYTES: Final = 64 * 2**20
DEFAULT_MAX_SEGMENTS: Final = 8

#: Fields every request line must carry, besides exactly one of `output` / `error`.
REQUIRED_REQUEST_FIELDS: Final = ("id", "ts", "kernel", "fixtures", "input", "duration_ns", "service_version")

_SEGMENT_RE: Final = re.compile(r"requests(?:\.(\d{6}))?\.jsonl")
_FIXTURE_ID_RE: Final = re.compile(r"sha256-[0-9a-f]{64}")


def canonical_json(obj: Any) -> bytes:
    """The bytes a fixture is stored as and hashed from: sorted keys, no spaces, UTF-8, no NaN."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def fixture_id(obj: Any) -> str:
    """Content address of a fixture, e.g. `fixture_id({"a": 1}) == "sha256-015a…"`."""
    return fixture_id_for_bytes(canonical_json(obj))


def fixture_id_for_bytes(data: bytes) -> str:
    """Id of already-canonical fixture bytes (saves serialising a large fixture twice)."""
    return FIXTURE_ID_PREFIX + hashlib.sha256(data).hexdigest()


def is_fixture_id(value: object) -> bool:
    """True for well-formed ids; also what keeps an id from naming a path outside `fixtures/`."""
    return isinstance(value, str) and _FIXTURE_ID_RE.fullmatch(value) is not None


def stored_fixture_ids(corpus_dir: Path) -> frozenset[str]:
    """Ids of the files in `<corpus_dir>/fixtures/` (temp files and strays ignored)."""
    folder = corpus_dir / FIXTURES_DIR
    if not folder.is_dir():
        return frozenset()
    stems = (path.stem for path in folder.iterdir() if path.suffix == ".json")
    return frozenset(stem for stem in stems if is_fixture_id(stem))


def segment_name(index: int) -> str:
    """File name of the rotated segment number `index` (1-based): `requests.000001.jsonl`."""
    return f"requests.{index:06d}.jsonl"


def segment_index(name: str) -> int | None:
    """Rotation number of a segment name; None for the current `requests.jsonl` or other files."""
    match = _SEGMENT_RE.fullmatch(name)
    return int(match.group(1)) if match and match.group(1) else None


def utc_now_iso() -> str:
    """Current time as ISO-8601 UTC with microseconds and `Z`, the format of every corpus timestamp."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a synced temp file and `os.replace`, then sync the folder: readers never see a half-written
    file, and after a crash (even of the machine) the file holds the old content or the new one."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; a file system that cannot sync folders is left as it is."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class CorpusFormatError(ValueError):
    """The folder is not a readable corpus (missing or invalid manifest)."""


@dataclass
class RecorderInfo:
    """How the corpus was recorded and what was lost, so a reader can judge its coverage."""

    sample_rate: float = 1.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_segments: int = DEFAULT_MAX_SEGMENTS
    redaction: dict[str, str] = field(default_factory=dict)
    recorded: int = 0
    sampled_out: int = 0
    dropped: int = 0
    errors: int = 0
    rotated_out: int = 0


@dataclass
class Manifest:
    """`manifest.json`: what the corpus is for and which segment files hold its requests."""

    kernel: str
    reference: str
    candidate: str
    segments: list[str] = field(default_factory=lambda: [CURRENT_SEGMENT])
    count: int = 0
    created: str = ""
    updated: str = ""
    service_version: str = ""
    description: str = ""
    recorder: RecorderInfo = field(default_factory=RecorderInfo)

    def to_json(self) -> dict[str, Any]:
        """The manifest as written, keys in documented order."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kernel": self.kernel,
            "reference": self.reference,
            "candidate": self.candidate,
            "created": self.created,
            "updated": self.updated,
            "count": self.count,
            "segments": list(self.segments),
            "service_version": self.service_version,
            "description": self.description,
            "recorder": {**vars(self.recorder), "redaction": dict(self.recorder.redaction)},
        }

    @classmethod
    def from_json(cls, obj: Any) -> Manifest:
        """Validate and decode; raises CorpusFormatError naming the offending field."""
        if not isinstance(obj, dict):
            raise CorpusFormatError("manifest is not a JSON object")
        if obj.get("format") != FORMAT:
            raise CorpusFormatError(f"manifest format is {obj.get('format')!r}, expected {FORMAT!r}")
        if obj.get("format_version") != FORMAT_VERSION:
            raise CorpusFormatError(f"unsupported format_version {obj.get('format_version')!r}")
        for key in ("kernel", "reference", "candidate"):
            if not isinstance(obj.get(key), str) or not obj[key]:
                raise CorpusFormatError(f"manifest field {key!r} must be a non-empty string")
        segments = obj.get("segments", [CURRENT_SEGMENT])
        if not isinstance(segments, list) or not all(
            isinstance(name, str) and _SEGMENT_RE.fullmatch(name) for name in segments
        ):
            raise CorpusFormatError(f"manifest segments must be requests[.NNNNNN].jsonl names: {segments!r}")
        count = obj.get("count", 0)
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise CorpusFormatError(f"manifest field 'count' must be a non-negative integer: {count!r}")
        recorder = obj.get("recorder", {})
        known = RecorderInfo.__dataclass_fields__
        if not isinstance(recorder, dict):
            raise CorpusFormatError("manifest field 'recorder' must be an object")
        return cls(
            kernel=obj["kernel"],
            reference=obj["reference"],
            candidate=obj["candidate"],
            segments=list(segments),
            count=count,
            created=str(obj.get("created", "")),
            updated=str(obj.get("updated", "")),
            service_version=str(obj.get("service_version", "")),
            description=str(obj.get("description", "")),
            recorder=RecorderInfo(**{key: value for key, value in recorder.items() if key in known}),
        )

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Manifest:
        """Read `<directory>/manifest.json`."""
        path = Path(directory) / MANIFEST_FILE
        try:
            obj = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CorpusFormatError(f"{path}: cannot read manifest: {exc}") from exc
        try:
            return cls.from_json(obj)
        except CorpusFormatError as exc:
            raise CorpusFormatError(f"{path}: {exc}") from exc

    def save(self, directory: str | os.PathLike[str]) -> None:
        """Write `<directory>/manifest.json` atomically."""
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        write_atomic(Path(directory) / MANIFEST_FILE, text.encode("utf-8"))


@dataclass(frozen=True)
class CorpusError:
    """A problem found while reading; reported as data so one bad line does not end a replay."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class RecordedError:
    """An exception as recorded and compared: class name and `str(exc)` (a request's `error` object).

    The recorder writes it, `parity.diff` compares it, and the runtime switch stands it in for an exception.

        RecordedError.of(KeyError("k"))   # RecordedError(type="KeyError", message="'k'")
    """

    type: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> RecordedError:
        return cls(type(exc).__name__, str(exc))

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}

    def __str__(self) -> str:
        return f"{self.type}: {self.message}"


@dataclass(frozen=True)
class Request:
    """One validated request line; `raw` is the parsed JSON object itself."""

    id: str
    ts: str
    kernel: str
    fixtures: tuple[str, ...]
    input: Any
    output: Any
    error: RecordedError | None
    duration_ns: int
    service_version: str
    file: str
    line: int
    raw: dict[str, Any] = field(repr=False, compare=False)


class Corpus:
    """A corpus folder opened for reading; see `open_corpus`."""

    def __init__(self, path: Path, manifest: Manifest) -> None:
        self.path = path
        self.manifest = manifest
        #: Problems met by `requests()` and `load_fixtures()`, which only yield good data.
        self.errors: list[CorpusError] = []

    def entries(self) -> Iterator[Request | CorpusError]:
        """Every line of every segment, oldest first, as a Request or a CorpusError."""
        known_fixtures = self.fixture_ids()
        for name in self.manifest.segments:
            path = self.path / name
            try:
                handle = path.open("rb")
            except FileNotFoundError:
                if name != CURRENT_SEGMENT:  # the current segment may not exist right after rotation
                    yield CorpusError(name, 0, "segment listed in the manifest is missing")
                continue
            except OSError as exc:
                yield CorpusError(name, 0, f"cannot open segment: {exc}")
                continue
            with handle:
                for number, raw_line in enumerate(handle, start=1):
                    if raw_line.strip():
                        yield _parse_line(raw_line, name, number, self.manifest.kernel, known_fixtures)

    def requests(self) -> Iterator[dict[str, Any]]:
        """Parsed request objects in order; bad lines are skipped and appended to `errors`."""
        for entry in self.entries():
            if isinstance(entry, CorpusError):
                self.errors.append(entry)
            else:
                yield entry.raw

    def fixture_ids(self) -> frozenset[str]:
        """Ids of the fixture files present (by name; contents are checked when loaded)."""
        return stored_fixture_ids(self.path)

    def fixture(self, fixture_id_: str) -> Any:
        """Decoded content of one fixture; KeyError if absent, ValueError if corrupt."""
        if not is_fixture_id(fixture_id_):
            raise KeyError(fixture_id_)
        path = self.path / FIXTURES_DIR / f"{fixture_id_}.json"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise KeyError(fixture_id_) from None
        if fixture_id_for_bytes(data) != fixture_id_:
            raise ValueError(f"{FIXTURES_DIR}/{path.name}: content does not match its id")
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)

    def load_fixtures(self) -> dict[str, Any]:
        """Every readable fixture, id → content; unreadable ones are appended to `errors`."""
        fixtures: dict[str, Any] = {}
        for fid in sorted(self.fixture_ids()):
            try:
                fixtures[fid] = self.fixture(fid)
            except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
                self.errors.append(CorpusError(f"{FIXTURES_DIR}/{fid}.json", 0, str(exc)))
        return fixtures


def open_corpus(path: str | os.PathLike[str]) -> Corpus:
    """Open a corpus folder; raises CorpusFormatError only if its manifest is unusable."""
    root = Path(path)
    return Corpus(root, Manifest.load(root))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"non-standard JSON constant {name}")


def _parse_line(
    raw_line: bytes, file: str, number: int, kernel: str, known_fixtures: frozenset[str]
) -> Request | CorpusError:
    """Decode and validate one line; every failure becomes a CorpusError naming file and line."""
    truncated = not raw_line.endswith(b"\n")
    try:
        text = raw_line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return CorpusError(file, number, f"invalid UTF-8 at byte {exc.start}: {exc.reason}")
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        prefix = "truncated last line (no newline at end of file)" if truncated else "malformed JSON"
        return CorpusError(file, number, f"{prefix}: {exc}")
    problem = _request_problem(obj, kernel, known_fixtures)
    if problem:
        return CorpusError(file, number, problem)
    error = obj.get("error")
    return Request(
        id=obj["id"],
        ts=obj["ts"],
        kernel=obj["kernel"],
        fixtures=tuple(obj["fixtures"]),
        input=obj["input"],
        output=obj.get("output"),
        error=RecordedError(error["type"], error["message"]) if error is not None else None,
        duration_ns=obj["duration_ns"],
        service_version=obj["service_version"],
        file=file,
        line=number,
        raw=obj,
    )


def _request_problem(obj: Any, kernel: str, known_fixtures: frozenset[str]) -> str:
    """Why a parsed line is not a valid request, or "" if it is."""
    if not isinstance(obj, dict):
        return f"request must be a JSON object, got {type(obj).__name__}"
    missing = [key for key in REQUIRED_REQUEST_FIELDS if key not in obj]
    if missing:
        return f"missing required field(s): {', '.join(missing)}"
    if ("output" in obj) == ("error" in obj):
        return "request must have exactly one of 'output' and 'error'"
    for key in ("id", "ts", "kernel", "service_version"):
        if not isinstance(obj[key], str):
            return f"field {key!r} must be a string"
    if not obj["id"]:
        return "field 'id' must not be empty"
    if obj["kernel"] != kernel:
        return f"kernel {obj['kernel']!r} does not match the manifest's {kernel!r}"
    try:
        datetime.fromisoformat(obj["ts"])
    except ValueError:
        return f"field 'ts' is not an ISO-8601 timestamp: {obj['ts']!r}"
    duration = obj["duration_ns"]
    if not isinstance(duration, int) or isinstance(duration, bool) or duration < 0:
        return f"field 'duration_ns' must be a non-negative integer, got {duration!r}"
    error = obj.get("error")
    if "error" in obj and not (
        isinstance(error, dict)
        and isinstance(error.get("type"), str)
        and isinstance(error.get("message"), str)
    ):
        return "field 'error' must be an object with string 'type' and 'message'"
    fixtures = obj["fixtures"]
    if not isinstance(fixtures, list) or not all(isinstance(fid, str) for fid in fixtures):
        return "field 'fixtures' must be a list of fixture id strings"
    unknown = [fid for fid in fixtures if fid not in known_fixtures]
    if unknown:
        return f"unknown fixture id(s): {', '.join(unknown)}"
    return ""
