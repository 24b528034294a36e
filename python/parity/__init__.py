"""Parity runtime: record a service's hot-function calls into corpora (and, later, switch backends)."""

from __future__ import annotations

__version__ = "0.1.0"
