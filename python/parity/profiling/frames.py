"""Python stacks as the sampler records them, and the native call a frame is waiting on.

A sample is a tuple of `FrameKey`s, outermost first. When the innermost frame stands on a ``CALL``
instruction, the callee is not Python code (a Python callee would have its own frame on top): the thread
is inside a C function, or has just returned from one. `native_frame` names that function from the
bytecode (``LOAD_ATTR``/``LOAD_METHOD``/``LOAD_GLOBAL`` feeding the call), resolved through the frame's
globals, locals and module attributes without running any code (no properties, no ``__getattr__``), e.g.
``[native] Matcher.match`` or ``[native] time.sleep``.
"""

from __future__ import annotations

import dis
import inspect
import os
import runpy
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, FrameType
from typing import Any, Final

NATIVE_PREFIX: Final = "[native] "
#: Frames of these files are the profiler's own or runpy's plumbing: cut from every stack.
_HIDDEN_DIRS: Final = (str(Path(__file__).resolve().parent) + os.sep,)
_HIDDEN_FILES: Final = frozenset({"<frozen runpy>", runpy.__file__})
#: Longest attribute chain named in a native frame (``self.backend.matcher.match``).
_MAX_CHAIN: Final = 4
#: Instructions with no effect on the value stack, skipped when walking back from a call.
_NO_STACK_EFFECT: Final = frozenset({"KW_NAMES", "NOP", "CACHE", "EXTENDED_ARG", "RESUME", "PRECALL"})
_NAMING_LOADS: Final = frozenset({"LOAD_ATTR", "LOAD_METHOD", "LOAD_GLOBAL", "LOAD_NAME", "LOAD_FAST",
                                  "LOAD_DEREF", "LOAD_CLASSDEREF"})


@dataclass(frozen=True, slots=True)
class FrameKey:
    """One stack entry: a function (file, module, qualified name, first line) and the line it was on."""

    file: str
    module: str
    qualname: str
    first_line: int
    line: int

    @property
    def is_native(self) -> bool:
        return self.qualname.startswith(NATIVE_PREFIX)


Stack = tuple[FrameKey, ...]


def capture(frame: FrameType | None, *, native: bool = True) -> Stack:
    """The stack ending at ``frame`` (outermost first), profiler and runpy frames removed, plus (with
    ``native``) the ``[native] …`` pseudo-frame when the innermost frame stands on a C call."""
    keys: list[FrameKey] = []
    innermost = None
    while frame is not None:
        code = frame.f_code
        if not _hidden(code.co_filename):
            if innermost is None:
                innermost = frame
            module = frame.f_globals.get("__name__") or module_name(code.co_filename)
            keys.append(FrameKey(code.co_filename, module, code.co_qualname, code.co_firstlineno, frame.f_lineno or 0))
        frame = frame.f_back
    keys.reverse()
    if native and innermost is not None and (pseudo := native_frame(innermost)) is not None:
        keys.append(pseudo)
    return tuple(keys)


def native_frame(frame: FrameType) -> FrameKey | None:
    """The pseudo-frame of the C function ``frame`` is calling (or just returned from), else None."""
    chain = _call_chain(frame.f_code, frame.f_lasti)
    if chain is None:
        return None
    name = _resolve(frame, chain) or ".".join(chain)
    return FrameKey("<native>", "", NATIVE_PREFIX + name, 0, 0)


def stands_on_call(frame: FrameType) -> bool:
    """True when the frame's current instruction is a call of something `native_frame` can name."""
    return _call_chain(frame.f_code, frame.f_lasti) is not None


def _hidden(file: str) -> bool:
    return file in _HIDDEN_FILES or file.startswith(_HIDDEN_DIRS)


_instructions: dict[CodeType, dict[int, int]] = {}
_instruction_lists: dict[CodeType, list[dis.Instruction]] = {}
_chains: dict[tuple[CodeType, int], tuple[str, ...] | None] = {}


def _call_chain(code: CodeType, offset: int) -> tuple[str, ...] | None:
    """The names the called object was loaded through (``("self", "matcher", "match")``), cached per
    (code, offset): None when the instruction there is not a call or the callable cannot be named."""
    key = (code, offset)
    if key not in _chains:
        _chains[key] = _find_chain(code, offset)
    return _chains[key]


