"""Work around PySide6 6.12 on CPython < 3.12: void and bool Qt methods leak references to None/True/False.

Measured here: `QWidget.update()` lowers sys.getrefcount(None) by one per call, so a window that paints
for a few minutes drives None's count to zero and the interpreter aborts ("none_dealloc"). CPython 3.12
made None immortal, which is what the bindings now assume; we do the same on older interpreters by
giving None a reference count it can never spend. Only applied when the leak is actually observed.
"""

from __future__ import annotations

import sys

__all__ = ["guard_none_refcount", "void_call_leaks"]

_GUARD = 1 << 40
_applied = False


def void_call_leaks() -> bool:
    from PySide6.QtCore import QObject
    obj = QObject()
    before = sys.getrefcount(None), sys.getrefcount(False)
    for _ in range(50):
        obj.setObjectName("probe")
        obj.signalsBlocked()
    return sys.getrefcount(None) <= before[0] - 25 or sys.getrefcount(False) <= before[1] - 25


def guard_none_refcount() -> bool:
    """Make None effectively immortal when the bindings leak it; returns True when applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if not void_call_leaks():
        return False
    import ctypes                      # here, not at the top: 4 ms of every launch that needs no guard
    for singleton in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(singleton))   # ob_refcnt is the first field of every object
        refcnt.value += _GUARD
    _applied = True
    return True
