"""Deterministic, valid inputs for the scoring kernel (docs/scoring.md), for the reference's tests and
for checking the native port against the reference over many seeds.

    case(seed, size) -> (profile, history, transactions)   # `size` events in all, reproducible per seed
    EDGE_CASES: list of (profile, history, transactions)    # hand-made boundaries, every one valid
    model() -> dict                                         # a fresh copy of the bundled model
    record(**fields), unit_model(**changes)                 # one valid record, an all-ones model

Every input passes the kernel's checks. They include what a port gets wrong first: equal timestamps,
events exactly 1 h / 24 h apart and 1 ms inside, refunds, zero and negative-zero amounts, ints where
floats are usual, huge finite amounts (whose window sums can overflow to inf: then a score may be NaN,
§5), locations with one coordinate None, poles and the antimeridian, negative and extreme `t_ms`, devices
None, strings with non-ASCII characters and lone surrogates, tuples, read-only mappings, extra keys.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from scoring.kernel import BUNDLED_MODEL, FEATURES
from scoring.kernel_checks import T_MS_MAX, T_MS_MIN

HOUR = 3_600_000
DAY = 86_400_000

Record = Mapping[str, Any]
Case = tuple[Mapping[str, Any], "list[Record] | tuple[Record, ...]", "list[Record] | tuple[Record, ...]"]

COUNTRIES = ["FR", "FR", "FR", "DE", "US", "GB", "ÉÉ", "\udfff"]
CURRENCIES = ["EUR", "EUR", "USD", "GBP", "JPY", "€UR", "\ud800EU"]
MCCS = ["5411", "5812", "5967", "7995", "6051", "4829", "5993", "5912", "0000", "", "５９６７"]
#: Offsets that put a card's next event on a window boundary (or the same millisecond).
BOUNDARY_STEPS = [0, 1, HOUR - 1, HOUR, HOUR + 1, DAY - 1, DAY, DAY + 1]
#: Where a case's clock starts: the epoch, before it, today, and near both ends of the range.
TIME_ORIGINS = [0, -5 * DAY - 7, 1_796_000_000_000, T_MS_MIN, T_MS_MAX - 40 * DAY]
HUGE_AMOUNTS = [1e300, -1e300, 1.7976931348623157e308, 5e-324, -5e-324]


def model() -> dict[str, Any]:
    """The bundled model, freshly decoded (callers may change it)."""
    with open(BUNDLED_MODEL, encoding="utf-8") as file:
        document: dict[str, Any] = json.load(file)
    return document


def _text(rng: random.Random, prefix: str, pool: int) -> str:
    """A short id; sometimes non-ASCII or with a lone surrogate, so string handling is exercised."""
    roll = rng.random()
    if roll < 0.05:
        return f"{prefix}-ü{rng.randrange(pool)}"
    if roll < 0.08:
        return f"{prefix}\udc80{rng.randrange(pool)}"
    if roll < 0.10:
        return f"{prefix}-商店"
    return f"{prefix}-{rng.randrange(pool)}"


def _amount(rng: random.Random) -> int | float:
    roll = rng.random()
    if roll < 0.60:
        return round(rng.uniform(0.5, 300.0), 2)
    if roll < 0.70:
        return -round(rng.uniform(0.5, 300.0), 2)  # a refund
    if roll < 0.78:
        return rng.randrange(-50, 5000)  # an int
    if roll < 0.84:
        return rng.choice([0, 0.0, -0.0])
    if roll < 0.90:
        return rng.uniform(-1e6, 1e6)
    if roll < 0.93:
        return rng.choice(HUGE_AMOUNTS)
    return round(rng.uniform(0.5, 5.0), 2)  # card-testing size


def _location(rng: random.Random, previous: tuple[Any, Any]) -> tuple[Any, Any]:
    roll = rng.random()
    if roll < 0.10:
        return None, None
    if roll < 0.15:
        return None, rng.uniform(-180.0, 180.0)
    if roll < 0.20:
        return rng.uniform(-90.0, 90.0), None
    if roll < 0.30:
        return rng.choice([90.0, -90.0, 90, 0.0, -0.0]), rng.choice([180.0, -180.0, 179.999, -180, 0.0])
    if roll < 0.40:
        return previous  # the same place again: distance 0
    if roll < 0.55:
        return rng.randint(-90, 90), rng.randint(-180, 180)  # ints
    if roll < 0.75 and previous[0] is not None and previous[1] is not None:
        lat = min(max(float(previous[0]) + rng.uniform(-0.05, 0.05), -90.0), 90.0)
        lon = min(max(float(previous[1]) + rng.uniform(-0.05, 0.05), -180.0), 180.0)
        return lat, lon  # a few km away
    return rng.uniform(-90.0, 90.0), rng.uniform(-180.0, 180.0)


def _clamp_time(t_ms: int) -> int:
    return min(max(t_ms, T_MS_MIN), T_MS_MAX)


def _records(rng: random.Random, seed: int, size: int) -> list[dict[str, Any]]:
    """`size` records in time order of generation, on a few cards, many pairs on window boundaries."""
    cards = [_text(rng, "card", 1000) for _ in range(rng.randint(1, max(1, size // 6)))]
    devices = [_text(rng, "dev", 1000) for _ in range(rng.randint(1, 4))]
    merchants = [_text(rng, "m", 1000) for _ in range(rng.randint(1, 12))]
    clock = rng.choice(TIME_ORIGINS)
    records: list[dict[str, Any]] = []
    location: tuple[Any, Any] = (None, None)
    for i in range(size):
        if records and rng.random() < 0.35:
            earlier = rng.choice(records)  # the same card, on a boundary from one of its events
            card_id = earlier["card_id"]
            t_ms = _clamp_time(earlier["t_ms"] + rng.choice(BOUNDARY_STEPS))
        else:
            card_id = rng.choice(cards)
            step = rng.choice([0, 1, rng.randrange(10 * 60_000), rng.randrange(3 * HOUR)])
            clock = _clamp_time(clock + step)
            t_ms = clock
        location = _location(rng, location)
        record: dict[str, Any] = {
            "id": f"{seed}-{i}" if rng.random() < 0.9 else _text(rng, "id", 5),
            "t_ms": t_ms,
            "amount": _amount(rng),
            "currency": rng.choice(CURRENCIES),
            "merchant_id": rng.choice(merchants),
            "mcc": rng.choice(MCCS),
            "country": rng.choice(COUNTRIES),
            "lat": location[0],
            "lon": location[1],
            "card_id": card_id,
            "device_id": None if rng.random() < 0.2 else rng.choice(devices),
        }
        if rng.random() < 0.2:
            record["channel"] = "web"  # ignored by the kernel
        records.append(record)
    return records


def _container(rng: random.Random, records: list[dict[str, Any]]) -> list[Record] | tuple[Record, ...]:
    """The records as a list or a tuple, some as read-only mappings rather than dicts."""
    wrapped = [MappingProxyType(record) if rng.random() < 0.1 else record for record in records]
    return tuple(wrapped) if rng.random() < 0.3 else wrapped


def case(seed: int, size: int) -> Case:
    """`(profile, history, transactions)` with `size` events in all, the same for the same arguments.

    History and transactions share cards and interleave in time; both are given partly out of time
    order (the kernel sorts them).
    """
    rng = random.Random(seed)
    records = _records(rng, seed, size)
    split = rng.randint(0, size)
    chosen = set(rng.sample(range(size), split))
    history = [record for i, record in enumerate(records) if i in chosen]
    transactions = [record for i, record in enumerate(records) if i not in chosen]
    for part in (history, transactions):
        if rng.random() < 0.5:
            rng.shuffle(part)
    profile = {"home_country": rng.choice(COUNTRIES), "home_currency": rng.choice(CURRENCIES), "tier": 2}
    return profile, _container(rng, history), _container(rng, transactions)


# --- hand-made edge cases ---------------------------------------------------------------------------

PROFILE = {"home_country": "FR", "home_currency": "EUR"}
PARIS = (48.8566, 2.3522)


def record(**fields: Any) -> dict[str, Any]:
    """A valid record: id "t" at t_ms 0, 10.0 EUR in Paris, merchant m1 (mcc 5411), card c1, device d1;
    `fields` override or add keys."""
    base: dict[str, Any] = {
        "id": "t",
        "t_ms": 0,
        "amount": 10.0,
        "currency": "EUR",
        "merchant_id": "m1",
        "mcc": "5411",
        "country": "FR",
        "lat": PARIS[0],
        "lon": PARIS[1],
        "card_id": "c1",
        "device_id": "d1",
    }
    base.update(fields)
    return base


def unit_model(**changes: Any) -> dict[str, Any]:
    """A model with every weight 1.0 and intercept 0.0, mcc_risk {5967: 1.8, 5411: 0.05}, default 0.2;
    `changes` replace top-level keys."""
    document: dict[str, Any] = {
        "format": "parity.scoring.model",
        "version": "unit-1",
        "intercept": 0.0,
        "weights": {name: 1.0 for name in FEATURES},
        "thresholds": {"review": 0.5, "decline": 0.85},
        "mcc_risk": {"5967": 1.8, "5411": 0.05},
        "mcc_risk_default": 0.2,
    }
    document.update(changes)
    return document


def _r(record_id: str, t_ms: int, amount: int | float = 10.0, **fields: Any) -> dict[str, Any]:
    return record(id=record_id, t_ms=t_ms, amount=amount, **fields)


def _boundaries() -> Case:
    """Pairs exactly 1 h and 24 h apart, 1 ms inside, and at the same millisecond, history and not."""
    history = [_r("h0", 0, 1.5), _r("h1", 1, 2.5, merchant_id="m2"), _r("h2", HOUR, 4.0)]
    transactions = [
        _r("t0", HOUR, 8.0),
        _r("t1", HOUR + 1, 16.0, merchant_id="m2"),
        _r("t2", DAY, 32.0),
        _r("t3", DAY + 1, 64.0),
        _r("t4", DAY + HOUR, 0.25),
        _r("t5", DAY + HOUR, 0.5),
        _r("t6", 2 * DAY + HOUR, 1.0),
    ]
    return PROFILE, history, transactions


def _equal_times() -> Case:
    """Everything at one millisecond: history first, then input order, moving across the Earth."""
    t = 1_796_000_000_000
    history = [_r(f"h{i}", t, float(i), lat=10.0 * i, lon=-20.0 * i) for i in range(3)]
    transactions = [_r(f"t{i}", t, float(i), lat=10.0 * i, lon=20.0 * i) for i in range(4)]
    transactions.append(_r("same-place", t, 1.0, lat=20.0, lon=40.0))
    return PROFILE, history, transactions


def _time_range() -> Case:
    """Negative times, the first and the last millisecond of the range."""
    history = [_r("first", T_MS_MIN, 3.0), _r("neg", -1, 4.0), _r("neg-hour", -HOUR, 5.0)]
    transactions = [_r("min", T_MS_MIN, 1.0), _r("zero", 0, 2.0), _r("max", T_MS_MAX, 6.0, card_id="c2")]
    return PROFILE, history, transactions


def _places() -> Case:
    """Poles, the antimeridian and half-missing locations, one card moving."""
    points = [(90.0, 0.0), (-90.0, 180.0), (0.0, 180.0), (0.0, -180.0), (None, 5.0), (5.0, None), (0, 0),
              (-0.0, -179.9999), (89.9999, 45.0)]  # fmt: skip
    transactions = [_r(f"p{i}", i * 600_000, 20.0, lat=lat, lon=lon) for i, (lat, lon) in enumerate(points)]
    return PROFILE, [], transactions


def _amounts() -> Case:
    """Zero, negative zero, refunds, ints, tiny and huge amounts, past the double range in one hour."""
    history = [_r(f"h{i}", i, 1e300) for i in range(200)]
    # On card c3, a 24-hour sum of -inf and a 1-hour sum of +inf: their contributions make s NaN.
    history += [_r(f"n{i}", i, -1e306, card_id="c3") for i in range(200)]
    history += [_r(f"p{i}", 2 * HOUR + i, 1e306, card_id="c3") for i in range(200)]
    transactions = [
        _r("zero", 300, 0),
        _r("negzero", 301, -0.0),
        _r("refund", 302, -12.5),
        _r("tiny", 303, 5e-324),
        _r("max", 304, 1.7976931348623157e308),
        _r("minus-huge", 305, -1e300, card_id="c2"),
        _r("after", DAY + 400, 7),
        _r("nan-score", 2 * HOUR + 500, 1.0, card_id="c3"),
    ]
    return PROFILE, tuple(history), transactions


def _strings() -> Case:
    """Non-ASCII and lone surrogates in every string; equal and unequal to the profile's."""
    profile = {"home_country": "\udcc3\udca9", "home_currency": "€", "name": "Zoë"}
    transactions = [
        _r("\ud800", 0, 5.0, country="\udcc3\udca9", currency="€", merchant_id="café", card_id="kärte",
           device_id="\udfff"),
        _r("é", 1, 5.0, country="é", currency="€ ", merchant_id="cafe\u0301", card_id="kärte",
           device_id="\udfff"),
        _r("𝔸", 2, 5.0, mcc="５９６７", merchant_id="café", card_id="kärte", device_id=None),
    ]  # fmt: skip
    return profile, [], transactions


def _containers() -> Case:
    """Tuples, read-only mappings and extra keys."""
    history = (MappingProxyType(_r("h0", 0, 1.0, channel="pos")), _r("h1", 5, 2.0, device_id=None))
    transactions = (MappingProxyType(_r("t0", 10, 3.0, merchant_name="Shop")),)
    profile = MappingProxyType({"home_country": "FR", "home_currency": "EUR", "extra": [1]})
    return profile, history, transactions


EDGE_CASES: list[Case] = [
    (PROFILE, [], []),
    (PROFILE, [_r("h0", 0)], []),
    (PROFILE, [], [_r("t0", 0)]),
    _boundaries(),
    _equal_times(),
    _time_range(),
    _places(),
    _amounts(),
    _strings(),
    _containers(),
]
