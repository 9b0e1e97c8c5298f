"""The core never imports Qt (STYLE practice 1): checked statically and at run time."""

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def test_no_qt_import_in_app_sources():
    offenders = []
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui") for n in names):
                if not (path.name == "cli.py" and names == ["ui.main"]):
                    offenders.append(f"{path.name}: {names}")
    assert offenders == []


def test_checking_a_report_loads_no_qt(tmp_path):
    code = ("import sys, app, app.cli, app.parse, app.rules, app.encoding\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt loaded'\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=APP.parent)


def test_command_line_start_up_loads_no_heavy_modules():
    """`gouji check` starts in about 40 ms of imports; these modules would each add several (measured in
    benchmarks/README.md). -S: only what the core itself imports, whatever the venv's .pth files load."""
    heavy = ("dataclasses", "inspect", "typing", "pathlib", "fnmatch", "hashlib", "PySide6", "openpyxl", "chardet")
    code = ("import sys, app.cli\n"
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-S", "-c", code], check=True, cwd=APP.parent,
                         capture_output=True, text=True).stdout.strip()
    assert out == ""


def test_a_check_builds_its_parser_without_shutil_or_gettext_catalogue_lookups(seeds):
    """argparse's default formatter imports shutil (with bz2, lzma, fnmatch) for the terminal width, and its
    messages go through gettext's catalogue search (importing locale): 6 ms of a 60 ms single-file check."""
    code = ("import sys, io, contextlib, app.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    app.cli.main(['check', '--json', {str(seeds['003'])!r}])\n"
            "print(' '.join(m for m in ('shutil', 'locale', 'bz2', 'lzma') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-S", "-c", code], cwd=APP.parent, capture_output=True, text=True).stdout
    assert out.strip() == ""
