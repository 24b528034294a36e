"""``python -m importer``: see importer/cli.py."""

from importer.broken_pipe import run_quietly
from importer.cli import main

raise SystemExit(run_quietly(main))
