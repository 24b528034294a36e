"""``python3 -m importer synth``: write a seeded, messy customer base and import file into a folder."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Final

from importer.cli_numbers import SQLITE_INTEGER_MAX, WholeNumber
from importer.synth.invalid import INVALID_KINDS
from importer.synth.writer import SynthOptions, SynthSummary, write_synth_files

_DEFAULTS = SynthOptions()

#: The customers are held in memory while the import rows are derived from them.
CUSTOMERS: Final = WholeNumber(0, 10_000_000)
#: Import rows are written as they are generated; their row numbers stay far inside SQLite's INTEGER.
ROWS: Final = WholeNumber(0, 1_000_000_000)
#: Any seed of this range gives its own files; the range keeps it a signed 64-bit integer wherever recorded.
SEED: Final = WholeNumber(0, SQLITE_INTEGER_MAX)


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def add_synth_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``synth`` subcommand.

    >>> parser = argparse.ArgumentParser()
    >>> add_synth_arguments(parser)
    >>> parser.parse_args(["--out", "data", "--rows", "2000"]).rows
    2000
    """
    parser.add_argument(
        "--out", required=True, type=Path, metavar="DIR",
        help="folder to write the files into (created if needed)",
    )
    parser.add_argument(
        "--customers", type=CUSTOMERS, default=_DEFAULTS.customers, metavar="N",
        help=f"customers in customers.csv, {CUSTOMERS.describe()} (default {_DEFAULTS.customers})",
    )
    parser.add_argument(
        "--rows", type=ROWS, default=_DEFAULTS.rows, metavar="N",
        help=f"records in import.csv, {ROWS.describe()} (default {_DEFAULTS.rows})",
    )
    parser.add_argument(
        "--seed", type=SEED, default=_DEFAULTS.seed, metavar="N",
        help=f"random seed, {SEED.describe()}; the same seed and options give byte-identical files "
             f"(default {_DEFAULTS.seed})",
    )
    parser.add_argument(
        "--match-rate", type=_fraction, default=_DEFAULTS.match_rate, metavar="F",
        help=f"fraction of import rows derived from a customer (default {_DEFAULTS.match_rate})",
    )
    parser.add_argument(
        "--error-rate", type=_fraction, default=_DEFAULTS.error_rate, metavar="F",
        help=f"fraction of deliberately invalid import rows (default {_DEFAULTS.error_rate})",
    )


def format_summary(summary: SynthSummary) -> str:
    """A few lines: each file and its size, the row counts, and how long it took."""
    invalid = sum(summary.kinds[kind] for kind in INVALID_KINDS)
    lines = [f"wrote {summary.out_dir}/"]
    lines += [f"  {name:<16} {size:>14,} bytes" for name, size in summary.file_sizes.items()]
    lines.append(
        f"customers {summary.customers:,}; import rows {summary.rows:,} ({summary.derived_rows:,} from "
        f"customers, {invalid:,} invalid, {summary.blank_lines:,} blank lines); {len(summary.kinds)} kinds; "
        f"{summary.seconds:.1f} s"
    )
    return "\n".join(lines)


def run_synth(args: argparse.Namespace) -> int:
    """Generate the files the parsed ``args`` ask for, print a summary, return the exit code (0)."""
    options = SynthOptions(
        customers=args.customers,
        rows=args.rows,
        seed=args.seed,
        match_rate=args.match_rate,
        error_rate=args.error_rate,
    )
    summary = write_synth_files(options, args.out)
    print(format_summary(summary))
    return 0
