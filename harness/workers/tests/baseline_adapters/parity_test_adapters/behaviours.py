"""The test adapters as an older build would have them: each answer says which build and process gave it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any


class OlderBuild:
    def __init__(self, name: str) -> None:
        self.name = name

    def setup(self, fixtures: Mapping[str, Any]) -> None:
        return None

    def run(self, context: None, request: dict[str, Any]) -> Any:
        return {"adapter": self.name, "build": "baseline", "pid": os.getpid()}


reference = OlderBuild("reference")
candidate = OlderBuild("candidate")
