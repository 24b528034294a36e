"""Command mode: a Python module or script run in this process under the profiler, like ``python -m cProfile``.

    profile, exit_code = profile_command(["-m", "importer", "import", "big.csv", "--db", "x.sqlite"])
    profile, exit_code = profile_command(["tools/job.py", "--fast"])

The program sees ``sys.argv`` as it would under ``python3`` and runs as ``__main__``. Its exit code (from
``SystemExit``; 1 for an uncaught exception, whose traceback is printed) is returned, and the profile is
built whatever the outcome.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from typing import Any

from parity.profiling.profile_data import RunInfo, build_profile
from parity.profiling.session import ProfileSession


def profile_command(argv: list[str], *, interval_s: float = 0.005,
                    trace_allocations: bool = False) -> tuple[dict[str, Any], int]:
    if not argv or (argv[0] == "-m" and len(argv) < 2):
        raise ValueError("nothing to run: give a script or -m module, e.g. -- -m importer import f.csv --db d")
    saved_argv, saved_path = sys.argv[:], sys.path[:]
    session = ProfileSession(interval_s=interval_s, trace_allocations=trace_allocations)
    session.start()
    try:
        exit_code = _run(argv)
    finally:
        recording = session.stop()
        sys.argv[:], sys.path[:] = saved_argv, saved_path
    target = "python3 " + " ".join(argv)
    return build_profile(recording, RunInfo(mode="command", target=target, exit_code=exit_code)), exit_code


def _run(argv: list[str]) -> int:
    try:
        if argv[0] == "-m":
            sys.argv = [argv[1], *argv[2:]]  # run_module replaces argv[0] with the module's file
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = list(argv)
            sys.path.insert(0, os.path.dirname(os.path.abspath(argv[0])))
            runpy.run_path(argv[0], run_name="__main__")
    except SystemExit as exc:
        return _exit_code(exc.code)
    except KeyboardInterrupt:
        return 130
    except Exception:  # the program's own failure: reported like python3 would, and still profiled
        traceback.print_exc()
        return 1
    return 0


def _exit_code(code: object) -> int:
    """What the process would exit with for ``SystemExit(code)``: None is 0, text is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
