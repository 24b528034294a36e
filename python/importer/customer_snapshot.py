"""The customer base as one job reads it at its start, kept compact: what both matchers are built from.

A job reads its customers once, in one transaction, and every matcher it builds uses exactly those rows,
even if ``customers load`` changes the table meanwhile. They are kept as pickled chunks of row tuples (about
a hundred bytes per customer, against ~900 for a list of dicts), so that

* the native index is built chunk by chunk (``importer._native.Matcher.from_chunks``), never from a list of
  all customers as dicts, and
* the Python reference matcher can still be built later, from the same rows, only if the job needs it (a
  native failure's fallback; ``lazy_reference.py``).

    snapshot = CustomerSnapshot.read(conn)       # SELECT ... ORDER BY id, fetched CHUNK_ROWS at a time
    native = NativeMatcher.from_chunks(snapshot.chunks(), config)
    reference = Matcher(snapshot.customers())    # one list of dicts, ordered by id
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from typing import Any, Final

from importer.schema import CUSTOMER_FIELDS

#: Rows fetched, pickled and handed to the native builder at a time: big enough that per-chunk costs vanish,
#: small enough that one chunk's dicts (~1 kB each) are a few megabytes.
CHUNK_ROWS: Final = 8192

_SELECT: Final = f"SELECT {', '.join(CUSTOMER_FIELDS)} FROM customers ORDER BY id"


class CustomerSnapshot:
    """Every customer as of one read, ordered by id: ``chunks()`` and ``customers()`` give them as dicts of
    CUSTOMER_FIELDS (NULL columns as None)."""

    def __init__(self, pickled_chunks: list[bytes], count: int) -> None:
        self._chunks = pickled_chunks
        self._count = count

    @classmethod
    def read(cls, conn: sqlite3.Connection, chunk_rows: int = CHUNK_ROWS) -> CustomerSnapshot:
        """Read the customers table (in the caller's transaction, so it is one consistent snapshot)."""
        cursor = conn.execute(_SELECT)
        chunks: list[bytes] = []
        count = 0
        while rows := cursor.fetchmany(chunk_rows):
            chunks.append(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))
            count += len(rows)
        return cls(chunks, count)

    @classmethod
    def of(cls, customers: list[dict[str, Any]], chunk_rows: int = CHUNK_ROWS) -> CustomerSnapshot:
        """A snapshot of customers already in memory (tests, tools): dicts of CUSTOMER_FIELDS."""
        rows = [tuple(customer.get(name) for name in CUSTOMER_FIELDS) for customer in customers]
        chunks = [pickle.dumps(rows[start:start + chunk_rows], protocol=pickle.HIGHEST_PROTOCOL)
                  for start in range(0, len(rows), chunk_rows)]
        return cls(chunks, len(rows))

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        """Bytes the snapshot holds (its pickled chunks)."""
        return sum(len(chunk) for chunk in self._chunks)

    def chunks(self) -> Iterator[list[dict[str, Any]]]:
        """The customers as lists of at most CHUNK_ROWS dicts; one chunk's dicts exist at a time."""
        fields = CUSTOMER_FIELDS
        for pickled in self._chunks:
            yield [dict(zip(fields, row)) for row in pickle.loads(pickled)]

    def customers(self) -> list[dict[str, Any]]:
        """All customers as one list of dicts (what the Python matcher and ``--record``'s fixture take)."""
        return [customer for chunk in self.chunks() for customer in chunk]
