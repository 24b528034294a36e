"""Resident set size of this process, from /proc (Linux)."""

from __future__ import annotations

import os


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
