"""The `cython` names the core's hot loops use, for the core run as plain Python: there they mean nothing.

tools/build_compiled.py compiles the core with Cython, which reads `@cython.locals(...)` above a hot function
and gives those locals C types (an index as a C integer, a line as a `str` whose length and characters are read
directly, a list appended to without a method look-up). The compiled results are the same byte for byte; a
test compares them. Plain Python (the window, the bundle, a machine without Cython) must not import Cython's
own `cython` module: that costs 25 ms of every start, and the bundle has no Cython. So a module that uses it
starts with

    try:
        plain_python(globals())     # binds `cython` to the stand-in below, then raises ImportError
        import cython               # read by Cython's compiler only (it must see this import, unconditionally)
    except ImportError:
        pass

The compiled module runs those lines too (Cython removes the import and reads the decorators when it compiles):
its `cython` is then the stand-in, which nothing reads.
"""

from __future__ import annotations

__all__ = ["plain_python"]


def _unchanged(function):
    return function


class _Cython:
    """The part of Cython's `cython` module the core uses: C types (Python's own at run time), `locals`, `cfunc`,
    `ccall` and `compiled` (False: a branch under `if cython.compiled:` is for the compiled core only)."""

    compiled = False
    Py_ssize_t = int
    Py_UCS4 = str
    bint = bool
    int = int
    longlong = int

    @staticmethod
    def locals(**types):
        return _unchanged

    # A function called from its own module only, as a C function (no Python call): plain Python's function.
    cfunc = staticmethod(_unchanged)
    # A function its own module calls as a C function, and others (and the tests) as a Python one.
    ccall = staticmethod(_unchanged)

    # Indexing without Python's checks for a negative or too large index (the function never makes one); a C
    # function's return type, inlined, its errors unchecked.
    @staticmethod
    def boundscheck(flag):
        return _unchanged

    wraparound = returns = boundscheck
    inline = staticmethod(_unchanged)

    @staticmethod
    def exceptval(value=None, check=True):
        return _unchanged

    @staticmethod
    def declare(ctype, value=None):
        """A C global (`name = cython.declare(cython.longlong, 1 << 62)`): its value in plain Python."""
        return value


_STAND_IN = _Cython()


def plain_python(module_globals: dict) -> None:
    module_globals["cython"] = _STAND_IN
    raise ImportError("cython: the stand-in is in place")
