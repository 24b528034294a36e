"""String similarity on Unicode code points: the textbook definitions, written plainly.

These are the reference implementations. Every float is computed with the operations, in the order, that
docs/matching.md gives, so that a second implementation can reproduce each result bit for bit.
All functions compare code points (Python ``str`` items), never UTF-8 bytes.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "indel_distance",
    "indel_ratio",
    "jaro",
    "jaro_winkler",
    "levenshtein",
    "levenshtein_ratio",
    "token_set_ratio",
    "token_sort_ratio",
]

#: Winkler's prefix scale and the longest common prefix it rewards.
WINKLER_PREFIX_WEIGHT: Final = 0.1
WINKLER_MAX_PREFIX: Final = 4
#: Winkler's boost applies only to pairs already this similar (strictly above).
WINKLER_BOOST_THRESHOLD: Final = 0.7


def jaro(s1: str, s2: str) -> float:
    """Jaro similarity in [0, 1]; 1.0 for two empty strings.

    >>> round(jaro("martha", "marhta"), 3)
    0.944
    """
    len1, len2 = len(s1), len(s2)
    if len1 == 0 and len2 == 0:
        return 1.0
    if len1 == 0 or len2 == 0:
        return 0.0
    window = max(0, max(len1, len2) // 2 - 1)
    matched1 = [False] * len1
    matched2 = [False] * len2
    matches = 0
    for i, char in enumerate(s1):
        for j in range(max(0, i - window), min(len2, i + window + 1)):
            if not matched2[j] and s2[j] == char:
                matched1[i] = matched2[j] = True
                matches += 1
                break
    if matches == 0:
        return 0.0
    in_order1 = [char for char, used in zip(s1, matched1) if used]
    in_order2 = [char for char, used in zip(s2, matched2) if used]
    half_transpositions = sum(1 for a, b in zip(in_order1, in_order2) if a != b)
    transpositions = half_transpositions // 2
    return (matches / len1 + matches / len2 + (matches - transpositions) / matches) / 3.0


def jaro_winkler(s1: str, s2: str) -> float:
    """Jaro-Winkler similarity: Jaro boosted by the common prefix (weight 0.1, at most 4 code points).

    >>> round(jaro_winkler("martha", "marhta"), 3)
    0.961
    """
    similarity = jaro(s1, s2)
    if similarity <= WINKLER_BOOST_THRESHOLD:
        return similarity
    prefix = 0
    for a, b in zip(s1[:WINKLER_MAX_PREFIX], s2[:WINKLER_MAX_PREFIX]):
        if a != b:
            break
        prefix += 1
    return similarity + (prefix * WINKLER_PREFIX_WEIGHT) * (1.0 - similarity)


def levenshtein(s1: str, s2: str) -> int:
    """Edit distance with unit-cost insertions, deletions and substitutions.

    >>> levenshtein("kitten", "sitting")
    3
    """
    previous = list(range(len(s2) + 1))
    for i, char1 in enumerate(s1, start=1):
        current = [i]
        for j, char2 in enumerate(s2, start=1):
            substitution = previous[j - 1] + (char1 != char2)
            current.append(min(previous[j] + 1, current[j - 1] + 1, substitution))
        previous = current
    return previous[-1]


def levenshtein_ratio(s1: str, s2: str) -> float:
    """1 - levenshtein / max(len): 1.0 for identical strings (two empty strings included).

    >>> levenshtein_ratio("kitten", "sitting")
    0.5714285714285714
    """
    longest = max(len(s1), len(s2))
    if longest == 0:
        return 1.0
    return 1.0 - levenshtein(s1, s2) / longest


def indel_distance(s1: str, s2: str) -> int:
    """Insertions plus deletions turning s1 into s2: len1 + len2 - 2 * LCS.

    >>> indel_distance("kitten", "sitting")
    5
    """
    previous = [0] * (len(s2) + 1)
    for char1 in s1:
        current = [0]
        for j, char2 in enumerate(s2, start=1):
            current.append(previous[j - 1] + 1 if char1 == char2 else max(previous[j], current[j - 1]))
        previous = current
    return len(s1) + len(s2) - 2 * previous[-1]


def indel_ratio(s1: str, s2: str) -> float:
    """1 - indel / (len1 + len2), the normalized similarity behind fuzz-style "ratio"; 1.0 for two empty strings.

    >>> indel_ratio("kitten", "sitting")
    0.6153846153846154
    """
    total = len(s1) + len(s2)
    if total == 0:
        return 1.0
    return 1.0 - indel_distance(s1, s2) / total


def token_sort_ratio(s1: str, s2: str) -> float:
    """indel_ratio of the whitespace-separated tokens sorted by code point and joined by one space.

    >>> token_sort_ratio("smith john", "John Smith".lower())
    1.0
    """
    return indel_ratio(" ".join(sorted(s1.split())), " ".join(sorted(s2.split())))


def token_set_ratio(s1: str, s2: str) -> float:
    """Best indel_ratio among the shared tokens and each side's tokens, as sorted sets.

    1.0 when one side's tokens are a subset of the other's; 0.0 when exactly one side has no tokens.

    >>> token_set_ratio("10 downing street", "downing street")
    1.0
    """
    tokens1, tokens2 = set(s1.split()), set(s2.split())
    if not tokens1 and not tokens2:
        return 1.0
    if not tokens1 or not tokens2:
        return 0.0
    shared = sorted(tokens1 & tokens2)
    only1 = sorted(tokens1 - tokens2)
    only2 = sorted(tokens2 - tokens1)
    shared_text = " ".join(shared)
    with_only1 = " ".join(shared + only1)
    with_only2 = " ".join(shared + only2)
    return max(
        indel_ratio(shared_text, with_only1),
        indel_ratio(shared_text, with_only2),
        indel_ratio(with_only1, with_only2),
    )
