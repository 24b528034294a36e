"""Whole scoring requests recorded through the app and replayed without a database (docs/request-replay.md)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from replay_cli import CORPORA, replay
from scoring_fixtures import make_database, transaction

from parity.corpus import CorpusError, open_corpus
from scoring.app import create_app
from scoring.backend import ScoringBackend
from scoring.kernel import BUNDLED_MODEL, load_model
from scoring.request_adapters import UnrecordedRead, python
from scoring.request_corpus import CANDIDATE_ADAPTER, KERNEL, REFERENCE_ADAPTER, READ_FIXTURE_KIND
from scoring.request_recording import RecordingStore, RequestRecording, open_request_recorder
from scoring.service import ScoringService
from scoring.service_metrics import ServiceMetrics
from scoring.stage_times import KERNEL as KERNEL_STAGE
from scoring.stage_times import STAGES
from scoring.store import SqliteAccountStore

RULES = Path(__file__).resolve().parents[2] / "ci" / "diff-rules-scoring-requests.json"
BUNDLED = CORPORA / "scoring-requests"


def _body(account_id: str, transactions: list[dict[str, Any]]) -> bytes:
    return json.dumps({"account_id": account_id, "transactions": transactions}).encode()


REQUESTS: list[tuple[str, str, bytes, str | None]] = [
    ("POST", "/v1/score", _body("acc-1", [transaction("t1"), transaction("t2", amount=900.0, merchant_id="m-bad")]),
     "req-1"),
    ("POST", "/v1/score", _body("acc-frozen", [transaction("f1")]), "req-2"),
    ("POST", "/v1/score", _body("acc-quiet", [transaction(f"q{i}", amount=10.0 + i) for i in range(30)]), "req-3"),
    ("POST", "/v1/score", _body("acc-1", [transaction("t1", amount=None)]), "req-4"),       # 422 missing_field
    ("POST", "/v1/score", b'{"account_id": "acc-1", "transactions": [', "req-5"),          # 400 invalid_json
    ("POST", "/v1/score", b'{"account_id": "acc-\xe9"}', "req-6"),                         # 400, not UTF-8
    ("POST", "/v1/score", _body("acc-nobody", [transaction("t1")]), "req-7"),              # 404 unknown_account
    ("GET", "/v1/score", b"", None),                                                       # 405, id made up
]


def record_corpus(tmp_path: Path) -> Path:
    """The REQUESTS recorded through the app with the Python kernel; the database is deleted afterwards."""
    db = make_database(tmp_path / "scoring.db")
    corpus = tmp_path / "corpus"
    recorder = open_request_recorder(corpus, model_version="test", block_when_full=True)
    store = SqliteAccountStore(db)
    backend = ScoringBackend.open("python", load_model(BUNDLED_MODEL))
    app = RequestRecording(create_app(ScoringService(RecordingStore(store), backend, ServiceMetrics())), recorder)

    async def send_all() -> None:
        async with httpx.AsyncClient(app=app, base_url="http://scoring") as client:
            for method, path, body, request_id in REQUESTS:
                headers = {"x-request-id": request_id} if request_id else {}
                await client.request(method, path, content=body, headers=headers)

    try:
        asyncio.run(send_all())
    finally:
        recorder.close()
        store.close()
    db.unlink()
    return corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return record_corpus(tmp_path_factory.mktemp("requests"))


def entries(corpus: Path) -> list[Any]:
    found = list(open_corpus(corpus).entries())
    assert not [entry for entry in found if isinstance(entry, CorpusError)]
    return found


def test_each_request_is_one_line_with_its_reads_as_fixtures(corpus: Path) -> None:
    lines = entries(corpus)
    assert [(line.input["method"], line.output["status"]) for line in lines] == [
        ("POST", 200), ("POST", 200), ("POST", 200), ("POST", 422), ("POST", 400), ("POST", 400), ("POST", 404),
        ("GET", 405)]
    fixtures = open_corpus(corpus).load_fixtures()
    first = lines[0]
    reads = [(fixtures[fid]["read"], fixtures[fid]["arguments"]) for fid in first.input["reads"]]
    assert reads == [("profile", ["acc-1"]), ("history", ["acc-1"]), ("blocked_merchants", [["m-1", "m-bad"]])]
    assert all(fixtures[fid]["kind"] == READ_FIXTURE_KIND for fid in first.fixtures)
    assert lines[0].output["body"]["request_id"] == lines[0].input["request_id"] == "req-1"
    assert lines[5].input["body_base64"]                      # not UTF-8: kept as bytes, base64
    assert lines[6].input["reads"] and lines[3].input["reads"] == []   # refused before any read
    assert len(lines[7].input["request_id"]) == 32            # the made-up id, recorded so replay repeats it


def test_python_adapter_answers_as_recorded_without_a_database(corpus: Path) -> None:
    context = python.setup(open_corpus(corpus).load_fixtures())
    for line in entries(corpus):
        assert python.run(context, line.input) == line.output, line.id


def test_the_adapter_reports_the_service_stage_times_of_the_request_just_run(corpus: Path) -> None:
    context = python.setup(open_corpus(corpus).load_fixtures())
    assert python.stages(context) is None  # nothing run yet
    for line in entries(corpus):  # scored and refused requests alternate: no stage times carry over
        output = python.run(context, line.input)
        stages = python.stages(context)
        if output["status"] == 200:
            assert stages is not None and list(stages) == list(STAGES), line.id
            assert all(isinstance(seconds, float) and seconds >= 0 for seconds in stages.values())
        else:
            assert stages is None, line.id  # refused before the service answered


def test_replay_reports_where_the_request_time_goes(corpus: Path, tmp_path: Path) -> None:
    result = replay(corpus, tmp_path / "out", "--rules", RULES, "--jobs", "1", "--warmup", "0",
                    "--ported-stage", KERNEL_STAGE)
    assert result.returncode == 0, result.stderr
    stages = result.report["stages"]
    scored = sum(1 for line in entries(corpus) if line.output["status"] == 200)
    for path in ("reference", "candidate"):
        assert stages[path]["runs"] == len(REQUESTS) and stages[path]["runs_with_stages"] == scored
        assert [stage["name"] for stage in stages[path]["stages"]] == list(STAGES)
    assert stages["ported"]["name"] == KERNEL_STAGE and stages["ported"]["amdahl_bound"] >= 1


def test_an_unrecorded_read_fails_naming_it(corpus: Path) -> None:
    fixtures = open_corpus(corpus).load_fixtures()
    line = entries(corpus)[0]
    without_history = [fid for fid in line.input["reads"] if fixtures[fid]["read"] != "history"]
    context = python.setup(fixtures)
    with pytest.raises(UnrecordedRead, match=r"unrecorded store read history\('acc-1'\)"):
        python.run(context, {**line.input, "reads": without_history})
    other_account = json.loads(line.input["body"]) | {"account_id": "acc-frozen"}
    with pytest.raises(UnrecordedRead, match=r"profile\('acc-frozen'\)"):
        python.run(context, {**line.input, "body": json.dumps(other_account)})


def test_replay_through_both_backends_matches_everywhere(corpus: Path, tmp_path: Path) -> None:
    result = replay(corpus, tmp_path / "out", "--rules", RULES, "--jobs", "1")
    summary = result.summary
    assert result.returncode == 0, result.stderr
    assert summary["mismatched"] == 0 and summary["matched"] == len(REQUESTS), summary
    assert summary["reference_drift"] == 0 and summary["candidate_errors"] == 0, summary


def test_without_the_rules_only_the_backend_field_differs(corpus: Path, tmp_path: Path) -> None:
    result = replay(corpus, tmp_path / "out", "--jobs", "1")
    assert result.returncode == 1
    assert set(result.fields()) == {"/body/summary/backend"}


@pytest.mark.parametrize(("bug", "pattern"), [("rounded_scores", "/body/results/*/score"),
                                              ("refusal_as_400", "/status")])
def test_a_request_level_bug_is_caught_at_its_field(corpus: Path, tmp_path: Path, bug: str, pattern: str) -> None:
    result = replay(corpus, tmp_path / "out", "--rules", RULES, "--jobs", "1",
                    "--candidate", f"seeded_request_bugs:{bug}")
    assert result.returncode == 1, result.stderr
    assert result.summary["mismatched"] >= 1
    assert set(result.fields()) == {pattern}


def test_bundled_corpus_names_the_request_adapters_and_replays_exactly() -> None:
    corpus = open_corpus(BUNDLED)
    manifest = corpus.manifest
    assert (manifest.kernel, manifest.reference, manifest.candidate) == (KERNEL, REFERENCE_ADAPTER, CANDIDATE_ADAPTER)
    lines = entries(BUNDLED)
    assert manifest.count == len(lines) >= 150
    statuses = {line.output["status"] for line in lines}
    assert {200, 400, 404, 405, 413, 422} <= statuses
    sizes = [len(json.loads(line.input["body"])["transactions"]) for line in lines
             if line.output["status"] == 200]
    assert min(sizes) <= 1 and max(sizes) >= 2_000
    context = python.setup(corpus.load_fixtures())
    for line in lines:
        assert python.run(context, line.input) == line.output, line.id


class _FailingHistory(SqliteAccountStore):
    """A database whose history read fails for one account, as a locked or lost database would."""

    def history(self, account_id: str) -> list[dict[str, Any]]:
        if account_id == "acc-quiet":
            raise sqlite3.OperationalError("database is locked")
        return super().history(account_id)


def test_a_server_error_is_answered_but_not_recorded(tmp_path: Path) -> None:
    recorder = open_request_recorder(tmp_path / "corpus", model_version="test", block_when_full=True)
    store = _FailingHistory(make_database(tmp_path / "scoring.db"))
    backend = ScoringBackend.open("python", load_model(BUNDLED_MODEL))
    app = RequestRecording(create_app(ScoringService(RecordingStore(store), backend, ServiceMetrics())), recorder)

    async def send(account_id: str) -> int:
        async with httpx.AsyncClient(app=app, base_url="http://scoring") as client:
            response = await client.post("/v1/score", content=_body(account_id, [transaction("t1")]))
            return response.status_code

    try:
        statuses = [asyncio.run(send(account)) for account in ("acc-1", "acc-quiet", "acc-1")]
    finally:
        recorder.close()
        store.close()
    assert statuses == [200, 500, 200]
    assert app.not_recorded == 1
    assert [line.output["status"] for line in entries(tmp_path / "corpus")] == [200, 200]
