"""Gouji core: read a 政府信息公开工作年度报告, map its tables onto the official template, check them.

No Qt here (tests/test_architecture.py holds the line).
"""


def _compiled_folder(here=None, environ=None):
    """app/_compiled/ when it holds the compiled form of every source as it is now, else None.

    tools/build_compiled.py compiles parse, rules and narrative with Cython and stamps each source's
    size and modification time. Put first on the package's path, the folder's modules are imported
    in place of the .py files; any changed source (or GOUJI_PURE=1) keeps the whole core pure Python.
    A module this interpreter has no compiled file for is found in app/ as usual.
    """
    import os

    if (os.environ if environ is None else environ).get("GOUJI_PURE"):
        return None
    here = here or os.path.dirname(__file__)
    folder = os.path.join(here, "_compiled")
    try:
        with open(os.path.join(folder, "STAMP"), encoding="ascii") as f:
            words = f.read().split()
        if not words or len(words) % 4:
            return None
        for i in range(0, len(words), 4):
            st = os.stat(os.path.join(here, words[i] + ".py"))
            if st.st_size != int(words[i + 1]) or st.st_mtime_ns != int(words[i + 2]):
                return None
    except (OSError, ValueError):
        return None
    return folder


_folder = _compiled_folder()
if _folder:
    __path__.insert(0, _folder)
COMPILED = _folder is not None
del _folder

from ._exceptions import DecodeError, ExportError, GoujiError, NoTableError, ReadError
from .model import Cell, CheckResult, Finding, Fix, Report
from .reader import iter_report_files, load_report, load_text
from .rules import check
from .template import get_template

__version__ = "0.1.0"

__all__ = [
    "load_report", "load_text", "check", "get_template", "iter_report_files",
    "Report", "Cell", "Finding", "Fix", "CheckResult",
    "GoujiError", "ReadError", "DecodeError", "NoTableError", "ExportError", "__version__",
]
