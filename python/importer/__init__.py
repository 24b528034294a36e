"""The customer import service: CSV upload, validation, jobs in SQLite, and row matching."""

from __future__ import annotations

__version__ = "0.1.0"
