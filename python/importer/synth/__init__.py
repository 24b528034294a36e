"""A deterministic, seeded generator of messy customer data: a customer base, an import file, its truth.

>>> from pathlib import Path
>>> summary = write_synth_files(SynthOptions(customers=1000, rows=2000, seed=7), Path("/tmp/synth"))
>>> sorted(summary.file_sizes)
['customers.csv', 'empty.csv', 'header-only.csv', 'import.csv', 'truth.csv']
"""

from __future__ import annotations

from importer.synth.generator import ImportRow, iter_import_rows
from importer.synth.people import Person, make_customers, make_person
from importer.synth.writer import SynthOptions, SynthSummary, write_synth_files

__all__ = [
    "ImportRow",
    "Person",
    "SynthOptions",
    "SynthSummary",
    "iter_import_rows",
    "make_customers",
    "make_person",
    "write_synth_files",
]
