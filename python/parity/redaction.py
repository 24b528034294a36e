"""Remove or pseudonymise personal data before a recorded call or fixture touches disk.

A rule maps a dotted path from the record root to an action. Requests are redacted as the record
`{"input": …, "output": …}` (or `"error"` instead of `"output"`), fixtures as `{"fixture": content}`;
`*` stands for any key or list index: `input.rows.*.email`, `fixture.customers.*.phone`,
`output.*.note`.

The service declares a `RedactionScope`: where its **data fields** sit (`input.rows.*`,
`fixture.customers.*`) and which paths its kernel needs to replay (the config, a fixture reference).
A bare field name (`email`) means that field in every data root, never a config value or an output
by accident; without declared data roots a bare name is refused. A rule that would touch a protected
path is refused when the `Redaction` is built, naming the rule. `rules` holds the expanded full-path
rules: the manifest stores them, and replay reads them to know which output paths cannot be compared.

`drop` removes the key (or list element); `hash` replaces the value with
`"hash:" + HMAC-SHA256(salt, value)[:16 hex]`: a string stays a string, equal values stay equal, so
a matcher that pairs an import row with a customer by exact email still pairs them in replay. Where
the service declares a field's canonical form (the matcher compares emails case-folded), a string is
hashed in that form, so values the kernel treats as equal get one pseudonym. A hash rule needs a
secret salt: without one anyone could recompute the pseudonyms.

Example:
    scope = RedactionScope(data=("input.rows.*", "fixture.customers.*"), protected=("input.config",))
    redaction = Redaction.parse(["email=hash", "input.rows.*.phone=drop"], salt="s3cret", scope=scope)
    redaction.rules   # {"input.rows.*.email": "hash", "fixture.customers.*.email": "hash",
                      #  "input.rows.*.phone": "drop"}
    safe = redaction.apply({"input": {"rows": [{"email": "a@b.c", "phone": "1"}]}})
    # {"input": {"rows": [{"email": "hash:…"}]}}
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from parity.corpus import canonical_json

DROP: Final = "drop"
HASH: Final = "hash"
ACTIONS: Final = (DROP, HASH)
HASH_PREFIX: Final = "hash:"
HASH_HEX_DIGITS: Final = 16
WILDCARD: Final = "*"
#: The keys of the records rules are applied to; every path starts with one of them (or `*`).
ROOTS: Final = ("input", "output", "error", "fixture")
#: What a request line must keep to stay a valid line: dropping these would lose the whole record.
_FORMAT_REQUIRED: Final = ("input", "output", "error", "fixture", "error.type", "error.message")


@dataclass(frozen=True)
class RedactionScope:
    """What a service declares about its records so that rules cannot hit what replay needs.

    `data`: paths of the objects holding the data fields (`input.rows.*`); a bare rule name is one
    field of each. `protected`: paths the kernel needs to replay (config, fixture references); no
    rule may touch them, nor anything above or below them. `drop_only`: values the kernel parses
    (a birth date): a pseudonym would make it raise, so only `drop` may touch them. `canonical`:
    field name → the form the kernel compares that field in (`str.casefold`); `hash` hashes a
    string field in that form (None stays None), and the kernel reads a pseudonym as already canonical.
    """

    data: tuple[str, ...] = ()
    protected: tuple[str, ...] = ()
    drop_only: tuple[str, ...] = ()
    canonical: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class _PathRule:
    parts: tuple[str, ...]
    action: str
    canonical: Callable[[str], str | None] | None = None


# A path rule partly matched on the way down: the rule and how many of its parts are matched.
_Live = tuple[tuple[_PathRule, int], ...]


def parse_rule(text: str) -> tuple[str, str]:
    """`PATTERN=ACTION` → (pattern, action), checking the syntax only; ValueError naming the rule."""
    pattern, sep, action = text.rpartition("=")
    pattern, action = pattern.strip(), action.strip()
    if not sep or not pattern:
        raise ValueError(f"redaction rule {text!r}: expected PATTERN=ACTION")
    if action not in ACTIONS:
        raise ValueError(f"redaction rule {pattern}={action}: unknown action {action!r} (drop, hash)")
    if any(not part for part in pattern.split(".")):
        raise ValueError(f"redaction rule {pattern}={action}: empty field name in pattern")
    return pattern, action


def paths_overlap(first: str, second: str) -> bool:
    """True when one pattern addresses a value at, above or below a value the other addresses."""
    return all(a == b or WILDCARD in (a, b) for a, b in zip(first.split("."), second.split(".")))


class Redaction:
    """A set of redaction rules plus the salt for `hash`; immutable and thread-safe."""

    def __init__(self, rules: Mapping[str, str], salt: str = "", scope: RedactionScope | None = None) -> None:
        """ValueError naming the rule for a bad action, a bare name without data roots, a protected path,
        or a `hash` rule without a salt."""
        scope = scope or RedactionScope()
        expanded: dict[str, str] = {}
        for pattern, action in rules.items():
            parse_rule(f"{pattern}={action}")
            for path in _expand(pattern, action, scope):
                _check_path(pattern, action, path, scope)
                expanded[path] = DROP if DROP in (action, expanded.get(path)) else action
        if HASH in expanded.values() and not salt:
            hashed = ", ".join(f"{pattern}={action}" for pattern, action in rules.items() if action == HASH)
            raise ValueError(f"redaction rule {hashed}: hash needs a secret salt (without one anyone can "
                             f"recompute the pseudonyms)")
        self._rules = expanded
        self._key = salt.encode("utf-8")
        self._paths: _Live = tuple(
            (_PathRule(tuple(path.split(".")), action, scope.canonical.get(path.rsplit(".", 1)[-1])), 0)
            for path, action in expanded.items()
        )

    @classmethod
    def parse(cls, rules: Iterable[str], salt: str = "", scope: RedactionScope | None = None) -> Redaction:
        """Build from CLI strings such as `email=hash` or `input.rows.*.phone=drop`."""
        parsed: dict[str, str] = {}
        for rule in rules:
            pattern, action = parse_rule(rule)
            parsed[pattern] = DROP if DROP in (action, parsed.get(pattern)) else action
        return cls(parsed, salt, scope)

    @property
    def rules(self) -> dict[str, str]:
        """Full path → action, bare names expanded, as stored in the manifest (the salt is never stored)."""
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
        if not live:
            return node
        if isinstance(node, Mapping):
            return self._walk_object(node, live)
        if isinstance(node, (list, tuple)):
            return self._walk_array(node, live)
        return node

    def _walk_object(self, node: Mapping[Any, Any], live: _Live) -> Any:
        result: dict[Any, Any] = {}
        changed = False
        for key, child in node.items():
            new_child = self._act(self._match(str(key), live), child)
            changed = changed or new_child is not child
            if new_child is not _DROPPED:
                result[key] = new_child
        return result if changed else node

    def _walk_array(self, node: list[Any] | tuple[Any, ...], live: _Live) -> Any:
        result: list[Any] = []
        changed = False
        for index, child in enumerate(node):
            new_child = self._act(self._match(str(index), live), child)
            changed = changed or new_child is not child
            if new_child is not _DROPPED:
                result.append(new_child)
        return result if changed else node

    @staticmethod
    def _match(key: str, live: _Live) -> tuple[_PathRule | None, _Live]:
        """Advance the live path rules by one key: the rule that applies here (drop wins) and those below."""
        here: _PathRule | None = None
        below: list[tuple[_PathRule, int]] = []
        for rule, matched in live:
            part = rule.parts[matched]
            if part != WILDCARD and part != key:
                continue
            if matched + 1 == len(rule.parts):
                if here is None or here.action != DROP:
                    here = rule
            else:
                below.append((rule, matched + 1))
        return here, tuple(below)

    def _act(self, matched: tuple[_PathRule | None, _Live], child: Any) -> Any:
        rule, below = matched
        if rule is None:
            return self._walk(child, below)
        if rule.action == DROP:
            return _DROPPED
        if rule.canonical is not None and isinstance(child, str):
            child = rule.canonical(child)
        return self.hash_value(child)


def parse_record_redact(rules: Sequence[str], *, salt: str, salt_env: str,
                        scope: RedactionScope) -> Redaction | None:
    """A recorder's ``--record-redact RULE ...`` options as a Redaction over ``scope``, None without rules.

    ValueError with the message a command prints: ``--record-redact: <what is wrong>``, or, for ``hash`` rules
    without a salt, which rules and the environment variable ``salt_env`` the salt comes from (never the
    command line, where process lists show it; never the corpus)."""
    if not rules:
        return None
    try:
        hashed = [rule for rule in rules if parse_rule(rule)[1] == HASH]
    except ValueError as exc:
        raise ValueError(f"--record-redact: {exc}") from exc
    if hashed and not salt:
        raise ValueError(f"--record-redact {' '.join(hashed)}: hash rules need a secret salt in ${salt_env} (it is "
                         f"never stored in the corpus); without one anyone can recompute the pseudonyms")
    try:
        return Redaction.parse(list(rules), salt=salt, scope=scope)
    except ValueError as exc:
        raise ValueError(f"--record-redact: {exc}") from exc


def _expand(pattern: str, action: str, scope: RedactionScope) -> list[str]:
    """The full paths a pattern stands for: a bare name is that field of every data root."""
    if "." in pattern or pattern in (*ROOTS, WILDCARD):
        return [pattern]
    if not scope.data:
        raise ValueError(f"redaction rule {pattern}={action}: a bare field name needs the data fields the "
                         f"service declares, and none are declared here; write a path such as "
                         f"input.rows.*.{pattern}")
    return [f"{root}.{pattern}" for root in scope.data]


def _check_path(pattern: str, action: str, path: str, scope: RedactionScope) -> None:
    rule = f"redaction rule {pattern}={action}"
    root = path.split(".", 1)[0]
    if root not in (*ROOTS, WILDCARD):
        raise ValueError(f"{rule}: a path starts at {', '.join(ROOTS)} (e.g. input.rows.*.email), not {root!r}")
    for protected in scope.protected:
        if paths_overlap(path, protected):
            raise ValueError(f"{rule}: {path} touches {protected}, which the kernel needs to replay")
    for data_root in scope.data:
        if _at_or_above(path, data_root):
            raise ValueError(f"{rule}: {path} would redact whole records of {data_root}; address their fields "
                             f"({data_root}.FIELD)")
    if action == HASH:
        for parsed in scope.drop_only:
            if paths_overlap(path, parsed):
                raise ValueError(f"{rule}: {path} touches {parsed}, which the kernel parses: a pseudonym would "
                                 f"make it fail; use drop")
    if action == DROP and any(_at_or_above(path, required) for required in _FORMAT_REQUIRED):
        raise ValueError(f"{rule}: dropping {path} would drop a part every recorded line needs; use hash "
                         f"or a path below it")


def _at_or_above(path: str, target: str) -> bool:
    return paths_overlap(path, target) and path.count(".") <= target.count(".")


_DROPPED: Final = object()
