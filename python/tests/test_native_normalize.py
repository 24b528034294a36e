"""The native normalize_* (importer._native, core/src/text/) against the reference, importer.matching.normalize.

Every code point, alone and in context, through each function, then Hypothesis-generated text from the
places where a Unicode 15 library (utf8proc) and Python 3.11's Unicode 14 can part: combining marks and
their order, Hangul jamo, compatibility and case-folding specials, format characters, whitespace, code
points new in Unicode 15. Values must be equal; for normalize_date, both must raise or neither.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Final

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from native_module import native_or_skip

from importer.matching import normalize as reference

native = native_or_skip()

FUNCTIONS: Final = ("normalize_text", "normalize_email", "normalize_phone", "normalize_postcode", "normalize_date")

#: Every code point but the surrogates, each as a one-character str.
ALL_CHARACTERS: Final = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


class Unreadable:
    """normalize_date raised DateParseError: equal to any other Unreadable, whatever the message."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unreadable)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "DateParseError"


UNREADABLE: Final = Unreadable()


def reference_outcomes(name: str, values: Sequence[str]) -> list[str | None | Unreadable]:
    function: Callable[[str], str | None] = getattr(reference, name)
    if name != "normalize_date":
        return list(map(function, values))

    def outcome(value: str) -> str | None | Unreadable:
        try:
            return function(value)
        except reference.DateParseError:
            return UNREADABLE

    return list(map(outcome, values))


def native_outcomes(name: str, values: Sequence[str]) -> list[str | None | Unreadable]:
    results = native.normalize_batch(name, values)
    if name != "normalize_date":
        return results
    return [UNREADABLE if isinstance(result, native.DateParseError) else result for result in results]


def assert_same_outcomes(name: str, values: Sequence[str]) -> None:
    expected = reference_outcomes(name, values)
    actual = native_outcomes(name, values)
    if actual == expected:
        return
    mismatches = [
        f"{name}({value!a}): reference {want!a}, native {got!a}"
        for value, want, got in zip(values, expected, actual)
        if want != got
    ]
    pytest.fail(f"{len(mismatches)} mismatches, the first ones:\n" + "\n".join(mismatches[:20]))


def test_native_module_is_checked_against_unicode_14() -> None:
    # The reference's tables; utf8proc's are Unicode 15 (docs/matching.md section 8).
    assert unicodedata.unidata_version == "14.0.0"


# One to three seconds each in a Debug build, most of it the reference's own time.
@pytest.mark.slow
@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_code_point_alone(name: str) -> None:
    assert_same_outcomes(name, ALL_CHARACTERS)


# Between a letter it may compose with and a mark that may compose with it, or be reordered before it.
# normalize_email too: it keeps the marks normalize_text removes, so every composition shows.
@pytest.mark.slow
@pytest.mark.parametrize("name", ["normalize_text", "normalize_email"])
def test_every_code_point_in_context(name: str) -> None:
    assert_same_outcomes(name, ["a" + character + "\u0301" for character in ALL_CHARACTERS])


def test_lone_surrogates_agree_too() -> None:
    # The matcher rejects them before normalizing; the functions still agree on them.
    surrogates = [chr(c) for c in range(0xD800, 0xE000)]
    for name in FUNCTIONS:
        assert_same_outcomes(name, surrogates + ["a" + s + "\u0301" for s in surrogates])


def test_single_calls_agree_and_dates_raise_date_parse_error() -> None:
    for name in FUNCTIONS[:-1]:
        assert getattr(native, name)(value=" José O'Brien ") == getattr(reference, name)(" José O'Brien ")
    assert native.normalize_date("7 March 1984") == "1984-03-07"
    assert native.normalize_date(" \u3000 ") is None
    assert issubclass(native.DateParseError, ValueError)
    with pytest.raises(native.DateParseError):
        native.normalize_date("31/02/1990")
    with pytest.raises(ValueError, match="unknown function"):
        native.normalize_batch("normalize_nothing", ["x"])


