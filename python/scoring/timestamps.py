"""Request timestamps → the kernel's ``t_ms`` (docs/scoring.md §1.2), exactly, with integers only.

Accepted: RFC 3339 / ISO 8601 extended format with a UTC offset, ``YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)``,
e.g. ``2026-03-29T03:30:00.250+02:00``. The offset is required: a local time without one names no instant.
Digits beyond the millisecond are dropped (the instant is floored to its millisecond; the offset is whole
minutes, so flooring before or after applying it is the same). No float is involved, so every millisecond
from year 1 to 9999 converts exactly; an instant outside the kernel's range (an offset can push year 1 or
9999 past it) is refused.

``datetime.fromisoformat`` is not used for the checks: since Python 3.11 it also accepts basic format,
week dates and times without seconds, and truncates fractions silently; the API's format is narrower.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Final

#: The kernel's ``t_ms`` range: 0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z.
T_MS_MIN: Final = -62135596800000
T_MS_MAX: Final = 253402300799999

_MS_PER_DAY: Final = 86_400_000
_EPOCH_ORDINAL: Final = datetime(1970, 1, 1).toordinal()
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MILLISECOND: Final = timedelta(milliseconds=1)
_MAX_OFFSET_MINUTES: Final = 23 * 60 + 59

_PATTERN: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))", re.ASCII)


class TimestampError(ValueError):
    """Why a timestamp was refused; the message completes ``<field>: ``."""


def parse_t_ms(text: str) -> int:
    """Milliseconds since 1970-01-01T00:00:00Z of an RFC 3339 timestamp; TimestampError if it is not one.

    The usual timestamp is converted by ``datetime.fromisoformat`` (C, a few times faster than the
    field-by-field arithmetic), once the pattern has checked its shape and the offset's minutes are at most
    59 (``fromisoformat`` reads ``+01:60`` as two hours): for such text it refuses exactly the dates, times
    and offsets `exact_t_ms` refuses, and keeps microseconds, floored here to the millisecond as
    `exact_t_ms` floors the fraction. Anything it refuses, or an instant out of range, goes to
    `exact_t_ms`, whose messages are the answer. tests/test_scoring_timestamps.py checks the two agree.
    """
    if _PATTERN.fullmatch(text) is not None and (text[-1] == "Z" or text[-2] < "6"):
        try:
            t_ms: int = (datetime.fromisoformat(text) - _EPOCH) // _MILLISECOND
        except ValueError:
            pass
        else:
            if T_MS_MIN <= t_ms <= T_MS_MAX:
                return t_ms
    return exact_t_ms(text)


def exact_t_ms(text: str) -> int:
    """`parse_t_ms` by the specification's arithmetic, with integers only: the reference for the quick path,
    and what gives the message when a timestamp is refused."""
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise TimestampError(_shape_problem(text))
    year, month, day, hour, minute, second, fraction, zulu, sign, off_hours, off_minutes = match.groups()
    try:
        date = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError as exc:  # month 13, February 30, hour 24, second 60 (leap seconds are not instants here)
        raise TimestampError(f"not a valid date and time ({exc})") from None
    offset_minutes = 0
    if zulu is None:
        offset_minutes = int(off_hours) * 60 + int(off_minutes)
        if int(off_minutes) > 59 or offset_minutes > _MAX_OFFSET_MINUTES:
            raise TimestampError(f"UTC offset {sign}{off_hours}:{off_minutes} out of range (at most ±23:59)")
        if sign == "-":
            offset_minutes = -offset_minutes
    millis = int(fraction[:3].ljust(3, "0")) if fraction else 0
    local_ms = ((date.toordinal() - _EPOCH_ORDINAL) * _MS_PER_DAY
                + ((date.hour * 60 + date.minute) * 60 + date.second) * 1000 + millis)
    t_ms = local_ms - offset_minutes * 60_000
    if not T_MS_MIN <= t_ms <= T_MS_MAX:
        raise TimestampError("out of range: the instant must fall in years 1 to 9999 UTC")
    return t_ms


def _shape_problem(text: str) -> str:
    """The message for a string that does not have the format: says what is missing when it is the offset."""
    if _PATTERN.fullmatch(text + "Z") is not None:
        return f"no UTC offset in {text!r}: expected Z or ±HH:MM (e.g. 2026-03-29T03:30:00+02:00)"
    shown = text if len(text) <= 64 else text[:64] + "…"
    return f"not an RFC 3339 timestamp: {shown!r} (expected YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM))"
