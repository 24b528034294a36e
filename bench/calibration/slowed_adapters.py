"""Adapters for calibrating the gate against a baseline: one adapter, slowed by a known amount.

``candidate`` and ``baseline`` both wrap the adapter named by ``PARITY_CALIBRATION_INNER`` (``module:attr``).
After each call the candidate busy-waits ``PARITY_CALIBRATION_SLOWDOWN`` (0.10: 10 %) times the time that very
call took, inside the window the worker times; the baseline takes the same clock readings and does not wait.
The worker's window also holds the output's conversion, which the wrapper cannot see: both report the inner
call's seconds as the stage ``inner`` (stages()), so bench/calibrate_baseline.py can scale the wait to a
share of the whole measured call. The environment reaches the worker processes because they inherit
parity's.
"""

from __future__ import annotations

import importlib
import os
import time
from typing import Any

INNER = "PARITY_CALIBRATION_INNER"
SLOWDOWN = "PARITY_CALIBRATION_SLOWDOWN"


def _inner() -> Any:
    spec = os.environ.get(INNER, "")
    module, _, attribute = spec.partition(":")
    if not module or not attribute:
        raise RuntimeError(f"{INNER} must name the adapter to slow down as module:attribute, got {spec!r}")
    target: Any = importlib.import_module(module)
    for part in attribute.split("."):
        target = getattr(target, part)
    return target


class Slowed:
    """The inner adapter, each call followed by a busy-wait of ``slowdown`` times its own duration."""

    def __init__(self, slowed: bool) -> None:
        self._slowed = slowed
        self._inner: Any = None
        self._slowdown = 0.0
        self._stages = {"inner": 0.0, "wait": 0.0}

    def setup(self, fixtures: dict[str, Any]) -> Any:
        self._inner = _inner()
        if self._slowed:
            self._slowdown = float(os.environ.get(SLOWDOWN, "0"))
            if not 0.0 <= self._slowdown <= 10.0:
                raise RuntimeError(f"{SLOWDOWN} must be a fraction between 0 and 10, got {self._slowdown}")
        return self._inner.setup(fixtures)

    def run(self, context: Any, input: Any) -> Any:
        clock = time.perf_counter_ns
        start = clock()
        try:
            return self._inner.run(context, input)
        finally:
            end = clock()
            until = end + int((end - start) * self._slowdown)
            while clock() < until:
                pass
            self._stages["inner"] = (end - start) / 1e9
            self._stages["wait"] = max(0, until - end) / 1e9

    def stages(self, context: Any) -> dict[str, float]:
        return self._stages


candidate = Slowed(slowed=True)
baseline = Slowed(slowed=False)
