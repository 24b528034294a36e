"""``--record``: the matcher calls of a job become a corpus the reference adapter replays identically."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from importer.recording import RecordOptions
from importer.worker import ImportOptions, run_import

pytestmark = pytest.mark.skipif(importlib.util.find_spec("parity.recorder") is None,
                                reason="parity.recorder is not written yet")

HEADER = "external_ref,first_name,last_name,email,phone,street,city,postcode,birth_date"
ROWS = [
    "r1,Anne,Lee,ANN.LEE@example.org,020 7946 0958,1 High St,London,SW1A 1AA,07/03/1984",
    "r2,Bob,Smith,bob.smith@example.com,,2 Park Road,Leeds,LS1 4AP,",
    "r3,John,Doe,john@@x,,,,,",  # a row error: never reaches the matcher
    "r4,Zoe,Newman,zoe@newman.org,,,,,",
    "r5,Kim,Lee,,,,London,,",
]


def record_import(tmp_path: Path, customer_db: Path, **record: Any) -> tuple[int, Path]:
    path = tmp_path / "import.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    outcome = run_import(ImportOptions(file=path, db=customer_db, batch_size=2, quiet=True,
                                       record=RecordOptions(corpus, **record)))
    assert outcome.status == "succeeded", outcome.error_message
    assert outcome.job_id is not None
    return outcome.job_id, corpus


def test_record_writes_a_corpus_of_every_batch(tmp_path: Path, customer_db: Path,
                                                customers: list[dict[str, Any]]) -> None:
    from parity.corpus import CorpusError, open_corpus

    job_id, folder = record_import(tmp_path, customer_db)

    corpus = open_corpus(folder)
    assert (corpus.manifest.kernel, corpus.manifest.reference, corpus.manifest.candidate) == (
        "importer.match", "importer.adapters:reference", "importer.adapters:native")
    entries = list(corpus.entries())
    assert not [entry for entry in entries if isinstance(entry, CorpusError)]
    session = entries[0].id.split("-")[1]
    assert re.fullmatch(r"[0-9a-f]{12}", session), entries[0].id
    assert [entry.id for entry in entries] == [f"importer.match-{session}-job{job_id}-batch00000{n}" for n in (1, 2)]
    fixtures = corpus.load_fixtures()
    (fixture_id,) = fixtures
    assert fixtures[fixture_id] == {"kind": "importer.customers", "customers": customers}
    first = entries[0]
    assert first.fixtures == (fixture_id,)
    assert first.input["customers"] == fixture_id
    assert [row["external_ref"] for row in first.input["rows"]] == ["r1", "r2"]
    assert [row["external_ref"] for row in entries[1].input["rows"]] == ["r4", "r5"]
    assert first.service_version.startswith("importer ")


def test_recorded_calls_replay_identically_on_the_reference(tmp_path: Path, customer_db: Path) -> None:
    from importer.adapters import reference
    from parity.corpus import open_corpus

    _, folder = record_import(tmp_path, customer_db)

    corpus = open_corpus(folder)
    context = reference.setup(corpus.load_fixtures())
    for request in corpus.requests():
        replayed = json.loads(json.dumps(reference.run(context, request["input"])))
        assert replayed == request["output"], f"request {request['id']}"


def test_redaction_rules_hash_personal_data(tmp_path: Path, customer_db: Path) -> None:
    from parity.corpus import open_corpus

    _, folder = record_import(tmp_path, customer_db, redact=("email=hash",), salt="test-salt")

    corpus = open_corpus(folder)
    (customers_fixture,) = corpus.load_fixtures().values()
    emails = [customer["email"] for customer in customers_fixture["customers"]]
    assert all(email is None or email.startswith("hash:") for email in emails)
    assert "ann.lee@example.org" not in (folder / "requests.jsonl").read_text(encoding="utf-8")
