"""``import --record DIR``: the matcher calls of one job, recorded into a corpus with ``parity.recorder``.

``parity`` is imported only when recording, so the worker runs without it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

import importer
from importer.adapters import CANDIDATE_ADAPTER, CUSTOMERS_FIXTURE_KIND, KERNEL, REFERENCE_ADAPTER
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


class MatchRecorder:
    """The matcher calls of one job, recorded with ``parity.recorder`` (imported only when recording)."""

    def __init__(self, recorder: Any, fixture_id: str, config: MatchConfig) -> None:
        self._recorder = recorder
        self._fixture_id = fixture_id
        self._config = config.to_dict()

    @classmethod
    def open(cls, options: RecordOptions, customers: list[dict[str, Any]], config: MatchConfig, *,
             job_id: int, file_name: str) -> MatchRecorder:
        try:
            from parity.recorder import Recorder
            from parity.redaction import Redaction
        except ImportError as exc:
            raise RecordingError(f"--record needs the parity package: {exc}") from exc
        try:
            redaction = Redaction.parse(list(options.redact), salt=options.salt) if options.redact else None
            recorder = Recorder(
                options.directory, kernel=KERNEL, reference=REFERENCE_ADAPTER, candidate=CANDIDATE_ADAPTER,
                service_version=f"importer {importer.__version__}", description=f"job {job_id}: {file_name}",
                sample_rate=options.sample_rate, redaction=redaction,
            )
        except (OSError, ValueError, TypeError) as exc:
            raise RecordingError(f"cannot record to {options.directory}: {exc}") from exc
        fixture_id = recorder.fixture({"kind": CUSTOMERS_FIXTURE_KIND, "customers": customers})
        return cls(recorder, fixture_id, config)

    def call(self, match: Callable[[list[dict[str, str]]], list[dict[str, Any]]], rows: list[dict[str, str]],
             request_id: str) -> list[dict[str, Any]]:
        """``match(rows)``, recorded (result or exception) with the customers fixture and the config."""
        call_input = {"customers": self._fixture_id, "config": self._config, "rows": rows}
        return self._recorder.call(lambda: match(rows), call_input, fixtures=(self._fixture_id,),
                                   request_id=request_id)

    def close(self) -> None:
        self._recorder.close()
        log.info("recording closed", extra=asdict(self._recorder.stats))
