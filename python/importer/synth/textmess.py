"""String-level damage: typos, invisible characters, odd whitespace, emoji and script-specific casing.

Each function returns the damaged text, or ``None`` when the damage does not apply to this text (no
letters to transpose, no sigma to get wrong), so callers can try another field or another person.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Final

_KEYBOARD_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, str]:
    """Keys next to each letter on a QWERTY keyboard: the substitutions fingers really make."""
    neighbours: dict[str, str] = {}
    for row_index, row in enumerate(_KEYBOARD_ROWS):
        for column, key in enumerate(row):
            near: list[str] = []
            for other_index in (row_index - 1, row_index, row_index + 1):
                if 0 <= other_index < len(_KEYBOARD_ROWS):
                    other = _KEYBOARD_ROWS[other_index]
                    near.extend(other[max(column - 1, 0) : column + 2])
            neighbours[key] = "".join(char for char in near if char != key)
    return neighbours


_NEIGHBOURS: Final = _keyboard_neighbours()

#: Characters that render as nothing; U+200B comes first because it is by far the most common.
ZERO_WIDTH: Final = ("\u200b", "\u200b", "\u200b", "\u200d", "\ufeff", "\u2060")
#: Whitespace that is not a plain space: NBSP, tab, thin space, ideographic space, en space.
ODD_SPACES: Final = ("\u00a0", "\u00a0", "\t", "\u2009", "\u3000", "\u2002")
#: Emoji as people put them in names and addresses, including ZWJ sequences, flags and modifiers.
EMOJI: Final = ("🌸", "😊", "❤️", "🏠", "⭐", "👍🏽", "👨‍👩‍👧", "🇬🇧", "🎉", "🐶", "☀️", "💼")
#: Bidirectional marks that copying from right-to-left interfaces leaves behind.
BIDI_MARKS: Final = ("\u200f", "\u200e", "\u061c")


def _letter_positions(text: str) -> list[int]:
    return [index for index, char in enumerate(text) if char.isalpha()]


def _replacement_letter(rng: random.Random, text: str, char: str) -> str | None:
    lower = char.lower()
    if lower in _NEIGHBOURS:
        new = rng.choice(_NEIGHBOURS[lower])
        return new.upper() if char.isupper() else new
    others = [other for other in text if other.isalpha() and other != char]
    return rng.choice(others) if others else None


def substitute_letter(rng: random.Random, text: str) -> str | None:
    """One letter replaced by a neighbouring key (or another letter of the word): "Smith" -> "Smoth"."""
    positions = _letter_positions(text)
    if len(positions) < 2:
        return None
    index = rng.choice(positions)
    new = _replacement_letter(rng, text, text[index])
    return None if new is None else text[:index] + new + text[index + 1 :]


def insert_letter(rng: random.Random, text: str) -> str | None:
    """One letter doubled or a neighbouring key hit as well: "Smith" -> "Smitth", "Smiuth"."""
    positions = _letter_positions(text)
    if len(positions) < 2:
        return None
    index = rng.choice(positions)
    char = text[index]
    extra = char if rng.random() < 0.5 else _replacement_letter(rng, text, char) or char
    return text[: index + 1] + extra + text[index + 1 :]


def delete_letter(rng: random.Random, text: str) -> str | None:
    """One letter dropped: "Williams" -> "Wiliams"."""
    positions = _letter_positions(text)
    if len(positions) < 3:
        return None
    index = rng.choice(positions)
    return text[:index] + text[index + 1 :]


def transpose_letters(rng: random.Random, text: str) -> str | None:
    """Two adjacent letters swapped: "Johnson" -> "Jonhson"."""
    pairs = [
        index
        for index in range(len(text) - 1)
        if text[index].isalpha() and text[index + 1].isalpha() and text[index] != text[index + 1]
    ]
    if not pairs:
        return None
    index = rng.choice(pairs)
    return text[:index] + text[index + 1] + text[index] + text[index + 2 :]


def insert_zero_width(rng: random.Random, text: str) -> str | None:
    """An invisible character inside or in front of the text: "Jo\u200bhn", "\ufeffSmith"."""
    if not text:
        return None
    char = rng.choice(ZERO_WIDTH)
    index = 0 if char == "\ufeff" else rng.randint(1, len(text))
    return text[:index] + char + text[index:]


def odd_whitespace(rng: random.Random, text: str) -> str | None:
    """Leading, trailing, doubled or non-breaking whitespace: " Anna", "12  High Street", "Mary\u00a0Ann"."""
    if not text:
        return None
    choice = rng.randrange(5)
    if choice == 0:
        return " " + text
    if choice == 1:
        return text + rng.choice((" ", "  ", "\t"))
    if " " in text and choice == 2:
        return text.replace(" ", "  ", 1)
    if " " in text and choice == 3:
        return text.replace(" ", rng.choice(ODD_SPACES), 1)
    return f"{rng.choice((' ', chr(0xA0)))}{text}{rng.choice(ODD_SPACES)}"


def add_emoji(rng: random.Random, text: str) -> str | None:
    """An emoji before or after the text: "Anna 🌸", "🏠 12 High Street"."""
    if not text:
        return None
    emoji = rng.choice(EMOJI)
    separator = rng.choice((" ", ""))
    return f"{emoji}{separator}{text}" if rng.random() < 0.3 else f"{text}{separator}{emoji}"


def add_bidi_marks(rng: random.Random, text: str) -> str | None:
    """Right-to-left text wrapped in the marks a copy from an RTL interface leaves: "\u200fכהן\u200f"."""
    if not text:
        return None
    if rng.random() < 0.3:
        return f"\u202b{text}\u202c"  # RIGHT-TO-LEFT EMBEDDING ... POP DIRECTIONAL FORMATTING
    mark = rng.choice(BIDI_MARKS)
    return f"{mark}{text}{mark}" if rng.random() < 0.5 else f"{mark}{text}"


def decompose(text: str) -> str | None:
    """NFD form ("Nguyễn" as e + combining marks, Hangul as jamo), or None when already decomposed."""
    nfd = unicodedata.normalize("NFD", text)
    return nfd if nfd != text else None


def strip_accents(text: str) -> str:
    """Latin text without combining marks, recomposed: "Nguyễn" -> "Nguyen" (keeps ß, ł, ø)."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(char for char in nfd if not unicodedata.combining(char)))


