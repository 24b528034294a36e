"""``python3 -m importer.synth``: the generator on its own, with the options of ``python3 -m importer synth``."""

from __future__ import annotations

import argparse
import sys

from importer.broken_pipe import run_quietly
from importer.synth.cli import add_synth_arguments, run_synth


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: the command line) and generate the files."""
    parser = argparse.ArgumentParser(
        prog="python3 -m importer.synth",
        description="Write a seeded, messy customer base, an import file and its truth into a folder.",
    )
    add_synth_arguments(parser)
    return run_synth(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(run_quietly(main))
