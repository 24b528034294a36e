"""Adapters reporting stage times through the optional ``stages(context)`` (corpora/README.md "Adapters"),
for the tests of report.json's "stages" (python/tests/test_replay_stages.py).

The input is ``{"n": int}`` and the output ``sum(i * i for i in range(n))``. The stage seconds are fixed
(not measured), so the report's sums are known exactly; each run sleeps longer than its stages add up to,
so they stay inside its wall time. The bad adapters return unusable stages, each request another kind.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping
from typing import Any

#: Seconds each run of the reference / candidate reports, and the least each run lasts.
REFERENCE_STAGES = {"prepare": 0.001, "kernel": 0.003}
REFERENCE_SLEEP = 0.005
CANDIDATE_STAGES = {"prepare": 0.001, "kernel": 0.0005, "serialise": 0.0002}
CANDIDATE_SLEEP = 0.002


def answer(request: Mapping[str, Any]) -> int:
    return sum(i * i for i in range(int(request["n"])))


class Staged:
    """Sleeps ``sleep`` seconds, answers, and reports ``stages`` as the stage times of that run."""

    def __init__(self, stages: Mapping[str, Any] | None, sleep: float) -> None:
        self._stages = stages
        self._sleep = sleep

    def setup(self, fixtures: dict[str, Any]) -> dict[str, Any]:
        return {"runs": 0}

    def run(self, context: dict[str, Any], request: dict[str, Any]) -> int:
        context["runs"] += 1
        time.sleep(self._sleep)
        return answer(request)

    def stages(self, context: dict[str, Any]) -> Any:
        return dict(self._stages) if self._stages is not None else None


reference = Staged(REFERENCE_STAGES, REFERENCE_SLEEP)
candidate = Staged(CANDIDATE_STAGES, CANDIDATE_SLEEP)
#: stages() returning None: no stage times for any run.
none = Staged(None, 0.0)


class Plain:
    """No stages() at all: what every adapter written before it was."""

    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: dict[str, Any]) -> int:
        return answer(request)


plain = Plain()


class BadStages(Plain):
    """stages() returns ``kinds[i % len(kinds)]`` after the i-th run (a callable is called: it may raise)."""

    def __init__(self, kinds: list[Any]) -> None:
        self._kinds = kinds
        self._runs = 0

    def run(self, context: None, request: dict[str, Any]) -> int:
        self._runs += 1
        return answer(request)

    def stages(self, context: None) -> Any:
        kind = self._kinds[(self._runs - 1) % len(self._kinds)]
        return kind() if callable(kind) else kind


def _raise() -> None:
    raise RuntimeError("no stage times today")



#: Wrong value types and values.
bad_values = BadStages([{"kernel": "fast"}, {"kernel": math.nan}, {"kernel": -1.0}, {"kernel": True}])
#: Not a mapping, a raising stages(), a key that is not a str, too many stages.
bad_shapes = BadStages([[("kernel", 1.0)], _raise, {1: 0.5}, {f"s{i}": 0.0 for i in range(33)}])


class Threaded(Plain):
    """Hands a fixed amount of work to a thread of its own and waits: the calling thread's CPU time misses it."""

    def run(self, context: None, request: dict[str, Any]) -> int:
        result: list[int] = []
        worker = threading.Thread(target=lambda: result.append(_spin(SPIN) + answer(request)))
        worker.start()
        worker.join()
        return result[0]


#: Iterations of the threaded adapter's work: a few milliseconds of CPU.
SPIN = 300_000


def _spin(iterations: int) -> int:
    total = 0
    for i in range(iterations):
        total += i & 1
    return total - iterations // 2


threaded = Threaded()