def eszett_variant(rng: random.Random, text: str) -> str | None:
    """Sharp s written out or uppercased: "Strauß" -> "Strauss", "STRAUSS" or "STRAUẞ" (capital sharp s)."""
    if "ß" not in text:
        return None
    choice = rng.randrange(3)
    if choice == 0:
        return text.replace("ß", "ss")
    if choice == 1:
        return text.upper()
    return text.replace("ß", "ẞ").upper()


def turkish_i_variant(rng: random.Random, text: str) -> str | None:
    """Dotted and dotless i gone wrong: "Yıldız" -> "Yildiz"/"YILDIZ"; "İsmail" -> "i̇smail" (i + U+0307)."""
    if not any(char in "İıi" for char in text):
        return None
    choice = rng.randrange(4)
    if choice == 0:
        variant = text.replace("İ", "I").replace("ı", "i")  # typed on a non-Turkish keyboard
    elif choice == 1:
        variant = text.upper()  # locale-unaware: "Ali" -> "ALI" rather than "ALİ"
    elif choice == 2:
        variant = text.lower()  # locale-unaware: "İ" -> "i" + COMBINING DOT ABOVE
    else:
        variant = text.replace("i", "İ").upper()  # Turkish rules: "Ali" -> "ALİ"
    return variant if variant != text else None


def greek_sigma_variant(rng: random.Random, text: str) -> str | None:
    """Final sigma gone wrong: "Νικόλαος" -> "Νικόλαοσ", "ΝΙΚΌΛΑΟΣ" or accent-free "ΝΙΚΟΛΑΟΣ"."""
    if "ς" not in text:
        return None
    choice = rng.randrange(3)
    if choice == 0:
        return text.replace("ς", "σ")
    if choice == 1:
        return text.upper()
    return strip_accents(text).upper()


def mixed_case_email(rng: random.Random, email: str) -> str | None:
    """The same address in other letter case: "John.Smith@Example.COM", "JOHN.SMITH@EXAMPLE.COM"."""
    local, at, domain = email.partition("@")
    if not at:
        return None
    choice = rng.randrange(3)
    if choice == 0:
        variant = ".".join(part.capitalize() for part in local.split(".")) + "@" + domain.capitalize()
    elif choice == 1:
        variant = email.upper()
    else:
        variant = local.capitalize() + "@" + domain.upper()
    return variant if variant != email else email.upper()


def pad_to_length(rng: random.Random, text: str, pieces: tuple[str, ...], separator: str, length: int) -> str:
    """``text`` extended with ``pieces`` to exactly ``length`` code points, ending in a non-space."""
    parts = [text]
    total = len(text)
    while total < length:
        piece = rng.choice(pieces)
        parts.append(piece)
        total += len(separator) + len(piece)
    padded = separator.join(parts)[:length]
    if padded[-1].isspace():
        padded = padded[:-1] + "."
    return padded
