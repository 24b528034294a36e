"""importer.matching.normalize: each step of docs/matching.md on the text real files contain."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importer.matching.normalize import (
    DateParseError,
    normalize_date,
    normalize_email,
    normalize_phone,
    normalize_postcode,
    normalize_text,
)


def test_unicode_tables_are_the_documented_version() -> None:
    # docs/matching.md pins Unicode 14 (Python 3.11); a different interpreter changes normalization.
    assert unicodedata.unidata_version == "14.0.0"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("José", "jose"),
        ("Jose\u0301", "jose"),  # NFD spelling of the same name
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("İsmail", "ismail"),  # casefold gives i + U+0307, the mark is dropped
        ("Yıldız", "yıldız"),  # dotless ı is a letter of its own, kept
        ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
        ("Οδυσσεύς", "οδυσσευσ"),  # final sigma folds to σ
        ("Jo\u200bhn", "john"),  # zero-width space
        ("\ufeffAnn\u200d", "ann"),  # BOM and zero-width joiner
        ("Mary\u00a0Ann", "mary ann"),  # no-break space
        ("  Mary \t\n  Ann  ", "mary ann"),
        ("O'Brien", "obrien"),
        ("O\u2019Brien", "obrien"),
        ("Jean-Luc", "jean luc"),
        ("Ann 😀", "ann"),
        ("ＪＯＨＮ", "john"),  # fullwidth letters
        ("ﬁnn", "finn"),  # ligature
        ("王小明", "王小明"),
        ("김민준", "김민준"),  # Hangul is decomposed to jamo and composed again
        ("مُحَمَّد", "محمد"),  # Arabic vowel marks dropped
        ("דָּוִד", "דוד"),  # Hebrew points dropped
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("Łukasz", "łukasz"),  # Ł has no decomposition: kept
        ("10, Downing St.", "10 downing st"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("blank", ["", "   ", "\u200b", "\u00a0\t\n", "---", "😀", "''"])
def test_blank_text_is_missing(blank: str) -> None:
    assert normalize_text(blank) is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_normalize_text_is_idempotent_and_tidy(raw: str) -> None:
    once = normalize_text(raw)
    if once is None:
        return
    assert normalize_text(once) == once
    assert once == once.strip() and "  " not in once
    assert unicodedata.is_normalized("NFC", once)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" John.Smith@Example.COM ", "john.smith@example.com"),
        ("john\u200b.smith@example.com", "john.smith@example.com"),
        ("ＪＯＨＮ@example.com", "john@example.com"),
        ("   ", None),
    ],
)
def test_normalize_email(raw: str, expected: str | None) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+44 20 7946 0958", "079460958"),
        ("020 7946 0958", "079460958"),
        ("0044 (0)20 7946-0958", "079460958"),
        ("(555) 123-4567", "551234567"),
        ("+1-555-123-4567", "551234567"),
        ("555.123.4567", "551234567"),
        ("０２０ ７９４６ ０９５８", "079460958"),  # fullwidth digits
        ("123 45 67", "1234567"),
        ("12345", None),  # too short to identify anyone
        ("n/a", None),
    ],
)
def test_normalize_phone(raw: str, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("SW1A 1AA", "sw1a1aa"), ("75008", "75008"), (" - ", None)])
def test_normalize_postcode(raw: str, expected: str | None) -> None:
    assert normalize_postcode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1984-03-07", "1984-03-07"),
        ("1984/3/7", "1984-03-07"),
        ("19840307", "1984-03-07"),
        ("07/03/1984", "1984-03-07"),  # both readings fit: day first
        ("7.3.1984", "1984-03-07"),
        ("25/03/1984", "1984-03-25"),  # only day-first fits
        ("03/25/1984", "1984-03-25"),  # only US order fits
        ("7 March 1984", "1984-03-07"),
        ("7 mar. 1984", "1984-03-07"),
        ("Mar 7, 1984", "1984-03-07"),
        ("September 30 1984", "1984-09-30"),
        ("１９８４-０３-０７", "1984-03-07"),  # fullwidth digits
        ("  1984-03-07 ", "1984-03-07"),
        ("2000-02-29", "2000-02-29"),
        ("", None),
        ("  ", None),
    ],
)
def test_normalize_date(raw: str, expected: str | None) -> None:
    assert normalize_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["31/02/1990", "1990-13-45", "1900-02-29", "yesterday", "7 Marchember 1984", "13/13/1990", "1984-03", "٠٧/٠٣/١٩٨٤"]
)
def test_unreadable_dates_raise(raw: str) -> None:
    with pytest.raises(DateParseError):
        normalize_date(raw)
