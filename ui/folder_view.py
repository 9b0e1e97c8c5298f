"""The county reviewer's list: many reports checked off the GUI thread, one row each, a summary workbook.

FolderView is self-contained: hand it paths with `check_paths()`; it emits `open_requested(path)` when a
row is double-clicked (or Enter is pressed), and `check_finished()` when a run is over.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QProgressBar, QPushButton, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView, QVBoxLayout, QWidget)

from app import GoujiError
from app.values import format_number

from .folder_worker import ERROR, FINE, KEY_TOTALS, UNREADABLE, WARNING, FolderRow, FolderRun

__all__ = ["FolderView", "FolderTableModel", "open_folder_review",
           "VerdictRole", "PathRole", "SortRole", "COLUMNS", "FILTERS"]

VerdictRole = Qt.ItemDataRole.UserRole + 1     # 'unreadable' | 'error' | 'warning' | 'fine'
PathRole = Qt.ItemDataRole.UserRole + 2        # the file's full path
SortRole = Qt.ItemDataRole.UserRole + 3        # numbers as numbers, verdicts by severity

FLUSH_MS = 200                                 # rows reach the table in batches: each batch costs a repaint


def _tr(text: str) -> str:
    return QCoreApplication.translate("FolderView", text)


# column id, header; the last six are the key totals of the summary workbook
COLUMNS = (("file", "文件"), ("title", "报告"), ("year", "年度"), ("format", "模板"), ("encoding", "编码"),
           ("errors", "错误"), ("warnings", "提醒"), ("verdict", "结论")) + tuple(
    (f"total{i}", name) for i, name in enumerate(KEY_TOTALS))
_COL = {cid: k for k, (cid, _) in enumerate(COLUMNS)}
_FIRST_TOTAL = _COL["total0"]

VERDICT_TEXT = {ERROR: "错误", WARNING: "提醒", FINE: "无问题", UNREADABLE: "无法读取"}
_VERDICT_RANK = {UNREADABLE: 0, ERROR: 1, WARNING: 2, FINE: 3}
_VERDICT_COLORS = {               # background, text
    ERROR: ("#fde2e1", "#b71c1c"),
    WARNING: ("#fff3cd", "#8a5300"),
    FINE: ("#e3f2e5", "#1b5e20"),
    UNREADABLE: ("#e4e4ea", "#37374a"),
}
# (key, label) of the filter box; the key is a verdict or "" for all
FILTERS = (("", "全部"), (ERROR, "有错误"), (WARNING, "有提醒"), (UNREADABLE, "无法读取"))
_SOURCE_KIND = {"docx": "Word 文档", "pdf": "PDF", "xlsx": "Gouji 工作簿"}

Align = Qt.AlignmentFlag
_LEFT = int(Align.AlignLeft | Align.AlignVCenter)
_CENTER = int(Align.AlignCenter)
_RIGHT = int(Align.AlignRight | Align.AlignVCenter)


class FolderTableModel(QAbstractTableModel):
    """FolderRows mapped to roles, sorted and filtered here (every value was computed by the worker).

    `rows` holds every file in file order (the summary workbook's order); `shown` the rows the table
    lists. No QSortFilterProxyModel: each Python call a repaint makes may wait for the worker's
    interpreter lock, and the proxy tripled them (two rowCount/columnCount per mapped data() call).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[FolderRow] = []
        self.shown: list[FolderRow] = []
        self.verdict = ""                         # filter: "" or one verdict
        self.sort_column = -1                     # -1: file order
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._brushes = {v: (QBrush(QColor(bg)), QBrush(QColor(fg))) for v, (bg, fg) in _VERDICT_COLORS.items()}
        self._grey = QBrush(QColor("#6b6b6b"))
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = [_tr(h) for _, h in COLUMNS]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section >= _FIRST_TOTAL:
                return _tr("表三、表四的关键总计（与汇总工作簿相同）")
        return None

    def row_at(self, index) -> FolderRow:
        return self.shown[index.row()]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.shown[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, col)
        if role == SortRole:
            return _sort_key(row, col)
        if role == VerdictRole:
            return row.verdict
        if role == PathRole:
            return row.path
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colours(row, col)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colours(row, col)[1]
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if col == _COL["verdict"] else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        return None

    def display(self, row: FolderRow, col: int) -> str:
        return display_text(row, col)

    def colours(self, row: FolderRow, col: int) -> tuple:
        """(background, foreground) brushes or None: the verdict by colour, beside its text."""
        if col == _COL["verdict"]:
            return self._brushes[row.verdict]
        if col == _COL["errors"] and row.errors:
            return self._brushes[ERROR]
        if col == _COL["warnings"] and row.warnings:
            return self._brushes[WARNING]
        if row.report is None and col == _COL["title"]:
            return None, self._brushes[UNREADABLE][1]
        return None, None

    def is_bold(self, col: int) -> bool:
        return col == _COL["verdict"]

    def _tooltip(self, row: FolderRow, col: int):
        if col == 0:
            return row.path
        if row.report is None:
            return _tr("无法读取：{0}").format(row.error or "")
        if col == _COL["title"]:
            return row.report.title + (f"\n{row.error}" if row.error else "")
        if col in (_COL["verdict"], _COL["errors"], _COL["warnings"]):
            lines = []
            if row.error:
                lines.append(row.error)
            findings = sorted(row.result.findings, key=lambda f: f.severity != "error")
            for f in findings[:6]:
                lines.append((_tr("错误：") if f.severity == "error" else _tr("提醒：")) + f.message)
            if len(findings) > 6:
                lines.append(_tr("……另有 {0} 处").format(len(findings) - 6))
            if row.cross:
                lines.append(_tr("其中 {0} 处是跨年度或汇总核对的提醒").format(row.cross))
            return "\n".join(lines) or _tr("没有发现问题")
        return None

    # -- changes, from the view only --------------------------------------------------------------
    def _accepts(self, row: FolderRow) -> bool:
        return not self.verdict or row.verdict == self.verdict

    def _ordered(self, rows: list[FolderRow]) -> list[FolderRow]:
        if self.sort_column < 0:
            return rows
        col = self.sort_column
        return sorted(rows, key=lambda r: _sort_key(r, col), reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def append_rows(self, rows: list[FolderRow]) -> None:
        self.rows.extend(rows)
        fresh = [r for r in rows if self._accepts(r)]
        if not fresh:
            return
        n = len(self.shown)
        self.beginInsertRows(QModelIndex(), n, n + len(fresh) - 1)
        self.shown.extend(fresh)
        self.endInsertRows()
        if self.sort_column >= 0:
            self._relayout(self._ordered(self.shown))

    def replace_rows(self, rows: list[FolderRow]) -> None:
        """The final rows (cross-report findings added): the same files in the same order, maybe more."""
        if len(rows) < len(self.rows) or [r.path for r in rows[:len(self.rows)]] != [r.path for r in self.rows]:
            self.set_rows(rows)
            return
        same = {id(old): new for old, new in zip(self.rows, rows)}
        extra = rows[len(self.rows):]
        self.rows = list(rows[:len(self.rows)])
        self._relayout([same[id(r)] for r in self.shown], keep_order=True)
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.shown) - 1, len(COLUMNS) - 1))
        self.append_rows(extra)

    def set_rows(self, rows: list[FolderRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.shown = self._ordered([r for r in self.rows if self._accepts(r)])
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def set_verdict(self, verdict: str) -> None:
        self.verdict = verdict
        self.set_rows(self.rows)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column if 0 <= column < len(COLUMNS) else -1
        self.sort_order = order
        if self.sort_column < 0:
            pos = {id(r): k for k, r in enumerate(self.rows)}
            self._relayout(sorted(self.shown, key=lambda r: pos[id(r)]))
        else:
            self._relayout(self._ordered(self.shown))

    def _relayout(self, new: list[FolderRow], keep_order: bool = False) -> None:
        """Reorder `shown` (same rows, or the same positions with new row objects) keeping the selection."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        if keep_order:
            self.shown = new
        else:
            where = [self.shown[i.row()] if 0 <= i.row() < len(self.shown) else None for i in old]
            self.shown = new
            pos = {id(r): k for k, r in enumerate(new)}
            self.changePersistentIndexList(
                old, [self.index(pos[id(r)], i.column()) if r is not None and id(r) in pos else QModelIndex()
                      for r, i in zip(where, old)])
        self.layoutChanged.emit()


def display_text(row: FolderRow, col: int) -> str:
    """The text of one cell, for data() and for the delegate alike."""
    rep = row.report
    if col == 0:
        return row.name
    if col == 1:
        return rep.title if rep is not None else row.error or ""
    if rep is None:
        return _tr(VERDICT_TEXT[UNREADABLE]) if col == _COL["verdict"] else ""
    if col == 2:
        return str(rep.year) if rep.year is not None else ""
    if col == 3:
        return _tr("{0}年版").format(rep.format)
    if col == 4:
        return _tr(_SOURCE_KIND.get(rep.encoding, rep.encoding))
    if col == 5:
        return str(row.errors)
    if col == 6:
        return str(row.warnings)
    if col == 7:
        return _tr(VERDICT_TEXT[row.verdict])
    v = row.totals[col - _FIRST_TOTAL]
    return format_number(v) if v is not None else ""


def _alignment(col: int) -> int:
    if col in (_COL["file"], _COL["title"]):
        return _LEFT
    return _RIGHT if col >= _FIRST_TOTAL else _CENTER


def _sort_key(row: FolderRow, col: int):
    """Numbers as numbers (unknown first when ascending), verdicts by severity, text as text."""
    if col == _COL["verdict"]:
        return _VERDICT_RANK[row.verdict]
    if col == _COL["errors"]:
        v = row.errors
    elif col == _COL["warnings"]:
        v = row.warnings
    elif col == _COL["year"]:
        v = row.report.year if row.report is not None else None
    elif col >= _FIRST_TOTAL:
        v = row.totals[col - _FIRST_TOTAL]
    else:
        return display_text(row, col)
    return float(v) if v is not None else -1.0


class _RowDelegate(QStyledItemDelegate):
    """Paints a cell from the model's row in one Python call, instead of one data() call per role."""

    def __init__(self, model: FolderTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self._bold = QFont()
        self._bold.setBold(True)

    def initStyleOption(self, option, index) -> None:
        m = self.model
        r = index.row()
        if not 0 <= r < len(m.shown):
            return super().initStyleOption(option, index)
        row = m.shown[r]
        col = index.column()
        option.index = index
        option.text = m.display(row, col)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.displayAlignment = Qt.AlignmentFlag(_alignment(col))
        if col == _COL["file"]:                          # keep the extension and the start of a name
            option.textElideMode = Qt.TextElideMode.ElideMiddle
        bg, fg = m.colours(row, col)
        if bg is not None:
            option.backgroundBrush = bg
        if fg is not None:
            pal = option.palette
            pal.setBrush(QPalette.ColorRole.Text, fg)
            option.palette = pal
        if m.is_bold(col):
            font = QFont(option.font)
            font.setBold(True)
            option.font = font
            option.fontMetrics = QFontMetrics(font)


class _FolderTable(QTableView):
    """Enter opens the current row; a keyPressEvent override, so no Python runs for other events."""

    activated_by_key = Signal(QModelIndex)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_by_key.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class FolderView(QWidget):
    open_requested = Signal(str)
    check_finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("folderView")
        self.setWindowTitle(self.tr("文件夹检查 — 勾稽"))
        self.paths: list[str] = []
        self.cancelled = False
        self._run: FolderRun | None = None
        self._pending: list[FolderRow] = []
        self._total = 0
        self._flush = QTimer(self)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self._flush_pending)

        self.model = FolderTableModel(self)
        self.table = _FolderTable(self)
        self.table.setObjectName("folderTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(_RowDelegate(self.model, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)     # file order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)   # a title's body comes first
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(_COL["title"], QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("年")
        widths = {"file": 13, "year": 3.5, "format": 4.5, "encoding": 4.5, "errors": 3, "warnings": 3, "verdict": 4.5}
        for cid, w in widths.items():
            self.table.setColumnWidth(_COL[cid], int(w * em) + 16)
        for i, name in enumerate(KEY_TOTALS):
            self.table.setColumnWidth(_FIRST_TOTAL + i, max(4, len(name)) * em + 16)
        self.table.doubleClicked.connect(self._activate)
        self.table.activated_by_key.connect(self._activate)

        self.summary = QLabel(self)
        self.summary.setObjectName("folderSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.summary.font()
        f.setBold(True)
        self.summary.setFont(f)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("folderProgress")
        self.progress.setTextVisible(False)          # the summary line counts the files
        self.progress.setMaximumWidth(220)
        self.stop_button = QPushButton(self.tr("停止"), self)
        self.stop_button.setObjectName("folderStop")
        self.stop_button.clicked.connect(self.cancel)
        self.filter = QComboBox(self)
        self.filter.setObjectName("folderFilter")
        for key, label in FILTERS:
            self.filter.addItem(self.tr(label), key)
        self.filter.currentIndexChanged.connect(self._on_filter)
        self.export_button = QPushButton(self.tr("导出汇总表…"), self)
        self.export_button.setObjectName("folderExport")
        self.export_button.clicked.connect(self.export_summary)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress)
        top.addWidget(self.stop_button)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("显示："), self))
        top.addWidget(self.filter)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.hint = QLabel(self.tr("双击一行（或按回车）在主窗口中打开该报告；点击列标题排序。"), self)
        self.hint.setStyleSheet("color: #607080;")
        layout.addWidget(self.hint)
        self._set_running(False)
        self._update_summary()

    # -- running ----------------------------------------------------------------------------------
    def check_paths(self, paths: list[str], encoding: str | None = None) -> None:
        """Check these files and folders (recursively) off the GUI thread; replaces any earlier list."""
        self._stop_run()
        self.paths = list(paths)
        self.cancelled = False
        self._pending = []
        self._total = 0
        self.model.clear()
        run = FolderRun(self.paths, encoding)
        run.counted.connect(self._on_counted)
        run.rows_ready.connect(self._on_rows)
        run.finished.connect(self._on_finished)
        self._run = run
        self._set_running(True)
        self._update_summary()
        self._flush.start()
        run.start()

    def cancel(self) -> None:
        """Stop after the file being checked; the rows so far stay, with their cross-year findings."""
        if self._run is not None:
            self._run.cancel()
            self.stop_button.setEnabled(False)
            self._update_summary()

    def is_running(self) -> bool:
        return self._run is not None

    def rows(self) -> list[tuple]:
        """(path, report|None, result|None, error|None) per file, in file order: app.summary's rows."""
        return [r.summary_tuple() for r in self.model.rows]

    def _stop_run(self) -> None:
        if self._run is not None:
            self._run.disconnect_all()
            self._run.stop()
            self._run = None
        self._flush.stop()

    @Slot(int)
    def _on_counted(self, total: int) -> None:
        self._total = total
        self.progress.setRange(0, max(total, 1))

    @Slot(object)
    def _on_rows(self, rows: list[FolderRow]) -> None:
        self._pending.extend(rows)

    @Slot()
    def _flush_pending(self) -> None:
        if self._pending:
            rows, self._pending = self._pending, []
            if self._run is not None:
                self._run.hush()                     # the repaint these rows cause runs undisturbed
            self.model.append_rows(rows)
            self.progress.setValue(len(self.model.rows))
            self._update_summary()

    @Slot(object, bool)
    def _on_finished(self, rows: list[FolderRow], cancelled: bool) -> None:
        self._flush_pending()
        self._flush.stop()
        self.model.replace_rows(rows)
        self.cancelled = cancelled
        self._run = None
        self._set_running(False)
        self._update_summary()
        self.check_finished.emit()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(running)
        self.export_button.setEnabled(not running and bool(self.model.rows))
        if running:
            self.progress.setRange(0, 0)          # busy until the folders are walked
            self.progress.setValue(0)

    # -- summary ----------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {v: 0 for v in VERDICT_TEXT}
        for r in self.model.rows:
            out[r.verdict] += 1
        return out

    def summary_text(self) -> str:
        rows = self.model.rows
        c = self.counts()
        if self._run is not None and self._run.worker.cancelled:
            return self.tr("正在停止……")
        if self._run is not None:
            total = self._total or len(rows)
            head = self.tr("正在检查：{0} / {1} 份").format(len(rows), total) if total else self.tr("正在查找报告文件……")
        elif not rows:
            return self.tr("没有报告。") if self.paths else ""
        else:
            head = self.tr("{0} 份报告").format(len(rows))
        parts = [self.tr(text).format(c[v]) for v, text in ((ERROR, "{0} 份有错误"), (WARNING, "{0} 份有提醒"),
                                                              (UNREADABLE, "{0} 份无法读取")) if c[v]]
        if not rows:
            text = head
        elif parts:
            text = head + self.tr("：") + self.tr("、").join(parts)
        else:
            text = head + self.tr("：均无问题")
        cross = sum(r.cross for r in rows)
        if cross and self._run is None:
            text += self.tr("；跨年度核对 {0} 处提醒").format(cross)
        if self.cancelled and self._run is None:
            text += self.tr("（已停止，其余文件未检查）")
        return text

    def _update_summary(self) -> None:
        self.summary.setText(self.summary_text())
        c = self.counts()
        for k, (key, label) in enumerate(FILTERS):
            n = len(self.model.rows) if not key else c[key]
            self.filter.setItemText(k, self.tr("{0}（{1}）").format(self.tr(label), n))

    @Slot(int)
    def _on_filter(self, _index: int) -> None:
        self.model.set_verdict(self.filter.currentData() or "")

    # -- opening and exporting --------------------------------------------------------------------
    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.row_at(index).path:
            self.open_requested.emit(self.model.row_at(index).path)

    def suggested_summary_path(self) -> str:
        first = self.paths[0] if self.paths else os.path.expanduser("~")
        folder = first if os.path.isdir(first) else os.path.dirname(os.path.abspath(first))
        name = os.path.basename(os.path.normpath(first)) if os.path.isdir(first) else ""
        return os.path.join(folder, self.tr("{0}年报检查汇总.xlsx").format(name + "_" if name else ""))

    def export_summary(self) -> bool:
        """Ask where, then write the summary workbook (app.summary) of every row, in file order."""
        if not self.model.rows or self._run is not None:
            return False
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出汇总表"), self.suggested_summary_path(),
                                              self.tr("Excel 工作簿 (*.xlsx)"))
        if not path:
            return False
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        from app.summary import write_summary
        error = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)     # about a second per 1,000 reports
        try:
            write_summary(self.rows(), path)
        except GoujiError as exc:
            error = str(exc)
        except OSError as exc:
            error = exc.strerror or str(exc)
        finally:
            QApplication.restoreOverrideCursor()
        if error is not None:
            QMessageBox.critical(self, self.tr("无法导出"), self.tr("汇总表未能写出：{0}").format(error))
            return False
        self.hint.setText(self.tr("已导出汇总表：{0}").format(path))
        return True

    def closeEvent(self, event) -> None:
        self._stop_run()
        if self._run is None:
            self._set_running(False)
        super().closeEvent(event)


def open_folder_review(parent: QWidget | None, open_paths: Callable[[list[str]], object] | None = None,
                       paths: list[str] | None = None, encoding: str | None = None) -> FolderView | None:
    """Show the folder list as its own window beside `parent` (one per parent) and check `paths`.

    Without paths, asks for a folder. A double-clicked row is handed to `open_paths([path])`
    (the controller's open_paths) and the main window comes forward.
    """
    if paths is None:
        folder = QFileDialog.getExistingDirectory(parent, _tr("选择要检查的文件夹"), os.path.expanduser("~"))
        if not folder:
            return None
        paths = [folder]
    view = parent.findChild(FolderView, "folderView") if parent is not None else None
    if view is None:
        view = FolderView(parent)
        view.setWindowFlag(Qt.WindowType.Window, True)
        view.resize(1280, 640)
        if open_paths is not None:
            def _open(path: str, _view=view) -> None:
                open_paths([path])
                top = _view.parentWidget()
                if top is not None:
                    top.raise_()
                    top.activateWindow()
            view.open_requested.connect(_open)
    view.check_paths(paths, encoding)
    view.show()
    view.raise_()
    return view
