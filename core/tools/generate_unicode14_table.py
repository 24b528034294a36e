"""Generate core/src/text/unicode14_table.inc: where utf8proc (Unicode 15) and Python 3.11 (Unicode 14) differ.

The native normalize port (core/src/text/) uses utf8proc 2.8, whose tables are Unicode 15.0, but the Python
reference (python/importer/matching/normalize.py) uses Python 3.11's unicodedata, Unicode 14.0. docs/matching.md
section 8 decides: a code point unassigned in Unicode 14 passes through every step unchanged. This script
compares the two libraries on EVERY code point 0..0x10FFFF (surrogates excluded), per code point:

- general category, canonical combining class;
- the NFD, NFKD, NFC and NFKC forms of the one-character string (so decomposition mappings and which
  decompositions compose again);
- full case folding (Python's str.casefold() against utf8proc's UTF8PROC_CASEFOLD);
- for a code point new in Unicode 15 that decomposes into Unicode 14 code points: whether utf8proc composes
  them back (a composition Python would not make, and which passing the new code point through cannot hide).

It writes the code points that are unassigned in Unicode 14 but assigned in utf8proc, as inclusive ranges, and
fails (listing them) on any other difference: those would need new handling in core/src/text/unicode14.cpp,
not just a longer table.

Regenerate (from the repository root, after Debian updates libutf8proc or Python):

    /usr/bin/python3 core/tools/generate_unicode14_table.py          # rewrites the .inc file
    /usr/bin/python3 core/tools/generate_unicode14_table.py --check  # exit 1 if the file is out of date

It loads the same shared library the build links (libutf8proc.so.2) through ctypes: no build needed. The
generated file asserts at compile time that the utf8proc headers are the version it was generated from.
Takes a few seconds.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

OUTPUT: Final = Path(__file__).resolve().parents[1] / "src" / "text" / "unicode14_table.inc"

EXPECTED_PYTHON_UNICODE: Final = "14.0.0"

# utf8proc_option_t values (utf8proc.h).
STABLE: Final = 1 << 1
COMPAT: Final = 1 << 2
COMPOSE: Final = 1 << 3
DECOMPOSE: Final = 1 << 4
CASEFOLD: Final = 1 << 10

NO_SEQUENCE: Final = 0xFFFF  # utf8proc_property_t's "no mapping" sequence index

# utf8proc_category_t, in enum order.
CATEGORY_NAMES: Final = (
    "Cn Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co".split()
)

SURROGATES: Final = range(0xD800, 0xE000)
CODE_POINT_COUNT: Final = 0x110000


class Property(ctypes.Structure):
    """The leading fields of utf8proc_property_t (the rest is not read)."""

    _fields_ = [
        ("category", ctypes.c_int16),
        ("combining_class", ctypes.c_int16),
        ("bidi_class", ctypes.c_int16),
        ("decomp_type", ctypes.c_int16),
        ("decomp_seqindex", ctypes.c_uint16),
        ("casefold_seqindex", ctypes.c_uint16),
    ]


class Utf8proc:
    """The few utf8proc functions the comparison needs, on Python strings."""

    def __init__(self) -> None:
        self._lib = ctypes.CDLL(ctypes.util.find_library("utf8proc") or "libutf8proc.so.2")
        self._libc = ctypes.CDLL(ctypes.util.find_library("c"))
        lib = self._lib
        lib.utf8proc_version.restype = ctypes.c_char_p
        lib.utf8proc_unicode_version.restype = ctypes.c_char_p
        lib.utf8proc_get_property.argtypes = [ctypes.c_int32]
        lib.utf8proc_get_property.restype = ctypes.POINTER(Property)
        lib.utf8proc_decompose_char.argtypes = [
            ctypes.c_int32,
            ctypes.POINTER(ctypes.c_int32),
            ctypes.c_ssize_t,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
        ]
        lib.utf8proc_decompose_char.restype = ctypes.c_ssize_t
        lib.utf8proc_map.argtypes = [ctypes.c_char_p, ctypes.c_ssize_t, ctypes.POINTER(ctypes.c_void_p), ctypes.c_int]
        lib.utf8proc_map.restype = ctypes.c_ssize_t
        self._buffer = (ctypes.c_int32 * 64)()
        self._boundclass = ctypes.c_int(0)

    @property
    def version(self) -> str:
        return self._lib.utf8proc_version().decode()

    @property
    def unicode_version(self) -> str:
        return self._lib.utf8proc_unicode_version().decode()

    def property(self, code_point: int) -> Property:
        return self._lib.utf8proc_get_property(code_point).contents

    def category(self, code_point: int) -> str:
        return CATEGORY_NAMES[self.property(code_point).category]

    def map_char(self, code_point: int, options: int) -> str:
        """utf8proc_decompose_char: one code point's decomposition and/or case folding."""
        length = self._lib.utf8proc_decompose_char(
            code_point, self._buffer, len(self._buffer), options, ctypes.byref(self._boundclass)
        )
        if not 0 <= length <= len(self._buffer):
            raise RuntimeError(f"utf8proc_decompose_char(U+{code_point:04X}) returned {length}")
        return "".join(chr(self._buffer[i]) for i in range(length))

    def map(self, text: str, options: int) -> str:
        """utf8proc_map: a whole string (decomposition, reordering, composition)."""
        encoded = text.encode()
        result = ctypes.c_void_p()
        length = self._lib.utf8proc_map(encoded, len(encoded), ctypes.byref(result), options)
        if length < 0:
            raise RuntimeError(f"utf8proc_map({text!r}) failed with {length}")
        try:
            return ctypes.string_at(result, length).decode()
        finally:
            self._libc.free(result)


