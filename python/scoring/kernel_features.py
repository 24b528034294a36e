"""The scoring kernel's features (docs/scoring.md §4): the fifteen values a transaction is scored on,
computed from the state left by the events before it.

Each formula is written exactly as the specification parenthesises it: the native port must produce
the same doubles, so no algebraic shortcut is allowed here (not even `2.0 * x` for `x + x`).
"""

from __future__ import annotations

import math

from scoring.kernel_checks import CheckedModel, Record
from scoring.kernel_state import HOUR_MS, CardState, KernelState, hour_of

#: The features, in the order of the model's contributions and of the native port's vectors.
FEATURES: tuple[str, ...] = (
    "amount_z",
    "log_amount",
    "is_refund",
    "velocity_1h_count",
    "velocity_1h_sum",
    "velocity_24h_count",
    "velocity_24h_sum",
    "merchants_24h",
    "distance_km",
    "speed_kmh",
    "country_mismatch",
    "currency_mismatch",
    "hour_novelty",
    "mcc_risk",
    "new_device",
)

AMOUNT_Z_LIMIT = 50.0
#: A speed no card travels at; also the speed of a move in no time at all.
SPEED_LIMIT_KMH = 20_000.0
DEG = 3.141592653589793 / 180.0
EARTH_RADIUS_KM = 6371.0088
HOUR_MS_FLOAT = float(HOUR_MS)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in km between two points in degrees, one IEEE operation per step."""
    p1 = lat1 * DEG
    p2 = lat2 * DEG
    dp = (lat2 - lat1) * DEG
    dl = (lon2 - lon1) * DEG
    s1 = math.sin(dp / 2.0)
    s2 = math.sin(dl / 2.0)
    a = (s1 * s1) + ((math.cos(p1) * math.cos(p2)) * (s2 * s2))
    a = min(a, 1.0)
    return EARTH_RADIUS_KM * (2.0 * math.asin(math.sqrt(a)))


def amount_z(amount: float, state: KernelState) -> float:
    """How many standard deviations the amount lies from the mean of all prior amounts, clamped."""
    stats = state.amounts
    if stats.n < 2:
        return 0.0
    var = stats.m2 / (stats.n - 1)
    if var <= 0.0:
        return 0.0
    z = (amount - stats.mean) / math.sqrt(var)
    if math.isnan(z):
        return 0.0
    return min(max(z, -AMOUNT_Z_LIMIT), AMOUNT_Z_LIMIT)


def distance_and_speed(record: Record, card: CardState) -> tuple[float, float]:
    """`(distance_km, speed_kmh)` from the card's last location, `(0.0, 0.0)` without one of the two."""
    last = card.last_location
    if last is None or record.lat is None or record.lon is None:
        return 0.0, 0.0
    last_lat, last_lon, last_t_ms = last
    distance = haversine_km(last_lat, last_lon, record.lat, record.lon)
    dt = record.t_ms - last_t_ms
    if dt > 0:
        speed = min(distance / (dt / HOUR_MS_FLOAT), SPEED_LIMIT_KMH)
    elif distance > 0.0:
        speed = SPEED_LIMIT_KMH
    else:
        speed = 0.0
    return distance, speed


def feature_values(
    record: Record,
    card: CardState,
    state: KernelState,
    home_country: str,
    home_currency: str,
    model: CheckedModel,
) -> tuple[float, ...]:
    """The transaction's features in FEATURES order; `card` has already evicted up to its time."""
    amount = record.amount
    window_1h = card.window_1h
    window_24h = card.window_24h
    merchants = window_24h.merchants
    assert merchants is not None  # the 24-hour window always counts merchants
    distance, speed = distance_and_speed(record, card)
    hour_count = state.hours[hour_of(record.t_ms)]
    device_id = record.device_id
    return (
        amount_z(amount, state),
        math.log1p(abs(amount)),
        1.0 if amount < 0.0 else 0.0,
        float(window_1h.count),
        window_1h.total,
        float(window_24h.count),
        window_24h.total,
        float(len(merchants) + (0 if record.merchant_id in merchants else 1)),
        distance,
        speed,
        1.0 if record.country != home_country else 0.0,
        1.0 if record.currency != home_currency else 0.0,
        1.0 - (hour_count + 1) / (state.hours_total + 24),
        model.mcc_risk.get(record.mcc, model.mcc_risk_default),
        1.0 if device_id is not None and device_id not in state.devices else 0.0,
    )
