"""Whole-number command-line options, each checked at parse time against the range the code can handle.

A value out of range, negative where it may not be, or not a whole number is a usage error (exit 2)
that names the option and its range, instead of an OverflowError deep in SQLite or the generator:

    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> _ = parser.add_argument("--batch-size", type=BATCH_SIZE)
    >>> parser.parse_args(["--batch-size", "1000"]).batch_size
    1000
    >>> BATCH_SIZE("99999999999999999999999")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: expected a whole number from 1 to 1,000,000, got 99999999999999999999999

argparse prefixes the message with the option: ``error: argument --batch-size: expected a whole number …``.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import Final

#: SQLite's INTEGER is a signed 64-bit integer: the largest job id, and the largest LIMIT.
SQLITE_INTEGER_MAX: Final = 2**63 - 1

#: Longest argument text repeated in full in an error message.
_SHOWN_TEXT: Final = 40

_WHOLE_NUMBER: Final = re.compile(r"[+-]?([0-9]+)", re.ASCII)


@dataclass(frozen=True)
class WholeNumber:
    """An argparse ``type=``: the text as an int from ``minimum`` to ``maximum``, or ArgumentTypeError."""

    minimum: int
    maximum: int

    @property
    def __name__(self) -> str:  # argparse names the type in some messages
        return "whole number"

    def describe(self) -> str:
        """``1 to 1,000,000``: for help texts."""
        return f"{self.minimum:,} to {self.maximum:,}"

    def __call__(self, text: str) -> int:
        matched = _WHOLE_NUMBER.fullmatch(text.strip())
        # Digit count first: int() of a very long text is slow, and refused beyond 4,300 digits.
        if matched is not None and len(matched.group(1).lstrip("0")) <= len(str(max(abs(self.minimum),
                                                                                    abs(self.maximum)))):
            value = int(matched.group(0))
            if self.minimum <= value <= self.maximum:
                return value
        raise argparse.ArgumentTypeError(f"expected a whole number from {self.describe()}, got {_shown(text)}")


def _shown(text: str) -> str:
    """The text as given, quoted when it would not read as a word, shortened when it is long."""
    if len(text) > _SHOWN_TEXT:
        return f"{text[:_SHOWN_TEXT // 2]}… ({len(text):,} characters)"
    return text if text.strip() and text == text.strip() else repr(text)


#: Rows per matcher call and per transaction: a batch, its results and row errors are held in memory.
BATCH_SIZE: Final = WholeNumber(1, 1_000_000)
#: SQLite's own wait for a lock, in milliseconds; longer waits are the retry layer's (--retry-attempts).
BUSY_TIMEOUT_MS: Final = WholeNumber(1, 3_600_000)
#: Tries per transaction while the database is locked: with delays capped at 2 s, about half an hour.
RETRY_ATTEMPTS: Final = WholeNumber(1, 1_000)
#: A job id (SQLite's INTEGER PRIMARY KEY: positive, signed 64-bit).
JOB_ID: Final = WholeNumber(1, SQLITE_INTEGER_MAX)
#: Row errors printed by ``jobs show``: any number SQLite's LIMIT takes.
SHOWN_ERRORS: Final = WholeNumber(1, SQLITE_INTEGER_MAX)
#: Seconds the job-end write keeps retrying while the database is locked: up to a day.
END_STATUS_WAIT_S: Final = WholeNumber(1, 86_400)
#: Seconds without a heartbeat after which an unfinished job is stale: up to a week.
STALE_AFTER_S: Final = WholeNumber(1, 604_800)
