"""importer._native.Matcher against the reference, importer.matching.Matcher: same results, bit for bit,
and the same exceptions with the same messages (docs/matching.md)."""

from __future__ import annotations

import copy
import inspect
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from native_module import native_or_skip
from shared_data import REPO_ROOT

from importer.adapters import native as native_adapter
from importer.adapters import reference as reference_adapter
from importer.matching import Matcher
from importer.schema import MATCH_FIELDS
from parity.corpus import open_corpus

native = native_or_skip()

BUNDLED = ["imports-sample", "people-fake-1000", "chicago-childcare-sites"]


def outcome(make: Any) -> tuple[str, Any]:
    """("ok", JSON text of the result) or ("error", (type name, message)): comparable across both sides."""
    try:
        return "ok", json.dumps(make())
    except (TypeError, ValueError) as exc:
        return "error", (type(exc).__name__, str(exc))


def both(customers: Any, rows: Any, config: Any = None) -> tuple[tuple[str, Any], tuple[str, Any]]:
    expected = outcome(lambda: Matcher(customers, config).match(rows))
    actual = outcome(lambda: native.Matcher(customers, config).match(rows))
    return expected, actual


@pytest.mark.parametrize("name", BUNDLED)
def test_native_adapter_reproduces_the_recorded_corpus(name: str) -> None:
    corpus = open_corpus(REPO_ROOT / "corpora" / name)
    fixtures = corpus.load_fixtures()
    context = native_adapter.setup(fixtures)
    mismatches = []
    for request in corpus.requests():
        if json.dumps(native_adapter.run(context, request["input"])) != json.dumps(request["output"]):
            mismatches.append(request["id"])
    assert mismatches == []


def test_adapters_agree_on_every_row_of_the_sample() -> None:
    corpus = open_corpus(REPO_ROOT / "corpora" / "imports-sample")
    fixtures = corpus.load_fixtures()
    reference_context, native_context = reference_adapter.setup(fixtures), native_adapter.setup(fixtures)
    request = next(iter(corpus.requests()))
    assert native_adapter.run(native_context, request["input"]) == reference_adapter.run(
        reference_context, request["input"]
    )


ANN = {"id": 10, "first_name": "Ann", "last_name": "Lee", "email": "ann.lee@example.org", "phone": "+44 20 7946 0958",
       "street": "10 High Street", "city": "London", "postcode": "SW1A 1AA", "birth_date": "1984-03-07"}


@pytest.mark.parametrize(
    ("customers", "rows"),
    [
        ([ANN], "not a list"),
        ([ANN], {"first_name": "x"}),
        ([ANN], [{}, "Ann Lee"]),
        ([ANN], [{"email": 42}]),
        ([ANN], [{"email": "a@b.c", "phone": b"123"}]),
        ([ANN], [{}, {}, {"birth_date": "31/02/1990"}]),
        ([ANN], [{"street": "10 High St\ud800"}]),
        ([ANN], [{"birth_date": "yesterday"}, {"email": 1}]),  # the date error comes first
        ([ANN], [{"email": 1}, {"birth_date": "yesterday"}]),  # the type error comes first
        ([ANN], [{"email": 1, "birth_date": "yesterday"}]),  # same row: email is checked first
        ([ANN], [{"birth_date": 19840307}]),
        ([ANN, dict(ANN, id="20")], []),
        ([ANN, dict(ANN, id=True)], []),
        ([ANN, dict(ANN, id=10)], []),
        ([dict(ANN, id=2**63)], []),
        ([dict(ANN, id=-(2**63))], [ANN]),
        ([dict(ANN, birth_date="soon"), dict(ANN, id=10)], []),  # date error before the duplicate id
        ([ANN, None], []),
        ({"customers": [ANN]}, []),
        ([{"first_name": "Ann"}], []),  # no id at all
        ((ANN,), (ANN,)),  # tuples are accepted
    ],
)
def test_errors_and_results_agree_on_hand_made_inputs(customers: Any, rows: Any) -> None:
    expected, actual = both(customers, rows)
    assert actual == expected


@pytest.mark.parametrize(
    "config",
    [
        {"match_treshold": 0.9},
        {"weights": {"email": -1}},
        {"max_candidates": 0},
        {"max_candidates": 2.5},
        "strict",
        {"max_block_size": 1, "max_candidates": 1, "name_prefix_length": 1, "phone_block_digits": 3},
        {"weights": {"email": 0, "city": 5}, "match_threshold": 1, "possible_threshold": 0.5},
    ],
)
def test_config_is_read_and_checked_the_same_way(config: Any) -> None:
    customers = [dict(ANN, id=i, email=f"ann{i % 3}@example.org") for i in range(1, 9)]
    rows = [dict(ANN, email=f"ann{i}@example.org") for i in range(4)] + [{"last_name": "Lee", "city": "London"}]
    expected, actual = both(customers, rows, config)
    assert actual == expected


