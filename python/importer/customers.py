"""The customer base: reading it for the matcher, and ``customers load`` to fill it from a CSV file.

``customers load`` uses the same encoding check and row checks as imports; a rejected row is reported with
its row, line and field and the rest of the file still loads. Rows are inserted in batches, one
transaction each (retried while the database is busy), so a fatal error keeps the batches before it.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from importer import db
from importer.csv_source import CsvSource, Record, SourceError, check_encoding
from importer.schema import CUSTOMER_FIELDS, DEFAULT_BATCH_SIZE
from importer.validation import (
    DUPLICATE_ID,
    Columns,
    RowError,
    check_email_and_date,
    check_header,
    check_shape,
    parse_customer_id,
    row_error,
)

log = logging.getLogger(__name__)

#: Rejected rows printed after the summary; all of them are counted.
PRINTED_REJECTIONS: Final = 20

_INSERT: Final = (
    f"INSERT INTO customers ({', '.join(CUSTOMER_FIELDS)}) VALUES ({', '.join('?' for _ in CUSTOMER_FIELDS)})"
)


def read_customers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every customer as a dict of CUSTOMER_FIELDS, ordered by id; NULL columns become None."""
    cursor = conn.execute(f"SELECT {', '.join(CUSTOMER_FIELDS)} FROM customers ORDER BY id")
    return [dict(zip(CUSTOMER_FIELDS, row)) for row in cursor]


@dataclass
class LoadResult:
    """What ``load_customer_file`` did; ``rejected`` holds the first rejections, ``rejected_count`` all."""

    loaded: int = 0
    rejected_count: int = 0
    rejected: list[RowError] = field(default_factory=list)
    blank_lines: int = 0
    rows_read: int = 0


def load_customer_file(conn: sqlite3.Connection, path: Path, *, encoding: str = "auto",
                       batch_size: int = DEFAULT_BATCH_SIZE, retry: db.RetryPolicy | None = None) -> LoadResult:
    """Insert the file's valid rows into ``customers``. Raises SourceError / OSError for an unreadable file."""
    policy = retry or db.RetryPolicy()
    db.ensure_schema(conn, policy)
    check_encoding(path, encoding)
    result = LoadResult()
    with CsvSource(path, encoding) as source:
        if source.header is None:
            log.warning("file is empty: no customers to load", extra={"file": source.name})
            return result
        columns = check_header(source.header, required=CUSTOMER_FIELDS, file_name=source.name)
        seen: dict[int, int] = {}  # id → row number that used it first
        existing = set(db.run_transaction(
            conn, lambda c: [row[0] for row in c.execute("SELECT id FROM customers")],
            operation="reading existing customer ids", policy=policy,
        ))
        batch: list[tuple[Any, ...]] = []
        for record in source.records():
            result.rows_read += 1
            checked = _check_customer(record, columns, seen, existing)
            if isinstance(checked, RowError):
                result.rejected_count += 1
                if len(result.rejected) < PRINTED_REJECTIONS:
                    result.rejected.append(checked)
                continue
            batch.append(checked)
            if len(batch) >= batch_size:
                result.loaded += _insert(conn, batch, policy)
                batch = []
        if batch:
            result.loaded += _insert(conn, batch, policy)
        result.blank_lines = source.blank_lines
    return result


def _check_customer(record: Record, columns: Columns, seen: dict[int, int],
                    existing: set[int]) -> tuple[Any, ...] | RowError:
    """The row ready for INSERT (blank values as NULL), or why it is rejected."""
    if (problem := check_shape(record, columns)) is not None:
        return problem
    values = columns.values(record.fields)
    customer_id = parse_customer_id(record, values)
    if isinstance(customer_id, RowError):
        return customer_id
    if customer_id in existing:
        return row_error(record, "id", DUPLICATE_ID, f"id {customer_id} is already in the database", values)
    if customer_id in seen:
        return row_error(record, "id", DUPLICATE_ID, f"id {customer_id} is already used by row {seen[customer_id]}",
                         values)
    if (problem := check_email_and_date(record, values)) is not None:
        return problem
    seen[customer_id] = record.row_number
    return (customer_id, *(values[name] if values[name].strip() else None for name in CUSTOMER_FIELDS[1:]))


def _insert(conn: sqlite3.Connection, batch: list[tuple[Any, ...]], policy: db.RetryPolicy) -> int:
    db.run_transaction(conn, lambda c: c.executemany(_INSERT, batch),
                       operation=f"inserting {len(batch)} customers", policy=policy)
    return len(batch)


def run_customers_load(args: argparse.Namespace) -> int:
    """Exit 0 when something loaded or there was nothing to load, 1 on a fatal error or when all rows failed."""
    started = time.perf_counter()
    try:
        conn = db.connect(args.db)
        try:
            result = load_customer_file(conn, args.file, encoding=args.encoding, batch_size=args.batch_size)
        finally:
            conn.close()
    except SourceError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
    except (sqlite3.Error, db.DatabaseBusyError) as exc:
        return _fail(f"database {args.db}: {exc}")
    seconds = time.perf_counter() - started
    plural = "" if result.blank_lines == 1 else "s"
    blank = f"; {result.blank_lines:,} blank line{plural} skipped" if result.blank_lines else ""
    print(f"loaded {result.loaded:,} customers ({result.rejected_count:,} rejected) in {seconds:.1f} s{blank}")
    for rejection in result.rejected:
        print(f"rejected: {rejection.message}", file=sys.stderr)
    if result.rejected_count > len(result.rejected):
        print(f"... and {result.rejected_count - len(result.rejected):,} more rejected rows", file=sys.stderr)
    if result.loaded == 0 and result.rows_read > 0:
        return _fail(f"nothing loaded: {result.rejected_count:,} of {result.rows_read:,} rows rejected")
    return 0


def _fail(message: str) -> int:
    print(f"importer: error: {message}", file=sys.stderr)
    return 1
