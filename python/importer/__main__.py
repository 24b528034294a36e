"""``python -m importer``: see importer/cli.py."""

from importer.cli import main

raise SystemExit(main())
