"""Gouji core: read a 政府信息公开工作年度报告, map its tables onto the official template, check them.

No Qt here (tests/test_architecture.py holds the line).
"""


def _compiled_folder(here=None, environ=None, argv=None):
    """(app/_compiled/, the names of its modules) when the command line's batch commands run (gouji check /
    export) and it holds this interpreter's compiled form of every source as it is now; else None.

    tools/build_compiled.py compiles the core's modules with Cython and stamps, per interpreter
    (STAMP<extension suffix>.txt), each source's size and modification time. Put first on the package's
    path, the folder's modules are imported in place of the .py files. Any changed source, a compiled
    file the stamp does not name, or GOUJI_PURE=1 keeps the whole core pure Python. So does the window:
    compiled code holds the interpreter lock for a whole parse, which would freeze the window while its
    loader thread reads a large file (GOUJI_COMPILED=1 forces the compiled core anywhere).
    """
    import _imp
    import os
    import sys

    environ = os.environ if environ is None else environ
    if environ.get("GOUJI_PURE", "") not in ("", "0"):
        return None
    argv = sys.argv if argv is None else argv
    if environ.get("GOUJI_COMPILED", "") in ("", "0") and argv[1:2] not in (["check"], ["export"]):
        return None
    here = here or os.path.dirname(__file__)
    folder = os.path.join(here, "_compiled")
    suffix = _imp.extension_suffixes()[0]
    try:
        with open(os.path.join(folder, f"STAMP{suffix}.txt"), encoding="ascii") as f:
            words = f.read().split()
        if not words or len(words) % 4:
            return None
        for i in range(0, len(words), 4):
            st = os.stat(os.path.join(here, words[i] + ".py"))
            if st.st_size != int(words[i + 1]) or st.st_mtime_ns != int(words[i + 2]):
                return None
        names = words[::4]
        built = {name[:-len(suffix)] for name in os.listdir(folder) if name.endswith(suffix)}
        if built != set(names):             # one missing, or one no longer compiled (left behind)
            return None
    except (OSError, ValueError):
        return None
    return folder, names


def _use_compiled(folder: str, names: list[str]) -> bool:
    """Import the compiled modules now; one that does not load (a damaged file, another C library, a module built
    against another layout of a C type: Cython's "Cell size changed" ValueError) leaves the whole core pure Python."""
    import sys

    __path__.insert(0, folder)
    try:
        for name in names:
            __import__(f"{__name__}.{name}")
        modules = [sys.modules[f"{__name__}.{name}"] for name in names]
    except (ImportError, ValueError, TypeError):
        __path__.remove(folder)
        for name in names:
            sys.modules.pop(f"{__name__}.{name}", None)
        return False
    return all(m.__file__.startswith(folder) for m in modules)


# Importing the core makes tens of thousands of objects that live as long as the process (templates, patterns,
# functions): the cyclic collector, run every 700 of them, found nothing to free and cost 5 % of a one-file
# check. It is off while they are made, and they are then set aside from later collections (gc.freeze).
import gc as _gc

_collecting = _gc.isenabled()
_gc.disable()
try:
    _compiled = _compiled_folder()
    COMPILED = _compiled is not None and _use_compiled(*_compiled)
    del _compiled

    from ._exceptions import DecodeError, ExportError, GoujiError, NoTableError, ReadError
    from .model import Cell, CheckResult, Finding, Fix, Report
    from .reader import iter_report_files, load_report, load_text
    from .rules import check
    from .template import get_template

    _gc.freeze()
finally:
    if _collecting:
        _gc.enable()
    del _collecting

__version__ = "0.1.0"

__all__ = [
    "load_report", "load_text", "check", "get_template", "iter_report_files",
    "Report", "Cell", "Finding", "Fix", "CheckResult",
    "GoujiError", "ReadError", "DecodeError", "NoTableError", "ExportError", "__version__",
]
