"""Request adapters: a recorded whole HTTP request replayed through the real app, without a database.

The corpus format is scoring/request_corpus.py (kernel ``scoring.request``); the adapter protocol is
corpora/README.md ("Adapters"). ``setup(fixtures)`` builds the app as ``serve`` does (the bundled model,
``--backend python`` or ``native``, the garbage collector set as scoring/collector.py sets it) over a
`ReplayStore` that answers only the reads recorded in the fixtures. ``run(context, input)`` sends the request
through the app in process, by a direct ASGI call (no socket, no HTTP client: routing, body read, JSON parse,
checks, store reads, rules, kernel and serialisation are the app's own), and returns
``{"status": int, "body": <parsed JSON>}``. ``stages(context)`` returns the service's own stage times of the
request just run (stage_times.py: parse, validate, load, rules, kernel, serialise, in seconds), or None for a
request the service refused or never reached: what `parity replay` sums into the report's "Where the time
goes" (``--ported-stage kernel``: the Amdahl bound of the port).

Hermetic: a read the request did not record (another account, other merchant ids) raises
`UnrecordedRead` naming the read and its arguments; nothing ever opens a database. The request's
``request_id`` is sent as ``X-Request-ID``, so the answer carries the recorded id.

    context = python.setup(corpus.load_fixtures())
    python.run(context, entry.input)       # {"status": 200, "body": {"request_id": …, "results": […], …}}
    python.stages(context)                  # {"parse": 0.0003, "validate": 0.0011, …, "kernel": 0.0052, …}
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message

from scoring import collector
from scoring.app import create_app
from scoring.backend import ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.request_corpus import (
    BLOCKED_MERCHANTS,
    HISTORY,
    PROFILE,
    READ_FIXTURE_KIND,
    decode_body,
    read_key,
    response_output,
)
from scoring.service import ScoreAnswer, ScoringService
from scoring.service_metrics import ServiceMetrics

#: The recorded reads of the request being replayed: read key -> answer.
_allowed: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar("scoring_replay_reads",
                                                                                   default=None)


class UnrecordedRead(LookupError):
    """The app asked the store for something the request's recording does not hold."""


class ReplayStore:
    """An `AccountStore` answering each read from the current request's recorded reads, and nothing else.

    A miss is raised (the app turns it into a 500) and also kept in ``misses``, so the adapter can raise it
    to replay instead of comparing a 500 that merely says the recording is incomplete.
    """

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self._answers = answers
        self.misses: list[str] = []

    def profile(self, account_id: str) -> dict[str, Any] | None:
        result: dict[str, Any] | None = self._answer(PROFILE, [account_id])
        return result

    def history(self, account_id: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._answer(HISTORY, [account_id])
        return result

    def blocked_merchants(self, merchant_ids: Sequence[str]) -> list[str]:
        result: list[str] = self._answer(BLOCKED_MERCHANTS, [list(merchant_ids)])
        return result

    def _answer(self, read: str, arguments: list[Any]) -> Any:
        key = read_key(read, arguments)
        allowed = _allowed.get()
        if allowed is None or key not in allowed:
            shown = ", ".join(_short(argument) for argument in arguments)
            miss = f"unrecorded store read {read}({shown}): the recording holds no such read for this request"
            self.misses.append(miss)
            raise UnrecordedRead(miss)
        return allowed[key]


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(value)} items)"


@dataclass
class _Context:
    app: ASGIApp
    store: ReplayStore
    loop: asyncio.AbstractEventLoop
    #: fixture id -> (read key, answer), for the reads a request lists.
    reads: dict[str, tuple[str, Any]]
    #: The service's answer to the request being (or last) run; None until the service answers one.
    answer: ScoreAnswer | None = None


class RequestAdapter:
    """Replays recorded requests through the app with the kernel of one ``--backend`` mode."""

    def __init__(self, backend: str) -> None:
        self.backend = backend

    def setup(self, fixtures: Mapping[str, Any]) -> _Context:
        reads: dict[str, tuple[str, Any]] = {}
        for fixture_id, content in fixtures.items():
            if isinstance(content, Mapping) and content.get("kind") == READ_FIXTURE_KIND:
                reads[fixture_id] = (read_key(content["read"], content["arguments"]), content["answer"])
        store = ReplayStore({})
        service = self.service(store)
        score = service.score

        def keeping_the_answer(body: bytes, request_id: str) -> ScoreAnswer:
            # On the app's worker thread; run() waits for it, so the context is not shared meanwhile.
            answer = score(body, request_id)
            context.answer = answer
            return answer

        service.score = keeping_the_answer  # type: ignore[method-assign]
        context = _Context(create_app(service), store, asyncio.new_event_loop(), reads)
        collector.tune(collector.DEFAULT_THRESHOLD)  # the garbage collector as `serve` sets it
        return context

    def service(self, store: ReplayStore) -> ScoringService:
        """The service as ``serve --backend`` builds it, over ``store``."""
        backend = ScoringBackend.open(self.backend, load_model(BUNDLED_MODEL))
        return ScoringService(store, backend, ServiceMetrics())

    def stages(self, context: _Context) -> dict[str, float] | None:
        """The service's stage seconds of the request run last; None if the service refused it or never
        got it (a bad route, a refused body: ApiError before an answer)."""
        return dict(context.answer.times.seconds) if context.answer is not None else None

    def run(self, context: _Context, request: Mapping[str, Any]) -> dict[str, Any]:
        allowed = {}
        for fixture_id in request.get("reads", []):
            if fixture_id not in context.reads:
                raise UnrecordedRead(f"reads: fixture {fixture_id} is not a store read of this corpus")
            key, answer = context.reads[fixture_id]
            allowed[key] = answer
        context.store.misses.clear()
        context.answer = None
        status, body = context.loop.run_until_complete(_call(context.app, request, allowed))
        if context.store.misses:
            raise UnrecordedRead("; ".join(context.store.misses))
        output = response_output(status, body)
        self._check_backend(output)
        return output

    def _check_backend(self, output: dict[str, Any]) -> None:
        """A fallback to the other kernel is no answer of this one: raised, so replay reports it."""
        summary = output["body"].get("summary") if isinstance(output["body"], dict) else None
        answered = summary.get("backend") if isinstance(summary, dict) else None
        if answered is not None and answered != self.backend:
            raise RuntimeError(f"/body/summary/backend: answered by {answered!r}, not {self.backend!r} "
                               f"(the switch fell back)")

    def __repr__(self) -> str:
        return f"RequestAdapter({self.backend!r})"


async def _call(app: ASGIApp, request: Mapping[str, Any], allowed: dict[str, Any]) -> tuple[int, bytes]:
    """One HTTP request through ``app`` as an ASGI server would send it; the status and the body."""
    _allowed.set(allowed)
    body = decode_body(dict(request))
    headers = [(b"content-length", str(len(body)).encode("ascii")), (b"content-type", b"application/json")]
    if request.get("request_id"):
        headers.append((b"x-request-id", str(request["request_id"]).encode("latin-1")))
    path = str(request["path"])
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
             "method": request["method"], "scheme": "http", "path": path, "raw_path": path.encode("utf-8"),
             "query_string": str(request.get("query", "")).encode("latin-1"), "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 0), "server": ("replay", 80)}
    delivered = False
    status = 500
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


#: The whole request with the Python reference kernel: what the corpus's manifest names as reference.
python = RequestAdapter("python")

#: The whole request with the native kernel (scoring._native): the candidate.
native = RequestAdapter("native")
