"""One big ``POST /v1/score`` through the ASGI app, in process, split into the service's stages.

Generates (``scoring synth``) one account per region with its history and one request of ``--transactions``
transactions, loads them into a fresh database, then sends the request ``--repeat`` times through the app
(httpx.AsyncClient on the ASGI app: no socket) and prints, per pass, the wall time of the call and the
service's own stage times (parse, validate, load, rules, kernel, serialise: the ``*_ms`` fields of its
``scored`` log line), then the median of each.

    PYTHONPATH=python /usr/bin/python3 bench/scoring_request_stages.py /tmp/scoring-bench
    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/scoring_request_stages.py /tmp/b --backend native
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

from scoring import database
from scoring.app import create_app
from scoring.backend import ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.loader import load_files
from scoring.service import ScoreAnswer, ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.stage_times import STAGES
from scoring.store import SqliteAccountStore
from scoring.synth.generator import SynthOptions, generate


def prepare(folder: Path, transactions: int, history: int, seed: int) -> tuple[Path, bytes]:
    """``folder`` emptied of a previous database, one request written and its accounts loaded: the database's
    path and the request's body."""
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "scoring.db"
    db_path.unlink(missing_ok=True)
    generate(SynthOptions(seed=seed, accounts=7, history=history, requests=1, transactions=transactions), folder)
    conn = database.connect(db_path)
    load_files(conn, [folder / "data.jsonl"])
    conn.close()
    return db_path, (folder / "requests" / "request-0001.json").read_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the synthetic files and the database go (emptied)")
    parser.add_argument("--transactions", type=int, default=50_000)
    parser.add_argument("--history", type=int, default=2_000, help="history transactions per account")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", default="python")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    db_path, body = prepare(args.folder, args.transactions, args.history, args.seed)

    store = SqliteAccountStore(db_path)
    service = ScoringService(store, ScoringBackend.open(args.backend, load_model(BUNDLED_MODEL)), ServiceMetrics())
    answers: list[ScoreAnswer] = []
    score = service.score

    def noting(content: bytes, request_id: str) -> ScoreAnswer:
        answers.append(score(content, request_id))
        return answers[-1]

    service.score = noting  # type: ignore[method-assign]
    app = create_app(service)
    print(f"request: {args.transactions:,} transactions, {len(body) / 1e6:.1f} MB; history {args.history:,}; "
          f"backend {args.backend}")
    print("pass  " + "  ".join(f"{name:>9}" for name in ("call", *STAGES)) + "   (ms)")
    rows: list[list[float]] = []
    for index in range(args.repeat):
        wall = asyncio.run(_call(app, body))
        stages = [answers[-1].times.seconds[name] * 1000 for name in STAGES]
        rows.append([wall * 1000, *stages])
        print(f"{index + 1:>4}  " + "  ".join(f"{value:>9.1f}" for value in rows[-1]) +
              f"   backend {answers[-1].backend}")
    medians = [statistics.median(column) for column in zip(*rows)]
    print("med.  " + "  ".join(f"{value:>9.1f}" for value in medians))
    return 0


async def _call(app: object, body: bytes) -> float:
    async with httpx.AsyncClient(app=app, base_url="http://bench") as client:
        started = time.perf_counter()
        response = await client.post("/v1/score", content=body, headers={"content-type": "application/json"})
        wall = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"status {response.status_code}: {response.text[:500]}")
    return wall


if __name__ == "__main__":
    sys.exit(main())
