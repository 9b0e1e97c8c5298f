"""The packaging files: consistent with each other and with the code, without running a build."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "gouji.spec"
ISS = INSTALLER / "gouji.iss"
BUILD_LINUX = INSTALLER / "build_linux.sh"
WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
ICONS = ROOT / "resources" / "icons"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Qt modules that must never reach the bundle (each would pull in QtQml, a browser, codecs...).
FORBIDDEN_QT = ("QtWebEngine", "QtQml", "QtQuick", "Qt3D", "QtMultimedia", "QtPdf", "QtDesigner",
                "QtCharts", "QtDataVisualization", "QtNetwork", "QtSql", "QtTest", "QtUiTools")


def _spec_lists() -> dict[str, list[str]]:
    """The spec's top-level list literals, by name."""
    tree = ast.parse(SPEC.read_text("utf-8"), filename=str(SPEC))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = [ast.literal_eval(e) for e in node.value.elts]
    return out


def _qt_imports(path: Path) -> set[str]:
    """Every PySide6 submodule a Python file imports (`import PySide6.QtX`, `from PySide6.QtX import`,
    `from PySide6 import QtX`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("PySide6.")}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "PySide6":
                found |= {f"PySide6.{a.name}" for a in node.names}
            elif node.module.startswith("PySide6."):
                found.add(node.module)
    return {".".join(name.split(".")[:2]) for name in found}


# --- the spec ---------------------------------------------------------------------------------

def test_spec_is_python_and_keeps_only_core_qt_modules():
    lists = _spec_lists()
    assert lists["QT_MODULES"] == ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"]
    excluded = set(lists["QT_EXCLUDES"])
    assert not excluded & set(lists["QT_MODULES"])
    for family in FORBIDDEN_QT:
        assert any(m.startswith(f"PySide6.{family}") for m in excluded), f"{family} is not excluded"


def test_spec_names_no_excluded_qt_module_outside_the_exclude_list():
    """An excluded module named anywhere else (hiddenimports, a hook) would be pulled back in."""
    excludes = set(_spec_lists()["QT_EXCLUDES"])
    tree = ast.parse(SPEC.read_text("utf-8"))
    exclude_list = next(n.value for n in tree.body if isinstance(n, ast.Assign)
                        and any(getattr(t, "id", "") == "QT_EXCLUDES" for t in n.targets))
    inside = {id(e) for e in exclude_list.elts}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside:
            assert node.value not in excludes, f"the spec names excluded {node.value}"
    for hook in (INSTALLER / "hooks").glob("*.py"):
        text = hook.read_text("utf-8")
        assert not [m for m in excludes if re.search(rf"\b{re.escape(m)}\b", text)], hook.name


@pytest.mark.parametrize("package", ["app", "ui"])
def test_code_imports_only_the_qt_modules_the_spec_bundles(package):
    kept = set(_spec_lists()["QT_MODULES"])
    used = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in _qt_imports(path) - kept:
            used.setdefault(module, []).append(str(path.relative_to(ROOT)))
    assert not used, f"imported but not bundled (add to QT_MODULES in gouji.spec): {used}"


@pytest.mark.parametrize("package", ["app", "ui"])
def test_code_imports_nothing_the_spec_leaves_out(package):
    """PY_EXCLUDES (Pillow, PDFium, Python's ssl...) must stay unused by our own code."""
    excluded = set(_spec_lists()["PY_EXCLUDES"])
    hits = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        source = path.read_text("utf-8")
        # (`import cython` after plain_python(globals()), and `from cython.cimports... import` under `if
        # cython.compiled:`: read by Cython's compiler only, never run: app/_purecython.py)
        compile_time = {"cython"} if "plain_python(globals())" in source else set()
        for node in ast.walk(ast.parse(source)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name not in compile_time]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and not (compile_time and node.module.startswith("cython.cimports.")):
                names = [node.module]
            for name in names:
                if name in excluded or name.split(".")[0] in excluded:
                    hits.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert not hits, f"left out of the bundle by gouji.spec, yet imported: {hits}"


def test_the_bundle_leaves_out_cython_whose_imports_never_run():
    """The core's `import cython` lines are for Cython's compiler only (app/_purecython.py); PyInstaller's import scan
    follows them all the same, into Cython's compiler (+7 MB, review round 52), unless the spec leaves it out."""
    if any("plain_python(globals())" in p.read_text("utf-8") for p in (ROOT / "app").rglob("*.py")):
        assert {"cython", "Cython"} <= set(_spec_lists()["PY_EXCLUDES"])


def test_qt_import_scan_sees_every_import_form(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("import PySide6.QtSvg\nfrom PySide6.QtNetwork import QLocalServer\n"
                      "from PySide6 import QtCore, QtPdf\n", encoding="utf-8")
    assert _qt_imports(sample) == {"PySide6.QtSvg", "PySide6.QtNetwork", "PySide6.QtCore", "PySide6.QtPdf"}


def test_plugin_pruning_keeps_what_the_smoke_test_and_desktops_need():
    tree = ast.parse((INSTALLER / "hooks" / "gouji_qt.py").read_text("utf-8"))
    keeps = [ast.literal_eval(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
             and any(getattr(t, "id", "") == "KEEP_PLUGINS" for t in n.targets)]
    assert len(keeps) == 3  # Windows, macOS, Linux
    native = {"qwindows", "qcocoa", "qxcb"}
    for keep in keeps:
        assert "qoffscreen" in keep["platforms"]  # --smoke-test and CI run off screen
        assert native & set(keep["platforms"])
        assert not any("webengine" in k or "qml" in k for k in keep)
    translations = next(ast.literal_eval(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
                        and any(getattr(t, "id", "") == "KEEP_TRANSLATIONS" for t in n.targets))
    assert translations and all("_zh_" in name for name in translations)


def test_spec_reads_the_version_from_pyproject():
    text = SPEC.read_text("utf-8")
    assert '"pyproject.toml"' in text and "CFBundleShortVersionString\": VERSION" in text
    assert not re.search(r"\bversion\s*=\s*['\"]\d", text)


class _Recorder:
    """Stands in for one of PyInstaller's spec classes (Analysis, PYZ, EXE, COLLECT, BUNDLE)."""

    made: dict

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        type(self).made[type(self).__name__] = self


def _run_spec(monkeypatch, platform: str, binaries=()) -> dict:
    """Execute gouji.spec as PyInstaller would on `platform`, with recording stand-ins."""
    made: dict = {}
    names = {}
    for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        names[name] = type(name, (_Recorder,), {"made": made})
    analysis_cls = names["Analysis"]

    def analysis(*args, **kwargs):
        a = analysis_cls(*args, **kwargs)
        a.binaries, a.datas, a.pure, a.scripts = list(binaries), [], [], []
        return a

    monkeypatch.setattr(sys, "platform", platform)
    spec_globals = {"__name__": "__main__", "SPECPATH": str(INSTALLER), **names, "Analysis": analysis}
    exec(compile(SPEC.read_text("utf-8"), str(SPEC), "exec"), spec_globals)
    made["globals"] = spec_globals
    return made


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_branches_by_platform(monkeypatch, platform):
    made = _run_spec(monkeypatch, platform)
    analysis, exe, coll = made["Analysis"], made["EXE"], made["COLLECT"]
    assert Path(analysis.args[0][0]).is_file()
    assert all(Path(p).is_dir() for p in analysis.kwargs["hookspath"])
    assert all(Path(p).is_file() for p in analysis.kwargs["runtime_hooks"])
    assert [(Path(src), dst) for src, dst in analysis.kwargs["datas"]] == [(ROOT / "resources", "resources")]
    assert coll.kwargs["name"] == "gouji"  # dist/gouji, what gouji.iss and build_linux.sh expect
    icon = exe.kwargs["icon"]
    if platform == "linux":
        assert icon is None and exe.kwargs["console"] and exe.kwargs["strip"]
        assert "BUNDLE" not in made
    else:
        assert Path(icon).is_file() and Path(icon).suffix == {"win32": ".ico", "darwin": ".icns"}[platform]
        assert not exe.kwargs["console"] and not exe.kwargs["strip"]
    assert exe.kwargs["argv_emulation"] == (platform == "darwin")
    if platform == "darwin":
        bundle = made["BUNDLE"]
        plist = bundle.kwargs["info_plist"]
        version = re.search(r'^version = "(.+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.M).group(1)
        assert bundle.kwargs["name"] == "Gouji.app" and bundle.kwargs["version"] == version
        assert plist["CFBundleShortVersionString"] == version
        exts = {ext for doc in plist["CFBundleDocumentTypes"] for ext in doc["CFBundleTypeExtensions"]}
        assert exts == {"txt", "docx"}
        assert all(doc["LSHandlerRank"] == "Alternate" for doc in plist["CFBundleDocumentTypes"])


def test_spec_leaves_host_libraries_to_linux_desktops_only(monkeypatch):
    binaries = [("libfontconfig.so.1", "/usr/lib/libfontconfig.so.1", "BINARY"),
                ("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
                ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
                ("opengl32sw.dll", "C:/x/opengl32sw.dll", "BINARY")]
    kept = [b[0] for b in _run_spec(monkeypatch, "linux", binaries)["Analysis"].binaries]
    assert kept == ["PySide6/Qt/lib/libQt6Core.so.6", "libxcb-cursor.so.0"]
    kept = [b[0] for b in _run_spec(monkeypatch, "win32", binaries)["Analysis"].binaries]
    assert "libfontconfig.so.1" in kept and "opengl32sw.dll" not in kept


# --- the entry point and the runtime hook -----------------------------------------------------

def test_entry_script_runs_the_cli():
    out = subprocess.run([sys.executable, str(INSTALLER / "gouji_main.py"), "--version"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("gouji ")


def test_runtime_hook_gives_a_windowed_app_somewhere_to_print(tmp_path):
    log = tmp_path / "gouji.log"
    code = ("import runpy, sys\nsys.stdout = None\nsys.stderr = None\n"
            f"runpy.run_path({str(INSTALLER / 'hooks' / 'rthook_gouji.py')!r})\n"
            "print('标准输出')\nprint('标准错误', file=sys.stderr)\n")
    env = dict(os.environ, GOUJI_LOG=str(log))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert log.read_text("utf-8").splitlines() == ["标准输出", "标准错误"]


# --- the icon ---------------------------------------------------------------------------------

def test_icon_source_is_a_square_svg():
    root = ET.parse(ICONS / "gouji.svg").getroot()
    assert root.tag.endswith("svg")
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    assert w == h


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_sizes(size):
    from PIL import Image

    with Image.open(ICONS / f"gouji-{size}.png") as im:
        assert im.format == "PNG" and im.size == (size, size) and im.mode == "RGBA"
        assert im.getpixel((0, 0))[3] == 0  # transparent corner: the tile is rounded
        assert im.getpixel((size // 2, size // 2))[3] == 255


def test_ico_holds_every_windows_size():
    from PIL import Image

    with Image.open(ICONS / "gouji.ico") as im:
        assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= set(im.info["sizes"])


def test_icns_holds_the_retina_sizes():
    from PIL import Image

    with Image.open(ICONS / "gouji.icns") as im:
        sizes = set(im.info["sizes"])
    assert {(16, 16, 2), (32, 32, 2), (128, 128, 1), (256, 256, 2), (512, 512, 2)} <= sizes


# --- the Windows installer --------------------------------------------------------------------

def _iss() -> str:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads UTF-8 only with a byte-order mark"
    return raw.decode("utf-8-sig")


def test_iss_takes_its_version_from_the_define():
    text = _iss()
    assert re.search(r"^#ifndef MyAppVersion\s*\r?\n\s*#error", text, re.M)
    assert re.search(r"^AppVersion=\{#MyAppVersion\}\r?$", text, re.M)
    assert "OutputBaseFilename=Gouji-{#MyAppVersion}-windows-x64-setup" in text
    assert not re.search(r"^#define MyAppVersion", text, re.M)
    assert not re.search(r"\b\d+\.\d+\.\d+\b", re.sub(r"^;.*$", "", text, flags=re.M)), "a hard-coded version"


def test_workflow_passes_the_pyproject_version_to_iscc():
    flow = WORKFLOW.read_text("utf-8")
    assert "tomllib.load(open('pyproject.toml', 'rb'))['project']['version']" in flow
    assert '"/DMyAppVersion=${{ steps.version.outputs.version }}" installer\\gouji.iss' in flow
    assert "dist/Gouji-${{ steps.version.outputs.version }}-windows-x64-setup.exe" in flow


def test_iss_installs_shortcuts_and_the_context_menu_verb():
    text = _iss()
    assert 'Source: "{#BundleDir}\\*"' in text and '#define BundleDir "..\\dist\\gouji"' in text
    assert re.search(r'^Name: "\{group\}\\', text, re.M)          # Start menu
    assert re.search(r'^Name: "\{autodesktop\}\\', text, re.M)    # desktop
    assert re.search(r"^Name: .*\{uninstallexe\}", text, re.M)    # uninstaller shortcut
    assert '#define MyVerbText "用 Gouji 校验"' in text
    for ext in ("txt", "docx"):
        key = rf"Software\Classes\SystemFileAssociations\.{ext}\shell\{{#MyVerbKey}}"
        lines = [ln for ln in text.splitlines() if key in ln]
        assert any(ln.startswith("Root: HKCU;") and "{#MyVerbText}" in ln for ln in lines), ext
        assert any(r"\command" in ln and '""%1""' in ln for ln in lines), ext


# --- the Linux build --------------------------------------------------------------------------

def test_build_linux_is_executable_in_the_work_tree_and_in_git():
    assert os.access(BUILD_LINUX, os.X_OK)
    out = subprocess.run(["git", "ls-files", "-s", str(BUILD_LINUX.relative_to(ROOT))], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout:
        pytest.skip("not a git checkout, or the script is not committed yet")
    assert out.stdout.startswith("100755")


def test_readme_linux_steps_are_the_scripts():
    script = BUILD_LINUX.read_text("utf-8")
    readme = (INSTALLER / "README.md").read_text("utf-8")
    build = re.search(r"^\.venv/bin/python -m PyInstaller .*\\\n\s+.*$", script, re.M).group(0)
    build = " ".join(build.replace("\\\n", " ").split()).split(" ||")[0]
    assert f"`{build}`" in readme
    pip = re.search(r'\.venv/bin/python -m pip install -q "pyinstaller[^"]*"', script).group(0)
    assert pip in readme
    for command in ('"$bundle/gouji" check --json', '"$bundle/gouji" --smoke-test'):
        assert command in script
        assert command.replace('"$bundle/gouji"', "dist/gouji/gouji") in readme
    assert "samples=(resources/sample_report.txt)" in script and "resources/sample_report.txt" in readme
    assert "QT_QPA_PLATFORM=offscreen" in script and "max_mb=${GOUJI_MAX_MB:-120}" in script
    assert "120 MB" in readme and "GOUJI_MAX_MB" in readme


def test_every_build_pins_the_same_pyinstaller():
    pins = set(re.findall(r'"(pyinstaller[<>=][^"]*)"', BUILD_LINUX.read_text("utf-8")))
    pins |= set(re.findall(r'"(pyinstaller[<>=][^"]*)"', WORKFLOW.read_text("utf-8")))
    pins |= set(re.findall(r'"(pyinstaller[<>=][^"]*)"', (INSTALLER / "README.md").read_text("utf-8")))
    assert len(pins) == 1, pins
