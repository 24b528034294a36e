"""``POST /v1/score`` in process, through the ASGI app: answers, order, summary, limits, metrics, health, backends."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from scoring.app import create_app
from scoring.backend import BackendError, ScoringBackend
from scoring.kernel import BUNDLED_MODEL, Scorer, load_model
from scoring.request_checks import MAX_TRANSACTIONS
from tests.native_module import diff_engine_or_skip
from tests.scoring_fixtures import body, make_app, make_database, make_service, transaction


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_database(tmp_path_factory.mktemp("service") / "scoring.db")


def _request(app: Any, method: str, url: str, content: bytes | None = None,
             headers: Mapping[str, str] | None = None) -> httpx.Response:
    async def send() -> httpx.Response:
        async with httpx.AsyncClient(app=app, base_url="http://scoring.test") as client:
            return await client.request(method, url, content=content, headers=headers)

    return asyncio.run(send())


class _NativeStandIn(Scorer):
    """The native kernel's place in tests: the reference's answers, from another object."""


class _BrokenNative:
    version = "broken"

    def __init__(self, model: Mapping[str, Any]) -> None:
        pass

    def score(self, profile: Any, history: Any, transactions: Any) -> list[dict[str, Any]]:
        raise RuntimeError("native kernel crashed")


def _missing_native(model: Mapping[str, Any]) -> Scorer:
    raise ImportError("No module named 'scoring._native'")


def test_results_in_request_order_with_summary(db_path: Path) -> None:
    txs = [transaction("late", timestamp="2026-03-02T18:00:00+01:00"),
           transaction("early", timestamp="2026-03-02T08:00:00Z", merchant_id="m-bad"),
           transaction("refund", amount=-25.0, merchant_name="Bäckerei Müller 🍞")]
    response = _request(make_app(db_path), "POST", "/v1/score", body(txs), {"x-request-id": "req-7"})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-7"
    document = response.json()
    assert document["request_id"] == "req-7" and document["account_id"] == "acc-1"
    results = document["results"]
    assert [r["id"] for r in results] == ["late", "early", "refund"]
    for result in results:
        assert list(result) == ["id", "score", "decision", "kernel_decision", "reasons", "rules"]
        assert 0.0 <= result["score"] <= 1.0 and len(result["reasons"]) <= 3
    assert results[1]["rules"] == ["blocked_merchant"] and results[1]["decision"] == "decline"
    summary = document["summary"]
    assert summary["transactions"] == 3 and sum(summary["decisions"].values()) == 3
    assert summary["model_version"] == "fraud-2026.12.1" and summary["backend"] == "python"
    assert summary["history_transactions"] == 2


def test_scores_are_the_kernels_own(db_path: Path) -> None:
    """The service hands the kernel the history it loaded and the checked transactions, t_ms exact."""
    txs = [transaction("a", timestamp="2026-03-02T12:00:00.123+01:00", amount=99),
           transaction("b", timestamp="2026-03-02T11:00:00.123Z", lat=None, lon=None, device_id=None)]
    results = _request(make_app(db_path), "POST", "/v1/score", body(txs)).json()["results"]
    history = [{"id": "h1", "t_ms": 1772352000000, "amount": 10.0, "currency": "EUR", "merchant_id": "m-1",
                "mcc": "5411", "country": "FR", "lat": 48.85, "lon": 2.35, "card_id": "card-1", "device_id": "dev-1"},
               {"id": "h2", "t_ms": 1772386200000, "amount": 42.5, "currency": "EUR", "merchant_id": "m-2",
                "mcc": "5411", "country": "FR", "lat": 48.85, "lon": 2.35, "card_id": "card-1", "device_id": "dev-1"}]
    kernel_txs = [{**history[0], "id": "a", "t_ms": 1772449200123, "amount": 99.0},
                  {**history[0], "id": "b", "t_ms": 1772449200123, "lat": None, "lon": None, "device_id": None}]
    expected = Scorer(load_model(BUNDLED_MODEL)).score({"home_country": "FR", "home_currency": "EUR"}, history,
                                                       kernel_txs)
    assert [(r["id"], r["score"], r["kernel_decision"], r["reasons"]) for r in results] == \
        [(e["id"], e["score"], e["decision"], e["reasons"]) for e in expected]


def test_an_empty_request_is_answered(db_path: Path) -> None:
    document = _request(make_app(db_path), "POST", "/v1/score", body([])).json()
    assert document["results"] == [] and document["summary"]["decisions"] == {"approve": 0, "review": 0,
                                                                              "decline": 0}


@pytest.mark.slow
def test_the_largest_request_is_accepted(db_path: Path) -> None:
    txs = [transaction(f"t{i:05d}", timestamp=f"2026-03-{2 + i // 5000:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                       amount=float(i % 700), merchant_id=f"m-{i % 50}") for i in range(MAX_TRANSACTIONS)]
    response = _request(make_app(db_path), "POST", "/v1/score", body(txs))
    assert response.status_code == 200
    document = response.json()
    assert document["summary"]["transactions"] == MAX_TRANSACTIONS
    assert [r["id"] for r in document["results"][:3]] == ["t00000", "t00001", "t00002"]


def test_metrics_cover_requests_decisions_rules_and_the_switch(db_path: Path) -> None:
    app = make_app(db_path)
    _request(app, "POST", "/v1/score", body([transaction("a"), transaction("b", country="SY")]))
    _request(app, "POST", "/v1/score", b"[")
    response = _request(app, "GET", "/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    for line in ['scoring_requests_total{route="/v1/score",status="200"} 1.0',
                 'scoring_requests_total{route="/v1/score",status="400"} 1.0',
                 'scoring_request_duration_seconds_count{route="/v1/score"} 2.0',
                 'scoring_transactions_total{decision="decline"} 1.0',
                 'scoring_rules_fired_total{rule="sanctioned_country"} 1.0',
                 'scoring_requests_by_backend_total{backend="python"} 1.0',
                 'scoring_errors_total{code="invalid_json"} 1.0',
                 'parity_calls_total{backend="python",switch="scoring.score"} 1.0']:
        assert line in text, line


def test_healthz(db_path: Path) -> None:
    app = make_app(db_path)
    document = _request(app, "GET", "/healthz?deep=true").json()
    assert document == {"status": "ok", "model_version": "fraud-2026.12.1", "mode": "python", "native_note": None}


def test_deep_healthz_fails_when_the_database_does(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    app = make_app(copy)
    copy.write_bytes(b"")
    response = _request(app, "GET", "/healthz?deep=true")
    assert response.status_code == 503 and response.json()["error"]["code"] == "internal_error"
    assert _request(app, "GET", "/healthz").status_code == 200


def test_native_backend_answers_and_says_so(db_path: Path) -> None:
    txs = [transaction("a"), transaction("b", amount=640.0)]
    python = _request(make_app(db_path), "POST", "/v1/score", body(txs)).json()
    native = _request(make_app(db_path, "native", _NativeStandIn), "POST", "/v1/score", body(txs)).json()
    assert native["summary"]["backend"] == "native"
    assert native["results"] == python["results"]


def test_a_failing_native_kernel_falls_back_to_python(db_path: Path) -> None:
    app = make_app(db_path, "native", _BrokenNative)
    document = _request(app, "POST", "/v1/score", body([transaction()])).json()
    assert document["summary"]["backend"] == "python"
    assert 'parity_fallbacks_total{reason="error",switch="scoring.score"} 1.0' in _request(app, "GET", "/metrics").text


def test_native_mode_without_the_native_kernel_refuses_to_start() -> None:
    with pytest.raises(BackendError, match="cmake --workflow --preset release"):
        ScoringBackend.open("native", load_model(BUNDLED_MODEL), native_factory=_missing_native)


@pytest.mark.parametrize("mode", ["percent:100", "shadow"])
def test_trial_modes_without_the_native_kernel_run_python(db_path: Path, mode: str) -> None:
    backend = ScoringBackend.open(mode, load_model(BUNDLED_MODEL), native_factory=_missing_native)
    assert backend.native_note is not None and backend.switch.mode.kind.value == mode.split(":")[0]
    app = make_app(db_path, mode, _missing_native)
    document = _request(app, "POST", "/v1/score", body([transaction()])).json()
    assert document["summary"]["backend"] == "python"
    assert _request(app, "GET", "/healthz").json()["native_note"] == backend.native_note


def test_percent_slice_is_sticky_per_account(db_path: Path) -> None:
    app = make_app(db_path, "percent:50", _NativeStandIn)
    answers = {account: {_request(app, "POST", "/v1/score", body([transaction()], account)).json()["summary"]
                         ["backend"] for _ in range(3)}
               for account in ["acc-1", "acc-frozen", "acc-closed", "acc-dormant", "acc-quiet"]}
    assert all(len(backends) == 1 for backends in answers.values()), answers


def test_unknown_mode_is_a_backend_error() -> None:
    with pytest.raises(BackendError, match="percent"):
        ScoringBackend.open("percent:150", load_model(BUNDLED_MODEL))


def test_log_lines_have_the_same_fields_for_both_backends(db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    standard = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
    fields = {}
    for mode in ["python", "native"]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="scoring.app"):
            _request(make_app(db_path, mode, _NativeStandIn), "POST", "/v1/score", body([transaction()]))
        (record,) = [r for r in caplog.records if r.getMessage() == "scored"]
        fields[mode] = set(vars(record)) - standard
        assert record.backend == mode  # type: ignore[attr-defined]
    assert fields["python"] == fields["native"]
    assert {"request_id", "backend", "transactions", "duration_ms", "parse_ms", "kernel_ms"} <= fields["python"]


def test_scoring_writes_nothing_back(db_path: Path) -> None:
    before = db_path.read_bytes()
    _request(make_app(db_path), "POST", "/v1/score", body([transaction("new-1"), transaction("new-2")]))
    assert db_path.read_bytes() == before
    history = json.loads(_request(make_app(db_path), "POST", "/v1/score", body([])).text)["summary"]
    assert history["history_transactions"] == 2


def test_shadow_mode_answers_with_python_and_compares_native(db_path: Path) -> None:
    diff_engine_or_skip()
    service = make_service(db_path, "shadow", _NativeStandIn)
    app = create_app(service)
    document = _request(app, "POST", "/v1/score", body([transaction("a"), transaction("b")])).json()
    assert document["summary"]["backend"] == "python"
    assert service.backend.switch.flush(timeout=30)
    stats = service.backend.switch.stats()
    assert (stats.shadow_compared, stats.shadow_mismatches) == (1, 0)
    assert 'parity_shadow_comparisons_total{switch="scoring.score"} 1.0' in _request(app, "GET", "/metrics").text


def test_a_database_failure_is_a_500_in_the_error_shape(db_path: Path, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    app = make_app(copy)
    copy.write_bytes(b"not a database any more")
    with caplog.at_level(logging.ERROR, logger="scoring.app"):
        response = _request(app, "POST", "/v1/score", body([transaction()]), {"x-request-id": "broken-1"})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error" and "broken-1" in response.json()["error"]["message"]
    assert any(r.getMessage() == "failed" for r in caplog.records)
