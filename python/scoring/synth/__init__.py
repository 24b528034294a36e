"""Synthetic accounts, histories and requests for the scoring service (``python3 -m scoring synth``)."""
