"""``import --record`` run as a user would: what a redaction rule may touch, the salt, ids unique across
databases, and a folder that cannot take the corpus refused before the job starts (exit 2)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("parity.recorder") is None,
                                reason="the parity package is not importable")

RunCli = Callable[..., subprocess.CompletedProcess[str]]
SALT = {"IMPORTER_RECORD_SALT": "test-salt"}
NO_SALT = {"IMPORTER_RECORD_SALT": ""}
HEADER = "external_ref,first_name,last_name,email,phone,street,city,postcode,birth_date"
ROWS = [
    "r1,Anne,Lee,ANN.LEE@example.org,020 7946 0958,1 High St,London,SW1A 1AA,07/03/1984",  # email case differs
    "r2,Bob,Smith,bob.smith@example.com,,2 Park Road,Leeds,LS1 4AP,",
    "r4,Zoe,Newman,zoe@newman.org,,,,,",
    "r5,Kim,Lee,,,,London,,",
]
ID = re.compile(r"importer\.match-([0-9a-f]{12})-job\d+-batch\d{6}")


@pytest.fixture
def import_file(tmp_path: Path) -> Path:
    path = tmp_path / "import.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def record(run_cli: RunCli, import_file: Path, db: Path, corpus: Path, *rules: str,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    redact = ["--record-redact", *rules] if rules else []
    return run_cli("import", import_file, "--db", db, "--batch-size", "2", "--quiet", "--record", corpus, *redact,
                   env=env)


def jobs_in(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT count(*) FROM jobs").fetchone()
    return int(count)


def requests_of(corpus: Path) -> list[dict[str, Any]]:
    from parity.corpus import open_corpus

    return list(open_corpus(corpus).requests())


def without(outputs: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    return [{**result, "normalized": {k: v for k, v in result["normalized"].items() if k != field}}
            for result in outputs]


# ----------------------------------------------------------------------------- what a rule touches


def test_email_hash_touches_the_data_fields_only_and_the_corpus_replays(
        tmp_path: Path, import_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    from importer.adapters import reference
    from parity.corpus import Manifest, open_corpus

    corpus = tmp_path / "corpus"
    done = record(run_cli, import_file, customer_db, corpus, "email=hash", env=SALT)

    assert done.returncode == 0, done.stderr
    assert Manifest.load(corpus).recorder.redaction == {
        "input.rows.*.email": "hash", "fixture.customers.*.email": "hash", "output.*.normalized.email": "hash"}
    requests = requests_of(corpus)
    assert len(requests) == 2
    for request in requests:
        assert request["input"]["config"]["weights"]["email"] == 3.0  # the kernel's number, untouched
        assert all(re.fullmatch(r"hash:[0-9a-f]{16}", row["email"]) for row in request["input"]["rows"]
                   if row["email"])
        assert {type(result["field_scores"]["email"]) for result in request["output"]} <= {float, type(None)}
    assert "ann.lee@example.org" not in "".join(path.read_text(encoding="utf-8") for path in corpus.rglob("*.json*"))
    # The reference on the redacted corpus gives the recorded answers (emails hashed case-folded, as the
    # matcher compares them), apart from the redacted output path replay does not compare.
    opened = open_corpus(corpus)
    context = reference.setup(opened.load_fixtures())
    first_results = requests[0]["output"]
    assert first_results[0]["status"] == "matched" and first_results[0]["field_scores"]["email"] == 1.0
    for request in requests:
        replayed = json.loads(json.dumps(reference.run(context, request["input"])))
        assert without(replayed, "email") == without(request["output"], "email"), request["id"]


def test_hash_without_a_salt_is_refused_before_the_job_starts(
        tmp_path: Path, import_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    corpus = tmp_path / "corpus"
    done = record(run_cli, import_file, customer_db, corpus, "email=hash", env=NO_SALT)

    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        "importer: error: --record-redact email=hash: hash rules need a secret salt in $IMPORTER_RECORD_SALT "
        "(it is never stored in the corpus); without one anyone can recompute the pseudonyms")
    assert not corpus.exists() and jobs_in(customer_db) == 0


@pytest.mark.parametrize(("rule", "reason"), [
    ("input.config.weights.email=hash", "input.config.weights.email touches input.config, which the kernel needs"),
    ("input.customers=drop", "input.customers touches input.customers, which the kernel needs"),
    ("id=hash", "fixture.customers.*.id touches fixture.customers.*.id, which the kernel needs"),
    ("birth_date=hash", "touches input.rows.*.birth_date, which the kernel parses"),
    ("rows.*.email=drop", "a path starts at input, output, error, fixture"),
])
def test_a_rule_that_would_break_replay_is_refused_naming_it(
        tmp_path: Path, import_file: Path, customer_db: Path, run_cli: RunCli, rule: str, reason: str) -> None:
    corpus = tmp_path / "corpus"
    done = record(run_cli, import_file, customer_db, corpus, rule, env=SALT)

    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"importer: error: --record-redact: redaction rule {rule}: "), done.stderr
    assert reason in done.stderr
    assert not corpus.exists() and jobs_in(customer_db) == 0


def test_drop_of_a_parsed_field_and_explicit_output_paths_are_allowed(
        tmp_path: Path, import_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    from parity.corpus import Manifest

    corpus = tmp_path / "corpus"
    done = record(run_cli, import_file, customer_db, corpus, "birth_date=drop", "output.*.field_scores.email=drop")

    assert done.returncode == 0, done.stderr
    assert Manifest.load(corpus).recorder.redaction == {
        "input.rows.*.birth_date": "drop", "fixture.customers.*.birth_date": "drop",
        "output.*.normalized.birth_date": "drop", "output.*.field_scores.email": "drop"}
    first = requests_of(corpus)[0]
    assert "birth_date" not in first["input"]["rows"][0] and "email" not in first["output"][0]["field_scores"]


# ----------------------------------------------------------------------------- ids


def test_two_databases_recording_into_one_corpus_never_share_an_id(
        tmp_path: Path, import_file: Path, customer_db: Path, run_cli: RunCli) -> None:
    from parity.corpus import Manifest

    other_db = tmp_path / "other.db"
    shutil.copy(customer_db, other_db)
    corpus = tmp_path / "corpus"

    for db in (customer_db, other_db):
        done = record(run_cli, import_file, db, corpus)
        assert done.returncode == 0, done.stderr

    ids = [request["id"] for request in requests_of(corpus)]
    assert len(ids) == 4 and len(set(ids)) == 4, ids
    matches = [ID.fullmatch(rid) for rid in ids]
    assert all(matches), ids
    assert len({match.group(1) for match in matches if match}) == 2  # one session per recording
    assert [rid.split("-", 2)[2] for rid in ids] == ["job1-batch000001", "job1-batch000002"] * 2
    assert Manifest.load(corpus).count == 4


# ----------------------------------------------------------------------------- unusable targets


def another_kernels_corpus(folder: Path) -> None:
    from parity.corpus import Manifest
    from parity.corpus_writer import CorpusWriter

    CorpusWriter(folder, Manifest("other.kernel", "a:b", "c:d")).open()


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder that cannot be created, whoever runs the test (root ignores permission bits)."""
    if os.geteuid() != 0:
        (tmp_path / "locked").mkdir(mode=0o500)
        return tmp_path / "locked" / "corpus"
    if not Path("/sys/kernel").is_dir():
        pytest.skip("no /sys to stand for an unwritable folder")
    return Path("/sys/parity-record-test-corpus")


