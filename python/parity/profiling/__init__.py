"""``parity.profiling``: where a service's time goes, before and after a port (docs/profile.md).

    python3 -m parity.profiling corpus corpora/imports-sample --handler importer.profiling_handler:handler --out p
    python3 -m parity.profiling run --out p -- -m importer import big.csv --db x.sqlite
    python3 -m parity.profiling compare p-python p-native --out p-diff

Only `stage` is imported here: the service imports this package to mark its stages, and must not pay
for the profiler itself.
"""

from __future__ import annotations

from parity.profiling.stage import stage

__all__ = ["stage"]
