"""The core's regular expressions, compiled once per Python rather than at every start.

`re` compiles a pattern in Python code, and a character class holding Chinese characters is its slow
case (it builds a 64K-entry map and folds it): the core's 40-odd patterns took about 20 ms of each
`gouji` start and each window launch, about half of importing the core. What `re` compiles them to is
kept, like bytecode, in `__pycache__/` beside this file, keyed by the interpreter's exact version and
its regex engine's version; a later start hands that straight to the engine. Whatever does not match
(another Python, a pattern changed since, an unreadable or corrupt file) is compiled as usual, and
the file is written again when a start compiled something new. The result is the same Pattern:
`re` compares patterns by their compiled code, and a test checks that every kept one is equal.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys

try:
    import _sre
    from re import _compiler, _parser
    # The whole version, not only the cache tag: a bug-fix release may change what re compiles to.
    _KEY = (sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE)
except (ImportError, AttributeError):        # another implementation: plain re.compile
    _KEY = None

__all__ = ["compile"]

_FILE = os.path.join(os.path.dirname(__file__), "__pycache__", f"gouji-regex.{_KEY and _KEY[0]}.marshal")
_kept: dict[tuple[str, int], tuple] = {}
_new: dict[tuple[str, int], tuple] = {}
_used: set = set()
# Past this many (patterns edited, or an upgrade over an install), keep only what this start used: a check
# uses about 130 and the window a few more, and loading 230, a hundred of them stale, cost 6 M instructions a
# start (1 % of a 200-report batch).
_MAX_KEPT = 200


def _load() -> None:
    if _KEY is None:
        return
    try:
        with open(_FILE, "rb") as f:
            key, table = marshal.loads(f.read())      # (marshal.load(f) reads it in tiny pieces: 20x slower)
        if key == _KEY and isinstance(table, dict):
            _kept.update(table)
    except (OSError, ValueError, EOFError, TypeError):
        pass


def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), from the kept compiled form when there is one."""
    flags = int(flags)
    key = (pattern, flags)
    args = _kept.get(key)
    if args is not None:
        try:
            compiled = _sre.compile(pattern, *args)
        except Exception:       # noqa: BLE001 - a damaged entry: compile it afresh
            pass
        else:
            _used.add(key)
            return compiled
    if _KEY is None:
        return re.compile(pattern, flags)
    try:
        args = _compiled(pattern, flags)
    except re.error:
        raise
    except Exception:           # noqa: BLE001 - re's internals moved: do without the cache
        return re.compile(pattern, flags)
    if not _new:
        atexit.register(_save)
    _new[key] = args
    return _sre.compile(pattern, *args)


def _compiled(pattern, flags) -> tuple:
    """What re._compiler.compile hands the engine, besides the pattern itself."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # (the code holds named int constants: plain ints are what the engine takes and marshal can keep)
    return int(flags | p.state.flags), list(map(int, code)), p.state.groups - 1, dict(groupindex), tuple(indexgroup)


def _save() -> None:
    if sys.dont_write_bytecode:
        return
    table = {**_kept, **_new}
    if len(table) > _MAX_KEPT:
        table = {k: v for k, v in table.items() if k in _used or k in _new}
    tmp = f"{_FILE}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(_FILE), exist_ok=True)
        with open(tmp, "wb") as f:
            marshal.dump((_KEY, table), f)
        os.replace(tmp, _FILE)
    except (OSError, ValueError):       # a read-only install: compile at each start, as before
        try:
            os.unlink(tmp)
        except OSError:
            pass


_load()
