"""``python3 -m scoring load --db PATH FILES``: accounts, history and blocked merchants from JSON Lines files.

One JSON object per line, told apart by ``kind`` (docs/scoring-service.md, "Data files"):

    {"kind": "account", "account_id": "acc-1", "home_country": "FR", "home_currency": "EUR", "status": "active",
     "allowed_currencies": ["EUR", "USD"], "cards": ["card-1"], "limits": {"pos": 2000, "ecom": 1500}}
    {"kind": "blocked_merchant", "merchant_id": "m-666", "reason": "chargebacks"}
    {"kind": "history", "account_id": "acc-1", ...the fields of a request's transaction...}

A bad record (not JSON, an unknown kind, a field missing or of the wrong type or value, a history record of an
account that is neither loaded nor stored, an id twice in the load) is reported with its file, line and field;
the rest is loaded. History records are checked exactly as a request's transactions are (request_checks.py),
so the kernel never meets in the database a value it would refuse in a request. Accounts and blocked merchants
are loaded before history whatever the order of the lines and files. Everything is written in one
transaction: a fatal error (an unreadable file, a database error) loads nothing. Loading a record again
replaces it (an account's currencies, cards and limits included).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from scoring import database
from scoring.currencies import ISO_4217
from scoring.errors import ApiError
from scoring.request_checks import CHANNELS, NonStandardNumber, check_transaction, json_type
from scoring.rules import STATUSES
from scoring.store import HISTORY_COLUMNS

ACCOUNT: Final = "account"
HISTORY: Final = "history"
BLOCKED_MERCHANT: Final = "blocked_merchant"
KINDS: Final = (ACCOUNT, BLOCKED_MERCHANT, HISTORY)
ACCOUNT_FIELDS: Final = ("kind", "account_id", "home_country", "home_currency", "status", "allowed_currencies",
                         "cards", "limits")
BLOCKED_FIELDS: Final = ("kind", "merchant_id", "reason")

_HISTORY_INSERT_COLUMNS: Final = ("account_id", *HISTORY_COLUMNS, "timestamp", "merchant_name")
_HISTORY_UPSERT: Final = (
    f"INSERT INTO account_history ({', '.join(_HISTORY_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _HISTORY_INSERT_COLUMNS)}) ON CONFLICT (account_id, id) DO UPDATE SET "
    + ", ".join(f"{column} = excluded.{column}" for column in _HISTORY_INSERT_COLUMNS[2:]))


class RecordError(ValueError):
    """A bad record: the field it is about and why."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class BadRecord:
    file: str
    line: int
    field: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class LoadResult:
    accounts: int = 0
    blocked_merchants: int = 0
    history: int = 0
    bad: list[BadRecord] = field(default_factory=list)

    def summary(self) -> str:
        return (f"loaded {self.accounts:,} accounts, {self.blocked_merchants:,} blocked merchants, "
                f"{self.history:,} history transactions; {len(self.bad):,} bad records")


@dataclass(frozen=True)
class _Line:
    file: str
    line: int
    record: dict[str, Any]


def load_files(conn: sqlite3.Connection, paths: Sequence[Path]) -> LoadResult:
    """Load every good record of ``paths``; OSError for an unreadable file, sqlite3.Error for the database's."""
    database.ensure_schema(conn)
    result = LoadResult()
    by_kind: dict[str, list[_Line]] = {kind: [] for kind in KINDS}
    for path in paths:
        for line in _read_lines(path, result):
            by_kind[line.record["kind"]].append(line)
    conn.execute("BEGIN")
    try:
        accounts = {row[0] for row in conn.execute("SELECT account_id FROM accounts")}
        loaded_accounts: set[str] = set()
        for line in by_kind[ACCOUNT]:
            if _attempt(result, line, lambda r: _store_account(conn, r, loaded_accounts)):
                result.accounts += 1
        accounts |= loaded_accounts
        blocked: set[str] = set()
        for line in by_kind[BLOCKED_MERCHANT]:
            if _attempt(result, line, lambda r: _store_blocked(conn, r, blocked)):
                result.blocked_merchants += 1
        history_ids: set[tuple[str, str]] = set()
        for line in by_kind[HISTORY]:
            if _attempt(result, line, lambda r: _store_history(conn, r, accounts, history_ids)):
                result.history += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    result.bad.sort(key=lambda bad: (bad.file, bad.line))
    return result