def assigned_code_point_differences(utf8proc: Utf8proc, code_point: int) -> Iterator[str]:
    """How utf8proc treats a code point assigned in Unicode 14 differently from Python."""
    char = chr(code_point)
    prop = utf8proc.property(code_point)
    python_category = unicodedata.category(char)
    if CATEGORY_NAMES[prop.category] != python_category:
        yield f"category {python_category} -> {CATEGORY_NAMES[prop.category]}"
    if prop.combining_class != unicodedata.combining(char):
        yield f"combining class {unicodedata.combining(char)} -> {prop.combining_class}"
    char_forms = {
        "NFD": utf8proc.map_char(code_point, DECOMPOSE),
        "NFKD": utf8proc.map_char(code_point, DECOMPOSE | COMPAT),
        "casefold": utf8proc.map_char(code_point, CASEFOLD),
    }
    python_forms = {
        "NFD": unicodedata.normalize("NFD", char),
        "NFKD": unicodedata.normalize("NFKD", char),
        "casefold": char.casefold(),
    }
    if unicodedata.normalize("NFKD", char) != char:  # else NFC and NFKC are the character itself on both sides
        char_forms["NFC"] = utf8proc.map(char, STABLE | COMPOSE)
        char_forms["NFKC"] = utf8proc.map(char, STABLE | COMPOSE | COMPAT)
        python_forms["NFC"] = unicodedata.normalize("NFC", char)
        python_forms["NFKC"] = unicodedata.normalize("NFKC", char)
    for form, python_value in python_forms.items():
        if char_forms[form] != python_value:
            yield f"{form} {ascii(python_value)} -> {ascii(char_forms[form])}"


def unassigned_code_point_differences(utf8proc: Utf8proc, code_point: int) -> Iterator[str]:
    """For a code point unassigned in both: anything utf8proc would not pass through unchanged."""
    prop = utf8proc.property(code_point)
    if prop.combining_class or prop.decomp_seqindex != NO_SEQUENCE or prop.casefold_seqindex != NO_SEQUENCE:
        yield "unassigned, yet has properties"


def new_composition(utf8proc: Utf8proc, code_point: int) -> str | None:
    """A Unicode 15 code point that utf8proc composes from Unicode 14 code points, which Python leaves apart."""
    decomposition = utf8proc.map_char(code_point, DECOMPOSE)
    if decomposition == chr(code_point) or any(unicodedata.category(c) == "Cn" for c in decomposition):
        return None
    python_form = unicodedata.normalize("NFC", decomposition)
    utf8proc_form = utf8proc.map(decomposition, STABLE | COMPOSE)
    if python_form == utf8proc_form:
        return None
    return f"NFC of {ascii(decomposition)}: {ascii(python_form)} -> {ascii(utf8proc_form)}"


def ranges(code_points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for code_point in sorted(code_points):
        if runs and runs[-1][1] == code_point - 1:
            runs[-1] = (runs[-1][0], code_point)
        else:
            runs.append((code_point, code_point))
    return runs


def render(utf8proc: Utf8proc, new_code_points: list[int]) -> str:
    major, minor, patch = (int(part) for part in utf8proc.version.split("."))
    lines = [
        "// Generated by core/tools/generate_unicode14_table.py: do not edit by hand, rerun it.",
        f"// Code points unassigned in Unicode {unicodedata.unidata_version} (Python {sys.version.split()[0]}",
        f"// unicodedata) but assigned in utf8proc {utf8proc.version} (Unicode {utf8proc.unicode_version}):",
        f"// {len(new_code_points)} code points in {len(ranges(new_code_points))} inclusive ranges, ascending.",
        "// The generator found no other difference between the two on any code point.",
        "",
        f"static_assert(UTF8PROC_VERSION_MAJOR == {major} && UTF8PROC_VERSION_MINOR == {minor} &&",
        f"                  UTF8PROC_VERSION_PATCH == {patch},",
        '              "unicode14_table.inc is for another utf8proc: rerun core/tools/generate_unicode14_table.py");',
        "",
        "constexpr CodePointRange unassigned_in_unicode14_ranges[] = {",
    ]
    lines += [f"    {{0x{first:05X}, 0x{last:05X}}}," for first, last in ranges(new_code_points)]
    lines += ["};", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args()

    if unicodedata.unidata_version != EXPECTED_PYTHON_UNICODE:
        sys.exit(f"Python's unicodedata is {unicodedata.unidata_version}, the reference pins {EXPECTED_PYTHON_UNICODE}")
    utf8proc = Utf8proc()

    new_code_points: list[int] = []
    differences: list[str] = []
    for code_point in range(CODE_POINT_COUNT):
        if code_point in SURROGATES:
            continue
        if unicodedata.category(chr(code_point)) != "Cn":
            found = list(assigned_code_point_differences(utf8proc, code_point))
        elif utf8proc.category(code_point) != "Cn":
            new_code_points.append(code_point)
            found = [new] if (new := new_composition(utf8proc, code_point)) else []
        else:
            found = list(unassigned_code_point_differences(utf8proc, code_point))
        differences += (f"U+{code_point:04X}: {difference}" for difference in found)

    if differences:
        print("\n".join(differences), file=sys.stderr)
        sys.exit(f"{len(differences)} differences the table cannot express: extend core/src/text/unicode14.cpp")

    text = render(utf8proc, new_code_points)
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is out of date: rerun {Path(__file__).name} without --check")
        print(f"{OUTPUT.name} is up to date ({len(new_code_points)} code points)")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(new_code_points)} code points in {len(ranges(new_code_points))} ranges)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
