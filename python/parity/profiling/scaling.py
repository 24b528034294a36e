"""Time against payload size (corpus mode): do big payloads make the tail?

Requests are bucketed by rows (the length of ``input["rows"]``, or of the input when it is a list) and by
bytes (the input's compact JSON). Rows use one bucket per value when there are few distinct values,
else powers of two; bytes always use powers of two. Per bucket: count, median, p95 and max wall time,
median CPU time, and how many of the run's slowest 5 % of requests fall in it.

    percentile([1, 2, 3, 4], 0.5) == 2.5
    table = scaling_tables([RequestTiming(rows=15, bytes=4096, wall_ns=..., cpu_ns=...), ...])
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

#: At most this many distinct row counts get a bucket each.
MAX_EXACT_BUCKETS: Final = 8
#: The tail whose requests are located in the buckets.
TAIL_FRACTION: Final = 0.05


@dataclass(frozen=True)
class RequestTiming:
    rows: int | None
    bytes: int
    wall_ns: int
    cpu_ns: int


def payload_size(payload: Any) -> tuple[int | None, int]:
    """(rows, bytes) of a request input: rows from ``payload["rows"]`` or a list payload, else None."""
    rows = payload.get("rows") if isinstance(payload, dict) else payload
    count = len(rows) if isinstance(rows, list) else None
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    return count, len(text.encode("utf-8"))


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default): ``percentile([1, 2, 3, 4], 0.5) == 2.5``."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def scaling_tables(timings: Sequence[RequestTiming]) -> dict[str, Any]:
    """The ``scaling`` section of profile.json."""
    if not timings:
        return {"by_rows": [], "by_bytes": [], "tail_threshold_ms": None}
    threshold = percentile([t.wall_ns for t in timings], 1 - TAIL_FRACTION)
    with_rows = [t for t in timings if t.rows is not None]
    row_values = sorted({t.rows for t in with_rows if t.rows is not None})
    if len(row_values) <= MAX_EXACT_BUCKETS:
        row_bucket: Callable[[int], tuple[int, int]] = lambda rows: (rows, rows)
    else:
        row_bucket = _power_of_two
    return {
        "by_rows": _table(with_rows, lambda t: row_bucket(t.rows or 0), threshold, unit="rows"),
        "by_bytes": _table(timings, lambda t: _power_of_two(t.bytes), threshold, unit="bytes"),
        "tail_threshold_ms": round(threshold / 1e6, 3),
    }


def _power_of_two(value: int) -> tuple[int, int]:
    """The bucket [2^k, 2^(k+1) - 1] holding ``value`` (0 alone in [0, 0])."""
    if value <= 0:
        return 0, 0
    low = 1 << (value.bit_length() - 1)
    return low, 2 * low - 1


def _table(timings: Sequence[RequestTiming], bucket: Callable[[RequestTiming], tuple[int, int]],
           tail_threshold: float, *, unit: str) -> list[dict[str, Any]]:
    groups: dict[tuple[int, int], list[RequestTiming]] = {}
    for timing in timings:
        groups.setdefault(bucket(timing), []).append(timing)
    tail_total = sum(1 for t in timings if t.wall_ns > tail_threshold)
    rows = []
    for (low, high), members in sorted(groups.items()):
        walls = [t.wall_ns / 1e6 for t in members]
        in_tail = sum(1 for t in members if t.wall_ns > tail_threshold)
        rows.append({
            "unit": unit, "low": low, "high": high, "count": len(members),
            "wall_median_ms": round(percentile(walls, 0.5), 3), "wall_p95_ms": round(percentile(walls, 0.95), 3),
            "wall_max_ms": round(max(walls), 3),
            "cpu_median_ms": round(percentile([t.cpu_ns / 1e6 for t in members], 0.5), 3),
            "tail_requests": in_tail, "tail_share": round(in_tail / tail_total, 4) if tail_total else 0.0,
        })
    return rows
