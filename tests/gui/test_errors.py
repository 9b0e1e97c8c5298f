"""No traceback reaches the clerk: a bug in a slot or a thread is logged, recovery files are written,
one Chinese dialog offers 复制详情, and the window keeps working."""

import sys
import threading

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication

from ui.error_dialog import ErrorDialog
from ui.errors import LOG_BACKUPS, LOG_BYTES, install_exception_hook, setup_logging

from .helpers import select_cell
from .seed_edit import seed


class _Emitter(QObject):
    fired = Signal()


@pytest.fixture
def hooked(gui, monkeypatch, tmp_path):
    window, ctl = gui
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)        # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    asked = []
    monkeypatch.setattr(ctl.dialogs, "unexpected_error", lambda title, text, details: asked.append((title, text, details)))
    hook = install_exception_hook(ctl)
    yield window, ctl, asked, tmp_path / "data" / "logs" / "gouji.log"
    hook.uninstall()


def test_an_exception_in_a_slot_is_logged_shown_in_chinese_and_the_window_goes_on(hooked, seed_dir, qtbot):
    window, ctl, asked, log = hooked
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    view.doc.recovery.timer.setInterval(60_000)                  # only the hook can write it in time
    grid, m, idx = select_cell(view, "t2", ("1", "1"))
    m.setData(idx, "5")

    def broken_slot():
        raise ZeroDivisionError("模拟的程序错误")
    emitter = _Emitter()
    emitter.fired.connect(broken_slot)
    emitter.fired.emit()                                         # a real signal, through Qt's slot call
    assert len(asked) == 1
    title, text, details = asked[0]
    assert "程序出现了意外错误" in text and "你的修改已保存在恢复文件中" in text
    assert "Traceback" not in text and "ZeroDivisionError: 模拟的程序错误" in details
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "broken_slot" in logged and "ZeroDivisionError" in logged
    assert list((log.parent.parent / "recovery").glob("*.json"))  # written before the clerk is told
    # the window still answers: an edit re-checks and F8 walks the findings
    m.setData(idx, "0")
    assert view.doc.result.errors == 0 and m.data(idx) == "0"
    ctl.open_paths([str(seed("004"))])
    assert window.tabs.count() == 2


def test_an_exception_in_a_thread_reaches_the_dialog_on_the_gui_thread(hooked, qtbot):
    window, ctl, asked, log = hooked
    t = threading.Thread(target=lambda: 1 / 0, name="worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    assert "没有未保存的修改受到影响" in asked[0][1] and "ZeroDivisionError" in asked[0][2]
    assert "worker" in log.read_text(encoding="utf-8")


def test_the_log_rotates_at_one_megabyte(tmp_path):
    import logging.handlers
    path = setup_logging(tmp_path)
    logging.getLogger("gouji").error("x" * 400_000)
    logging.getLogger("gouji").error("y" * 400_000)
    logging.getLogger("gouji").error("z" * 400_000)
    assert path.with_name(path.name + ".1").exists() and path.stat().st_size < LOG_BYTES
    handlers = [h for h in logging.getLogger("gouji").handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handlers and handlers[0].maxBytes == LOG_BYTES == 1_000_000 and handlers[0].backupCount == LOG_BACKUPS == 3


def test_the_dialog_copies_the_details_and_stays_open(qtbot):
    dlg = ErrorDialog("意外错误", "程序出现了意外错误。", "Traceback (most recent call last):\n  ...\nValueError: x")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().endswith("ValueError: x")
    assert dlg.isVisible() and dlg.copy_button.text() == "已复制"
    qtbot.mouseClick(dlg.show_button, Qt.MouseButton.LeftButton)
    assert dlg.detail_view.isVisible() and "ValueError" in dlg.detail_view.toPlainText()
