"""A handler that spends its time in C functions: ``zlib.compress`` of a large buffer (releases the GIL)."""

from __future__ import annotations

import os
import zlib
from typing import Any, Final

BUFFER_BYTES: Final = 1_500_000


class NativeCallHandler:
    def setup(self, fixtures: dict[str, Any]) -> bytes:
        return os.urandom(BUFFER_BYTES // 4) * 4

    def run(self, context: bytes, request: Any) -> int:
        return len(zlib.compress(context, 6))


handler = NativeCallHandler()
