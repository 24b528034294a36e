"""The shape of a recorded whole request (corpus kernel ``scoring.request``), shared by recorder and adapters.

One corpus line per HTTP request (docs/request-replay.md):

* ``input``: ``{"method", "path", "query", "request_id", "body" | "body_base64", "reads": [fixture ids]}``;
  ``body`` is the raw body as text when it is UTF-8, else ``body_base64`` (a refused non-UTF-8 body is a
  request worth replaying); ``request_id`` is the id the response carried, sent again as ``X-Request-ID``
  so replay answers with the same id;
* ``output``: ``{"status": int, "body": <the response body, parsed JSON>}``;
* each ``AccountStore`` read the request made is one fixture, content-addressed by the recorder:
  ``{"kind": "scoring.store_read", "read": "profile" | "history" | "blocked_merchants", "arguments": [...],
  "answer": ...}``. The history of an account is stored once however many requests read it.

Both sides go through ``encode_body`` / ``decode_body`` and ``response_output`` so a recording and its
replay cannot disagree on the encoding.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Final

#: The corpus's kernel name and its two adapters (scoring/request_adapters.py).
KERNEL: Final = "scoring.request"
REFERENCE_ADAPTER: Final = "scoring.request_adapters:python"
CANDIDATE_ADAPTER: Final = "scoring.request_adapters:native"

#: The ``kind`` of a fixture holding one store read.
READ_FIXTURE_KIND: Final = "scoring.store_read"
PROFILE: Final = "profile"
HISTORY: Final = "history"
BLOCKED_MERCHANTS: Final = "blocked_merchants"
READS: Final = (PROFILE, HISTORY, BLOCKED_MERCHANTS)

#: Routes not recorded: probes and metrics are not traffic, and their answers are process state.
UNRECORDED_PATHS: Final = frozenset({"/healthz", "/metrics"})


def read_fixture(read: str, arguments: list[Any], answer: Any) -> dict[str, Any]:
    """The fixture content of one store read."""
    return {"kind": READ_FIXTURE_KIND, "read": read, "arguments": arguments, "answer": answer}


def read_key(read: str, arguments: list[Any]) -> str:
    """The lookup key of a read in replay: its name and canonical arguments."""
    return json.dumps([read, arguments], sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def encode_body(body: bytes) -> dict[str, str]:
    """``{"body": text}`` for a UTF-8 body, else ``{"body_base64": …}``."""
    try:
        return {"body": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"body_base64": base64.b64encode(body).decode("ascii")}


def decode_body(request: dict[str, Any]) -> bytes:
    """The raw bytes of a recorded request's body."""
    if "body_base64" in request:
        return base64.b64decode(request["body_base64"])
    text: str = request.get("body", "")
    return text.encode("utf-8")


def response_output(status: int, body: bytes) -> dict[str, Any]:
    """What a request's answer is compared as: the status and the parsed JSON body (ValueError if not JSON)."""
    try:
        parsed = json.loads(body)
    except ValueError as exc:
        raise ValueError(f"the response ({status}) is not JSON: {exc}") from None
    return {"status": status, "body": parsed}
