"""Streaming CSV reading: the encoding check, row and line numbers, blank lines and malformed records."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer import csv_source, encoding_check
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
    monkeypatch.setattr(encoding_check, "CHUNK_SIZE", chunk_size)

    assert data.index(b"\xff") == 31
    assert encoding_error(path) == (
        "data.csv: mixes encodings: UTF-8 text on 2 lines (2, 3); bytes not valid UTF-8 on line 4 (the first is "
        "byte 0xFF at line 4, column 4, byte offset 31), which look like Latin-1/Windows-1252: convert those lines "
        "to UTF-8; --encoding latin-1 would garble the UTF-8 lines"
    )


def test_valid_multibyte_text_split_across_chunks_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "h\nZoë 日本 €\n".encode() * 3)
    monkeypatch.setattr(encoding_check, "CHUNK_SIZE", 1)

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


def test_unterminated_quote_is_one_error_and_the_lines_after_it_are_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, b'h1,h2\nok,1\n"never closed,2\nmore,3\n\nlast,4')

    _, records, blank_lines = read_all(path)

    assert records == [
        Record(1, 2, ["ok", "1"]),
        Record(2, 3, [], "malformed CSV: unterminated quoted field opened at line 3 (no closing quote before the "
                         "end of the file); read again from line 4"),
        Record(3, 4, ["more", "3"]),
        Record(4, 6, ["last", "4"]),
    ]
    assert blank_lines == 1


def test_unterminated_quote_in_a_later_field_of_a_multiline_record(tmp_path: Path) -> None:
    path = write(tmp_path, b'h1,h2,h3\r\na,"two\r\nlines",x\r\nb,"multi\r\nline","open\r\n"",f\r\ng,h,i\r\n')

    _, records, _ = read_all(path)

    assert records == [
        Record(1, 2, ["a", "two\r\nlines", "x"]),
        Record(2, 4, [], "malformed CSV: unterminated quoted field opened at line 5 (no closing quote before the "
                         "end of the file); read again from line 6"),
        Record(3, 6, ["", "f"]),
        Record(4, 7, ["g", "h", "i"]),
    ]


def test_unterminated_quote_after_a_bom_reads_again_past_the_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b'\xef\xbb\xbfh1,h2\n"x,1\ny,2\n')

    header, records, _ = read_all(path)

    assert header == ["h1", "h2"]
    assert [(r.row_number, r.line_number, r.fields) for r in records] == [(1, 2, []), (2, 3, ["y", "2"])]
    with CsvSource(path) as source:
        list(source.records())
        assert source.bytes_read == path.stat().st_size


def test_unterminated_quote_in_the_header_is_fatal_and_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        CsvSource(write(tmp_path, b'h1,"h2\nok,1\n'))

    assert str(caught.value) == (
        "data.csv: cannot read the header (line 1): malformed CSV: unterminated quoted field opened at line 1 (no "
        "closing quote before the end of the file)"
    )


def test_quoted_field_over_the_field_limit_is_one_error_and_reading_resumes_after_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_source, "MAX_FIELD_CHARS", 20)
    path = write(tmp_path, b'h1,h2\nok,1\nbig,"' + b"0123456789\n" * 30 + b'end",2\nafter,3\nshort,"a\nb"\n')

    _, records, _ = read_all(path)

    assert records == [
        Record(1, 2, ["ok", "1"]),
        Record(2, 3, [], "quoted field opened at line 3 is longer than 20 characters; the record ends at line 33"),
        Record(3, 34, ["after", "3"]),
        Record(4, 35, ["short", "a\nb"]),
    ]


def test_an_overlong_line_inside_a_quoted_field_keeps_the_record_boundaries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_source, "MAX_LINE_CHARS", 16)
    path = write(tmp_path, b'h1,h2\n"' + b"x" * 100 + b'\nstill "" quoted\n' + b"y" * 40 + b'",1\nnext,2\n')

    _, records, _ = read_all(path)

    assert records == [Record(1, 2, [], "line 2 is longer than 16 characters; the record ends at line 4"),
                       Record(2, 5, ["next", "2"])]


def test_a_record_over_the_record_limit_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_source, "MAX_RECORD_CHARS", 30)
    path = write(tmp_path, b'h1,h2,h3,h4,h5\n"a\n","b\n","c\n","d\n","e\n","f\n","g\n"\nnext,1,2,3,4\n')

    _, records, _ = read_all(path)

    assert records == [Record(1, 2, [], "record is longer than 30 characters; the record ends at line 9"),
                       Record(2, 10, ["next", "1", "2", "3", "4"])]


def test_a_strict_csv_error_inside_a_multiline_field_costs_one_record(tmp_path: Path) -> None:
    path = write(tmp_path, b'h1,h2\na,"one\ntwo"x,1\nb,2\n')

    _, records, _ = read_all(path)

    assert records == [Record(1, 2, [], "malformed CSV: ',' expected after '\"'"), Record(2, 4, ["b", "2"])]


def test_an_unquoted_field_over_the_field_limit_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path, b"h1,h2\n" + b"x" * (csv_source.MAX_FIELD_CHARS + 1) + b",1\nnext,2\n")

    _, records, _ = read_all(path)

    assert records == [Record(1, 2, [], "a field is longer than 131,072 characters"), Record(2, 3, ["next", "2"])]


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


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.sampled_from(["a", ",", '"', '""', "\n", "\r\n", "\r", "é"]), max_size=40).map("".join))
def test_any_quoting_gives_ordered_records_that_agree_with_the_csv_module(tmp_path: Path, body: str) -> None:
    """Whatever the quotes, records come in line order and are numbered in turn; a record read without
    error is what the csv module reads from the line where it starts."""
    path = write(tmp_path, ("h\n" + body).encode())

    _, records, _ = read_all(path)

    lines = [record.line_number for record in records]
    assert lines == sorted(set(lines)) and all(line >= 2 for line in lines)
    assert [record.row_number for record in records] == list(range(1, len(records) + 1))
    physical = io.StringIO("h\n" + body, newline="").readlines()
    for record in records:
        if record.error is None:
            assert next(csv.reader(physical[record.line_number - 1:], strict=True)) == record.fields
        else:
            assert not record.error.startswith("malformed CSV: the record ends at line")


def test_mixed_file_with_many_lines_of_each_kind_lists_the_first_five(tmp_path: Path) -> None:
    lines = [b"name\n"] + ["Zoë\n".encode() if n % 3 else b"Zo\xeb\n" for n in range(1, 30)]
    path = write(tmp_path, b"".join(lines))

    assert encoding_error(path) == (
        "data.csv: mixes encodings: UTF-8 text on 20 lines (2, 3, 5, 6, 8, …); bytes not valid UTF-8 on 9 lines "
        "(4, 7, 10, 13, 16, …) (the first is byte 0xEB at line 4, column 3, byte offset 17), which look like "
        "Latin-1/Windows-1252: convert those lines to UTF-8; --encoding latin-1 would garble the UTF-8 lines"
    )


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 64, 1 << 16])
def test_a_utf8_bom_is_not_utf8_text_and_counts_in_the_offset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         chunk_size: int) -> None:
    monkeypatch.setattr(encoding_check, "CHUNK_SIZE", chunk_size)
    path = write(tmp_path, b"\xef\xbb\xbfname\nRen\xe9\nplain\n")

    assert encoding_error(path) == (
        "data.csv: not valid UTF-8: byte 0xE9 at line 2, column 4 (byte offset 11); the file looks like "
        "Latin-1/Windows-1252, re-run with --encoding latin-1 (or --encoding cp1252)"
    )


def test_mixed_lines_are_found_whatever_the_chunk_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, b"name\nRen\xe9\n" + "日本語\n".encode() + b"x" * 200 + "é".encode() + b"\n")
    messages = set()
    for chunk_size in (1, 2, 3, 5, 64, 1 << 16):
        monkeypatch.setattr(encoding_check, "CHUNK_SIZE", chunk_size)
        messages.add(encoding_error(path))

    assert messages == {
        "data.csv: mixes encodings: UTF-8 text on 2 lines (3, 4); bytes not valid UTF-8 on line 2 (the first is "
        "byte 0xE9 at line 2, column 4, byte offset 8), which look like Latin-1/Windows-1252: convert those lines "
        "to UTF-8; --encoding latin-1 would garble the UTF-8 lines"
    }


def test_bytes_that_stop_decoding_after_the_check_mean_the_file_changed(tmp_path: Path) -> None:
    path = write(tmp_path, b"h1,h2\n" + b"a,1\n" * 5000)
    check_encoding(path)

    with CsvSource(path) as source, pytest.raises(SourceError) as caught:
        with path.open("ab") as file:
            file.write(b"caf\xe9,2\n")
        for _ in source.records():
            pass

    size = 6 + 4 * 5000
    assert str(caught.value).startswith(f"data.csv changed during the import ({size:,} bytes when opened, "
                                        f"{size + 7:,} now); nothing after line ")
    assert str(caught.value).endswith(" was imported; re-run on a finished file")


@pytest.mark.parametrize(("change", "detail"), [
    (lambda path: path.write_bytes(path.read_bytes() + b"b,2\n"), "18 bytes when opened, 22 now"),
    (lambda path: path.write_bytes(path.read_bytes()[:-4]), "18 bytes when opened, 14 now"),
    (lambda path: os.utime(path, ns=(1, 1)), "18 bytes when opened and now, but modified since"),
])
def test_a_file_changed_before_its_end_is_reached_is_an_error(tmp_path: Path, change, detail: str) -> None:
    path = write(tmp_path, b"h1,h2\na,1\nb,2\nc,3\n")

    records = []
    with CsvSource(path) as source, pytest.raises(SourceError) as caught:
        records.append(next(source.records()))
        change(path)
        records.extend(source.records())

    assert records[0] == Record(1, 2, ["a", "1"])
    assert str(caught.value) == (
        f"data.csv changed during the import ({detail}); nothing after line {records[-1].line_number} was "
        f"imported; re-run on a finished file"
    )
