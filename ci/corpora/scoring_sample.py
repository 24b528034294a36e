"""Send synthetic ``POST /v1/score`` bodies through the scoring service in process, recording the kernel calls.

Usage: ``scoring_sample.py DB CORPUS REQUESTS_DIR [REQUESTS_DIR ...]``. The app (FastAPI, ``--backend python``)
is called over ASGI by httpx, without a socket, exactly as ``serve --record CORPUS`` would record: each body of
each folder in name order, with ``X-Request-ID: <folder name>-<file stem>`` so the corpus ids say where a line
came from. A body the service refuses fails the build: every synthetic request is meant to be scored.

Then the **window edges**: the first ``EDGE_REQUESTS`` bodies of the first folder holding at least
``EDGE_MIN_TRANSACTIONS`` transactions again, each with copies of a few of its transactions (same card) exactly
at the kernel's window lengths later and one millisecond short of them (docs/scoring.md §3: an event exactly
one window earlier is out). Random timestamps almost never land there, and a port that evicts one
millisecond late would otherwise match on the whole corpus.

Last the **refusals**: kernel calls the service's own checks never let through, so served traffic holds none,
each breaking one row of docs/scoring.md §1.2's table of errors (`REFUSALS`), recorded with the exception the
reference raises. The port must raise the same type with the same message; replay compares them. A value JSON
cannot carry (NaN, an infinity, an integer beyond a double, which the harness's reader refuses) is no corpus
line: those rows are cross-checked by python/tests/test_scoring_native_checks.py instead.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

from scoring.app import create_app
from scoring.kernel import Scorer
from scoring.request_checks import check_request
from scoring.backend import ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.recording import RecordOptions, ScoreRecorder
from scoring.service import ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.store import SqliteAccountStore
from scoring.timestamps import parse_t_ms

DESCRIPTION = ("scoring synth --seed 18 (40 accounts, 40 history transactions each), request sizes 1 to 2,500 and 10 "
               "requests with transactions exactly at the window lengths, sent through the service in process "
               "(ASGI, --backend python); then 16 kernel calls the service never makes, each breaking one rule of "
               "docs/scoring.md §1.2, recorded with the reference's exception")


EDGE_REQUESTS = 10
EDGE_MIN_TRANSACTIONS = 40
#: Which transactions of an edge request get copies, and the copies' delays: the 1-hour and 24-hour windows.
EDGE_SOURCES = (0, 7, 19)
EDGE_DELAYS_MS = (3_600_000, 3_600_000 - 1, 86_400_000, 86_400_000 - 1)


def _utc(t_ms: int) -> str:
    instant = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(milliseconds=t_ms)
    return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t_ms % 1000:03d}Z"


def _edge_body(body: bytes) -> bytes:
    """`body` with copies of its EDGE_SOURCES transactions at each of EDGE_DELAYS_MS later (ids suffixed)."""
    document = json.loads(body)
    transactions = document["transactions"]
    for index in EDGE_SOURCES:
        source = transactions[index]
        t_ms = parse_t_ms(source["timestamp"])
        for delay in EDGE_DELAYS_MS:
            transactions.append({**source, "id": f"{source['id']}-edge{delay}", "timestamp": _utc(t_ms + delay)})
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


#: (label, what is broken): one call each, from a scored request's profile, history and first transactions.
REFUSALS: dict[str, Callable[[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]], tuple[Any, Any, Any]]] = {
    "transactions-not-a-list": lambda p, h, t: (p, h, {"0": t[0]}),
    "history-not-a-list": lambda p, h, t: (p, "history", t),
    "profile-not-a-mapping": lambda p, h, t: (["FR", "EUR"], h, t),
    "profile-missing-currency": lambda p, h, t: ({"home_country": p["home_country"]}, h, t),
    "record-not-a-mapping": lambda p, h, t: (p, h, [*t[:2], "tx", *t[2:]]),
    "missing-card": lambda p, h, t: (p, h, [t[0], _without(t[1], "card_id")]),
    "history-missing-t-ms": lambda p, h, t: (p, [*h[:3], _without(h[3], "t_ms"), *h[4:]], t),
    "mcc-not-a-string": lambda p, h, t: (p, h, [t[0], {**t[1], "mcc": 5411}]),
    "t-ms-a-bool": lambda p, h, t: (p, h, [{**t[0], "t_ms": True}]),
    "t-ms-a-float": lambda p, h, t: (p, h, [{**t[0], "t_ms": 1.5e12}]),
    "t-ms-out-of-range": lambda p, h, t: (p, h, [{**t[0], "t_ms": 253402300800000}]),
    "amount-a-string": lambda p, h, t: (p, h, [t[0], {**t[1], "amount": "12.50"}]),
    "lat-out-of-range": lambda p, h, t: (p, h, [{**t[0], "lat": 90.5, "lon": 2.0}]),
    "lon-a-string": lambda p, h, t: (p, h, [{**t[0], "lat": 48.0, "lon": "2.35"}]),
    "device-not-a-string": lambda p, h, t: (p, h, [{**t[0], "device_id": 7}]),
    "lat-missing": lambda p, h, t: (p, h, [_without(t[0], "lat")]),
}


def _without(record: dict[str, Any], field: str) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key != field}


def _refusals(recorder: ScoreRecorder, store: SqliteAccountStore, model: dict[str, Any], body: bytes) -> int:
    """Each of REFUSALS recorded as a kernel call of ``body``'s account; SystemExit if one is not refused."""
    request = check_request(json.loads(body))
    profile, history = store.profile(request.account_id), store.history(request.account_id)
    assert profile is not None and len(history) >= 4 and len(request.transactions) >= 3, "a scored request"
    scorer = Scorer(model)
    for label, broken in REFUSALS.items():
        arguments = broken(dict(profile), [dict(record) for record in history],
                           [dict(tx) for tx in request.transactions[:3]])
        try:
            recorder.call(scorer.score, *arguments, request_id=f"refusals-{label}")
        except (TypeError, ValueError):
            continue
        raise SystemExit(f"scoring_sample: refusals-{label}: the reference kernel did not refuse it")
    return len(REFUSALS)


