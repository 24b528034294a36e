"""Parity runtime: switch a hot function between reference and candidate, compare, record corpora."""

from __future__ import annotations

import pkgutil

# The compiled module parity._diff is built outside the source tree (<build>/python/parity/); with
# <build>/python on sys.path this makes it part of the package. An installed wheel has it here.
__path__ = pkgutil.extend_path(__path__, __name__)

__version__ = "0.1.0"
