"""importer.matching.Matcher: statuses, scoring rules, caps, tie-breaks and errors on hand-made sets."""

from __future__ import annotations

import random
from typing import Any

import pytest

from importer.matching import MATCHED, NEW, POSSIBLE, MatchConfig, Matcher
from importer.schema import MATCH_FIELDS

ANN = {
    "id": 10,
    "first_name": "Ann",
    "last_name": "Lee",
    "email": "ann.lee@example.org",
    "phone": "+44 20 7946 0958",
    "street": "10 High Street",
    "city": "London",
    "postcode": "SW1A 1AA",
    "birth_date": "1984-03-07",
}
BOB = {
    "id": 20,
    "first_name": "Robert",
    "last_name": "Smith",
    "email": "bob@example.com",
    "phone": "555-123-4567",
    "street": "1 Main St",
    "city": "Springfield",
    "postcode": "12345",
    "birth_date": "1970-01-01",
}


def match_one(customers: list[dict[str, Any]], row: dict[str, Any], **config: Any) -> dict[str, Any]:
    return Matcher(customers, config or None).match([row])[0]


def test_identical_row_matches_with_full_score() -> None:
    result = match_one([ANN, BOB], {k: v for k, v in ANN.items() if k != "id"})
    assert result["status"] == MATCHED
    assert result["customer_id"] == 10
    assert result["score"] == 1.0
    assert result["field_scores"] == dict.fromkeys(MATCH_FIELDS, 1.0)
    assert result["normalized"]["phone"] == "079460958"


def test_messy_spelling_of_the_same_person_matches() -> None:
    row = {
        "first_name": " ANN ",
        "last_name": "Lee\u200b",
        "email": "Ann.Lee@Example.ORG ",
        "phone": "020 7946 0958",
        "street": "10, High Street",
        "city": "london",
        "postcode": "sw1a1aa",
        "birth_date": "07/03/1984",
    }
    assert match_one([ANN, BOB], row)["customer_id"] == 10


def test_missing_fields_are_left_out_not_scored_zero() -> None:
    result = match_one([ANN], {"first_name": "Ann", "last_name": "Lee", "email": "ann.lee@example.org", "phone": ""})
    assert result["score"] == 1.0
    assert result["field_scores"]["phone"] is None
    assert result["field_scores"]["street"] is None
    assert result["status"] == MATCHED


def test_score_is_the_weighted_mean_of_compared_fields() -> None:
    row = {"first_name": "Ann", "last_name": "Lee", "email": "other@example.org"}
    result = match_one([ANN], row)
    # first 1.0*1.0, last 1.5*1.0, email 3.0*0.0 over weight 5.5
    assert result["score"] == (1.0 * 1.0 + 1.5 * 1.0 + 3.0 * 0.0) / (1.0 + 1.5 + 3.0)
    assert result["status"] == NEW and result["customer_id"] is None


def test_swapped_names_score_crosswise() -> None:
    result = match_one([ANN], {"first_name": "Lee", "last_name": "Ann", "birth_date": "1984-03-07"})
    assert result["field_scores"]["first_name"] == 1.0
    assert result["field_scores"]["last_name"] == 1.0
    assert result["customer_id"] == 10


def test_too_little_evidence_is_possible_not_matched() -> None:
    # Only last name, city and postcode compared: weight 3.0 < min_match_weight 4.0.
    result = match_one([ANN], {"last_name": "Lee", "city": "London", "postcode": "SW1A 1AA"})
    assert result["score"] == 1.0
    assert result["status"] == POSSIBLE


def test_row_without_candidates_is_new_with_null_score() -> None:
    result = match_one([ANN, BOB], {"first_name": "Zoë", "last_name": "Quinn", "email": "zq@example.net"})
    assert result == {
        "status": NEW,
        "customer_id": None,
        "score": None,
        "field_scores": dict.fromkeys(MATCH_FIELDS, None),
        "normalized": {
            "first_name": "zoe", "last_name": "quinn", "email": "zq@example.net", "phone": None,
            "street": None, "city": None, "postcode": None, "birth_date": None,
        },
        "candidates": 0,
        "capped": False,
    }


def test_ties_go_to_more_evidence_then_lowest_id() -> None:
    twin = dict(ANN, id=5)
    sparse_twin = {"id": 1, "first_name": "Ann", "last_name": "Lee", "email": "ann.lee@example.org"}
    result = match_one([ANN, twin, sparse_twin], {k: v for k, v in ANN.items() if k != "id"})
    assert result["score"] == 1.0
    assert result["customer_id"] == 5  # 5 and 10 compare all fields (more weight than 1); 5 < 10