def _bodies(folders: list[Path]) -> list[tuple[str, bytes]]:
    """(label, body) of every request to send, in order: the folders', then the window edges."""
    bodies = [(f"{folder.parent.name}-{path.stem}", path.read_bytes())
              for folder in folders for path in sorted(folder.glob("*.json"))]
    edge_folder = next(folder for folder in folders
                       if len(json.loads(next(iter(sorted(folder.glob("*.json")))).read_bytes())["transactions"])
                       >= EDGE_MIN_TRANSACTIONS)
    for path in sorted(edge_folder.glob("*.json"))[:EDGE_REQUESTS]:
        bodies.append((f"edges-{path.stem}", _edge_body(path.read_bytes())))
    return bodies


async def _send(app: object, bodies: list[tuple[str, bytes]]) -> int:
    async with httpx.AsyncClient(app=app, base_url="http://scoring") as client:
        for label, body in bodies:
            response = await client.post("/v1/score", content=body,
                                         headers={"X-Request-ID": label, "Content-Type": "application/json"})
            if response.status_code != 200:
                raise SystemExit(f"scoring_sample: {label}: {response.status_code} {response.text[:300]}")
    return len(bodies)


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    db, corpus, folders = Path(argv[0]), Path(argv[1]), [Path(name) for name in argv[2:]]
    model = load_model(BUNDLED_MODEL)
    recorder = ScoreRecorder.open(RecordOptions(corpus, description=DESCRIPTION, block_when_full=True), model)
    backend = ScoringBackend.open("python", model, recorder=recorder)
    try:
        bodies = _bodies(folders)
        app = create_app(ScoringService(SqliteAccountStore(db), backend, ServiceMetrics()))
        sent = asyncio.run(_send(app, bodies))
        refused = _refusals(recorder, SqliteAccountStore(db), model, bodies[-1][1])  # a window-edge request
    finally:
        backend.close(10.0)
        recorder.close()
    print(f"scoring_sample: {sent} requests scored and {refused} refused kernel calls recorded into {corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
