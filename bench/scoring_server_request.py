"""One large ``POST /v1/score`` through real servers: ``scoring serve`` processes on free ports, a real HTTP client.

Prepares the request as bench/scoring_request_stages.py does (synth, one account per region, ``--history``
transactions each, one request of ``--transactions``), starts one server per ``--variant NAME=SERVE-ARGS``
(default: ``native=--backend native`` and ``python=--backend python``), then sends the body to every server
``--rounds`` times, the servers in a random order each round, and times each answer from the first byte sent
to the last byte read (http.client, one connection per request). Answers must be 200 with the same results on
every server. Prints per variant the median, the fastest and the slowest answer, the server's own stage times
(median of its ``scored`` log lines) and the paired ratio of each variant to the first (median, and the 20th
and 80th percentiles of the per-round ratios).

    PYTHONPATH=python:build/release/python /usr/bin/python3 bench/scoring_server_request.py /tmp/server-bench
    ... --variant native=--backend native --variant native-gc-default="--backend native --gc-threshold 0"
    ... --variant new=--backend native --variant old=--backend native --source old=/tmp/main-worktree
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring_request_stages import prepare  # noqa: E402

from scoring.stage_times import STAGES  # noqa: E402

PYTHON = "/usr/bin/python3"
_FIELD = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    seconds: list[float] = field(default_factory=list)

    def stage_medians(self) -> dict[str, float]:
        """Median ms per stage over the ``scored`` log lines so far, and of their ``duration_ms`` (``handler``: from
        the handler's start, reading the body included, to the answer made)."""
        self.log.seek(0)
        lines = [dict(_FIELD.findall(line)) for line in self.log.read().decode(errors="replace").splitlines()
                 if "scored" in line]
        lines = [{**fields, "handler_ms": fields["duration_ms"]} for fields in lines if "duration_ms" in fields]
        return {name: statistics.median(float(fields[f"{name}_ms"]) for fields in lines)
                for name in (*STAGES, "handler") if lines and all(f"{name}_ms" in fields for fields in lines)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(name: str, serve_args: list[str], db: Path, source: Path | None) -> Server:
    port = free_port()
    log = tempfile.TemporaryFile()
    env = os.environ.copy()
    if source is not None:  # another checkout's python/ first: its scoring package, this build's modules
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source / "python"), env.get("PYTHONPATH")]))
    process = subprocess.Popen([PYTHON, "-m", "scoring", "serve", "--db", str(db), "--port", str(port), *serve_args],
                               stdout=log, stderr=log, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise SystemExit(f"{name}: the server exited ({process.returncode}): {log.read().decode()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return Server(name, port, process, log)
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{name}: no answer on port {port} after 60 s")


def post(server: Server, body: bytes) -> tuple[float, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=300)
    started = time.perf_counter()
    connection.request("POST", "/v1/score", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{server.name}: status {response.status}: {answer[:500]!r}")
    return elapsed, json.loads(answer)["results"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where the synthetic files and the database go")
    parser.add_argument("--transactions", type=int, default=50_000)
    parser.add_argument("--history", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=SERVE-ARGS")
    parser.add_argument("--source", action="append", default=[], metavar="NAME=CHECKOUT",
                        help="run variant NAME from another checkout's python/ (e.g. a worktree of main)")
    args = parser.parse_args()
    sources = {name: Path(folder) for name, folder in (item.split("=", 1) for item in args.source)}
    variants = [item.split("=", 1) for item in args.variant or ["native=--backend native", "python=--backend python"]]
    db, body = prepare(args.folder, args.transactions, args.history, args.seed)
    servers = [start(name, shlex.split(serve_args), db, sources.get(name)) for name, serve_args in variants]
    try:
        expected = None
        for _ in range(args.rounds):
            for server in random.sample(servers, len(servers)):
                elapsed, results = post(server, body)
                if expected is None:
                    expected = results
                elif results != expected:
                    raise SystemExit(f"{server.name}: results differ from the first answer")
                server.seconds.append(elapsed)
    finally:
        for server in servers:
            server.process.terminate()
            server.process.wait(timeout=30)
    print(f"{args.transactions:,} transactions ({len(body) / 1e6:.1f} MB), history {args.history:,}; "
          f"{args.rounds} rounds; load average {os.getloadavg()[0]:.1f} at the end")
    first = servers[0]
    for server in servers:
        ratios = sorted(a / b for a, b in zip(server.seconds, first.seconds))
        stages = " ".join(f"{name} {ms:.0f}" for name, ms in server.stage_medians().items())
        print(f"{server.name:>20}: median {statistics.median(server.seconds) * 1000:,.0f} ms "
              f"(fastest {min(server.seconds) * 1000:,.0f}, slowest {max(server.seconds) * 1000:,.0f}); "
              f"÷ {first.name} {statistics.median(ratios):.2f} [{ratios[len(ratios) // 5]:.2f}, "
              f"{ratios[-1 - len(ratios) // 5]:.2f}]; stages (ms) {stages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
