"""scoring.kernel, the reference of docs/scoring.md: each feature on hand-computed examples, window
boundaries and eviction, time order of history and transactions (§2-§4)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from typing import Any

import pytest
from scoring_cases import PARIS, model, unit_model
from scoring_cases import record as tx

from scoring.kernel import FEATURES, Scorer

HOUR = 3_600_000
DAY = 86_400_000
PROFILE = {"home_country": "FR", "home_currency": "EUR"}
LONDON = (51.5074, -0.1278)


def features_of(
    history: list[dict[str, Any]], transactions: list[dict[str, Any]], profile: Mapping[str, Any] = PROFILE
) -> list[dict[str, float]]:
    """Each transaction's features by name."""
    vectors = Scorer(unit_model()).features(profile, history, transactions)
    return [dict(zip(FEATURES, vector)) for vector in vectors]


def only(history: list[dict[str, Any]], transaction: dict[str, Any], name: str) -> float:
    """One feature of one transaction scored after `history`."""
    return features_of(history, [transaction])[0][name]


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """§4's haversine, retyped from the specification."""
    deg = 3.141592653589793 / 180.0
    s1 = math.sin(((lat2 - lat1) * deg) / 2.0)
    s2 = math.sin(((lon2 - lon1) * deg) / 2.0)
    a = (s1 * s1) + ((math.cos(lat1 * deg) * math.cos(lat2 * deg)) * (s2 * s2))
    return 6371.0088 * (2.0 * math.asin(math.sqrt(min(a, 1.0))))


def welford(amounts: list[float]) -> tuple[int, float, float]:
    n, mean, m2 = 0, 0.0, 0.0
    for x in amounts:
        n += 1
        delta = x - mean
        mean = mean + delta / n
        m2 = m2 + delta * (x - mean)
    return n, mean, m2


# --- features ------------------------------------------------------------------------------------------


def test_features_are_the_specified_fifteen_in_order() -> None:
    assert FEATURES == (
        "amount_z", "log_amount", "is_refund", "velocity_1h_count", "velocity_1h_sum", "velocity_24h_count",
        "velocity_24h_sum", "merchants_24h", "distance_km", "speed_kmh", "country_mismatch",
        "currency_mismatch", "hour_novelty", "mcc_risk", "new_device",
    )  # fmt: skip


def test_first_transaction_alone() -> None:
    (values,) = features_of([], [tx(amount=99.5, t_ms=5 * HOUR + 7)])
    assert values == {
        "amount_z": 0.0,
        "log_amount": math.log1p(99.5),
        "is_refund": 0.0,
        "velocity_1h_count": 0.0,
        "velocity_1h_sum": 0.0,
        "velocity_24h_count": 0.0,
        "velocity_24h_sum": 0.0,
        "merchants_24h": 1.0,
        "distance_km": 0.0,
        "speed_kmh": 0.0,
        "country_mismatch": 0.0,
        "currency_mismatch": 0.0,
        "hour_novelty": 1.0 - 1 / 24,
        "mcc_risk": 0.05,
        "new_device": 1.0,
    }
    assert all(type(value) is float for value in values.values())


def test_amount_z_from_welford_over_all_cards() -> None:
    amounts = [10.0, 12.5, -3.0, 1000.25, 7.0]
    history = [tx(t_ms=i, amount=x, card_id=f"c{i}") for i, x in enumerate(amounts)]
    n, mean, m2 = welford(amounts)
    expected = (42.0 - mean) / math.sqrt(m2 / (n - 1))
    assert only(history, tx(t_ms=10, amount=42.0), "amount_z") == expected
    assert math.isclose(m2 / (n - 1), statistics.variance(amounts), rel_tol=1e-12)
    assert math.isclose(mean, statistics.fmean(amounts), rel_tol=1e-12)


def test_amount_z_zero_below_two_events_and_without_variance() -> None:
    assert only([tx(amount=5.0)], tx(t_ms=1, amount=500.0), "amount_z") == 0.0
    assert only([tx(amount=5.0), tx(amount=5.0)], tx(t_ms=1, amount=500.0), "amount_z") == 0.0


