"""The core never imports Qt (STYLE practice 1): checked statically and at run time."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

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
    messages go through gettext's catalogue search (importing locale): 6 ms of a 60 ms single-file check.
    (--encoding: a command line that argparse reads; `check --json PATH` is read without it, below.)"""
    code = ("import sys, io, contextlib, app.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    app.cli.main(['check', '--encoding', 'utf-8', '--json', {str(seeds['003'])!r}])\n"
            "print('argparse' in sys.modules, ' '.join(m for m in ('shutil', 'locale', 'bz2', 'lzma') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-S", "-c", code], cwd=APP.parent, capture_output=True, text=True).stdout
    assert out.strip() == "True"


def test_a_plain_check_does_not_import_argparse(seeds):
    """`gouji check [--json] PATH...`, the form scripts and the contract use, is read without argparse (6 ms of
    every such command)."""
    code = ("import sys, io, contextlib, app.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    app.cli.main(['check', '--json', {str(seeds['003'])!r}, {str(seeds['002'])!r}])\n"
            "    app.cli.main(['check', " + repr(str(seeds['003'])) + "])\n"
            "print('argparse' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-S", "-c", code], cwd=APP.parent, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize("argv", [
    ["a.txt"], ["--json", "a.txt"], ["a.txt", "--json"], ["--json", "a", "b", "c"], ["a", "b", "--json", "--json"],
    ["--json", "--json", "a b.txt", ""], ["a", "--json", "b"], ["--json"], [], ["-x.txt"], ["a", "--js"],
    ["--encoding", "gbk", "a"], ["a", "--summary", "s.xlsx"], ["--", "a"], ["a", "-"], ["--json=1", "a"],
])
def test_the_plain_reading_of_check_arguments_is_argparses(argv):
    """_plain_check_args reads what it reads as argparse does, and leaves everything else to argparse."""
    from app import cli
    from app._args import ChineseParser

    ap = ChineseParser(prog="gouji check")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--encoding")
    ap.add_argument("--summary")
    try:
        expected = vars(ap.parse_args(argv))
    except SystemExit:
        expected = None
    plain = cli._plain_check_args(argv)
    if plain is not None:
        assert expected == {name: getattr(plain, name) for name in ("paths", "json", "encoding", "summary")}
    else:
        assert argv in (["a", "--json", "b"], ["--json"], [], ["-x.txt"], ["a", "--js"], ["--encoding", "gbk", "a"],
                        ["a", "--summary", "s.xlsx"], ["--", "a"], ["a", "-"], ["--json=1", "a"])
