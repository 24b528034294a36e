"""Where the public test data lives, and small readers for it.

The data is kept in the repository (``data/public``); PARITY_SHARED_DATA overrides the location.
A missing folder fails the tests that need it: a skipped check is a check that cannot fail.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    directory = Path(os.environ.get("PARITY_SHARED_DATA", REPO_ROOT / "data" / "public"))
    if not directory.is_dir():
        raise FileNotFoundError(
            f"public test data not found at {directory}: data/public is part of the repository; "
            "PARITY_SHARED_DATA, when set, must name a folder like it"
        )
    return directory


def read_vectors(name: str) -> list[list[str]]:
    """Rows of a headerless string-metric vector file, e.g. ``read_vectors("jaro_winkler.csv")``."""
    path = shared_data_dir() / "string-metric-vectors" / name
    with path.open(newline="", encoding="utf-8") as file:
        return [row for row in csv.reader(file) if row]