def test_results_do_not_depend_on_customer_order() -> None:
    customers = [dict(ANN, id=i, email=f"ann{i % 7}@example.org") for i in range(1, 60)]
    rows = [{"first_name": "Ann", "last_name": "Lee", "email": f"ann{i}@example.org"} for i in range(9)]
    shuffled = list(customers)
    random.Random(1).shuffle(shuffled)
    assert Matcher(customers).match(rows) == Matcher(shuffled).match(rows)


def test_common_blocking_key_is_skipped_above_block_cap() -> None:
    crowd = [{"id": i, "first_name": "Ann", "last_name": "Lee"} for i in range(1, 31)]
    capped = match_one(crowd, {"first_name": "Ann", "last_name": "Lee"}, max_block_size=20)
    assert capped["candidates"] == 0 and capped["capped"] is True
    uncapped = match_one(crowd, {"first_name": "Ann", "last_name": "Lee"}, max_block_size=30)
    assert uncapped["candidates"] == 30 and uncapped["capped"] is False
    assert uncapped["customer_id"] == 1


def test_candidates_per_row_are_capped_in_key_order() -> None:
    crowd = [{"id": i, "first_name": "Ann", "last_name": "Lee"} for i in range(1, 31)]
    by_email = {"id": 99, "first_name": "Ann", "last_name": "Lee", "email": "ann@x.org"}
    result = match_one([*crowd, by_email], {"first_name": "Ann", "last_name": "Lee", "email": "ann@x.org"},
                       max_candidates=5)
    assert result["candidates"] == 5 and result["capped"] is True
    assert result["customer_id"] == 99  # the email key comes first, so its customer is kept


def test_results_come_back_in_row_order() -> None:
    rows = [{"email": "bob@example.com"}, {"email": "ann.lee@example.org"}, {}, {"email": "bob@example.com"}]
    results = Matcher([ANN, BOB]).match(rows)
    assert [r["customer_id"] for r in results] == [20, 10, None, 20]
    assert Matcher([ANN]).match([]) == []


def test_extra_keys_are_ignored_and_input_untouched() -> None:
    row = dict(ANN, external_ref="EXT-1", id="not-used")
    before = dict(row)
    assert match_one([ANN], row)["customer_id"] == 10
    assert row == before


@pytest.mark.parametrize(
    ("rows", "error", "message"),
    [
        ({"first_name": "x"}, TypeError, "rows: expected a list, got dict"),
        ([{}, "Ann Lee"], TypeError, "rows[1]: expected a mapping, got str"),
        ([{"email": 42}], TypeError, "rows[0].email: expected str or None, got int"),
        ([{"email": "a@b.c", "phone": b"123"}], TypeError, "rows[0].phone: expected str or None, got bytes"),
        ([{}, {}, {"birth_date": "31/02/1990"}], ValueError, "rows[2].birth_date: unparseable date"),
        ([{"street": "10 High St\ud800"}], ValueError, "rows[0].street: lone surrogate in text"),
    ],
)
def test_bad_rows_raise_naming_the_row_and_field(rows: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        Matcher([ANN]).match(rows)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("customers", "error", "message"),
    [
        ([ANN, dict(BOB, id="20")], TypeError, "customers[1].id: expected int, got str"),
        ([ANN, dict(BOB, id=True)], TypeError, "customers[1].id: expected int, got bool"),
        ([ANN, dict(BOB, id=10)], ValueError, "customers[1].id: duplicate id 10"),
        ([dict(ANN, id=2**63)], ValueError, "customers[0].id: 9223372036854775808 does not fit in 64 bits"),
        ([dict(ANN, birth_date="soon")], ValueError, "customers[0].birth_date: unparseable date"),
        ([ANN, None], TypeError, "customers[1]: expected a mapping, got NoneType"),
    ],
)
def test_bad_customers_raise_naming_the_customer_and_field(
    customers: list[Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        Matcher(customers)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("config", "error", "message"),
    [
        ({"match_treshold": 0.9}, ValueError, "config: unknown key 'match_treshold'"),
        ({"weights": {"email": -1}}, ValueError, "config.weights.email: expected a finite number >= 0.0, got -1"),
        ({"weights": {"fax": 1}}, ValueError, "config.weights: unknown field 'fax'"),
        ({"max_candidates": 0}, ValueError, "config.max_candidates: expected an int >= 1, got 0"),
        ({"max_candidates": 2.5}, TypeError, "config.max_candidates: expected an int, got float"),
    ],
)
def test_bad_config_raises(config: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        Matcher([ANN], config)
    assert str(raised.value) == message


def test_config_round_trips_through_its_json_form() -> None:
    config = MatchConfig.from_dict({"weights": {"city": 0.25}, "match_threshold": 1})
    assert MatchConfig.from_dict(config.to_dict()) == config
    assert config.to_dict()["weights"]["city"] == 0.25
    assert config.to_dict()["match_threshold"] == 1.0