def test_amount_z_is_clamped() -> None:
    history = [tx(amount=10.0), tx(amount=11.0)]
    assert only(history, tx(t_ms=1, amount=1e6), "amount_z") == 50.0
    assert only(history, tx(t_ms=1, amount=-1e6), "amount_z") == -50.0


def test_amount_z_nan_becomes_zero() -> None:
    # amounts near the double's limit: delta overflows, mean becomes inf and m2 NaN, so var is NaN.
    history = [tx(amount=-1.7e308), tx(amount=1.7e308), tx(amount=1.7e308)]
    n, mean, m2 = welford([-1.7e308, 1.7e308, 1.7e308])
    assert math.isnan(m2 / (n - 1)) or math.isnan((1.0 - mean) / math.sqrt(m2 / (n - 1)))
    assert only(history, tx(t_ms=1, amount=1.0), "amount_z") == 0.0


def test_log_amount_and_is_refund() -> None:
    assert only([], tx(amount=-250.0), "log_amount") == math.log1p(250.0)
    assert only([], tx(amount=-250.0), "is_refund") == 1.0
    assert only([], tx(amount=0.0), "is_refund") == 0.0
    assert only([], tx(amount=-0.0), "is_refund") == 0.0
    assert only([], tx(amount=0), "log_amount") == 0.0
    assert only([], tx(amount=1e300), "log_amount") == math.log1p(1e300)


def test_velocity_counts_and_sums_per_card() -> None:
    history = [
        tx(t_ms=0, amount=1.5),
        tx(t_ms=HOUR + 1, amount=2.25),
        tx(t_ms=HOUR + 5, amount=4.0, card_id="other"),
        tx(t_ms=2 * HOUR - 1, amount=8.0),
    ]
    values = features_of(history, [tx(t_ms=2 * HOUR, amount=100.0)])[0]
    assert values["velocity_1h_count"] == 2.0  # HOUR+1 and 2H-1; t=0 is out
    assert values["velocity_1h_sum"] == ((1.5 + 2.25) - 1.5) + 8.0  # running: 1.5 evicted at 2H-1
    assert values["velocity_24h_count"] == 3.0
    assert values["velocity_24h_sum"] == (1.5 + 2.25) + 8.0


def test_window_boundaries() -> None:
    for span, count in ((HOUR, "velocity_1h_count"), (DAY, "velocity_24h_count")):
        assert only([tx(t_ms=0)], tx(t_ms=span), count) == 0.0  # exactly W earlier: out
        assert only([tx(t_ms=1)], tx(t_ms=span), count) == 1.0  # W - 1 ms earlier: in
        assert only([tx(t_ms=span)], tx(t_ms=span), count) == 1.0  # the same millisecond: in


def test_emptied_window_sum_is_exactly_zero() -> None:
    # 0.1 + 0.2 - 0.1 - 0.2 is 2.7e-17 in doubles; an emptied window resets to 0.0 instead.
    history = [tx(t_ms=0, amount=0.1), tx(t_ms=1, amount=0.2)]
    assert (0.1 + 0.2) - 0.1 - 0.2 != 0.0
    values = features_of(history, [tx(t_ms=DAY + 1, amount=5.0)])[0]
    assert values["velocity_1h_sum"] == 0.0
    assert values["velocity_24h_sum"] == 0.0
    assert math.copysign(1.0, values["velocity_24h_sum"]) == 1.0


def test_running_sum_keeps_eviction_rounding() -> None:
    # The sum is running: add 0.1, add 0.2, evict 0.1 leaves (0.1 + 0.2) - 0.1, not 0.2.
    history = [tx(t_ms=0, amount=0.1), tx(t_ms=HOUR - 10, amount=0.2)]
    assert only(history, tx(t_ms=HOUR), "velocity_1h_sum") == (0.1 + 0.2) - 0.1
    assert (0.1 + 0.2) - 0.1 != 0.2


