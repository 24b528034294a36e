"""importer.matching.similarity: the shared public vectors, hand-checked cases and algebraic properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared_data import read_vectors

from importer.matching.similarity import (
    indel_distance,
    indel_ratio,
    jaro,
    jaro_winkler,
    levenshtein,
    levenshtein_ratio,
    token_set_ratio,
    token_sort_ratio,
)

# The vectors' authors compare floats to 3 decimals.
VECTOR_TOLERANCE = 0.0005

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)
words = st.lists(st.sampled_from(["ann", "lee", "10", "high", "street", "straße", "ζωή", "李"]), max_size=5)


@pytest.mark.parametrize(("s1", "s2", "expected"), read_vectors("jaro_distance.csv"))
def test_jaro_matches_shared_vectors(s1: str, s2: str, expected: str) -> None:
    assert jaro(s1, s2) == pytest.approx(float(expected), abs=VECTOR_TOLERANCE), (s1, s2)


@pytest.mark.parametrize(("s1", "s2", "expected"), read_vectors("jaro_winkler.csv"))
def test_jaro_winkler_matches_shared_vectors(s1: str, s2: str, expected: str) -> None:
    assert jaro_winkler(s1, s2) == pytest.approx(float(expected), abs=VECTOR_TOLERANCE), (s1, s2)


@pytest.mark.parametrize(("s1", "s2", "expected"), read_vectors("levenshtein.csv"))
def test_levenshtein_matches_shared_vectors(s1: str, s2: str, expected: str) -> None:
    assert levenshtein(s1, s2) == int(expected), (s1, s2)


def test_empty_strings_are_identical_and_differ_from_anything() -> None:
    for metric in (jaro, jaro_winkler, levenshtein_ratio, indel_ratio, token_sort_ratio, token_set_ratio):
        assert metric("", "") == 1.0, metric.__name__
        assert metric("", "a") == 0.0, metric.__name__
        assert metric("a", "") == 0.0, metric.__name__


def test_metrics_count_code_points_not_bytes() -> None:
    # "é" is 2 bytes in UTF-8 and "李" 3: byte-wise scoring would see several edits here.
    assert levenshtein("josé", "jose") == 1
    assert levenshtein("李小龍", "李小龙") == 1
    assert jaro("ab李", "ab李") == 1.0
    assert indel_distance("😀x", "x") == 1


def test_winkler_boost_needs_jaro_above_threshold() -> None:
    # jaro("abc", "axy") = 5/9 <= 0.7: the common prefix "a" earns no boost.
    assert jaro_winkler("abc", "axy") == jaro("abc", "axy") == pytest.approx(5 / 9)


def test_winkler_prefix_counts_at_most_four_code_points() -> None:
    base = jaro("abcdefgh", "abcdefgx")
    assert jaro_winkler("abcdefgh", "abcdefgx") == base + (4 * 0.1) * (1.0 - base)


def test_ratios_on_known_pairs() -> None:
    assert levenshtein_ratio("kitten", "sitting") == 1.0 - 3 / 7
    assert indel_ratio("kitten", "sitting") == 1.0 - 5 / 13
    assert token_sort_ratio("wuzzy fuzzy was a bear", "fuzzy wuzzy was a bear") == 1.0
    assert token_set_ratio("flat 2 10 high street", "10 high street") == 1.0
    assert token_set_ratio("high street", "low road") == indel_ratio("high street", "low road")


@given(texts, texts)
def test_metrics_are_symmetric_and_bounded(s1: str, s2: str) -> None:
    for metric in (jaro, levenshtein_ratio, indel_ratio, token_sort_ratio, token_set_ratio):
        forward, backward = metric(s1, s2), metric(s2, s1)
        assert forward == backward, (metric.__name__, s1, s2)
        assert 0.0 <= forward <= 1.0
    assert 0.0 <= jaro(s1, s2) <= jaro_winkler(s1, s2) <= 1.0


@given(texts)
def test_identical_strings_score_one(text: str) -> None:
    assert jaro_winkler(text, text) == levenshtein_ratio(text, text) == token_set_ratio(text, text) == 1.0
    assert levenshtein(text, text) == indel_distance(text, text) == 0


@given(texts, texts, texts)
def test_levenshtein_is_a_metric(a: str, b: str, c: str) -> None:
    assert levenshtein(a, c) <= levenshtein(a, b) + levenshtein(b, c)
    assert abs(len(a) - len(b)) <= levenshtein(a, b) <= max(len(a), len(b))
    assert levenshtein(a, b) <= indel_distance(a, b) <= len(a) + len(b)


@given(words, st.randoms(use_true_random=False))
def test_token_sort_ignores_word_order(tokens: list[str], rng: object) -> None:
    shuffled = list(tokens)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert token_sort_ratio(" ".join(tokens), "  ".join(shuffled)) == 1.0
