"""No traceback reaches the clerk: an exception hook that logs, saves recovery files, and says so in Chinese.

Installed by the composition root for the interactive window. An exception in a slot (PySide6 hands
those to sys.excepthook) or in any thread is written with its traceback to a rotating log in
`data_dir()/logs`, every unsaved report is flushed to its recovery file, and one dialog offers
"复制详情"; the event loop carries on, so the window stays usable.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

__all__ = ["ExceptionHook", "install_exception_hook", "setup_logging", "LOG_NAME"]

LOG_NAME = "gouji.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def setup_logging(folder: Path) -> Path:
    """The 'gouji' logger writes to folder/gouji.log, rotated at 1 MB, three old files kept."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    logger = logging.getLogger("gouji")
    for h in list(logger.handlers):
        if isinstance(h, logging.handlers.RotatingFileHandler):
            if Path(h.baseFilename) == path.resolve():
                return path
            logger.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                                                   encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path


class ExceptionHook(QObject):
    """sys.excepthook and threading.excepthook; dialogs are shown on the GUI thread, one at a time."""

    _from_thread = Signal(str)

    def __init__(self, controller, log_path: Path):
        super().__init__(controller)
        self.controller = controller
        self.log_path = log_path
        self.log = logging.getLogger("gouji")
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self._from_thread.connect(self._tell)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):          # Ctrl+C in the terminal that started us
            self._previous[0](exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            self.log.error("未处理的异常\n%s", details)
        except Exception:  # noqa: BLE001 - a broken log must not hide the dialog
            pass
        if QThread.currentThread() is not self.thread():
            self._from_thread.emit(details)                   # queued to the GUI thread
        else:
            self._tell(details)

    def _handle_thread(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _tell(self, details: str) -> None:
        if self._showing:                                   # a second error while the dialog is up: logged only
            return
        self._showing = True
        try:
            try:
                kept = self.controller.flush_recovery()
            except Exception:  # noqa: BLE001
                self.log.exception("恢复文件未能写出")
                kept = 0
            if kept:
                text = _tr("程序出现了意外错误。你的修改已保存在恢复文件中，可以继续工作；"
                           "万一程序退出，下次启动时会提示恢复。")
            else:
                text = _tr("程序出现了意外错误。没有未保存的修改受到影响，可以继续工作。")
            text += _tr("\n\n如果问题反复出现，请点“复制详情”，把错误信息连同报告文件发给开发者。"
                        "\n日志文件：{0}").format(self.log_path)
            self.controller.dialogs.unexpected_error(_tr("意外错误"), text, details)
        finally:
            self._showing = False


_crash_file = None


def install_exception_hook(controller) -> ExceptionHook:
    global _crash_file
    from .paths import app_data_dir
    logs = app_data_dir() / "logs"
    log_path = setup_logging(logs)
    hook = ExceptionHook(controller, log_path)
    hook.install()
    if _crash_file is None:                 # a crash in Qt's C++ code leaves at least a Python stack here
        try:
            _crash_file = open(logs / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 - open for the process
            faulthandler.enable(_crash_file)
        except OSError:
            _crash_file = None
    return hook
