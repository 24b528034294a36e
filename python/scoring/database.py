"""The scoring database: schema and connections (SQLite by default, portable SQL).

As in the importer (python/importer/db.py), the SQL is kept portable: TEXT / INTEGER / REAL, ``?``
parameters, ``INSERT … ON CONFLICT … DO UPDATE`` (SQLite 3.24+ and PostgreSQL). Moving to PostgreSQL
would change ``?`` into ``%s``, ``REAL`` into ``DOUBLE PRECISION`` and ``t_ms`` into ``BIGINT``.

The schema version lives in its own table, ``scoring_meta``, not in SQLite's ``user_version``: the
importer's database uses that pragma, and both services may share one file.

    accounts             one row per account: home country and currency, status
    account_currencies   the currencies an account may transact in
    account_cards        the cards issued on an account
    account_limits       the largest amount per channel; a channel without a row is closed to the account
    account_history      past transactions, the kernel's fields plus channel, merchant name, timestamp text
    blocked_merchants    merchants every transaction with is declined
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Final

from scoring.rules import STATUSES

SCHEMA_VERSION: Final = 1

SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS scoring_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    f"""CREATE TABLE IF NOT EXISTS accounts (
        account_id TEXT PRIMARY KEY,
        home_country TEXT NOT NULL,
        home_currency TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ({", ".join(f"'{status}'" for status in STATUSES)}))
    )""",
    """CREATE TABLE IF NOT EXISTS account_currencies (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        currency TEXT NOT NULL,
        PRIMARY KEY (account_id, currency)
    )""",
    """CREATE TABLE IF NOT EXISTS account_cards (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        card_id TEXT NOT NULL,
        PRIMARY KEY (account_id, card_id)
    )""",
    """CREATE TABLE IF NOT EXISTS account_limits (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        channel TEXT NOT NULL,
        max_amount REAL NOT NULL,
        PRIMARY KEY (account_id, channel)
    )""",
    """CREATE TABLE IF NOT EXISTS account_history (
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        id TEXT NOT NULL,
        t_ms INTEGER NOT NULL,
        timestamp TEXT NOT NULL,
        amount REAL NOT NULL,
        currency TEXT NOT NULL,
        merchant_id TEXT NOT NULL,
        mcc TEXT NOT NULL,
        country TEXT NOT NULL,
        lat REAL,
        lon REAL,
        card_id TEXT NOT NULL,
        device_id TEXT,
        channel TEXT NOT NULL,
        merchant_name TEXT,
        PRIMARY KEY (account_id, id)
    )""",
    "CREATE INDEX IF NOT EXISTS account_history_by_time ON account_history (account_id, t_ms, id)",
    """CREATE TABLE IF NOT EXISTS blocked_merchants (
        merchant_id TEXT PRIMARY KEY,
        reason TEXT
    )""",
)


class SchemaError(sqlite3.DatabaseError):
    """The database has no scoring schema, or one of another version."""


def connect(path: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode; ``read_only`` opens an existing file only (the service never writes)."""
    if read_only:
        conn = sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the tables if missing (one transaction); SchemaError for a database of another version."""
    conn.execute("BEGIN")
    try:
        for statement in SCHEMA:
            conn.execute(statement)
        row = conn.execute("SELECT value FROM scoring_meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            conn.execute("INSERT INTO scoring_meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif row[0] != str(SCHEMA_VERSION):
            raise SchemaError(f"scoring schema version {row[0]}, this service knows version {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def check_schema(conn: sqlite3.Connection) -> None:
    """SchemaError unless the database holds this version's scoring schema (the service does not create it)."""
    try:
        row = conn.execute("SELECT value FROM scoring_meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError as exc:
        raise SchemaError(f"no scoring schema ({exc}); create it with `python3 -m scoring load`") from None
    if row is None or row[0] != str(SCHEMA_VERSION):
        found = "none" if row is None else row[0]
        raise SchemaError(f"scoring schema version {found}, this service knows version {SCHEMA_VERSION}")
