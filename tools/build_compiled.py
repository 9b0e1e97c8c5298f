"""Compile the core with Cython into app/_compiled/ (tools/setup.sh runs this).

The modules stay plain Python: Cython compiles every module `gouji check` runs (`MODULES`: the parser,
the rules and the prose check, and the model, values, labels, template, reading, command line and batch
modules they call per cell and per report) as they are, which takes the interpreter's dispatch out of the
per-cell and per-row work. `gouji check` of a folder then needs ~18 % less CPU (benchmarks/README.md, ninth
session; the modules past the first three, 3 % more, fifteenth); the results are the same byte for byte
(tests/test_compiled.py compares them). The hot loops' locals have C types (`@cython.locals`, which plain
Python reads as nothing: app/_purecython.py), and app/model.pxd makes the cell a C type, whose fields the
modules that cimport it read and set directly (5 % fewer instructions, seventeenth session); app/template.pxd
holds the key-order test as an inline C loop that the parser, the rules and the JSON writer call (nineteenth).

The compiled modules are used only by `gouji check` and `gouji export` (the window runs the pure core:
compiled code holds the interpreter lock for a whole parse), and only while every source is exactly as
it was compiled: this interpreter's stamp (`STAMP<extension suffix>.txt`) keeps each source's size and
modification time, and `app/__init__.py` puts app/_compiled/ on the package's path only when all of
them match, the folder holds no other compiled module, and GOUJI_PURE is not set. An edited source
therefore runs as Python at once; this script, run again, compiles what changed (a source whose content
is unchanged, say after a `git checkout`, is only re-stamped). An edited .pxd is not looked at there: the modules
built against the old one still agree with each other, and this script compiles them all again. The stamp is removed before any compiled
file is replaced and written again only after all of them are, so an interrupted build leaves the
pure core in use.

Without Cython, setuptools or a C compiler, or with a read-only folder, this prints why and exits 0:
Gouji runs as pure Python, only slower.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
OUT = APP / "_compiled"
# (not export or summary: openpyxl's work, one workbook a command; not _regex: its cache's path is beside it)
MODULES = ("parse", "rules", "narrative", "model", "values", "labels", "template", "encoding", "reader", "cli",
           "crossyear", "_record")
DIRECTIVES = {
    "language_level": 3,
    "binding": True,               # functions keep Python's introspection (signature, __wrapped__)
    "annotation_typing": False,    # annotations are documentation, never C type checks
}


def _suffix() -> str:
    return sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def _source_state(name: str) -> tuple[int, int, int]:
    """(size, mtime_ns, crc32) of app/NAME.py. The crc32 takes in every app/*.pxd too: a .pxd declares a C type
    (app/model.pxd: Cell) whose layout each module that cimports it is compiled against, so a changed .pxd
    recompiles every module."""
    path = APP / f"{name}.py"
    st = path.stat()
    crc = zlib.crc32(path.read_bytes())
    for pxd in sorted(APP.glob("*.pxd")):
        crc = zlib.crc32(pxd.read_bytes(), crc)
    return st.st_size, st.st_mtime_ns, crc


def _stamp_path(folder: Path = OUT) -> Path:
    return folder / f"STAMP{_suffix()}.txt"


def read_stamp(folder: Path = OUT) -> dict[str, tuple[int, int, int]]:
    stamp: dict[str, tuple[int, int, int]] = {}
    try:
        text = _stamp_path(folder).read_text(encoding="ascii")
    except OSError:
        return stamp
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] in MODULES:
            stamp[parts[0]] = (int(parts[1]), int(parts[2]), int(parts[3]))
    return stamp


def _write_stamp(states: dict[str, tuple[int, int, int]]) -> None:
    text = "".join(f"{name} {size} {mtime} {crc}\n" for name, (size, mtime, crc) in sorted(states.items()))
    fd, tmp = tempfile.mkstemp(dir=OUT, prefix=".STAMP.")
    os.chmod(tmp, 0o644)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
    os.replace(tmp, _stamp_path())


def _method_calls_without_bound_methods() -> None:
    """Have Cython call `name.method(args)` through PyObject_VectorcallMethod for a module-level name too.

    Cython does so for a local, but takes a module-level name for a module (`os.path.join`), and then looks the
    attribute up and calls the result: for a builtin method (`_PATTERN.search(s)`, `_TABLE.get(k)`) that makes and
    frees a bound method object at each call, about 500 instructions, where the core calls its module-level
    patterns and tables thousands of times a report. The vectorcall looks the method up without binding it and
    does the same as the look-up and call for anything else (a module's function included)."""
    try:
        from Cython.Compiler.ExprNodes import PyMethodCallNode
        PyMethodCallNode.attribute_is_likely_method          # (checked: a later Cython may have renamed it)
    except (ImportError, AttributeError):
        return
    PyMethodCallNode.attribute_is_likely_method = staticmethod(lambda attr: True)


def _compile(names: list[str]) -> None:
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    _method_calls_without_bound_methods()

    extensions = cythonize(
        [Extension(f"app.{name}", [str(APP / f"{name}.py")], extra_compile_args=["-O2", "-g0"]) for name in names],
        build_dir=str(ROOT / "build" / "cython"), compiler_directives=DIRECTIVES, quiet=True, force=True)
    with tempfile.TemporaryDirectory(prefix="gouji-build-") as lib:
        dist = Distribution({"ext_modules": extensions})
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib = lib
        cmd.build_temp = str(ROOT / "build" / f"temp{_suffix()}")
        cmd.parallel = os.cpu_count() or 1
        cmd.ensure_finalized()
        cmd.run()
        for name in names:
            built = Path(lib) / "app" / f"{name}{_suffix()}"
            fd, tmp = tempfile.mkstemp(dir=OUT, prefix=f".{name}.")
            os.close(fd)
            shutil.copyfile(built, tmp)
            os.chmod(tmp, 0o755)
            os.replace(tmp, OUT / f"{name}{_suffix()}")


def stale_modules(stamp: dict, states: dict) -> list[str]:
    """The modules to compile: no compiled file for this interpreter, or a source whose content changed."""
    return [name for name in MODULES
            if not (OUT / f"{name}{_suffix()}").exists() or name not in stamp
            or stamp[name][2] != states[name][2] or stamp[name][0] != states[name][0]]


def main() -> int:
    try:
        return _build()
    except OSError as exc:          # a read-only checkout: the pure modules still run
        print(f"未能写入 {OUT}（{exc.strerror or exc}）：以纯 Python 运行。", file=sys.stderr)
        return 0


def _build() -> int:
    OUT.mkdir(exist_ok=True)
    for left in OUT.glob(f"*{_suffix()}"):      # a module no longer compiled must not shadow its source
        if left.name[:-len(_suffix())] not in MODULES:
            left.unlink()
    stamp = read_stamp()
    states = {name: _source_state(name) for name in MODULES}
    stale = stale_modules(stamp, states)
    if stale:
        try:
            import Cython  # noqa: F401
            import setuptools  # noqa: F401
        except ImportError as exc:
            print(f"未安装 {exc.name}：核心以纯 Python 运行（结果相同，批量校验慢约一成多）。", file=sys.stderr)
            return 0
        _stamp_path().unlink(missing_ok=True)       # before any compiled file changes
        print(f"编译核心模块（Cython）：{', '.join(stale)} …", file=sys.stderr)
        try:
            _compile(stale)
        except Exception as exc:  # no compiler, no headers: the pure modules still run
            print(f"未能编译核心模块（{exc.__class__.__name__}: {exc}）：以纯 Python 运行。", file=sys.stderr)
            return 0
    # A source edited while it was being compiled must not be stamped as compiled.
    after = {name: _source_state(name) for name in MODULES}
    if after != states:
        print("编译期间源文件有改动：不启用编译模块，请重新运行本脚本。", file=sys.stderr)
        _stamp_path().unlink(missing_ok=True)
        return 0
    _write_stamp(states)
    return 0


if __name__ == "__main__":
    sys.exit(main())
