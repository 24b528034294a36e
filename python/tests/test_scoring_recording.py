"""``serve --record``: the kernel calls the Python reference answered become a corpus that replays identically."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from parity.corpus import CorpusError, open_corpus
from scoring import adapters
from scoring.app import create_app
from scoring.adapters import python_scorer
from scoring.backend import ScoringBackend
from scoring.cli import ExitCode, main
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.recording import RecordingError, RecordOptions, ScoreRecorder
from scoring.service import ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.store import SqliteAccountStore
from tests.replay_cli import replay
from tests.scoring_fixtures import body, make_database, transaction
from tests.scoring_fixtures import root_logging_restored  # noqa: F401 - a fixture

REQUESTS = [
    ("req-1", body([transaction("t1"), transaction("t2", amount=950.0, merchant_id="m-2", card_id="card-2")])),
    ("req-2", body([transaction("t1", amount="ten")])),  # refused before the kernel: not recorded
    ("req-3", body([transaction("t9", timestamp="2026-03-01T10:00:00+01:00", device_id=None)])),
    ("req-4", body([])),
]


def record(tmp_path: Path, options: RecordOptions) -> list[dict[str, Any]]:
    """The REQUESTS sent to the app in process (--backend python) recording into ``options.directory``;
    the 200 answers' bodies."""
    model = load_model(BUNDLED_MODEL)
    recorder = ScoreRecorder.open(options, model)
    backend = ScoringBackend.open("python", model, recorder=recorder)
    app = create_app(ScoringService(SqliteAccountStore(make_database(tmp_path / "scoring.db")), backend,
                                    ServiceMetrics()))

    async def send() -> list[dict[str, Any]]:
        answers = []
        async with httpx.AsyncClient(app=app, base_url="http://scoring.test") as client:
            for request_id, content in REQUESTS:
                response = await client.post("/v1/score", content=content, headers={"X-Request-ID": request_id})
                if response.status_code == 200:
                    answers.append(response.json())
        return answers

    try:
        return asyncio.run(send())
    finally:
        backend.close(5.0)
        recorder.close()


def test_recorded_calls_are_the_kernel_calls_with_the_model_as_one_fixture(tmp_path: Path) -> None:
    answers = record(tmp_path, RecordOptions(tmp_path / "corpus"))

    corpus = open_corpus(tmp_path / "corpus")
    assert (corpus.manifest.kernel, corpus.manifest.reference, corpus.manifest.candidate) == (
        "scoring.score", "scoring.adapters:reference", "scoring.adapters:native")
    entries = list(corpus.entries())
    assert not [entry for entry in entries if isinstance(entry, CorpusError)]
    session = entries[0].id.split("-")[1]
    assert re.fullmatch(r"[0-9a-f]{12}", session), entries[0].id
    assert [entry.id for entry in entries] == [f"scoring.score-{session}-req-{n}" for n in (1, 3, 4)]
    fixtures = corpus.load_fixtures()
    (fixture_id,) = fixtures
    assert fixtures[fixture_id] == {"kind": "scoring.model", "model": load_model(BUNDLED_MODEL)}
    for entry, answer in zip(entries, answers):
        assert entry.fixtures == (fixture_id,)
        assert list(entry.input) == ["model", "profile", "history", "transactions"]
        assert entry.input["model"] == fixture_id and entry.input["profile"]["home_country"] == "FR"
        assert [tx["id"] for tx in entry.input["transactions"]] == [result["id"] for result in answer["results"]]
        kernel_fields = [{key: result[key] for key in ("id", "score")} | {"decision": result["kernel_decision"],
                                                                          "reasons": result["reasons"]}
                         for result in answer["results"]]
        assert entry.output == kernel_fields
    assert len(entries[0].input["history"]) == 2 and entries[2].output == []

    context = adapters.reference.setup(fixtures)
    assert [adapters.reference.run(context, entry.input) for entry in entries] == [entry.output for entry in entries]
    with pytest.raises(KeyError, match="unknown model fixture"):
        adapters.reference.run(context, {**entries[0].input, "model": "sha256-0"})


def test_a_recorded_corpus_replays_with_no_difference_and_no_drift(tmp_path: Path) -> None:
    record(tmp_path, RecordOptions(tmp_path / "corpus"))
    result = replay(tmp_path / "corpus", tmp_path / "out", "--noise-runs", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.summary
    assert (summary["compared"], summary["matched"], summary["reference_drift"]) == (3, 3, 0)


def test_hashed_ids_and_cards_stay_pseudonyms_the_kernel_scores_alike(tmp_path: Path) -> None:
    options = RecordOptions(tmp_path / "corpus", redact=("card_id=hash", "id=hash", "merchant_name=drop"),
                            salt="test-salt")
    answers = record(tmp_path, options)
    corpus = open_corpus(tmp_path / "corpus")
    entries = list(corpus.entries())
    first = entries[0]
    for tx in first.input["transactions"] + first.input["history"]:
        assert tx["card_id"].startswith("hash:") and tx["id"].startswith("hash:") and "merchant_name" not in tx
    assert [result["id"] for result in first.output] == [tx["id"] for tx in first.input["transactions"]]
    assert [result["score"] for result in first.output] == [result["score"] for result in answers[0]["results"]]
    context = adapters.reference.setup(corpus.load_fixtures())
    assert adapters.reference.run(context, first.input) == first.output


@pytest.mark.parametrize("rule, problem", [
    ("card_id=hash", "SCORING_RECORD_SALT"),
    ("input.transactions.*.amount=drop", "input.transactions.*.amount"),
    ("input.profile.home_country=drop", "input.profile"),
    ("output.*.score=drop", "output.*.score"),
])
def test_unusable_redaction_rules_are_refused_before_recording(tmp_path: Path, rule: str, problem: str) -> None:
    with pytest.raises(RecordingError, match=re.escape(problem)):
        ScoreRecorder.open(RecordOptions(tmp_path / "corpus", redact=(rule,)), load_model(BUNDLED_MODEL))
    assert not (tmp_path / "corpus").exists()


def test_serve_record_exits_2_on_a_bad_rule_before_serving(tmp_path: Path, root_logging_restored: None,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORING_RECORD_SALT", raising=False)
    db = make_database(tmp_path / "scoring.db")
    code = main(["serve", "--db", str(db), "--port", "0", "--record", str(tmp_path / "corpus"),
                 "--record-redact", "card_id=hash"])
    assert code == ExitCode.USAGE
    assert "SCORING_RECORD_SALT" in capsys.readouterr().err


def test_a_folder_holding_another_kernels_corpus_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"format": "parity.corpus", "format_version": 1,
                                                      "kernel": "importer.match"}), encoding="utf-8")
    with pytest.raises(RecordingError, match="--record"):
        ScoreRecorder.open(RecordOptions(folder), load_model(BUNDLED_MODEL))


def test_calls_the_native_kernel_answered_are_not_recorded(tmp_path: Path) -> None:
    model = load_model(BUNDLED_MODEL)
    recorder = ScoreRecorder.open(RecordOptions(tmp_path / "corpus"), model)
    # A stand-in for the native kernel: the reference's class, built through the native factory.
    backend = ScoringBackend.open("native", model, native_factory=python_scorer, recorder=recorder)
    profile = {"home_country": "FR", "home_currency": "EUR"}
    results, answered = backend.score(profile, [], [], account_id="acc-1", request_id="req-1")
    backend.close(5.0)
    recorder.close()
    assert (results, answered) == ([], "native")
    assert list(open_corpus(tmp_path / "corpus").entries()) == []
