"""FolderWorker: checks many report files off the GUI thread and reports one row per file.

The worker lives in its own QThread; every signal reaches the window queued. Nothing it does may
raise out of `run()`: an unreadable file, or a bug in the core, becomes a row with a Chinese reason.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from app.cli import add_cross_report_findings, check_path, expand_paths
from app.model import CheckResult, Report
from app.summary import summary_row

__all__ = ["FolderRow", "FolderWorker", "FolderRun", "make_row", "KEY_TOTALS",
           "BATCH_S", "UNREADABLE", "ERROR", "WARNING", "FINE"]

# Rows cross to the GUI thread in batches. Each queued call must take the interpreter lock from a
# worker that holds it for up to sys.getswitchinterval() (5 ms): one call per file (2 ms each)
# queued faster than the window could take them, and starved its timers for the whole run.
BATCH_S = 0.05

UNREADABLE, ERROR, WARNING, FINE = "unreadable", "error", "warning", "fine"

# The six key totals of the summary workbook (app.summary), in its order.
KEY_TOTALS = ("新收", "上年结转", "办理结果总计", "结转下年度", "复议总计", "诉讼总计")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FolderWorker", text)


@dataclass(frozen=True)
class FolderRow:
    """One checked file: what the summary workbook needs, plus what the table shows, computed once."""

    path: str
    name: str                       # path relative to the folder it was found in
    report: Report | None
    result: CheckResult | None
    error: str | None               # why it could not be read, or why the report is cut off
    totals: tuple                   # KEY_TOTALS' values (int | float | None)
    cross: int = 0                  # cross-report (cross-year, summary) warnings

    @property
    def errors(self) -> int | None:
        return self.result.errors if self.result is not None else None

    @property
    def warnings(self) -> int | None:
        return self.result.warnings if self.result is not None else None

    @property
    def verdict(self) -> str:
        if self.report is None:
            return UNREADABLE
        if self.error or (self.result is not None and self.result.errors):
            return ERROR
        if self.result is not None and self.result.warnings:
            return WARNING
        return FINE

    def summary_tuple(self) -> tuple:
        """(path, report, result, error): a row for app.summary.write_summary."""
        return (self.path, self.report, self.result, self.error)


def make_row(path: str, name: str, report: Report | None, result: CheckResult | None,
             error: str | None) -> FolderRow:
    totals = tuple(summary_row(path, report, result, error)[-len(KEY_TOTALS):])
    cross = sum(f.kind == "cross-year" for f in result.findings) if result is not None else 0
    return FolderRow(path, name, report, result, error, totals, cross)


def _items(paths: list[str]):
    """(path, name, error) per file; a folder's files are named relative to the folder."""
    for p in paths:
        base = p if os.path.isdir(p) else None
        for f, err in expand_paths([p]):
            name = os.path.relpath(f, base) if base and f != p else os.path.basename(f.rstrip("/\\")) or f
            yield f, name, err


class FolderWorker(QObject):
    """Move to a QThread and start `run`; `cancel()` may be called from any thread."""

    counted = Signal(int)              # number of files, once the folders are walked
    row_ready = Signal(object)         # FolderRow, in file order
    rows_ready = Signal(object)        # list[FolderRow]: the rows of the last BATCH_S seconds, in file order
    progress = Signal(int, int)        # done, total
    finished = Signal(object, bool)    # every FolderRow with cross-report findings applied; cancelled?

    def __init__(self, paths: list[str], encoding: str | None = None):
        super().__init__()
        self.paths = list(paths)
        self.encoding = encoding
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        rows: list[FolderRow] = []
        try:
            rows = self._check_all()
            rows = self._cross(rows)
        except Exception as exc:  # noqa: BLE001 - the thread must end with `finished`, whatever happened
            rows.append(make_row("", _tr("（内部错误）"), None, None,
                                 _tr("检查中断：发生内部错误（{0}），请把这批文件发给开发者。").format(type(exc).__name__)))
        self.finished.emit(rows, self._stop.is_set())

    def _check_all(self) -> list[FolderRow]:
        try:
            items = list(_items(self.paths))
        except Exception as exc:  # noqa: BLE001 - an unreadable folder is a row, not a crash
            items = [(self.paths[0] if self.paths else "", "", _tr("无法列出文件夹中的文件（{0}）。").format(type(exc).__name__))]
        total = len(items)
        self.counted.emit(total)
        rows: list[FolderRow] = []
        batch: list[FolderRow] = []
        last = time.monotonic()
        for k, (path, name, err) in enumerate(items):
            if self._stop.is_set():
                break
            row = self._check_one(path, name, err)
            rows.append(row)
            batch.append(row)
            self.row_ready.emit(row)
            self.progress.emit(k + 1, total)
            now = time.monotonic()
            if now - last >= BATCH_S:
                self.rows_ready.emit(batch)
                batch, last = [], now
        if batch:
            self.rows_ready.emit(batch)
        return rows

    def _check_one(self, path: str, name: str, err: str | None) -> FolderRow:
        if err is not None:
            return make_row(path, name, None, None, err)
        try:
            report, result = check_path(path, self.encoding)
            if report is None:
                return make_row(path, name, None, None, result)
            return make_row(path, name, report, result, report.error)
        except Exception as exc:  # noqa: BLE001 - check_path already catches; this is the last guard
            return make_row(path, name, None, None,
                            _tr("检查时发生内部错误（{0}），请把此文件发给开发者。").format(type(exc).__name__))

    def _cross(self, rows: list[FolderRow]) -> list[FolderRow]:
        try:
            checked = add_cross_report_findings([r.summary_tuple() for r in rows])
        except Exception:  # noqa: BLE001 - the per-file results stand without the cross-year checks
            return rows
        out = []
        for row, (path, report, result, error) in zip(rows, checked):
            out.append(row if result is row.result else make_row(path, row.name, report, result, error))
        return out


class FolderRun(QObject):
    """One worker in one QThread, owned by nobody's widget tree so a closing window cannot kill it mid-file.

    Live runs are kept in `_LIVE` until their thread ends; `stop_all()` (on aboutToQuit) cancels and waits.
    """

    _LIVE: set["FolderRun"] = set()

    def __init__(self, paths: list[str], encoding: str | None = None):
        super().__init__()
        self.worker = FolderWorker(paths, encoding)
        self.thread = QThread()
        self.thread.setObjectName("folderCheck")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # quit from the worker's thread: the GUI thread may be the one waiting in stop()
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._ended)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        FolderRun._LIVE.add(self)
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Cancel and wait for the thread (between files, so at most one file's time)."""
        self.worker.cancel()
        if self.thread.isRunning():
            self.thread.quit()
            return self.thread.wait(timeout_ms)
        return True

    def is_running(self) -> bool:
        return self.thread.isRunning()

    @Slot()
    def _ended(self) -> None:
        # let go after this slot returns: dropping the last reference inside it would delete the
        # QThread while Qt is still delivering its `finished`
        QTimer.singleShot(0, lambda run=self: FolderRun._LIVE.discard(run))

    @classmethod
    def stop_all(cls) -> None:
        for run in list(cls._LIVE):
            run.stop()
