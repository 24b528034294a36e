"""scoring._native raises what the reference raises (docs/scoring.md §1.1 and §1.2): for every row of
both check tables, the same exception type and the same message, and the first failing check first.

The native module must be built: a missing module fails these tests, it never skips them.
"""

from __future__ import annotations

import copy
from collections import OrderedDict, defaultdict
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

import pytest
import scoring_cases

from scoring.kernel import Scorer

try:
    from scoring import native
except ImportError as exc:  # a test failure, not a skip
    raise AssertionError(f"scoring._native is not importable ({exc}): build it first") from exc

PROFILE = {"home_country": "FR", "home_currency": "EUR"}
DELETE = object()


def raised(call: Any) -> tuple[str, str] | None:
    try:
        call()
    except (TypeError, ValueError) as error:
        return type(error).__name__, str(error)
    return None


class PlainMapping(Mapping[Any, Any]):
    """A Mapping that is not a dict, with a KeyError for absent keys (the spec's "missing")."""

    def __init__(self, data: dict[Any, Any]) -> None:
        self._data = data

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class BigFloatInt(int):
    """An int subclass (still a number)."""


# --- the model (§1.1) -------------------------------------------------------------------------------


def with_model(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    model = scoring_cases.model()
    target = model
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return model


MODEL_ROWS: list[tuple[str, Any, tuple[str, str]]] = [
    ("not a mapping", [1], ("TypeError", "model: expected a mapping, got list")),
    ("none", None, ("TypeError", "model: expected a mapping, got NoneType")),
    ("format missing", with_model(("format",), DELETE), ("ValueError", "model.format: missing")),
    ("format other", with_model(("format",), "x"), ("ValueError", "model.format: expected 'parity.scoring.model', got 'x'")),
    ("format int", with_model(("format",), 3), ("ValueError", "model.format: expected 'parity.scoring.model', got 3")),
    ("format surrogate", with_model(("format",), "\udc80"), ("ValueError", "model.format: expected 'parity.scoring.model', got '\\udc80'")),
    ("version missing", with_model(("version",), DELETE), ("ValueError", "model.version: missing")),
    ("version int", with_model(("version",), 1), ("TypeError", "model.version: expected str, got int")),
    ("intercept missing", with_model(("intercept",), DELETE), ("ValueError", "model.intercept: missing")),
    ("intercept str", with_model(("intercept",), "1"), ("TypeError", "model.intercept: expected a number, got str")),
    ("intercept bool", with_model(("intercept",), True), ("TypeError", "model.intercept: expected a number, got bool")),
    ("intercept inf", with_model(("intercept",), float("inf")), ("ValueError", "model.intercept: not a finite number")),
    ("intercept nan", with_model(("intercept",), float("nan")), ("ValueError", "model.intercept: not a finite number")),
    ("intercept huge int", with_model(("intercept",), 10**400), ("ValueError", "model.intercept: not a finite number")),
    ("weights missing", with_model(("weights",), DELETE), ("ValueError", "model.weights: missing")),
    ("weights list", with_model(("weights",), []), ("TypeError", "model.weights: expected a mapping, got list")),
    ("weight missing", with_model(("weights", "merchants_24h"), DELETE), ("ValueError", "model.weights: missing feature 'merchants_24h'")),
    ("unknown features", with_model(("weights", "zz"), 1.0) | {}, ("ValueError", "model.weights: unknown feature 'zz'")),
    ("weight str", with_model(("weights", "speed_kmh"), "0"), ("TypeError", "model.weights.speed_kmh: expected a number, got str")),
    ("weight nan", with_model(("weights", "new_device"), float("nan")), ("ValueError", "model.weights.new_device: not a finite number")),
    ("thresholds missing", with_model(("thresholds",), DELETE), ("ValueError", "model.thresholds: missing")),
    ("thresholds str", with_model(("thresholds",), "x"), ("TypeError", "model.thresholds: expected a mapping, got str")),
    ("review missing", with_model(("thresholds", "review"), DELETE), ("ValueError", "model.thresholds.review: missing")),
    ("decline none", with_model(("thresholds", "decline"), None), ("TypeError", "model.thresholds.decline: expected a number, got NoneType")),
    ("decline inf", with_model(("thresholds", "decline"), float("-inf")), ("ValueError", "model.thresholds.decline: not a finite number")),
    ("review above decline", with_model(("thresholds", "review"), 0.9), ("ValueError", "model.thresholds: expected 0 <= review <= decline <= 1, got review=0.9 decline=0.85")),
    ("decline above 1", with_model(("thresholds", "decline"), 1.5), ("ValueError", "model.thresholds: expected 0 <= review <= decline <= 1, got review=0.5 decline=1.5")),
    ("negative review", with_model(("thresholds", "review"), -1e-300), ("ValueError", "model.thresholds: expected 0 <= review <= decline <= 1, got review=-1e-300 decline=0.85")),
    ("mcc_risk missing", with_model(("mcc_risk",), DELETE), ("ValueError", "model.mcc_risk: missing")),
    ("mcc_risk list", with_model(("mcc_risk",), [1]), ("TypeError", "model.mcc_risk: expected a mapping, got list")),
    ("mcc key int", with_model(("mcc_risk",), {"1": 1.0, 5411: 1.0, "x": "bad"}), ("TypeError", "model.mcc_risk: expected str keys, got int")),
    ("mcc value first", with_model(("mcc_risk",), {"x": "bad", 5411: 1.0}), ("TypeError", "model.mcc_risk.x: expected a number, got str")),
    ("mcc value surrogate key", with_model(("mcc_risk",), {"\ud800": float("inf")}), ("ValueError", "model.mcc_risk.\ud800: not a finite number")),
    ("mcc_risk_default missing", with_model(("mcc_risk_default",), DELETE), ("ValueError", "model.mcc_risk_default: missing")),
    ("mcc_risk_default bool", with_model(("mcc_risk_default",), False), ("TypeError", "model.mcc_risk_default: expected a number, got bool")),
]


@pytest.mark.parametrize("name, model, message", MODEL_ROWS, ids=[row[0] for row in MODEL_ROWS])
def test_model_checks_raise_like_the_reference(name: str, model: Any, message: tuple[str, str]) -> None:
    expected = raised(lambda: Scorer(copy.deepcopy(model)))
    actual = raised(lambda: native.Scorer(copy.deepcopy(model)))
    assert expected == message
    assert actual == expected


def test_unknown_features_first_in_sorted_order_of_str() -> None:
    model = scoring_cases.model()
    model["weights"].update({"zeta": 1.0, 10: 1.0, "Alpha": 1.0, ("t",): 1.0})
    assert raised(lambda: native.Scorer(model)) == raised(lambda: Scorer(model)) == (
        "ValueError", "model.weights: unknown feature '('t',)'")


def test_threshold_reprs_are_of_the_floats() -> None:
    model = scoring_cases.model()
    model["thresholds"] = {"review": 1, "decline": 0}
    assert raised(lambda: native.Scorer(model)) == raised(lambda: Scorer(model)) == (
        "ValueError", "model.thresholds: expected 0 <= review <= decline <= 1, got review=1.0 decline=0.0")
    model["thresholds"] = {"review": 0.1 + 0.2, "decline": 1.0000000000000002}
    assert raised(lambda: native.Scorer(model)) == raised(lambda: Scorer(model)) == (
        "ValueError",
        "model.thresholds: expected 0 <= review <= decline <= 1, got review=0.30000000000000004 "
        "decline=1.0000000000000002")


@pytest.mark.parametrize("wrap", [MappingProxyType, PlainMapping, OrderedDict], ids=lambda w: w.__name__)
def test_models_of_any_mapping_type(wrap: Any) -> None:
    model = scoring_cases.model()
    wrapped = wrap({**model, "weights": wrap(model["weights"]), "mcc_risk": wrap(model["mcc_risk"])})
    assert native.Scorer(wrapped).version == Scorer(wrapped).version
    del model["version"]
    broken = wrap(model)
    assert raised(lambda: native.Scorer(broken)) == raised(lambda: Scorer(broken)) == ("ValueError", "model.version: missing")


def test_a_default_dict_has_no_missing_key() -> None:
    """`missing` means `model[key]` raises KeyError: a defaultdict makes up a value instead."""
    model = defaultdict(lambda: "made up", scoring_cases.model())
    del model["version"]
    assert native.Scorer(copy.copy(model)).version == Scorer(copy.copy(model)).version == "made up"
    del model["intercept"]
    assert raised(lambda: native.Scorer(copy.copy(model))) == raised(lambda: Scorer(copy.copy(model))) == (
        "TypeError", "model.intercept: expected a number, got str")


def test_number_types() -> None:
    model = scoring_cases.model()
    model["intercept"] = BigFloatInt(-6)
    model["mcc_risk_default"] = 2**60 + 1  # rounded by float() like the reference
    records = [scoring_cases._r("t", 0, 10.0)]
    assert (native.Scorer(model).score(PROFILE, [], records)[0]["score"].hex()
            == Scorer(model).score(PROFILE, [], records)[0]["score"].hex())


# --- the request (§1.2) -----------------------------------------------------------------------------


def record(**fields: Any) -> dict[str, Any]:
    made = scoring_cases._r("t", 0, 10.0)
    for key, value in fields.items():
        if value is DELETE:
            del made[key]
        else:
            made[key] = value
    return made


FIELD_ROWS: list[tuple[str, Any, tuple[str, str]]] = []
for _field in ["id", "t_ms", "amount", "currency", "merchant_id", "mcc", "country", "lat", "lon", "card_id", "device_id"]:
    FIELD_ROWS.append((f"{_field} missing", record(**{_field: DELETE}), ("ValueError", f"{{}}.{_field}: missing")))
for _field in ["id", "currency", "merchant_id", "mcc", "country", "card_id"]:
    FIELD_ROWS.append((f"{_field} none", record(**{_field: None}), ("TypeError", f"{{}}.{_field}: expected str, got NoneType")))
    FIELD_ROWS.append((f"{_field} bytes", record(**{_field: b"x"}), ("TypeError", f"{{}}.{_field}: expected str, got bytes")))
FIELD_ROWS += [
    ("device int", record(device_id=7), ("TypeError", "{}.device_id: expected str or None, got int")),
    ("t_ms bool", record(t_ms=True), ("TypeError", "{}.t_ms: expected int, got bool")),
    ("t_ms float", record(t_ms=1.0), ("TypeError", "{}.t_ms: expected int, got float")),
    ("t_ms str", record(t_ms="0"), ("TypeError", "{}.t_ms: expected int, got str")),
    ("t_ms below", record(t_ms=-62135596800001), ("ValueError", "{}.t_ms: out of range")),
    ("t_ms above", record(t_ms=253402300800000), ("ValueError", "{}.t_ms: out of range")),
    ("t_ms huge", record(t_ms=10**30), ("ValueError", "{}.t_ms: out of range")),
    ("t_ms huge negative", record(t_ms=-(10**30)), ("ValueError", "{}.t_ms: out of range")),
    ("amount bool", record(amount=False), ("TypeError", "{}.amount: expected a number, got bool")),
    ("amount str", record(amount="1"), ("TypeError", "{}.amount: expected a number, got str")),
    ("amount none", record(amount=None), ("TypeError", "{}.amount: expected a number, got NoneType")),
    ("amount inf", record(amount=float("inf")), ("ValueError", "{}.amount: not a finite number")),
    ("amount nan", record(amount=float("nan")), ("ValueError", "{}.amount: not a finite number")),
    ("amount huge int", record(amount=10**400), ("ValueError", "{}.amount: not a finite number")),
    ("lat str", record(lat="1"), ("TypeError", "{}.lat: expected a number or None, got str")),
    ("lat bool", record(lat=True), ("TypeError", "{}.lat: expected a number or None, got bool")),
    ("lat nan", record(lat=float("nan")), ("ValueError", "{}.lat: not a finite number")),
    ("lat above", record(lat=90.00000000000001), ("ValueError", "{}.lat: out of range")),
    ("lat below int", record(lat=-91), ("ValueError", "{}.lat: out of range")),
    ("lon above", record(lon=180.1), ("ValueError", "{}.lon: out of range")),
    ("lon huge int", record(lon=-(10**400)), ("ValueError", "{}.lon: not a finite number")),
    ("first failing field", record(amount="x", currency=1, t_ms=True), ("TypeError", "{}.t_ms: expected int, got bool")),
    ("lat before lon", record(lat=None, lon="x", card_id=1), ("TypeError", "{}.lon: expected a number or None, got str")),
]


@pytest.mark.parametrize("name, bad, message", FIELD_ROWS, ids=[row[0] for row in FIELD_ROWS])
@pytest.mark.parametrize("side", ["history", "transactions"])
@pytest.mark.parametrize("wrap", [dict, MappingProxyType], ids=["dict", "proxy"])
def test_record_checks_raise_like_the_reference(name: str, bad: Any, message: tuple[str, str], side: str,
                                                wrap: Any) -> None:
    good = [record(), record()]
    records = [good[0], wrap(bad), good[1]]
    history, transactions = (records, good) if side == "history" else (good, records)
    scorer, reference = native.Scorer(scoring_cases.model()), Scorer(scoring_cases.model())
    expected = raised(lambda: reference.score(PROFILE, history, transactions))
    assert expected == (message[0], message[1].format(f"{side}[1]"))
    assert raised(lambda: scorer.score(PROFILE, history, transactions)) == expected


CONTAINER_ROWS: list[tuple[str, Any, Any, Any, tuple[str, str]]] = [
    ("profile list", [], [], [], ("TypeError", "profile: expected a mapping, got list")),
    ("profile missing", {"home_country": "FR"}, [], [], ("ValueError", "profile.home_currency: missing")),
    ("profile country int", {"home_country": 1, "home_currency": 2}, [], [], ("TypeError", "profile.home_country: expected str, got int")),
    ("profile first", None, "x", "y", ("TypeError", "profile: expected a mapping, got NoneType")),
    ("history dict", PROFILE, {}, [], ("TypeError", "history: expected a list, got dict")),
    ("history generator", PROFILE, (r for r in []), [], ("TypeError", "history: expected a list, got generator")),
    ("transactions str", PROFILE, [], "abc", ("TypeError", "transactions: expected a list, got str")),
    ("history before transactions", PROFILE, [record(id=1)], None, ("TypeError", "history[0].id: expected str, got int")),
    ("history records before the transactions list", PROFILE, [record(), 5], None, ("TypeError", "history[1]: expected a mapping, got int")),
    ("transactions list before its records", PROFILE, [record()], {"a": 1}, ("TypeError", "transactions: expected a list, got dict")),
    ("record not mapping", PROFILE, (), [record(), [("id", "x")]], ("TypeError", "transactions[1]: expected a mapping, got list")),
    ("later record", PROFILE, [], [record(), record(), record(lat=99.0), record(t_ms="x")], ("ValueError", "transactions[2].lat: out of range")),
]


@pytest.mark.parametrize("name, profile, history, transactions, message", CONTAINER_ROWS,
                         ids=[row[0] for row in CONTAINER_ROWS])
def test_container_checks_raise_like_the_reference(name: str, profile: Any, history: Any, transactions: Any,
                                                   message: tuple[str, str]) -> None:
    expected = raised(lambda: Scorer(scoring_cases.model()).score(profile, history, transactions))
    assert expected == message
    assert raised(lambda: native.Scorer(scoring_cases.model()).score(profile, history, transactions)) == expected


def test_subclasses_of_list_dict_and_str_are_accepted() -> None:
    class Records(list):  # type: ignore[type-arg]
        pass

    class Text(str):
        pass

    class Record(dict):  # type: ignore[type-arg]
        pass

    rows = Records([Record(record(id=Text("a"), card_id=Text("c1"))), record(id="b", t_ms=BigFloatInt(5))])
    profile = {"home_country": Text("FR"), "home_currency": "EUR"}
    model = scoring_cases.model()
    expected = Scorer(model).score(profile, rows, rows)
    actual = native.Scorer(model).score(profile, rows, rows)
    assert [(r["id"], r["score"].hex(), r["reasons"]) for r in actual] == [
        (r["id"], r["score"].hex(), r["reasons"]) for r in expected]


def test_a_mapping_that_raises_other_than_key_error_propagates() -> None:
    class Broken(PlainMapping):
        def __getitem__(self, key: Any) -> Any:
            if key == "mcc":
                raise RuntimeError("broken mapping")
            return super().__getitem__(key)

    for scorer in (Scorer(scoring_cases.model()), native.Scorer(scoring_cases.model())):
        with pytest.raises(RuntimeError, match="broken mapping"):
            scorer.score(PROFILE, [], [Broken(record())])


def test_a_record_that_empties_its_list_while_read() -> None:
    """A mapping whose look-ups drop every record of the list (the one being read too): both kernels stop
    where list iteration stops, and nothing read before is lost or freed under the native reader."""

    def make() -> list[Any]:
        records: list[Any] = [record(id="a", t_ms=1), record(id="b", t_ms=2)]

        class Clearing(PlainMapping):
            def __getitem__(self, key: Any) -> Any:
                records.clear()
                return super().__getitem__(key)

        records.append(Clearing(record(id="c", t_ms=3)))
        records.append(record(id="d", t_ms=4))
        return records

    expected = Scorer(scoring_cases.model()).score(PROFILE, [], make())
    actual = native.Scorer(scoring_cases.model()).score(PROFILE, [], make())
    assert [r["id"] for r in expected] == ["a", "b", "c"]
    assert [(r["id"], r["score"].hex(), r["reasons"]) for r in actual] == [
        (r["id"], r["score"].hex(), r["reasons"]) for r in expected]


@pytest.mark.parametrize("side", ["history", "transactions"])
@pytest.mark.parametrize("before", [0, 1, 20], ids=["first", "after one", "after twenty"])
def test_an_empty_record_is_missing_its_id_wherever_it_is(side: str, before: int) -> None:
    """Found by `parity fuzz` on scoring-sample (2026-12-07): an empty dict matched a record-layout slot not
    learnt yet, so the native reader read it as the previous record (returning results, or the next
    record's error) or, first in the list, from null pointers (SIGSEGV). Each a shrunk finding."""
    records = [record(id=f"r{i}", t_ms=i) for i in range(before)] + [{}, record(id="z", t_ms=99)]
    history, transactions = (records, []) if side == "history" else ([], records)
    expected = raised(lambda: Scorer(scoring_cases.model()).score(PROFILE, history, transactions))
    assert expected == ("ValueError", f"{side}[{before}].id: missing")
    assert raised(lambda: native.Scorer(scoring_cases.model()).score(PROFILE, history, transactions)) == expected
