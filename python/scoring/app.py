"""The ASGI app: ``POST /v1/score``, ``GET /healthz``, ``GET /metrics``; every error in one JSON shape.

    app = create_app(service, health=store.health)
    uvicorn.run(app, host="127.0.0.1", port=8080)        # what `python3 -m scoring serve` does

``/v1/score`` reads the body itself (no pydantic model: see request_checks.py) and scores it on a worker
thread, so the event loop keeps answering ``/healthz`` and ``/metrics`` during a long request. FastAPI's own
errors (a bad query parameter's 422, an unknown route's 404, a wrong method's 405) are answered in the
same shape as the service's (errors.py). Each request gets one log line, ``scored`` or ``refused``, with the
same fields whichever backend answered.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scoring import errors
from scoring.errors import ApiError, error_body
from scoring.service import ScoringService
from scoring.service_metrics import CONTENT_TYPE

log = logging.getLogger(__name__)

#: The largest body read: 50,000 transactions of a few hundred bytes each fit with room to spare.
MAX_BODY_BYTES: Final = 64 * 1024 * 1024
#: A client's request id, echoed in the response and every log line; one is made up when absent.
REQUEST_ID_HEADER: Final = "x-request-id"
_MAX_REQUEST_ID_LENGTH: Final = 128

_HTTP_CODES: Final = {404: errors.NOT_FOUND, 405: errors.METHOD_NOT_ALLOWED}


def create_app(service: ScoringService, *, health: Callable[[], None] | None = None) -> FastAPI:
    """The app around ``service``; ``health`` is called by ``/healthz?deep=true`` and raises if unhealthy."""
    app = FastAPI(title="Fraud scoring", openapi_url=None, docs_url=None, redoc_url=None)
    metrics = service.metrics

    @app.post("/v1/score")
    async def score(request: Request) -> Response:
        request_id = _request_id(request)
        started = time.perf_counter()
        try:
            body = await _read_body(request)
            answer = await run_in_threadpool(service.score, body, request_id)
        except ApiError as exc:
            metrics.errors.labels(exc.code).inc()
            log.info("refused", extra={"request_id": request_id, "status": exc.status, "code": exc.code,
                                       "field": exc.field, "error": exc.message,
                                       "duration_ms": _ms_since(started)})
            return _error_response(exc.status, exc.code, exc.message, exc.field, request_id)
        except Exception as exc:  # noqa: BLE001 - a database or service bug: still the one error shape
            metrics.errors.labels(errors.INTERNAL).inc()
            log.exception("failed", extra={"request_id": request_id, "status": 500, "code": errors.INTERNAL,
                                           "error": f"{type(exc).__name__}: {exc}", "duration_ms": _ms_since(started)})
            return _error_response(500, errors.INTERNAL, f"internal error ({type(exc).__name__}); see the service's "
                                                         f"log for request {request_id}", None, request_id)
        log.info("scored", extra={"request_id": request_id, "status": 200, "backend": answer.backend,
                                  "transactions": answer.transactions, **answer.decisions,
                                  "duration_ms": _ms_since(started), **answer.times.log_fields()})
        return Response(answer.body, media_type="application/json", headers={REQUEST_ID_HEADER: request_id})

    @app.get("/healthz")
    def healthz(deep: bool = False) -> dict[str, Any]:
        """Liveness; ``deep=true`` also reads the database (503 if it cannot)."""
        if deep and health is not None:
            try:
                health()
            except Exception as exc:  # noqa: BLE001 - any failure of the check is the answer
                raise ApiError(errors.INTERNAL, f"database check failed: {exc}", status=503) from None
        backend = service.backend
        return {"status": "ok", "model_version": backend.version, "mode": str(backend.switch.mode),
                "native_note": backend.native_note}

    @app.get("/metrics")
    def metrics_text() -> Response:
        text = metrics.render() + service.backend.render_metrics()
        return Response(text, media_type=CONTENT_TYPE)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        metrics.errors.labels(exc.code).inc()
        return _error_response(exc.status, exc.code, exc.message, exc.field, _request_id(request))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        code = errors.MISSING_FIELD if first["type"] == "value_error.missing" else errors.INVALID_VALUE
        metrics.errors.labels(code).inc()
        return _error_response(422, code, f"{field}: {first['msg']}", field, _request_id(request))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, errors.HTTP_ERROR)
        message = f"{request.method} {request.url.path}: {exc.detail}"
        metrics.errors.labels(code).inc()
        return _error_response(exc.status_code, code, message, None, _request_id(request))

    app.add_middleware(_RequestMetrics, metrics=metrics)
    return app


class _RequestMetrics:
    """Counts every response by route template and status and times it (pure ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp, metrics: Any) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_noting_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.observe_request(template, status[0], time.perf_counter() - started)


async def _read_body(request: Request) -> bytes:
    """The body, refused (413) beyond MAX_BODY_BYTES without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> ApiError:
    return ApiError(errors.BODY_TOO_LARGE, f"body: larger than {MAX_BODY_BYTES:,} bytes")


def _request_id(request: Request) -> str:
    given = request.headers.get(REQUEST_ID_HEADER)
    if given and len(given) <= _MAX_REQUEST_ID_LENGTH and given.isascii() and given.isprintable():
        return given
    return uuid.uuid4().hex


def _error_response(status: int, code: str, message: str, field: str | None, request_id: str) -> JSONResponse:
    return JSONResponse(error_body(code, message, field), status_code=status, headers={REQUEST_ID_HEADER: request_id})


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