def test_merchants_24h_counts_distinct_and_the_transactions_own() -> None:
    history = [tx(t_ms=0, merchant_id="a"), tx(t_ms=1, merchant_id="b"), tx(t_ms=2, merchant_id="a")]
    assert only(history, tx(t_ms=3, merchant_id="a"), "merchants_24h") == 2.0
    assert only(history, tx(t_ms=3, merchant_id="c"), "merchants_24h") == 3.0
    # At DAY + 1, t=0 ("a") and t=1 ("b") are out, t=2 ("a") in: a, plus the new one.
    assert only(history, tx(t_ms=DAY + 1, merchant_id="c"), "merchants_24h") == 2.0
    assert only(history, tx(t_ms=DAY + 1, merchant_id="b"), "merchants_24h") == 2.0
    assert only(history, tx(t_ms=DAY + 2, merchant_id="a"), "merchants_24h") == 1.0


def test_distance_and_speed_from_the_cards_last_location() -> None:
    history = [tx(t_ms=0, lat=LONDON[0], lon=LONDON[1]), tx(t_ms=HOUR, lat=None, lon=None)]
    values = features_of(history, [tx(t_ms=2 * HOUR)])[0]
    distance = haversine(*LONDON, *PARIS)
    assert values["distance_km"] == distance
    assert values["speed_kmh"] == min(distance / ((2 * HOUR) / 3600000.0), 20000.0)
    assert abs(distance - 343.5) < 0.5


def test_distance_zero_without_a_location() -> None:
    london = tx(t_ms=0, lat=LONDON[0], lon=LONDON[1])
    assert only([london], tx(t_ms=1, lat=None), "distance_km") == 0.0
    assert only([london], tx(t_ms=1, lon=None), "speed_kmh") == 0.0
    assert only([london], tx(t_ms=1, card_id="c2"), "distance_km") == 0.0
    assert only([tx(t_ms=0, lat=None)], tx(t_ms=1), "distance_km") == 0.0


def test_speed_when_no_time_passed() -> None:
    london = tx(t_ms=7, lat=LONDON[0], lon=LONDON[1])
    assert only([london], tx(t_ms=7), "speed_kmh") == 20000.0
    assert only([london], tx(t_ms=7, lat=LONDON[0], lon=LONDON[1]), "speed_kmh") == 0.0
    assert only([london], tx(t_ms=8), "speed_kmh") == 20000.0  # 343 km in 1 ms: capped


@pytest.mark.parametrize(
    ("a", "b", "expected_km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),
        ((90.0, 0.0), (-90.0, 0.0), math.pi * 6371.0088),  # pole to pole
        ((0.0, 179.5), (0.0, -179.5), 111.2),  # across the antimeridian: 1 degree, not 359
        ((90.0, 10.0), (90.0, -170.0), 0.0),  # the pole, whatever the longitude
        ((40.7128, -74.0060), (34.0522, -118.2437), 3936.0),  # New York - Los Angeles
    ],
)
def test_haversine_known_distances(
    a: tuple[float, float], b: tuple[float, float], expected_km: float
) -> None:
    distance = only([tx(t_ms=0, lat=a[0], lon=a[1])], tx(t_ms=HOUR, lat=b[0], lon=b[1]), "distance_km")
    assert distance == haversine(*a, *b)
    assert abs(distance - expected_km) < 0.5 + expected_km * 1e-3


def test_country_and_currency_mismatch_compare_code_points() -> None:
    profile = {"home_country": "DE", "home_currency": "\udce4EUR", "extra": object()}
    (values,) = features_of([], [tx(country="DE", currency="\udce4EUR")], profile)
    assert (values["country_mismatch"], values["currency_mismatch"]) == (0.0, 0.0)
    (values,) = features_of([], [tx(country="de", currency="EUR")], profile)
    assert (values["country_mismatch"], values["currency_mismatch"]) == (1.0, 1.0)


def test_hour_novelty_counts_every_prior_event() -> None:
    history = [tx(t_ms=3 * HOUR + i, card_id=f"c{i}") for i in range(5)] + [tx(t_ms=DAY + 4 * HOUR)]
    assert only(history, tx(t_ms=2 * DAY + 3 * HOUR), "hour_novelty") == 1.0 - 6 / 30
    assert only(history, tx(t_ms=2 * DAY + 5 * HOUR), "hour_novelty") == 1.0 - 1 / 30


