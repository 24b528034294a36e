"""The native (C++) scoring kernel, re-exported from the private ``scoring._native``.

The compiled module is built by CMake into ``<build>/python/scoring/`` (on ``sys.path`` the package picks it
up, see ``scoring/__init__.py``) or shipped inside the wheel. Importing this module raises ImportError when
it is not built: callers that can do without it import it lazily.

    from scoring.native import Scorer
    Scorer(model).score(profile, history, transactions)   # same results and errors as scoring.kernel.Scorer
"""

from __future__ import annotations

from scoring._native import FEATURES, Scorer

__all__ = ["FEATURES", "Scorer"]
