"""GUI tests: off screen, settings and data folder isolated per test, message boxes never block."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from .seed_edit import SEEDS  # noqa: E402


@pytest.fixture(scope="session")
def qapp_cls():
    """The window's own QApplication (it handles macOS FileOpen events)."""
    from ui.application import GoujiApplication
    return GoujiApplication


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    ini = tmp_path / "settings"
    ini.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(ini))
    monkeypatch.setenv("GOUJI_DATA_DIR", str(tmp_path / "data"))
    return ini


@pytest.fixture
def messages(monkeypatch):
    """Every QMessageBox the window would show, recorded instead of shown."""
    from PySide6.QtWidgets import QMessageBox
    seen = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    return seen


@pytest.fixture
def seed_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return SEEDS


@pytest.fixture
def gui(qtbot, qapp, messages):
    """The real composition root: window + controller, shown off screen."""
    from ui.main import build, create_application
    create_application()
    window, controller = build()
    controller.dialogs.ask_save = lambda name: "discard"     # tests of the question replace this
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window, controller
    qapp.processEvents()
    controller.dialogs.ask_save = lambda name: "discard"
    window.close()
    window.deleteLater()
    qapp.processEvents()
