"""The native (C++) matcher, similarity and normalization, re-exported from the private ``importer._native``.

The compiled module is built by CMake into ``<build>/python/importer/`` (on ``sys.path`` the package picks
it up, see ``importer/__init__.py``) or shipped inside the wheel. Importing this module raises ImportError
when it is not built: callers that can do without it (the backend switch) import it lazily.

    from importer.native import Matcher
    Matcher(customers).match(rows)      # same results and errors as importer.matching.Matcher
"""

from __future__ import annotations

from importer._native import (
    DateParseError,
    Matcher,
    indel_distance,
    indel_ratio,
    jaro,
    jaro_winkler,
    levenshtein,
    levenshtein_ratio,
    normalize_date,
    normalize_email,
    normalize_phone,
    normalize_postcode,
    normalize_text,
    token_set_ratio,
    token_sort_ratio,
)

__all__ = [
    "DateParseError",
    "Matcher",
    "indel_distance",
    "indel_ratio",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "levenshtein_ratio",
    "normalize_date",
    "normalize_email",
    "normalize_phone",
    "normalize_postcode",
    "normalize_text",
    "token_set_ratio",
    "token_sort_ratio",
]
