"""Candidate adapters for the scoring kernel, each the real reference kernel with one line changed.

`parity replay corpora/scoring-sample --candidate scoring_seeded_bugs:<bug>` must find each at the field it
breaks (python/tests/test_scoring_seeded_bugs.py). A bug is a source edit of python/scoring/kernel*.py, loaded
as a private copy of the kernel's modules (never the `scoring.kernel*` modules the reference adapter uses in the
same worker): a port that got one comparison, one loop or one sort key wrong, not a wrapper that edits outputs.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scoring.adapters import ScoringAdapter

KERNEL_DIR = Path(__file__).resolve().parents[2] / "scoring"
#: Loaded in dependency order; each copy's imports of the others are pointed at the other copies.
MODULES = ("kernel_checks", "kernel_state", "kernel_features", "kernel")


def mutated_kernel(bug: str, module: str, old: str, new: str) -> types.ModuleType:
    """The kernel with `old` replaced by `new` in `module`'s source; `old` must occur there exactly once."""
    package = f"_scoring_seeded_{bug}"
    loaded: dict[str, types.ModuleType] = {}
    for name in MODULES:
        source = (KERNEL_DIR / f"{name}.py").read_text(encoding="utf-8")
        if name == module:
            count = source.count(old)
            if count != 1:
                raise AssertionError(f"seeded bug {bug}: {old!r} occurs {count} times in {name}.py, expected once")
            source = source.replace(old, new)
        for other in MODULES:
            source = source.replace(f"from scoring.{other} import", f"from {package}.{other} import")
        copy = types.ModuleType(f"{package}.{name}")
        copy.__file__ = str(KERNEL_DIR / f"{name}.py")
        sys.modules[copy.__name__] = copy
        exec(compile(source, f"{name}.py ({bug})", "exec"), copy.__dict__)  # noqa: S102 - the kernel's own source
        loaded[name] = copy
    return loaded["kernel"]


def seeded(bug: str, module: str, old: str, new: str) -> ScoringAdapter:
    kernel = mutated_kernel(bug, module, old, new)

    def factory(model: Mapping[str, Any]) -> Any:
        return kernel.Scorer(model)

    return ScoringAdapter(f"seeded:{bug}", factory)


#: §3: a window holds events with `t_ms - span < e.t_ms`; this one keeps an event exactly `span` old.
window_boundary = seeded("window_boundary", "kernel_state", "while events and events[0][0] <= horizon:",
                         "while events and events[0][0] < horizon:")

#: §5: `s = intercept`, then each contribution in FEATURES order; this one adds them in reverse order.
summation_order = seeded("summation_order", "kernel", "for contribution in contributions:",
                         "for contribution in reversed(contributions):")

#: §5: the decision compares the score itself; this one compares it rounded to two decimals.
threshold_rounding = seeded("threshold_rounding", "kernel", "if score >= model.decline:",
                            "if round(score, 2) >= model.decline:")

#: §5: reasons by contribution descending; this one keeps the top three in FEATURES order.
reasons_order = seeded("reasons_order", "kernel", "reasons = [name for _, name in positive[:MAX_REASONS]]",
                       "reasons = [name for name in FEATURES if name in {n for _, n in positive[:MAX_REASONS]}]")
