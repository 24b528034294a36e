"""The native Matcher's settings against the reference's, value by value (docs/matching.md section 5).

For every config field and a spread of values (ints around 32, 64 and more bits, negatives, bools,
floats that are not finite, strings, None), importer._native.Matcher gives the same results as
importer.matching.Matcher or raises the same exception type with the same message. Counts too large for
the core's size_t are read as SIZE_MAX; the reference's own results show that every such value means the
same. ``threads`` (native only) is checked and capped to the CPUs the process may use.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

import pytest
from native_module import native_or_skip

from importer.matching import MatchConfig, Matcher
from importer.schema import MATCH_FIELDS

native = native_or_skip()

SIZE_MAX = 2**64 - 1
COUNTS = ("max_block_size", "max_candidates", "name_prefix_length", "phone_block_digits")
FIELDS = (*(f"weights.{name}" for name in MATCH_FIELDS), "match_threshold", "min_match_weight",
          "possible_threshold", *COUNTS)
VALUES = (0, -1, 1, 2, 2**31, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**100, -(2**100), 2**1024, True, False, 1.5,
          math.nan, math.inf, -math.inf, "3", None)

# Customers sharing blocks (so the block and candidate caps matter), long names and phones (so do the
# prefix and digit counts), and rows that meet them through every kind of key.
CUSTOMERS = [
    {"id": i, "first_name": f"Annabelle{i % 3}", "last_name": "Leeworthington" if i % 2 else "Lee",
     "email": f"ann{i % 4}@example.org", "phone": f"+44 20 7946 {i:04d}", "street": f"{i} High Street",
     "city": "London", "postcode": "SW1A 1AA", "birth_date": f"1984-03-{i % 9 + 1:02d}"}
    for i in range(1, 25)
]
ROWS = [
    {"first_name": "Annabelle1", "last_name": "Leeworthington", "email": "ANN1@example.org "},
    {"first_name": "Annabel", "last_name": "Lee", "phone": "020 7946 0003", "city": "London"},
    {"first_name": "Leeworthington", "last_name": "Annabelle2", "birth_date": "1984-03-04"},
    {"last_name": "Lee", "postcode": "sw1a1aa", "street": "7 High St"},
    {"first_name": "Bob", "last_name": "Smith"},
    {"phone": "020 7946 0013", "city": "London"},
]


def value_id(value: Any) -> str:
    """2**64 rather than its 20 digits in test names."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**32:
        for exponent in range(33, 1100):
            for near, suffix in ((2**exponent, ""), (2**exponent - 1, "-1")):
                if abs(value) == near:
                    return f"{'-' if value < 0 else ''}2**{exponent}{suffix}"
    return repr(value)


def config_with(field: str, value: Any) -> dict[str, Any]:
    if field.startswith("weights."):
        return {"weights": {field.removeprefix("weights."): value}}
    return {field: value}


def outcome(make: Any) -> tuple[str, Any]:
    """("ok", JSON text of the result) or ("error", (type name, message)): comparable across both sides."""
    try:
        return "ok", json.dumps(make())
    except Exception as exc:  # noqa: BLE001 - any exception, compared by type and message
        return "error", (type(exc).__name__, str(exc))


@pytest.mark.parametrize("value", VALUES, ids=value_id)
@pytest.mark.parametrize("field", FIELDS)
def test_every_config_value_gives_the_reference_result_or_error(field: str, value: Any) -> None:
    config = config_with(field, value)

    expected = outcome(lambda: Matcher(CUSTOMERS, config).match(ROWS))
    actual = outcome(lambda: native.Matcher(CUSTOMERS, config).match(ROWS))

    assert actual == expected, f"config {config!r}"


@pytest.mark.parametrize("value", [2**64, 2**100, 2**1024], ids=value_id)
@pytest.mark.parametrize("field", COUNTS)
def test_a_config_object_with_a_huge_count_works_as_in_the_reference(field: str, value: int) -> None:
    config = MatchConfig(**{field: value})

    assert outcome(lambda: native.Matcher(CUSTOMERS, config).match(ROWS)) == outcome(
        lambda: Matcher(CUSTOMERS, config).match(ROWS))


@pytest.mark.parametrize("field", COUNTS)
def test_counts_beyond_size_t_mean_the_same_as_size_max_in_the_reference(field: str) -> None:
    # What makes reading them as SIZE_MAX right: each count bounds a block's size, a candidate list, a
    # name's or a phone's code points, none of which can reach SIZE_MAX. The reference agrees (on data where
    # the count matters: a small value changes the results).
    def reference(value: int) -> str:
        return json.dumps(Matcher(CUSTOMERS, {field: value}).match(ROWS))

    at_size_max = reference(SIZE_MAX)
    assert reference(1) != at_size_max
    assert all(reference(value) == at_size_max for value in (2**64, 2**100, 2**1024, 10**400))


# --- threads ----------------------------------------------------------------------------------------------

def usable_cpus() -> int:
    return int(native.Matcher(CUSTOMERS[:1]).threads)  # threads=0: one per CPU the process may use


@pytest.mark.parametrize("threads", [100_000, 2**31, 2**32 + 1, 2**64, 2**100], ids=value_id)
def test_threads_above_the_usable_cpus_are_capped(threads: int) -> None:
    matcher = native.Matcher(CUSTOMERS, threads=threads)

    assert matcher.threads == usable_cpus()
    assert matcher.match(ROWS) == native.Matcher(CUSTOMERS, threads=1).match(ROWS) == Matcher(CUSTOMERS).match(ROWS)


def test_threads_within_the_usable_cpus_are_kept() -> None:
    assert [native.Matcher(CUSTOMERS, threads=n).threads for n in range(1, usable_cpus() + 1)] == list(
        range(1, usable_cpus() + 1))


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux's")
def test_threads_are_capped_to_a_pinned_process_cpus() -> None:
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        pinned = [native.Matcher(CUSTOMERS, threads=n).threads for n in (0, 1, 3, 100_000)]
    finally:
        os.sched_setaffinity(0, allowed)
    assert pinned == [1, 1, 1, 1]


@pytest.mark.parametrize(
    ("threads", "error", "message"),
    [
        (-1, ValueError, "threads: expected an int >= 0 (0: one per CPU this process may use), got -1"),
        (-(2**100), ValueError, f"threads: expected an int >= 0 (0: one per CPU this process may use), got {-(2**100)}"),
        (True, TypeError, "threads: expected an int, got bool"),
        (1.5, TypeError, "threads: expected an int, got float"),
        (math.nan, TypeError, "threads: expected an int, got float"),
        ("2", TypeError, "threads: expected an int, got str"),
        (None, TypeError, "threads: expected an int, got NoneType"),
    ],
    ids=value_id,
)
def test_bad_threads_raise_a_clear_error(threads: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        native.Matcher(CUSTOMERS, threads=threads)
    assert str(raised.value) == message
