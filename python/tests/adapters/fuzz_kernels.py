"""A small kernel with planted port bugs, for the tests of `parity fuzz` and `parity shrink`.

`run(context, {"records": [{"name": str, "age": int}, ...]})` returns, per record,
`{"key": name.casefold(), "adult": age >= 18, "letters": number of alphabetic characters}`; a name that is
not a str or an age that is not an int raises TypeError with the message below. Each `*_bug` adapter
differs from `reference` in one way the corpus of the tests never shows:

- `lower_bug`: str.lower() for casefold() — differs on ß, ẞ, final sigma, the Kelvin sign…;
- `adult_bug`: `age > 18` — differs only at exactly 18;
- `abort_bug`: the process aborts (as a segfaulting port would) on an age of 2^31 or more;
- `message_bug`: another TypeError message for a wrong-typed age;
- `reference_with_domain`: the reference, declaring wrong-typed ages outside its domain.
"""

from __future__ import annotations

import os
from typing import Any


class Kernel:
    def __init__(self, bug: str = "") -> None:
        self.bug = bug

    def setup(self, fixtures: dict[str, Any]) -> None:
        return None

    def run(self, context: None, request: dict[str, Any]) -> list[dict[str, Any]]:
        results = []
        for record in request["records"]:
            name, age = record["name"], record["age"]
            if not isinstance(name, str):
                raise TypeError(f"name: expected str, got {type(name).__name__}")
            if not isinstance(age, int) or isinstance(age, bool):
                if self.bug == "message":
                    raise TypeError("age must be an integer")
                raise TypeError(f"age: expected int, got {type(age).__name__}")
            if self.bug == "abort" and age >= 2**31:
                os.abort()
            key = name.lower() if self.bug == "lower" else name.casefold()
            adult = age > 18 if self.bug == "adult" else age >= 18
            results.append({"key": key, "adult": adult, "letters": sum(c.isalpha() for c in name)})
        return results


class DomainKernel(Kernel):
    def domain(self, context: None, request: dict[str, Any]) -> str | None:
        records = request.get("records") if isinstance(request, dict) else None
        for record in records if isinstance(records, list) else []:
            age = record.get("age") if isinstance(record, dict) else 0
            if not isinstance(age, int) or isinstance(age, bool):
                return "ages are ints: the service validates them before the kernel"
        return None


reference = Kernel()
lower_bug = Kernel("lower")
adult_bug = Kernel("adult")
abort_bug = Kernel("abort")
message_bug = Kernel("message")
reference_with_domain = DomainKernel()