def _read_lines(path: Path, result: LoadResult) -> Iterator[_Line]:
    """The file's records with a known kind; the other lines are reported as bad (blank lines are skipped)."""
    name = str(path)
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"), parse_constant=NonStandardNumber)
            except UnicodeDecodeError as exc:
                result.bad.append(BadRecord(name, number, None, f"not UTF-8 (byte {exc.start})"))
                continue
            except json.JSONDecodeError as exc:
                result.bad.append(BadRecord(name, number, None, f"not JSON: {exc.msg} at column {exc.colno}"))
                continue
            except ValueError:  # an integer longer than Python converts
                result.bad.append(BadRecord(name, number, None, f"not JSON here: a number has more than "
                                                                f"{sys.get_int_max_str_digits():,} digits"))
                continue
            if not isinstance(record, dict):
                result.bad.append(BadRecord(name, number, None, f"expected an object, got {json_type(record)}"))
            elif record.get("kind") not in KINDS:
                shown = record.get("kind")
                problem = "missing" if shown is None else f"{shown!r} is not one of {', '.join(KINDS)}"
                result.bad.append(BadRecord(name, number, "kind", f"kind: {problem}"))
            else:
                yield _Line(name, number, record)


def _attempt(result: LoadResult, line: _Line, store: Any) -> bool:
    try:
        store(line.record)
    except RecordError as exc:
        result.bad.append(BadRecord(line.file, line.line, exc.field, str(exc)))
        return False
    except ApiError as exc:
        result.bad.append(BadRecord(line.file, line.line, exc.field, exc.message))
        return False
    return True


def _bad(field: str, problem: str) -> RecordError:
    return RecordError(field, f"{field}: {problem}")


def _unknown_fields(record: dict[str, Any], known: Sequence[str]) -> None:
    unknown = sorted(str(key) for key in record if key not in known)
    if unknown:
        raise _bad(unknown[0], "unknown field")


def _text(record: dict[str, Any], name: str) -> str:
    if name not in record:
        raise _bad(name, "missing")
    value = record[name]
    if type(value) is not str:
        raise _bad(name, f"expected a string, got {json_type(value)}")
    if not value:
        raise _bad(name, "must not be empty")
    return value


def _store_account(conn: sqlite3.Connection, record: dict[str, Any], loaded: set[str]) -> None:
    _unknown_fields(record, ACCOUNT_FIELDS)
    account_id = _text(record, "account_id")
    country = _text(record, "home_country")
    if len(country) != 2 or not country.isascii() or not country.isalpha() or not country.isupper():
        raise _bad("home_country", f"{country[:16]!r}: expected two capital letters (ISO 3166-1 alpha-2)")
    currency = _text(record, "home_currency")
    if currency not in ISO_4217:
        raise _bad("home_currency", f"{currency[:16]!r} is not an ISO 4217 code")
    status = _text(record, "status")
    if status not in STATUSES:
        raise _bad("status", f"{status[:16]!r}: expected one of {', '.join(STATUSES)}")
    currencies = _text_list(record, "allowed_currencies")
    for index, code in enumerate(currencies):
        if code not in ISO_4217:
            raise _bad(f"allowed_currencies[{index}]", f"{code[:16]!r} is not an ISO 4217 code")
    cards = _text_list(record, "cards")
    limits = _limits(record)
    if account_id in loaded:
        raise _bad("account_id", f"account {account_id!r} is also on an earlier line of this load")
    loaded.add(account_id)
    conn.execute("INSERT INTO accounts (account_id, home_country, home_currency, status) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (account_id) DO UPDATE SET home_country = excluded.home_country, "
                 "home_currency = excluded.home_currency, status = excluded.status",
                 (account_id, country, currency, status))
    for table in ("account_currencies", "account_cards", "account_limits"):
        conn.execute(f"DELETE FROM {table} WHERE account_id = ?", (account_id,))
    conn.executemany("INSERT INTO account_currencies (account_id, currency) VALUES (?, ?)",
                     [(account_id, code) for code in currencies])
    conn.executemany("INSERT INTO account_cards (account_id, card_id) VALUES (?, ?)",
                     [(account_id, card) for card in cards])
    conn.executemany("INSERT INTO account_limits (account_id, channel, max_amount) VALUES (?, ?, ?)",
                     [(account_id, channel, amount) for channel, amount in limits.items()])


