"""Planted ports: each behaves like the real port except for one bug the bundled corpora do not trigger.

`parity fuzz` must find every one of them (issue 20); `parity replay` of the bundled corpora with one of them
as the candidate passes the gate (python/tests/test_planted_ports.py). Each module's docstring says what
its bug is, which mutation of a recorded input reaches it, and a minimal input that triggers it:

- importer.match: `turkish_i` (U+0130 folded short in emails), `nfd` (decomposed emails and postcodes left
  decomposed);
- scoring.score: `negative_zero` (−0.0 a refund), `nan` (NaN let through), `off_by_one` (a zero amount a
  refund), `overflow` (ints beyond 64 bits wrapped), `merchants_window` (a merchant exactly 24 h old
  counted; one path in a few hundred of ten requests reaches it, so it is the hard one).

They are test material, not product code: `--candidate tests.planted.<name>:adapter` with python/ on the
workers' path.
"""
