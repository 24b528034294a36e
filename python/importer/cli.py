"""Command line, ``python -m importer COMMAND``: the subcommands and their options; each runs in its own module.

    python -m importer import FILE.csv --db importer.db           # worker.py
    python -m importer customers load FILE.csv --db importer.db   # customers.py
    python -m importer jobs list --db importer.db                 # job_commands.py (also show, recover)
    python -m importer jobs show 3 --db importer.db
    python -m importer synth ...                                  # synth/cli.py (optional)
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from importer import __version__, db
from importer.broken_pipe import BROKEN_PIPE_EXIT
from importer.cli_numbers import (
    BATCH_SIZE,
    BUSY_TIMEOUT_MS,
    END_STATUS_WAIT_S,
    JOB_ID,
    RETRY_ATTEMPTS,
    SHOWN_ERRORS,
    STALE_AFTER_S,
)
from importer.csv_source import ENCODINGS
from importer.customers import run_customers_load
from importer.job_commands import run_jobs_list, run_jobs_recover, run_jobs_show
from importer.jobs import DEFAULT_SHOWN_ERRORS
from importer.liveness import DEFAULT_STALE_AFTER_S
from importer.logs import LEVELS, setup_logging
from importer.match_backend import BACKEND_ENV, DEFAULT_BACKEND
from importer.schema import CUSTOMER_FIELDS, DEFAULT_BATCH_SIZE, IMPORT_FIELDS
from importer.worker import RECORD_SALT_ENV, run_import_command


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # the job failed, or a fatal error (missing file, bad header, database locked)
    USAGE = 2  # argparse's own code for a bad command line; also an unusable --record, a refused --resume
    INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 + 2
    BROKEN_PIPE = BROKEN_PIPE_EXIT  # stdout's reader went away (`... | head -1`): ended quietly, as a shell would
    TERMINATED = 143  # SIGTERM: 128 + 15; `import` marks its job interrupted for both (docs/jobs.md)


EPILOG = (
    "exit codes: 0 success (row errors do not fail a job), 1 job failed or fatal error, 2 usage error "
    "(also --record to an unusable folder or with a rule that is refused, and a refused --resume, before the job "
    "starts), 130 interrupted by SIGINT, 143 by SIGTERM (the job is marked interrupted; resume it with --resume ID), "
    "141 stdout closed early (`... | head -1`; quietly, as a shell reports SIGPIPE)"
)
SYNTH = "synth"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments[:1] == [SYNTH]:
            return _run_synth(arguments[1:])
        args = build_parser().parse_args(arguments)
        setup_logging(args.log_level)
        return int(args.run(args))
    except KeyboardInterrupt:
        print("importer: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m importer", description="Customer import service.",
                                     epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"importer {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log-level", choices=LEVELS, default="info", help="log threshold (default: info)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _add_import(commands.add_parser("import", parents=[common], help="import a CSV file: one job", epilog=EPILOG))

    customers = commands.add_parser("customers", help="manage the customer base")
    customer_commands = customers.add_subparsers(dest="customers_command", required=True, metavar="COMMAND")
    load = customer_commands.add_parser("load", parents=[common], help="load customers from a CSV file",
                                        epilog=EPILOG)
    load.add_argument("file", metavar="FILE.csv", type=Path, help=f"columns: {', '.join(CUSTOMER_FIELDS)}")
    load.add_argument("--db", required=True, type=Path, help="SQLite database (created if missing)")
    _add_encoding(load)
    load.add_argument("--batch-size", type=BATCH_SIZE, default=DEFAULT_BATCH_SIZE, metavar="N",
                      help=f"rows per transaction, {BATCH_SIZE.describe()} (default {DEFAULT_BATCH_SIZE})")
    load.set_defaults(run=run_customers_load)

    jobs = commands.add_parser("jobs", help="inspect import jobs, recover dead ones")
    job_commands = jobs.add_subparsers(dest="jobs_command", required=True, metavar="COMMAND")
    listing = job_commands.add_parser("list", parents=[common], help="one line per job; dead ones show as stale")
    listing.add_argument("--db", required=True, type=Path, help="SQLite database")
    _add_stale_after(listing)
    listing.set_defaults(run=run_jobs_list)
    show = job_commands.add_parser("show", parents=[common], help="a job and its first row errors")
    show.add_argument("job_id", metavar="ID", type=JOB_ID, help="job id, as printed by `import`")
    show.add_argument("--db", required=True, type=Path, help="SQLite database")
    show.add_argument("--errors", type=SHOWN_ERRORS, default=DEFAULT_SHOWN_ERRORS, metavar="N",
                      help=f"row errors to print, {SHOWN_ERRORS.describe()} (default {DEFAULT_SHOWN_ERRORS})")
    _add_stale_after(show)
    show.set_defaults(run=run_jobs_show)
    recover = job_commands.add_parser("recover", parents=[common],
                                      help="mark stale jobs interrupted, with the command that resumes each")
    recover.add_argument("--db", required=True, type=Path, help="SQLite database")
    _add_stale_after(recover)
    recover.set_defaults(run=run_jobs_recover)

    # Only listed here: `synth ...` is dispatched before parsing, so the generator is imported only when used.
    commands.add_parser(SYNTH, add_help=False, help="generate synthetic customers and import files "
                                                    "(see `synth --help`)")
    return parser


def _add_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", type=Path,
                        help=f"columns: {', '.join(IMPORT_FIELDS)} (external_ref optional), any order")
    parser.add_argument("--db", required=True, type=Path, help="SQLite database (created if missing)")
    # No argparse defaults for these two: a --resume must know whether they were given (run_import_command).
    parser.add_argument("--batch-size", type=BATCH_SIZE, metavar="N",
                        help=f"rows per matcher call and per transaction, {BATCH_SIZE.describe()} "
                             f"(default {DEFAULT_BATCH_SIZE}; with --resume, the job's own)")
    _add_encoding(parser, default=None)
    parser.add_argument("--record", type=Path, metavar="DIR", help="record the matcher calls into a corpus folder")
    parser.add_argument("--record-sample-rate", type=_fraction, default=1.0, metavar="F",
                        help="share of matcher calls recorded, 0..1 (default 1)")
    parser.add_argument("--record-redact", action="extend", nargs="+", default=[], metavar="RULE", type=_redaction_rule,
                        help=f"redaction rule such as email=hash (a field of the import rows and customers) or "
                             f"input.rows.*.phone=drop (a path); hash needs a secret salt in ${RECORD_SALT_ENV} "
                             f"(corpora/README.md, Redaction)")
    parser.add_argument("--backend", type=_backend_mode, default=os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND,
                        metavar="MODE", help=f"matcher answering the batches: python, native, shadow (python answers, "
                                             f"native is compared) or percent:N (native for a sticky N%% of jobs); "
                                             f"default ${BACKEND_ENV} or {DEFAULT_BACKEND} (docs/runtime-switch.md)")
    parser.add_argument("--metrics", type=Path, metavar="FILE",
                        help="write the backend switch's Prometheus metrics to FILE at the end of the job")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or per-batch log lines")
    parser.add_argument("--busy-timeout-ms", type=BUSY_TIMEOUT_MS, default=db.DEFAULT_BUSY_TIMEOUT_MS, metavar="MS",
                        help=f"SQLite's own wait for a lock before the retry layer steps in, "
                             f"{BUSY_TIMEOUT_MS.describe()} (default {db.DEFAULT_BUSY_TIMEOUT_MS})")
    parser.add_argument("--retry-attempts", type=RETRY_ATTEMPTS, default=db.DEFAULT_RETRY_ATTEMPTS, metavar="N",
                        help=f"tries per transaction while the database is locked, {RETRY_ATTEMPTS.describe()} "
                             f"(default {db.DEFAULT_RETRY_ATTEMPTS})")
    parser.add_argument("--resume", type=JOB_ID, metavar="JOB_ID",
                        help="continue this interrupted or failed job after its last committed batch, with the same "
                             "file (size and SHA-256 checked), encoding and batch size (docs/jobs.md)")
    parser.add_argument("--end-status-wait", type=END_STATUS_WAIT_S, default=db.END_STATUS_WAIT_S, metavar="SECONDS",
                        help=f"how long the write that ends the job keeps retrying while the database is locked "
                             f"{END_STATUS_WAIT_S.describe()} (default {db.END_STATUS_WAIT_S}); if it still fails, exit 1 and the job shows as stale")
    _add_stale_after(parser, "; stale jobs are marked interrupted before the job starts")
    parser.set_defaults(run=run_import_command)


def _add_stale_after(parser: argparse.ArgumentParser, note: str = "") -> None:
    parser.add_argument("--stale-after", type=STALE_AFTER_S, default=DEFAULT_STALE_AFTER_S, metavar="SECONDS",
                        help=f"an unfinished job is stale when its process on this host is gone or it has written "
                             f"no heartbeat for this long, {STALE_AFTER_S.describe()} (default {DEFAULT_STALE_AFTER_S}){note}")


def _add_encoding(parser: argparse.ArgumentParser, default: str | None = "auto") -> None:
    parser.add_argument("--encoding", choices=ENCODINGS, default=default,
                        help="file encoding; auto = UTF-8 (BOM allowed), checked before any row is read "
                             "(default auto" + ("; with --resume, the job's own)" if default is None else ")"))


def _run_synth(arguments: list[str]) -> int:
    try:
        from importer.synth.cli import add_synth_arguments, run_synth
    except ImportError as exc:
        print(f"importer: error: synth is not available: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    parser = argparse.ArgumentParser(prog=f"python -m importer {SYNTH}", epilog=EPILOG)
    add_synth_arguments(parser)
    args = parser.parse_args(arguments)
    setup_logging()
    return int(run_synth(args))


def _redaction_rule(text: str) -> str:
    """Syntax checked here so a typo is a usage error; what a rule may touch, and the salt, are checked with
    --record before the job starts. parity is imported only if rules are given."""
    try:
        from parity.redaction import parse_rule

        parse_rule(text)
    except ImportError as exc:
        raise argparse.ArgumentTypeError(f"--record needs the parity package: {exc}") from None
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def _backend_mode(text: str) -> str:
    """Checked here so a typo is a usage error; parity is imported only for modes other than python."""
    if text.strip().lower() == DEFAULT_BACKEND:
        return DEFAULT_BACKEND
    try:
        from parity.modes import Mode

        return str(Mode.parse(text))
    except ImportError as exc:
        raise argparse.ArgumentTypeError(f"--backend {text} needs the parity package: {exc}") from None
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text}")
    return value
