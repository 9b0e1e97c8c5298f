"""Reading a report off the GUI thread: large files and PDFs are read and checked in a worker.

The worker runs only core code (no Qt objects are touched there); its one signal is connected to a
method of a GUI-thread object, so Qt queues the result back to the GUI thread.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from app import GoujiError, check, load_report

__all__ = ["LoadTask", "load_error_message", "needs_thread", "LARGE_FILE_BYTES", "SLOW_SUFFIXES"]

LARGE_FILE_BYTES = 1 << 20          # above this a file is read in a worker
SLOW_SUFFIXES = (".pdf",)           # text extraction from PDF takes seconds whatever the size


def _tr(text: str) -> str:
    return QCoreApplication.translate("Controller", text)


def needs_thread(path: str) -> bool:
    if path.lower().endswith(SLOW_SUFFIXES):
        return True
    try:
        return os.path.getsize(path) > LARGE_FILE_BYTES
    except OSError:
        return False                 # the synchronous path says what is wrong with it


def load_error_message(path: str, exc: BaseException) -> str:
    """The clerk's words for a file that could not be read."""
    name = os.path.basename(path) or path
    if isinstance(exc, GoujiError):
        return _tr("无法打开“{0}”：\n{1}").format(name, exc)
    if isinstance(exc, MemoryError):
        return _tr("“{0}”太大，内存不足，无法打开。").format(name)
    return _tr("读取“{0}”时发生内部错误（{1}）。请把此文件发给开发者。").format(name, type(exc).__name__)


class _Signals(QObject):
    finished = Signal(object)        # the LoadTask, with report/result or error set


class LoadTask(QRunnable):
    """Read + check one file in the global thread pool; `signals.finished` fires on the GUI thread."""

    def __init__(self, path: str, encoding: str | None, context=None):
        super().__init__()
        self.setAutoDelete(False)   # the controller keeps it until the result is back
        self.path = path
        self.encoding = encoding
        self.context = context
        self.report = None
        self.result = None
        self.error: str | None = None
        self.exception: BaseException | None = None
        self.signals = _Signals()

    def run(self) -> None:
        try:
            self.report = load_report(self.path, self.encoding)
            self.result = check(self.report)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a Chinese message
            self.exception = exc
            self.error = load_error_message(self.path, exc)
            self.report = self.result = None
        self.signals.finished.emit(self)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)