def _text_list(record: dict[str, Any], name: str) -> list[str]:
    if name not in record:
        raise _bad(name, "missing")
    values = record[name]
    if not isinstance(values, list):
        raise _bad(name, f"expected an array, got {json_type(values)}")
    seen: set[str] = set()
    for index, value in enumerate(values):
        if type(value) is not str or not value:
            raise _bad(f"{name}[{index}]", f"expected a non-empty string, got {json_type(value)}")
        if value in seen:
            raise _bad(f"{name}[{index}]", f"{value!r} listed twice")
        seen.add(value)
    return values


def _limits(record: dict[str, Any]) -> dict[str, float]:
    if "limits" not in record:
        raise _bad("limits", "missing")
    limits = record["limits"]
    if not isinstance(limits, dict):
        raise _bad("limits", f"expected an object, got {json_type(limits)}")
    checked = {}
    for channel, amount in limits.items():
        if channel not in CHANNELS:
            raise _bad(f"limits.{channel}", f"unknown channel (expected one of {', '.join(CHANNELS)})")
        value = _finite(amount)
        if value is None or value < 0.0:
            raise _bad(f"limits.{channel}", f"expected a finite number >= 0, got {json_type(amount)} "
                                            f"{str(amount)[:32]}")
        checked[channel] = value
    return checked


def _finite(value: Any) -> float | None:
    """``value`` as a float if it is a finite JSON number (not a boolean), else None."""
    if type(value) not in (int, float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if number - number == 0.0 else None


def _store_blocked(conn: sqlite3.Connection, record: dict[str, Any], loaded: set[str]) -> None:
    _unknown_fields(record, BLOCKED_FIELDS)
    merchant_id = _text(record, "merchant_id")
    reason = record.get("reason")
    if reason is not None and type(reason) is not str:
        raise _bad("reason", f"expected a string or null, got {json_type(reason)}")
    if merchant_id in loaded:
        raise _bad("merchant_id", f"merchant {merchant_id!r} is also on an earlier line of this load")
    loaded.add(merchant_id)
    conn.execute("INSERT INTO blocked_merchants (merchant_id, reason) VALUES (?, ?) "
                 "ON CONFLICT (merchant_id) DO UPDATE SET reason = excluded.reason", (merchant_id, reason))


def _store_history(conn: sqlite3.Connection, record: dict[str, Any], accounts: set[str],
                   loaded: set[tuple[str, str]]) -> None:
    account_id = _text(record, "account_id")
    if account_id not in accounts:
        raise _bad("account_id", f"no account {account_id!r} in the database or this load")
    fields = {key: value for key, value in record.items() if key not in ("kind", "account_id")}
    transaction = check_transaction(fields, "history")
    key = (account_id, transaction["id"])
    if key in loaded:
        raise _bad("history.id", f"{transaction['id']!r} is also the id of an earlier history record of "
                                 f"account {account_id!r}")
    loaded.add(key)
    conn.execute(_HISTORY_UPSERT, (account_id, *(transaction[column] for column in HISTORY_COLUMNS),
                                   transaction["timestamp"], transaction["merchant_name"]))