def _find_chain(code: CodeType, offset: int) -> tuple[str, ...] | None:
    if code not in _instruction_lists:
        listing = list(dis.get_instructions(code))
        _instruction_lists[code] = listing
        _instructions[code] = {instruction.offset: index for index, instruction in enumerate(listing)}
    listing, index = _instruction_lists[code], _instructions[code].get(offset)
    # Specialised PRECALLs (builtins, method descriptors) make the call themselves, so a thread can be
    # inside a C function with its frame on the PRECALL.
    if index is None or listing[index].opname not in ("CALL", "PRECALL", "CALL_FUNCTION_EX"):
        return None
    argc = 1 if listing[index].opname == "CALL_FUNCTION_EX" else listing[index].arg or 0
    loader = _producer(listing, index - 1, depth=argc)
    chain: list[str] = []
    while loader is not None and len(chain) < _MAX_CHAIN:
        instruction = listing[loader]
        if instruction.opname not in _NAMING_LOADS:
            break
        chain.append(str(instruction.argval))
        if instruction.opname not in ("LOAD_ATTR", "LOAD_METHOD"):
            break
        loader = _producer(listing, loader - 1, depth=0)  # the object the attribute was read from
    return tuple(reversed(chain)) or None


def _producer(listing: list[dis.Instruction], index: int, *, depth: int) -> int | None:
    """Index of the instruction that pushed the value ``depth`` places below the top of the stack as it
    is after ``listing[index]``; straight-line code only (a jump in between gives up)."""
    while index >= 0:
        instruction = listing[index]
        if instruction.opname in _NO_STACK_EFFECT:
            index -= 1
            continue
        if instruction.is_jump_target or "JUMP" in instruction.opname:
            return None
        pops, pushes = _stack_use(instruction)
        if depth < pushes:
            return index
        depth += pops - pushes
        index -= 1
    return None


def _stack_use(instruction: dis.Instruction) -> tuple[int, int]:
    """(values popped, values pushed); an unknown instruction is taken to produce one value."""
    if instruction.opname == "LOAD_METHOD":
        return 1, 2
    if instruction.opname == "LOAD_GLOBAL":
        return 0, 1 + (instruction.arg or 0) % 2  # low bit: a NULL is pushed below the global
    if instruction.opname == "PUSH_NULL":
        return 0, 1
    if instruction.opname == "CALL":
        return (instruction.arg or 0) + 2, 1
    try:
        net = dis.stack_effect(instruction.opcode, instruction.arg, jump=False)
    except ValueError:
        net = 0
    return max(0, 1 - net), 1


def _resolve(frame: FrameType, chain: tuple[str, ...]) -> str | None:
    """``type.method`` or ``module.function`` of the called object, found without running user code."""
    root, *attributes = chain
    found, value = _lookup_root(frame, root)
    if not found:
        return None
    receiver = None
    for name in attributes:
        try:
            receiver, value = value, inspect.getattr_static(value, name)
        except AttributeError:
            return None
    if receiver is None or isinstance(receiver, type | types.ModuleType) or isinstance(value, types.FunctionType):
        return _callable_name(value)
    # A method read from an instance: named by the instance's type (pybind11's own names say "PyCapsule").
    return f"{type(receiver).__qualname__}.{attributes[-1]}"


def _lookup_root(frame: FrameType, name: str) -> tuple[bool, Any]:
    code = frame.f_code
    if name in code.co_varnames or name in code.co_cellvars or name in code.co_freevars:
        namespace = frame.f_locals  # a snapshot of the fast locals, as locals() gives
        return (True, namespace[name]) if name in namespace else (False, None)
    for namespace in (frame.f_globals, frame.f_builtins):
        if name in namespace:
            return True, namespace[name]
    return False, None


def _callable_name(value: Any) -> str | None:
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    if isinstance(value, type):
        return value.__qualname__
    qualname = getattr(value, "__qualname__", None)
    if not isinstance(qualname, str):
        return None
    if isinstance(value, types.BuiltinFunctionType) and getattr(value, "__self__", None) is not None:
        owner = value.__self__
        if isinstance(owner, types.ModuleType):
            return f"{owner.__name__}.{qualname}"
    return qualname


_modules: dict[str, str] = {}


def function_name(key: FrameKey) -> str:
    """The name reports show: ``importer.matching.matcher.Matcher.match``, or ``[native] time.sleep``."""
    if key.is_native:
        return key.qualname
    return f"{key.module}.{key.qualname}"


def module_name(file: str) -> str:
    """The dotted module a file is imported as, guessed from the longest ``sys.path`` entry holding it
    (for frames without ``__name__`` in their globals); ``<frozen …>`` and other pseudo-files are kept."""
    if file in _modules:
        return _modules[file]
    name = file
    if not file.startswith("<"):
        path = Path(file).resolve()
        roots = [Path(entry or ".").resolve() for entry in sys.path]
        best = max((root for root in roots if _is_within(path, root)), key=lambda root: len(root.parts), default=None)
        relative = path.relative_to(best) if best is not None else Path(path.name)
        parts = list(relative.with_suffix("").parts)
        if parts and parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts) or path.stem
    _modules[file] = name
    return name


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True
