"""Logging setup: one key=value line per event on stderr, easy to grep and to parse.

Context goes in ``extra`` with the shared field names, so every log line of a job can be found with
``grep job_id=3``:

    log.info("batch stored", extra={"job_id": 3, "batch": 4, "rows": 4000, "duration_ms": 812})
    # ts=2024-05-01T12:00:00.123Z level=info logger=importer.worker msg="batch stored" job_id=3 batch=4 ...

Field names used across the importer (and later the runtime switch): job_id, batch, rows, duration_ms,
attempt, delay_ms, operation, error.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone
from typing import Final, TextIO

#: Attributes every LogRecord has; anything else on a record came from ``extra``.
_STANDARD_ATTRIBUTES: Final = frozenset(
    set(vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
)

LEVELS: Final = ("debug", "info", "warning", "error")


class KeyValueFormatter(logging.Formatter):
    """``ts=… level=… logger=… msg="…"`` followed by the record's extra fields in the order given."""

    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds")
        parts = [
            f"ts={ts.replace('+00:00', 'Z')}",
            f"level={record.levelname.lower()}",
            f"logger={record.name}",
            f"msg={quote_value(record.getMessage(), always=True)}",
        ]
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                parts.append(f"{key}={quote_value(value)}")
        if record.exc_info:
            parts.append(f"exc={quote_value(self.formatException(record.exc_info), always=True)}")
        return " ".join(parts)


def quote_value(value: object, *, always: bool = False) -> str:
    """A value as one token: bare when it is simple, else double-quoted with escapes."""
    text = "null" if value is None else str(value)
    if not always and text and not any(char.isspace() or char in '"=\\' for char in text):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def setup_logging(level: str = "info", stream: TextIO | None = None) -> None:
    """Send every logger's records to ``stream`` (stderr) as key=value lines; safe to call twice."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_importer_handler", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(KeyValueFormatter())
    handler._importer_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
