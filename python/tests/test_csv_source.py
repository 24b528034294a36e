"""Streaming CSV reading: the encoding check, row and line numbers, blank lines and malformed records."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer import csv_source
from importer.csv_source import CsvSource, Record, SourceError, check_encoding


def write(tmp_path: Path, data: bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_all(path: Path, encoding: str = "auto") -> tuple[list[str] | None, list[Record], int]:
    with CsvSource(path, encoding) as source:
        records = list(source.records())
        return source.header, records, source.blank_lines


def encoding_error(path: Path, encoding: str = "auto") -> str:
    with pytest.raises(SourceError) as caught:
        check_encoding(path, encoding)
    return str(caught.value)


def test_latin1_byte_is_located_by_line_column_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, b"a,b\nx,y\ncaf\xe9,z\n")

    assert encoding_error(path) == (
        "data.csv: not valid UTF-8: byte 0xE9 at line 3, column 4 (byte offset 11); the file looks like "
        "Latin-1/Windows-1252, re-run with --encoding latin-1 (or --encoding cp1252)"
    )


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 7, 64])
def test_location_does_not_depend_on_chunk_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      chunk_size: int) -> None:
    data = "h1,h2\nZoë,Ünal\n€,日本\n".encode() + b"ok,\xff\xfe\n"
    path = write(tmp_path, data)
    monkeypatch.setattr(csv_source, "CHUNK_SIZE", chunk_size)

    assert data.index(b"\xff") == 31
    assert "byte 0xFF at line 4, column 4 (byte offset 31)" in encoding_error(path)


def test_valid_multibyte_text_split_across_chunks_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "h\nZoë 日本 €\n".encode() * 3)
    monkeypatch.setattr(csv_source, "CHUNK_SIZE", 1)

    check_encoding(path)


def test_file_ending_inside_a_multibyte_character_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\nb\xe2\x82")

    assert "byte 0xE2 at line 2, column 2 (byte offset 3)" in encoding_error(path)


@pytest.mark.parametrize(("text", "name"), [("a,b\n", "UTF-16"), ("a,b\n", "UTF-32")])
def test_utf16_and_utf32_byte_order_marks_are_unsupported(tmp_path: Path, text: str, name: str) -> None:
    path = write(tmp_path, text.encode(name.lower()))

    for encoding in ("auto", "latin-1"):
        assert encoding_error(path, encoding) == (
            f"data.csv: starts with a {name} byte order mark; {name} files are not supported, save the file as UTF-8"
        )


def test_cp1252_undefined_byte_suggests_latin1(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\n\x81\n")

    assert encoding_error(path, "cp1252") == (
        "data.csv: not valid Windows-1252: byte 0x81 at line 2, column 1 (byte offset 2) is undefined in "
        "Windows-1252; re-run with --encoding latin-1"
    )
    check_encoding(path, "latin-1")


def test_utf8_bom_is_stripped_from_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfName , EMAIL\nann,a@b.c\n")
    check_encoding(path)

    header, records, _ = read_all(path)

    assert header == ["name", "email"]
    assert records == [Record(1, 2, ["ann", "a@b.c"])]


def test_row_numbers_skip_blank_lines_and_line_numbers_follow_embedded_newlines(tmp_path: Path) -> None:
    path = write(tmp_path, b'h1,h2\r\n\r\na,"multi\r\nline"\r\n   \r\nb,c\r\n\r\n')

    header, records, blank_lines = read_all(path)

    assert header == ["h1", "h2"]
    assert records == [Record(1, 3, ["a", "multi\r\nline"]), Record(2, 6, ["b", "c"])]
    assert blank_lines == 3


def test_malformed_record_is_reported_and_reading_continues(tmp_path: Path) -> None:
    path = write(tmp_path, b'h1,h2\n"bad"x,1\nnul\x00,2\nlast,3')

    _, records, _ = read_all(path)

    assert records[0].row_number == 1 and records[0].line_number == 2 and records[0].fields == []
    assert records[0].error is not None and records[0].error.startswith("malformed CSV: ")
    assert records[1:] == [Record(2, 3, ["nul\x00", "2"]), Record(3, 4, ["last", "3"])]


def test_unterminated_quote_at_the_end_is_a_malformed_record(tmp_path: Path) -> None:
    path = write(tmp_path, b'h1,h2\nok,1\n"never closed,2\nmore\n')

    _, records, _ = read_all(path)

    assert records[0] == Record(1, 2, ["ok", "1"])
    assert records[1].row_number == 2 and records[1].line_number == 3
    assert records[1].error == "malformed CSV: unexpected end of data"


def test_an_overlong_line_becomes_one_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_source, "MAX_LINE_CHARS", 16)
    path = write(tmp_path, b"h1,h2\n" + b"x" * 100 + b",1\nnext,2\n")

    _, records, _ = read_all(path)

    assert records == [Record(1, 2, [], "line 2 is longer than 16 characters"), Record(2, 3, ["next", "2"])]


@pytest.mark.parametrize("data", [b"", b"\n\n", b"  \r\n"])
def test_a_file_without_records_has_no_header(tmp_path: Path, data: bytes) -> None:
    header, records, _ = read_all(write(tmp_path, data))

    assert (header, records) == (None, [])


def test_a_malformed_header_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^data.csv: cannot read the header \(line 1\): malformed CSV"):
        CsvSource(write(tmp_path, b'"a"b,c\n1,2\n'))


def test_bytes_read_reaches_the_file_size(tmp_path: Path) -> None:
    path = write(tmp_path, b"h\n" + b"row\n" * 10_000)

    with CsvSource(path) as source:
        assert sum(1 for _ in source.records()) == 10_000
        assert source.bytes_read == source.size == path.stat().st_size


field_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(field_text, min_size=2, max_size=2), max_size=8))
def test_reads_back_what_csv_writer_wrote(tmp_path: Path, rows: list[list[str]]) -> None:
    texts = []
    for row in [["h1", "h2"], *rows]:
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerow(row)
        texts.append(buffer.getvalue())
    path = write(tmp_path, "".join(texts).encode("utf-8"))

    _, records, blank_lines = read_all(path)

    physical_lines = [len(io.StringIO(text, newline="").readlines()) for text in texts]
    starts = [sum(physical_lines[:index]) + 1 for index in range(1, len(texts))]
    assert records == [Record(n, line, row) for n, (line, row) in enumerate(zip(starts, rows), start=1)]
    assert blank_lines == 0
