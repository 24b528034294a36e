"""The native matcher does not leak: resident memory stays flat across 10,000 match calls.

A leak of even one small object per row would add megabytes over this run; the bound leaves room for the
allocator's own noise (arenas, caches), not for growth that scales with calls.
"""

from __future__ import annotations

import os

import pytest
from native_module import native_or_skip

from parity.profiling.memory import current_rss_bytes

native = native_or_skip()


def resident_bytes() -> int:
    """This process's RSS; these tests run on Linux, where /proc always has it."""
    rss = current_rss_bytes()
    assert rss is not None, "/proc/self/statm is unreadable"
    return rss

CALLS = 10_000
#: Growth allowed between the first and the last thousand calls.
MAX_GROWTH_BYTES = 2 * 2**20


@pytest.mark.skipif(
    "libasan" in os.environ.get("LD_PRELOAD", ""),
    reason="under AddressSanitizer freed memory stays resident in its quarantine by design",
)
def test_rss_is_flat_across_ten_thousand_calls() -> None:
    customers = [
        {"id": i, "first_name": f"Ann{i % 50}", "last_name": "Lee", "email": f"a{i}@x.org", "birth_date": "1984-03-07"}
        for i in range(2000)
    ]
    rows = [{"first_name": "Anne1", "last_name": "Lee", "email": f"a{i}@x.org", "street": "10 High St"} for i in range(8)]
    rows.append({"birth_date": "31/02/1990"})  # every call also raises once, through the error path
    matcher = native.Matcher(customers)
    good, bad = rows[:-1], rows
    samples = []
    for call in range(CALLS):
        matcher.match(good)
        try:
            matcher.match(bad)
        except ValueError:
            pass
        if call in (1_000, CALLS - 1):
            samples.append(resident_bytes())
    assert samples[1] - samples[0] <= MAX_GROWTH_BYTES, f"grew {(samples[1] - samples[0]) / 2**20:.1f} MiB"


def test_rss_reader_sees_memory_being_used() -> None:
    before = resident_bytes()
    block = bytearray(32 * 2**20)
    block[:: 4096] = b"x" * len(block[:: 4096])  # touch every page so it is resident
    assert resident_bytes() - before >= 16 * 2**20
    del block


