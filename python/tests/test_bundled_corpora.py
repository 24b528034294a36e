"""The bundled corpora: well-formed, replayable through the reference adapter with exactly the recorded
outputs, and (imports-sample) holding every kind of mess the service meets."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from shared_data import REPO_ROOT

from importer.adapters import CANDIDATE_ADAPTER, KERNEL, REFERENCE_ADAPTER, reference
from parity.corpus import Corpus, CorpusError, open_corpus

CORPORA = REPO_ROOT / "corpora"
BUNDLED = ["imports-sample", "people-fake-1000", "chicago-childcare-sites"]
#: Corpora of other kernels, tested beside their kernels (scoring-sample: test_scoring_bundled_corpus.py;
#: scoring-requests: test_scoring_request_replay.py).
OTHER_KERNELS = ["scoring-sample", "scoring-requests"]


@cache
def requests_of(name: str) -> tuple[Any, ...]:
    corpus = open_corpus(CORPORA / name)
    entries = list(corpus.entries())
    problems = [str(entry) for entry in entries if isinstance(entry, CorpusError)]
    assert problems == [], problems
    return tuple(entries)


def all_input_values(name: str) -> Iterator[str]:
    for request in requests_of(name):
        for row in request.input["rows"]:
            yield from (value for value in row.values() if isinstance(value, str))


@pytest.mark.parametrize("name", BUNDLED)
def test_manifest_names_the_importer_adapters(name: str) -> None:
    manifest = open_corpus(CORPORA / name).manifest
    assert (manifest.kernel, manifest.reference, manifest.candidate) == (KERNEL, REFERENCE_ADAPTER, CANDIDATE_ADAPTER)
    assert manifest.count == len(requests_of(name)) >= 150


@pytest.mark.parametrize("name", BUNDLED)
def test_reference_adapter_replays_the_recorded_outputs_exactly(name: str) -> None:
    corpus: Corpus = open_corpus(CORPORA / name)
    context = reference.setup(corpus.load_fixtures())
    assert corpus.errors == []
    for request in requests_of(name):
        assert request.error is None, request.id
        replayed = reference.run(context, request.input)
        # Compare as JSON text: equal floats print the same shortest repr, so this is bit-exact.
        assert json.dumps(replayed) == json.dumps(request.output), request.id


@pytest.mark.parametrize("name", ["people-fake-1000", "chicago-childcare-sites"])
def test_public_corpora_keep_their_licence(name: str) -> None:
    assert (CORPORA / name / "LICENSE").read_text(encoding="utf-8").strip()


def test_sample_corpus_holds_every_kind_of_mess() -> None:
    values = list(all_input_values("imports-sample"))
    text = "\n".join(values)
    checks = {
        "decomposed accents (NFD)": any(not unicodedata.is_normalized("NFC", v) for v in values),
        "composed accents (NFC)": any("é" in v or "ü" in v for v in values),
        "sharp s": "ß" in text,
        "dotted capital I": "İ" in text,
        "Greek final sigma": "ς" in text,
        "CJK": any("\u4e00" <= c <= "\u9fff" for c in text),
        "Hangul": any("\uac00" <= c <= "\ud7a3" for c in text),
        "Arabic": any("\u0600" <= c <= "\u06ff" for c in text),
        "Hebrew": any("\u0590" <= c <= "\u05ff" for c in text),
        "emoji": any(unicodedata.category(c) == "So" and ord(c) > 0x1F000 for c in text),
        "zero-width": any(c in text for c in "\u200b\u200d\ufeff"),
        "no-break space": "\u00a0" in text,
        "embedded newline": any("\n" in v for v in values),
        "fullwidth digits": any("\uff10" <= c <= "\uff19" for c in text),
        "mixed-case email": any("@" in v and v != v.lower() for v in values),
        "long field": any(len(v) > 100 for v in values),
        "empty field": any(v == "" for v in values),
    }
    missing = [kind for kind, present in checks.items() if not present]
    assert missing == []


def test_sample_corpus_covers_every_status_and_date_format() -> None:
    outputs = [result for request in requests_of("imports-sample") for result in request.output]
    assert {result["status"] for result in outputs} == {"matched", "possible", "new"}
    dates = [row.get("birth_date") or "" for r in requests_of("imports-sample") for row in r.input["rows"]]
    shapes = {
        "iso": any(len(d) == 10 and d[4] == "-" for d in dates),
        "compact": any(len(d) == 8 and d.isdigit() for d in dates),
        "slashes": any(d.count("/") == 2 and len(d.split("/")[2]) == 4 for d in dates),
        "dots": any(d.count(".") == 2 for d in dates),
        "month name": any(any(ch.isalpha() for ch in d) for d in dates),
    }
    assert [shape for shape, seen in shapes.items() if not seen] == []


#: Every clone carries the corpora: five of them (two kernels) take about 17 MiB; a rebuild that doubles one should
#: be a decision, not an accident.
CORPORA_BUDGET_MIB = 24


def test_corpus_files_stay_small_enough_for_the_repository() -> None:
    total = sum(path.stat().st_size for path in CORPORA.rglob("*") if path.is_file())
    assert total < CORPORA_BUDGET_MIB * 2**20, f"bundled corpora take {total / 2**20:.1f} MiB"


def test_bundled_list_is_complete() -> None:
    on_disk = sorted(path.name for path in CORPORA.iterdir() if (path / "manifest.json").is_file())
    assert on_disk == sorted(BUNDLED + OTHER_KERNELS)
