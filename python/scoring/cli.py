"""Command line, ``python3 -m scoring COMMAND``:

    python3 -m scoring serve --db scoring.db --port 8080 [--host 127.0.0.1] [--backend MODE] [--model FILE]
                             [--record DIR [--record-sample-rate P] [--record-redact RULE ...]]
                             [--record-requests DIR] [--gc-threshold N]
    python3 -m scoring load --db scoring.db data.jsonl [MORE.jsonl ...]
    python3 -m scoring synth --out DIR [--seed N] [--accounts N] [--history N] [--requests N] [--transactions N]
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, Final

from importer.logs import LEVELS, setup_logging
from scoring import collector
from scoring.collector import DEFAULT_THRESHOLD as DEFAULT_GC_THRESHOLD

log = logging.getLogger(__name__)

#: Bad records printed after load's summary; all of them are counted.
PRINTED_BAD_RECORDS: Final = 20
DEFAULT_HOST: Final = "127.0.0.1"
#: How long shutdown waits for shadow runs still queued.
SHADOW_DRAIN_TIMEOUT_S: Final = 10.0


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # a fatal error: unreadable file or model, no database, the native kernel missing for --backend native
    USAGE = 2  # argparse's own code for a bad command line; --record unusable (folder, redaction rule, salt)
    INTERRUPTED = 130  # SIGINT: 128 + 2


EPILOG = ("exit codes: 0 success (load: bad records are reported and do not fail the load), 1 fatal error "
          "(unreadable file or model, database missing or of another schema, --backend native without the "
          "native kernel), 2 usage error, 130 interrupted")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.log_level)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("scoring: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    from scoring.backend import default_mode
    from scoring.request_checks import MAX_TRANSACTIONS
    from scoring.synth.generator import SynthOptions

    parser = argparse.ArgumentParser(prog="python3 -m scoring", description="Fraud-scoring service.", epilog=EPILOG)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log-level", choices=LEVELS, default="info", help="log threshold (default: info)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", parents=[common], help="answer POST /v1/score over HTTP", epilog=EPILOG)
    serve.add_argument("--db", type=Path, required=True, help="the SQLite database `load` filled")
    serve.add_argument("--port", type=_port, required=True, help="TCP port (0: any free port)")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})")
    serve.add_argument("--backend", type=_mode, default=default_mode(),
                       help="python, native, shadow or percent:N (default: $SCORING_BACKEND, else python)")
    serve.add_argument("--model", type=Path, default=None, help="model file (default: the bundled model)")
    serve.add_argument("--record", type=Path, default=None, metavar="DIR",
                       help="record the kernel calls the Python reference answers into the corpus DIR")
    serve.add_argument("--record-sample-rate", type=_rate, default=1.0, metavar="P",
                       help="share of those calls recorded, 0 to 1 (default 1)")
    serve.add_argument("--record-redact", action="append", default=[], metavar="RULE",
                       help="redaction rule, e.g. card_id=hash or input.transactions.*.merchant_name=drop "
                            "(repeatable; hash needs $SCORING_RECORD_SALT)")
    serve.add_argument("--record-requests", type=Path, default=None, metavar="DIR",
                       help="record every request, its answer and its database reads into the corpus DIR "
                            "(docs/request-replay.md)")
    serve.add_argument("--gc-threshold", type=_count(0, 10_000_000), default=DEFAULT_GC_THRESHOLD, metavar="N",
                       help="the garbage collector's first-generation threshold while serving (default "
                            f"{DEFAULT_GC_THRESHOLD:,}; 0 keeps Python's 700; scoring/collector.py)")
    serve.set_defaults(run=run_serve)

    load = commands.add_parser("load", parents=[common], help="load accounts, history, blocked merchants",
                               epilog=EPILOG)
    load.add_argument("--db", type=Path, required=True, help="SQLite database (created if missing)")
    load.add_argument("files", type=Path, nargs="+", metavar="FILE", help="JSON Lines files")
    load.set_defaults(run=run_load)

    defaults = SynthOptions()
    synth = commands.add_parser("synth", parents=[common], help="write synthetic data and requests", epilog=EPILOG)
    synth.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    synth.add_argument("--seed", type=int, default=defaults.seed, help=f"default {defaults.seed}")
    synth.add_argument("--accounts", type=_count(1, 1_000_000), default=defaults.accounts,
                       help=f"default {defaults.accounts}")
    synth.add_argument("--history", type=_count(0, 1_000_000), default=defaults.history,
                       help=f"history transactions per account (default {defaults.history})")
    synth.add_argument("--requests", type=_count(0, 100_000), default=defaults.requests,
                       help=f"default {defaults.requests}")
    synth.add_argument("--transactions", type=_count(0, MAX_TRANSACTIONS), default=defaults.transactions,
                       help=f"per request, at most {MAX_TRANSACTIONS:,} (default {defaults.transactions:,})")
    synth.set_defaults(run=run_synth)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from scoring.app import create_app
    from scoring.backend import BackendError, ScoringBackend
    from scoring.database import SchemaError
    from scoring.kernel import BUNDLED_MODEL, load_model
    from scoring.service import ScoringService
    from scoring.service_metrics import ServiceMetrics
    from scoring.store import SqliteAccountStore

    from scoring.recording import RECORD_SALT_ENV, RecordingError, RecordOptions, ScoreRecorder

    model_path = args.model or BUNDLED_MODEL
    recorder = None
    try:
        model = load_model(model_path)
        store = SqliteAccountStore(args.db)
        if args.record is not None:
            recorder = ScoreRecorder.open(RecordOptions(args.record, args.record_sample_rate, args.record_redact,
                                                        os.environ.get(RECORD_SALT_ENV, "")), model)
        backend = ScoringBackend.open(args.backend, model, recorder=recorder)
    except RecordingError as exc:
        print(f"scoring serve: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except (OSError, ValueError, TypeError, sqlite3.Error, SchemaError, BackendError) as exc:
        print(f"scoring serve: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    request_recorder = None
    if args.record_requests is not None:
        from scoring.request_recording import RecordingStore, RequestRecording, open_request_recorder

        try:
            request_recorder = open_request_recorder(args.record_requests, model_version=backend.version)
        except (OSError, ValueError) as exc:
            print(f"scoring serve: --record-requests: {exc}", file=sys.stderr)
            backend.close(SHADOW_DRAIN_TIMEOUT_S)
            if recorder is not None:
                recorder.close()
            return ExitCode.FAILED
    service = ScoringService(store if request_recorder is None else RecordingStore(store), backend,
                             ServiceMetrics())
    app: Any = create_app(service, health=store.health)
    if request_recorder is not None:
        app = RequestRecording(app, request_recorder)
    collector.tune(args.gc_threshold)
    log.info("serving", extra={"host": args.host, "port": args.port, "backend": str(backend.switch.mode),
                               "model_version": backend.version, "db": str(args.db),
                               "record": str(args.record or ""), "record_requests": str(args.record_requests or "")})
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_config=None, access_log=False)
    finally:
        backend.close(SHADOW_DRAIN_TIMEOUT_S)
        if recorder is not None:
            recorder.close()
        if request_recorder is not None:
            request_recorder.close()
    return ExitCode.OK


def run_load(args: argparse.Namespace) -> int:
    from scoring import database
    from scoring.database import SchemaError
    from scoring.loader import load_files

    try:
        conn = database.connect(args.db)
        try:
            result = load_files(conn, args.files)
        finally:
            conn.close()
    except (OSError, sqlite3.Error, SchemaError) as exc:
        print(f"scoring load: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    print(result.summary())
    for bad in result.bad[:PRINTED_BAD_RECORDS]:
        print(f"  {bad}")
    if len(result.bad) > PRINTED_BAD_RECORDS:
        print(f"  … and {len(result.bad) - PRINTED_BAD_RECORDS:,} more")
    return ExitCode.OK


def run_synth(args: argparse.Namespace) -> int:
    from scoring.synth.generator import SynthOptions, generate

    options = SynthOptions(seed=args.seed, accounts=args.accounts, history=args.history, requests=args.requests,
                           transactions=args.transactions)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        generate(options, args.out)
    except OSError as exc:
        print(f"scoring synth: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    print(f"wrote {args.out / 'data.jsonl'}, {options.requests:,} requests of {options.transactions:,} transactions "
          f"in {args.out / 'requests'}, {args.out / 'labels.json'}")
    return ExitCode.OK


def _port(text: str) -> int:
    return _count(0, 65_535)(text)


def _rate(text: str) -> float:
    """An argparse type: a share from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text}")
    return value


def _mode(text: str) -> str:
    from parity.modes import Mode

    try:
        Mode.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _count(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low:,} to {high:,}, got {value:,}")
        return value

    return parse
