"""Header and row checks: which rows are rejected, with which code, and how the message reads."""

from __future__ import annotations

import pytest

from importer.csv_source import Record, SourceError
from importer.schema import IMPORT_FIELDS, MAX_FIELD_LENGTH, REQUIRED_IMPORT_COLUMNS
from importer.validation import (
    RowError,
    check_header,
    is_valid_email,
    parse_customer_id,
    validate_import_row,
)

COLUMNS = check_header(list(IMPORT_FIELDS), required=REQUIRED_IMPORT_COLUMNS, optional=("external_ref",),
                       file_name="import.csv")


def row(**values: str) -> Record:
    """Record 17, starting on line 19, with the given fields (others blank)."""
    return Record(17, 19, [values.get(name, "") for name in IMPORT_FIELDS])


def rejected(record: Record) -> RowError:
    result = validate_import_row(record, COLUMNS)
    assert isinstance(result, RowError), f"expected a row error, got {result}"
    return result


@pytest.mark.parametrize("email", ["ann@example.org", " Ann.Lee+x@mail.example.co.uk ", "a@b.c"])
def test_valid_emails(email: str) -> None:
    assert is_valid_email(email)


@pytest.mark.parametrize(
    "email", ["john@@x", "john@x", "@example.org", "ann@", "ann@example.", "ann@.org", "ann@exa..org",
              "ann lee@example.org", "ann@exam\tple.org", "no-at-sign", "a@b@c.d"],
)
def test_invalid_emails(email: str) -> None:
    assert not is_valid_email(email)


def test_a_valid_row_is_passed_on_as_read() -> None:
    result = validate_import_row(row(first_name=" Ann ", email=" ANN@x.org", birth_date="7 March 1984"), COLUMNS)

    assert result == {**dict.fromkeys(IMPORT_FIELDS, ""), "first_name": " Ann ", "email": " ANN@x.org",
                      "birth_date": "7 March 1984"}


def test_external_ref_is_optional_and_blank_when_absent() -> None:
    columns = check_header(list(REQUIRED_IMPORT_COLUMNS), required=REQUIRED_IMPORT_COLUMNS,
                           optional=("external_ref",), file_name="import.csv")
    fields = ["Ann"] + [""] * (len(REQUIRED_IMPORT_COLUMNS) - 1)

    result = validate_import_row(Record(1, 2, fields), columns)

    assert isinstance(result, dict) and result["external_ref"] == ""


def test_invalid_email_message() -> None:
    error = rejected(row(first_name="John", email="john@@x"))

    assert (error.code, error.field, error.row_number, error.line_number) == ("invalid_email", "email", 17, 19)
    assert error.message == "row 17 (line 19), field 'email': 'john@@x' is not a valid email address"


@pytest.mark.parametrize(("value", "reason"), [("1984-02-30", "not a real date"),
                                               ("next tuesday", "unrecognised date format")])
def test_invalid_date_uses_the_matchers_date_reading(value: str, reason: str) -> None:
    error = rejected(row(first_name="Ann", birth_date=value))

    assert error.code == "invalid_date"
    assert error.message == f"row 17 (line 19), field 'birth_date': {value!r} is not a valid date ({reason})"


def test_field_longer_than_the_limit() -> None:
    error = rejected(row(first_name="Ann", city="y" * (MAX_FIELD_LENGTH + 1)))

    assert (error.code, error.field) == ("field_too_long", "city")
    assert error.message == "row 17 (line 19), field 'city': 201 characters, longer than the limit of 200"
    assert isinstance(validate_import_row(row(first_name="Ann", city="y" * MAX_FIELD_LENGTH), COLUMNS), dict)


def test_length_counts_code_points_not_bytes() -> None:
    assert isinstance(validate_import_row(row(first_name="日" * MAX_FIELD_LENGTH), COLUMNS), dict)


def test_no_identifying_field() -> None:
    error = rejected(row(street="1 High Street", city="London", birth_date="1984-03-07", external_ref="r1"))

    assert (error.code, error.field) == ("no_identifying_field", None)
    assert error.message == "row 17 (line 19): none of first_name, last_name, email, phone is filled in"


@pytest.mark.parametrize("field", ["first_name", "last_name", "email", "phone"])
def test_any_one_identifying_field_is_enough(field: str) -> None:
    assert isinstance(validate_import_row(row(**{field: "ann@x.org"}), COLUMNS), dict)


def test_wrong_field_count_keeps_the_raw_fields() -> None:
    error = rejected(Record(3, 4, ["Ann", "Lee"]))

    assert error.code == "wrong_field_count"
    assert error.message == "row 3 (line 4): expected 9 fields (as in the header), found 2"
    assert error.raw_json() == '["Ann", "Lee"]'


def test_nul_byte_names_the_field() -> None:
    error = rejected(row(first_name="Ann", last_name="Le\x00e"))

    assert (error.code, error.message) == ("nul_byte", "row 17 (line 19), field 'last_name': contains a NUL byte")


def test_malformed_record() -> None:
    error = rejected(Record(5, 9, [], "malformed CSV: unexpected end of data"))

    assert (error.code, error.message, error.raw) == (
        "malformed_csv", "row 5 (line 9): malformed CSV: unexpected end of data", None)


def test_first_failed_check_wins() -> None:
    error = rejected(row(email="bad", birth_date="bad", city="z" * 300))

    assert error.code == "field_too_long"


def test_header_missing_one_column() -> None:
    header = [name for name in IMPORT_FIELDS if name != "email"]

    with pytest.raises(SourceError) as caught:
        check_header(header, required=REQUIRED_IMPORT_COLUMNS, file_name="import.csv")

    assert str(caught.value) == (
        "import.csv: missing required column 'email' (header has: first_name, last_name, phone, street, city, "
        "postcode, birth_date, external_ref)"
    )


def test_header_with_a_repeated_column() -> None:
    with pytest.raises(SourceError, match=r"^import.csv: column 'email' appears more than once in the header$"):
        check_header([*REQUIRED_IMPORT_COLUMNS, "email"], required=REQUIRED_IMPORT_COLUMNS, file_name="import.csv")


def test_unknown_columns_are_ignored_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    columns = check_header(["notes", *REQUIRED_IMPORT_COLUMNS, ""], required=REQUIRED_IMPORT_COLUMNS,
                           file_name="import.csv")

    assert columns.width == len(REQUIRED_IMPORT_COLUMNS) + 2
    assert columns.positions["first_name"] == 1
    assert "notes" not in columns.positions
    assert caplog.records[0].getMessage() == "ignoring unknown columns"


@pytest.mark.parametrize(("text", "expected"), [("12", 12), (" -3 ", -3), ("+7", 7), (str(2**63 - 1), 2**63 - 1)])
def test_customer_ids(text: str, expected: int) -> None:
    assert parse_customer_id(Record(1, 2, []), {"id": text}) == expected


@pytest.mark.parametrize(("text", "problem"), [
    ("abc", "'abc' is not an integer"), ("1.0", "'1.0' is not an integer"), ("", "'' is not an integer"),
    ("١٢", "'١٢' is not an integer"), (str(2**63), f"{2**63} does not fit in 64 bits"),
])
def test_bad_customer_ids(text: str, problem: str) -> None:
    error = parse_customer_id(Record(4, 5, []), {"id": text})

    assert isinstance(error, RowError)
    assert (error.code, error.message) == ("invalid_id", f"row 4 (line 5), field 'id': {problem}")
