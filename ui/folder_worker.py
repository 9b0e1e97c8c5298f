"""FolderWorker: checks many report files off the GUI thread and reports one row per file.

The worker lives in its own QThread; every signal reaches the window queued. Nothing it does may
raise out of `run()`: an unreadable file, or a bug in the core, becomes a row with a Chinese reason.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from app.cli import add_cross_report_findings, check_path, expand_paths
from app.model import CheckResult, Report
from app.summary import summary_row

__all__ = ["FolderRow", "FolderWorker", "FolderRun", "make_row", "KEY_TOTALS",
           "BATCH_S", "UNREADABLE", "ERROR", "WARNING", "FINE"]

# The worker and the window share one interpreter lock. Every time the GUI thread enters Python
# (a queued slot, each data() call of a repaint) or comes back from most Qt calls, it must win
# the lock back from a busy worker, which gives it up only every sys.getswitchinterval() (5 ms).
# Measured on 300 reports: one queued call per file starved the window's timers for the whole
# run (0.4-0.8 s without a single tick), and a repaint of the list took 0.1-0.5 s. Hence:
#  - rows cross in batches, at most one every BATCH_S (`row_ready` and `progress` exist for
#    scripts; a window should listen to `rows_ready`);
#  - the window ticks a heartbeat every BEAT_S; when it is late, the window is busy, and the worker
#    waits between files until the window has caught up (at most WAIT_S), so a repaint runs with
#    the lock to itself. Before a repaint it causes (new rows), the window says so (`hush`);
#  - the table makes few Python calls per repaint (ui/folder_view.py: no proxy model, a delegate).
BATCH_S = 0.05
BEAT_S = 0.005
LATE_S = 0.012
WAIT_S = 0.25
HUSH_S = 0.008          # a heartbeat this soon after `hush` may precede the repaint: not a sign of rest

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

    paced = True                       # False: never wait for the window (the benchmark compares)

    counted = Signal(int)              # number of files, once the folders are walked
    row_ready = Signal(object)         # FolderRow, per file in file order (not for a window: see above)
    rows_ready = Signal(object)        # list[FolderRow]: the rows of the last BATCH_S seconds, in file order
    progress = Signal(int, int)        # done, total, per file
    finished = Signal(object, bool)    # every FolderRow with cross-report findings applied; cancelled?

    def __init__(self, paths: list[str], encoding: str | None = None):
        super().__init__()
        self.paths = list(paths)
        self.encoding = encoding
        self._stop = threading.Event()
        self._beat = time.monotonic()
        self._hushed = 0.0
        self._caught_up = threading.Event()
        self._rows: list[FolderRow] = []

    def cancel(self) -> None:
        self._stop.set()
        self._caught_up.set()

    def beat(self) -> None:
        """Called from the GUI thread's heartbeat: the window is free."""
        now = time.monotonic()
        if now - self._hushed < HUSH_S:
            return
        self._beat = now
        self._caught_up.set()

    def hush(self) -> None:
        """Called from the GUI thread before it repaints: wait between files until the window rests again."""
        self._hushed = time.monotonic()
        self._caught_up.clear()
        self._beat = 0.0

    def _yield_to_window(self) -> None:
        if self.paced and time.monotonic() - self._beat > LATE_S:
            self._caught_up.clear()
            self._caught_up.wait(WAIT_S)

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            self._check_all()
            rows = self._cross(self._rows)
        except Exception as exc:  # noqa: BLE001 - the thread must end with `finished`, whatever happened
            rows = self._rows + [make_row("", _tr("（内部错误）"), None, None,
                                          _tr("检查中断：发生内部错误（{0}），请把这批文件发给开发者。")
                                          .format(type(exc).__name__))]
        self.finished.emit(rows, self._stop.is_set())

    def _check_all(self) -> None:
        try:
            items = list(_items(self.paths))
        except Exception as exc:  # noqa: BLE001 - an unreadable folder is a row, not a crash
            items = [(self.paths[0] if self.paths else "", "", _tr("无法列出文件夹中的文件（{0}）。").format(type(exc).__name__))]
        total = len(items)
        self.counted.emit(total)
        rows = self._rows
        batch: list[FolderRow] = []
        last = time.monotonic()
        for k, (path, name, err) in enumerate(items):
            self._yield_to_window()
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
    """One worker in one QThread, with its signals relayed on the GUI thread.

    Listen to the run, not to the worker: after `disconnect_all()` nothing more arrives, even from
    rows the worker had already queued. The run is owned by nobody's widget tree, so a closing
    window cannot delete a thread mid-file; live runs stay in `_LIVE` until their thread ends, and
    every run is stopped (cancel, then wait) when the application quits.
    """

    counted = Signal(int)
    rows_ready = Signal(object)
    finished = Signal(object, bool)

    _LIVE: ClassVar[set[FolderRun]] = set()

    def __init__(self, paths: list[str], encoding: str | None = None):
        super().__init__()
        self.worker = FolderWorker(paths, encoding)
        self.thread = QThread()
        self.thread.setObjectName("folderCheck")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # quit from the worker's thread: the GUI thread may be the one waiting in stop()
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.counted.connect(self._on_counted)
        self.worker.rows_ready.connect(self._on_rows)
        self.worker.finished.connect(self._on_finished)
        self.thread.finished.connect(self._ended)
        self.heartbeat = QTimer(self)
        self.heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self.heartbeat.setInterval(int(BEAT_S * 1000))
        self.heartbeat.timeout.connect(self.worker.beat, Qt.ConnectionType.DirectConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        FolderRun._LIVE.add(self)
        self.heartbeat.start()
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Cancel and wait for the thread (it stops between files, so at most one file's time)."""
        self.worker.cancel()
        if self.thread.isRunning():
            self.thread.quit()
            return self.thread.wait(timeout_ms)
        return True

    def hush(self) -> None:
        self.worker.hush()

    def disconnect_all(self) -> None:
        for sig in (self.counted, self.rows_ready, self.finished):
            try:
                sig.disconnect()
            except (RuntimeError, TypeError):     # nothing connected
                pass

    def is_running(self) -> bool:
        return self.thread.isRunning()

    @Slot(int)
    def _on_counted(self, total: int) -> None:
        self.counted.emit(total)

    @Slot(object)
    def _on_rows(self, rows) -> None:
        self.rows_ready.emit(rows)

    @Slot(object, bool)
    def _on_finished(self, rows, cancelled: bool) -> None:
        self.heartbeat.stop()
        self.finished.emit(rows, cancelled)

    @Slot()
    def _ended(self) -> None:
        self.heartbeat.stop()
        # let go after this slot returns: dropping the last reference inside it would delete the
        # QThread while Qt is still delivering its `finished`
        QTimer.singleShot(0, lambda run=self: FolderRun._LIVE.discard(run))

    @classmethod
    def stop_all(cls) -> None:
        for run in list(cls._LIVE):
            run.stop()
