"""The synthetic data generator: determinism, counts, CSV validity, and that every kind of mess is there.

Content checks compare each import row with the customer it claims to come from, so a kind in truth.csv
is only trusted when the row really shows that damage.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from importer.schema import CUSTOMER_FIELDS, IMPORT_FIELDS, MAX_FIELD_LENGTH
from importer.synth import SynthOptions, write_synth_files
from importer.synth.cli import add_synth_arguments, run_synth
from importer.synth.generator import DUPLICATE_ROW, NEAR_DUPLICATE_ROW, NEW, NEW_SAME_NAME
from importer.synth.invalid import INVALID_KINDS as INVALID_KINDS_IN_ORDER
from importer.synth.nicknames import alternative_names
from importer.synth.perturbations import PERTURBATIONS

ROWS = 2000
CUSTOMERS = 1000
INVALID_KINDS = set(INVALID_KINDS_IN_ORDER)
ROW_COPY_AND_NEW_KINDS = {DUPLICATE_ROW, NEAR_DUPLICATE_ROW, NEW, NEW_SAME_NAME}
ALL_KINDS = {p.kind for p in PERTURBATIONS} | INVALID_KINDS | ROW_COPY_AND_NEW_KINDS
FILES = ("customers.csv", "import.csv", "truth.csv", "empty.csv", "header-only.csv")

_MONTHS = {
    name: number
    for number, full in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"),
        start=1,
    )
    for name in (full, full[:3])
}


def read_date(text: str) -> datetime.date:
    """The service's date rules, as the brief states them (reference for the generator's dates)."""
    text = " ".join(text.split()).lower()
    if m := re.fullmatch(r"(\d{4})([-/])(\d{2})\2(\d{2})", text):
        return datetime.date(int(m[1]), int(m[3]), int(m[4]))
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})", text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        if a > 12:
            return datetime.date(year, b, a)
        if b > 12:
            return datetime.date(year, a, b)
        return datetime.date(year, b, a)
    if (m := re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", text)) and m[2] in _MONTHS:
        return datetime.date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := re.fullmatch(r"([a-z]+) (\d{1,2}), (\d{4})", text)) and m[1] in _MONTHS:
        return datetime.date(int(m[3]), _MONTHS[m[1]], int(m[2]))
    raise ValueError(f"unreadable date {text!r}")


@dataclass(frozen=True)
class Generated:
    out: Path
    customers: dict[str, dict[str, str]]
    rows: list[list[str]]  # import records, blank lines skipped
    truth: list[dict[str, str]]

    def rows_of(self, kind: str) -> list[tuple[list[str], dict[str, str] | None]]:
        """(row values, its customer or None) for every row of ``kind``."""
        return [
            (row, self.customers.get(line["customer_id"]))
            for row, line in zip(self.rows, self.truth)
            if line["kind"] == kind
        ]

    def values(self) -> list[str]:
        return [value for row in self.rows for value in row]


def _generate(out: Path, **options: float) -> Generated:
    write_synth_files(SynthOptions(**options), out)  # type: ignore[arg-type]
    with open(out / "customers.csv", encoding="utf-8", newline="") as stream:
        customers = {row["id"]: row for row in csv.DictReader(stream)}
    with open(out / "import.csv", encoding="utf-8", newline="") as stream:
        rows = [row for row in csv.reader(stream) if row][1:]
    with open(out / "truth.csv", encoding="utf-8", newline="") as stream:
        truth = list(csv.DictReader(stream))
    return Generated(out, customers, rows, truth)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return _generate(tmp_path_factory.mktemp("synth"), customers=CUSTOMERS, rows=ROWS, seed=7)


def _as_dict(row: list[str]) -> dict[str, str]:
    return dict(zip(IMPORT_FIELDS, row))


def test_same_seed_gives_identical_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    other = tmp_path / "other"
    for out, seed in ((first, 3), (second, 3), (other, 4)):
        write_synth_files(SynthOptions(customers=300, rows=500, seed=seed), out)
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "customers.csv").read_bytes() != (other / "customers.csv").read_bytes()
    assert (first / "import.csv").read_bytes() != (other / "import.csv").read_bytes()


def test_customers_file_has_ids_1_to_n_and_the_schema_header(generated: Generated) -> None:
    with open(generated.out / "customers.csv", encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        assert tuple(next(reader)) == CUSTOMER_FIELDS
        ids = [row[0] for row in reader]
    assert ids == [str(number) for number in range(1, CUSTOMERS + 1)]


def test_import_and_truth_counts_agree(generated: Generated) -> None:
    assert len(generated.rows) == ROWS
    assert [line["row_number"] for line in generated.truth] == [str(n) for n in range(1, ROWS + 1)]
    for line in generated.truth:
        assert line["customer_id"] == "" or line["customer_id"] in generated.customers, line
        if line["kind"] in (NEW, NEW_SAME_NAME):
            assert line["customer_id"] == "", line
    derived = sum(1 for line in generated.truth if line["customer_id"])
    assert 0.5 * ROWS < derived < 0.7 * ROWS


def test_truth_lists_every_customer_of_the_same_person(generated: Generated) -> None:
    for line in generated.truth:
        same = line["same_person"].split(";") if line["same_person"] else []
        assert (line["customer_id"] in same) if line["customer_id"] else same == [], line
        assert all(member in generated.customers for member in same), line
    assert any(";" in line["same_person"] for line in generated.truth)  # the base holds duplicates


def test_every_kind_is_present_in_a_2000_row_file(generated: Generated) -> None:
    assert {line["kind"] for line in generated.truth} == ALL_KINDS


def test_files_are_valid_utf8_csv_without_bom_or_carriage_returns(generated: Generated) -> None:
    for name in FILES:
        raw = (generated.out / name).read_bytes()
        raw.decode("utf-8")
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r" not in raw, name
    with open(generated.out / "import.csv", encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == IMPORT_FIELDS
        assert sum(1 for _ in reader) == ROWS


def test_edge_case_files(generated: Generated) -> None:
    assert (generated.out / "empty.csv").stat().st_size == 0
    assert (generated.out / "header-only.csv").read_text(encoding="utf-8") == ",".join(IMPORT_FIELDS) + "\n"


def test_raw_file_has_blank_lines_and_quoted_newlines(generated: Generated) -> None:
    raw = (generated.out / "import.csv").read_text(encoding="utf-8")
    assert "\n\n" in raw
    assert any("\n" in value for value in generated.values())


@pytest.mark.parametrize(
    ("what", "found"),
    [
        ("zero-width space U+200B", lambda v: "\u200b" in v),
        ("no-break space U+00A0", lambda v: "\u00a0" in v),
        ("NFD-decomposed text", lambda v: not unicodedata.is_normalized("NFC", v)),
        ("Greek final sigma", lambda v: "ς" in v),
        ("Greek sigma written σ at a word end", lambda v: re.search(r"σ\b", v) is not None),
        ("sharp s", lambda v: "ß" in v),
        ("Turkish dotted capital I", lambda v: "İ" in v),
        ("Turkish dotless i", lambda v: "ı" in v),
        ("CJK ideographs", lambda v: re.search(r"[\u4e00-\u9fff]", v) is not None),
        ("Hangul", lambda v: re.search(r"[\uac00-\ud7a3]", v) is not None),
        ("Arabic", lambda v: re.search(r"[\u0600-\u06ff]", v) is not None),
        ("Hebrew", lambda v: re.search(r"[\u0590-\u05ff]", v) is not None),
        ("Cyrillic", lambda v: re.search(r"[\u0400-\u04ff]", v) is not None),
        ("Vietnamese diacritics", lambda v: "ễ" in v or "ữ" in v or "ạ" in v or "ồ" in v),
        ("emoji", lambda v: re.search(r"[\U0001F300-\U0001FAFF]", v) is not None),
        ("fullwidth digits", lambda v: re.search(r"[\uff10-\uff19]", v) is not None),
        ("a tab", lambda v: "\t" in v),
        ("over-long field", lambda v: len(v) > MAX_FIELD_LENGTH),
    ],
)
def test_content_shows_the_mess(generated: Generated, what: str, found: Callable[[str], bool]) -> None:
    assert any(found(value) for value in generated.values()), what


def test_rows_have_nine_values_except_wrong_column_count(generated: Generated) -> None:
    for row, line in zip(generated.rows, generated.truth):
        if line["kind"] == "wrong_column_count":
            assert len(row) != len(IMPORT_FIELDS), (row, line)
        else:
            assert len(row) == len(IMPORT_FIELDS), (row, line)


def test_valid_rows_respect_the_length_limit_and_invalid_long_ones_do_not(generated: Generated) -> None:
    for row, line in zip(generated.rows, generated.truth):
        longest = max(len(value) for value in row)
        if line["kind"] == "field_too_long":
            assert longest > MAX_FIELD_LENGTH, line
        elif line["kind"] not in INVALID_KINDS:
            assert longest <= MAX_FIELD_LENGTH, (row, line)
    long_valid = [row for row, _ in generated.rows_of("long_field")]
    assert long_valid and all(max(map(len, row)) >= MAX_FIELD_LENGTH - 12 for row in long_valid)


def test_exact_rows_equal_their_customer(generated: Generated) -> None:
    for row, customer in generated.rows_of("exact"):
        assert customer is not None
        fields = _as_dict(row)
        assert all(fields[name] == customer[name] for name in CUSTOMER_FIELDS[1:]), (row, customer)


def test_name_kinds_show_in_the_row(generated: Generated) -> None:
    for row, customer in generated.rows_of("swapped_names"):
        assert customer and (_as_dict(row)["first_name"], _as_dict(row)["last_name"]) == (
            customer["last_name"], customer["first_name"]
        )
    for row, customer in generated.rows_of("nickname"):
        assert customer and _as_dict(row)["first_name"] in alternative_names(customer["first_name"])
    for row, customer in generated.rows_of("nfd"):
        assert any(not unicodedata.is_normalized("NFC", value) for value in row), row
    for row, customer in generated.rows_of("zero_width"):
        assert any(unicodedata.category(char) == "Cf" for value in row for char in value), row
    for row, customer in generated.rows_of("greek_sigma"):
        assert customer and _as_dict(row) != {**customer}, row
    for row, _ in generated.rows_of("multiline_street"):
        assert "\n" in _as_dict(row)["street"], row


def test_dates_read_back_as_the_customers_except_ambiguous_us(generated: Generated) -> None:
    for kind in ("date_format", "date_us", "exact"):
        for row, customer in generated.rows_of(kind):
            assert customer is not None
            written = _as_dict(row)["birth_date"]
            if written:
                assert read_date(written).isoformat() == customer["birth_date"], (kind, written, customer)
    for row, customer in generated.rows_of("date_ambiguous_us"):
        assert customer is not None
        written = _as_dict(row)["birth_date"]
        assert read_date(written).isoformat() != customer["birth_date"], (written, customer)
        month, day, year = (int(part) for part in written.split("/"))
        assert datetime.date(year, month, day).isoformat() == customer["birth_date"]
    for row, _ in generated.rows_of("invalid_date"):
        with pytest.raises(ValueError):
            read_date(_as_dict(row)["birth_date"])


def test_valid_rows_have_readable_dates_and_plausible_emails(generated: Generated) -> None:
    for row, line in zip(generated.rows, generated.truth):
        if line["kind"] in INVALID_KINDS:
            continue
        fields = _as_dict(row)
        if fields["birth_date"]:
            read_date(fields["birth_date"])
        email = "".join(fields["email"].split())
        assert email == "" or re.fullmatch(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+", email), (email, line)
    for row, _ in generated.rows_of("invalid_email"):
        email = _as_dict(row)["email"]
        assert email.count("@") != 1 or email.startswith("@") or email.endswith("@") or " " in email, email


def test_duplicate_rows_repeat_an_earlier_row(generated: Generated) -> None:
    seen: set[tuple[str, ...]] = set()
    duplicates = 0
    for row, line in zip(generated.rows, generated.truth):
        if line["kind"] == DUPLICATE_ROW:
            assert tuple(row) in seen, row
            duplicates += 1
        seen.add(tuple(row))
    assert duplicates > 0


def test_customer_base_holds_duplicates_and_missing_optional_fields(generated: Generated) -> None:
    customers = generated.customers.values()
    people = [tuple(customer[name] for name in CUSTOMER_FIELDS[1:]) for customer in customers]
    assert len(set(people)) < len(people)
    for name in ("phone", "street", "birth_date"):
        assert any(customer[name] == "" for customer in generated.customers.values()), name
    for customer in generated.customers.values():
        if customer["birth_date"]:
            assert "1930-01-01" <= customer["birth_date"] <= "2006-12-31"
        assert customer["email"].isascii()


@pytest.mark.parametrize(("match_rate", "customers"), [(0.0, 100), (1.0, 100), (0.6, 0)])
def test_rates_are_honoured(tmp_path: Path, match_rate: float, customers: int) -> None:
    result = _generate(tmp_path, customers=customers, rows=300, seed=1, match_rate=match_rate, error_rate=0.0)
    kinds = {line["kind"] for line in result.truth}
    assert not kinds & INVALID_KINDS
    derived = sum(1 for line in result.truth if line["customer_id"])
    assert derived == (300 if match_rate == 1.0 else 0)


def test_cli_defaults_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    add_synth_arguments(parser)
    defaults = parser.parse_args(["--out", str(tmp_path)])
    assert (defaults.customers, defaults.rows, defaults.seed) == (200_000, 10_000, 42)
    assert (defaults.match_rate, defaults.error_rate) == (0.6, 0.02)
    args = parser.parse_args(["--out", str(tmp_path), "--customers", "50", "--rows", "40", "--seed", "9"])
    assert run_synth(args) == 0
    printed = capsys.readouterr().out
    assert "import.csv" in printed and "40" in printed
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(FILES)
    with pytest.raises(SystemExit):
        parser.parse_args(["--out", str(tmp_path), "--match-rate", "1.5"])


def test_module_entry_point_end_to_end(tmp_path: Path) -> None:
    python_dir = Path(__file__).resolve().parents[1]
    completed = subprocess.run(
        [sys.executable, "-m", "importer.synth", "--out", str(tmp_path), "--customers", "20", "--rows", "30"],
        cwd=python_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "truth.csv" in completed.stdout
    assert len((tmp_path / "truth.csv").read_text(encoding="utf-8").splitlines()) == 31
