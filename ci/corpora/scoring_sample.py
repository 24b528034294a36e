"""Send synthetic ``POST /v1/score`` bodies through the scoring service in process, recording the kernel calls.

Usage: ``scoring_sample.py DB CORPUS REQUESTS_DIR [REQUESTS_DIR ...]``. The app (FastAPI, ``--backend python``)
is called over ASGI by httpx, without a socket, exactly as ``serve --record CORPUS`` would record: each body of
each folder in name order, with ``X-Request-ID: <folder name>-<file stem>`` so the corpus ids say where a line
came from. A body the service refuses fails the build: every synthetic request is meant to be scored.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx

from scoring.app import create_app
from scoring.backend import ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.recording import RecordOptions, ScoreRecorder
from scoring.service import ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.store import SqliteAccountStore

DESCRIPTION = ("scoring synth --seed 18 (40 accounts, 40 history transactions each), request sizes 1 to 2,500, "
               "sent through the service in process (ASGI, --backend python)")


async def _send(app: object, folders: list[Path]) -> int:
    sent = 0
    async with httpx.AsyncClient(app=app, base_url="http://scoring") as client:
        for folder in folders:
            for body in sorted(folder.glob("*.json")):
                response = await client.post("/v1/score", content=body.read_bytes(),
                                             headers={"X-Request-ID": f"{folder.parent.name}-{body.stem}",
                                                      "Content-Type": "application/json"})
                if response.status_code != 200:
                    raise SystemExit(f"scoring_sample: {body}: {response.status_code} {response.text[:300]}")
                sent += 1
    return sent


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    db, corpus, folders = Path(argv[0]), Path(argv[1]), [Path(name) for name in argv[2:]]
    model = load_model(BUNDLED_MODEL)
    recorder = ScoreRecorder.open(RecordOptions(corpus, description=DESCRIPTION, block_when_full=True), model)
    backend = ScoringBackend.open("python", model, recorder=recorder)
    try:
        app = create_app(ScoringService(SqliteAccountStore(db), backend, ServiceMetrics()))
        sent = asyncio.run(_send(app, folders))
    finally:
        backend.close(10.0)
        recorder.close()
    print(f"scoring_sample: {sent} requests scored and recorded into {corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