def test_results_do_not_depend_on_threads() -> None:
    customers = [dict(ANN, id=i, first_name=f"Ann{i % 17}", email=f"a{i % 50}@x.org") for i in range(2000)]
    rows = [dict(ANN, first_name=f"Anne{i % 19}", email=f"a{i % 70}@x.org") for i in range(700)]
    single = native.Matcher(customers, threads=1).match(rows)
    assert native.Matcher(customers, threads=2).match(rows) == single
    assert json.dumps(single) == json.dumps(Matcher(customers).match(rows))


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux's")
def test_default_threads_are_the_cpus_the_process_may_use() -> None:
    # Pinned (taskset, `parity bench --pin-cpus`, a container's cpuset), two threads would share one CPU.
    customers = [dict(ANN, id=1)]
    allowed = os.sched_getaffinity(0)
    assert native.Matcher(customers).threads == len(allowed)
    os.sched_setaffinity(0, {min(allowed)})
    try:
        pinned = native.Matcher(customers).threads
        explicit = native.Matcher(customers, threads=3).threads
    finally:
        os.sched_setaffinity(0, allowed)
    assert pinned == 1
    assert explicit == 1  # capped: a count above the usable CPUs only makes threads take turns


def test_inputs_are_not_modified() -> None:
    customers, rows = [dict(ANN)], [dict(ANN, extra="kept")]
    before = copy.deepcopy((customers, rows))
    native.Matcher(customers).match(rows)
    assert (customers, rows) == before


def test_matcher_exposes_config_and_size() -> None:
    matcher = native.Matcher([ANN, dict(ANN, id=11)], {"max_candidates": 5})
    assert len(matcher) == 2
    assert matcher.config.max_candidates == 5
    assert matcher.config == Matcher([ANN], {"max_candidates": 5}).config


def test_match_takes_rows_by_position_or_keyword_only() -> None:
    # Matcher.match is a plain CPython method (bind_matching.cpp), not a pybind11 one: the same calls work.
    matcher = native.Matcher([ANN])
    assert matcher.match(rows=[ANN]) == matcher.match([ANN]) == Matcher([ANN]).match([ANN])
    assert str(inspect.signature(native.Matcher.match)) == "(self, /, rows)"
    for call in (lambda: matcher.match(), lambda: matcher.match([], []), lambda: matcher.match(row=[]),
                 lambda: matcher.match([], rows=[])):
        with pytest.raises(TypeError, match="takes one argument, rows"):
            call()
    with pytest.raises(TypeError):
        native.Matcher.match(Matcher([ANN]), [ANN])  # not a native Matcher
    subclass = type("Sub", (native.Matcher,), {})([ANN])
    assert subclass.match([ANN]) == matcher.match([ANN])


def test_a_normalized_value_equal_to_its_input_is_the_input_str_itself() -> None:
    class Text(str):
        pass

    row = {"email": "ann@example.com", "city": "leeds", "street": Text("high street"), "last_name": "Lee"}
    normalized = native.Matcher([ANN]).match([row])[0]["normalized"]
    assert normalized["email"] is row["email"] and normalized["city"] is row["city"]
    assert normalized["street"] == "high street" and type(normalized["street"]) is str  # a subclass is copied
    assert normalized["last_name"] == "lee"


# ---- generated inputs: messy text from many scripts, missing and wrong-typed fields ----------------

NAMES = ["Ann", "Anne", "ANN", "José", "Jose\u0301", "Straße", "Strasse", "İsmail", "Ismail", "Οδυσσεύς",
         "ΟΔΥΣΣΕΥΣ", "王小明", "김민준", "محمد", "דוד", "O'Brien", "Jean-Luc", "Zoë", "Lee", "Li", ""]
WORDS = ["10", "High", "Street", "St.", "Hauptstraße", "Rue", "de", "la", "Paix", "東京", "😀", "\u200b", "\u00a0"]
DATES = ["1984-03-07", "07/03/1984", "7.3.1984", "03/25/1984", "19840307", "7 March 1984", "Mar 7, 1984", "",
         "  ", "1990-02-29", "31/02/1990", "not a date", "１９８４-０３-０７"]
PHONES = ["+44 20 7946 0958", "020 7946 0958", "(555) 123-4567", "555.123.4567", "12345", "", "０２０ ７９４６ ０９５８"]
EMAILS = ["ann@example.org", "ANN@Example.org ", "bob@example.com", "a\u200bnn@example.org", ""]

text = st.one_of(
    st.sampled_from(NAMES),
    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
field_values = {
    "first_name": text, "last_name": text, "street": text, "city": text,
    "email": st.sampled_from(EMAILS), "phone": st.sampled_from(PHONES),
    "postcode": st.sampled_from(["SW1A 1AA", "sw1a1aa", "75008", "", "10115"]),
    "birth_date": st.sampled_from(DATES),
}
odd_value = st.sampled_from([None, 42, 1.5, b"bytes", ["x"], "\ud800"])


@st.composite
def records(draw: st.DrawFn, *, odd: bool) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in MATCH_FIELDS:
        if draw(st.booleans()):
            record[name] = draw(odd_value) if odd and draw(st.integers(0, 30)) == 0 else draw(field_values[name])
    return record


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(records(odd=False), min_size=1, max_size=25),
    st.lists(records(odd=True), max_size=12),
    st.integers(1, 4),
)
def test_generated_inputs_give_identical_results_and_errors(
    customers: list[dict[str, Any]], rows: list[dict[str, Any]], prefix: int
) -> None:
    with_ids = [dict(customer, id=i * 7919 % 10007) for i, customer in enumerate(customers)]  # distinct, unsorted
    config = {"name_prefix_length": prefix, "max_block_size": 6, "max_candidates": 8}
    expected, actual = both(with_ids, rows + [dict(c) for c in customers[:3]], config)
    assert actual == expected
