"""The kill switch: force switches to the reference, from the environment or a file re-read at runtime.

Environment (`PARITY_KILL_SWITCH`, read on every call):
    unset, "", 0, false, no, off      nothing killed
    1, true, yes, on, all, *          every switch killed
    importer.match,other.switch       the switches named (comma or space separated)

File (path given to `KillSwitch`, or `$PARITY_KILL_SWITCH_FILE`), JSON, re-read when it changes
(checked with one `stat` at most every `check_interval_s`, so a call costs a clock read):
    {"kill": true}                    every switch killed ({"kill": false}: none)
    {"kill": ["importer.match"]}      the switches named
    an empty file                     every switch killed (`touch` it to kill, delete it to resume)
    no file                           nothing killed: the file is opt-in
    anything else                     every switch killed, and an error logged once per change

Unreadable or malformed content kills: the reference is the implementation known to be right, so
a kill switch that cannot be read must fail towards it. Replace the file atomically (write a temp
file, rename it) so a reader never sees half of it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

KILL_SWITCH_ENV: Final = "PARITY_KILL_SWITCH"
KILL_SWITCH_FILE_ENV: Final = "PARITY_KILL_SWITCH_FILE"
DEFAULT_CHECK_INTERVAL_S: Final = 1.0
LOGGER_NAME: Final = "parity.switch"

_OFF: Final = frozenset({"", "0", "false", "no", "off"})
_ALL: Final = frozenset({"1", "true", "yes", "on", "all", "*"})


class _Killed:
    """What one source says: everything killed, or the set of killed switch names."""

    __slots__ = ("all", "names")

    def __init__(self, all_: bool = False, names: frozenset[str] = frozenset()) -> None:
        self.all = all_
        self.names = names

    def covers(self, name: str) -> bool:
        return self.all or name in self.names


_NOTHING: Final = _Killed()
_EVERYTHING: Final = _Killed(all_=True)
_FileSignature = tuple[int, int, int, int]


class KillSwitch:
    """Answers "is switch NAME killed?"; thread-safe and cheap enough to ask on every call."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        env_var: str = KILL_SWITCH_ENV,
        environ: Mapping[str, str] | None = None,
        check_interval_s: float = DEFAULT_CHECK_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        logger: logging.Logger | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self._env_var = env_var
        self._environ = environ if environ is not None else os.environ
        self._interval = check_interval_s
        self._clock = clock
        self._log = logger or logging.getLogger(LOGGER_NAME)
        self._lock = threading.Lock()
        self._checked_at: float | None = None
        self._signature: _FileSignature | None = None
        self._from_file = _NOTHING

    @classmethod
    def from_env(cls, **kwargs: Any) -> KillSwitch:
        """The environment variable, plus the file named by `$PARITY_KILL_SWITCH_FILE` if set."""
        path = os.environ.get(KILL_SWITCH_FILE_ENV) or None
        return cls(path, **kwargs)

    def killed(self, name: str) -> bool:
        """True when switch `name` must use the reference only."""
        return self.reason(name) is not None

    def reason(self, name: str) -> str | None:
        """Why `name` is killed (for logs), or None."""
        if _parse_env(self._environ.get(self._env_var, "")).covers(name):
            return f"${self._env_var}"
        if self.path is not None and self._file_state().covers(name):
            return str(self.path)
        return None

    def _file_state(self) -> _Killed:
        now = self._clock()
        with self._lock:
            if self._checked_at is not None and now - self._checked_at < self._interval:
                return self._from_file
            self._checked_at = now
            assert self.path is not None
            try:
                info = os.stat(self.path)
            except FileNotFoundError:
                self._signature, self._from_file = None, _NOTHING
                return self._from_file
            except OSError as exc:
                return self._fail(None, f"cannot stat kill-switch file: {exc}")
            signature = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
            if signature == self._signature:
                return self._from_file
            self._signature = signature
            try:
                text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                return self._fail(signature, f"cannot read kill-switch file: {exc}")
            try:
                self._from_file = _parse_file(text)
            except ValueError as exc:
                return self._fail(signature, f"invalid kill-switch file, every switch killed: {exc}")
            self._log.info("kill-switch file read", extra={"path": str(self.path),
                                                           "killed": _describe(self._from_file)})
            return self._from_file

    def _fail(self, signature: _FileSignature | None, message: str) -> _Killed:
        """Called with the lock held: kill everything; log once per file version (every check if unknown)."""
        self._signature = signature
        self._from_file = _EVERYTHING
        self._log.error(message, extra={"path": str(self.path)})
        return self._from_file


def _parse_env(value: str) -> _Killed:
    text = value.strip()
    if text.lower() in _OFF:
        return _NOTHING
    if text.lower() in _ALL:
        return _EVERYTHING
    return _Killed(names=frozenset(part for part in text.replace(",", " ").split() if part))


def _parse_file(text: str) -> _Killed:
    if not text.strip():
        return _EVERYTHING
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(obj, dict) or "kill" not in obj:
        raise ValueError('expected a JSON object with a "kill" field')
    kill = obj["kill"]
    if isinstance(kill, bool):
        return _EVERYTHING if kill else _NOTHING
    if isinstance(kill, list) and all(isinstance(name, str) for name in kill):
        return _Killed(names=frozenset(kill))
    raise ValueError('"kill" must be true, false or a list of switch names')


def _describe(state: _Killed) -> str:
    return "all" if state.all else ",".join(sorted(state.names)) or "none"


__all__ = ["DEFAULT_CHECK_INTERVAL_S", "KILL_SWITCH_ENV", "KILL_SWITCH_FILE_ENV", "KillSwitch"]
