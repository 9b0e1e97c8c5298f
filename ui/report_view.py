"""One tab: the three official tables, the findings panel, the source text and a find bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.model import Finding
from app.template import TABLE_IDS, TABLE_SHORT

from .document import ReportDocument
from .findings_panel import FindingsPanel
from .grid_view import TablePane
from .layout import CORNER, HEADER, LABEL, TITLE
from .source_pane import SourcePane
from .table_model import LineRole, ReportTableModel

__all__ = ["ReportView"]


class _Models(dict):
    """The tables' models by id, each built on first use: a launch shows one table of three."""

    def __init__(self, view: "ReportView"):
        super().__init__()
        self._view = view

    def __missing__(self, tid: str) -> ReportTableModel:
        if tid not in TABLE_IDS:
            raise KeyError(tid)
        model = self[tid] = ReportTableModel(self._view.doc, tid, self._view)
        return model


class ReportView(QWidget):
    status_changed = Signal()

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.zoom = 1.0
        self.banner = QLabel(self)
        self.banner.setObjectName("reportBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(bool(doc.report.error))
        if doc.report.error:                    # a style sheet re-polishes the widget: only when shown
            self.banner.setStyleSheet("QLabel { background: #fff3cd; border: 1px solid #e0c060; padding: 6px; }")
            self.banner.setText(self.tr("注意：{0}").format(doc.report.error))
        self._find_bar: QWidget | None = None    # built when first opened: most launches never search
        self.tables = QTabWidget(self)
        self.tables.setObjectName("tableTabs")
        self.models: dict[str, ReportTableModel] = _Models(self)
        self._panes: dict[str, TablePane] = {}
        self._pages: dict[str, QWidget] = {}
        self.grid_actions: list = []            # copy / paste / clear, given by the controller
        for tid in TABLE_IDS:
            if tid not in doc.report.tables:          # ReportTableModel.present
                empty = QLabel(self.tr("报告中没有找到此表。"), self)
                empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.tables.addTab(empty, TABLE_SHORT[tid])
                continue
            # each grid is built when its tab is first shown: the first paint needs one, not three
            page = QWidget(self)
            lay = QVBoxLayout(page)
            lay.setContentsMargins(0, 0, 0, 0)
            self._pages[tid] = page
            self.tables.addTab(page, TABLE_SHORT[tid])
        self.tables.currentChanged.connect(lambda k: self.pane(TABLE_IDS[k]) if k >= 0 else None)
        self.pane(self.current_table())
        self.findings = FindingsPanel(self)
        self.source = SourcePane(self)
        self.source.set_text(doc.report.text, after_paint=True)
        self.side = QSplitter(Qt.Orientation.Vertical, self)
        self.side.setObjectName("sideSplitter")
        self.side.addWidget(self.findings)
        self.side.addWidget(self.source)
        self.side.setStretchFactor(0, 3)
        self.side.setStretchFactor(1, 2)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("mainSplitter")
        self.split.addWidget(self.tables)
        self.split.addWidget(self.side)
        self.split.setStretchFactor(0, 5)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([960, 420])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.banner)
        box.addWidget(self.split, 1)
        self.findings.finding_activated.connect(self.show_finding)
        self.findings.fix_requested.connect(doc.apply_fix)
        self.findings.fix_all_requested.connect(doc.apply_all_fixes)
        doc.changed.connect(self._on_changed)
        self._red_tabs: dict[int, bool] = {}       # table tab → its text is red (the table has errors)
        self._on_changed()
        self._find_hits: list[tuple[str, int, int]] = []
        self._find_pos = -1

    # -- state ------------------------------------------------------------------------------
    def _on_changed(self) -> None:
        self.findings.set_result(self.doc.result, self.doc.verified, self.doc.open_fixes())
        counts = {}
        for f in self.doc.open_findings():
            if f.severity == "error":
                counts[f.table] = counts.get(f.table, 0) + 1
        for k, tid in enumerate(TABLE_IDS):
            # colour and tooltip, not the text: a new tab text relayouts and repaints the whole grid
            n = counts.get(tid, 0)
            tip = self.tr("{0}：{1} 处错误").format(TABLE_SHORT[tid], n) if n else TABLE_SHORT[tid]
            if self.tables.tabToolTip(k) != tip:
                self.tables.setTabToolTip(k, tip)
            # the tab bar only when a colour changes (a report without errors never needs it: the first
            # Python wrapper of the C++-made QTabBar builds its class and enums)
            if bool(n) != self._red_tabs.get(k, False):
                self._red_tabs[k] = bool(n)
                self.tables.tabBar().setTabTextColor(k, QColor("#c62828") if n else QColor())
        self.status_changed.emit()

    def current_table(self) -> str:
        return TABLE_IDS[max(self.tables.currentIndex(), 0)]

    def pane(self, tid: str) -> TablePane | None:
        """The table's grid, built on first use; None when the report has no such table."""
        pane = self._panes.get(tid)
        if pane is None and tid in self._pages:
            model = self.models[tid]
            pane = TablePane(model, self._pages[tid])
            pane.body.selectionModel().currentChanged.connect(lambda cur, _prev, m=model: self._on_cell(m, cur))
            pane.body.zoom_requested.connect(self.zoom_by)
            pane.body.addActions(self.grid_actions)
            if self.zoom != 1.0:
                pane.set_zoom(self.zoom)
            self._pages[tid].layout().addWidget(pane)
            self._panes[tid] = pane
        return pane

    @property
    def panes(self) -> dict[str, TablePane]:
        """Every table's grid (builds the ones not shown yet)."""
        return {tid: self.pane(tid) for tid in self._pages}

    def set_grid_actions(self, actions: list) -> None:
        self.grid_actions = list(actions)
        for pane in self._panes.values():
            pane.body.addActions(self.grid_actions)

    def current_grid(self):
        pane = self.pane(self.current_table())
        return pane.body if pane else None

    # -- navigation -------------------------------------------------------------------------
    def show_finding(self, f: Finding | None) -> None:
        if f is None or f.table not in self._pages:
            return
        self.tables.setCurrentIndex(TABLE_IDS.index(f.table))
        pane = self.pane(f.table)
        pane.body.select_keys(list(f.cells))
        pane.body.setFocus()
        cells = self.doc.report.tables.get(f.table, {})
        self.source.show_lines([cells[k].line for k in f.cells if k in cells and cells[k].line])

    def next_finding(self, step: int = 1) -> Finding | None:
        return self.findings.select_step(step)

    def _on_cell(self, model: ReportTableModel, index) -> None:
        line = model.data(index, LineRole) if index.isValid() else None
        if line:
            self.source.show_lines([line])

    def zoom_by(self, step: int) -> None:
        self.zoom = max(0.6, min(2.5, self.zoom * (1.1 if step > 0 else 1 / 1.1)))
        for pane in self._panes.values():
            pane.set_zoom(self.zoom)

    # -- find a label -------------------------------------------------------------------------
    @property
    def find_bar(self) -> QWidget:
        """The find bar (hidden until opened), between the banner and the tables; built on first use."""
        if self._find_bar is None:
            self._find_bar = self._make_find_bar()
            self.layout().insertWidget(1, self._find_bar)
        return self._find_bar

    @property
    def find_edit(self):
        self.find_bar
        return self._find_edit

    @property
    def find_status(self) -> QLabel:
        self.find_bar
        return self._find_status

    def _make_find_bar(self) -> QWidget:
        from PySide6.QtWidgets import QLineEdit, QPushButton
        bar = QWidget(self)
        bar.setObjectName("findBar")
        edit = QLineEdit(bar)
        edit.setObjectName("findEdit")
        edit.setPlaceholderText(self.tr("查找行或列的名称，例如“予以公开”"))
        status = QLabel(bar)
        self._find_edit, self._find_status = edit, status
        nxt = QPushButton(self.tr("下一个"), bar)
        close = QPushButton(self.tr("关闭"), bar)
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel(self.tr("查找："), bar))
        row.addWidget(edit, 1)
        row.addWidget(nxt)
        row.addWidget(status)
        row.addWidget(close)
        edit.returnPressed.connect(self.find_next)
        edit.textChanged.connect(self._reset_find)
        nxt.clicked.connect(self.find_next)
        close.clicked.connect(lambda: bar.hide())
        bar.hide()
        return bar

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _reset_find(self) -> None:
        self._find_hits = []
        self._find_pos = -1

    def find_next(self) -> bool:
        needle = "".join(self.find_edit.text().split())
        if not needle:
            return False
        if not self._find_hits:
            for tid in self._pages:
                lay = self.models[tid].layout
                for (r, c), g in sorted(lay.anchors.items()):
                    if g.kind in (LABEL, HEADER, TITLE, CORNER) and needle in "".join(g.text.split()):
                        self._find_hits.append((tid, r, c))
        if not self._find_hits:
            self.find_status.setText(self.tr("找不到“{0}”").format(needle))
            return False
        self._find_pos = (self._find_pos + 1) % len(self._find_hits)
        tid, r, c = self._find_hits[self._find_pos]
        self.tables.setCurrentIndex(TABLE_IDS.index(tid))
        pane = self.pane(tid)
        lay = pane.model.layout
        # land on the row's first number (or the column's first), so typing edits it
        kind = lay.cell_at(r, c).kind
        target = lay.step(r, c, 0, 1) if kind == LABEL else lay.step(r, c, 1, 0)
        if target is not None:
            idx = pane.model.index(*target)
            pane.body.setCurrentIndex(idx)
            pane.body.scrollTo(idx)
            pane.body.setFocus()
        self.find_status.setText(f"{self._find_pos + 1}/{len(self._find_hits)}")
        return True
