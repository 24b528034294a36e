"""Writing the generated data set: customers, the import file with its truth, and edge-case files.

All files are UTF-8 without BOM, ``\\n`` line endings, ``csv.QUOTE_MINIMAL``; import rows are written as
they are generated, so memory does not grow with ``rows``.
"""

from __future__ import annotations

import csv
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from importer.schema import CUSTOMER_FIELDS, IMPORT_FIELDS
from importer.synth.generator import ImportRow, iter_import_rows
from importer.synth.people import Person, make_customers

if TYPE_CHECKING:
    from _csv import _writer as CsvWriter

CUSTOMERS_FILE: Final = "customers.csv"
IMPORT_FILE: Final = "import.csv"
TRUTH_FILE: Final = "truth.csv"
EMPTY_FILE: Final = "empty.csv"
HEADER_ONLY_FILE: Final = "header-only.csv"
#: ``same_person``: every customer id of the row's person, ";"-separated (the base holds some people twice).
TRUTH_FIELDS: Final = ("row_number", "customer_id", "kind", "same_person")

_BUFFER_BYTES: Final = 1 << 20


@dataclass(frozen=True, slots=True)
class SynthOptions:
    """What to generate; the defaults are those of ``python3 -m importer synth``."""

    customers: int = 200_000
    rows: int = 10_000
    seed: int = 42
    match_rate: float = 0.6
    error_rate: float = 0.02

    def __post_init__(self) -> None:
        if self.customers < 0 or self.rows < 0:
            raise ValueError("customers and rows must not be negative")
        if not (0.0 <= self.match_rate <= 1.0 and 0.0 <= self.error_rate <= 1.0):
            raise ValueError("match_rate and error_rate must be between 0 and 1")


@dataclass(slots=True)
class SynthSummary:
    """What was written, for the CLI summary and for tests."""

    out_dir: Path
    customers: int = 0
    rows: int = 0
    blank_lines: int = 0
    derived_rows: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    file_sizes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _open_csv(path: Path) -> TextIO:
    return open(path, "w", encoding="utf-8", newline="", buffering=_BUFFER_BYTES)


def _csv_writer(stream: TextIO) -> CsvWriter:
    return csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def write_customers(path: Path, customers: Sequence[Person]) -> None:
    """``customers.csv``: the header and one row per customer, in id order."""
    with _open_csv(path) as stream:
        writer = _csv_writer(stream)
        writer.writerow(CUSTOMER_FIELDS)
        writer.writerows(person.customer_row() for person in customers)


def same_person_ids(customers: Sequence[Person]) -> dict[int, str]:
    """Customer id → all ids of that person, ";"-joined in id order (a duplicate points at its original)."""
    groups: dict[int, list[int]] = {}
    for person in customers:
        groups.setdefault(person.duplicate_of or person.id, []).append(person.id)
    return {member: ";".join(map(str, sorted(ids))) for ids in groups.values() for member in ids}


def write_import(
    import_path: Path, truth_path: Path, rows: Iterable[ImportRow], summary: SynthSummary,
    same_person: dict[int, str] | None = None,
) -> None:
    """``import.csv`` and ``truth.csv`` side by side, row by row; counts go into ``summary``."""
    same_person = same_person or {}
    with _open_csv(import_path) as import_stream, _open_csv(truth_path) as truth_stream:
        import_writer, truth_writer = _csv_writer(import_stream), _csv_writer(truth_stream)
        import_writer.writerow(IMPORT_FIELDS)
        truth_writer.writerow(TRUTH_FIELDS)
        kinds = summary.kinds
        for row_number, row in enumerate(rows, start=1):
            if row.blank_line_before:
                import_stream.write("\n")
                summary.blank_lines += 1
            import_writer.writerow(row.values)
            truth_writer.writerow(
                (row_number, row.customer_id or "", row.kind, same_person.get(row.customer_id, ""))
            )
            kinds[row.kind] += 1
            summary.derived_rows += row.customer_id != 0
            summary.rows = row_number


def write_edge_files(out_dir: Path) -> None:
    """``empty.csv`` (0 bytes) and ``header-only.csv`` (the import header line and nothing else)."""
    (out_dir / EMPTY_FILE).write_bytes(b"")
    with _open_csv(out_dir / HEADER_ONLY_FILE) as stream:
        _csv_writer(stream).writerow(IMPORT_FIELDS)


def _rng(seed: int, purpose: str) -> random.Random:
    """Independent streams per file: string seeds are hashed with SHA-512, not ``hash()``, so stable."""
    return random.Random(f"parity-synth/{seed}/{purpose}")


def write_synth_files(options: SynthOptions, out_dir: Path) -> SynthSummary:
    """Generate the whole data set into ``out_dir`` (created if missing).

    >>> summary = write_synth_files(SynthOptions(customers=100, rows=50), Path("/tmp/synth-example"))
    >>> summary.rows, (summary.out_dir / "empty.csv").stat().st_size
    (50, 0)
    """
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = SynthSummary(out_dir=out_dir)
    customers = make_customers(_rng(options.seed, "customers"), options.customers)
    write_customers(out_dir / CUSTOMERS_FILE, customers)
    summary.customers = len(customers)
    rows = iter_import_rows(
        _rng(options.seed, "import"), customers, options.rows, options.match_rate, options.error_rate
    )
    write_import(out_dir / IMPORT_FILE, out_dir / TRUTH_FILE, rows, summary, same_person_ids(customers))
    write_edge_files(out_dir)
    for name in (CUSTOMERS_FILE, IMPORT_FILE, TRUTH_FILE, EMPTY_FILE, HEADER_ONLY_FILE):
        summary.file_sizes[name] = (out_dir / name).stat().st_size
    summary.seconds = time.perf_counter() - started
    return summary