@pytest.mark.parametrize("target", ["file", "other-kernel", "other-rules", "not-a-corpus", "under-a-file",
                                    "unwritable"])
def test_an_unusable_target_fails_before_the_job_starts(
        tmp_path: Path, import_file: Path, customer_db: Path, run_cli: RunCli, target: str) -> None:
    corpus = tmp_path / "corpus"
    if target == "file":
        corpus.write_text("notes\n", encoding="utf-8")
        reason = f"{corpus} is not a folder"
    elif target == "other-kernel":
        another_kernels_corpus(corpus)
        reason = f"{corpus} holds a corpus of kernel 'other.kernel', not 'importer.match'"
    elif target == "other-rules":
        assert record(run_cli, import_file, shutil.copy(customer_db, tmp_path / "earlier.db"), corpus,
                      "phone=drop").returncode == 0
        reason = (f"{corpus} was recorded with redaction rules {{input.rows.*.phone=drop, "
                  f"fixture.customers.*.phone=drop, output.*.normalized.phone=drop}}, not {{}}; "
                  f"record into another folder")
    elif target == "not-a-corpus":
        corpus.mkdir()
        (corpus / "thesis.txt").write_text("mine\n", encoding="utf-8")
        reason = f"{corpus} is not empty and holds no corpus (manifest.json missing; found thesis.txt)"
    elif target == "under-a-file":
        (tmp_path / "plain").write_text("", encoding="utf-8")
        corpus = tmp_path / "plain" / "corpus"
        reason = f"{corpus}: cannot create the folder: Not a directory"
    else:
        corpus = unwritable_folder(tmp_path)
        reason = f"{corpus}: cannot create the folder: "
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file() and path.suffix != ".db"}

    done = record(run_cli, import_file, customer_db, corpus)

    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.startswith(f"importer: error: --record: {reason}"), done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert jobs_in(customer_db) == 0  # the job never started
    after = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file() and path.suffix != ".db"}
    assert after == before
