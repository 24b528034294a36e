"""``python3 -m parity.profiling``: run, corpus and compare (docs/profile.md).

    python3 -m parity.profiling run --out DIR [--interval-ms 5] [--memory] -- -m importer import f.csv --db d
    python3 -m parity.profiling corpus CORPUS --handler module:attr --out DIR [--limit N] [--memory]
    python3 -m parity.profiling compare A B --out DIR

Exit codes: ``run`` exits with the profiled program's code (the report is written either way); otherwise
0 success, 2 usage or input error (bad command line, unreadable corpus, handler or profile), 5 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from enum import IntEnum
from pathlib import Path
from typing import Any

from parity.corpus import CorpusFormatError
from parity.profiling.command_mode import profile_command
from parity.profiling.compare import compare_html, compare_markdown, compare_profiles
from parity.profiling.corpus_mode import CorpusRun, HandlerError, profile_corpus
from parity.profiling.profile_data import load_profile
from parity.profiling.report_folder import write_report
from parity.profiling.session import SessionError


class ExitCode(IntEnum):
    OK = 0
    USAGE = 2
    INTERNAL = 5


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m parity.profiling",
        description="Where a service's time goes: stage shares by wall and CPU time, sampled stacks with native "
                    "frames, memory growth and size scaling (docs/profile.md).",
        epilog="exit codes: run: the profiled program's; otherwise 0 ok, 2 usage or input error, 5 internal error")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run a module or script in this process under the profiler",
                              description="python3 -m parity.profiling run --out DIR -- -m importer import f.csv "
                                          "--db d   (or: -- script.py ARGS)")
    _common(run)
    run.add_argument("program", nargs=argparse.REMAINDER, help="after --: -m MODULE ARGS, or SCRIPT ARGS")

    corpus = commands.add_parser("corpus", help="every request of a corpus through a handler adapter")
    corpus.add_argument("corpus", type=Path, help="corpus folder (corpora/README.md)")
    corpus.add_argument("--handler", required=True, help="module:attr with setup(fixtures) and run(context, input)")
    corpus.add_argument("--limit", type=_positive_int, help="profile at most N requests")
    _common(corpus)

    compare = commands.add_parser("compare", help="what moved between two profiles (before, after)")
    compare.add_argument("before", type=Path, help="report folder or profile.json")
    compare.add_argument("after", type=Path, help="report folder or profile.json")
    compare.add_argument("--out", type=Path, required=True, help="folder for compare.json, compare.md, compare.html")
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", type=Path, required=True, help="report folder (created)")
    command.add_argument("--interval-ms", type=float, default=5.0, help="sampling interval (default 5 ms)")
    command.add_argument("--memory", action="store_true",
                         help="trace Python allocations (tracemalloc; slows allocation-heavy code, see docs)")


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return _run(parser, args)
        if args.command == "corpus":
            return _corpus(args)
        return _compare(args)
    except (CorpusFormatError, HandlerError, SessionError, ValueError, OSError) as exc:
        print(f"parity profile: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except Exception:
        traceback.print_exc()
        return ExitCode.INTERNAL


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    program = args.program[1:] if args.program[:1] == ["--"] else args.program
    if args.interval_ms <= 0:
        parser.error("--interval-ms must be positive")
    if not program:
        parser.error("nothing to run: add -- -m MODULE ARGS or -- SCRIPT ARGS")
    profile, exit_code = profile_command(program, interval_s=args.interval_ms / 1000,
                                         trace_allocations=args.memory)
    _write(profile, args.out)
    return exit_code


def _corpus(args: argparse.Namespace) -> int:
    if args.interval_ms <= 0:
        raise ValueError("--interval-ms must be positive")
    profile = profile_corpus(CorpusRun(corpus=args.corpus, handler=args.handler, limit=args.limit,
                                       interval_s=args.interval_ms / 1000, trace_allocations=args.memory))
    _write(profile, args.out)
    return ExitCode.OK


def _compare(args: argparse.Namespace) -> int:
    before, after = load_profile(args.before), load_profile(args.after)
    result = compare_profiles(before, after)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "compare.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "compare.md").write_text(compare_markdown(result), encoding="utf-8")
    (args.out / "compare.html").write_text(compare_html(result, before, after), encoding="utf-8")
    _print_summary(result["summary"], args.out / "compare.md")
    return ExitCode.OK


def _write(profile: dict[str, Any], folder: Path) -> None:
    write_report(profile, folder)
    _print_summary(profile["summary"], folder / "profile.html")


def _print_summary(lines: list[str], report: Path) -> None:
    """The plain-words summary on stderr (stdout belongs to the profiled program)."""
    for line in lines:
        print(line, file=sys.stderr)
    print(f"report: {report}", file=sys.stderr)
