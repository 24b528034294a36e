"""A circuit breaker for the candidate: stop calling it after repeated failures, retry after a cool-down.

Closed (normal) -> `threshold` *consecutive* candidate failures -> open: the candidate is not called
for `cooldown_s` -> half-open: one trial call is let through; its success closes the breaker, its
failure reopens it for another cool-down.

Why consecutive rather than K within a window: the candidate is deterministic code, so it fails
either systematically (a broken build, an unsupported input class: every call fails, and K in a
row trips quickly) or on rare inputs, where each failure already falls back to the reference and
costs only one extra call. A success resets the count. A trial that never reports (a hung call) is
given up after another `cooldown_s`, so a hang cannot keep the candidate off forever.

    breaker = CircuitBreaker(threshold=5, cooldown_s=60.0)
    if breaker.allow():
        try:
            result = candidate()
        except Exception:
            breaker.record_failure()
        else:
            breaker.record_success()
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable
from typing import Final

DEFAULT_THRESHOLD: Final = 5
DEFAULT_COOLDOWN_S: Final = 30.0


class BreakerState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


#: Called (outside the breaker's lock) on every state change: (old, new, consecutive failures).
TransitionListener = Callable[[BreakerState, BreakerState, int], None]


class CircuitBreaker:
    """Thread-safe; `clock` (seconds, monotonic) is injectable for tests."""

    def __init__(
        self,
        threshold: int = DEFAULT_THRESHOLD,
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if threshold < 1:
            raise ValueError(f"breaker threshold must be >= 1, got {threshold}")
        if not cooldown_s >= 0.0:
            raise ValueError(f"breaker cool-down must be >= 0 seconds, got {cooldown_s}")
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_started: float | None = None
        self._listeners: list[TransitionListener] = []

    def add_listener(self, listener: TransitionListener) -> None:
        """`listener(old, new, failures)` after each transition; it must not raise."""
        with self._lock:
            self._listeners.append(listener)

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state

    def allow(self) -> bool:
        """May the candidate be called now? In half-open state only the one trial caller gets True."""
        with self._lock:
            if self._state is BreakerState.CLOSED:
                return True
            now = self._clock()
            if self._state is BreakerState.OPEN:
                if now - self._opened_at < self.cooldown_s:
                    return False
                transition = self._move(BreakerState.HALF_OPEN)
                self._trial_started = now
            else:
                lost = self._trial_started is not None and now - self._trial_started >= self.cooldown_s
                if self._trial_started is not None and not lost:
                    return False
                self._trial_started, transition = now, None
        self._notify(transition)
        return True

    def abandon(self) -> None:
        """An allowed call did not run after all (a shadow skipped): free the trial slot if it held it."""
        with self._lock:
            if self._state is BreakerState.HALF_OPEN:
                self._trial_started = None

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            transition = self._move(BreakerState.CLOSED) if self._state is BreakerState.HALF_OPEN else None
            self._trial_started = None if transition else self._trial_started
        self._notify(transition)

    def record_failure(self) -> None:
        with self._lock:
            transition = None
            if self._state is BreakerState.HALF_OPEN:
                transition = self._open()
            elif self._state is BreakerState.CLOSED:
                self._failures += 1
                if self._failures >= self.threshold:
                    transition = self._open()
            # OPEN: a straggler that was allowed before the breaker opened; it changes nothing.
        self._notify(transition)

    def _open(self) -> tuple[BreakerState, BreakerState, int]:
        self._opened_at = self._clock()
        self._trial_started = None
        return self._move(BreakerState.OPEN)

    def _move(self, new: BreakerState) -> tuple[BreakerState, BreakerState, int]:
        old, self._state = self._state, new
        return old, new, self._failures

    def _notify(self, transition: tuple[BreakerState, BreakerState, int] | None) -> None:
        if transition is None:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(*transition)


__all__ = ["DEFAULT_COOLDOWN_S", "DEFAULT_THRESHOLD", "BreakerState", "CircuitBreaker", "TransitionListener"]
