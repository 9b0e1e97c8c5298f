"""The findings panel: every finding grouped by table, errors first, with counts and the fix buttons."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMenu, QPushButton, QStyledItemDelegate, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from app.model import CheckResult, Finding, Fix
from app.template import TABLE_IDS, TABLE_SHORT
from app.values import format_number

from .marks import finding_tooltip
from .table_model import solid_brush

__all__ = ["FindingsPanel"]

FindingRole = Qt.ItemDataRole.UserRole + 10
VerifiedGroupRole = Qt.ItemDataRole.UserRole + 11
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_WORD_WRAP = int(Qt.TextFlag.TextWordWrap)
OTHER = "other"


_ICONS: dict = {}


def _severity_icons() -> dict:
    """A red disc with a cross for errors, an amber triangle with "!" for warnings: shapes as well as colours
    (like the cells), and drawn here because the style's icons cost QStyle's enums at every launch."""
    if _ICONS:
        return _ICONS
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap, QPolygonF
    for name, color in (("error", "#c62828"), ("warning", "#e0a000")):
        icon = QIcon()
        for size in (16, 32):
            pm = QPixmap(size, size)
            pm.fill(QColor(0, 0, 0, 0))
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            s = size / 16
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(color))
            if name == "error":
                p.drawEllipse(QPointF(8 * s, 8 * s), 7 * s, 7 * s)
                p.setPen(QPen(QColor("white"), 2 * s))
                p.drawLine(QPointF(5 * s, 5 * s), QPointF(11 * s, 11 * s))
                p.drawLine(QPointF(11 * s, 5 * s), QPointF(5 * s, 11 * s))
            else:
                p.drawPolygon(QPolygonF([QPointF(8 * s, 1 * s), QPointF(15 * s, 14.5 * s), QPointF(1 * s, 14.5 * s)]))
                p.setPen(QPen(QColor("#3a2a00"), 2 * s))
                p.drawLine(QPointF(8 * s, 5.5 * s), QPointF(8 * s, 9.5 * s))
                p.drawPoint(QPointF(8 * s, 12 * s))
            p.end()
            icon.addPixmap(pm)
            icon.addPixmap(pm, QIcon.Mode.Selected)      # Qt's generated "selected" tint washes the shape out
        _ICONS[name] = icon
    return _ICONS


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: CJK messages are long and have no spaces."""

    def __init__(self, parent):
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}    # (text, width, font) → wrapped height; the tree is rebuilt per edit

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        tree = self.parent()
        depth = 1 if index.parent().isValid() else 0
        width = max(tree.viewport_width() - tree.indentation() * (depth + 1) - 28, 80)
        text = index.data(_DISPLAY) or ""     # not index.model(): see FindingsTree
        key = (text, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 4000:
                self._heights.clear()
            height = option.fontMetrics.boundingRect(QRect(0, 0, width, 10000), _WORD_WRAP,
                                                     text).height()
            self._heights[key] = height
        return QSize(size.width(), max(size.height(), height + 8))


class FindingsTree(QTreeWidget):
    """Rows re-wrap when the viewport's width changes.

    The delegate asks for the viewport's width without calling viewport(): the first Python wrapper of a
    plain QWidget that C++ created makes PySide resolve every QWidget subclass (dialogs, wizards, graphics
    views… and their enums), about 20 ms of every launch. resizeEvent() of a scroll area is the viewport's.
    """

    _viewport_width = -1

    def viewport_width(self) -> int:
        if self._viewport_width < 0:            # before the first layout: what the viewport would get
            return self.maximumViewportSize().width()
        return self._viewport_width

    def resizeEvent(self, event):
        self._viewport_width = event.size().width()
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


class FindingsPanel(QWidget):
    finding_activated = Signal(object)          # Finding
    fix_requested = Signal(object)              # Fix
    fix_all_requested = Signal()
    verify_requested = Signal(object)           # Finding: the clerk wants to mark it 已核实
    unverify_requested = Signal(object)         # Finding: 取消核实

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
        self.verify_button = QPushButton(self.tr("标记为已核实…"), self)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setToolTip(self.tr("数字经核实无误（例如有上报说明）：记下说明，此处不再计为错误"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.summary)
        box.addWidget(self.tree, 1)
        box.addLayout(buttons)
        self._findings: list[Finding] = []
        self._result: CheckResult | None = None
        self._verified: dict = {}
        self._open_fixes: list[Fix] = []
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.verify_button.clicked.connect(self._on_verify)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        self.fix_button.clicked.connect(self._on_fix)
        self.fix_all_button.clicked.connect(self.fix_all_requested)
        self._icons = _severity_icons()

    # -- content ----------------------------------------------------------------------------
    def set_result(self, result: CheckResult, verified: dict | None = None, fixes: list[Fix] | None = None) -> None:
        """Show the findings; those in `verified` (key → Mark) go to a grey 已核实 group at the bottom."""
        keep = self.current_finding()
        self._result = result
        self._verified = dict(verified or {})
        self._findings = list(result.findings)
        self._open_fixes = list(result.fixes if fixes is None else fixes)
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, list[Finding]] = {}
        done: list[Finding] = []
        # each finding's position in the list, by identity: list.index() compared it with every finding
        # before it (n² record comparisons per rebuild, and the tree is rebuilt after every edit)
        position = {id(f): k for k, f in enumerate(self._findings)}
        for f in self._findings:
            if self._verified and f.key in self._verified:
                done.append(f)
            else:
                groups.setdefault(f.table if f.table in TABLE_IDS else OTHER, []).append(f)
        restore = None
        for tid in (*TABLE_IDS, OTHER):
            found = groups.get(tid)
            if not found:
                continue
            errors = sum(f.severity == "error" for f in found)
            warnings = len(found) - errors
            name = TABLE_SHORT.get(tid, self.tr("其他"))
            top = self._group(self.tr("{0}：{1} 处错误 · {2} 处提醒").format(name, errors, warnings),
                              QColor("#c62828") if errors else None)
            for f in sorted(found, key=lambda x: x.severity != "error"):
                item = QTreeWidgetItem(top, [self._line(f)])
                item.setIcon(0, self._icons.get(f.severity, self._icons["warning"]))
                item.setToolTip(0, finding_tooltip(f))
                item.setData(0, FindingRole, position[id(f)])
                if keep is not None and f.key == keep.key:
                    restore = item
            top.setExpanded(True)
        if done:
            grey = QColor("#808890")
            top = self._group(self.tr("已核实 ({0})").format(len(done)), grey)
            top.setData(0, VerifiedGroupRole, True)
            for f in done:
                mark = self._verified[f.key]
                text = "✓ " + f.message              # its own table name: the group is not per table
                if mark.note:
                    text += self.tr("\n核实说明：{0}").format(mark.note)
                item = QTreeWidgetItem(top, [text])
                item.setForeground(0, solid_brush(grey))
                item.setToolTip(0, finding_tooltip(f) + self.tr("\n\n已核实（{0}）：{1}").format(
                    mark.when.replace("T", " "), mark.note or self.tr("（无说明）")))
                item.setData(0, FindingRole, position[id(f)])
                if keep is not None and f.key == keep.key:
                    restore = item
            top.setExpanded(True)
        self.tree.blockSignals(False)
        if restore is not None:
            self.tree.setCurrentItem(restore)
        found = [f for f in self._findings if f.key not in self._verified] if self._verified else self._findings
        e = sum(f.severity == "error" for f in found)
        w = len(found) - e
        if not e and not w:
            text = self.tr("✓ 没有发现问题")
        else:
            text = self.tr("共 {0} 处错误、{1} 处提醒；{2} 处有建议值").format(e, w, len(self._open_fixes))
        if done:
            text += self.tr("（另有 {0} 处已核实）").format(len(done))
        self.summary.setText(text)
        self._update_buttons()

    def _group(self, text: str, color: QColor | None) -> QTreeWidgetItem:
        top = QTreeWidgetItem(self.tree, [text])
        top.setFlags(Qt.ItemFlag.ItemIsEnabled)
        f0 = top.font(0)
        f0.setBold(True)
        top.setFont(0, f0)
        if color is not None:
            top.setForeground(0, solid_brush(color))
        return top

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
    def items(self, include_verified: bool = False) -> list[QTreeWidgetItem]:
        """The finding rows, in order; F8 walks the open ones, the 已核实 group only when asked."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, VerifiedGroupRole) and not include_verified:
                continue
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def verified_items(self) -> list[QTreeWidgetItem]:
        return [it for it in self.items(True) if it.parent().data(0, VerifiedGroupRole)]

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None or item.parent() is None:      # group rows carry no finding
            return None
        return self._findings[item.data(0, FindingRole)]

    def fix_for(self, f: Finding | None) -> Fix | None:
        if f is None or self._result is None:
            return None
        if self._verified and f.key in self._verified:
            return None
        for fx in self._open_fixes:
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
        for item in self.items(include_verified=True):
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

    def _on_verify(self):
        f = self.current_finding()
        if f is None:
            return
        (self.unverify_requested if f.key in self._verified else self.verify_requested).emit(f)

    def _context_menu(self, pos):
        item = self.tree.itemAt(pos)
        if item is None or item.parent() is None:
            return
        self.tree.setCurrentItem(item)
        f = self.current_finding()
        menu = QMenu(self)
        fix = self.fix_for(f)
        if fix is not None:
            menu.addAction(self.tr("采用建议值 {0}").format(format_number(fix.value)),
                           lambda: self.fix_requested.emit(fix))
        if f.key in self._verified:
            menu.addAction(self.tr("取消核实"), lambda: self.unverify_requested.emit(f))
        else:
            menu.addAction(self.tr("标记为已核实…"), lambda: self.verify_requested.emit(f))
        self.context_menu = menu                   # kept for tests; shown at the cursor
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _update_buttons(self):
        f = self.current_finding()
        self.fix_button.setEnabled(self.fix_for(f) is not None)
        self.fix_all_button.setEnabled(bool(self._open_fixes))
        self.verify_button.setEnabled(f is not None)
        self.verify_button.setText(self.tr("取消核实") if f is not None and f.key in self._verified
                                   else self.tr("标记为已核实…"))
