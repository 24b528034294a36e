"""Ending quietly when the reader of stdout goes away: ``python -m importer jobs show 3 | head -1``.

Python ignores SIGPIPE, so a write to a pipe nobody reads raises BrokenPipeError: from ``print`` in the
middle of a command, or from the interpreter's own flush of stdout at exit ("Exception ignored ...
BrokenPipeError"). ``run_quietly`` catches the first, flushes stdout itself so the second surfaces while it
can still be caught, and then points stdout at the null device (as the note on SIGPIPE in Python's
``signal`` documentation advises), so the flush at exit has nowhere to fail. The exit code is a shell's
for a command ended by SIGPIPE: 128 + 13.

    raise SystemExit(run_quietly(main))
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Final

#: 128 + SIGPIPE: what a shell reports for `cat big | head -1` when `cat` is ended by the broken pipe.
BROKEN_PIPE_EXIT: Final = 141


def run_quietly(main: Callable[[], int]) -> int:
    """``main()``'s exit code, or BROKEN_PIPE_EXIT without a traceback when stdout's reader has gone.

    stdout is flushed before returning (also when ``main`` raises SystemExit, as argparse's --help does),
    so what was printed is either delivered or known to be lost."""
    try:
        try:
            return main()
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE_EXIT


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device: what is still buffered is dropped at exit, quietly."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing will be flushed to the pipe at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)
