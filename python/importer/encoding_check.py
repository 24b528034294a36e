"""The encoding check run over the whole file before any row is read, and what its errors suggest.

Memory stays constant whatever the file size: the file is read in chunks. The first byte the encoding
cannot decode is located by line, column and file offset. For UTF-8 the rest of the file is then read
once more, line by line, to tell a Latin-1/Windows-1252 file (re-run with ``--encoding latin-1``) from a
file that mixes UTF-8 lines with Latin-1 ones, where any single ``--encoding`` garbles some lines.

    check_encoding(path, "auto")              # raises SourceError naming the first bad byte
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from importer.source_error import SourceError

#: ``--encoding`` choices. "auto" is UTF-8 with an optional BOM, checked before any row is read; it never
#: guesses a legacy encoding, because Latin-1 decodes any byte sequence and would hide a wrong guess.
ENCODINGS: Final = ("auto", "utf-8", "latin-1", "cp1252")
CODECS: Final = {"auto": "utf-8-sig", "utf-8": "utf-8-sig", "latin-1": "latin-1", "cp1252": "cp1252"}
LABELS: Final = {"utf-8-sig": "UTF-8", "latin-1": "Latin-1", "cp1252": "Windows-1252"}

CHUNK_SIZE: Final = 1 << 16
#: Line numbers listed for each kind of line in the mixed-encoding message.
SHOWN_LINES: Final = 5

_UNSUPPORTED_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Decoded with errors="surrogateescape", a byte that is not valid UTF-8 becomes U+DC80..U+DCFF.
_UNDECODABLE: Final = re.compile("[\udc80-\udcff]")
_DECODED_NON_ASCII: Final = re.compile("[^\x00-\x7f\udc80-\udcff]")


def check_encoding(path: str | Path, encoding: str = "auto") -> None:
    """Read the whole file once and raise SourceError at the first byte the encoding cannot decode.

    The error gives the byte's line, its column within the line and its file offset, both counted in bytes
    (what a hex editor shows; a text editor may count a multi-byte character before it as one column).
    """
    codec = CODECS[encoding]
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
        position = _first_bad_byte(file, codec)
        if position is None:
            return
        if codec == "utf-8-sig":
            file.seek(0)
            lines = _classify_lines(file)
            if lines.utf8:
                raise SourceError(_mixed_message(name, position, lines))
        raise SourceError(_bad_byte_message(name, codec, position))


def _first_bad_byte(file: io.BufferedReader, codec: str) -> tuple[int, int, int, int] | None:
    where = _Position()
    if codec == "utf-8-sig":  # skip the BOM here: the codec's error offsets leave it out of the count
        codec = "utf-8"
        if (head := file.read(len(codecs.BOM_UTF8))) == codecs.BOM_UTF8:
            where.advance(head)
        else:
            file.seek(0)
    decoder = codecs.getincrementaldecoder(codec)()
    while chunk := file.read(CHUNK_SIZE):
        pending = decoder.getstate()[0]  # an incomplete multi-byte sequence held from the previous chunk
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            return where.locate(pending, chunk, exc.start)
        where.advance(chunk)
    pending = decoder.getstate()[0]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:  # the file ends in the middle of a multi-byte sequence
        return where.locate(pending, b"", exc.start)
    return None


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


@dataclass
class _LineKinds:
    """Lines with valid non-ASCII UTF-8 text, and lines with bytes that are not UTF-8: counts and the first."""

    utf8: int = 0
    undecodable: int = 0
    first_utf8: list[int] = field(default_factory=list)
    first_undecodable: list[int] = field(default_factory=list)


def _classify_lines(file: io.BufferedReader) -> _LineKinds:
    """One pass over the file, a line (or a CHUNK_SIZE piece of a longer line) at a time."""
    kinds = _LineKinds()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    if file.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
        file.seek(0)
    line, has_utf8, has_undecodable = 1, False, False
    while piece := file.readline(CHUNK_SIZE):
        if not piece.isascii() or decoder.getstate()[0]:
            text = decoder.decode(piece)
            has_utf8 = has_utf8 or _DECODED_NON_ASCII.search(text) is not None
            has_undecodable = has_undecodable or _UNDECODABLE.search(text) is not None
        if piece.endswith(b"\n"):
            _count(kinds, line, has_utf8, has_undecodable)
            line, has_utf8, has_undecodable = line + 1, False, False
    if _UNDECODABLE.search(decoder.decode(b"", final=True)):
        has_undecodable = True
    _count(kinds, line, has_utf8, has_undecodable)
    return kinds


def _count(kinds: _LineKinds, line: int, has_utf8: bool, has_undecodable: bool) -> None:
    if has_undecodable:  # a line mixing both is a line to convert
        kinds.undecodable += 1
        if len(kinds.first_undecodable) < SHOWN_LINES:
            kinds.first_undecodable.append(line)
    elif has_utf8:
        kinds.utf8 += 1
        if len(kinds.first_utf8) < SHOWN_LINES:
            kinds.first_utf8.append(line)


def _line_list(count: int, first: list[int]) -> str:
    """ "line 4", "2 lines (4, 7)", "12 lines (2, 3, 5, 6, 8, …)"."""
    if count == 1:
        return f"line {first[0]}"
    more = ", …" if count > len(first) else ""
    return f"{count:,} lines ({', '.join(map(str, first))}{more})"


def _where(position: tuple[int, int, int, int], offset_in_parentheses: bool = True) -> str:
    byte, line, column, offset = position
    where = f"byte 0x{byte:02X} at line {line}, column {column}"
    return f"{where} (byte offset {offset})" if offset_in_parentheses else f"{where}, byte offset {offset}"


def _mixed_message(name: str, position: tuple[int, int, int, int], lines: _LineKinds) -> str:
    """For a file with valid UTF-8 text and bytes that are not UTF-8: no single --encoding reads it."""
    return (
        f"{name}: mixes encodings: UTF-8 text on {_line_list(lines.utf8, lines.first_utf8)}; bytes not valid "
        f"UTF-8 on {_line_list(lines.undecodable, lines.first_undecodable)} (the first is "
        f"{_where(position, offset_in_parentheses=False)}), which look like Latin-1/Windows-1252: convert those "
        f"lines to UTF-8; --encoding latin-1 would garble the UTF-8 lines"
    )


def _bad_byte_message(name: str, codec: str, position: tuple[int, int, int, int]) -> str:
    """Where the bad byte is and which ``--encoding`` probably reads the file."""
    where = _where(position)
    label = LABELS[codec]
    if codec == "cp1252":
        return f"{name}: not valid {label}: {where} is undefined in {label}; re-run with --encoding latin-1"
    return (
        f"{name}: not valid {label}: {where}; the file looks like Latin-1/Windows-1252, "
        f"re-run with --encoding latin-1 (or --encoding cp1252)"
    )
