"""Planted ports: each behaves like the real port except for one bug the bundled corpora do not trigger.

`parity fuzz` must find every one of them (issue 20); `parity replay` of the bundled corpora with one of them
as the candidate passes the gate (python/tests/test_planted_ports.py). Each module's docstring says what
its bug is, which mutation of a recorded input reaches it, and a minimal input that triggers it. They are
test material, not product code: `--candidate tests.planted.<name>:adapter` with python/ on the workers'
path.
"""
