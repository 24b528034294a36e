"""``serve --backend MODE``: which scoring kernel answers, through the runtime switch (docs/runtime-switch.md).

Modes ``python`` (default, or ``$SCORING_BACKEND``), ``native``, ``shadow`` and ``percent:N`` with the account id
as the sticky key, so an account is scored by one kernel on every request. As for the importer's matcher
(python/importer/match_backend.py), and for the same reasons:

* The native kernel (``scoring.native``, re-exporting ``scoring._native``) is imported lazily. If it cannot be
  imported, ``native`` refuses to start the service with a message saying how to build it, while ``shadow`` and
  ``percent:N`` log a warning and serve with Python only. If it imports but its constructor raises, that is a
  native failure: logged at error, and Python answers every request, in every mode.
* ``shadow`` without the diff engine (``parity._diff``) has nothing to compare with: a warning, Python only.
* ``serve --record`` (scoring.recording) records the calls the reference answers only: a corpus's ``output`` must
  be the reference's answer. ``shadow`` records every call; calls the native kernel answered are not recorded.

Unlike the importer, every mode goes through the switch, ``python`` included: the service always exposes the
switch's metrics on ``/metrics``. The switch does not say which backend answered a call, so each kernel is
wrapped to note, on the calling thread, that it returned normally; the last note of the caller's thread names
the answer (shadow runs happen on the switch's pool thread and never overwrite it).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from typing import Any, Final

from parity.metrics import SwitchMetrics
from parity.modes import CANDIDATE, REFERENCE, Mode, ModeKind
from parity.switch import Switch
from scoring.adapters import KERNEL, ScorerFactory, ScorerLike, native_scorer, python_scorer
from scoring.recording import ScoreRecorder

log = logging.getLogger(__name__)

#: The switch's name (``KERNEL``, from scoring.adapters) is in its metrics, logs and kill switch
#: (``PARITY_KILL_SWITCH=scoring.score``) and in recorded corpora.
BACKEND_ENV: Final = "SCORING_BACKEND"
DEFAULT_BACKEND: Final = "python"
NATIVE_MODULE: Final = "scoring._native"
NATIVE_BUILD_HINT: Final = ("build it with `cmake --workflow --preset release` and run with build/release/python "
                            "on PYTHONPATH (see README.md), or use --backend python")
#: Shadow runs queued behind the request threads; a full queue skips (and counts) the shadow.
SHADOW_QUEUE: Final = 4


class BackendError(Exception):
    """``--backend`` cannot be honoured: an unknown mode, or ``native`` without the native kernel."""


def default_mode() -> str:
    return os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND


class ScoringBackend:
    """``score(profile, history, transactions, account_id=, request_id=) -> (results, backend)`` via the switch."""

    def __init__(self, reference: ScorerLike, switch: Switch[list[dict[str, Any]]], *,
                 native_note: str | None) -> None:
        self.version = reference.version
        self.switch = switch
        #: Why the native kernel is not in use although the mode asks for it, or None.
        self.native_note = native_note
        self._answered = threading.local()

    @classmethod
    def open(cls, mode_text: str, model: Mapping[str, Any], *, native_factory: ScorerFactory | None = None,
             metrics: SwitchMetrics | None = None, recorder: ScoreRecorder | None = None) -> ScoringBackend:
        """The reference kernel, the native one if the mode needs it, and the switch; BackendError if impossible.

        With ``recorder`` (``serve --record``), the calls the reference answers are recorded (not the native
        kernel's: a corpus's outputs are the reference's answers)."""
        try:
            mode = Mode.parse(mode_text)
        except ValueError as exc:
            raise BackendError(str(exc)) from None
        reference = python_scorer(model)
        native, problem = None, None
        if mode.kind is ModeKind.SHADOW and (problem := _shadow_comparison_problem()) is not None:
            log.warning(f"{problem}; running python only", extra={"backend": str(mode_text)})
        elif mode.uses_candidate:
            native, problem = _build_native(native_factory or native_scorer, model, mode_text,
                                            required=mode.kind is ModeKind.NATIVE)
        backend: ScoringBackend
        candidate = None
        if native is not None:
            def candidate(profile: Any, history: Any, transactions: Any, label: str) -> list[dict[str, Any]]:
                return backend._noted(CANDIDATE, native.score(profile, history, transactions))

        def reference_call(profile: Any, history: Any, transactions: Any, label: str) -> list[dict[str, Any]]:
            if recorder is None:
                return backend._noted(REFERENCE, reference.score(profile, history, transactions))
            return backend._noted(REFERENCE, recorder.call(reference.score, profile, history, transactions,
                                                           label))

        switch: Switch[list[dict[str, Any]]] = Switch(KERNEL, reference_call, candidate, mode=mode,
                                                      metrics=metrics or SwitchMetrics(),
                                                      shadow_queue_size=SHADOW_QUEUE)
        backend = cls(reference, switch, native_note=problem)
        return backend

    def score(self, profile: Mapping[str, Any], history: list[dict[str, Any]], transactions: list[dict[str, Any]],
              *, account_id: str, request_id: str) -> tuple[list[dict[str, Any]], str]:
        """The kernel's results and the backend that answered (``python`` or ``native``)."""
        self._answered.backend = None
        # The request id is also a positional argument: the recorder labels the corpus line with it.
        results = self.switch.call(profile, history, transactions, request_id, key=account_id, request_id=request_id)
        backend: str = self._answered.backend or REFERENCE
        return results, backend

    def _noted(self, backend: str, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self._answered.backend = backend
        return results

    def render_metrics(self) -> str:
        return self.switch.render_metrics()

    def close(self, timeout: float) -> bool:
        return self.switch.close(timeout)


def _shadow_comparison_problem() -> str | None:
    """Why shadow runs could not be compared (the diff engine is not built), or None."""
    from parity import diff

    try:
        diff.require()
    except ImportError as exc:
        return f"shadow comparison unavailable: {exc}"
    return None


def _build_native(factory: ScorerFactory, model: Mapping[str, Any], mode_text: str,
                  *, required: bool) -> tuple[ScorerLike | None, str | None]:
    """The native kernel, or None and why not (BackendError instead when `required` and not importable)."""
    try:
        return factory(model), None
    except ImportError as exc:
        if required:
            raise BackendError(f"--backend native: the native kernel ({NATIVE_MODULE}) cannot be imported: "
                               f"{exc}; {NATIVE_BUILD_HINT}") from exc
        problem = f"native kernel unavailable: {exc}"
        log.warning(f"{problem}; running python only", extra={"backend": mode_text})
    except Exception as exc:  # noqa: BLE001 - a native failure: the reference answers, as for any call
        problem = f"native kernel failed to build: {type(exc).__name__}: {exc}"
        log.error(f"{problem}; running python only", extra={"backend": mode_text})
    return None, problem
