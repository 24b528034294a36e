"""One build of the module twin_build; python/tests/adapters/twin_builds/{current,previous} hold two builds of it
under the same name, as a port's module would be in two build folders (test_replay_baseline.py).

Each run appends "<build> <adapter> <n> <pid>" to the file PARITY_TEST_CALL_LOG names, if any: the order of
the calls and the processes they ran in.
"""

from __future__ import annotations

import os
from typing import Any

BUILD = "current"


class Adapter:
    def __init__(self, name: str) -> None:
        self.name = name

    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: dict[str, Any]) -> Any:
        log = os.environ.get("PARITY_TEST_CALL_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as calls:
                calls.write(f"{BUILD} {self.name} {request['n']} {os.getpid()}\n")
        n = request["n"]
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}" if BUILD == "current" else "negative n")
        total = sum(i * i for i in range(n))
        return {"n": n, "sum": total}


reference = Adapter("reference")
candidate = Adapter("candidate")
