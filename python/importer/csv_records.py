"""Where each CSV record starts and ends, found from the quotes alone, in bounded memory.

Python's csv module, fed a file line by line, loses its place after an error inside a quoted field: the
field's remaining lines come back as records of their own. This splitter runs the csv module's own state
machine (comma delimiter, ``"`` quotes doubled inside quoted fields, strict) only far enough to know record
boundaries, so that a record which cannot be parsed is ONE error and the next record starts where the
format says it does. A record's text is kept only while it is within the limits; past them only the quote
state is kept, so a 50 MB quoted field costs no more memory than a short one.

    splitter = RecordSplitter(first_line=1, limits=Limits(131_072, 1_048_576, 1_048_576))
    for piece, ends_line in pieces:          # physical lines, an over-long one in several pieces
        if (raw := splitter.feed(piece, ends_line)) is not None:
            ...                              # RawRecord(first_line, last_line, parts, problem, ...)
    tail = splitter.finish()                 # the record left open at the end of the file, if any
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto
from typing import NamedTuple

_QUOTE = '"'
_DELIMITER = ","
_LINE_END = "\r\n"


class _State(Enum):
    START_RECORD = auto()
    START_FIELD = auto()
    IN_FIELD = auto()  # unquoted: a quote here is an ordinary character
    IN_QUOTED = auto()
    QUOTE_IN_QUOTED = auto()  # a quote seen inside a quoted field: doubled, or the field's end
    REST_OF_LINE = auto()  # after a character the strict csv module rejects: the record ends with the line


@dataclass(frozen=True)
class Limits:
    field_chars: int  # longest quoted field kept (the csv module's field_size_limit)
    line_chars: int  # longest physical line
    record_chars: int  # longest record text, whatever its line count


class RawRecord(NamedTuple):
    """The physical lines ``first_line``..``last_line`` of one record.

    ``parts`` is its text (ready for ``csv.reader``), or None when ``problem`` says why it was dropped.
    ``unterminated_quote_line`` is set when a quoted field opened on that line never closed: the record
    then runs to the end of the file, and the caller re-reads from the line after that one.
    """

    first_line: int
    last_line: int
    parts: list[str] | None
    problem: str | None
    has_quote: bool
    unterminated_quote_line: int | None = None


class RecordSplitter:
    def __init__(self, first_line: int, limits: Limits) -> None:
        self._limits = limits
        self._line = first_line  # the physical line the next piece belongs to
        self._state = _State.START_RECORD
        self._reset_record()

    @property
    def at_record_start(self) -> bool:
        """No record is open: the next piece starts one."""
        return self._state is _State.START_RECORD

    def pass_line(self) -> int:
        """Step over one physical line that the caller read as a whole record by itself; returns its number.

        Only at a record start (``at_record_start``), for a line that ends with no quoted field open."""
        self._line += 1
        return self._line - 1

    def feed(self, piece: str, ends_line: bool) -> RawRecord | None:
        """The record completed by ``piece`` (a whole physical line, or part of one over ``line_chars``), if
        any: a record ends only at a line end."""
        if self._state is _State.START_RECORD:
            if ends_line and _QUOTE not in piece:  # the common case: a one-line record without quotes
                self._line += 1
                return RawRecord(self._line - 1, self._line - 1, [piece], None, False)
            self._state = _State.START_FIELD
            self._first_line = self._line
        if _QUOTE in piece:
            self._has_quote = True
        self._scan(piece, ends_line)
        self._keep(piece, ends_line)
        if not ends_line:
            return None
        record = None if self._state is _State.IN_QUOTED else self._end_record()
        self._line += 1
        return record

    def finish(self) -> RawRecord | None:
        """At the end of the file: the record still open, if any (an unterminated quote, or a last line
        without a line end that was cut into pieces)."""
        if self._state is _State.START_RECORD:
            return None
        if self._state is not _State.IN_QUOTED:
            return self._end_record(last_line=self._line)
        line = self._quote_line
        record = RawRecord(self._first_line, self._line - 1 if self._line_done else self._line, None,
                           f"unterminated quoted field opened at line {line} (no closing quote before the end "
                           f"of the file)", True, unterminated_quote_line=line)
        self._state = _State.START_RECORD
        return record

    def _reset_record(self) -> None:
        self._first_line = self._line
        self._parts: list[str] | None = []
        self._chars = 0
        self._problem: str | None = None
        self._has_quote = False
        self._quote_line = 0
        self._field_chars = 0
        self._line_done = False  # the last piece fed ended its line

    def _end_record(self, last_line: int | None = None) -> RawRecord:
        record = RawRecord(self._first_line, self._line if last_line is None else last_line,
                           self._parts, self._problem, self._has_quote)
        self._state = _State.START_RECORD
        self._reset_record()
        return record

    def _keep(self, piece: str, ends_line: bool) -> None:
        """Add the piece to the record's text, or drop the text once a limit is passed."""
        self._line_done = ends_line
        if not ends_line:
            self._fail(f"line {self._line} is longer than {self._limits.line_chars:,} characters")
        elif self._field_chars > self._limits.field_chars:
            self._fail(f"quoted field opened at line {self._quote_line} is longer than "
                       f"{self._limits.field_chars:,} characters")
        self._chars += len(piece)
        if self._chars > self._limits.record_chars:
            self._fail(f"record is longer than {self._limits.record_chars:,} characters")
        if self._parts is not None:
            self._parts.append(piece)

    def _fail(self, problem: str) -> None:
        if self._problem is None:
            self._problem = problem
        self._parts = None

    def _scan(self, piece: str, ends_line: bool) -> None:
        """Advance the quote state over ``piece`` (the csv module's reader states, reduced to boundaries)."""
        end = len(piece)
        body = len(piece.rstrip(_LINE_END)) if ends_line else end
        state = self._state
        at = 0
        while True:
            if state is _State.IN_QUOTED:
                quote = piece.find(_QUOTE, at)
                if quote < 0:
                    self._field_chars += end - at
                    break
                self._field_chars += quote - at
                at, state = quote + 1, _State.QUOTE_IN_QUOTED
            elif state is _State.QUOTE_IN_QUOTED:
                if at >= body:  # the line (or the piece) ends right after the quote
                    if ends_line:
                        state = _State.REST_OF_LINE
                    break
                char = piece[at]
                if char == _QUOTE:
                    self._field_chars += 1
                    at, state = at + 1, _State.IN_QUOTED
                elif char == _DELIMITER:
                    at, state = at + 1, _State.START_FIELD
                else:  # strict csv rejects the record; its next record starts on the next line
                    state = _State.REST_OF_LINE
            elif state is _State.START_FIELD:
                if at >= body:
                    break
                if piece[at] == _QUOTE:
                    self._quote_line, self._field_chars = self._line, 0
                    at, state = at + 1, _State.IN_QUOTED
                else:
                    state = _State.IN_FIELD
            elif state is _State.IN_FIELD:
                delimiter = piece.find(_DELIMITER, at, body)
                if delimiter < 0:
                    break
                at, state = delimiter + 1, _State.START_FIELD
            else:  # REST_OF_LINE
                break
        if ends_line and state is _State.REST_OF_LINE:
            state = _State.START_FIELD  # any state but IN_QUOTED ends the record at the line end
        self._state = state
