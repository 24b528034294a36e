"""Deliberately invalid rows: the errors a validating importer must reject, one kind per row.

Their ``truth.csv`` kind starts with ``invalid_`` or names the defect (``field_too_long``,
``wrong_column_count``), and their customer id is still the person the row was derived from, if any.
"""

from __future__ import annotations

import random
from typing import Final

from importer.schema import IMPORT_FIELDS, MAX_FIELD_LENGTH
from importer.synth.dates import invalid_date
from importer.synth.perturbations import Draft, Perturbation, lengthen_field

#: Lengths of over-long values: clearly over the limit, even after trimming a trailing character.
TOO_LONG_RANGE: Final = (MAX_FIELD_LENGTH + 5, MAX_FIELD_LENGTH + 100)

_EXTRA_VALUES: Final = ("", "", "see notes", "VIP", "0")


def _invalid_email(rng: random.Random, draft: Draft) -> bool:
    email = draft.fields["email"] or "john.smith@example.com"
    local, _, domain = email.partition("@")
    host = domain.split(".")[0]
    draft.fields["email"] = rng.choice(
        (
            f"{local}@@{host}",  # "john.smith@@example"
            f"{local}.{domain}",  # "no-at-sign.example.com"
            f"{local}@",
            f"@{domain}",
            f"{local} at {domain}",
            f"{local}@{domain}@{domain}",
        )
    )
    return True


def _invalid_date(rng: random.Random, draft: Draft) -> bool:
    birth = draft.person.birth_date
    year = int(birth[:4]) if birth else rng.randint(1930, 2006)
    draft.fields["birth_date"] = invalid_date(rng, year)
    return True


def _field_too_long(rng: random.Random, draft: Draft) -> bool:
    lengthen_field(rng, draft, rng.randint(*TOO_LONG_RANGE))
    return True


def _wrong_column_count(rng: random.Random, draft: Draft) -> bool:
    """Too many or too few values: an unquoted comma in the street, a trailing comma, a cut-off line."""
    values = [draft.fields[name] for name in IMPORT_FIELDS]
    street_index = IMPORT_FIELDS.index("street")
    street = values[street_index]
    choice = rng.randrange(3)
    if choice == 0 and " " in street:
        separator = ", " if ", " in street else " "
        head, _, tail = street.partition(separator)
        values[street_index : street_index + 1] = [head, tail.lstrip()]  # "12, High Street" unquoted
    elif choice == 1:
        values.extend(rng.choice(_EXTRA_VALUES) for _ in range(rng.randint(1, 2)))
    else:
        del values[-rng.randint(1, 3) :]
    draft.values = values
    return True


#: Every invalid kind, with its relative frequency among invalid rows.
INVALID_PERTURBATIONS: Final = (
    Perturbation("invalid_email", 3, _invalid_email),
    Perturbation("invalid_date", 3, _invalid_date),
    Perturbation("field_too_long", 2, _field_too_long),
    Perturbation("wrong_column_count", 2, _wrong_column_count),
)

#: The truth.csv kinds of invalid rows.
INVALID_KINDS: Final = tuple(perturbation.kind for perturbation in INVALID_PERTURBATIONS)
