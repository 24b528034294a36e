"""The valid kinds of mess an import row derived from a customer can carry, one kind per row.

Each perturbation rewrites a ``Draft`` (the customer's fields about to become an import row) and returns
False when it does not apply to this person (no nickname, no birth date, no final sigma), so the
generator can pick another candidate. Its ``kind`` is the label written to ``truth.csv``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from importer.schema import MAX_FIELD_LENGTH
from importer.synth import textmess
from importer.synth.addresses import COUNTRIES, DIASPORA_COUNTRIES
from importer.synth.dates import UNAMBIGUOUS_STYLES, format_date, us_date_is_misread
from importer.synth.names import POOLS_BY_KEY, ascii_fold
from importer.synth.nicknames import alternative_names
from importer.synth.people import Person, make_address, make_email
from importer.synth.phones import format_phone, fullwidth, phone_styles


@dataclass(slots=True)
class Draft:
    """One import row being written: the person it comes from and its values so far."""

    person: Person
    fields: dict[str, str]  # keyed by importer.schema.IMPORT_FIELDS
    values: list[str] | None = None  # set when the written values no longer fit the columns


Apply = Callable[[random.Random, Draft], bool]
TextDamage = Callable[[random.Random, str], str | None]


@dataclass(frozen=True, slots=True)
class Perturbation:
    """A kind of mess, how often it is dealt, and where its candidates come from.

    ``scope`` lists culture keys ("de") or country codes ("DE") whose people the kind is likely to apply
    to; empty means anyone.
    """

    kind: str
    weight: int
    apply: Apply
    scope: tuple[str, ...] = ()


NAME_FIELDS: Final = ("first_name", "last_name")
TEXT_FIELDS: Final = ("first_name", "last_name", "street", "city")
_TYPO_FIELDS: Final = ("first_name", "last_name", "last_name", "street", "city", "email")
_OPTIONAL_FIELDS: Final = ("phone", "street", "postcode", "birth_date", "email", "city")
_LATIN_CULTURES: Final = ("fr", "de", "es", "pt", "pl", "cs", "vi", "tr", "nordic")
_CITY_LATIN: Final = {city.name[0]: city.name[1] for country in COUNTRIES.values() for city in country.cities}
VALID_LONG_RANGE: Final = (MAX_FIELD_LENGTH - 12, MAX_FIELD_LENGTH)


def damage_one_field(rng: random.Random, draft: Draft, names: tuple[str, ...], damage: TextDamage) -> bool:
    """Apply ``damage`` to the first field of ``names`` (from a random start) that it changes.

    Emails are damaged in their local part only, so they stay addresses.
    """
    fields = draft.fields
    start = rng.randrange(len(names))
    for offset in range(len(names)):
        name = names[(start + offset) % len(names)]
        value = fields[name]
        if name == "email":
            local, at, domain = value.partition("@")
            new_local = damage(rng, local) if at else None
            new = None if new_local is None else f"{new_local}@{domain}"
        else:
            new = damage(rng, value) if value else None
        if new is not None and new != value:
            fields[name] = new
            return True
    return False


def _text_kind(names: tuple[str, ...], damage: TextDamage) -> Apply:
    return lambda rng, draft: damage_one_field(rng, draft, names, damage)


def _exact(rng: random.Random, draft: Draft) -> bool:
    return True


def _swapped_names(rng: random.Random, draft: Draft) -> bool:
    fields = draft.fields
    first, last = fields["first_name"], fields["last_name"]
    if not first or not last or first == last:
        return False
    fields["first_name"], fields["last_name"] = last, first
    return True


def _nickname(rng: random.Random, draft: Draft) -> bool:
    alternatives = alternative_names(draft.fields["first_name"])
    if not alternatives:
        return False
    draft.fields["first_name"] = rng.choice(alternatives)
    return True


def _initial(rng: random.Random, draft: Draft) -> bool:
    first = draft.fields["first_name"]
    if len(first) < 3 or not first[0].isupper():
        return False
    draft.fields["first_name"] = first[0] + rng.choice((".", "", "."))
    return True


def _full_name_in_one_field(rng: random.Random, draft: Draft) -> bool:
    fields = draft.fields
    first, last = fields["first_name"], fields["last_name"]
    if not first or not last:
        return False
    cjk = draft.person.native_script and draft.person.culture in ("zh", "ja", "ko")
    full = f"{last}{first}" if cjk else f"{first} {last}"  # family name first, no space, in CJK
    if rng.random() < 0.7:
        fields["first_name"], fields["last_name"] = full, ""
    else:
        fields["first_name"], fields["last_name"] = "", full
    return True


def _transliterated(rng: random.Random, draft: Draft) -> bool:
    person = draft.person
    if not person.native_script:
        return False
    fields = draft.fields
    fields["first_name"], fields["last_name"] = person.first_latin, person.last_latin
    if rng.random() < 0.5:
        fields["city"] = _CITY_LATIN.get(fields["city"], fields["city"])
    return True


def _accents_stripped(rng: random.Random, draft: Draft) -> bool:
    fields = draft.fields
    changed = False
    for name in TEXT_FIELDS:
        folded = ascii_fold(fields[name])
        changed = changed or folded != fields[name]
        fields[name] = folded
    return changed


def _nfd(rng: random.Random, draft: Draft) -> bool:
    """Decompose one or two fields only: NFC in one place and NFD in another, as real files mix them."""
    if not damage_one_field(rng, draft, TEXT_FIELDS, lambda _rng, text: textmess.decompose(text)):
        return False
    if rng.random() < 0.3:
        damage_one_field(rng, draft, TEXT_FIELDS, lambda _rng, text: textmess.decompose(text))
    return True


def _upper_case(rng: random.Random, draft: Draft) -> bool:
    names = TEXT_FIELDS if rng.random() < 0.3 else NAME_FIELDS
    return _recase(draft, names, str.upper)


def _lower_case(rng: random.Random, draft: Draft) -> bool:
    return _recase(draft, NAME_FIELDS, str.lower)


def _recase(draft: Draft, names: tuple[str, ...], change: Callable[[str], str]) -> bool:
    fields = draft.fields
    changed = False
    for name in names:
        new = change(fields[name])
        changed = changed or new != fields[name]
        fields[name] = new
    return changed


def _missing_fields(rng: random.Random, draft: Draft) -> bool:
    fields = draft.fields
    present = [name for name in _OPTIONAL_FIELDS if fields[name]]
    if not present:
        return False
    for name in rng.sample(present, min(len(present), rng.choice((1, 1, 2)))):
        fields[name] = ""
    return True


def _moved(rng: random.Random, draft: Draft) -> bool:
    person = draft.person
    moved = replace(person)
    make_address(rng, moved, rng.choice((person.country, person.country, *DIASPORA_COUNTRIES)))
    fields = draft.fields
    fields["street"], fields["city"], fields["postcode"] = moved.street, moved.city, moved.postcode
    if rng.random() < 0.5:
        fields["phone"] = moved.phone
    return fields["street"] != person.street or fields["city"] != person.city


def _new_email(rng: random.Random, draft: Draft) -> bool:
    person = draft.person
    email = make_email(rng, person.first_latin, person.last_latin, person.birth_date)
    if email == person.email:
        return False
    draft.fields["email"] = email
    return True


def _phone_format(rng: random.Random, draft: Draft) -> bool:
    person = draft.person
    if not person.phone:
        return False
    style = rng.choice(phone_styles(person.country))
    draft.fields["phone"] = format_phone(person.country, person.phone_nsn, person.phone_groups, style)
    return draft.fields["phone"] != person.phone


def _phone_fullwidth(rng: random.Random, draft: Draft) -> bool:
    person = draft.person
    if not person.phone:
        return False
    style = rng.choice(("national", "national", "e164", "hyphenated"))
    written = format_phone(person.country, person.phone_nsn, person.phone_groups, style)
    draft.fields["phone"] = fullwidth(written)
    return True


def _email_case(rng: random.Random, draft: Draft) -> bool:
    email = draft.fields["email"]
    variant = textmess.mixed_case_email(rng, email) if email else None
    if variant is None:
        return False
    draft.fields["email"] = variant
    return True


def _email_spaces(rng: random.Random, draft: Draft) -> bool:
    email = draft.fields["email"]
    if not email:
        return False
    before = rng.choice(("", " ", "  ", "\u00a0"))
    after = rng.choice((" ", "  ", "\t", "")) if before else rng.choice((" ", "\t"))
    draft.fields["email"] = f"{before}{email}{after}"
    return True


def _birth(draft: Draft) -> datetime.date | None:
    text = draft.person.birth_date
    return datetime.date.fromisoformat(text) if text else None


def _date_format(rng: random.Random, draft: Draft) -> bool:
    date = _birth(draft)
    if date is None:
        return False
    draft.fields["birth_date"] = format_date(date, rng.choice(UNAMBIGUOUS_STYLES))
    return True


def _date_us(rng: random.Random, draft: Draft) -> bool:
    date = _birth(draft)
    if date is None or us_date_is_misread(date):
        return False
    draft.fields["birth_date"] = format_date(date, "us")
    return True


def _date_ambiguous_us(rng: random.Random, draft: Draft) -> bool:
    date = _birth(draft)
    if date is None or not us_date_is_misread(date):
        return False
    draft.fields["birth_date"] = format_date(date, "us")
    return True


def _multiline_street(rng: random.Random, draft: Draft) -> bool:
    street = draft.fields["street"]
    if not street:
        return False
    if ", " in street and rng.random() < 0.7:
        draft.fields["street"] = street.replace(", ", "\n", 1)
        return True
    extra = rng.choice(COUNTRIES[draft.person.country].extra_lines(not draft.person.native_script))
    draft.fields["street"] = f"{extra}\n{street}" if rng.random() < 0.4 else f"{street}\n{extra}"
    return True


def lengthen_field(rng: random.Random, draft: Draft, length: int) -> None:
    """Make the street (or last name) exactly ``length`` code points long, the way long values look."""
    person, fields = draft.person, draft.fields
    script = 0 if person.native_script else 1
    if rng.random() < 0.7 or not fields["last_name"]:
        country = COUNTRIES[person.country]
        pieces = (*country.extra_lines(script == 1), *(street[script] for street in country.streets))
        fields["street"] = textmess.pad_to_length(rng, fields["street"] or pieces[0], pieces, ", ", length)
    else:
        surnames = tuple(pair[0][script] for pair in POOLS_BY_KEY[person.culture].surnames)
        fields["last_name"] = textmess.pad_to_length(rng, fields["last_name"], surnames, "-", length)


def _long_field(rng: random.Random, draft: Draft) -> bool:
    lengthen_field(rng, draft, rng.randint(*VALID_LONG_RANGE))
    return True


#: Every valid kind of a row derived from a customer, with its relative frequency.
PERTURBATIONS: Final = (
    Perturbation("exact", 14, _exact),
    Perturbation("typo_substitution", 3, _text_kind(_TYPO_FIELDS, textmess.substitute_letter)),
    Perturbation("typo_insertion", 3, _text_kind(_TYPO_FIELDS, textmess.insert_letter)),
    Perturbation("typo_deletion", 3, _text_kind(_TYPO_FIELDS, textmess.delete_letter)),
    Perturbation("typo_transposition", 3, _text_kind(_TYPO_FIELDS, textmess.transpose_letters)),
    Perturbation("swapped_names", 3, _swapped_names),
    Perturbation("nickname", 3, _nickname, ("en", "es", "de", "ru", "pl", "cs", "el")),
    Perturbation("initial", 2, _initial),
    Perturbation("full_name_in_one_field", 2, _full_name_in_one_field),
    Perturbation("transliterated", 2, _transliterated, ("el", "ru", "zh", "ja", "ko", "ar", "he")),
    Perturbation("accents_stripped", 2, _accents_stripped, _LATIN_CULTURES),
    Perturbation("nfd", 3, _nfd, (*_LATIN_CULTURES, "ko", "ru")),
    Perturbation("upper_case", 2, _upper_case),
    Perturbation("lower_case", 2, _lower_case),
    Perturbation("eszett", 2, _text_kind(TEXT_FIELDS, textmess.eszett_variant), ("de", "DE")),
    Perturbation("turkish_i", 2, _text_kind(TEXT_FIELDS, textmess.turkish_i_variant), ("tr", "TR")),
    Perturbation("greek_sigma", 2, _text_kind(TEXT_FIELDS, textmess.greek_sigma_variant), ("el", "GR")),
    Perturbation("bidi_marks", 2, _text_kind((*TEXT_FIELDS, "phone"), textmess.add_bidi_marks), ("ar", "he")),
    Perturbation("emoji", 2, _text_kind(("first_name", "last_name", "street"), textmess.add_emoji)),
    Perturbation("zero_width", 3, _text_kind(TEXT_FIELDS, textmess.insert_zero_width)),
    Perturbation("whitespace", 3, _text_kind(TEXT_FIELDS, textmess.odd_whitespace)),
    Perturbation("missing_fields", 4, _missing_fields),
    Perturbation("moved", 2, _moved),
    Perturbation("new_email", 2, _new_email),
    Perturbation("phone_format", 5, _phone_format),
    Perturbation("phone_fullwidth", 2, _phone_fullwidth),
    Perturbation("email_case", 3, _email_case),
    Perturbation("email_spaces", 2, _email_spaces),
    Perturbation("date_format", 4, _date_format),
    Perturbation("date_us", 2, _date_us),
    Perturbation("date_ambiguous_us", 2, _date_ambiguous_us),
    Perturbation("multiline_street", 2, _multiline_street),
    Perturbation("long_field", 2, _long_field),
)
