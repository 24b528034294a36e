"""``AccountStore``: every database read the service does per request, and nothing else.

The seam is narrow on purpose: a later step records these three reads as fixtures and replays them
without a database, so each read is a pure function of its arguments and the database's content, with a
defined order and a documented bound:

* ``profile(account_id)`` → the account's profile, or None for an unknown account;
* ``history(account_id)`` → its latest ``HISTORY_LIMIT`` transactions (by ``t_ms``, then ``id``), returned in
  ascending ``(t_ms, id)`` order as the kernel's records plus ``channel``;
* ``blocked_merchants(merchant_ids)`` → those of the given merchant ids that are blocked, sorted; callers
  pass the request's distinct merchant ids, sorted.

Values are plain JSON-able dicts, lists, strings and numbers. The service only reads: scored transactions
are not written back (docs/scoring-service.md, "Read-only").
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Protocol

from scoring import database

#: Most history transactions loaded per request: the latest ones.
HISTORY_LIMIT: Final = 2_000
#: Merchant ids per ``IN (...)`` (under SQLite's default limit of bound variables).
_IDS_PER_QUERY: Final = 500

HISTORY_COLUMNS: Final = ("id", "t_ms", "amount", "currency", "merchant_id", "mcc", "country", "lat", "lon", "card_id",
                          "device_id", "channel")


class AccountStore(Protocol):
    """What the service reads per request; see the module doc for order and bounds."""

    def profile(self, account_id: str) -> dict[str, Any] | None: ...

    def history(self, account_id: str) -> list[dict[str, Any]]: ...

    def blocked_merchants(self, merchant_ids: Sequence[str]) -> list[str]: ...


class SqliteAccountStore:
    """`AccountStore` over the SQLite database, read-only, one connection per thread (the server's pool)."""

    def __init__(self, path: str | Path, *, history_limit: int = HISTORY_LIMIT) -> None:
        self.path = Path(path)
        self.history_limit = history_limit
        self._local = threading.local()
        database.check_schema(self._connection())

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = database.connect(self.path, read_only=True)
            self._local.conn = conn
        return conn

    def profile(self, account_id: str) -> dict[str, Any] | None:
        conn = self._connection()
        row = conn.execute("SELECT home_country, home_currency, status FROM accounts WHERE account_id = ?",
                           (account_id,)).fetchone()
        if row is None:
            return None
        currencies = [r[0] for r in conn.execute(
            "SELECT currency FROM account_currencies WHERE account_id = ? ORDER BY currency", (account_id,))]
        cards = [r[0] for r in conn.execute(
            "SELECT card_id FROM account_cards WHERE account_id = ? ORDER BY card_id", (account_id,))]
        limits = {r[0]: r[1] for r in conn.execute(
            "SELECT channel, max_amount FROM account_limits WHERE account_id = ? ORDER BY channel", (account_id,))}
        return {"account_id": account_id, "home_country": row[0], "home_currency": row[1], "status": row[2],
                "allowed_currencies": currencies, "cards": cards, "limits": limits}

    def history(self, account_id: str) -> list[dict[str, Any]]:
        rows = self._connection().execute(
            f"SELECT {', '.join(HISTORY_COLUMNS)} FROM account_history WHERE account_id = ? "
            "ORDER BY t_ms DESC, id DESC LIMIT ?", (account_id, self.history_limit)).fetchall()
        rows.reverse()
        return [dict(zip(HISTORY_COLUMNS, row)) for row in rows]

    def blocked_merchants(self, merchant_ids: Sequence[str]) -> list[str]:
        conn = self._connection()
        blocked: list[str] = []
        for start in range(0, len(merchant_ids), _IDS_PER_QUERY):
            chunk = list(merchant_ids[start:start + _IDS_PER_QUERY])
            placeholders = ", ".join("?" for _ in chunk)
            blocked.extend(r[0] for r in conn.execute(
                f"SELECT merchant_id FROM blocked_merchants WHERE merchant_id IN ({placeholders})", chunk))
        return sorted(blocked)

    def health(self) -> None:
        """Raises unless the database answers with this version's schema (``GET /healthz?deep=true``)."""
        database.check_schema(self._connection())

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
