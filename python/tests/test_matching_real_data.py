"""The matcher on public data nobody here wrote: people-fake-1000 (typos, swaps, missing values, true clusters).

One record of three clusters in four becomes the customer base; every other record is imported. The true
cluster tells whether each answer is right. Real data is hard (typos in emails and birth dates are common),
so the matcher may say "new" for a known person, but it must not send a row to the wrong customer.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from typing import Any

import pytest
from shared_data import shared_data_dir

from importer.matching import MATCHED, NEW, POSSIBLE, Matcher


def people_split() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int | None]]:
    path = shared_data_dir() / "people-fake-1000" / "fake_1000.csv"
    with path.open(newline="", encoding="utf-8") as file:
        records = list(csv.DictReader(file))
    clusters: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for record in records:
        clusters[record["cluster"]].append(record)
    customers, rows, truth = [], [], []
    for cluster, members in clusters.items():
        known = int(cluster) % 4 != 3
        if known:
            customers.append({"id": int(members[0]["unique_id"]), **as_fields(members[0])})
        for member in members[1:] if known else members:
            rows.append(as_fields(member))
            truth.append(int(members[0]["unique_id"]) if known else None)
    return customers, rows, truth


def as_fields(record: dict[str, str]) -> dict[str, Any]:
    return {
        "first_name": record["first_name"],
        "last_name": record["surname"],
        "email": record["email"],
        "city": record["city"],
        "birth_date": record["dob"],
    }


@pytest.fixture(scope="module")
def outcomes() -> Counter[tuple[str, str]]:
    customers, rows, truth = people_split()
    results = Matcher(customers).match(rows)
    counts: Counter[tuple[str, str]] = Counter()
    for result, true_id in zip(results, truth):
        if result["status"] == NEW:
            counts[NEW, "right" if true_id is None else "missed"] += 1
        else:
            counts[result["status"], "right" if result["customer_id"] == true_id else "wrong"] += 1
    return counts


def test_no_row_is_matched_to_the_wrong_person(outcomes: Counter[tuple[str, str]]) -> None:
    assert outcomes[MATCHED, "wrong"] == 0, outcomes


def test_possible_matches_are_mostly_right(outcomes: Counter[tuple[str, str]]) -> None:
    right, wrong = outcomes[POSSIBLE, "right"], outcomes[POSSIBLE, "wrong"]
    assert right >= 9 * wrong, outcomes


def test_people_without_a_customer_stay_new(outcomes: Counter[tuple[str, str]]) -> None:
    assert outcomes[NEW, "right"] == sum(1 for true_id in people_split()[2] if true_id is None)


def test_a_fair_share_of_known_people_is_found(outcomes: Counter[tuple[str, str]]) -> None:
    found = outcomes[MATCHED, "right"] + outcomes[POSSIBLE, "right"]
    known = found + outcomes[NEW, "missed"] + outcomes[MATCHED, "wrong"] + outcomes[POSSIBLE, "wrong"]
    assert found / known >= 0.25, outcomes
