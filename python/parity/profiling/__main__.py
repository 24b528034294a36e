"""``python3 -m parity.profiling``: see parity/profiling/cli.py."""

from parity.profiling.cli import main

raise SystemExit(main())
