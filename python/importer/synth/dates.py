"""Birth dates written the ways import files write them, within the service's parsing rules.

The service reads ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``YYYYMMDD``; ``A/B/YYYY``, ``A.B.YYYY``, ``A-B-YYYY``
(if A > 12 then day=A; elif B > 12 then month=A; else day first); and English month names or their
3-letter abbreviations in ``D Month YYYY`` and ``Month D, YYYY``. Every valid style below reads back to the
same date under those rules, except a US ``M/D/YYYY`` date whose day is at most 12: it is read day first.
"""

from __future__ import annotations

import datetime
import random
from typing import Final

MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

#: Styles that read back as the same date whatever the day and month are.
UNAMBIGUOUS_STYLES: Final = (
    "iso_slash", "compact", "dmy_slash", "dmy_dot", "dmy_dash", "dmy_unpadded",
    "day_month_name", "day_month_abbr", "month_name_day", "month_abbr_day", "upper_month",
)

_EARLIEST_BIRTH: Final = datetime.date(1930, 1, 1).toordinal()
_LATEST_BIRTH: Final = datetime.date(2006, 12, 31).toordinal()
_MONTHS_PER_YEAR: Final = 12


def random_birth_date(rng: random.Random) -> datetime.date:
    """A birth date between 1930-01-01 and 2006-12-31."""
    return datetime.date.fromordinal(rng.randint(_EARLIEST_BIRTH, _LATEST_BIRTH))


def format_date(date: datetime.date, style: str) -> str:
    """``date`` in one of ``UNAMBIGUOUS_STYLES`` or "us" (month first, "03/07/1984").

    >>> format_date(datetime.date(1984, 3, 7), "month_abbr_day")
    'Mar 7, 1984'
    """
    y, m, d = date.year, date.month, date.day
    name = MONTH_NAMES[m - 1]
    formats = {
        "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "iso_slash": f"{y:04d}/{m:02d}/{d:02d}",
        "compact": f"{y:04d}{m:02d}{d:02d}",
        "dmy_slash": f"{d:02d}/{m:02d}/{y:04d}",
        "dmy_dot": f"{d}.{m}.{y:04d}",
        "dmy_dash": f"{d:02d}-{m:02d}-{y:04d}",
        "dmy_unpadded": f"{d}/{m}/{y:04d}",
        "day_month_name": f"{d} {name} {y:04d}",
        "day_month_abbr": f"{d:02d} {name[:3]} {y:04d}",
        "month_name_day": f"{name} {d}, {y:04d}",
        "month_abbr_day": f"{name[:3]} {d}, {y:04d}",
        "upper_month": f"{d} {name.upper()} {y:04d}",
        "us": f"{m:02d}/{d:02d}/{y:04d}",
    }
    return formats[style]


def us_date_is_misread(date: datetime.date) -> bool:
    """True when "MM/DD/YYYY" of ``date`` is read day first as another date (both parts <= 12)."""
    return date.day <= _MONTHS_PER_YEAR and date.day != date.month


def invalid_date(rng: random.Random, year: int) -> str:
    """A non-empty date value no accepted format reads as a real date: "31/02/1990", "yesterday"."""
    choices = (
        f"31/02/{year}",
        f"30.02.{year}",
        f"{year}-13-45",
        f"{year}-02-30",
        f"31/04/{year}",
        f"32 March {year}",
        f"{year}0231",
        "yesterday",
        "unknown",
        "00/00/0000",
        f"{year}",
        f"Marchember 3, {year}",
    )
    return rng.choice(choices)
