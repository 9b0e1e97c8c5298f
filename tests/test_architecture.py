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
