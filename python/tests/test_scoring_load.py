"""``python3 -m scoring load``: bad records reported with file, line and field, the rest loaded; exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from scoring import database
from scoring.cli import main
from scoring.loader import load_files
from scoring.store import SqliteAccountStore
from tests.scoring_fixtures import root_logging_restored  # noqa: F401 - a fixture
from tests.scoring_fixtures import RECORDS, history_record


def _write(path: Path, lines: list[Any]) -> Path:
    """One line per item: a string as it is, anything else as JSON."""
    path.write_text("".join((item if isinstance(item, str) else json.dumps(item)) + "\n" for item in lines),
                    encoding="utf-8")
    return path


def _account(account_id: str, **changes: Any) -> dict[str, Any]:
    record = {**RECORDS[0], "account_id": account_id, **changes}
    return {key: value for key, value in record.items() if value is not None}


BAD_LINES: list[tuple[Any, str | None, str]] = [
    ("{not json", None, "not JSON"),
    ('{"kind": "account", "limit": ' + "9" * 5000 + "}", None, "more than 4,300 digits"),
    ("[1, 2]", None, "expected an object, got array"),
    ({"kind": "customer"}, "kind", "'customer' is not one of"),
    ({"account_id": "x"}, "kind", "kind: missing"),
    (_account("a-country", home_country="France"), "home_country", "two capital letters"),
    (_account("a-currency", home_currency="EUD"), "home_currency", "ISO 4217"),
    (_account("a-status", status="asleep"), "status", "expected one of active"),
    (_account("a-list", allowed_currencies=["EUR", "EUR"]), "allowed_currencies[1]", "listed twice"),
    (_account("a-cards", cards=["card-1", 5]), "cards[1]", "non-empty string"),
    (_account("a-limit", limits={"pos": -1}), "limits.pos", "finite number >= 0"),
    (_account("a-channel", limits={"web": 10}), "limits.web", "unknown channel"),
    (_account("a-extra", colour="red"), "colour", "unknown field"),
    (_account("a-missing", cards=None), "cards", "cards: missing"),
    ({"kind": "blocked_merchant", "merchant_id": ""}, "merchant_id", "must not be empty"),
    (history_record("nobody", "h9", "2026-03-01T09:00:00Z"), "account_id", "no account 'nobody'"),
    (history_record("acc-1", "h8", "2026-03-01T09:00:00"), "history.timestamp", "no UTC offset"),
    (history_record("acc-1", "h7", "2026-03-01T09:00:00Z", amount="1"), "history.amount", "expected a number"),
    (history_record("acc-1", "h1", "2026-03-01T09:00:00Z"), "history.id", "earlier history record"),
]


def test_bad_records_are_reported_and_the_rest_loaded(tmp_path: Path) -> None:
    lines = [*RECORDS, *(line for line, _, _ in BAD_LINES), "", '{"kind": "history", "amount": NaN}']
    data = _write(tmp_path / "data.jsonl", lines)
    conn = database.connect(tmp_path / "s.db")
    result = load_files(conn, [data])
    first_bad = len(RECORDS) + 1
    expected = [(first_bad + i, field, words) for i, (_, field, words) in enumerate(BAD_LINES)]
    expected.append((len(lines), "account_id", "account_id: missing"))
    assert [(bad.file, bad.line, bad.field) for bad in result.bad] == [(str(data), line, field)
                                                                      for line, field, _ in expected]
    for bad, (_, _, words) in zip(result.bad, expected):
        assert words in bad.message, (bad, words)
        assert str(bad).startswith(f"{data}:{bad.line}: ")
    assert (result.accounts, result.blocked_merchants, result.history) == (5, 1, 4)
    store = SqliteAccountStore(tmp_path / "s.db")
    assert [h["id"] for h in store.history("acc-1")] == ["h1", "h2"]


def test_accounts_load_before_history_whatever_the_file_order(tmp_path: Path) -> None:
    history = _write(tmp_path / "history.jsonl", [history_record("late", "h1", "2026-03-01T09:00:00Z")])
    accounts = _write(tmp_path / "accounts.jsonl", [_account("late")])
    result = load_files(database.connect(tmp_path / "s.db"), [history, accounts])
    assert result.bad == [] and (result.accounts, result.history) == (1, 1)


def test_loading_again_replaces(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "s.db")
    load_files(conn, [_write(tmp_path / "a.jsonl", RECORDS)])
    changed = [_account("acc-1", cards=["card-9"], status="frozen"),
               history_record("acc-1", "h1", "2026-03-01T09:00:00Z", amount=77.0)]
    result = load_files(conn, [_write(tmp_path / "b.jsonl", changed)])
    assert result.bad == []
    store = SqliteAccountStore(tmp_path / "s.db")
    profile = store.profile("acc-1")
    assert profile is not None and profile["cards"] == ["card-9"] and profile["status"] == "frozen"
    assert [(h["id"], h["amount"]) for h in store.history("acc-1")] == [("h1", 77.0), ("h2", 42.5)]


def test_history_is_the_latest_n_in_time_then_id_order(tmp_path: Path) -> None:
    records = [_account("acc-1"),
               history_record("acc-1", "b", "2026-03-01T10:00:00Z"),
               history_record("acc-1", "a", "2026-03-01T10:00:00Z"),
               history_record("acc-1", "c", "2026-03-01T09:00:00+01:00"),  # 08:00Z: the oldest
               history_record("acc-1", "d", "2026-03-01T12:00:00+01:00")]
    load_files(database.connect(tmp_path / "s.db"), [_write(tmp_path / "d.jsonl", records)])
    assert [h["id"] for h in SqliteAccountStore(tmp_path / "s.db").history("acc-1")] == ["c", "a", "b", "d"]
    bounded = SqliteAccountStore(tmp_path / "s.db", history_limit=2)
    assert [h["id"] for h in bounded.history("acc-1")] == ["b", "d"]
    assert SqliteAccountStore(tmp_path / "s.db").blocked_merchants(["m-1", "m-bad"]) == []


@pytest.mark.usefixtures("root_logging_restored")
def test_cli_exit_codes_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _write(tmp_path / "data.jsonl", [*RECORDS, "{oops"])
    assert main(["load", "--db", str(tmp_path / "s.db"), str(data)]) == 0
    out = capsys.readouterr().out
    assert "loaded 5 accounts, 1 blocked merchants, 4 history transactions; 1 bad records" in out
    assert f"{data}:{len(RECORDS) + 1}: not JSON" in out
    assert main(["load", "--db", str(tmp_path / "s.db"), str(tmp_path / "missing.jsonl")]) == 1
    assert "scoring load:" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["load", "--db", str(tmp_path / "s.db")])
    assert usage.value.code == 2


def test_a_fatal_error_loads_nothing(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.jsonl", RECORDS)
    conn = database.connect(tmp_path / "s.db")
    with pytest.raises(OSError):
        load_files(conn, [good, tmp_path / "missing.jsonl"])
    assert conn.execute("SELECT count(*) FROM accounts").fetchone() == (0,)


def test_a_database_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "s.db")
    database.ensure_schema(conn)
    conn.execute("UPDATE scoring_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(database.SchemaError, match="version 99"):
        load_files(conn, [_write(tmp_path / "a.jsonl", RECORDS)])
    with pytest.raises(sqlite3.DatabaseError, match="version 99"):
        SqliteAccountStore(tmp_path / "s.db")
