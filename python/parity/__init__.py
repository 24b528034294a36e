"""Parity runtime: switch a hot function between reference and candidate, compare, record corpora."""

from __future__ import annotations

import pkgutil
from typing import Any

# The compiled module parity._diff is built outside the source tree (<build>/python/parity/); with
# <build>/python on sys.path this makes it part of the package. An installed wheel has it here.
__path__ = pkgutil.extend_path(__path__, __name__)

__version__ = "0.1.0"

__all__ = ["stage"]


def __getattr__(name: str) -> Any:
    """``parity.stage`` (stage spans, parity/profiling/stage.py), imported on first use."""
    if name == "stage":
        from parity.profiling.stage import stage

        return stage
    raise AttributeError(f"module 'parity' has no attribute {name!r}")
