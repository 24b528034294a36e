"""Phone numbers per country, and the many ways people write the same number.

A number is kept as its country and national significant number (NSN, the digits after the country
code and without the trunk "0"); every written form is rendered from those, so a reformatted number in
an import row is still the same number as the customer's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class NumberPlan:
    """One kind of number in a country, e.g. London landlines: NSN "20" + 8 digits, grouped 2-4-4."""

    leads: tuple[str, ...]
    groups: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PhoneCountry:
    calling_code: str
    trunk: str  # national prefix dialled before the NSN ("0" in the UK, "" in Spain)
    plans: tuple[NumberPlan, ...]


def _plan(leads: str, groups: str) -> NumberPlan:
    return NumberPlan(tuple(leads.split()), tuple(int(size) for size in groups.split("-")))


PHONE_COUNTRIES: Final = {
    "GB": PhoneCountry(
        "44", "0", (_plan("20", "2-4-4"), _plan("7700 7911 7400", "4-6"), _plan("161 121", "3-3-4"))
    ),
    "US": PhoneCountry("1", "", (_plan("212 312 415 617 713 206 305 555", "3-3-4"),)),
    "DE": PhoneCountry("49", "0", (_plan("30 40 89", "2-8"), _plan("151 160 170 176", "3-8"))),
    "FR": PhoneCountry("33", "0", (_plan("1 4 6 7", "1-2-2-2-2"),)),
    "ES": PhoneCountry("34", "", (_plan("6 91 93", "3-3-3"),)),
    "PT": PhoneCountry("351", "", (_plan("91 93 96 21", "3-3-3"),)),
    "BR": PhoneCountry("55", "0", (_plan("119 219 319", "2-5-4"),)),
    "PL": PhoneCountry("48", "", (_plan("5 6 7 22", "3-3-3"),)),
    "CZ": PhoneCountry("420", "", (_plan("6 7 2", "3-3-3"),)),
    "VN": PhoneCountry("84", "0", (_plan("9 3 8", "2-3-4"),)),
    "TR": PhoneCountry("90", "0", (_plan("53 54 55 212", "3-3-2-2"),)),
    "GR": PhoneCountry("30", "", (_plan("69 210 231", "3-3-4"),)),
    "RU": PhoneCountry("7", "8", (_plan("9 495 812", "3-3-2-2"),)),
    "CN": PhoneCountry("86", "0", (_plan("13 15 18", "3-4-4"),)),
    "JP": PhoneCountry("81", "0", (_plan("90 80 70", "2-4-4"), _plan("3", "1-4-4"))),
    "KR": PhoneCountry("82", "0", (_plan("10", "2-4-4"),)),
    "AE": PhoneCountry("971", "0", (_plan("50 52 55", "2-3-4"),)),
    "EG": PhoneCountry("20", "0", (_plan("10 11 12", "2-4-4"),)),
    "IL": PhoneCountry("972", "0", (_plan("50 52 54", "2-3-4"),)),
    "DK": PhoneCountry("45", "", (_plan("2 3 4", "2-2-2-2"),)),
    "NO": PhoneCountry("47", "", (_plan("4 9", "3-2-3"),)),
    "SE": PhoneCountry("46", "0", (_plan("70 73 8", "2-3-2-2"),)),
}

#: Ways of writing a number that work in every country.
GENERIC_STYLES: Final = ("national", "dial_prefix", "e164", "hyphenated", "dotted", "national_compact")
#: Extra ways of writing a number in countries with a trunk "0": "+44 (0)20 7946 0958".
TRUNK_STYLES: Final = ("trunk_in_brackets",)
#: North American habits: "(555) 123-4567", "555.123.4567", "+1-555-123-4567".
NANP_STYLES: Final = ("nanp_brackets", "nanp_dots", "nanp_dashes", "nanp_one_dash")

_FULLWIDTH: Final = str.maketrans(
    {**{str(digit): chr(0xFF10 + digit) for digit in range(10)}, "+": "＋", "-": "－", "(": "（", ")": "）"}
)


def make_phone(rng: random.Random, country: str) -> tuple[str, tuple[int, ...]]:
    """A random NSN in ``country`` and the digit groups it is written in."""
    plan = rng.choice(PHONE_COUNTRIES[country].plans)
    lead = rng.choice(plan.leads)
    length = sum(plan.groups)
    missing = length - len(lead)
    return f"{lead}{rng.randrange(10**missing):0{missing}d}", plan.groups


def _grouped(nsn: str, groups: tuple[int, ...], separator: str) -> str:
    parts: list[str] = []
    start = 0
    for size in groups:
        parts.append(nsn[start : start + size])
        start += size
    return separator.join(parts)


def canonical_phone(country: str, nsn: str, groups: tuple[int, ...]) -> str:
    """The form stored in the customer base: "+44 20 7946 0958"."""
    return f"+{PHONE_COUNTRIES[country].calling_code} {_grouped(nsn, groups, ' ')}"


def phone_styles(country: str) -> tuple[str, ...]:
    """Every style ``format_phone`` can write a number of ``country`` in."""
    styles = GENERIC_STYLES
    if PHONE_COUNTRIES[country].trunk == "0":
        styles += TRUNK_STYLES
    if country == "US":
        styles += NANP_STYLES
    return styles


def format_phone(country: str, nsn: str, groups: tuple[int, ...], style: str) -> str:
    """The number written in one of ``phone_styles(country)``.

    >>> format_phone("GB", "2079460958", (2, 4, 4), "trunk_in_brackets")
    '+44 (0)20 7946 0958'
    """
    spec = PHONE_COUNTRIES[country]
    code, trunk = spec.calling_code, spec.trunk
    if style == "national":
        return trunk + _grouped(nsn, groups, " ")
    if style == "national_compact":
        return trunk + nsn
    if style == "dial_prefix":
        return f"{'011' if country == 'US' else '00'}{code} {_grouped(nsn, groups, ' ')}"
    if style == "e164":
        return f"+{code}{nsn}"
    if style == "hyphenated":
        return f"+{code}-{_grouped(nsn, groups, '-')}"
    if style == "dotted":
        return trunk + _grouped(nsn, groups, ".")
    if style == "trunk_in_brackets":
        return f"+{code} ({trunk}){_grouped(nsn, groups, ' ')}"
    area, exchange, line = nsn[:3], nsn[3:6], nsn[6:]
    if style == "nanp_brackets":
        return f"({area}) {exchange}-{line}"
    if style == "nanp_dots":
        return f"{area}.{exchange}.{line}"
    if style == "nanp_dashes":
        return f"{area}-{exchange}-{line}"
    if style == "nanp_one_dash":
        return f"+1-{area}-{exchange}-{line}"
    raise ValueError(f"unknown phone style {style!r} for {country}")


def fullwidth(text: str) -> str:
    """Digits and punctuation as a Japanese or Chinese input method types them: "０２０－７９４６"."""
    return text.translate(_FULLWIDTH)
