"""``POST /v1/score``'s body: decoded with ``json.loads`` and checked by hand, field by field.

No pydantic: a request holds up to 50,000 transactions and building that many models costs far more than
scoring them. One pass over plain dicts, in a fixed order (the body's keys, then each transaction in
order, its fields in ``TRANSACTION_FIELDS`` order); the first problem is the answer, an `ApiError` naming
the field with its index (``transactions[12].amount``). Types are named as JSON names them.

JSON's grammar has no NaN or Infinity, but Python's ``json`` accepts those literals: they are decoded to a
marker (`NonStandardNumber`) so the check of the field holding one can name that field; ``1e999`` decodes
to an infinite float and is refused by the same finiteness check.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from scoring import errors
from scoring.currencies import ISO_4217
from scoring.errors import ApiError, field_error
from scoring.timestamps import TimestampError, parse_t_ms

#: Most transactions one request may hold.
MAX_TRANSACTIONS: Final = 50_000
#: Longest id, merchant id, card id, device id or merchant name, in code points.
MAX_TEXT_LENGTH: Final = 256
#: The largest amount, in absolute value: far beyond any real payment, and small enough that the kernel's
#: window sums over a request and its history stay finite (docs/scoring.md §5: an infinite sum has no score).
MAX_AMOUNT: Final = 1e15
#: Channels a transaction may come through; the account's limits are per channel.
CHANNELS: Final = ("pos", "ecom", "atm", "moto")

BODY_FIELDS: Final = ("account_id", "transactions")
#: A transaction's fields in the order they are checked; the optional ones may be absent or null.
TRANSACTION_FIELDS: Final = ("id", "timestamp", "amount", "currency", "merchant_id", "mcc", "country", "lat", "lon",
                             "card_id", "device_id", "channel", "merchant_name")
OPTIONAL_FIELDS: Final = frozenset({"lat", "lon", "device_id", "merchant_name"})
_KNOWN: Final = frozenset(TRANSACTION_FIELDS)
_CHANNEL_SET: Final = frozenset(CHANNELS)
_LATITUDE_LIMIT: Final = 90.0
_LONGITUDE_LIMIT: Final = 180.0


class NonStandardNumber:
    """What ``NaN``, ``Infinity`` or ``-Infinity`` in the body decode to, until the check of their field."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal


@dataclass(frozen=True)
class ScoreRequest:
    """A checked request: the account and its transactions as dicts with the kernel's fields (``t_ms``, …)
    plus ``timestamp``, ``channel`` and ``merchant_name``, in request order."""

    account_id: str
    transactions: list[dict[str, Any]]


def decode_body(body: bytes) -> Any:
    """The body's JSON value; ApiError(invalid_json) with the position of the first syntax error."""
    try:
        return json.loads(body, parse_constant=NonStandardNumber)
    except json.JSONDecodeError as exc:
        raise ApiError(errors.INVALID_JSON, f"body is not valid JSON: {exc.msg} at line {exc.lineno} "
                                            f"column {exc.colno} (char {exc.pos})") from None
    except (UnicodeDecodeError, RecursionError) as exc:
        reason = "not UTF-8, UTF-16 or UTF-32 text" if isinstance(exc, UnicodeDecodeError) else "nested too deeply"
        raise ApiError(errors.INVALID_JSON, f"body is not valid JSON: {reason}") from None
    except ValueError:  # not a JSONDecodeError (caught above): an integer longer than Python converts
        raise ApiError(errors.INVALID_JSON, f"body is not valid JSON here: a number has more than "
                                            f"{sys.get_int_max_str_digits():,} digits") from None


def check_request(document: Any) -> ScoreRequest:
    """The checked request, or the first problem as an ApiError."""
    if not isinstance(document, dict):
        raise ApiError(errors.WRONG_TYPE, f"body: expected an object, got {json_type(document)}")
    for key in document:
        if key not in BODY_FIELDS:
            raise field_error(errors.UNKNOWN_FIELD, str(key), "unknown field (expected account_id, transactions)")
    account_id = _text(document, "account_id", "account_id")
    if "transactions" not in document:
        raise field_error(errors.MISSING_FIELD, "transactions", "missing")
    raw = document["transactions"]
    if not isinstance(raw, list):
        raise field_error(errors.WRONG_TYPE, "transactions", f"expected an array, got {json_type(raw)}")
    if len(raw) > MAX_TRANSACTIONS:
        raise field_error(errors.TOO_MANY_TRANSACTIONS, "transactions",
                          f"{len(raw):,} transactions, at most {MAX_TRANSACTIONS:,} per request")
    # check_transaction inline: the quick test first, the field checks (and the where string) only when it
    # fails; 50,000 calls and f-strings are a noticeable share of a large request.
    transactions = [usual if type(item) is dict and (usual := _usual_transaction(item)) is not None
                    else _checked_transaction(item, f"transactions[{index}]") for index, item in enumerate(raw)]
    ids = [transaction["id"] for transaction in transactions]
    if len(set(ids)) != len(ids):
        _refuse_duplicate_id(ids)
    return ScoreRequest(account_id, transactions)


