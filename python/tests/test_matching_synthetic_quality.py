"""The matcher on the generator's messy data, judged against its truth file.

Every kind of mess the generator makes (typos, swapped names, nicknames, NFD accents, zero-width characters,
phone and date formats, ...) should still find its customer, and no row may go to another person: that
includes the "new_same_name" trap, a stranger who shares a customer's name and nothing else. The base holds
some people twice, so "right" means any customer id of the same person (truth.csv's same_person).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from importer.matching import NEW, Matcher
from importer.schema import CUSTOMER_FIELDS, IMPORT_FIELDS
from importer.synth.invalid import INVALID_KINDS
from importer.synth.writer import SynthOptions, write_synth_files


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return [row for row in csv.reader(file) if row][1:]


@pytest.fixture(scope="module", params=[7, 42])
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Counter[str]:
    out = tmp_path_factory.mktemp(f"synth-{request.param}")
    write_synth_files(SynthOptions(customers=3000, rows=2000, seed=request.param), out)
    customers = [dict(zip(CUSTOMER_FIELDS, row)) for row in read_rows(out / "customers.csv")]
    matcher = Matcher([{**customer, "id": int(customer["id"])} for customer in customers])
    with (out / "truth.csv").open(newline="", encoding="utf-8") as file:
        truth = list(csv.DictReader(file))
    pairs = [
        (dict(zip(IMPORT_FIELDS, row)), line)
        for row, line in zip(read_rows(out / "import.csv"), truth)
        if line["kind"] not in INVALID_KINDS
    ]
    counts: Counter[str] = Counter()
    for result, (_, line) in zip(matcher.match([row for row, _ in pairs]), pairs):
        same_person = {int(i) for i in line["same_person"].split(";")} if line["same_person"] else set()
        if result["status"] == NEW:
            counts["new right" if not same_person else "new missed"] += 1
        else:
            verdict = "right" if result["customer_id"] in same_person else f"wrong ({line['kind']})"
            counts[f"{result['status']} {verdict}"] += 1
    return counts


def test_no_row_goes_to_another_person(outcomes: Counter[str]) -> None:
    assert [outcome for outcome in outcomes if "wrong" in outcome] == [], outcomes


def test_almost_every_known_person_is_found(outcomes: Counter[str]) -> None:
    found = outcomes["matched right"] + outcomes["possible right"]
    assert found / (found + outcomes["new missed"]) >= 0.95, outcomes


def test_most_known_people_are_matched_outright(outcomes: Counter[str]) -> None:
    assert outcomes["matched right"] >= 8 * outcomes["possible right"], outcomes
