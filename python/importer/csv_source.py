"""Streaming CSV reading: records with row and line numbers, one error per record that cannot be parsed.

Memory stays constant whatever the file size: the file is read a line at a time, a physical line longer than
MAX_LINE_CHARS in pieces, and a record's text is dropped (the record becomes a row error) once it passes
the limits. Record boundaries come from csv_records.RecordSplitter, so a malformed or over-long quoted
field costs one row error and reading resumes at the next record; a quote that never closes is reported
once and the file is read again from the line after it (see docs/import-files.md).

    check_encoding(path, "auto")              # raises SourceError naming the first bad byte
    with CsvSource(path, "auto") as source:
        source.header                          # ["first_name", ...] or None for an empty file
        for record in source.records():        # Record(row_number=1, line_number=2, fields=[...])
            ...
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Final, NamedTuple

from importer.csv_records import Limits, RawRecord, RecordSplitter
from importer.encoding_check import CODECS, ENCODINGS, check_encoding
from importer.source_error import SourceError

__all__ = ["ENCODINGS", "MAX_FIELD_CHARS", "MAX_LINE_CHARS", "CsvSource", "Record", "SourceError",
           "check_encoding"]

#: A longer physical line is not a plausible customer row; reading it whole could exhaust memory.
MAX_LINE_CHARS: Final = 1 << 20
#: Longest field, in characters: the csv module's default field_size_limit.
MAX_FIELD_CHARS: Final = 1 << 17
#: Longest record text kept, whatever its line count (a record is at most one line of MAX_LINE_CHARS).
MAX_RECORD_CHARS: Final = MAX_LINE_CHARS

_LINE_ENDS: Final = ("\n", "\r")
_QUOTE: Final = '"'
_CSV_FIELD_LIMIT: Final = "field larger than field limit"


class Record(NamedTuple):
    """One CSV record: ``row_number`` counts data records from 1 (header and blank lines excluded),
    ``line_number`` is the physical line where it starts. ``error`` is set (and ``fields`` empty) when the
    record could not be parsed. A NamedTuple: one is made per record, four times cheaper than a frozen
    dataclass."""

    row_number: int
    line_number: int
    fields: list[str]
    error: str | None = None


class _Stamp(NamedTuple):
    """What tells a file that changed from one that did not, without reading it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, file: io.BufferedReader) -> _Stamp:
        status = os.fstat(file.fileno())
        return cls(status.st_size, status.st_mtime_ns)


