"""Turn the public data sets in data/public into a customer base and an import file for the worker.

Each data set labels its true entities. The first record of an entity becomes the customer (for people,
only three entities in four, so the import also holds people the base does not know); every record is then
imported, so the import holds exact copies, the data set's own typos and variants, and strangers.

    /usr/bin/python3 ci/corpora/public_data.py people-fake-1000 data/public OUT_DIR
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

CUSTOMER_COLUMNS = ("id", "first_name", "last_name", "email", "phone", "street", "city", "postcode", "birth_date")
IMPORT_COLUMNS = (*CUSTOMER_COLUMNS[1:], "external_ref")


def people_fake_1000(data: Path) -> tuple[list[dict[str, str]], str, str]:
    """splink's fake_1000: persons with first name, surname, birth date, city, email; `cluster` is the entity."""
    rows = [
        {
            "first_name": record["first_name"],
            "last_name": record["surname"],
            "email": record["email"],
            "city": record["city"],
            "birth_date": record["dob"],
            "external_ref": f"fake-{record['unique_id']}",
            "_entity": record["cluster"],
            "_known": str(int(record["cluster"]) % 4 != 3),
        }
        for record in read_csv(data / "people-fake-1000" / "fake_1000.csv")
    ]
    return rows, "people-fake-1000/LICENSE", "people-fake-1000"


def chicago_childcare_sites(data: Path) -> tuple[list[dict[str, str]], str, str]:
    """dedupe's Chicago early-childhood sites: the site name stands in for the name, with real messy
    addresses, 7-digit phone numbers, zip codes and emails; `True Id` is the entity."""
    rows = [
        {
            "last_name": record["Site name"],
            "street": record["Address"],
            "city": "Chicago",
            "postcode": record["Zip"],
            "phone": record["Phone"],
            "email": record["Email Address"],
            "external_ref": f"site-{record['Id']}",
            "_entity": record["True Id"],
            "_known": "True",
        }
        for record in read_csv(data / "chicago-childcare-sites" / "csv_example_input_with_true_ids.csv")
    ]
    return rows, "chicago-childcare-sites/LICENSE.dedupe-examples.md", "chicago-childcare-sites"


SOURCES: dict[str, Callable[[Path], tuple[list[dict[str, str]], str, str]]] = {
    "people-fake-1000": people_fake_1000,
    "chicago-childcare-sites": chicago_childcare_sites,
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(name: str, data: Path, out: Path) -> None:
    rows, licence, _ = SOURCES[name](data)
    customers: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=1):
        if row["_known"] == "True" and row["_entity"] not in customers:
            customers[row["_entity"]] = {"id": str(number), **row}
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "customers.csv", CUSTOMER_COLUMNS, customers.values())
    write_csv(out / "import.csv", IMPORT_COLUMNS, rows)
    (out / "LICENSE.source").write_bytes((data / licence).read_bytes())
    print(f"{name}: {len(customers)} customers, {len(rows)} import rows -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SOURCES:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SOURCES)}}} SHARED_DATA_DIR OUT_DIR")
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