def _refuse_duplicate_id(ids: list[str]) -> None:
    """The first id that repeats an earlier one, as an ApiError naming both indexes."""
    seen: dict[str, int] = {}
    for index, transaction_id in enumerate(ids):
        first = seen.setdefault(transaction_id, index)
        if first != index:
            raise field_error(errors.DUPLICATE_ID, f"transactions[{index}].id",
                              f"{transaction_id!r} is also the id of transactions[{first}]")


def check_transaction(item: Any, where: str) -> dict[str, Any]:
    """One transaction checked and converted; ``where`` (``transactions[3]``) prefixes every field name.

    A transaction whose every field is of the usual type and in range (a float amount, floats or nulls for the
    location) takes `_usual_transaction`, one expression without a call per field; any other goes through the
    field-by-field checks below, which name the first problem, or accept what the quick test did not cover
    (an integer amount, say). The quick test accepts nothing the field checks would refuse.
    """
    if type(item) is dict:
        usual = _usual_transaction(item)
        if usual is not None:
            return usual
    return _checked_transaction(item, where)


def _usual_transaction(item: dict[str, Any]) -> dict[str, Any] | None:
    """The converted transaction if it is an ordinary one (see check_transaction), else None."""
    get = item.get
    tx_id, stamp, amount, currency = get("id"), get("timestamp"), get("amount"), get("currency")
    merchant_id, mcc, country, card_id = get("merchant_id"), get("mcc"), get("country"), get("card_id")
    lat, lon, device_id, channel, name = get("lat"), get("lon"), get("device_id"), get("channel"), get("merchant_name")
    if not (_KNOWN.issuperset(item)
            and type(tx_id) is str and 0 < len(tx_id) <= MAX_TEXT_LENGTH
            and type(stamp) is str
            and type(amount) is float and -MAX_AMOUNT <= amount <= MAX_AMOUNT
            and type(currency) is str and currency in ISO_4217
            and type(merchant_id) is str and 0 < len(merchant_id) <= MAX_TEXT_LENGTH
            and type(mcc) is str and len(mcc) == 4 and mcc.isascii() and mcc.isdigit()
            and type(country) is str and len(country) == 2 and country.isascii() and _is_capitals(country)
            and (lat is None or (type(lat) is float and -_LATITUDE_LIMIT <= lat <= _LATITUDE_LIMIT))
            and (lon is None or (type(lon) is float and -_LONGITUDE_LIMIT <= lon <= _LONGITUDE_LIMIT))
            and type(card_id) is str and 0 < len(card_id) <= MAX_TEXT_LENGTH
            and (device_id is None or (type(device_id) is str and 0 < len(device_id) <= MAX_TEXT_LENGTH))
            and type(channel) is str and channel in _CHANNEL_SET
            and (name is None or (type(name) is str and len(name) <= MAX_TEXT_LENGTH))):
        return None
    try:
        t_ms = parse_t_ms(stamp)
    except TimestampError:
        return None
    return {"id": tx_id, "t_ms": t_ms, "amount": amount, "currency": currency, "merchant_id": merchant_id,
            "mcc": mcc, "country": country, "lat": lat, "lon": lon, "card_id": card_id, "device_id": device_id,
            "timestamp": stamp, "channel": channel, "merchant_name": name}


def _checked_transaction(item: Any, where: str) -> dict[str, Any]:
    """Field by field, in TRANSACTION_FIELDS order: the first problem as an ApiError."""
    if not isinstance(item, dict):
        raise ApiError(errors.WRONG_TYPE, f"{where}: expected an object, got {json_type(item)}", where)
    if not _KNOWN.issuperset(item):
        unknown = sorted(str(key) for key in item if key not in _KNOWN)[0]
        raise field_error(errors.UNKNOWN_FIELD, f"{where}.{unknown}", "unknown field")
    transaction_id = _text(item, "id", where)
    t_ms = _timestamp(item, where)
    amount = _number(item, "amount", where)
    if not -MAX_AMOUNT <= amount <= MAX_AMOUNT:
        raise field_error(errors.INVALID_VALUE, f"{where}.amount", f"{amount!r} out of range [-1e15, 1e15]")
    currency = _currency(item, where)
    merchant_id = _text(item, "merchant_id", where)
    mcc = _code(item, "mcc", where, 4, str.isdigit, "four digits")
    country = _code(item, "country", where, 2, _is_capitals, "two capital letters (ISO 3166-1 alpha-2)")
    lat = _coordinate(item, "lat", where, _LATITUDE_LIMIT)
    lon = _coordinate(item, "lon", where, _LONGITUDE_LIMIT)
    card_id = _text(item, "card_id", where)
    device_id = _text(item, "device_id", where) if item.get("device_id") is not None else None
    channel = _channel(item, where)
    merchant_name = _text(item, "merchant_name", where, allow_empty=True) \
        if item.get("merchant_name") is not None else None
    return {"id": transaction_id, "t_ms": t_ms, "amount": amount, "currency": currency, "merchant_id": merchant_id,
            "mcc": mcc, "country": country, "lat": lat, "lon": lon, "card_id": card_id, "device_id": device_id,
            "timestamp": item["timestamp"], "channel": channel, "merchant_name": merchant_name}


