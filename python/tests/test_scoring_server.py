"""``python3 -m scoring serve``: a real uvicorn process on a free port, answering a real httpx client."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.scoring_fixtures import body, make_database, transaction

PYTHON = "/usr/bin/python3"
PYTHON_DIR = Path(__file__).resolve().parents[1]
#: How long the server may take to start answering /healthz.
START_TIMEOUT_S = 30.0


def _environment() -> dict[str, str]:
    paths = [str(PYTHON_DIR), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with _serving(tmp_path) as served:
        yield served


@contextmanager
def _serving(tmp_path: Path, *options: str) -> Iterator[tuple[str, Path]]:
    """``serve`` with ``options`` on a fresh database; its URL and log, until SIGTERM (which must exit 0)."""
    db_path = make_database(tmp_path / "scoring.db")
    port = _free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([PYTHON, "-m", "scoring", "serve", "--db", str(db_path), "--port", str(port),
                                    "--backend", "python", *options], stdout=log, stderr=subprocess.STDOUT,
                                   env=_environment())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.1)
        yield base, log_path
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, log_path.read_text()


def test_real_server_scores_and_refuses(server: tuple[str, Path]) -> None:
    base, log_path = server
    with httpx.Client(base_url=base, timeout=30.0) as client:
        scored = client.post("/v1/score", content=body([transaction("a"), transaction("b", country="CU")]),
                             headers={"content-type": "application/json", "x-request-id": "real-1"})
        assert scored.status_code == 200, scored.text
        document = scored.json()
        assert [r["id"] for r in document["results"]] == ["a", "b"]
        assert document["results"][1]["rules"] == ["sanctioned_country"]
        assert document["summary"]["backend"] == "python"

        refused = client.post("/v1/score", content=body([transaction("a", amount="ten")]))
        assert refused.status_code == 422
        assert refused.json()["error"]["field"] == "transactions[0].amount"

        metrics = client.get("/metrics").text
        assert 'scoring_requests_total{route="/v1/score",status="200"} 1.0' in metrics
        assert client.get("/healthz", params={"deep": "true"}).json()["status"] == "ok"
    log = log_path.read_text()
    assert 'msg="scored" request_id=real-1 status=200 backend=python transactions=2' in log
    assert "code=wrong_type field=transactions[0].amount" in log


def test_serve_refuses_a_missing_database_and_a_bad_mode(tmp_path: Path) -> None:
    missing = subprocess.run([PYTHON, "-m", "scoring", "serve", "--db", str(tmp_path / "none.db"), "--port", "1"],
                             capture_output=True, text=True, env=_environment(), timeout=60)
    assert missing.returncode == 1 and "scoring serve:" in missing.stderr
    bad_mode = subprocess.run([PYTHON, "-m", "scoring", "serve", "--db", "x.db", "--port", "1", "--backend",
                               "turbo"], capture_output=True, text=True, env=_environment(), timeout=60)
    assert bad_mode.returncode == 2 and "--backend" in bad_mode.stderr


def test_serve_records_requests_that_replay_without_the_database(tmp_path: Path) -> None:
    from parity.corpus import open_corpus
    from scoring.request_adapters import python

    corpus = tmp_path / "requests"
    with _serving(tmp_path, "--record-requests", str(corpus)) as (base, _log):
        answer = httpx.post(f"{base}/v1/score", content=body([transaction("t1")]),
                            headers={"x-request-id": "rec-1"})
        assert httpx.get(f"{base}/healthz").status_code == 200          # probes are not recorded
    (tmp_path / "scoring.db").unlink()
    recorded = open_corpus(corpus)
    (line,) = list(recorded.entries())
    assert line.output == {"status": 200, "body": answer.json()}
    assert line.input["request_id"] == "rec-1"
    assert python.run(python.setup(recorded.load_fixtures()), line.input) == line.output
