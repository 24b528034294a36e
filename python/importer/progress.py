"""What a running job tells the user: a progress bar on a terminal, log lines otherwise.

    progress = Progress.for_stream(sys.stderr, job_id=3, total_bytes=size, quiet=False)
    progress.update(batch=4, rows=4000, bytes_read=...)   # bar redrawn in place, or one log line
    progress.close()
"""

from __future__ import annotations

import logging
import time
from typing import Final, TextIO

log = logging.getLogger(__name__)

BAR_WIDTH: Final = 30
#: The bar is redrawn at most this often, so a fast job does not spend its time writing to the terminal.
BAR_INTERVAL_S: Final = 0.1


class Progress:
    """Progress of one job by bytes read against the file size. Mode "bar", "log" or "off"."""

    def __init__(self, stream: TextIO, *, job_id: int, total_bytes: int, mode: str) -> None:
        self._stream = stream
        self._job_id = job_id
        self._total = total_bytes
        self._mode = mode
        self._started = time.perf_counter()
        self._last_draw = float("-inf")
        self._drawn = False

    @classmethod
    def for_stream(cls, stream: TextIO, *, job_id: int, total_bytes: int, quiet: bool) -> Progress:
        """A bar when ``stream`` is a terminal, log lines when it is a file or pipe, nothing when quiet."""
        mode = "off" if quiet else "bar" if _isatty(stream) else "log"
        return cls(stream, job_id=job_id, total_bytes=total_bytes, mode=mode)

    def fraction(self, bytes_read: int) -> float:
        return min(1.0, bytes_read / self._total) if self._total else 1.0

    def update(self, *, batch: int, rows: int, bytes_read: int, duration_ms: int | None = None) -> None:
        fraction = self.fraction(bytes_read)
        if self._mode == "log":
            log.info("batch stored", extra={"job_id": self._job_id, "batch": batch, "rows": rows,
                                            "progress": f"{fraction:.1%}", "duration_ms": duration_ms})
        elif self._mode == "bar":
            now = time.perf_counter()
            if now - self._last_draw >= BAR_INTERVAL_S or fraction >= 1.0:
                self._last_draw = now
                self._draw(fraction, rows, now - self._started)

    def close(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False

    def _draw(self, fraction: float, rows: int, elapsed: float) -> None:
        filled = round(fraction * BAR_WIDTH)
        rate = rows / elapsed if elapsed > 0 else 0.0
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self._stream.write(f"\rjob {self._job_id} [{bar}] {fraction:6.1%}  {rows:,} rows  {rate:,.0f} rows/s\x1b[K")
        self._stream.flush()
        self._drawn = True


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
