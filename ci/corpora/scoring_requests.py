"""``ci/build-corpora scoring-requests``: whole scoring requests recorded through the app into a corpus.

    PYTHONPATH=python /usr/bin/python3 ci/corpora/scoring_requests.py WORK_DIR corpora/scoring-requests

Deterministic: ``scoring synth`` with a fixed seed (14 accounts, every status among them, 200 history
transactions each), loaded into a fresh database in WORK_DIR; then requests cut from the synthetic bodies
(contiguous runs of one account's transactions, sizes from 1 to 2,000, drawn from a fixed seed) and one
small request of each way a request is refused, each sent with a fixed ``X-Request-ID`` through the app
as ``serve --record-requests`` runs it (httpx's ASGI transport, in process), with the Python kernel.
Inputs, fixtures and outputs are the same bytes on every run; line ids, ``ts`` and ``duration_ns`` are not.
"""

from __future__ import annotations

import asyncio
import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any, Final

import httpx

from scoring import database
from scoring.app import create_app
from scoring.backend import ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.loader import load_files
from scoring.request_recording import RecordingStore, RequestRecording, open_request_recorder
from scoring.service import ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.store import SqliteAccountStore
from scoring.synth.generator import SynthOptions, generate

SYNTH: Final = SynthOptions(seed=18, accounts=14, history=200, requests=14, transactions=2_000)
SIZES_SEED: Final = 1818
#: (how many, smallest, largest) transactions per request, drawn log-uniformly; then the large ones.
SIZE_BANDS: Final = ((110, 1, 100), (30, 100, 200))
LARGE_SIZES: Final = (1_000, 2_000)
URL: Final = "http://scoring"


def main(argv: list[str]) -> int:
    work, out = Path(argv[1]), Path(argv[2])
    work.mkdir(parents=True, exist_ok=True)
    generate(SYNTH, work)
    db_path = work / "scoring.db"
    db_path.unlink(missing_ok=True)
    conn = database.connect(db_path)
    try:
        load_files(conn, [work / "data.jsonl"])
    finally:
        conn.close()
    bodies = [json.loads(path.read_bytes()) for path in sorted((work / "requests").glob("request-*.json"))]
    requests = scored_requests(bodies) + refused_requests(bodies[0])

    shutil.rmtree(out, ignore_errors=True)
    model = load_model(BUNDLED_MODEL)
    recorder = open_request_recorder(out, model_version=model["version"], block_when_full=True,
                                     description=f"scoring synth seed {SYNTH.seed}: {len(requests)} requests "
                                                 f"(ci/corpora/scoring_requests.py)")
    store = SqliteAccountStore(db_path)
    service = ScoringService(RecordingStore(store), ScoringBackend.open("python", model), ServiceMetrics())
    app = RequestRecording(create_app(service), recorder)
    try:
        asyncio.run(_send_all(app, requests))
    finally:
        recorder.close()
        store.close()
    print(f"recorded {recorder.stats.recorded} of {len(requests)} requests into {out} "
          f"(errors {recorder.stats.errors}, dropped {recorder.stats.dropped})")
    return 0 if recorder.stats.recorded == len(requests) else 1


async def _send_all(app: Any, requests: list[tuple[str, str, bytes]]) -> None:
    async with httpx.AsyncClient(app=app, base_url=URL) as client:
        for index, (method, path, body) in enumerate(requests, start=1):
            await client.request(method, path, content=body, headers={"x-request-id": f"req-{index:06d}"})


def scored_requests(bodies: list[dict[str, Any]]) -> list[tuple[str, str, bytes]]:
    """Contiguous runs of one account's synthetic transactions, of the sizes of SIZE_BANDS and LARGE_SIZES."""
    rng = random.Random(SIZES_SEED)
    sizes = [round(low * (high / low) ** rng.random()) for count, low, high in SIZE_BANDS for _ in range(count)]
    sizes += LARGE_SIZES
    requests = []
    for index, size in enumerate(sizes):
        body = bodies[index % len(bodies)]
        start = rng.randrange(len(body["transactions"]) - size + 1)
        part = {"account_id": body["account_id"], "transactions": body["transactions"][start:start + size]}
        requests.append(("POST", "/v1/score", _json(part)))
    return requests


def refused_requests(body: dict[str, Any]) -> list[tuple[str, str, bytes]]:
    """One small request per way of being refused (docs/scoring-service.md, "Errors"), and the empty request."""
    account, txs = body["account_id"], body["transactions"][:3]

    def with_tx(index: int, **fields: Any) -> bytes:
        changed = [dict(tx) for tx in txs]
        for name, value in fields.items():
            if value is _DROP:
                changed[index].pop(name)
            else:
                changed[index][name] = value
        return _json({"account_id": account, "transactions": changed})

    ok = _json({"account_id": account, "transactions": txs})
    cases = [
        ok[:-7],                                                            # invalid_json: cut short
        b'{"account_id": "acc-\xe9"}',                                    # invalid_json: not UTF-8
        b"[1, 2]",                                                          # wrong_type: not an object
        _json({"transactions": txs}),                                       # missing_field: account_id
        _json({"account_id": account}),                                     # missing_field: transactions
        _json({"account_id": account, "transactions": txs, "note": 1}),     # unknown_field (body)
        _json({"account_id": account, "transactions": {}}),                 # wrong_type: transactions
        with_tx(1, amount=_DROP),                                           # missing_field
        with_tx(2, amout=10),                                               # unknown_field
        with_tx(1, amount="12.50"),                                         # wrong_type
        with_tx(1, amount=1e16),                                            # invalid_value: beyond 1e15
        with_tx(0, mcc="54x1"), with_tx(1, channel="fax"), with_tx(2, lat=91.0),
        with_tx(1, currency="XTS"), with_tx(2, currency="ZZZ"),             # unknown_currency
        with_tx(0, timestamp="2026-03-29T02:30:00"),                        # invalid_timestamp: no offset
        with_tx(1, timestamp="2026-02-30T10:00:00Z"),
        with_tx(2, id=txs[0]["id"]),                                        # duplicate_id
        _json({"account_id": "acc-unknown", "transactions": txs}),          # unknown_account
        _json({"account_id": account, "transactions": []}),                 # scored: no transactions
        _json({"account_id": account, "transactions": [0] * 50_001}),       # too_many_transactions (100 KB)
    ]
    requests = [("POST", "/v1/score", case) for case in cases]
    # Non-finite numbers: the literals Python's json accepts, refused by the service, and an overflow.
    for literal in ("NaN", "Infinity", "-Infinity", "1e999"):
        text = with_tx(1, amount=123.25).decode().replace("123.25", literal)
        requests.append(("POST", "/v1/score", text.encode()))
    requests += [("GET", "/v1/score", b""), ("POST", "/v1/nothing", ok), ("PUT", "/v1/score", ok)]
    return requests


_DROP: Final = object()


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
