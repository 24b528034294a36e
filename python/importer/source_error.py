"""The one exception for a file that cannot be read at all."""

from __future__ import annotations


class SourceError(Exception):
    """The file cannot be read at all (wrong encoding, malformed header, changed while read): ends the job,
    not one row."""
