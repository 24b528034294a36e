"""Candidate adapters whose outputs are too large to write out: `parity replay` must stay bounded.

Each returns what the real native adapter returns, with one part replaced by something no report should
hold in full (python/tests/test_bounded_reports.py). Sizes can be set through the environment, which
the workers inherit, so a test can keep them modest.
"""

from __future__ import annotations

import os
from typing import Any

from importer.adapters import native

Output = list[dict[str, Any]]

#: Nesting of `deep_output`'s list (the case from issue 16).
DEEP_LEVELS = int(os.environ.get("PARITY_TEST_DEEP_LEVELS", "200000"))
#: Characters of `huge_string`'s string (the case from issue 16: 200 MB).
HUGE_CHARACTERS = int(os.environ.get("PARITY_TEST_HUGE_CHARACTERS", str(200 * 1000 * 1000)))


def nested(levels: int, innermost: Any) -> Any:
    value = innermost
    for _ in range(levels):
        value = [value]
    return value


class _Wrapped:
    def setup(self, fixtures: dict[str, Any]) -> Any:
        return native.setup(fixtures)

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        output = native.run(context, request)
        if output:
            output[0] = {**output[0], **self.replacement(request)}
        return output

    def replacement(self, request: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


class _DeepOutput(_Wrapped):
    """The first result's `normalized` becomes a list nested DEEP_LEVELS deep."""

    def replacement(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"normalized": nested(DEEP_LEVELS, "bottom")}


class _DeepOutputOther(_Wrapped):
    """As _DeepOutput, but the innermost string differs in one letter."""

    def replacement(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"normalized": nested(DEEP_LEVELS, "bottoM")}


class _HugeString(_Wrapped):
    """The first result's `status` becomes a string of HUGE_CHARACTERS characters."""

    def replacement(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"status": "x" * HUGE_CHARACTERS}


class _HugeError(_Wrapped):
    """Raises a ValueError whose message has HUGE_CHARACTERS characters."""

    def run(self, context: Any, request: dict[str, Any]) -> Output:
        raise ValueError("y" * HUGE_CHARACTERS)


deep_output = _DeepOutput()
deep_output_other = _DeepOutputOther()
huge_string = _HugeString()
huge_error = _HugeError()
