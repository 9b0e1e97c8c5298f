"""The main window: menus from the shared actions, the start page or the report tabs, the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar, QStackedWidget, QTabWidget

from .actions import Actions, create_actions
from .drop import PathDropFilter

if TYPE_CHECKING:
    from .start_page import StartPage

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    close_requested = Signal(object)        # the QCloseEvent; the controller accepts or ignores it
    start_page_created = Signal(object)     # the StartPage, built the first time it is shown

    def __init__(self):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("政府信息公开年报统计表校验"))     # Qt appends " — 勾稽"
        self.undo_group = QUndoGroup(self)
        self.actions: Actions = create_actions(self, self.undo_group)
        self._start_page: StartPage | None = None
        self._painted = False
        self._after_paint: list = []
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.recent_menu = QMenu(self.tr("最近打开的文件(&R)"), self)
        self.recent_menu.setObjectName("recentMenu")
        self._build_menus()
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("verdictLabel")
        # fixed widths: a label that resizes with its text relayouts the window and repaints every grid
        self.verdict_label.setFixedWidth(330)      # room for “…（另有 N 处已核实）”
        bold = self.verdict_label.font()
        bold.setBold(True)
        self.verdict_label.setFont(bold)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.encoding_label = QLabel(self)
        self.encoding_label.setObjectName("encodingLabel")
        self.format_label = QLabel(self)
        self.format_label.setObjectName("formatLabel")
        self.encoding_label.setFixedWidth(150)
        self.format_label.setFixedWidth(110)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)                  # no steps: the bar just moves while a file is read
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        sb = self.statusBar()
        sb.addWidget(self.busy_label)
        sb.addWidget(self.busy_bar)
        self.set_busy("")
        sb.addPermanentWidget(self.format_label)
        sb.addPermanentWidget(self.encoding_label)
        sb.addPermanentWidget(self.verdict_label)
        self.drop_filter = PathDropFilter(self)     # takes the drags and drops below
        self.setAcceptDrops(True)
        self.resize(1400, 900)

    def _build_menus(self) -> None:
        a = self.actions
        mb = self.menuBar()
        file = mb.addMenu(self.tr("文件(&F)"))
        file.addAction(a.open)
        file.addAction(a.open_folder)
        file.addMenu(self.recent_menu)
        file.addSeparator()
        file.addAction(a.save)
        file.addAction(a.save_as)
        file.addAction(a.reopen_encoding)
        file.addSeparator()
        file.addAction(a.close)
        file.addAction(a.quit)
        edit = mb.addMenu(self.tr("编辑(&E)"))
        for act in (a.undo, a.redo, None, a.copy, a.paste, a.clear, None, a.find, None, a.apply_fix, a.apply_all):
            edit.addSeparator() if act is None else edit.addAction(act)
        view = mb.addMenu(self.tr("查看(&V)"))
        for act in (a.next_finding, a.prev_finding, None, a.zoom_in, a.zoom_out):
            view.addSeparator() if act is None else view.addAction(act)
        helpm = mb.addMenu(self.tr("帮助(&H)"))
        helpm.addAction(a.about)
        tb = self.addToolBar(self.tr("工具栏"))
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (a.open, a.save, None, a.undo, a.redo, None, a.prev_finding, a.next_finding, None,
                    a.apply_fix, a.apply_all):
            tb.addSeparator() if act is None else tb.addAction(act)

    @property
    def start_page(self) -> StartPage:
        """Built on first use: a window launched with a report never shows it."""
        if self._start_page is None:
            from .start_page import StartPage
            self._start_page = StartPage(self)
            self.stack.insertWidget(0, self._start_page)
            self.start_page_created.emit(self._start_page)
        return self._start_page

    def has_start_page(self) -> bool:
        return self._start_page is not None

    def show_start(self, start: bool) -> None:
        self.stack.setCurrentWidget(self.start_page if start else self.tabs)

    def after_first_paint(self, fn) -> None:
        """Call `fn` on the event-loop turn after the window's first paint, or now if it has painted.

        For work the first frame does not show (settings written to disk): a window launched with a
        report paints it without waiting for that.
        """
        if self._painted and not self._after_paint:
            fn()
        else:
            self._after_paint.append(fn)        # in order, after those still waiting

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._after_paint:
                from PySide6.QtCore import QTimer
                QTimer.singleShot(0, self._run_after_paint)

    def _run_after_paint(self) -> None:
        pending, self._after_paint = self._after_paint, []
        for fn in pending:
            fn()

    def showEvent(self, event) -> None:
        if self.tabs.count() == 0 and self._start_page is None:
            self.show_start(True)
        super().showEvent(event)

    def set_status(self, verdict: str, errors: int, encoding: str, fmt: str) -> None:
        # only what changed: a style sheet or label resize relayouts the status bar and repaints the window
        color = QColor("#c62828" if errors else "#2e7d32")
        pal = self.verdict_label.palette()
        if pal.color(QPalette.ColorRole.WindowText) != color:
            pal.setColor(QPalette.ColorRole.WindowText, color)
            self.verdict_label.setPalette(pal)
        for label, text in ((self.verdict_label, verdict), (self.format_label, fmt),
                            (self.encoding_label, self.tr("编码：{0}").format(encoding) if encoding else "")):
            if label.text() != text:
                label.setText(text)

    def set_busy(self, text: str) -> None:
        """A moving bar and what is being read, or nothing."""
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy_bar.setVisible(bool(text))

    def dragEnterEvent(self, event) -> None:
        if not self.drop_filter.take_drag(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if not self.drop_filter.take_drag(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if not self.drop_filter.take_drop(event):
            super().dropEvent(event)

    def closeEvent(self, event) -> None:
        self.close_requested.emit(event)
