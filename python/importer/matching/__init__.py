"""The row-matching hot path, in plain Python: the reference the native port must match exactly.

docs/matching.md is the specification; this package is its executable form.
"""

from __future__ import annotations

from importer.matching.config import DEFAULT_WEIGHTS, MatchConfig
from importer.matching.matcher import MATCHED, NEW, POSSIBLE, Matcher

__all__ = ["DEFAULT_WEIGHTS", "MATCHED", "NEW", "POSSIBLE", "MatchConfig", "Matcher"]
