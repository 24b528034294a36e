"""The replay harness's diff engine (C++, `parity._diff`) for Python callers: Parity's one comparison engine.

    from parity.diff import Rules, diff, first_difference

    rules = Rules.load("ci/diff-rules.json")            # the file `parity replay --rules` reads
    for d in diff(reference_output, candidate_output, rules):
        print(d.describe())                              # "/3/score: value: 0.9 vs 0.91"
    first_difference([{"score": 0.9}], [{"score": 0.91}])   # strict (Rules()): the first one, or None

    switch = Switch("match", reference, candidate, mode="shadow", comparator=rules_comparator(rules))

An exception on either side is compared as {"type": class name, "message": str(exc)}, like the corpus's
`error` objects; a `parity.corpus.RecordedError` stands for one too. Kinds are the harness's: value, type,
missing, extra, array_length, order, float_tolerance, error_vs_value, error_type, error_message,
unicode_normalization (docs/diff-rules.md). The shadow mode of `parity.switch` compares with
`rules_comparator()` (strict) unless given another comparator.

The compiled module is built by CMake and shipped in the wheel. Without it this module still imports
(`available()` says False), and everything that compares raises ImportError saying how to build it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from parity.corpus import RecordedError

try:
    from parity import _diff
except ImportError as exc:  # not built (source checkout without CMake): say how to get it when used
    _diff = None
    _IMPORT_ERROR: Final[str] = str(exc)
else:
    _IMPORT_ERROR = ""

#: Differences collected per comparison at most (the last one says when it stopped).
DEFAULT_MAX_DIFFERENCES: Final = 1000


def available() -> bool:
    """Whether the compiled engine is importable."""
    return _diff is not None


def require() -> None:
    """Raises ImportError, saying how to build it, when the compiled engine is missing."""
    _engine()


def _engine() -> Any:
    if _diff is None:
        raise ImportError(f"parity._diff is not built (cmake --workflow --preset dev): {_IMPORT_ERROR}")
    return _diff


class Rules:
    """Diff rules (docs/diff-rules.md); `Rules()` is strict exact equality everywhere."""

    def __init__(self, document: dict[str, Any] | None = None, source: str = "<rules>") -> None:
        engine = _engine()
        self._rules = engine.Rules() if document is None else engine.Rules.from_document(document, source)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Rules:
        """Read a rules file; errors (ValueError) name the file and the rule."""
        rules = cls.__new__(cls)
        rules._rules = _engine().Rules.load(os.fspath(path))
        return rules


@dataclass(frozen=True)
class Difference:
    """One difference, located by a JSON Pointer; `pattern` has array indices as `*`."""

    kind: str
    pointer: str
    pattern: str
    reference: Any
    candidate: Any
    detail: str

    def describe(self) -> str:
        """One line: `/0/score: value: 0.9 vs 0.91`."""
        return f"{self.pointer or '(root)'}: {self.kind}: {self.detail}"


#: Compares a reference's outcome with a candidate's: the first difference, or None when equal.
Comparator = Callable[[Any, Any], Difference | None]


def _outcome(value: Any) -> tuple[bool, Any]:
    if isinstance(value, BaseException):
        value = RecordedError.of(value)
    if isinstance(value, RecordedError):
        return True, value.to_json()
    return False, value


_strict: Rules | None = None


def _engine_rules(rules: Rules | None) -> Any:
    """The engine's rules object; `Rules()` is made once (a comparison costs little more than making it)."""
    global _strict
    if rules is not None:
        return rules._rules
    if _strict is None:
        _strict = Rules()
    return _strict._rules


def diff(reference: Any, candidate: Any, rules: Rules | None = None,
         max_differences: int = DEFAULT_MAX_DIFFERENCES) -> list[Difference]:
    """Every difference between two outputs (or exceptions) under `rules`; [] when equal."""
    engine = _engine()
    # Shadow mode's usual case, equal outputs, is answered by one walk of both objects, where converting
    # them to JSON for the engine would cost many times more. same_json is True only for values that
    # convert to exactly equal JSON, which no rules can tell apart (docs/diff-rules.md, "Limits and
    # cost"); never for an exception or a RecordedError. Anything else is converted and diffed.
    if engine.same_json(reference, candidate):
        return []
    reference_is_error, reference_value = _outcome(reference)
    candidate_is_error, candidate_value = _outcome(candidate)
    found = engine.diff_outcomes(reference_is_error, reference_value, candidate_is_error, candidate_value,
                                 _engine_rules(rules), max_differences)
    return [Difference(*entry) for entry in found]


def first_difference(reference: Any, candidate: Any, rules: Rules | None = None) -> Difference | None:
    """The first difference in walk order (docs/diff-rules.md), or None when equal under `rules`."""
    # Two, not one: when the walk stops early the engine appends "; stopped after N differences" to the
    # last difference it keeps, and the first one's detail should be its own.
    found = diff(reference, candidate, rules, max_differences=2)
    return found[0] if found else None


def rules_comparator(rules: Rules | None = None) -> Comparator:
    """A `Switch` comparator that applies the replay's rules (strict without them); ImportError if not built."""
    engine_rules = rules or Rules()

    def compare(reference: Any, candidate: Any) -> Difference | None:
        return first_difference(reference, candidate, engine_rules)

    return compare


__all__ = ["DEFAULT_MAX_DIFFERENCES", "Comparator", "Difference", "Rules", "available", "diff",
           "first_difference", "require", "rules_comparator"]
