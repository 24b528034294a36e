"""Request timestamps to ``t_ms``: exact integers, offsets and DST changes, and every refusal."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.synth.transactions import timestamp
from scoring.timestamps import T_MS_MAX, T_MS_MIN, TimestampError, exact_t_ms, parse_t_ms

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("1970-01-01T00:00:00Z", 0),
    ("1970-01-01T00:00:00.001Z", 1),
    ("1969-12-31T23:59:59.999Z", -1),
    ("1970-01-01T01:00:00+01:00", 0),
    ("1969-12-31T19:00:00-05:00", 0),
    ("0001-01-01T00:00:00Z", T_MS_MIN),
    ("9999-12-31T23:59:59.999Z", T_MS_MAX),
    ("2026-03-29T01:59:59.999+01:00", 1774745999999),   # Paris, the last millisecond of winter time
    ("2026-03-29T03:00:00+02:00", 1774746000000),       # the next millisecond, summer time
    ("2026-11-01T01:30:00-04:00", 1793511000000),       # New York: 01:30 happens twice on that day
    ("2026-11-01T01:30:00-05:00", 1793514600000),
    ("1970-01-01T00:00:00.0019999Z", 1),                # digits beyond the millisecond are dropped
    ("1970-01-01T00:00:00+00:30", -1_800_000),
])
def test_exact_milliseconds(text: str, expected: int) -> None:
    assert parse_t_ms(text) == expected


# From 1980: before that, some zones had offsets in seconds (Paris until 1911), which RFC 3339 cannot write.
@given(st.integers(parse_t_ms("1980-01-01T00:00:00Z"), T_MS_MAX - 86_400_000),
       st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "America/St_Johns"]))
def test_round_trip_through_any_zone(t_ms: int, zone: str) -> None:
    assert parse_t_ms(timestamp(t_ms, zone)) == t_ms


@pytest.mark.parametrize("text, words", [
    ("2026-03-02T12:00:00", "no UTC offset"),
    ("2026-03-02T12:00:00.5", "no UTC offset"),
    ("2026-03-02 12:00:00Z", "not an RFC 3339"),
    ("2026-03-02", "not an RFC 3339"),
    ("20260302T120000Z", "not an RFC 3339"),
    ("2026-03-02T12:00Z", "not an RFC 3339"),
    ("2026-03-02T12:00:00.Z", "not an RFC 3339"),
    ("2026-03-02T12:00:00.1234567891Z", "not an RFC 3339"),
    ("2026-13-02T12:00:00Z", "not a valid date"),
    ("2026-02-29T12:00:00Z", "not a valid date"),
    ("2026-03-02T24:00:00Z", "not a valid date"),
    ("2026-12-31T23:59:60Z", "not a valid date"),
    ("2026-03-02T12:00:00+01:60", "offset"),
    ("2026-03-02T12:00:00+24:00", "offset"),
    ("0001-01-01T00:00:00+00:01", "out of range"),
    ("9999-12-31T23:59:59.999-00:01", "out of range"),
    ("２０２６-03-02T12:00:00Z", "not an RFC 3339"),
])
def test_refusals(text: str, words: str) -> None:
    with pytest.raises(TimestampError, match=words):
        parse_t_ms(text)


def test_leap_day_is_a_date() -> None:
    assert parse_t_ms("2028-02-29T00:00:00Z") == (datetime(2028, 2, 29, tzinfo=timezone.utc) - EPOCH) // \
        timedelta(milliseconds=1)


def _digits(low: int, high: int, width: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda value: str(value).zfill(width))


# Every field a little past its range as well as inside it, so that both paths meet each refusal.
_NEAR_TIMESTAMPS = st.builds(
    lambda year, month, day, hour, minute, second, fraction, zone: (
        f"{year}-{month}-{day}T{hour}:{minute}:{second}{fraction}{zone}"),
    st.one_of(_digits(0, 2, 4), _digits(1960, 2100, 4), _digits(9998, 9999, 4)),
    _digits(0, 13, 2), _digits(0, 32, 2), _digits(0, 25, 2), _digits(0, 61, 2), _digits(0, 61, 2),
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=10).map(lambda digits: "." + digits)),
    st.one_of(st.just("Z"), st.just(""),
              st.builds(lambda sign, hours, minutes: f"{sign}{hours}:{minutes}", st.sampled_from("+-"),
                        _digits(0, 25, 2), _digits(0, 61, 2))))


def _outcome(parse: object, text: str) -> object:
    try:
        return parse(text)  # type: ignore[operator]
    except TimestampError as exc:
        return ("refused", str(exc))


@settings(max_examples=1000)
@given(_NEAR_TIMESTAMPS)
def test_the_quick_path_agrees_with_the_exact_arithmetic(text: str) -> None:
    """parse_t_ms converts the usual timestamp with datetime.fromisoformat: same instant, same refusals."""
    assert _outcome(parse_t_ms, text) == _outcome(exact_t_ms, text)


@pytest.mark.parametrize("text", ["2026-03-02T12:00:00+01:60", "2026-03-02T12:00:00-23:59", "0001-01-01T00:00:00Z",
                                  "0001-01-01T00:59:59.999+01:00", "9999-12-31T23:59:59.9999999Z",
                                  "1969-12-31T23:59:59.9995Z", "2026-03-02T12:00:00.1+00:00"])
def test_the_quick_path_at_its_edges(text: str) -> None:
    assert _outcome(parse_t_ms, text) == _outcome(exact_t_ms, text)
