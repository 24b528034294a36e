"""A handler that leaks `LEAK_BYTES` per request into a module-level list (the allocation site below)."""

from __future__ import annotations

from typing import Any, Final

LEAK_BYTES: Final = 20_000
_kept: list[bytearray] = []


class LeakingHandler:
    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: Any) -> int:
        _kept.append(bytearray(LEAK_BYTES))  # LEAK SITE
        return len(_kept)


handler = LeakingHandler()
