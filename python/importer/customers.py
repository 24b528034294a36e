"""The customer base: reading it for the matcher, and ``customers load`` to fill it from a CSV file.

``customers load`` uses the same encoding check and row checks as imports; a rejected row is reported with
its row, line and field and the rest of the file still loads. Rows are inserted in batches, one
transaction each (retried while the database is busy), so a fatal error keeps the batches before it.

Two loads may run at once into the same database. Each checks ids against those stored when it started;
an id the other one stores after that makes a batch's INSERT fail on the primary key. That batch is then
checked against the database inside its own transaction: its rows whose id is stored by now are rejected
as duplicate ids ("id 17 was loaded by another process during this load"), the others inserted. Every
row is loaded by exactly one of the loads or reported as rejected.
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

#: Ids per ``IN (...)`` when a batch is checked against the database (under SQLite's variable limit).
_IDS_PER_QUERY: Final = 500

_INSERT: Final = (
    f"INSERT INTO customers ({', '.join(CUSTOMER_FIELDS)}) VALUES ({', '.join('?' for _ in CUSTOMER_FIELDS)})"
)


@dataclass
class LoadResult:
    """What ``load_customer_file`` did; ``rejected`` holds the first rejections, ``rejected_count`` all."""

    loaded: int = 0
    rejected_count: int = 0
    rejected: list[RowError] = field(default_factory=list)
    blank_lines: int = 0
    rows_read: int = 0

    def reject(self, error: RowError) -> None:
        """Count a rejected row; keep it to print if it is among the first PRINTED_REJECTIONS."""
        self.rejected_count += 1
        if len(self.rejected) < PRINTED_REJECTIONS:
            self.rejected.append(error)


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
        batch: list[_Checked] = []
        for record in source.records():
            result.rows_read += 1
            checked = _check_customer(record, columns, seen, existing)
            if isinstance(checked, RowError):
                result.reject(checked)
                continue
            batch.append(checked)
            if len(batch) >= batch_size:
                _insert(conn, batch, columns, policy, result)
                batch = []
        if batch:
            _insert(conn, batch, columns, policy, result)
        result.blank_lines = source.blank_lines
    result.rejected.sort(key=lambda error: error.row_number)
    return result


@dataclass(frozen=True)
class _Checked:
    """A row that passed the checks: its values ready for INSERT, and the record it came from."""

    record: Record
    row: tuple[Any, ...]

    @property
    def customer_id(self) -> int:
        return int(self.row[0])


def _check_customer(record: Record, columns: Columns, seen: dict[int, int],
                    existing: set[int]) -> _Checked | RowError:
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
    row = (customer_id, *(values[name] if values[name].strip() else None for name in CUSTOMER_FIELDS[1:]))
    return _Checked(record, row)


def _insert(conn: sqlite3.Connection, batch: list[_Checked], columns: Columns, policy: db.RetryPolicy,
            result: LoadResult) -> None:
    """Insert the batch in one transaction; rows whose id another process stored meanwhile are rejected."""
    try:
        db.run_transaction(conn, lambda c: c.executemany(_INSERT, [item.row for item in batch]),
                           operation=f"inserting {len(batch)} customers", policy=policy)
        result.loaded += len(batch)
        return
    except sqlite3.IntegrityError:
        pass  # rolled back: an id of the batch is stored by now (ids stored at the start were rejected)
    taken = db.run_transaction(conn, lambda c: _insert_untaken(c, batch),
                               operation=f"inserting {len(batch)} customers, some loaded meanwhile by another process",
                               policy=policy)
    log.warning("ids loaded by another process during this load", extra={"rows": len(batch), "taken": len(taken)})
    result.loaded += len(batch) - len(taken)
    for item in taken:
        result.reject(row_error(item.record, "id", DUPLICATE_ID,
                                f"id {item.customer_id} was loaded by another process during this load",
                                columns.values(item.record.fields)))


def _insert_untaken(conn: sqlite3.Connection, batch: list[_Checked]) -> list[_Checked]:
    """Insert the rows whose id is not stored yet and return the others. The check and the insert are one
    transaction (the caller's): if another process stores ids in between, SQLite refuses this write as
    busy and run_transaction runs both again."""
    stored: set[int] = set()
    ids = [item.customer_id for item in batch]
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start:start + _IDS_PER_QUERY]
        query = f"SELECT id FROM customers WHERE id IN ({', '.join('?' for _ in chunk)})"
        stored.update(row[0] for row in conn.execute(query, chunk))
    conn.executemany(_INSERT, [item.row for item in batch if item.customer_id not in stored])
    return [item for item in batch if item.customer_id in stored]


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
