"""A test adapter whose run() does what the request asks: echo, crash, hang, raise, print, count calls.

Input: ``{"action": <name>, "on": <adapter name or "both">, ...}``. An adapter not named by ``on`` just
echoes, so one request can make only the candidate crash while the reference answers.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from collections.abc import Mapping
from typing import Any

#: Calls of run() in this worker process, over every adapter: tells the call order of one job.
_calls = 0


class BehaviourAdapter:
    """An adapter named `name`; `fail_setup` makes setup() raise, `crash_setup` segfault."""

    def __init__(self, name: str, fail_setup: bool = False, crash_setup: bool = False) -> None:
        self.name = name
        self.fail_setup = fail_setup
        self.crash_setup = crash_setup

    def setup(self, fixtures: Mapping[str, Any]) -> dict[str, Any]:
        if self.fail_setup:
            raise ValueError(f"{self.name} cannot set up")
        if self.crash_setup:
            ctypes.string_at(0)
        return {"fixtures": dict(fixtures), "pid": os.getpid()}

    def run(self, context: dict[str, Any], request: dict[str, Any]) -> Any:
        global _calls
        _calls += 1
        action = request.get("action", "echo")
        if request.get("on", "both") not in ("both", self.name):
            action = "echo"
        if action == "echo":
            return {"adapter": self.name, "input": request}
        if action == "count":
            return {"adapter": self.name, "call": _calls, "pid": context["pid"]}
        if action == "fixtures":
            return context["fixtures"]
        if action == "mutate":
            request["rows"].append(self.name)
            return request["rows"]
        if action == "segv":
            return ctypes.string_at(0)
        if action == "abort":
            os.abort()
        if action == "exit":
            os._exit(3)
        if action == "hang":
            time.sleep(100)
        if action == "raise":
            raise ValueError("bad \udc80 value")
        if action == "raise_key":
            raise KeyError("missing")
        if action == "print":
            print(f"{self.name} printed this to stdout")
            sys.stdout.flush()
            return "printed"
        if action == "unconvertible":
            return {"big": 2**70, "set": {1}, "raw": b"\x01", "text": "a\ud800"}
        if action == "interpreter":
            return {
                "executable": sys.executable,
                "prefix": sys.prefix,
                "path": sys.path[:1],
                "current_folder_on_path": "" in sys.path,
                "process": os.path.realpath("/proc/self/exe"),
            }
        if action == "sleep":
            time.sleep(request["seconds"])
            return "slept"
        raise ValueError(f"unknown action {action!r}")


reference = BehaviourAdapter("reference")
candidate = BehaviourAdapter("candidate")
failing_setup = BehaviourAdapter("candidate", fail_setup=True)
crashing_setup = BehaviourAdapter("candidate", crash_setup=True)


class _Namespace:
    """Holds an adapter one attribute deeper, for "module:a.b" adapter names."""

    inner = BehaviourAdapter("candidate")


nested = _Namespace()
not_an_adapter = 42
