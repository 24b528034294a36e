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
from typing import NamedTuple


def _source_path(package: str, module: str) -> Path:
    spec = importlib.util.find_spec(f"{package}.{module}")
    if spec is None or spec.origin is None:
        raise ImportError(f"no source for {package}.{module}")
    return Path(spec.origin)


class Edit(NamedTuple):
    """`old` replaced by `new` in `module`'s source, where it must occur exactly `count` times."""

    module: str
    old: str
    new: str
    count: int = 1


def edited_copy(bug: str, package: str, modules: Sequence[str],
                edits: Sequence[Edit]) -> dict[str, types.ModuleType]:
    """`package`'s `modules` (in dependency order), the edits applied in order.

    Each `old` must occur as often as its edit says, so a change to the reference that moves an edited
    line fails loudly here instead of silently planting nothing. Each copy's imports of the other copied
    modules are pointed at the copies.
    """
    private = f"_planted_{bug}"
    loaded: dict[str, types.ModuleType] = {}
    pending = list(edits)
    for name in modules:
        path = _source_path(package, name)
        source = path.read_text(encoding="utf-8")
        for edit in edits:
            if edit.module != name:
                continue
            found = source.count(edit.old)
            if found != edit.count:
                raise AssertionError(
                    f"planted {bug}: {edit.old!r} occurs {found} times in {path.name}, expected {edit.count}")
            source = source.replace(edit.old, edit.new)
            pending.remove(edit)
        for other in modules:
            source = source.replace(f"from {package}.{other} import", f"from {private}.{other} import")
        copy = types.ModuleType(f"{private}.{name}")
        copy.__file__ = str(path)
        sys.modules[copy.__name__] = copy
        # The reference's own source, edited by this test package.
        exec(compile(source, f"{path.name} (planted {bug})", "exec"), copy.__dict__)  # noqa: S102
        loaded[name] = copy
    if pending:
        modules_left = [edit.module for edit in pending]
        raise AssertionError(f"planted {bug}: edits of modules not copied: {modules_left}")
    return loaded


#: importer.matching's modules in dependency order.
MATCHING_MODULES = ("normalize", "similarity", "config", "records", "blocking", "scoring", "matcher")
#: The scoring kernel's modules in dependency order.
SCORING_MODULES = ("kernel_checks", "kernel_state", "kernel_features", "kernel")
