"""The customer import service: CSV upload, validation, jobs in SQLite, and row matching."""

from __future__ import annotations

import pkgutil

__version__ = "0.1.0"

# The compiled module importer._native is built outside the source tree (<build>/python/importer/);
# with <build>/python on sys.path, this makes it part of the package. An installed wheel has it here.
__path__ = pkgutil.extend_path(__path__, __name__)