def json_type(value: Any) -> str:
    """A value's type as JSON names it (``string``, ``number``, …), for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, NonStandardNumber):
        return value.literal
    return type(value).__name__


def _present(item: dict[str, Any], name: str, where: str) -> Any:
    try:
        return item[name]
    except KeyError:
        raise field_error(errors.MISSING_FIELD, f"{where}.{name}" if where != name else name, "missing") from None


def _text(item: dict[str, Any], name: str, where: str, *, allow_empty: bool = False) -> str:
    value = _present(item, name, where)
    field = name if where == name else f"{where}.{name}"
    if type(value) is not str:
        raise field_error(errors.WRONG_TYPE, field, f"expected a string, got {json_type(value)}")
    if not value and not allow_empty:
        raise field_error(errors.INVALID_VALUE, field, "must not be empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise field_error(errors.INVALID_VALUE, field, f"longer than {MAX_TEXT_LENGTH} characters")
    return value


def _timestamp(item: dict[str, Any], where: str) -> int:
    value = _present(item, "timestamp", where)
    if type(value) is not str:
        raise field_error(errors.WRONG_TYPE, f"{where}.timestamp", f"expected a string, got {json_type(value)}")
    try:
        return parse_t_ms(value)
    except TimestampError as exc:
        raise field_error(errors.INVALID_TIMESTAMP, f"{where}.timestamp", str(exc)) from None


def _number(item: dict[str, Any], name: str, where: str) -> float:
    value = _present(item, name, where)
    kind = type(value)
    if kind is float:
        if value - value == 0.0:  # finite: inf - inf and nan - nan are NaN
            return value  # type: ignore[no-any-return]
    elif kind is int:
        try:
            return float(value)
        except OverflowError:
            pass
    elif kind is NonStandardNumber:
        raise field_error(errors.INVALID_VALUE, f"{where}.{name}",
                          f"{value.literal} is not a number in JSON (a finite number is required)")
    else:
        raise field_error(errors.WRONG_TYPE, f"{where}.{name}", f"expected a number, got {json_type(value)}")
    raise field_error(errors.INVALID_VALUE, f"{where}.{name}", "not a finite number")


def _coordinate(item: dict[str, Any], name: str, where: str, limit: float) -> float | None:
    if item.get(name) is None:
        return None
    value = _number(item, name, where)
    if not -limit <= value <= limit:
        raise field_error(errors.INVALID_VALUE, f"{where}.{name}", f"{value!r} out of range [-{limit:g}, {limit:g}]")
    return value


def _currency(item: dict[str, Any], where: str) -> str:
    value = _present(item, "currency", where)
    if type(value) is not str:
        raise field_error(errors.WRONG_TYPE, f"{where}.currency", f"expected a string, got {json_type(value)}")
    if value not in ISO_4217:
        raise field_error(errors.UNKNOWN_CURRENCY, f"{where}.currency", f"{value[:16]!r} is not an ISO 4217 code")
    return value


def _code(item: dict[str, Any], name: str, where: str, length: int, test: Callable[[str], bool], shape: str) -> str:
    value = _present(item, name, where)
    if type(value) is not str:
        raise field_error(errors.WRONG_TYPE, f"{where}.{name}", f"expected a string, got {json_type(value)}")
    if len(value) != length or not value.isascii() or not test(value):
        raise field_error(errors.INVALID_VALUE, f"{where}.{name}", f"{value[:16]!r}: expected {shape}")
    return value


def _is_capitals(value: str) -> bool:
    return value.isalpha() and value.isupper()


def _channel(item: dict[str, Any], where: str) -> str:
    value = _present(item, "channel", where)
    if type(value) is not str:
        raise field_error(errors.WRONG_TYPE, f"{where}.channel", f"expected a string, got {json_type(value)}")
    if value not in CHANNELS:
        raise field_error(errors.INVALID_VALUE, f"{where}.channel",
                          f"{value[:16]!r}: expected one of {', '.join(CHANNELS)}")
    return value
