"""``import --backend MODE``: which matcher answers a job's batches, via ``parity.switch`` (docs/runtime-switch.md).

Modes: ``python`` (default, or ``$IMPORTER_MATCH_BACKEND``), ``native``, ``shadow``, ``percent:N`` with the job id as
the sticky key, so a whole job is in the native slice or not. Decisions:

* ``python`` without ``--metrics`` calls the Python matcher directly, exactly as before the switch existed;
  ``parity`` is imported only when a switch is needed.
* The native matcher (``importer._native``) is imported lazily. If it cannot be imported, ``native`` fails the
  job with a message saying how to build it (nothing would ever use it, so the user must know), while ``shadow``
  and ``percent:N`` log a warning and run Python-only: they exist to try the native code without risk, and the
  job must not depend on it. If it imports but its constructor raises, that is a native failure like any other:
  logged, and the Python matcher answers every batch, in every mode.
* ``shadow`` compares with ``parity.diff`` (the engine ``parity replay`` diffs with). Without its compiled module
  (``parity._diff``) there is nothing to compare with: like a missing native module, a warning, and Python only.
* The Python reference matcher is built at the start only in modes where it answers every call (python,
  shadow, a job outside the native slice, a native matcher that could not be built). Where the native
  matcher answers, it is built from the job's customer snapshot on the first fallback (lazy_reference.py),
  so a job without native failures never holds it.
* ``--record`` records the Python matcher's calls only: a corpus's ``output`` must be the reference's answer for
  replay to judge the native one against it. In ``shadow`` mode every call is recorded (the reference answers
  all), and a shadow mismatch logs the same request id as the corpus line. Batches the native matcher answered
  (``native``, ``percent:N``) are not recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from importer.adapters import KERNEL, MatcherLike
from importer.customer_snapshot import CustomerSnapshot
from importer.lazy_reference import LazyReference
from importer.matching import MatchConfig
from importer.recording import MatchRecorder

log = logging.getLogger(__name__)

#: Default of ``--backend``.
BACKEND_ENV: Final = "IMPORTER_MATCH_BACKEND"
DEFAULT_BACKEND: Final = "python"
NATIVE_MODULE: Final = "importer._native"
NATIVE_BUILD_HINT: Final = ("build it with `cmake --workflow --preset release` and run with build/release/python "
                            "on PYTHONPATH (see README.md), or use --backend python")
#: Shadow runs queued behind the worker: each holds one batch's rows and results.
SHADOW_QUEUE: Final = 4
#: How long the job's end waits for shadow runs still queued before it reports them as pending.
SHADOW_DRAIN_TIMEOUT_S: Final = 60.0

Rows = list[dict[str, str]]
Results = list[dict[str, Any]]
#: Builds the native matcher from the job's customers and the reference matcher's config.
NativeFactory = Callable[[CustomerSnapshot, MatchConfig], MatcherLike]


class BackendError(Exception):
    """``--backend`` cannot be honoured: an unknown mode, ``native`` without the native module, no parity package."""


@dataclass(frozen=True)
class BackendOptions:
    mode: str = DEFAULT_BACKEND
    #: ``--metrics FILE``: the switch's Prometheus text, written at the end of the job.
    metrics_file: Path | None = None
    #: Builds the native matcher; None imports ``importer._native`` when the mode needs it. Tests inject fakes.
    native_factory: NativeFactory | None = None


def import_native_matcher(customers: CustomerSnapshot, config: MatchConfig) -> MatcherLike:
    """The default `NativeFactory`: the index built chunk by chunk; ImportError when the module is not built."""
    from importer._native import Matcher as NativeMatcher

    matcher: MatcherLike = NativeMatcher.from_chunks(customers.chunks(), config)
    return matcher


class MatchBackend:
    """How one job calls its matcher: ``match(rows, request_id)``, then ``close()`` and ``summary_line()``."""

    def __init__(self, match: Callable[[Rows, str], Results], switch: Any = None, *, options: BackendOptions,
                 job_id: int, native_note: str | None = None, recorder: MatchRecorder | None = None) -> None:
        self._match = match
        self._switch = switch
        self._options = options
        self._job_id = job_id
        self._native_note = native_note
        self._recorder = recorder

    @classmethod
    def open(cls, options: BackendOptions, reference: LazyReference, customers: CustomerSnapshot,
             recorder: MatchRecorder | None, *, job_id: int) -> MatchBackend:
        """Build the native matcher if the mode needs it and the switch around both; BackendError if impossible.
        The reference is built here unless the native matcher answers (then on its first call)."""
        reference_call = _reference_call(reference, recorder)
        if options.mode == DEFAULT_BACKEND and options.metrics_file is None:
            reference.build()
            return cls(reference_call, options=options, job_id=job_id)
        try:
            from parity.metrics import SwitchMetrics
            from parity.modes import Mode, ModeKind, in_slice
            from parity.switch import Switch
        except ImportError as exc:
            raise BackendError(f"--backend {options.mode} needs the parity package: {exc}") from exc
        try:
            mode = Mode.parse(options.mode)
        except ValueError as exc:
            raise BackendError(str(exc)) from None
        native, problem = None, None
        if mode.kind is ModeKind.PERCENT and not in_slice(KERNEL, job_id, mode.percent):
            problem = f"job {job_id} is not in the {mode.percent:g}% native slice"
        elif mode.kind is ModeKind.SHADOW and (problem := _shadow_comparison_problem()) is not None:
            log.warning(f"{problem}; running python only", extra={"job_id": job_id, "backend": options.mode})
        elif mode.uses_candidate:
            native, problem = _build_native(options, customers, reference.config, mode.kind is ModeKind.NATIVE,
                                            job_id)
        if native is None or mode.kind is ModeKind.SHADOW:
            reference.build()  # it answers every call
        if recorder is not None and native is not None and mode.kind in (ModeKind.NATIVE, ModeKind.PERCENT):
            log.warning(f"--record with --backend {mode} records only the batches the python matcher answers",
                        extra={"job_id": job_id})
        candidate = (lambda rows, request_id: native.match(rows)) if native is not None else None
        switch = Switch(KERNEL, reference_call, candidate, mode=mode, metrics=SwitchMetrics(),
                        shadow_queue_size=SHADOW_QUEUE, log_fields={"job_id": job_id})
        return cls(switch.call, switch, options=options, job_id=job_id, native_note=problem, recorder=recorder)

    def match(self, rows: Rows, request_id: str) -> Results:
        if self._switch is None:
            return self._match(rows, request_id)
        # When recording, the switch logs the corpus id, so a shadow mismatch can be replayed with --id.
        logged_id = self._recorder.request_id(request_id) if self._recorder is not None else request_id
        results: Results = self._switch.call(rows, logged_id, key=self._job_id, request_id=logged_id)
        return results

    def close(self, *, drain: bool = True) -> None:
        """Wait for queued shadow runs (not when ``drain`` is False: an interrupted job exits at once, leaving
        them to their daemon threads), then write ``--metrics``; a failure here is logged, never raised."""
        if self._switch is None:
            return
        if not self._switch.close(SHADOW_DRAIN_TIMEOUT_S if drain else 0.0):
            log.warning("shadow runs still pending at the end of the job; they are not in the summary",
                        extra={"job_id": self._job_id, "pending": self._switch.stats().shadow_pending})
        if self._options.metrics_file is not None:
            write_metrics(self._options.metrics_file, self._switch.metrics, self._job_id)

    def summary_line(self) -> str | None:
        """Which backend answered how many matcher calls; in shadow mode how many differed. None for plain python."""
        if self._switch is None:
            return None
        stats = self._switch.stats()
        answered = sorted(stats.answered.items(), key=lambda item: -item[1]) or [("python", 0)]
        (first, count), others = answered[0], answered[1:]
        line = f"backend {self._switch.mode}: {_counted(count, 'matcher call')} answered by {first}"
        line += "".join(f", {n:,} by {backend}" for backend, n in others)
        notes = []
        if stats.candidate_failures:
            notes.append(_counted(stats.candidate_failures, "native failure"))
        if stats.fallbacks:
            notes.append(_counted(stats.fallbacks, "fallback") + " to python")
        if self._switch.mode.uses_candidate and self._switch.kill_switch.killed(KERNEL):
            notes.append("kill switch on")
        if stats.breaker != "closed":
            notes.append(f"circuit {stats.breaker.replace('_', '-')}")
        if self._native_note:
            notes.append(self._native_note)
        if self._switch.mode.kind.value == "shadow" and self._native_note is None:
            line += (f"; shadow: {stats.shadow_compared:,} compared, {stats.shadow_mismatches:,} mismatched, "
                     f"{stats.shadow_skipped:,} skipped")
            if stats.shadow_pending:
                line += f", {stats.shadow_pending:,} pending"
        return line + (f" ({'; '.join(notes)})" if notes else "")


def write_metrics(path: Path, metrics: Any, job_id: int | None) -> None:
    """``--metrics FILE``, atomically; an unwritable file is logged (the job's result does not depend on it)."""
    try:
        metrics.write(path)
    except Exception as exc:  # noqa: BLE001 - a full disk or a metrics bug must not change the job's outcome
        log.error("cannot write --metrics file", extra={"job_id": job_id, "path": str(path), "error": str(exc)})


def write_empty_metrics(path: Path, job_id: int | None) -> None:
    """``--metrics`` for a job that ended before matching: no series, so no stale file from an earlier job."""
    try:
        from parity.metrics import SwitchMetrics
    except ImportError as exc:
        log.error("cannot write --metrics file without the parity package", extra={"job_id": job_id,
                                                                                    "error": str(exc)})
        return
    write_metrics(path, SwitchMetrics(), job_id)


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _reference_call(reference: LazyReference, recorder: MatchRecorder | None) -> Callable[[Rows, str], Results]:
    if recorder is None:
        return lambda rows, request_id: reference.match(rows)
    return lambda rows, request_id: recorder.call(reference.match, rows, request_id)


def _shadow_comparison_problem() -> str | None:
    """Why shadow runs could not be compared (the diff engine is not built), or None."""
    from parity import diff

    try:
        diff.require()
    except ImportError as exc:
        return f"shadow comparison unavailable: {exc}"
    return None


def _build_native(options: BackendOptions, customers: CustomerSnapshot, config: MatchConfig,
                  required: bool, job_id: int) -> tuple[MatcherLike | None, str | None]:
    """The native matcher, or None and why not (BackendError instead when `required` and not importable)."""
    factory = options.native_factory or import_native_matcher
    try:
        return factory(customers, config), None
    except ImportError as exc:
        if required:
            raise BackendError(f"--backend native: the native matcher ({NATIVE_MODULE}) cannot be imported: "
                               f"{exc}; {NATIVE_BUILD_HINT}") from exc
        problem = f"native matcher unavailable: {exc}"
        log.warning(f"{problem}; running python only", extra={"job_id": job_id, "backend": options.mode})
    except Exception as exc:  # noqa: BLE001 - a native failure: the reference answers, as for any call
        problem = f"native matcher failed to build: {type(exc).__name__}: {exc}"
        log.error(f"{problem}; running python only", extra={"job_id": job_id, "backend": options.mode})
    return None, problem


__all__ = ["BACKEND_ENV", "DEFAULT_BACKEND", "BackendError", "BackendOptions", "MatchBackend", "NativeFactory",
           "import_native_matcher", "write_empty_metrics"]
