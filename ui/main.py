"""Composition root: builds the application, the window, its settings and controller; runs one of the modes."""

from __future__ import annotations

import sys

__all__ = ["run", "build", "create_application"]


def create_application():
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    from .qtcompat import guard_none_refcount
    guard_none_refcount()
    app.setOrganizationName("Gouji")
    app.setApplicationName("Gouji")
    app.setApplicationDisplayName("勾稽")
    return app


def build(headless: bool = False, settings=None):
    """The window and its controller, wired; `headless` answers every question without blocking."""
    from .controller import Controller
    from .dialogs import Dialogs, HeadlessDialogs
    from .main_window import MainWindow
    from .settings import AppSettings
    window = MainWindow()
    dialogs = HeadlessDialogs(window) if headless else Dialogs(window)
    controller = Controller(window, settings or AppSettings(), dialogs)
    return window, controller


def run(files: list[str], screenshot: str | None = None, smoke_test: bool = False,
        encoding: str | None = None) -> int:
    app = create_application()
    if smoke_test:
        from .smoke import run_smoke_test
        return run_smoke_test(app)
    if screenshot:
        return _screenshot(app, files, screenshot, encoding)
    window, controller = build()
    geometry = controller.settings.geometry()
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.show()
    if files:
        controller.open_paths(files, encoding)
    return app.exec()


def _screenshot(app, files, out: str, encoding) -> int:
    from .snapshot import render_window
    window, controller = build(headless=True)
    if files and not controller.open_paths(files, encoding):
        return 2
    try:
        render_window(app, window, controller, out)
    except OSError as exc:
        print(f"截图未能写出：{exc}", file=sys.stderr)
        return 2
    return 0
