"""The import row stream: rows derived from customers, new people and invalid rows, one at a time.

Rows are produced lazily so a 1.5 million row file needs no more memory than a 10 row one; only the last
few hundred valid rows are kept, to copy as in-file duplicates. All randomness comes from the ``rng``
handed in, and kinds are dealt from shuffled decks so every kind occurs even in small files.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from importer.schema import IMPORT_FIELDS, MAX_FIELD_LENGTH
from importer.synth.invalid import INVALID_PERTURBATIONS
from importer.synth.names import POOLS_BY_KEY
from importer.synth.people import Person, make_email, make_person
from importer.synth.perturbations import PERTURBATIONS, Draft, Perturbation

T = TypeVar("T")

#: Share of records preceded by an empty line (not a record: readers must skip it).
BLANK_LINE_RATE: Final = 0.004
#: Share of rows without an external reference.
MISSING_EXTERNAL_REF_RATE: Final = 0.08
#: Share of rows of new people that carry some cosmetic mess (their kind stays "new").
NEW_ROW_MESS_RATE: Final = 0.35
#: Candidates tried for a kind before falling back to an exact copy.
MAX_ATTEMPTS: Final = 12
#: Valid rows remembered for exact and near duplicates within the file.
RECENT_ROWS: Final = 512

DUPLICATE_ROW: Final = "duplicate_row"
NEAR_DUPLICATE_ROW: Final = "near_duplicate_row"
NEW: Final = "new"
NEW_SAME_NAME: Final = "new_same_name"

_EXACT: Final = next(p for p in PERTURBATIONS if p.kind == "exact")
_COSMETIC_KINDS: Final = (
    "phone_format", "date_format", "email_case", "whitespace", "upper_case", "missing_fields", "nfd",
    "emoji", "zero_width", "multiline_street",
)
_COSMETIC: Final = tuple(p for p in PERTURBATIONS if p.kind in _COSMETIC_KINDS)
_NEAR_COPY_COLUMNS: Final = tuple(
    IMPORT_FIELDS.index(name) for name in ("first_name", "last_name", "email", "phone")
)
_EXTERNAL_REF_COLUMN: Final = IMPORT_FIELDS.index("external_ref")


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One record of import.csv and its line in truth.csv (``customer_id`` 0 for someone new)."""

    values: list[str]
    customer_id: int
    kind: str
    blank_line_before: bool


class Deck(Generic[T]):
    """Deals items in shuffled rounds, each item as often per round as its weight.

    Unlike independent draws, a round of N cards guarantees every kind appears once every N rows.
    """

    def __init__(self, rng: random.Random, weighted: Sequence[tuple[T, int]]) -> None:
        self._rng = rng
        self._cards = [item for item, weight in weighted for _ in range(weight)]
        self._next = len(self._cards)

    def draw(self) -> T:
        if self._next == len(self._cards):
            self._rng.shuffle(self._cards)
            self._next = 0
        card = self._cards[self._next]
        self._next += 1
        return card


class CandidatePicker:
    """Picks customers, from the cultures or countries a kind is scoped to when it has a scope."""

    def __init__(self, customers: Sequence[Person]) -> None:
        self._customers = customers
        self._by_key: dict[str, list[Person]] = {}
        for person in customers:
            self._by_key.setdefault(person.culture, []).append(person)
            self._by_key.setdefault(person.country, []).append(person)
        self._groups: dict[tuple[str, ...], list[list[Person]]] = {}

    def pick(self, rng: random.Random, scope: tuple[str, ...]) -> Person:
        if scope:
            groups = self._groups.get(scope)
            if groups is None:
                groups = self._groups[scope] = [self._by_key[key] for key in scope if key in self._by_key]
            if groups:
                return rng.choice(rng.choice(groups))
        return rng.choice(self._customers)


class _RecentRows:
    """A ring of the last valid rows, so duplicates in the file stay close together and memory bounded."""

    def __init__(self, capacity: int) -> None:
        self._rows: list[tuple[list[str], int]] = []
        self._capacity = capacity
        self._next = 0

    def add(self, values: list[str], customer_id: int) -> None:
        if len(self._rows) < self._capacity:
            self._rows.append((values, customer_id))
        else:
            self._rows[self._next] = (values, customer_id)
            self._next = (self._next + 1) % self._capacity

    def pick(self, rng: random.Random) -> tuple[list[str], int] | None:
        return rng.choice(self._rows) if self._rows else None


def _near_copy(rng: random.Random, values: list[str], external_ref: str) -> list[str]:
    """A row typed in again: one value differs in case or spacing, or is left out; a new reference."""
    copy = list(values)
    column = rng.choice(_NEAR_COPY_COLUMNS)
    value = copy[column]
    candidates = (value.upper(), value.lower(), value + " ", "")
    tweaks = [tweak for tweak in candidates if tweak != value and len(tweak) <= MAX_FIELD_LENGTH]
    copy[column] = rng.choice(tweaks) if tweaks else ""
    copy[_EXTERNAL_REF_COLUMN] = external_ref
    return copy


