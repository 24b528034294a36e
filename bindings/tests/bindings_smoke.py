"""Smoke test of the built importer._native module, run by ctest with PYTHONPATH=<build>/python.

Not a pytest module on purpose: it checks the build itself, so it runs whatever the state of
python/tests, and fails loudly if the module cannot be imported.
"""

from __future__ import annotations

from importer import _native


def main() -> None:
    assert round(_native.jaro_winkler(s1="martha", s2="marhta"), 3) == 0.961
    # Python str is scored by code point: one edit, not two bytes.
    assert _native.levenshtein("José", "Jose") == 1
    assert _native.token_sort_ratio("fuzzy wuzzy was a bear", "wuzzy fuzzy was a bear") == 1.0
    exported = {
        "jaro",
        "jaro_winkler",
        "levenshtein",
        "levenshtein_ratio",
        "indel_distance",
        "indel_ratio",
        "token_sort_ratio",
        "token_set_ratio",
    }
    missing = exported - set(dir(_native))
    assert not missing, f"_native lacks {sorted(missing)}"
    print(f"bindings_smoke: {_native.__file__} OK")


if __name__ == "__main__":
    main()
