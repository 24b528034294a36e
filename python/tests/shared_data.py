"""Where the public test data in shared/data lives, and small readers for it.

The data sits beside the repository (``../shared/data``); PARITY_SHARED_DATA overrides the location.
A missing folder fails the tests that need it: a skipped check is a check that cannot fail.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    directory = Path(os.environ.get("PARITY_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
    if not directory.is_dir():
        raise FileNotFoundError(
            f"shared test data not found at {directory}: clone next to shared/ or set PARITY_SHARED_DATA"
        )
    return directory


def read_vectors(name: str) -> list[list[str]]:
    """Rows of a headerless string-metric vector file, e.g. ``read_vectors("jaro_winkler.csv")``."""
    path = shared_data_dir() / "string-metric-vectors" / name
    with path.open(newline="", encoding="utf-8") as file:
        return [row for row in csv.reader(file) if row]
