"""A private copy of a reference package with one source edit: a port that got one thing wrong.

A bug inside normalization or the scoring loop cannot be planted in the native port from Python (that
needs a rebuild), so such a planted port is the reference's own source with one edit, loaded as a private
copy of its modules (never the `importer.matching.*` or `scoring.kernel*` modules the reference adapter
uses in the same worker). The approach of python/tests/adapters/scoring_seeded_bugs.py, for any package.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Sequence
from pathlib import Path


def _source_path(package: str, module: str) -> Path:
    spec = importlib.util.find_spec(f"{package}.{module}")
    if spec is None or spec.origin is None:
        raise ImportError(f"no source for {package}.{module}")
    return Path(spec.origin)


def edited_copy(bug: str, package: str, modules: Sequence[str],
                edits: Sequence[tuple[str, str, str]]) -> dict[str, types.ModuleType]:
    """`package`'s `modules` (in dependency order), each `(module, old, new)` edit applied.

    Every `old` must occur exactly once in its module, so a change to the reference that moves the
    edited line fails loudly here instead of silently planting nothing. Each copy's imports of the
    other copied modules are pointed at the copies.
    """
    private = f"_planted_{bug}"
    loaded: dict[str, types.ModuleType] = {}
    pending = list(edits)
    for name in modules:
        path = _source_path(package, name)
        source = path.read_text(encoding="utf-8")
        for module, old, new in edits:
            if module != name:
                continue
            count = source.count(old)
            if count != 1:
                raise AssertionError(f"planted {bug}: {old!r} occurs {count} times in {path.name}, expected once")
            source = source.replace(old, new)
            pending.remove((module, old, new))
        for other in modules:
            source = source.replace(f"from {package}.{other} import", f"from {private}.{other} import")
        copy = types.ModuleType(f"{private}.{name}")
        copy.__file__ = str(path)
        sys.modules[copy.__name__] = copy
        exec(compile(source, f"{path.name} (planted {bug})", "exec"), copy.__dict__)  # noqa: S102 - the reference's own source
        loaded[name] = copy
    if pending:
        raise AssertionError(f"planted {bug}: edits of modules not copied: {[edit[0] for edit in pending]}")
    return loaded


#: importer.matching's modules in dependency order.
MATCHING_MODULES = ("normalize", "similarity", "config", "records", "blocking", "scoring", "matcher")
#: The scoring kernel's modules in dependency order.
SCORING_MODULES = ("kernel_checks", "kernel_state", "kernel_features", "kernel")
