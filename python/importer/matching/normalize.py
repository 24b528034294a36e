"""Normalization of customer fields: the exact steps of docs/matching.md, section "Normalization".

Every function takes the raw field value (``str``) and returns the canonical form, or ``None`` when nothing
comparable is left (an empty or whitespace-only value is the same as a missing one). The steps are written
one per line on purpose: the native port reproduces them in this order, not a fused equivalent.

Unicode tables are Python's ``unicodedata`` (Unicode 14.0 on Python 3.11).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Final

#: Apostrophes are removed rather than turned into spaces, so "O'Brien" and "OBrien" agree.
APOSTROPHES: Final = frozenset("'`\u2018\u2019\u02bc")

#: General categories that become a word break: separators, punctuation, symbols, control characters.
_BREAK_CATEGORY_PREFIXES: Final = ("Z", "P", "S")

#: Phone numbers compare on their last digits, which agree between national ("020 7946 0958") and
#: international ("+44 20 7946 0958") forms of the same number.
PHONE_SIGNIFICANT_DIGITS: Final = 9

#: Fewer digits than this is not a phone number anyone can be matched on.
PHONE_MIN_DIGITS: Final = 7

_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

# re.ASCII: `\d` must mean 0-9 only (NFKC has already turned fullwidth digits into ASCII ones).
_ISO_DATE: Final = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})", re.ASCII)
_COMPACT_DATE: Final = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_NUMERIC_DATE: Final = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", re.ASCII)
_DAY_MONTH_DATE: Final = re.compile(r"(\d{1,2}) ([a-z]+)\.? (\d{4})", re.ASCII)
_MONTH_DAY_DATE: Final = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})", re.ASCII)

_MONTHS_PER_YEAR: Final = 12


class DateParseError(ValueError):
    """A non-empty date value that none of the accepted formats reads as a real calendar date."""


def normalize_text(value: str) -> str | None:
    """Canonical form of a name, street or city.

    >>> normalize_text("  José  O'Brien-Smith ")
    'jose obrien smith'
    """
    text = unicodedata.normalize("NFKC", value)
    text = text.casefold()
    text = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for char in text:
        if unicodedata.combining(char):
            continue  # accents and other combining marks (canonical combining class != 0)
        category = unicodedata.category(char)
        if category == "Cf" or char in APOSTROPHES:
            continue  # zero-width and other format characters, apostrophes
        if category.startswith(_BREAK_CATEGORY_PREFIXES) or category == "Cc":
            kept.append(" ")
        else:
            kept.append(char)
    text = " ".join(word for word in "".join(kept).split(" ") if word)
    text = unicodedata.normalize("NFC", text)
    return text or None


def normalize_email(value: str) -> str | None:
    """Canonical form of an email address: no spaces or invisible characters, case-folded.

    >>> normalize_email(" John.Smith@Example.COM ")
    'john.smith@example.com'
    """
    text = unicodedata.normalize("NFKC", value)
    text = "".join(char for char in text if not _is_space_or_format(char))
    text = text.casefold()
    return text or None


def normalize_phone(value: str) -> str | None:
    """The last significant digits of a phone number, or None when it has too few digits.

    >>> normalize_phone("+44 (0)20 7946-0958")
    '079460958'
    """
    text = unicodedata.normalize("NFKC", value)
    digits = "".join(char for char in text if "0" <= char <= "9")
    if len(digits) < PHONE_MIN_DIGITS:
        return None
    return digits[-PHONE_SIGNIFICANT_DIGITS:]


def normalize_postcode(value: str) -> str | None:
    """Letters and digits of a postcode, case-folded: "SW1A 1AA" and "sw1a1aa" agree.

    >>> normalize_postcode("SW1A 1AA")
    'sw1a1aa'
    """
    text = unicodedata.normalize("NFKC", value)
    text = text.casefold()
    text = "".join(char for char in text if unicodedata.category(char)[0] in ("L", "N"))
    return text or None


def normalize_date(value: str) -> str | None:
    """ISO form (YYYY-MM-DD) of a date written in one of the accepted formats; None when blank.

    Raises DateParseError for a non-blank value that is not an accepted, real date.

    >>> normalize_date("7 March 1984"), normalize_date("07/03/1984"), normalize_date("03/25/1984")
    ('1984-03-07', '1984-03-07', '1984-03-25')
    """
    text = unicodedata.normalize("NFKC", value)
    text = " ".join(text.split()).casefold()
    if not text:
        return None
    year, month, day = _read_date_parts(text)
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise DateParseError(f"not a real date: {value!r}") from None
    return date.isoformat()


def _read_date_parts(text: str) -> tuple[int, int, int]:
    """(year, month, day) as written, before the calendar check."""
    if match := _ISO_DATE.fullmatch(text):
        return int(match[1]), int(match[3]), int(match[4])
    if match := _COMPACT_DATE.fullmatch(text):
        return int(match[1]), int(match[2]), int(match[3])
    if match := _NUMERIC_DATE.fullmatch(text):
        first, second = int(match[1]), int(match[3])
        if first <= _MONTHS_PER_YEAR < second:
            return int(match[4]), first, second  # US order: only reading where the second part fits
        return int(match[4]), second, first  # day first, the default where both readings fit
    if (match := _DAY_MONTH_DATE.fullmatch(text)) and match[2] in _MONTHS:
        return int(match[3]), _MONTHS[match[2]], int(match[1])
    if (match := _MONTH_DAY_DATE.fullmatch(text)) and match[1] in _MONTHS:
        return int(match[3]), _MONTHS[match[1]], int(match[2])
    raise DateParseError(f"unrecognised date format: {text!r}")


def _is_space_or_format(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] == "Z" or category in ("Cc", "Cf")
