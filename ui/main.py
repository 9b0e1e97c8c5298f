"""Composition root: builds the application, the window, its settings and controller; runs one of the modes."""

from __future__ import annotations

import sys

__all__ = ["run", "start", "build", "create_application"]


def create_application():
    launching = "PySide6.QtWidgets" not in sys.modules
    if launching:
        _pause_gc()
        # The core first: once PySide is loaded, its import hook reads the source of every module imported
        # after it (to see whether it uses PySide's __feature__ switches), some 40 core and standard-library
        # modules here that never touch Qt.
        import app
        import app.marks  # noqa: F401
    from PySide6.QtWidgets import QApplication
    if launching:
        _skip_feature_scan()
    app = QApplication.instance()
    if app is None:
        from .application import GoujiApplication
        app = GoujiApplication(sys.argv[:1])
    if launching:
        _resume_gc_when_running()
    from .qtcompat import guard_none_refcount
    guard_none_refcount()
    app.setOrganizationName("Gouji")
    app.setApplicationName("Gouji")
    # Qt appends the display name to every window title ("报告 — 勾稽"), so titles never repeat it
    app.setApplicationDisplayName("勾稽")
    from .paths import app_icon
    app.setWindowIcon(app_icon())
    return app


def _skip_feature_scan() -> None:
    """Tell PySide up front which modules use it, so that its import hook does not read their source.

    Once PySide is loaded, the first import of every module (ours, and standard-library ones such as
    typing, os and re imported again by ours) makes PySide run inspect.getsource() on it, to note whether it
    uses PySide (0) or not (-1) for its opt-in __feature__ switches: about 30 modules, 5-7 ms of every
    launch. The answer is known here: the window's modules (ui.*) use PySide and select no feature (0);
    the modules already loaded before PySide (standard library, the Qt-free core) do not (-1). Values the
    hook already recorded are kept; without the table (another PySide version) nothing changes.
    """
    import os
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    stdlib = os.path.dirname(os.__file__) + os.sep
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path is None or path.startswith(stdlib) or name == "app" or name.startswith("app."):
            table.setdefault(name, -1)     # what the scan finds: no source (built in), or no "PySide6" in it
    here = os.path.dirname(os.path.abspath(__file__))
    table.setdefault("ui", 0)
    try:
        entries = os.listdir(here)
    except OSError:         # a frozen bundle: the modules are in its archive, there is no source to scan
        entries = []
    for entry in entries:
        if entry.endswith(".py") and entry != "__init__.py":
            table.setdefault("ui." + entry[:-3], 0)


# No cycle collection while the window starts. Importing Qt and the core, building the window and reading
# the first report allocate some 50 000 objects, nearly all of which live as long as the process, and the
# collector walked them again and again: 13-18 ms of every launch. Collection resumes once the event loop
# runs, with those objects frozen (not walked); a while later they go back to the collector, so garbage made
# of them (a report whose tab was closed) is still collected — one full collection, long after the launch.
GC_UNFREEZE_MS = 30_000
_gc_paused = False


def _pause_gc() -> None:
    global _gc_paused
    import gc
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def _resume_gc_when_running() -> None:
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, resume_gc)


def resume_gc() -> None:
    global _gc_paused
    import gc
    if not _gc_paused:
        return
    _gc_paused = False
    gc.freeze()
    gc.enable()
    from PySide6.QtCore import QTimer
    QTimer.singleShot(GC_UNFREEZE_MS, gc.unfreeze)


def build(headless: bool = False, settings=None):
    """The window and its controller, wired; `headless` answers every question without blocking."""
    from PySide6.QtWidgets import QApplication
    from .controller import Controller
    from .dialogs import Dialogs, HeadlessDialogs
    from .main_window import MainWindow
    from .settings import AppSettings
    window = MainWindow()
    dialogs = HeadlessDialogs(window) if headless else Dialogs(window)
    controller = Controller(window, settings or AppSettings(), dialogs)
    # macOS hands files opened from Finder (or dropped on the Dock icon) to the application as events
    app = QApplication.instance()
    if hasattr(app, "paths_opened"):
        app.paths_opened.connect(controller.open_paths)
    return window, controller


def run(files: list[str], screenshot: str | None = None, smoke_test: bool = False,
        encoding: str | None = None) -> int:
    app = create_application()
    if smoke_test:
        from .smoke import run_smoke_test
        return run_smoke_test(app)
    if screenshot:
        return _screenshot(app, files, screenshot, encoding)
    start(files, encoding)
    return app.exec()


def start(files: list[str], encoding: str | None = None, headless: bool = False):
    """The interactive window: shown, the files opened, then (once painted) the offer to restore a crash's edits."""
    from .errors import install_exception_hook
    window, controller = build(headless=headless)
    controller.exception_hook = install_exception_hook(controller)
    geometry = controller.settings.geometry()
    if geometry is not None:
        window.restoreGeometry(geometry)
    if files:                                   # before show: the first paint is the report, not the start page
        controller.open_paths(files, encoding)
    window.show()
    controller.recovery.hold_session_lock()
    # a zero timer would run before the first paint (posted events come first): the scan of the recovery
    # folder, and any question, wait for the window's first frame
    window.after_first_paint(controller.offer_recovery)
    return window, controller


def _screenshot(app, files, out: str, encoding) -> int:
    from .snapshot import render_window
    window, controller = build(headless=True)
    controller.threaded_loading = False          # the picture is taken once the report is in
    if files and not controller.open_paths(files, encoding):
        return 2
    try:
        render_window(app, window, controller, out)
    except OSError as exc:
        print(f"截图未能写出：{exc}", file=sys.stderr)
        return 2
    return 0
