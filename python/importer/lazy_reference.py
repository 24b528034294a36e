"""The Python reference matcher of a job the native matcher answers, built only when a call needs it.

With ``--backend native`` (or a job in the ``percent:N`` native slice) the reference answers only after a
native failure, and most jobs have none; building it for 200,000 customers takes ~7 s and ~300 MB (bench/
LOG.md, 2026-12-08). So it is built from the job's own customer snapshot, the first time it is called: the
first fallback still gets the reference's answer for its batch, over exactly the customers the native index
holds, and pays the build once (logged with its seconds; docs/runtime-switch.md). Modes in which the
reference answers every call (python, shadow, a job outside the native slice) build it at the job's start.

    reference = LazyReference(Matcher, snapshot, MatchConfig())
    reference.match(rows)        # builds Matcher(snapshot.customers()) on the first call
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from importer.adapters import MatcherLike
from importer.customer_snapshot import CustomerSnapshot
from importer.matching import MatchConfig

log = logging.getLogger(__name__)


class LazyReference:
    """A MatcherLike that builds ``factory(snapshot.customers())`` on first use (once, under a lock)."""

    def __init__(self, factory: Callable[[list[dict[str, Any]]], MatcherLike], snapshot: CustomerSnapshot,
                 config: MatchConfig, *, log_fields: Mapping[str, Any] | None = None) -> None:
        self._factory = factory
        self._snapshot: CustomerSnapshot | None = snapshot  # dropped once built: the matcher holds what it needs
        self._customer_count = len(snapshot)
        self._config = config
        self._log_fields = dict(log_fields or {})
        self._matcher: MatcherLike | None = None
        self._lock = threading.Lock()
        #: Seconds the build took (None until built).
        self.build_seconds: float | None = None

    @property
    def config(self) -> MatchConfig:
        """The built matcher's config, or the one it will be built with."""
        return self._matcher.config if self._matcher is not None else self._config

    @property
    def built(self) -> bool:
        return self._matcher is not None

    def build(self, *, reason: str | None = None) -> MatcherLike:
        """The reference matcher, built now if it is not yet; ``reason`` (a lazy build) is logged with its
        duration. Exceptions of the factory propagate, and the next call tries again."""
        with self._lock:
            if self._matcher is None:
                assert self._snapshot is not None
                started = time.perf_counter()
                self._matcher = self._factory(self._snapshot.customers())
                self.build_seconds = time.perf_counter() - started
                self._snapshot = None
                if reason is not None:
                    log.warning(f"python reference matcher built {reason}",
                                extra={**self._log_fields, "customers": self._customer_count,
                                       "duration_ms": round(self.build_seconds * 1000)})
            return self._matcher

    def match(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        matcher = self._matcher if self._matcher is not None else self.build(reason="on its first call")
        return matcher.match(rows)