def _values(draft: Draft) -> list[str]:
    if draft.values is not None:
        return draft.values
    fields = draft.fields
    return [fields[name] for name in IMPORT_FIELDS]


class ImportRowGenerator:
    """Makes the rows of one import file; see ``iter_import_rows``."""

    def __init__(
        self, rng: random.Random, customers: Sequence[Person], match_rate: float, error_rate: float
    ) -> None:
        self._rng = rng
        self._customers = customers
        self._picker = CandidatePicker(customers)
        self._match_rate = match_rate if customers else 0.0
        self._error_rate = error_rate
        derived: list[tuple[Perturbation | str, int]] = [(p, p.weight) for p in PERTURBATIONS]
        derived += [(DUPLICATE_ROW, 2), (NEAR_DUPLICATE_ROW, 2)]
        self._derived = Deck(rng, derived)
        self._invalid = Deck(rng, [(p, p.weight) for p in INVALID_PERTURBATIONS])
        self._new = Deck(rng, [(NEW, 9), (NEW_SAME_NAME, 1)])
        self._recent = _RecentRows(RECENT_ROWS)

    def row(self, row_number: int) -> ImportRow:
        rng = self._rng
        blank = row_number > 1 and rng.random() < BLANK_LINE_RATE
        derived = rng.random() < self._match_rate
        invalid = rng.random() < self._error_rate
        ref = "" if rng.random() < MISSING_EXTERNAL_REF_RATE else f"EXT-{row_number:06d}"
        if invalid:
            return self._invalid_row(derived, ref, blank)
        values, customer_id, kind = self._derived_row(ref) if derived else self._new_row(ref)
        self._recent.add(values, customer_id)
        return ImportRow(values, customer_id, kind, blank)

    def _invalid_row(self, derived: bool, ref: str, blank: bool) -> ImportRow:
        rng = self._rng
        person = self._picker.pick(rng, ()) if derived else make_person(rng)
        perturbation = self._invalid.draw()
        draft = Draft(person, person.import_fields(ref))
        perturbation.apply(rng, draft)
        return ImportRow(_values(draft), person.id, perturbation.kind, blank)

    def _derived_row(self, ref: str) -> tuple[list[str], int, str]:
        rng = self._rng
        card = self._derived.draw()
        if isinstance(card, str):
            recent = self._recent.pick(rng)
            if recent is not None:
                values, customer_id = recent
                return (values if card == DUPLICATE_ROW else _near_copy(rng, values, ref)), customer_id, card
            card = _EXACT
        for _ in range(MAX_ATTEMPTS):
            person = self._picker.pick(rng, card.scope)
            draft = Draft(person, person.import_fields(ref))
            if card.apply(rng, draft):
                return _values(draft), person.id, card.kind
        return _values(Draft(person, person.import_fields(ref))), person.id, _EXACT.kind

    def _new_row(self, ref: str) -> tuple[list[str], int, str]:
        rng = self._rng
        kind = self._new.draw()
        if kind == NEW_SAME_NAME and self._customers:
            person = self._namesake(self._picker.pick(rng, ()))
        else:
            kind, person = NEW, make_person(rng)
        draft = Draft(person, person.import_fields(ref))
        if rng.random() < NEW_ROW_MESS_RATE:
            rng.choice(_COSMETIC).apply(rng, draft)
        return _values(draft), 0, kind

    def _namesake(self, customer: Person) -> Person:
        """Someone new who shares a customer's name (and nothing else): a classic false match."""
        rng = self._rng
        person = make_person(rng, pool=POOLS_BY_KEY[customer.culture])
        person.first_name, person.last_name = customer.first_name, customer.last_name
        person.first_latin, person.last_latin = customer.first_latin, customer.last_latin
        person.native_script = customer.native_script
        person.email = make_email(rng, person.first_latin, person.last_latin, person.birth_date)
        if person.email == customer.email:
            person.email = f"{rng.randint(2, 9)}{person.email}"
        return person


def iter_import_rows(
    rng: random.Random, customers: Sequence[Person], rows: int, match_rate: float, error_rate: float
) -> Iterator[ImportRow]:
    """The records of an import file, numbered from 1, derived from ``customers`` at ``match_rate``.

    >>> from importer.synth.people import make_customers
    >>> base = make_customers(random.Random(1), 50)
    >>> rows = list(iter_import_rows(random.Random(2), base, 3, match_rate=1.0, error_rate=0.0))
    >>> [row.customer_id > 0 for row in rows]
    [True, True, True]
    """
    generator = ImportRowGenerator(rng, customers, match_rate, error_rate)
    for row_number in range(1, rows + 1):
        yield generator.row(row_number)
