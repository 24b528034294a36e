"""Shared pieces of the scoring service tests: a small database, the app around it, transactions to send."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import pytest

from scoring import database
from scoring.app import create_app
from scoring.backend import ScorerFactory, ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.loader import load_files
from scoring.service import ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.store import SqliteAccountStore
from scoring.timestamps import parse_t_ms

#: The latest history transaction of ``acc-quiet``: dormancy is measured from it.
QUIET_LAST_ACTIVITY: Final = "2025-09-01T10:00:00+02:00"
LIMITS: Final = {"pos": 1000, "ecom": 500, "atm": 200}


def transaction(tx_id: str = "t1", **fields: Any) -> dict[str, Any]:
    """An ordinary purchase of acc-1 that fires no rule; ``fields`` override (None removes a field)."""
    tx: dict[str, Any] = {"id": tx_id, "timestamp": "2026-03-02T12:00:00+01:00", "amount": 10.0, "currency": "EUR",
                          "merchant_id": "m-1", "mcc": "5411", "country": "FR", "lat": 48.85, "lon": 2.35,
                          "card_id": "card-1", "device_id": "dev-1", "channel": "pos", "merchant_name": "Café"}
    for name, value in fields.items():
        if value is None:
            tx.pop(name, None)
        else:
            tx[name] = value
    return tx


def _account(account_id: str, status: str = "active") -> dict[str, Any]:
    return {"kind": "account", "account_id": account_id, "home_country": "FR", "home_currency": "EUR",
            "status": status, "allowed_currencies": ["EUR", "USD"], "cards": ["card-1", "card-2"], "limits": LIMITS}


def history_record(account_id: str, tx_id: str, timestamp: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "history", "account_id": account_id, **transaction(tx_id, timestamp=timestamp, **fields)}


RECORDS: Final = [
    _account("acc-1"),
    _account("acc-frozen", "frozen"),
    _account("acc-closed", "closed"),
    _account("acc-dormant", "dormant"),
    _account("acc-quiet"),
    {"kind": "blocked_merchant", "merchant_id": "m-bad", "reason": "chargebacks"},
    history_record("acc-1", "h1", "2026-03-01T09:00:00+01:00"),
    history_record("acc-1", "h2", "2026-03-01T18:30:00+01:00", amount=42.5, merchant_id="m-2"),
    history_record("acc-quiet", "q1", "2025-08-01T10:00:00+02:00"),
    history_record("acc-quiet", "q2", QUIET_LAST_ACTIVITY),
]


def make_database(path: Path, records: list[Mapping[str, Any]] | None = None) -> Path:
    data = path.parent / f"{path.stem}-data.jsonl"
    data.write_text("".join(json.dumps(record) + "\n" for record in (records or RECORDS)), encoding="utf-8")
    conn = database.connect(path)
    try:
        result = load_files(conn, [data])
    finally:
        conn.close()
    assert not result.bad, result.bad
    return path


def make_service(db_path: Path, mode: str = "python", native_factory: ScorerFactory | None = None) -> ScoringService:
    store = SqliteAccountStore(db_path)
    backend = ScoringBackend.open(mode, load_model(BUNDLED_MODEL), native_factory=native_factory)
    return ScoringService(store, backend, ServiceMetrics())


def make_app(db_path: Path, mode: str = "python", native_factory: ScorerFactory | None = None) -> Any:
    service = make_service(db_path, mode, native_factory)
    return create_app(service, health=service.store.health)  # type: ignore[attr-defined]


def body(transactions: list[Any], account_id: str = "acc-1") -> bytes:
    return json.dumps({"account_id": account_id, "transactions": transactions}).encode("utf-8")


def t_ms(timestamp: str) -> int:
    return parse_t_ms(timestamp)


@pytest.fixture
def root_logging_restored() -> Iterator[None]:
    """For tests that call ``scoring.cli.main``: it installs a handler on the root logger writing to the
    stderr pytest captures for that test only; left there, later tests' records would go to a closed stream."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
    root.setLevel(level)
