"""corpora/scoring-sample: well-formed, replayed by the reference adapter to exactly the recorded outputs, and
holding what the scoring kernel meets: every decision, request sizes from 1 to thousands, the synth's fraud
patterns and mess, transactions exactly at the window lengths, and calls the kernel refuses."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from shared_data import REPO_ROOT

from parity.corpus import CorpusError, open_corpus
from scoring.adapters import CANDIDATE_ADAPTER, KERNEL, MODEL_FIXTURE_KIND, REFERENCE_ADAPTER, reference
from scoring.kernel import BUNDLED_MODEL, load_model

SAMPLE = REPO_ROOT / "corpora" / "scoring-sample"
HOUR_MS, DAY_MS = 3_600_000, 86_400_000


@cache
def requests() -> tuple[Any, ...]:
    entries = list(open_corpus(SAMPLE).entries())
    problems = [str(entry) for entry in entries if isinstance(entry, CorpusError)]
    assert problems == [], problems
    return tuple(entries)


def scored() -> list[Any]:
    return [request for request in requests() if request.error is None]


def transactions() -> list[dict[str, Any]]:
    return [tx for request in scored() for tx in request.input["transactions"]]


def test_manifest_names_the_scoring_adapters_and_the_model_is_its_one_fixture() -> None:
    corpus = open_corpus(SAMPLE)
    manifest = corpus.manifest
    assert (manifest.kernel, manifest.reference, manifest.candidate) == (KERNEL, REFERENCE_ADAPTER, CANDIDATE_ADAPTER)
    assert manifest.count == len(requests()) >= 150
    assert list(corpus.load_fixtures().values()) == [{"kind": MODEL_FIXTURE_KIND, "model": load_model(BUNDLED_MODEL)}]


def test_reference_adapter_replays_the_recorded_outputs_exactly() -> None:
    corpus = open_corpus(SAMPLE)
    context = reference.setup(corpus.load_fixtures())
    for request in scored():
        # As JSON text: equal floats print the same shortest repr, so this is bit-exact.
        assert json.dumps(reference.run(context, request.input)) == json.dumps(request.output), request.id


def test_refused_calls_raise_the_recorded_error_again() -> None:
    """One call per row of docs/scoring.md §1.2's error table that the service's checks never let through."""
    refused = [request for request in requests() if request.error is not None]
    assert len(refused) == 16 and all("-refusals-" in request.id for request in refused)
    assert {request.error.type for request in refused} == {"TypeError", "ValueError"}
    context = reference.setup(open_corpus(SAMPLE).load_fixtures())
    for request in refused:
        with pytest.raises(Exception) as raised:
            reference.run(context, request.input)
        assert (type(raised.value).__name__, str(raised.value)) == (request.error.type, request.error.message)


def test_sizes_decisions_and_reasons_cover_what_the_kernel_meets() -> None:
    sizes = sorted(len(request.input["transactions"]) for request in scored())
    assert sizes[0] == 1 and sizes[-1] >= 2000 and sum(size >= 200 for size in sizes) >= 10
    results = [result for request in scored() for result in request.output]
    assert {result["decision"] for result in results} == {"approve", "review", "decline"}
    assert {reason for result in results for reason in result["reasons"]} >= {
        "velocity_1h_count", "velocity_24h_sum", "speed_kmh", "country_mismatch", "new_device", "amount_z"}


def test_transactions_hold_the_synth_mess() -> None:
    txs = transactions()
    assert any(tx["amount"] < 0 for tx in txs), "refunds"
    assert any(tx["lat"] is None for tx in txs) and any(tx["device_id"] is None for tx in txs), "missing optionals"
    by_request = [[tx["t_ms"] for tx in request.input["transactions"]] for request in scored()]
    assert any(any(b < a for a, b in zip(t, t[1:])) for t in by_request), "out of time order"
    assert any(len(set(t)) < len(t) for t in by_request), "equal timestamps"


def test_some_transactions_follow_one_of_their_card_exactly_at_a_window_length() -> None:
    gaps = set()
    for request in scored():
        by_card: dict[str, list[int]] = {}
        for tx in request.input["transactions"]:
            by_card.setdefault(tx["card_id"], []).append(tx["t_ms"])
        for stamps in by_card.values():
            seen = set(stamps)
            gaps.update(gap for gap in (HOUR_MS, HOUR_MS - 1, DAY_MS, DAY_MS - 1)
                        if any(t + gap in seen for t in stamps))
    assert gaps == {HOUR_MS, HOUR_MS - 1, DAY_MS, DAY_MS - 1}
