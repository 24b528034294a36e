"""Remove or pseudonymise personal data before a recorded call or fixture touches disk.

Rules map a pattern to an action:

* a bare field name (`email`) matches that key in any object at any depth;
* a dotted path from the record root (`input.rows.*.email`) matches exactly there, `*` standing for
  any key or list index. Requests are redacted as `{"input": …, "output": …}` (or `"error"`
  instead of `"output"`), fixtures as `{"fixture": content}`.

`drop` removes the key (or list element); `hash` replaces the value with
`"hash:" + HMAC-SHA256(salt, value)[:16 hex]`. Hashing is deterministic for a given salt, so two
fields that were equal stay equal: a matcher that pairs an import row with a customer by exact
email still pairs them in replay, and both implementations see the same pseudonyms.

Example:
    redaction = Redaction.parse(["email=hash", "input.rows.*.phone=drop"], salt="s3cret")
    safe = redaction.apply({"input": {"rows": [{"email": "a@b.c", "phone": "1"}]}})
    # {"input": {"rows": [{"email": "hash:…"}]}}
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from parity.corpus import canonical_json

DROP: Final = "drop"
HASH: Final = "hash"
ACTIONS: Final = (DROP, HASH)
HASH_PREFIX: Final = "hash:"
HASH_HEX_DIGITS: Final = 16
WILDCARD: Final = "*"


@dataclass(frozen=True)
class _PathRule:
    parts: tuple[str, ...]
    action: str


# A path rule partly matched on the way down: the rule and how many of its parts are matched.
_Live = tuple[tuple[_PathRule, int], ...]


class Redaction:
    """A set of redaction rules plus the salt for `hash`; immutable and thread-safe."""

    def __init__(self, rules: Mapping[str, str], salt: str = "") -> None:
        self._rules = dict(rules)
        self._key = salt.encode("utf-8")
        self._names: dict[str, str] = {}
        paths: list[_PathRule] = []
        for pattern, action in self._rules.items():
            if action not in ACTIONS:
                raise ValueError(f"redaction rule {pattern}={action}: unknown action {action!r} (drop, hash)")
            parts = tuple(pattern.split("."))
            if not pattern or any(not part for part in parts):
                raise ValueError(f"redaction rule {pattern}={action}: empty field name in pattern")
            if len(parts) == 1 and pattern != WILDCARD:
                self._names[pattern] = action
            else:
                paths.append(_PathRule(parts, action))
        self._paths: _Live = tuple((rule, 0) for rule in paths)

    @classmethod
    def parse(cls, rules: Iterable[str], salt: str = "") -> Redaction:
        """Build from CLI strings such as `email=hash` or `input.rows.*.phone=drop`."""
        parsed: dict[str, str] = {}
        for rule in rules:
            pattern, sep, action = rule.rpartition("=")
            if not sep or not pattern:
                raise ValueError(f"redaction rule {rule!r}: expected PATTERN=ACTION")
            parsed[pattern.strip()] = action.strip()
        return cls(parsed, salt)

    @property
    def rules(self) -> dict[str, str]:
        """Pattern → action, as stored in the manifest (the salt is never stored)."""
        return dict(self._rules)

    def __bool__(self) -> bool:
        return bool(self._rules)

    def hash_value(self, value: Any) -> Any:
        """The pseudonym for one value; None stays None so optional fields stay optional."""
        if value is None:
            return None
        data = value.encode("utf-8") if isinstance(value, str) else canonical_json(value)
        digest = hmac.new(self._key, data, hashlib.sha256).hexdigest()
        return HASH_PREFIX + digest[:HASH_HEX_DIGITS]

    def apply(self, record: Any) -> Any:
        """A redacted copy of `record`; unchanged subtrees are shared, the input is never mutated."""
        if not self._rules:
            return record
        return self._walk(record, self._paths)

    def _walk(self, node: Any, live: _Live) -> Any:
        if isinstance(node, Mapping):
            return self._walk_object(node, live)
        if isinstance(node, (list, tuple)):
            return self._walk_array(node, live)
        return node

    def _walk_object(self, node: Mapping[Any, Any], live: _Live) -> Any:
        if not live and not self._names:
            return node
        result: dict[Any, Any] = {}
        changed = False
        for key, child in node.items():
            action, below = self._match(str(key), live, self._names.get(str(key)))
            new_child = self._act(action, child, below)
            if new_child is _DROPPED:
                changed = True
                continue
            changed = changed or new_child is not child
            result[key] = new_child
        return result if changed else node

    def _walk_array(self, node: list[Any] | tuple[Any, ...], live: _Live) -> Any:
        if not live and not self._names:
            return node
        result: list[Any] = []
        changed = False
        for index, child in enumerate(node):
            action, below = self._match(str(index), live, None)
            new_child = self._act(action, child, below)
            if new_child is _DROPPED:
                changed = True
                continue
            changed = changed or new_child is not child
            result.append(new_child)
        return result if changed else node

    @staticmethod
    def _match(key: str, live: _Live, action: str | None) -> tuple[str | None, _Live]:
        """Advance the live path rules by one key: the action that applies here and the rules below."""
        below: list[tuple[_PathRule, int]] = []
        for rule, matched in live:
            part = rule.parts[matched]
            if part != WILDCARD and part != key:
                continue
            if matched + 1 == len(rule.parts):
                action = DROP if DROP in (action, rule.action) else rule.action
            else:
                below.append((rule, matched + 1))
        return action, tuple(below)

    def _act(self, action: str | None, child: Any, below: _Live) -> Any:
        if action == DROP:
            return _DROPPED
        if action == HASH:
            return self.hash_value(child)
        return self._walk(child, below)


_DROPPED: Final = object()
