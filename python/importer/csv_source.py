"""Streaming CSV reading: an encoding check over the whole file, then records with row and line numbers.

Memory stays constant whatever the file size: both passes read in chunks, and a physical line longer than
MAX_LINE_CHARS is skipped (its record becomes a row error) rather than held in memory.

    check_encoding(path, "auto")              # raises SourceError naming the first bad byte
    with CsvSource(path, "auto") as source:
        source.header                          # ["first_name", ...] or None for an empty file
        for record in source.records():        # Record(row_number=1, line_number=2, fields=[...])
            ...
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final

#: ``--encoding`` choices. "auto" is UTF-8 with an optional BOM, checked before any row is read; it never
#: guesses a legacy encoding, because Latin-1 decodes any byte sequence and would hide a wrong guess.
ENCODINGS: Final = ("auto", "utf-8", "latin-1", "cp1252")
_CODECS: Final = {"auto": "utf-8-sig", "utf-8": "utf-8-sig", "latin-1": "latin-1", "cp1252": "cp1252"}
_LABELS: Final = {"utf-8-sig": "UTF-8", "latin-1": "Latin-1", "cp1252": "Windows-1252"}

CHUNK_SIZE: Final = 1 << 16
#: A longer physical line is not a plausible customer row; reading it whole could exhaust memory.
MAX_LINE_CHARS: Final = 1 << 20

_UNSUPPORTED_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_LINE_ENDS: Final = ("\n", "\r")


class SourceError(Exception):
    """The file cannot be read at all (wrong encoding, malformed header): ends the job, not one row."""


@dataclass(frozen=True)
class Record:
    """One CSV record: ``row_number`` counts data records from 1 (header and blank lines excluded),
    ``line_number`` is the physical line where it starts. ``error`` is set (and ``fields`` empty) when the
    record could not be parsed."""

    row_number: int
    line_number: int
    fields: list[str]
    error: str | None = None


def check_encoding(path: str | Path, encoding: str = "auto") -> None:
    """Read the whole file once and raise SourceError at the first byte the encoding cannot decode.

    The error gives the byte's line, its column within the line and its file offset, both counted in bytes
    (what a hex editor shows; a text editor may count a multi-byte character before it as one column).
    """
    codec = _CODECS[encoding]
    name = Path(path).name
    with open(path, "rb") as file:
        head = file.read(4)
        for bom, bom_encoding in _UNSUPPORTED_BOMS:
            if head.startswith(bom):
                raise SourceError(
                    f"{name}: starts with a {bom_encoding} byte order mark; {bom_encoding} files are not "
                    f"supported, save the file as UTF-8"
                )
        if codec == "latin-1":
            return  # every byte is a Latin-1 character
        file.seek(0)
        _scan(file, codec, name)


def _scan(file: io.BufferedReader, codec: str, name: str) -> None:
    decoder = codecs.getincrementaldecoder(codec)()
    where = _Position()
    while chunk := file.read(CHUNK_SIZE):
        pending = decoder.getstate()[0]  # an incomplete multi-byte sequence held from the previous chunk
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            raise SourceError(_bad_byte_message(name, codec, where.locate(pending, chunk, exc.start))) from None
        where.advance(chunk)
    pending = decoder.getstate()[0]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:  # the file ends in the middle of a multi-byte sequence
        raise SourceError(_bad_byte_message(name, codec, where.locate(pending, b"", exc.start))) from None


class _Position:
    """Line bookkeeping of the encoding scan, so an error can say where the bad byte is."""

    def __init__(self) -> None:
        self.offset = 0  # file offset just after the bytes seen so far
        self.lines = 0  # newlines seen so far
        self.line_start = 0  # file offset where the current line starts

    def advance(self, chunk: bytes) -> None:
        newline = chunk.rfind(b"\n")
        if newline >= 0:
            self.lines += chunk.count(b"\n")
            self.line_start = self.offset + newline + 1
        self.offset += len(chunk)

    def locate(self, pending: bytes, chunk: bytes, index: int) -> tuple[int, int, int, int]:
        """(byte, line, column, offset) of byte ``index`` of ``pending + chunk``, before ``advance(chunk)``.

        ``pending`` (bytes held back from the previous chunk, already counted) are part of an unfinished
        multi-byte sequence, so they are never newlines.
        """
        data = pending + chunk
        base = self.offset - len(pending)
        newline = data.rfind(b"\n", 0, index)
        line_start = base + newline + 1 if newline >= 0 else self.line_start
        line = self.lines + data.count(b"\n", 0, index) + 1
        return data[index], line, base + index - line_start + 1, base + index


def _bad_byte_message(name: str, codec: str, position: tuple[int, int, int, int]) -> str:
    """Where the bad byte is and which ``--encoding`` probably reads the file."""
    byte, line, column, offset = position
    where = f"byte 0x{byte:02X} at line {line}, column {column} (byte offset {offset})"
    label = _LABELS[codec]
    if codec == "cp1252":
        return f"{name}: not valid {label}: {where} is undefined in {label}; re-run with --encoding latin-1"
    return (
        f"{name}: not valid {label}: {where}; the file looks like Latin-1/Windows-1252, "
        f"re-run with --encoding latin-1 (or --encoding cp1252)"
    )


class CsvSource:
    """An open CSV file read record by record; the header is read on opening (None for an empty file)."""

    def __init__(self, path: str | Path, encoding: str = "auto") -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.size = os.stat(self.path).st_size
        self.blank_lines = 0
        self._binary = open(self.path, "rb")
        self._text = io.TextIOWrapper(self._binary, encoding=_CODECS[encoding], newline="")
        self._physical_lines = 0
        self._overlong_line: int | None = None
        self._reader = csv.reader(self._lines(), strict=True)
        self._row_number = 0
        try:
            self.header = self._read_header()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> CsvSource:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()

    @property
    def bytes_read(self) -> int:
        """Bytes consumed so far (ahead of the current record by at most one read chunk): for progress."""
        return self._binary.tell()

    def records(self) -> Iterator[Record]:
        """The data records after the header, blank lines skipped and counted in ``blank_lines``."""
        while (record := self._next_record()) is not None:
            yield record

    def _read_header(self) -> list[str] | None:
        record = self._next_record()
        if record is None:
            return None
        if record.error is not None:
            raise SourceError(f"{self.name}: cannot read the header (line {record.line_number}): {record.error}")
        self._row_number = 0
        return [name.strip().lower() for name in record.fields]

    def _next_record(self) -> Record | None:
        while True:
            start = self._reader.line_num + 1
            try:
                fields = next(self._reader)
            except StopIteration:
                return None
            except csv.Error as exc:
                return self._numbered(start, [], f"malformed CSV: {exc}")
            if self._overlong_line is not None:
                line, self._overlong_line = self._overlong_line, None
                return self._numbered(start, [], f"line {line} is longer than {MAX_LINE_CHARS:,} characters")
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                self.blank_lines += 1
                continue
            return self._numbered(start, fields, None)

    def _numbered(self, line_number: int, fields: list[str], error: str | None) -> Record:
        self._row_number += 1
        return Record(self._row_number, line_number, fields, error)

    def _lines(self) -> Iterator[str]:
        """Physical lines for the csv module; an over-long line is drained and replaced by an empty one."""
        while line := self._text.readline(MAX_LINE_CHARS):
            self._physical_lines += 1
            if len(line) == MAX_LINE_CHARS and not line.endswith(_LINE_ENDS):
                while (rest := self._text.readline(MAX_LINE_CHARS)) and not rest.endswith(_LINE_ENDS):
                    pass
                self._overlong_line = self._physical_lines
                line = "\n"
            yield line
