"""A handler whose cost grows with the number of rows in the request."""

from __future__ import annotations

from typing import Any


class RowsCostHandler:
    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: Any) -> int:
        return sum(len(str(row)) for row in request["rows"] for _ in range(3))


handler = RowsCostHandler()
