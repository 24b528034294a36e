"""Every kind of refused request: its status and its one-shape JSON body, whichever backend would answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from scoring import app as app_module
from scoring.kernel import Scorer
from scoring.request_checks import MAX_TRANSACTIONS
from tests.scoring_fixtures import body, make_app, make_database, transaction


class _OtherScorer(Scorer):
    """Stands in for the native kernel: same answers, another object."""


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_database(tmp_path_factory.mktemp("scoring") / "scoring.db")


@pytest.fixture(scope="module", params=["python", "native"])
def client(request: pytest.FixtureRequest, db_path: Path) -> TestClient:
    """The app with the Python kernel, and with a stand-in native kernel answering every call."""
    return TestClient(make_app(db_path, request.param, native_factory=_OtherScorer))


def _error(response: Any, status: int, code: str, field: str | None) -> str:
    assert response.status_code == status, response.text
    document = response.json()
    assert list(document) == ["error"]
    assert set(document["error"]) == {"code", "message", "field"}
    assert document["error"]["code"] == code, document
    assert document["error"]["field"] == field, document
    message: str = document["error"]["message"]
    if field is not None:
        assert message.startswith(f"{field}: "), message
    return message


def _post_raw(client: TestClient, content: bytes) -> Any:
    return client.post("/v1/score", content=content, headers={"content-type": "application/json"})


@pytest.mark.parametrize("content, fragment", [
    (b'{"account_id": "acc-1", ', "line 1 column 25"),
    (b"", "Expecting value"),
    (b"\xff\xfe\xfa", "not valid JSON"),
    (b'{"account_id": "acc-1"} trailing', "Extra data"),
    (b'{"account_id": "acc-1", "transactions": [{"amount": ' + b"9" * 5000 + b"}]}", "more than 4,300 digits"),
])
def test_invalid_json_is_400_without_field(client: TestClient, content: bytes, fragment: str) -> None:
    message = _error(_post_raw(client, content), 400, "invalid_json", None)
    assert fragment in message


@pytest.mark.parametrize("document, status, code, field", [
    ([], 422, "wrong_type", None),
    ({"transactions": []}, 422, "missing_field", "account_id"),
    ({"account_id": 7, "transactions": []}, 422, "wrong_type", "account_id"),
    ({"account_id": "", "transactions": []}, 422, "invalid_value", "account_id"),
    ({"account_id": "acc-1"}, 422, "missing_field", "transactions"),
    ({"account_id": "acc-1", "transactions": {}}, 422, "wrong_type", "transactions"),
    ({"account_id": "acc-1", "transactions": [], "extra": 1}, 422, "unknown_field", "extra"),
    ({"account_id": "acc-1", "transactions": [transaction(), 5]}, 422, "wrong_type", "transactions[1]"),
    ({"account_id": "nobody", "transactions": [transaction()]}, 404, "unknown_account", "account_id"),
])
def test_body_errors(client: TestClient, document: Any, status: int, code: str, field: str | None) -> None:
    _error(_post_raw(client, json.dumps(document).encode()), status, code, field)


# (overrides of the second transaction, code, field under transactions[1], words the message must hold)
FIELD_CASES: list[tuple[dict[str, Any], str, str, str]] = [
    ({"id": None}, "missing_field", "id", "missing"),
    ({"id": 12}, "wrong_type", "id", "expected a string, got number"),
    ({"timestamp": None}, "missing_field", "timestamp", "missing"),
    ({"timestamp": 1767225600}, "wrong_type", "timestamp", "got number"),
    ({"timestamp": "2026-03-02T12:00:00"}, "invalid_timestamp", "timestamp", "no UTC offset"),
    ({"timestamp": "yesterday"}, "invalid_timestamp", "timestamp", "not an RFC 3339 timestamp"),
    ({"timestamp": "2026-02-30T12:00:00Z"}, "invalid_timestamp", "timestamp", "not a valid date"),
    ({"timestamp": "2026-03-02T12:00:00+24:00"}, "invalid_timestamp", "timestamp", "offset"),
    ({"timestamp": "0001-01-01T00:30:00+01:00"}, "invalid_timestamp", "timestamp", "out of range"),
    ({"amount": None}, "missing_field", "amount", "missing"),
    ({"amount": "12.50"}, "wrong_type", "amount", "expected a number, got string"),
    ({"amount": True}, "wrong_type", "amount", "got boolean"),
    ({"amount": 1e16}, "invalid_value", "amount", "out of range"),
    ({"currency": "EURO"}, "unknown_currency", "currency", "ISO 4217"),
    ({"currency": "XXX"}, "unknown_currency", "currency", "ISO 4217"),
    ({"currency": 978}, "wrong_type", "currency", "got number"),
    ({"merchant_id": ""}, "invalid_value", "merchant_id", "empty"),
    ({"mcc": "54a1"}, "invalid_value", "mcc", "four digits"),
    ({"mcc": 5411}, "wrong_type", "mcc", "got number"),
    ({"country": "fr"}, "invalid_value", "country", "two capital letters"),
    ({"lat": 90.5}, "invalid_value", "lat", "out of range"),
    ({"lon": -180.25}, "invalid_value", "lon", "out of range"),
    ({"lat": "48.8"}, "wrong_type", "lat", "got string"),
    ({"card_id": None}, "missing_field", "card_id", "missing"),
    ({"device_id": 3}, "wrong_type", "device_id", "got number"),
    ({"channel": "web"}, "invalid_value", "channel", "pos, ecom, atm, moto"),
    ({"merchant_name": ["x"]}, "wrong_type", "merchant_name", "got array"),
    ({"colour": "red"}, "unknown_field", "colour", "unknown field"),
    ({"id": "t0"}, "duplicate_id", "id", "also the id of transactions[0]"),
]


@pytest.mark.parametrize("overrides, code, name, words", FIELD_CASES, ids=[f"{c[2]}-{c[1]}-{i}" for i, c in
                                                                          enumerate(FIELD_CASES)])
def test_field_errors_name_field_and_index(client: TestClient, overrides: dict[str, Any], code: str, name: str,
                                           words: str) -> None:
    content = body([transaction("t0"), transaction("t1", **overrides)])
    message = _error(_post_raw(client, content), 422, code, f"transactions[1].{name}")
    assert words in message


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_non_standard_json_numbers_are_refused_by_field(client: TestClient, literal: str) -> None:
    content = body([transaction("t0"), transaction("t1", amount=777.25)]).replace(b"777.25", literal.encode())
    message = _error(_post_raw(client, content), 422, "invalid_value", "transactions[1].amount")
    assert literal in message


@pytest.mark.parametrize("literal", [b"1e999", b"-1e400", b"1" + b"0" * 400])
def test_numbers_beyond_double_range_are_not_finite(client: TestClient, literal: bytes) -> None:
    content = body([transaction("t0", amount=12345.5)]).replace(b"12345.5", literal)
    message = _error(_post_raw(client, content), 422, "invalid_value", "transactions[0].amount")
    assert "not a finite number" in message


def test_a_latitude_nan_is_refused_like_an_amount(client: TestClient) -> None:
    content = body([transaction("t0", lat=12.25)]).replace(b"12.25", b"NaN")
    _error(_post_raw(client, content), 422, "invalid_value", "transactions[0].lat")


def test_one_transaction_too_many_is_413(client: TestClient) -> None:
    content = body([transaction(f"t{i}") for i in range(MAX_TRANSACTIONS + 1)])
    message = _error(_post_raw(client, content), 413, "too_many_transactions", "transactions")
    assert "50,001 transactions" in message


def test_body_over_the_byte_limit_is_413(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "MAX_BODY_BYTES", 100)
    _error(_post_raw(client, body([transaction()])), 413, "body_too_large", None)


def test_fastapi_validation_error_has_the_same_shape(client: TestClient) -> None:
    message = _error(client.get("/healthz", params={"deep": "maybe"}), 422, "invalid_value", "query.deep")
    assert "boolean" in message


def test_unknown_route_and_wrong_method_have_the_same_shape(client: TestClient) -> None:
    _error(client.get("/v1/nothing"), 404, "not_found", None)
    _error(client.get("/v1/score"), 405, "method_not_allowed", None)


def test_errors_are_counted_by_code(client: TestClient) -> None:
    _post_raw(client, b"{")
    text = client.get("/metrics").text
    assert 'scoring_errors_total{code="invalid_json"}' in text
