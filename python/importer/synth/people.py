"""People: one person's clean record, and the customer base with its own duplicates.

A ``Person`` keeps, besides the written fields, what the mess needs to rewrite them faithfully: the
culture, romanized names, and the phone number's country and digits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Final

from importer.schema import MATCH_FIELDS
from importer.synth.addresses import COUNTRIES, DIASPORA_COUNTRIES, make_postcode, make_street
from importer.synth.dates import random_birth_date
from importer.synth.names import POOLS, NamePool, email_word
from importer.synth.phones import canonical_phone, make_phone

#: Email domains; reserved names (RFC 2606 / 6761) so no generated address belongs to anyone.
EMAIL_DOMAINS: Final = (
    "example.com", "example.com", "example.org", "example.net", "mail.test", "post.test", "inbox.test",
)

_DIASPORA_SHARE: Final = 0.12
_NATIVE_SCRIPT_AT_HOME: Final = 0.85
_NATIVE_SCRIPT_ABROAD: Final = 0.4
_MISSING_PHONE: Final = 0.04
_MISSING_STREET: Final = 0.03
_MISSING_BIRTH_DATE: Final = 0.05
_EXACT_DUPLICATE_SHARE: Final = 0.01
_NEAR_DUPLICATE_SHARE: Final = 0.02


@dataclass(slots=True)
class Person:
    """A person's fields as the customer base holds them, plus how they were made."""

    id: int  # customer id, 0 for someone not in the base
    culture: str
    country: str
    first_name: str
    last_name: str
    first_latin: str
    last_latin: str
    email: str
    phone: str
    phone_nsn: str
    phone_groups: tuple[int, ...]
    street: str
    city: str
    postcode: str
    birth_date: str  # ISO, or "" when unknown
    native_script: bool
    duplicate_of: int = 0  # id of the earlier customer this one duplicates

    def match_fields(self) -> dict[str, str]:
        """The matched fields, keyed by ``importer.schema.MATCH_FIELDS``."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "street": self.street,
            "city": self.city,
            "postcode": self.postcode,
            "birth_date": self.birth_date,
        }

    def import_fields(self, external_ref: str) -> dict[str, str]:
        """The values of an import row for this person, keyed by ``importer.schema.IMPORT_FIELDS``."""
        fields = self.match_fields()
        fields["external_ref"] = external_ref
        return fields

    def customer_row(self) -> list[str]:
        """The values of a ``customers.csv`` row, in ``importer.schema.CUSTOMER_FIELDS`` order (id first)."""
        fields = self.match_fields()
        return [str(self.id), *(fields[name] for name in MATCH_FIELDS)]

_POOL_WEIGHTS: Final = tuple(pool.weight for pool in POOLS)


def make_email(rng: random.Random, first_latin: str, last_latin: str, birth_date: str) -> str:
    """An address people really pick: "j.smith@", "maria.garcia84@", "nguyen_lan@"."""
    first = email_word(first_latin.split(" ")[0]) or "user"
    last = email_word(last_latin) or "mail"
    pattern = rng.randrange(8)
    if pattern == 0:
        local = f"{first}.{last}"
    elif pattern == 1:
        local = f"{first[0]}.{last}"
    elif pattern == 2:
        local = f"{first}{last}"
    elif pattern == 3:
        local = f"{first}_{last}"
    elif pattern == 4:
        local = f"{last}.{first}"
    elif pattern == 5:
        local = f"{first[0]}{last}{rng.randint(1, 99)}"
    elif pattern == 6 and birth_date:
        local = f"{first}.{last}{birth_date[2:4]}"
    else:
        local = f"{first}{rng.randint(1, 999)}"
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def make_address(rng: random.Random, person: Person, country_code: str) -> None:
    """Give ``person`` a fresh address and phone in ``country_code`` (used when people move too)."""
    country = COUNTRIES[country_code]
    latin = not person.native_script
    city = rng.choice(country.cities)
    person.country = country_code
    person.city = city.name[1 if latin else 0]
    person.postcode = make_postcode(rng, country, city)
    person.street = make_street(rng, country, latin) if rng.random() >= _MISSING_STREET else ""
    nsn, groups = make_phone(rng, country_code)
    person.phone_nsn, person.phone_groups = nsn, groups
    person.phone = canonical_phone(country_code, nsn, groups) if rng.random() >= _MISSING_PHONE else ""


def make_person(rng: random.Random, person_id: int = 0, pool: NamePool | None = None) -> Person:
    """A new, clean person from a random culture (or ``pool``) living at home or abroad."""
    if pool is None:
        pool = rng.choices(POOLS, _POOL_WEIGHTS)[0]
    abroad = rng.random() < _DIASPORA_SHARE
    country = rng.choice(DIASPORA_COUNTRIES if abroad else pool.home_countries)
    native_share = _NATIVE_SCRIPT_ABROAD if abroad else _NATIVE_SCRIPT_AT_HOME
    native = pool.native_script and rng.random() < native_share
    female = rng.random() < 0.5
    given = rng.choice(pool.female if female else pool.male)
    family = rng.choice(pool.surnames)[1 if female else 0]
    birth_date = random_birth_date(rng).isoformat() if rng.random() >= _MISSING_BIRTH_DATE else ""
    person = Person(
        id=person_id,
        culture=pool.key,
        country=country,
        first_name=given[0] if native else given[1],
        last_name=family[0] if native else family[1],
        first_latin=given[1],
        last_latin=family[1],
        email=make_email(rng, given[1], family[1], birth_date),
        phone="",
        phone_nsn="",
        phone_groups=(),
        street="",
        city="",
        postcode="",
        birth_date=birth_date,
        native_script=native,
    )
    make_address(rng, person, country)
    return person


def _near_duplicate(rng: random.Random, original: Person, person_id: int) -> Person:
    """The same person entered again with one realistic difference."""
    twin = replace(original, id=person_id, duplicate_of=original.duplicate_of or original.id)
    change = rng.randrange(5)
    if change == 0:
        twin.email = make_email(rng, twin.first_latin, twin.last_latin, twin.birth_date)
    elif change == 1:
        twin.phone = ""
    elif change == 2:
        make_address(rng, twin, twin.country)  # moved within the country
    elif change == 3:
        twin.email = twin.email.capitalize()
    elif len(twin.last_name) > 3:
        position = rng.randrange(1, len(twin.last_name) - 1)
        twin.last_name = twin.last_name[:position] + twin.last_name[position + 1 :]  # a dropped letter
    return twin


def make_customers(rng: random.Random, count: int) -> list[Person]:
    """The customer base, ids 1..count, about 1% exact and 2% near duplicates of earlier customers."""
    customers: list[Person] = []
    for person_id in range(1, count + 1):
        roll = rng.random()
        if customers and roll < _EXACT_DUPLICATE_SHARE:
            original = rng.choice(customers)
            root = original.duplicate_of or original.id
            customers.append(replace(original, id=person_id, duplicate_of=root))
        elif customers and roll < _EXACT_DUPLICATE_SHARE + _NEAR_DUPLICATE_SHARE:
            customers.append(_near_duplicate(rng, rng.choice(customers), person_id))
        else:
            customers.append(make_person(rng, person_id))
    return customers
