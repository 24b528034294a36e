"""Fakes for the runtime-switch tests: a clock to move by hand and implementations that count their calls."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from parity.breaker import CircuitBreaker
from parity.killswitch import KillSwitch
from parity.switch import Switch


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Impl:
    """A fake implementation: `behaviour(*args)` decides the answer; calls and their arguments are kept."""

    def __init__(self, name: str, behaviour: Callable[..., Any] | None = None) -> None:
        self.name = name
        self.behaviour = behaviour or (lambda *args, **kwargs: {"by": name, "args": list(args)})
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self._lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.calls.append((args, kwargs))
        return self.behaviour(*args, **kwargs)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.calls)


def raising(exc: Exception) -> Callable[..., Any]:
    def behaviour(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return behaviour


def same_answer(*args: Any, **kwargs: Any) -> Any:
    """What both sides answer when they agree."""
    return [{"row": arg, "score": 0.5} for arg in args]


def make_switch(mode: str, reference: Callable[..., Any], candidate: Callable[..., Any] | None, *,
                clock: FakeClock | None = None, threshold: int = 3, cooldown_s: float = 60.0,
                environ: dict[str, str] | None = None, **kwargs: Any) -> Switch[Any]:
    """A switch isolated from the process: its own breaker on a fake clock, a kill switch on a private environment."""
    breaker = CircuitBreaker(threshold, cooldown_s, clock=clock or FakeClock())
    kill_switch = kwargs.pop("kill_switch", None) or KillSwitch(environ=environ if environ is not None else {})
    return Switch("test.fn", reference, candidate, mode=mode, breaker=breaker, kill_switch=kill_switch, **kwargs)
