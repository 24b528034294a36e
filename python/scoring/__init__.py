"""The fraud-scoring service: per-transaction features over an account's history and a logistic model.

The scoring kernel (docs/scoring.md) is `scoring.kernel`, the pure-Python reference; its native port is
`scoring._native`.
"""

from __future__ import annotations

import pkgutil

#: The service's version, recorded in corpora (scoring.recording).
__version__ = "0.1.0"

# The compiled module scoring._native is built outside the source tree (<build>/python/scoring/);
# with <build>/python on sys.path, this makes it part of the package. An installed wheel has it here.
__path__ = pkgutil.extend_path(__path__, __name__)
