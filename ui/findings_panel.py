"""The findings panel: every finding grouped by table, errors first, with counts and the fix buttons."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QStyle, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from app.model import CheckResult, Finding, Fix
from app.template import TABLE_IDS, TABLE_SHORT
from app.values import format_number

from .marks import finding_tooltip

__all__ = ["FindingsPanel"]

FindingRole = Qt.ItemDataRole.UserRole + 10
OTHER = "other"


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: CJK messages are long and have no spaces."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        tree = self.parent()
        depth = 1 if index.parent().isValid() else 0
        width = tree.viewport().width() - tree.indentation() * (depth + 1) - 28
        text = index.model().data(index, Qt.ItemDataRole.DisplayRole) or ""
        rect = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 80), 10000),
                                               int(Qt.TextFlag.TextWordWrap), text)
        return QSize(size.width(), max(size.height(), rect.height() + 8))


class FindingsTree(QTreeWidget):
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class FindingsPanel(QWidget):
    finding_activated = Signal(object)          # Finding
    fix_requested = Signal(object)              # Fix
    fix_all_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.summary = QLabel(self)
        self.summary.setObjectName("findingsSummary")
        self.tree = FindingsTree(self)
        self.tree.setItemDelegate(_WrapDelegate(self.tree))
        self.tree.setObjectName("findingsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setStretchLastSection(True)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fix_button = QPushButton(self.tr("采用建议值"), self)
        self.fix_button.setObjectName("fixButton")
        self.fix_all_button = QPushButton(self.tr("采用全部建议值"), self)
        self.fix_all_button.setObjectName("fixAllButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.summary)
        box.addWidget(self.tree, 1)
        box.addLayout(buttons)
        self._findings: list[Finding] = []
        self._result: CheckResult | None = None
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        self.fix_button.clicked.connect(self._on_fix)
        self.fix_all_button.clicked.connect(self.fix_all_requested)
        self._icons = {"error": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       "warning": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}

    # -- content ----------------------------------------------------------------------------
    def set_result(self, result: CheckResult) -> None:
        keep = self.current_finding()
        self._result = result
        self._findings = list(result.findings)
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, list[Finding]] = {}
        for f in self._findings:
            groups.setdefault(f.table if f.table in TABLE_IDS else OTHER, []).append(f)
        restore = None
        for tid in (*TABLE_IDS, OTHER):
            found = groups.get(tid)
            if not found:
                continue
            errors = sum(f.severity == "error" for f in found)
            warnings = len(found) - errors
            name = TABLE_SHORT.get(tid, self.tr("其他"))
            top = QTreeWidgetItem(self.tree, [self.tr("{0}：{1} 处错误 · {2} 处提醒").format(name, errors, warnings)])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f0 = top.font(0)
            f0.setBold(True)
            top.setFont(0, f0)
            if errors:
                top.setForeground(0, QBrush(QColor("#c62828")))
            for f in sorted(found, key=lambda x: x.severity != "error"):
                item = QTreeWidgetItem(top, [self._line(f)])
                item.setIcon(0, self._icons.get(f.severity, self._icons["warning"]))
                item.setToolTip(0, finding_tooltip(f))
                item.setData(0, FindingRole, self._findings.index(f))
                if keep is not None and f.key == keep.key:
                    restore = item
            top.setExpanded(True)
        self.tree.blockSignals(False)
        if restore is not None:
            self.tree.setCurrentItem(restore)
        e, w = result.errors, result.warnings
        if not e and not w:
            self.summary.setText(self.tr("✓ 没有发现问题"))
        else:
            self.summary.setText(self.tr("共 {0} 处错误、{1} 处提醒；{2} 处有建议值").format(e, w, len(result.fixes)))
        self._update_buttons()

    def _line(self, f: Finding) -> str:
        fix = self.fix_for(f)
        text = f.message
        prefix = TABLE_SHORT.get(f.table, "")
        if prefix and text.startswith(prefix):        # the group row already names the table
            text = text[len(prefix):]
        if fix is not None:
            text = self.tr("［可改为 {0}］").format(format_number(fix.value)) + text
        return text

    # -- queries ------------------------------------------------------------------------------
    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None or item.parent() is None:      # group rows carry no finding
            return None
        return self._findings[item.data(0, FindingRole)]

    def fix_for(self, f: Finding | None) -> Fix | None:
        if f is None or self._result is None:
            return None
        for fx in self._result.fixes:
            if fx.table == f.table and fx.cell in f.cells and f.severity == "error":
                return fx
        return None

    # -- navigation ---------------------------------------------------------------------------
    def select_step(self, step: int) -> Finding | None:
        """F8 / Shift+F8: the next or previous finding, wrapping around."""
        items = self.items()
        if not items:
            return None
        cur = self.tree.currentItem()
        k = items.index(cur) if cur in items else (-1 if step > 0 else 0)
        item = items[(k + step) % len(items)]
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        f = self.current_finding()
        self.finding_activated.emit(f)
        return f

    def select_finding(self, f: Finding) -> bool:
        for item in self.items():
            if self._findings[item.data(0, FindingRole)].key == f.key:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
        return False

    def _on_current(self, *_):
        self._update_buttons()

    def _on_clicked(self, item, _col=0):
        if item.parent() is not None:
            self.finding_activated.emit(self._findings[item.data(0, FindingRole)])

    def _on_fix(self):
        fix = self.fix_for(self.current_finding())
        if fix is not None:
            self.fix_requested.emit(fix)

    def _update_buttons(self):
        self.fix_button.setEnabled(self.fix_for(self.current_finding()) is not None)
        self.fix_all_button.setEnabled(bool(self._result and self._result.fixes))
