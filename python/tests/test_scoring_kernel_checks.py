"""scoring.kernel's input checks (docs/scoring.md §1.1 and §1.2): every row of both tables, with its
exact exception type and message, and the order in which the first failure is chosen."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from types import MappingProxyType
from typing import Any

import pytest
from scoring_cases import model, record

from scoring.kernel import FEATURES, Scorer
from scoring.kernel_checks import T_MS_MAX, T_MS_MIN

PROFILE = {"home_country": "FR", "home_currency": "EUR"}
STR_FIELDS = ["id", "currency", "merchant_id", "mcc", "country", "card_id"]
#: The largest int that converts to a finite double, and the smallest that rounds to 2**1024.
LARGEST_FINITE_INT = 2**1024 - 2**971
SMALLEST_INFINITE_INT = 2**1024 - 2**970


def without(mapping: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if k != key}


def raises(exception: type[Exception], message: str) -> Any:
    """pytest.raises for this exact message, not a prefix of it."""
    return pytest.raises(exception, match=f"^{re.escape(message)}$")


def score(profile: Any = PROFILE, history: Any = (), transactions: Any = ()) -> list[dict[str, Any]]:
    return Scorer(model()).score(profile, history, transactions)


# --- §1.1 the model ------------------------------------------------------------------------------------


def changed(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """The bundled model with the key at `path` set to `value` (or removed when value is DROP)."""
    document = model()
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if value is DROP:
        del target[last]
    else:
        target[last] = value
    return document


DROP = object()

MODEL_ERRORS: list[tuple[tuple[str, ...], Any, type[Exception], str]] = [
    (("format",), DROP, ValueError, "model.format: missing"),
    (("format",), "parity", ValueError, "model.format: expected 'parity.scoring.model', got 'parity'"),
    (("format",), 1, ValueError, "model.format: expected 'parity.scoring.model', got 1"),
    (("version",), DROP, ValueError, "model.version: missing"),
    (("version",), 2026, TypeError, "model.version: expected str, got int"),
    (("intercept",), DROP, ValueError, "model.intercept: missing"),
    (("intercept",), "-6", TypeError, "model.intercept: expected a number, got str"),
    (("intercept",), True, TypeError, "model.intercept: expected a number, got bool"),
    (("intercept",), None, TypeError, "model.intercept: expected a number, got NoneType"),
    (("intercept",), math.nan, ValueError, "model.intercept: not a finite number"),
    (("intercept",), -math.inf, ValueError, "model.intercept: not a finite number"),
    (("intercept",), SMALLEST_INFINITE_INT, ValueError, "model.intercept: not a finite number"),
    (("weights",), DROP, ValueError, "model.weights: missing"),
    (("weights",), [1.0] * 15, TypeError, "model.weights: expected a mapping, got list"),
    (("weights", "speed_kmh"), DROP, ValueError, "model.weights: missing feature 'speed_kmh'"),
    (("weights", "zeta"), 1.0, ValueError, "model.weights: unknown feature 'zeta'"),
    (("weights", "amount_z"), "0.1", TypeError, "model.weights.amount_z: expected a number, got str"),
    (("weights", "new_device"), math.inf, ValueError, "model.weights.new_device: not a finite number"),
    (("thresholds",), DROP, ValueError, "model.thresholds: missing"),
    (("thresholds",), (0.5, 0.85), TypeError, "model.thresholds: expected a mapping, got tuple"),
    (("thresholds", "review"), DROP, ValueError, "model.thresholds.review: missing"),
    (("thresholds", "review"), "0.5", TypeError, "model.thresholds.review: expected a number, got str"),
    (("thresholds", "decline"), DROP, ValueError, "model.thresholds.decline: missing"),
    (("thresholds", "decline"), False, TypeError, "model.thresholds.decline: expected a number, got bool"),
    (("thresholds", "decline"), math.nan, ValueError, "model.thresholds.decline: not a finite number"),
    (("thresholds", "decline"), 0.25, ValueError,
     "model.thresholds: expected 0 <= review <= decline <= 1, got review=0.5 decline=0.25"),
    (("thresholds", "decline"), 2, ValueError,
     "model.thresholds: expected 0 <= review <= decline <= 1, got review=0.5 decline=2.0"),
    (("thresholds", "review"), -1e-300, ValueError,
     "model.thresholds: expected 0 <= review <= decline <= 1, got review=-1e-300 decline=0.85"),
    (("mcc_risk",), DROP, ValueError, "model.mcc_risk: missing"),
    (("mcc_risk",), [["5967", 1.8]], TypeError, "model.mcc_risk: expected a mapping, got list"),
    (("mcc_risk", 5967), 1.8, TypeError, "model.mcc_risk: expected str keys, got int"),
    (("mcc_risk", "5967"), "high", TypeError, "model.mcc_risk.5967: expected a number, got str"),
    (("mcc_risk", "é\udc80"), math.inf, ValueError, "model.mcc_risk.é\udc80: not a finite number"),
    (("mcc_risk_default",), DROP, ValueError, "model.mcc_risk_default: missing"),
    (("mcc_risk_default",), None, TypeError, "model.mcc_risk_default: expected a number, got NoneType"),
    (("mcc_risk_default",), 10**400, ValueError, "model.mcc_risk_default: not a finite number"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "exception", "message"), MODEL_ERRORS)
def test_model_errors(path: tuple[str, ...], value: Any, exception: type[Exception], message: str) -> None:
    with raises(exception, message):
        Scorer(changed(path, value))


@pytest.mark.parametrize("value", [[], None, "model", 1])
def test_model_not_a_mapping(value: Any) -> None:
    with raises(TypeError, f"model: expected a mapping, got {type(value).__name__}"):
        Scorer(value)


def test_model_first_failure_wins() -> None:
    broken = changed(("format",), "x")
    del broken["version"]
    with raises(ValueError, "model.format: expected 'parity.scoring.model', got 'x'"):
        Scorer(broken)
    # Missing features (in FEATURES order) before unknown ones, unknown ones before bad weights.
    weights = {name: "bad" for name in FEATURES if name not in ("log_amount", "speed_kmh")} | {"zz": 1}
    with raises(ValueError, "model.weights: missing feature 'log_amount'"):
        Scorer(changed(("weights",), weights))
    weights = {name: "bad" for name in FEATURES} | {"zz": 1, "b": 1, 10: 1}
    with raises(ValueError, "model.weights: unknown feature '10'"):  # sorted by str(key)
        Scorer(changed(("weights",), weights))
    weights = {name: 1.0 for name in FEATURES} | {"hour_novelty": None, "amount_z": math.nan}
    with raises(ValueError, "model.weights.amount_z: not a finite number"):  # FEATURES order
        Scorer(changed(("weights",), weights))
    with raises(ValueError, "model.thresholds.review: not a finite number"):
        Scorer(changed(("thresholds",), {"review": math.inf, "decline": "x"}))


def test_mcc_risk_entry_by_entry() -> None:
    with raises(TypeError, "model.mcc_risk.a: expected a number, got str"):
        Scorer(changed(("mcc_risk",), {"a": "x", 1: 1.0}))
    with raises(TypeError, "model.mcc_risk: expected str keys, got int"):
        Scorer(changed(("mcc_risk",), {1: 1.0, "a": "x"}))


def test_model_accepts_ints_mappings_and_extra_keys() -> None:
    document = changed(("intercept",), -6)
    document["weights"] = MappingProxyType({name: 1 for name in FEATURES})
    document["thresholds"] = {"review": 0, "decline": 1, "comment": "x"}
    document["mcc_risk"] = {}
    document["notes"] = ["ignored"]
    assert Scorer(document).version == "fraud-2026.12.1"
    assert Scorer(changed(("intercept",), LARGEST_FINITE_INT)).version == "fraud-2026.12.1"


# --- §1.2 the request ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "kind"), [({}, "dict"), ("abc", "str"), (None, "NoneType"), (iter([]), "list_iterator")]
)
def test_history_and_transactions_must_be_lists(history: Any, kind: str) -> None:
    with raises(TypeError, f"history: expected a list, got {kind}"):
        score(history=history)
    with raises(TypeError, f"transactions: expected a list, got {kind}"):
        score(transactions=history)


@pytest.mark.parametrize("profile", [None, [], "FR"])
def test_profile_must_be_a_mapping(profile: Any) -> None:
    with raises(TypeError, f"profile: expected a mapping, got {type(profile).__name__}"):
        score(profile=profile)


def test_profile_fields() -> None:
    with raises(ValueError, "profile.home_country: missing"):
        score(profile={"home_currency": "EUR"})
    with raises(ValueError, "profile.home_currency: missing"):
        score(profile={"home_country": "FR"})
    with raises(TypeError, "profile.home_country: expected str, got NoneType"):
        score(profile={"home_country": None, "home_currency": 1})
    with raises(TypeError, "profile.home_currency: expected str, got bytes"):
        score(profile={"home_country": "FR", "home_currency": b"EUR"})


@pytest.mark.parametrize("item", [None, ["t"], "record", 3])
def test_records_must_be_mappings(item: Any) -> None:
    with raises(TypeError, f"history[1]: expected a mapping, got {type(item).__name__}"):
        score(history=[record(), item])
    with raises(TypeError, f"transactions[0]: expected a mapping, got {type(item).__name__}"):
        score(transactions=(item,))


@pytest.mark.parametrize("field", list(record()))
def test_every_field_missing(field: str) -> None:
    with raises(ValueError, f"transactions[2].{field}: missing"):
        score(transactions=[record(), record(), without(record(), field)])


@pytest.mark.parametrize("field", STR_FIELDS)
@pytest.mark.parametrize("value", [None, b"x", 1, ["x"]])
def test_str_fields(field: str, value: Any) -> None:
    with raises(TypeError, f"history[0].{field}: expected str, got {type(value).__name__}"):
        score(history=[record(**{field: value})])


@pytest.mark.parametrize("value", [1, b"d", True])
def test_device_id_str_or_none(value: Any) -> None:
    with raises(TypeError, f"transactions[0].device_id: expected str or None, got {type(value).__name__}"):
        score(transactions=[record(device_id=value)])


@pytest.mark.parametrize("value", [1.0, "0", None, True, False])
def test_t_ms_must_be_an_int(value: Any) -> None:
    with raises(TypeError, f"transactions[0].t_ms: expected int, got {type(value).__name__}"):
        score(transactions=[record(t_ms=value)])


@pytest.mark.parametrize("value", [T_MS_MIN - 1, T_MS_MAX + 1, 2**63, -(2**63) - 1, 10**30])
def test_t_ms_range(value: int) -> None:
    with raises(ValueError, "history[0].t_ms: out of range"):
        score(history=[record(t_ms=value)])


def test_t_ms_range_ends_are_valid() -> None:
    assert len(score(transactions=[record(t_ms=T_MS_MIN), record(t_ms=T_MS_MAX)])) == 2


@pytest.mark.parametrize("value", ["10", None, True, [1.0], 1j])
def test_amount_must_be_a_number(value: Any) -> None:
    with raises(TypeError, f"transactions[0].amount: expected a number, got {type(value).__name__}"):
        score(transactions=[record(amount=value)])


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, SMALLEST_INFINITE_INT, -(10**400)])
def test_amount_must_be_finite(value: float) -> None:
    with raises(ValueError, "transactions[0].amount: not a finite number"):
        score(transactions=[record(amount=value)])


def test_largest_int_amount_is_accepted() -> None:
    records = [record(amount=LARGEST_FINITE_INT), record(amount=-LARGEST_FINITE_INT)]
    assert len(score(transactions=records)) == 2


@pytest.mark.parametrize("field", ["lat", "lon"])
@pytest.mark.parametrize("value", ["1", True, b"1"])
def test_coordinates_number_or_none(field: str, value: Any) -> None:
    with raises(TypeError, f"transactions[0].{field}: expected a number or None, got {type(value).__name__}"):
        score(transactions=[record(**{field: value})])


@pytest.mark.parametrize(
    ("field", "value", "exception", "message"),
    [
        ("lat", math.nan, ValueError, "not a finite number"),
        ("lat", math.inf, ValueError, "not a finite number"),  # not "out of range": finiteness first
        ("lon", SMALLEST_INFINITE_INT, ValueError, "not a finite number"),
        ("lat", 90.00000000000001, ValueError, "out of range"),
        ("lat", -91, ValueError, "out of range"),
        ("lon", 180.00000000000003, ValueError, "out of range"),
        ("lon", -181.0, ValueError, "out of range"),
    ],
)
def test_coordinates_finite_and_in_range(
    field: str, value: Any, exception: type[Exception], message: str
) -> None:
    with raises(exception, f"history[0].{field}: {message}"):
        score(history=[record(**{field: value})])


def test_coordinate_ends_and_none_are_valid() -> None:
    records = [record(lat=90, lon=-180), record(lat=-90.0, lon=180.0), record(lat=None), record(lon=None)]
    assert len(score(transactions=records)) == 4


def test_first_failure_order() -> None:
    bad_history = [record(), record(id=1)]
    # The profile before the containers, history before transactions, earlier records first.
    with raises(TypeError, "profile: expected a mapping, got NoneType"):
        score(profile=None, history=None, transactions=None)
    with raises(TypeError, "history: expected a list, got NoneType"):
        score(history=None, transactions=None)
    with raises(TypeError, "history[1].id: expected str, got int"):
        score(history=bad_history, transactions=None)
    with raises(TypeError, "history[1].id: expected str, got int"):
        score(history=bad_history + [record(t_ms=1.5)], transactions=[{}])
    # Within a record, fields in the table's order (whatever the dict's order).
    shuffled = dict(reversed(list(record(id=None, device_id=1, amount=math.nan).items())))
    with raises(TypeError, "transactions[0].id: expected str, got NoneType"):
        score(transactions=[shuffled])
    with raises(ValueError, "transactions[0].amount: not a finite number"):
        score(transactions=[record(amount=math.nan, lat=100.0, card_id=None)])
    with raises(ValueError, "transactions[0].t_ms: missing"):
        score(transactions=[without(record(amount="x"), "t_ms")])


def test_nothing_is_scored_when_a_later_record_fails() -> None:
    with raises(TypeError, "transactions[3]: expected a mapping, got NoneType"):
        score(transactions=[record(), record(), record(), None])


def test_valid_variants_are_accepted() -> None:
    profile = MappingProxyType({"home_country": "FR", "home_currency": "EUR", "segment": 1})
    history = (MappingProxyType(record(channel="pos", merchant_name=None)), record(amount=3, lat=None))
    results = score(profile, history, (record(id="x", device_id=None, amount=0, extra=object()),))
    assert [result["id"] for result in results] == ["x"]


def test_missing_means_lookup_raises_key_error() -> None:
    # §1.1: a key is missing when `mapping[key]` raises KeyError; a defaultdict answers every key.
    answers_everything = defaultdict(lambda: "5411", without(record(), "mcc"))
    assert len(score(transactions=[answers_everything])) == 1


class Text(str):
    """A str subclass: isinstance tests accept it."""


class Millis(int):
    """An int subclass that is not bool."""


class Amount(float):
    """A float subclass."""


class Records(list):  # type: ignore[type-arg]
    """A list subclass."""


def test_subclasses_count_as_their_base_types() -> None:
    transactions = Records([record(id=Text("x"), t_ms=Millis(5), amount=Amount(2.5), lat=Millis(3))])
    (result,) = score({"home_country": Text("FR"), "home_currency": "EUR"}, (), transactions)
    assert result["id"] == "x"
    assert Scorer(changed(("intercept",), Amount(-1.0))).version == "fraud-2026.12.1"


def test_type_names_are_the_short_names() -> None:
    with raises(TypeError, "transactions[0].amount: expected a number, got Text"):
        score(transactions=[record(amount=Text("1"))])
    with raises(TypeError, "model.version: expected str, got Records"):
        Scorer(changed(("version",), Records()))
