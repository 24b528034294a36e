"""``serve --record DIR``: the kernel calls the Python reference answered, recorded with ``parity.recorder``.

As the importer's ``import --record`` (python/importer/recording.py): the model is stored once as a fixture
(``{"kind": "scoring.model", "model": ...}``), each call's input is the kernel call of docs/scoring.md §1.2
with the model by fixture id, and only the reference's calls are recorded: a corpus's ``output`` must be the
reference's answer for replay to judge the native one against it (``shadow`` mode records every call, the
reference answers all; calls the native kernel answered are not recorded). ``check_recording`` runs before the
service starts (``serve`` exits 2 on a ``RecordingError``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

import scoring
from scoring.adapters import (CANDIDATE_ADAPTER, DATA_ROOTS, KERNEL, MODEL_FIXTURE_KIND, PROTECTED_PATHS,
                              REFERENCE_ADAPTER)

log = logging.getLogger(__name__)

#: Environment variable holding the salt of ``hash`` redaction rules for ``--record``.
RECORD_SALT_ENV: Final = "SCORING_RECORD_SALT"

Results = list[dict[str, Any]]


class RecordingError(Exception):
    """``--record`` could not start: parity missing, a bad redaction rule, an unusable directory."""


@dataclass(frozen=True)
class RecordOptions:
    """``--record DIR``: where and how much of the kernel traffic to record for replay."""

    directory: Path
    sample_rate: float = 1.0
    redact: Sequence[str] = ()
    #: HMAC key of ``hash`` redaction rules; from the environment, never the command line (process lists).
    salt: str = ""
    description: str = ""
    #: Wait for the writer rather than drop a call when its queue is full (offline corpus building).
    block_when_full: bool = False


def _redaction(options: RecordOptions) -> Any:
    """The ``parity.redaction.Redaction`` of ``--record-redact`` over the kernel's records, or None."""
    try:
        from parity.redaction import RedactionScope, parse_record_redact
    except ImportError as exc:
        raise RecordingError(f"--record needs the parity package: {exc}") from exc
    try:
        return parse_record_redact(options.redact, salt=options.salt, salt_env=RECORD_SALT_ENV,
                                   scope=RedactionScope(data=DATA_ROOTS, protected=PROTECTED_PATHS))
    except ValueError as exc:
        raise RecordingError(str(exc)) from exc


class ScoreRecorder:
    """The kernel calls of one service process, recorded with ``parity.recorder`` (imported only when recording)."""

    def __init__(self, recorder: Any, model_fixture: str) -> None:
        self._recorder = recorder
        self._model_fixture = model_fixture

    @classmethod
    def open(cls, options: RecordOptions, model: Mapping[str, Any]) -> ScoreRecorder:
        """The recorder, the model stored as its fixture; RecordingError if the folder or a rule is unusable."""
        redaction = _redaction(options)
        from parity.recorder import Recorder  # importable: _redaction checked parity

        try:
            recorder = Recorder(
                options.directory, kernel=KERNEL, reference=REFERENCE_ADAPTER, candidate=CANDIDATE_ADAPTER,
                service_version=f"scoring {scoring.__version__}",
                description=options.description or f"scoring serve, model {model.get('version')}",
                sample_rate=options.sample_rate, redaction=redaction, fail_fast=True,
                block_when_full=options.block_when_full,
            )
        except (OSError, ValueError, TypeError) as exc:
            raise RecordingError(f"--record: {exc}") from exc
        model_fixture = recorder.fixture({"kind": MODEL_FIXTURE_KIND, "model": dict(model)})
        return cls(recorder, model_fixture)

    def call(self, score: Callable[[Any, Any, Any], Results], profile: Mapping[str, Any],
             history: list[dict[str, Any]], transactions: list[dict[str, Any]], request_id: str) -> Results:
        """``score(profile, history, transactions)``, recorded (result or exception) under ``request_id``
        (the service's request id as the label: ``scoring.score-<session>-<request id>``)."""
        call_input = {"model": self._model_fixture, "profile": profile, "history": history,
                      "transactions": transactions}
        results: Results = self._recorder.call(lambda: score(profile, history, transactions), call_input,
                                               fixtures=(self._model_fixture,),
                                               request_id=self._recorder.request_id(request_id))
        return results

    def close(self) -> None:
        self._recorder.close()
        log.info("recording closed", extra=asdict(self._recorder.stats))