# ---- Hypothesis: text from where the two Unicode versions and the two libraries can part ---------------

#: Code points picked for what they do in normalization, case folding or the category rules.
INTERESTING: Final = (
    "aAeEiIoOuUnNsSzZ019 -'`.,/@+()"
    "\u00e9\u00c5\u00df\u00ff\u0130\u0131\u0149\u017f\u01c5\u01f0\u1e9e\u212b\u2126\u212a"  # case and singletons
    "\u0300\u0301\u0302\u0303\u0308\u0316\u031b\u0323\u0327\u0328\u0345\u034f\u0344\u0340"  # Latin/Greek marks
    "\u0390\u03a3\u03c2\u1f88\u1fb3\u1fb4\u0386"  # Greek with tonos, ypogegrammeni
    "\u05b4\u05bc\u05d3\u05d5\u0627\u064b\u0650\u0651\u0653\u0654\u0655\u06c1"  # Hebrew, Arabic
    "\u0915\u093c\u093e\u094d\u0b47\u0b3e\u0b56\u0b57\u0cc6\u0cc2\u0cd5\u0d46\u0d3e\u0d57"  # Indic vowel parts
    "\u0f71\u0f72\u0f74\u0f80\u0f73\u0e01\u0e31\u0e48"  # Tibetan reordering, Thai
    "\u1100\u1112\u1161\u1175\u11a7\u11a8\u11c2\uac00\uac01\ud7a3\u3131\u3164\uffa0"  # Hangul
    "\ufb01\u2460\uff10\uff21\uff41\u3000\u00a0\u2002\u202f\u33cf\u2122\u00bd\u00b2\ufdfa"  # compatibility
    "\u200b\u200c\u200d\u200e\u2060\u00ad\ufeff\u061c\u180e\ufe0f\U000e0001\U000e0100"  # format, ignorable
    "\t\n\x0b\x1c\x1f\x85\u2028\u2029\u3000\u2018\u2019\u02bc\u02b9\u201c"  # whitespace, quotes
    "\u0660\u0669\u06f1\u0966\U0001d7ce"  # other digits
    "\u4e00\u738b\uf900\U0002f800\U0001f600\U0001f1ec\ue000\U000f0000\u0378\U0001e8d0"  # CJK, emoji, PUA, Cn
    "\U0001e030\U0001e06d\U00010efd\U00010eff\U00011f00\U00011f50\U0001f6dc\U00013439\U0001e4d0\U0001123f"  # Unicode 15
)

texts = st.text(
    alphabet=st.sampled_from(INTERESTING) | st.characters(blacklist_categories=("Cs",)),
    max_size=16,
)


def assert_agree(name: str, value: str) -> None:
    expected = reference_outcomes(name, [value])[0]
    actual = native_outcomes(name, [value])[0]
    assert actual == expected, f"{name}({value!a}): reference {expected!a}, native {actual!a}"


@settings(max_examples=400)
@given(texts)
def test_generated_text_agrees(value: str) -> None:
    for name in FUNCTIONS:
        assert_agree(name, value)
    assert native.normalize_text(value) == reference.normalize_text(value)  # the single-call path too


#: Pieces of dates as people write them, including near misses of each accepted format.
DATE_PIECES: Final = (
    "1984", "0000", "9999", "2000", "1900", "01", "1", "07", "7", "12", "13", "25", "29", "31", "00", "123",
    "19840307", "20000229", "１９８４", "０３", "٠٧", "march", "Mar", "MAR", "mar.", "sept", "Sept.", "september",
    "may", "jun", "smarch", "marİ", "ma\u0301r", "Ⅻ", "-", "/", ".", ",", " ", "  ", "\t", "\u3000", "\u00a0",
    "\u200b", "\x1c", "\x85",
)  # fmt: skip

date_like = st.lists(st.sampled_from(DATE_PIECES), max_size=7).map("".join)


@settings(max_examples=600)
@given(date_like)
def test_generated_dates_agree(value: str) -> None:
    assert_agree("normalize_date", value)