class CsvSource:
    """An open CSV file read record by record; the header is read on opening (None for an empty file).

    The file must not change while it is read: a change seen at the end of the file, or bytes that no longer
    decode, raise SourceError (the file's size and time are taken when it is opened).
    """

    def __init__(self, path: str | Path, encoding: str = "auto") -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.blank_lines = 0
        self._binary = open(self.path, "rb")
        self._opened = _Stamp.of(self._binary)
        self.size = self._opened.size
        self._text = io.TextIOWrapper(self._binary, encoding=CODECS[encoding], newline="")
        self._limits = Limits(field_chars=MAX_FIELD_CHARS, line_chars=MAX_LINE_CHARS, record_chars=MAX_RECORD_CHARS)
        self._row_number = -1  # the header is record 0
        self._last_line = 0  # the last physical line of the last record handed out
        self._reread_from: int | None = None  # set once the file was read again after an unterminated quote
        self._records = self._read_records(first_line=1)
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
        return self._records

    def _read_header(self) -> list[str] | None:
        record = next(self.records(), None)
        if record is None:
            return None
        if record.error is not None:
            raise SourceError(f"{self.name}: cannot read the header (line {record.line_number}): {record.error}")
        return [name.strip().lower() for name in record.fields]

    def _record(self, raw: RawRecord) -> Record | None:
        """The numbered record the splitter delimited, or None for a blank line (counted)."""
        fields, error = self._parse(raw)
        if error is None and (not fields or (len(fields) == 1 and not fields[0].strip())):
            self.blank_lines += 1
            return None
        self._last_line = raw.last_line
        self._row_number += 1
        return Record(self._row_number, raw.first_line, fields, error)

    def _parse(self, raw: RawRecord) -> tuple[list[str], str | None]:
        """The record's fields, or why it has none."""
        if raw.parts is None:
            assert raw.problem is not None
            if raw.unterminated_quote_line is None:
                return [], raw.problem if raw.last_line == raw.first_line else \
                    f"{raw.problem}; the record ends at line {raw.last_line}"
            if self._row_number < 0:  # the header: nothing is read after it
                return [], f"malformed CSV: {raw.problem}"
            return [], f"malformed CSV: {raw.problem}; read again from line {raw.unterminated_quote_line + 1}"
        reader = csv.reader(raw.parts, strict=True)
        try:
            fields = next(reader, [])
        except csv.Error as exc:
            if str(exc).startswith(_CSV_FIELD_LIMIT):
                return [], f"a field is longer than {self._limits.field_chars:,} characters"
            return [], f"malformed CSV: {exc}"
        if reader.line_num != len(raw.parts):  # cannot happen while RecordSplitter follows the csv module
            return [], f"malformed CSV: the record ends at line {raw.first_line + reader.line_num - 1}, not " \
                       f"{raw.last_line}"
        return fields, None

    def _read_records(self, first_line: int) -> Iterator[Record]:
        """The records from physical line ``first_line`` on, blank ones counted and skipped.

        A line that is a whole record by itself (most are) is split at once: without quotes by ``str.split``,
        as the csv module reads it, with quotes by the csv module, fed that line alone (strict, so a quoted
        field still open at its end is an error). Every other record is delimited by the RecordSplitter.
        """
        splitter = RecordSplitter(first_line, self._limits)
        field_chars = self._limits.field_chars
        reader = csv.reader
        readline, line_chars = self._text.readline, self._limits.line_chars
        while True:  # self._pieces(), inlined: this loop runs once per line of the file
            try:
                piece = readline(line_chars)
            except UnicodeDecodeError:  # the whole file decoded before reading began: it has changed
                raise SourceError(self._changed_message()) from None
            if not piece:
                break
            ends_line = piece.endswith(_LINE_ENDS) or len(piece) < line_chars
            if ends_line and len(piece) <= field_chars and splitter.at_record_start:
                fields: list[str] | None
                if _QUOTE not in piece:
                    fields = piece.rstrip("\r\n").split(",")
                else:
                    try:
                        fields = next(reader((piece,), strict=True), [])
                    except csv.Error:  # runs on to the next line, or is malformed: for the splitter
                        fields = None
                if fields is not None:
                    line = splitter.pass_line()
                    if not fields or (len(fields) == 1 and not fields[0].strip()):
                        self.blank_lines += 1
                        continue
                    self._last_line = line
                    self._row_number += 1
                    yield Record(self._row_number, line, fields, None)
                    continue
            if (raw := splitter.feed(piece, ends_line)) is not None and (record := self._record(raw)) is not None:
                yield record
        self._check_unchanged()
        tail = splitter.finish()
        if tail is None:
            return
        if (record := self._record(tail)) is not None:
            yield record
        quote_line = tail.unterminated_quote_line
        if quote_line is None:
            return
        if self._reread_from is not None:  # impossible in theory: the first quote would have closed
            raise SourceError(
                f"{self.name}: unterminated quoted field opened at line {quote_line}, after the one at line "
                f"{self._reread_from - 1}; cannot find where records start, fix the quoting there"
            )
        self._reread_from = quote_line + 1
        self._skip_to(quote_line + 1)
        yield from self._read_records(quote_line + 1)

    def _skip_to(self, line: int) -> None:
        """Read the file again from its start up to physical line ``line``."""
        self._text.seek(0)
        lines = 1
        if line == 1:
            return
        for _, ends_line in self._pieces():
            if ends_line:
                lines += 1
                if lines == line:
                    return
        raise SourceError(self._changed_message())  # the file lost lines since they were read

    def _pieces(self) -> Iterator[tuple[str, bool]]:
        """Physical lines, one over MAX_LINE_CHARS in pieces: (text, whether it ends its line).

        At the end of the file, the file is checked to be as it was when opened.
        """
        limit = self._limits.line_chars
        while True:
            try:
                piece = self._text.readline(limit)
            except UnicodeDecodeError:  # the whole file decoded before reading began: it has changed
                raise SourceError(self._changed_message()) from None
            if not piece:
                break
            yield piece, piece.endswith(_LINE_ENDS) or len(piece) < limit
        self._check_unchanged()

    def _check_unchanged(self) -> None:
        """At the end of the file: SourceError if the file is not as it was when opened."""
        if _Stamp.of(self._binary) != self._opened:
            raise SourceError(self._changed_message())

    def _changed_message(self) -> str:
        now = _Stamp.of(self._binary)
        before = self._opened
        if now.size != before.size:
            sizes = f"{before.size:,} bytes when opened, {now.size:,} now"
        elif now.mtime_ns != before.mtime_ns:
            sizes = f"{before.size:,} bytes when opened and now, but modified since"
        else:
            sizes = f"{before.size:,} bytes when opened and now, but its bytes changed after the encoding check"
        imported = f"nothing after line {self._last_line} was imported" if self._last_line else \
            "nothing was imported"
        return f"{self.name} changed during the import ({sizes}); {imported}; re-run on a finished file"
