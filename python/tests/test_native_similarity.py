"""The native similarity functions (importer._native, core/src/similarity/) against the reference,
importer.matching.similarity.

Each native function must return exactly what the reference returns: the same type, and for floats the
same double (``==``, bit for bit). Inputs are Unicode-heavy (any code point, lone surrogates included)
and cross the 64-code-point machine word where the bit-parallel algorithms switch to several words:
unrelated strings, near copies, and reordered words for the token ratios.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, Final

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from native_module import native_or_skip

from importer.matching import similarity as reference

native = native_or_skip()

METRICS: Final = (
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "levenshtein_ratio",
    "indel_distance",
    "indel_ratio",
    "token_sort_ratio",
    "token_set_ratio",
)

#: Lengths on both sides of each word boundary (64 code points per machine word), and the extremes.
BOUNDARY_LENGTHS: Final = (0, 1, 2, 31, 63, 64, 65, 127, 128, 129, 200)

#: Python whitespace of several kinds (token separators), and near misses that are not whitespace.
SEPARATORS: Final = " \t\n\u00a0\u2003\u3000\u0085\u001c"
NOT_SEPARATORS: Final = "\u200b\u180e\u0084\u001b"

ALPHABETS: Final = {
    "binary": "ab",
    "words": "abc ",
    "latin1": "aeé ñßÿ\u00a0",
    "cjk": "東京都府大阪\u3000",
    "emoji": "😀😁😂a\U00020000\U0010ffff",
    "separators": "ab" + SEPARATORS + NOT_SEPARATORS,
}


def assert_same(name: str, s1: str, s2: str) -> None:
    expected = getattr(reference, name)(s1, s2)
    actual = getattr(native, name)(s1, s2)
    assert type(actual) is type(expected) and actual == expected, (
        f"{name}({s1!r}, {s2!r}): native {actual!r}, reference {expected!r}"
    )


def assert_all_same(s1: str, s2: str) -> None:
    for name in METRICS:
        assert_same(name, s1, s2)


# ---- Hypothesis strategies -------------------------------------------------------------------

any_code_point = st.integers(min_value=0, max_value=0x10FFFF).map(chr)  # lone surrogates included
#: Strategies for one code point; each pair draws both strings from one of them.
alphabets: Final = [st.sampled_from(letters) for letters in ALPHABETS.values()] + [st.characters(), any_code_point]
lengths = st.one_of(st.sampled_from(BOUNDARY_LENGTHS), st.integers(min_value=0, max_value=20))


@st.composite
def texts(draw: Callable[..., Any], alphabet: st.SearchStrategy[str]) -> str:
    length = draw(lengths)
    return draw(st.text(alphabet, min_size=length, max_size=length))


@st.composite
def near_copies(draw: Callable[..., Any], text: str, alphabet: st.SearchStrategy[str]) -> str:
    """A few insertions, deletions, substitutions and swaps of adjacent code points."""
    chars = list(text)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(chars)))
        edit = draw(st.sampled_from(["insert", "delete", "substitute", "swap"]))
        if edit == "insert" or not chars:
            chars.insert(at, draw(alphabet))
        elif edit == "delete":
            del chars[min(at, len(chars) - 1)]
        elif edit == "substitute":
            chars[min(at, len(chars) - 1)] = draw(alphabet)
        elif at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


@st.composite
def reordered_words(draw: Callable[..., Any], text: str, alphabet: st.SearchStrategy[str]) -> str:
    """The same words in another order, other separators, maybe a word more or less."""
    words = draw(st.permutations(text.split()))
    if words and draw(st.booleans()):
        words = words[1:]
    if draw(st.booleans()):
        words.append(draw(st.text(alphabet, min_size=1, max_size=8)))
    separator = draw(st.sampled_from([" ", "  ", "\t", "\u3000", " \u00a0"]))
    return separator.join(words)


@st.composite
def pairs(draw: Callable[..., Any]) -> tuple[str, str]:
    alphabet = draw(st.sampled_from(alphabets))
    s1 = draw(texts(alphabet))
    relation = draw(st.sampled_from(["unrelated", "near copy", "reordered words"]))
    if relation == "unrelated":
        s2 = draw(texts(alphabet))
    elif relation == "near copy":
        s2 = draw(near_copies(s1, alphabet))
    else:
        s2 = draw(reordered_words(s1, alphabet))
    return (s2, s1) if draw(st.booleans()) else (s1, s2)


# ---- tests -----------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pairs())
def test_native_equals_reference_on_generated_pairs(pair: tuple[str, str]) -> None:
    assert_all_same(*pair)


@pytest.mark.parametrize("length", BOUNDARY_LENGTHS)
@pytest.mark.parametrize("alphabet", sorted(ALPHABETS))
def test_native_equals_reference_around_word_boundaries(alphabet: str, length: int) -> None:
    # Fixed seed: every boundary length and alphabet is covered whatever Hypothesis draws.
    rng = random.Random(f"{alphabet}/{length}")
    letters = ALPHABETS[alphabet]
    s1 = "".join(rng.choice(letters) for _ in range(length))
    near = list(s1)
    for _ in range(3):
        near.insert(rng.randint(0, len(near)), rng.choice(letters))
        del near[rng.randrange(len(near))]
    other = "".join(rng.choice(letters) for _ in range(rng.choice(BOUNDARY_LENGTHS)))
    assert_all_same(s1, "".join(near))
    assert_all_same("".join(near), s1)
    assert_all_same(s1, other)


def test_native_scores_lone_surrogates_like_python() -> None:
    # A str may hold lone surrogates; the reference scores them as any other code point.
    assert_all_same("a\ud800b", "ab\udfff")
    assert native.levenshtein("\ud800", "") == 1


def test_native_takes_the_reference_keywords() -> None:
    for name in METRICS:
        assert getattr(native, name)(s1="martha", s2="marhta") == getattr(reference, name)(s1="martha", s2="marhta")


def test_native_rejects_what_is_not_a_str() -> None:
    with pytest.raises(TypeError):
        native.jaro(b"martha", "marhta")
