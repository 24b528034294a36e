"""``serve --record-requests DIR``: whole HTTP requests, their answers and their store reads, into a corpus.

    recorder = open_request_recorder(Path("corpora/scoring-requests"), model_version="fraud-2026.12.1")
    store = RecordingStore(SqliteAccountStore(db))          # notes every read of the current request
    app = RequestRecording(create_app(ScoringService(store, …)), recorder)

``RequestRecording`` is a pure ASGI middleware around the whole app (routing, body read, checks, rules,
kernel, serialisation are all inside what it records). Per request it opens a list of reads in a context
variable; ``RecordingStore`` appends each read (name, arguments, answer) to it. The handler scores on a
worker thread, and anyio copies the context into that thread, so the reads land in the request's own list
even with requests in flight concurrently. When the response is complete the reads become content-addressed
fixtures and the request one line (``parity.recorder``; the format is scoring/request_corpus.py).

The recorder never changes the answer: a request that cannot be recorded is counted by the recorder, and
the client gets what it would have got.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scoring.request_corpus import (
    BLOCKED_MERCHANTS,
    CANDIDATE_ADAPTER,
    HISTORY,
    KERNEL,
    PROFILE,
    REFERENCE_ADAPTER,
    UNRECORDED_PATHS,
    encode_body,
    read_fixture,
    response_output,
)
from scoring.store import AccountStore

log = logging.getLogger(__name__)

#: The reads of the request being handled: (read, arguments, answer), in the order made.
_reads: contextvars.ContextVar[list[tuple[str, list[Any], Any]] | None] = contextvars.ContextVar(
    "scoring_request_reads", default=None)
_REQUEST_ID_HEADER = b"x-request-id"


class RecordingStore:
    """An `AccountStore` that answers from ``inner`` and notes each read in the current request's list."""

    def __init__(self, inner: AccountStore) -> None:
        self.inner = inner

    def profile(self, account_id: str) -> dict[str, Any] | None:
        return _noted(PROFILE, [account_id], self.inner.profile(account_id))

    def history(self, account_id: str) -> list[dict[str, Any]]:
        return _noted(HISTORY, [account_id], self.inner.history(account_id))

    def blocked_merchants(self, merchant_ids: Sequence[str]) -> list[str]:
        return _noted(BLOCKED_MERCHANTS, [list(merchant_ids)], self.inner.blocked_merchants(merchant_ids))

    def __getattr__(self, name: str) -> Any:  # health(), close(): the inner store's
        return getattr(self.inner, name)


def _noted(read: str, arguments: list[Any], answer: Any) -> Any:
    reads = _reads.get()
    if reads is not None:
        reads.append((read, arguments, answer))
    return answer


def open_request_recorder(directory: Path, *, model_version: str, description: str = "",
                          block_when_full: bool = False) -> Any:
    """A ``parity.recorder.Recorder`` for whole requests (OSError/ValueError if the folder cannot hold it)."""
    from parity.recorder import Recorder

    return Recorder(directory, kernel=KERNEL, reference=REFERENCE_ADAPTER, candidate=CANDIDATE_ADAPTER,
                    service_version=f"scoring (model {model_version})", description=description,
                    block_when_full=block_when_full, fail_fast=True)


class RequestRecording:
    """ASGI middleware: each HTTP request (but UNRECORDED_PATHS) recorded with its answer and store reads; server
    errors (5xx) are not (docs/request-replay.md)."""

    def __init__(self, app: ASGIApp, recorder: Any) -> None:
        self.app = app
        self.recorder = recorder
        #: Answers not recorded: server errors (5xx), or an answer whose body is not JSON.
        self.not_recorded = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNRECORDED_PATHS:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        response: dict[str, Any] = {"status": 500, "headers": [], "body": []}

        async def receive_noting() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                chunks.append(message.get("body", b""))
            return message

        async def send_noting(message: Message) -> None:
            if message["type"] == "http.response.start":
                response["status"] = message["status"]
                response["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                response["body"].append(message.get("body", b""))
            await send(message)

        reads: list[tuple[str, list[Any], Any]] = []
        token = _reads.set(reads)
        started = time.perf_counter_ns()
        try:
            await self.app(scope, receive_noting, send_noting)
        finally:
            _reads.reset(token)
        duration = time.perf_counter_ns() - started
        # The answer is sent: hashing the reads (a history of 2,000 rows) happens off the event loop.
        await run_in_threadpool(self._record, scope, b"".join(chunks), response, reads, duration)

    def _record(self, scope: Scope, body: bytes, response: dict[str, Any],
                reads: list[tuple[str, list[Any], Any]], duration_ns: int) -> None:
        if response["status"] >= 500:
            # A server error depends on more than the request and its reads (a database that failed, a bug
            # hit by the process's state): replayed, it would answer otherwise and read as reference drift.
            self.not_recorded += 1
            log.warning("request not recorded", extra={"path": scope["path"], "status": response["status"],
                                                       "error": "a server error is not replayable"})
            return
        try:
            output = response_output(response["status"], b"".join(response["body"]))
        except ValueError as exc:
            self.not_recorded += 1
            log.warning("request not recorded", extra={"path": scope["path"], "error": str(exc)})
            return
        request_id = _header(response["headers"]) or _header(scope.get("headers", []))
        fixtures = [self.recorder.fixture(read_fixture(read, arguments, answer))
                    for read, arguments, answer in reads]
        query = scope.get("query_string", b"").decode("latin-1")
        request = {"method": scope["method"], "path": scope["path"], "query": query, "request_id": request_id,
                   **encode_body(body), "reads": fixtures}
        self.recorder.record(input=request, output=output, duration_ns=duration_ns, fixtures=sorted(set(fixtures)))


def _header(headers: Sequence[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name.lower() == _REQUEST_ID_HEADER:
            return value.decode("latin-1")
    return None