def test_hour_of_negative_times_counts_from_midnight_utc() -> None:
    # -1 ms is 1969-12-31T23:59:59.999Z: hour 23, like 23:00 on 1970-01-01.
    history = [tx(t_ms=23 * HOUR)]
    assert only(history, tx(t_ms=-1), "hour_novelty") == 1.0 - 1 / 24  # the history comes later
    assert only([tx(t_ms=-1)], tx(t_ms=23 * HOUR), "hour_novelty") == 1.0 - 2 / 25
    assert only([tx(t_ms=-HOUR)], tx(t_ms=23 * HOUR), "hour_novelty") == 1.0 - 2 / 25
    assert only([tx(t_ms=-HOUR - 1)], tx(t_ms=23 * HOUR), "hour_novelty") == 1.0 - 1 / 25


def test_mcc_risk_from_the_table_or_default() -> None:
    assert only([], tx(mcc="5967"), "mcc_risk") == 1.8
    assert only([], tx(mcc="0000"), "mcc_risk") == 0.2


def test_new_device_against_every_card() -> None:
    history = [tx(device_id="d1", card_id="c9"), tx(device_id=None)]
    assert only(history, tx(t_ms=1, device_id="d1"), "new_device") == 0.0
    assert only(history, tx(t_ms=1, device_id="d2"), "new_device") == 1.0
    assert only(history, tx(t_ms=1, device_id=None), "new_device") == 0.0


# --- time order and results ----------------------------------------------------------------------------


def test_equal_timestamps_history_first_then_input_order() -> None:
    # At one millisecond: h0, h1 (history first), then t0, t1, t2 in input order.
    history = [tx(t_ms=5, amount=1.0, merchant_id="h0"), tx(t_ms=5, amount=2.0, merchant_id="h1")]
    transactions = [tx(id=f"t{i}", t_ms=5, amount=4.0 * (i + 1), merchant_id=f"t{i}") for i in range(3)]
    vectors = features_of(history, transactions)
    assert [v["velocity_1h_count"] for v in vectors] == [2.0, 3.0, 4.0]
    assert [v["velocity_1h_sum"] for v in vectors] == [3.0, 7.0, 15.0]
    assert [v["merchants_24h"] for v in vectors] == [3.0, 4.0, 5.0]


def test_later_history_does_not_count_for_earlier_transactions() -> None:
    history = [tx(t_ms=100, amount=50.0)]
    (values,) = features_of(history, [tx(t_ms=99)])
    assert values["velocity_1h_count"] == 0.0
    assert values["hour_novelty"] == 1.0 - 1 / 24


def test_results_in_input_order_features_in_time_order() -> None:
    transactions = [tx(id="late", t_ms=30), tx(id="early", t_ms=10), tx(id="middle", t_ms=20)]
    results = Scorer(model()).score(PROFILE, [], transactions)
    assert [result["id"] for result in results] == ["late", "early", "middle"]
    counts = [values["velocity_1h_count"] for values in features_of([], transactions)]
    assert counts == [2.0, 0.0, 1.0]


def test_history_input_order_does_not_matter_at_distinct_times() -> None:
    history = [tx(t_ms=t, amount=float(t), merchant_id=f"m{t}") for t in (50, 10, 40, 20, 30)]
    scorer = Scorer(model())
    reordered = sorted(history, key=str)
    assert reordered != history
    assert scorer.score(PROFILE, history, [tx(t_ms=60)]) == scorer.score(PROFILE, reordered, [tx(t_ms=60)])


def test_result_shape() -> None:
    (result,) = Scorer(model()).score(PROFILE, [], (tx(id="abc"),))
    assert list(result) == ["id", "score", "decision", "reasons"]
    assert result["id"] == "abc"
    assert type(result["score"]) is float
    assert result["decision"] in ("approve", "review", "decline")
    assert isinstance(result["reasons"], list)


def test_empty_transactions_give_an_empty_list() -> None:
    assert Scorer(model()).score(PROFILE, [tx()], []) == []
    assert Scorer(model()).score(PROFILE, (), ()) == []
