"""Adapters of the test module `_ab_probe` (bindings/tests/ab_probe), built three times under that one name:
for the tests of `parity replay --baseline` (python/tests/test_replay_baseline.py).

The input is ``{"seed": int, "steps": int}`` and the output ``{"state": "<16 hex digits>"}``: the state of
Knuth's MMIX generator (``state * A + C`` modulo 2**64) after ``steps`` steps from ``seed``.

`reference` computes it in closed form, in a few microseconds: a Python loop over the hundreds of thousands
of steps the native builds walk would take a hundred times longer than they do, for no better evidence.
`native` walks it with whichever build of `_ab_probe` comes first on sys.path, and says which: its one stage,
the walk's seconds, is named after the build (``walk.fast``, ``walk.slow``, ``walk.changed``), so a report's
stage times name the build each path ran; and when ``AB_PROBE_LOG`` names a file, every process that sets it
up appends ``<pid> <build> <module file>`` to it.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Mapping
from typing import Any

MODULUS = 1 << 64
MULTIPLIER = 6364136223846793005
INCREMENT = 1442695040888963407


def closed_form(seed: int, steps: int) -> int:
    """``seed * A**n + C * (A**n - 1) / (A - 1)`` modulo 2**64: the division is exact over the integers, and
    taking A**n modulo (A - 1) * 2**64 keeps it exact while bounding the numbers."""
    power = pow(MULTIPLIER, steps, (MULTIPLIER - 1) * MODULUS)
    geometric = (power - 1) // (MULTIPLIER - 1)
    return (seed * power + INCREMENT * geometric) % MODULUS


def answer(state: int) -> dict[str, str]:
    return {"state": f"{state:016x}"}


class Reference:
    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: Mapping[str, Any]) -> dict[str, str]:
        return answer(closed_form(int(request["seed"]), int(request["steps"])))


class Native:
    """`_ab_probe.walk`, from the build first on this process's sys.path."""

    def setup(self, fixtures: dict[str, Any]) -> dict[str, Any]:
        module = importlib.import_module("_ab_probe")
        log = os.environ.get("AB_PROBE_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as file:
                file.write(f"{os.getpid()} {module.BUILD} {module.__file__}\n")
        return {"walk": module.walk, "stage": f"walk.{module.BUILD}", "seconds": None}

    def run(self, context: dict[str, Any], request: Mapping[str, Any]) -> dict[str, str]:
        context["seconds"] = None
        start = time.perf_counter()
        state = context["walk"](int(request["seed"]), int(request["steps"]))
        context["seconds"] = time.perf_counter() - start
        return answer(state)

    def stages(self, context: dict[str, Any]) -> dict[str, float] | None:
        seconds = context["seconds"]
        return None if seconds is None else {context["stage"]: seconds}


reference = Reference()
native = Native()
