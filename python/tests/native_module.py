"""Finding the built compiled modules (importer._native, parity._diff) from tests.

Under ctest (PARITY_BUILD_DIR set) the modules must import: a missing build there is a failure, not a
skip. Run by hand without a build, the tests that need them are skipped with the reason.
"""

from __future__ import annotations

import os
from types import ModuleType

import pytest


def native_or_skip() -> ModuleType:
    try:
        from importer import _native as native
    except ImportError as exc:
        if os.environ.get("PARITY_BUILD_DIR"):
            raise AssertionError(f"importer._native is not importable in a CMake test run: {exc}") from exc
        pytest.skip(f"importer._native not built (cmake --workflow --preset dev): {exc}", allow_module_level=True)
    return native


def diff_engine_or_skip() -> None:
    """parity._diff (the diff engine behind parity.diff and the switch's shadow mode), or a skip by hand."""
    from parity import diff

    try:
        diff.require()
    except ImportError as exc:
        if os.environ.get("PARITY_BUILD_DIR"):
            raise AssertionError(f"parity._diff is not importable in a CMake test run: {exc}") from exc
        pytest.skip(str(exc), allow_module_level=True)
