"""Gouji core: read a 政府信息公开工作年度报告, map its tables onto the official template, check them.

No Qt here (tests/test_architecture.py holds the line).
"""

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
