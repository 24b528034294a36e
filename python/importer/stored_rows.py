"""The rows one batch inserts into ``matches`` and ``row_errors``, made with as little work per row as possible.

A batch stores ~1,000 rows; at 1.5 million rows a job spends seconds in what is done per row here, so each
row is one tuple built from C-level lookups, and ``field_scores`` is encoded by an encoder made once for
the job instead of by ``json.dumps`` (which sets up its encoder again on every call: 2.8 µs against
1.4 µs per row, bench/LOG.md 2026-12-08). The text is the same as ``json.dumps(field_scores)`` gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json import encoder as _json_encoder
from operator import itemgetter
from typing import Any, Final, Protocol

from importer.schema import EXTERNAL_REF

INSERT_MATCHES: Final = (
    "INSERT INTO matches (job_id, row_number, line_number, external_ref, status, customer_id, score, "
    "field_scores, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_ROW_ERRORS: Final = (
    "INSERT INTO row_errors (job_id, row_number, line_number, field, code, message, raw) VALUES (?, ?, ?, ?, ?, ?, ?)"
)

_RESULT_COLUMNS: Final = itemgetter("status", "customer_id", "score", "field_scores", "candidates")


class _Row(Protocol):
    row_number: int
    line_number: int
    values: dict[str, str]


class _Error(Protocol):
    row_number: int
    line_number: int
    field: str | None
    code: str
    message: str

    def raw_json(self) -> str | None: ...


def json_text_encoder() -> Callable[[Any], str]:
    """``json.dumps`` with its default arguments, as one function made once (the C encoder when present)."""
    make = _json_encoder.c_make_encoder
    if make is None:  # a Python built without the _json accelerator
        return json.dumps
    default = json.JSONEncoder()
    # The arguments JSONEncoder.iterencode passes for json.dumps's defaults; markers None: no cycle check,
    # which a dict of floats does not need.
    encode = make(None, default.default, _json_encoder.encode_basestring_ascii, None, ": ", ", ", False, False,
                  True)
    return lambda value: "".join(encode(value, 0))


def match_rows(job_id: int, results: Iterable[tuple[_Row, dict[str, Any]]],
               encode: Callable[[Any], str]) -> list[tuple[Any, ...]]:
    """The ``matches`` rows of a batch's results (row, result dict), for INSERT_MATCHES."""
    rows = []
    append = rows.append
    for row, result in results:
        status, customer_id, score, field_scores, candidates = _RESULT_COLUMNS(result)
        append((job_id, row.row_number, row.line_number, row.values[EXTERNAL_REF] or None, status, customer_id,
                score, encode(field_scores), candidates))
    return rows


def error_rows(job_id: int, errors: Iterable[_Error]) -> list[tuple[Any, ...]]:
    """The ``row_errors`` rows of a batch, for INSERT_ROW_ERRORS."""
    return [(job_id, e.row_number, e.line_number, e.field, e.code, e.message, e.raw_json()) for e in errors]
