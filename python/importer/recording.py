"""``import --record DIR``: the matcher calls of one job, recorded into a corpus with ``parity.recorder``.

``parity`` is imported only when recording, so the worker runs without it. ``check_recording`` runs
before the job starts (the CLI exits 2 on a ``RecordingError``); ``MatchRecorder.open`` raises the same
errors if the folder became unusable since.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

import importer
from importer.adapters import (
    CANDIDATE_ADAPTER,
    CUSTOMERS_FIXTURE_KIND,
    DATA_ROOTS,
    DROP_ONLY_PATHS,
    HASH_CANONICAL,
    KERNEL,
    PROTECTED_PATHS,
    REFERENCE_ADAPTER,
)
from importer.matching import MatchConfig

log = logging.getLogger(__name__)

#: Environment variable holding the salt of ``hash`` redaction rules for ``--record``.
RECORD_SALT_ENV: Final = "IMPORTER_RECORD_SALT"


class RecordingError(Exception):
    """``--record`` could not start: parity missing, a bad redaction rule, an unusable directory."""


@dataclass(frozen=True)
class RecordOptions:
    """``--record DIR``: where and how much of the matcher traffic to record for replay."""

    directory: Path
    sample_rate: float = 1.0
    redact: Sequence[str] = ()
    #: HMAC key of ``hash`` redaction rules; from the environment, never the command line (process lists).
    salt: str = ""


def check_recording(options: RecordOptions) -> None:
    """Everything ``--record`` needs, before the job starts: parity importable, the redaction rules valid
    (a salt for ``hash``), the folder usable (created if missing). RecordingError naming the problem."""
    redaction = _redaction(options)
    try:
        from parity.corpus_writer import prepare_target

        prepare_target(options.directory, KERNEL, redaction.rules if redaction is not None else {})
    except (OSError, ValueError) as exc:
        raise RecordingError(f"--record: {exc}") from exc


def _redaction(options: RecordOptions) -> Any:
    """The ``parity.redaction.Redaction`` of ``--record-redact`` over the matcher's data fields, or None."""
    try:
        from parity.redaction import RedactionScope, parse_record_redact
    except ImportError as exc:
        raise RecordingError(f"--record needs the parity package: {exc}") from exc
    try:
        scope = RedactionScope(data=DATA_ROOTS, protected=PROTECTED_PATHS, drop_only=DROP_ONLY_PATHS,
                               canonical=HASH_CANONICAL)
        return parse_record_redact(options.redact, salt=options.salt, salt_env=RECORD_SALT_ENV, scope=scope)
    except ValueError as exc:
        raise RecordingError(str(exc)) from exc


class MatchRecorder:
    """The matcher calls of one job, recorded with ``parity.recorder`` (imported only when recording)."""

    def __init__(self, recorder: Any, fixture_id: str, config: MatchConfig) -> None:
        self._recorder = recorder
        self._fixture_id = fixture_id
        self._config = config.to_dict()

    @classmethod
    def open(cls, options: RecordOptions, customers: list[dict[str, Any]], config: MatchConfig, *,
             job_id: int, file_name: str) -> MatchRecorder:
        redaction = _redaction(options)
        from parity.recorder import Recorder  # importable: _redaction checked parity

        try:
            recorder = Recorder(
                options.directory, kernel=KERNEL, reference=REFERENCE_ADAPTER, candidate=CANDIDATE_ADAPTER,
                service_version=f"importer {importer.__version__}", description=f"job {job_id}: {file_name}",
                sample_rate=options.sample_rate, redaction=redaction, fail_fast=True,
            )
        except (OSError, ValueError, TypeError) as exc:
            raise RecordingError(f"--record: {exc}") from exc
        fixture_id = recorder.fixture({"kind": CUSTOMERS_FIXTURE_KIND, "customers": customers})
        return cls(recorder, fixture_id, config)

    def request_id(self, label: str) -> str:
        """The corpus id of the call labelled ``label`` (``job1-batch000001``): unique across jobs,
        databases and processes, e.g. ``importer.match-4be0c1a9d2f3-job1-batch000001``."""
        request_id: str = self._recorder.request_id(label)
        return request_id

    def call(self, match: Callable[[list[dict[str, str]]], list[dict[str, Any]]], rows: list[dict[str, str]],
             request_id: str) -> list[dict[str, Any]]:
        """``match(rows)``, recorded (result or exception) with the customers fixture and the config;
        ``request_id`` is a label or an id from ``request_id()``."""
        call_input = {"customers": self._fixture_id, "config": self._config, "rows": rows}
        return self._recorder.call(lambda: match(rows), call_input, fixtures=(self._fixture_id,),
                                   request_id=request_id)

    def close(self) -> None:
        self._recorder.close()
        log.info("recording closed", extra=asdict(self._recorder.stats))
