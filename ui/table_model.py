"""ReportTableModel: one official table of one document, mapped to Qt roles (no rules evaluated here)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.model import BLANK, MISSING, TEXT

from .document import CellEdit, ReportDocument
from .layout import CORNER, DATA, HEADER, LABEL, TITLE, GridLayout, build_layout

__all__ = ["ReportTableModel", "cell_data", "solid_brush", "BRUSHES", "KindRole", "KeyRole", "MarkRole", "FixRole", "StateRole", "LineRole", "PaintRole", "PALETTE"]

KindRole = Qt.ItemDataRole.UserRole + 1      # 'title' | 'corner' | 'header' | 'label' | 'data'
KeyRole = Qt.ItemDataRole.UserRole + 2       # (row_id, col_id) for data cells
MarkRole = Qt.ItemDataRole.UserRole + 3      # 'error' | 'warning' | None
FixRole = Qt.ItemDataRole.UserRole + 4       # suggested text when this is a fix cell
StateRole = Qt.ItemDataRole.UserRole + 5     # the core's cell state
LineRole = Qt.ItemDataRole.UserRole + 6      # 1-based source line
PaintRole = Qt.ItemDataRole.UserRole + 7     # (state, mark, fix text) in one call, for the delegate

PALETTE = {
    "header": QColor("#e8edf3"),
    "title": QColor("#d9e2ec"),
    "label": QColor("#f5f7fa"),
    "error": QColor("#fde2e1"),
    "warning": QColor("#fff3cd"),
    "fix": QColor("#f7b4ae"),
    "blank": QColor("#f2f2f2"),
    "plain": QColor("#ffffff"),
    "error_line": QColor("#c62828"),
    "warning_line": QColor("#b26a00"),
}


def solid_brush(color: QColor) -> QBrush:
    """QBrush(color) without its constructor: resolving that overload makes PySide build QGradient and its
    enums (a 169-member Preset among them), about 5 ms of the first paint."""
    brush = QBrush()
    brush.setColor(color)
    brush.setStyle(Qt.BrushStyle.SolidPattern)
    return brush


# data() hands out these (QBrush is implicitly shared): no brush is built per cell and paint
BRUSHES = {name: solid_brush(color) for name, color in PALETTE.items()}
BRUSHES["missing_text"] = solid_brush(QColor("#777777"))

Align = Qt.AlignmentFlag
_RIGHT = int(Align.AlignRight | Align.AlignVCenter)
_CENTER = int(Align.AlignCenter)
_LEFT = int(Align.AlignLeft | Align.AlignVCenter)

# data() and flags() run for every painted cell, several times each: plain ints for the roles, and the flag
# sets built once (an enum member lookup and an enum `|` per call were a third of flags()' time)
_ROLE = Qt.ItemDataRole
_DISPLAY, _EDIT, _ALIGN = int(_ROLE.DisplayRole), int(_ROLE.EditRole), int(_ROLE.TextAlignmentRole)
_BACKGROUND, _FOREGROUND = int(_ROLE.BackgroundRole), int(_ROLE.ForegroundRole)
_FONT, _TOOLTIP = int(_ROLE.FontRole), int(_ROLE.ToolTipRole)
_NEVER = frozenset({int(_ROLE.DecorationRole), int(_ROLE.CheckStateRole)})   # asked for every painted cell; no cell has one
_KIND, _KEY, _MARK, _FIX, _STATE, _LINE, _PAINT = (int(r) for r in (KindRole, KeyRole, MarkRole, FixRole, StateRole,
                                                                     LineRole, PaintRole))
_Flag = Qt.ItemFlag
_NO_FLAGS = _Flag.NoItemFlags
_ENABLED = _Flag.ItemIsEnabled
_SELECTABLE = _Flag.ItemIsEnabled | _Flag.ItemIsSelectable
_EDITABLE = _Flag.ItemIsEnabled | _Flag.ItemIsSelectable | _Flag.ItemIsEditable


def cell_data(index, role):
    """index.data(role) without the C++ round trip.

    PySide6 6.12 returns None for an invalid QVariant from QModelIndex.data() without taking a reference,
    so calling it from Python thousands of times (every paint) ends in "deallocating None" at exit.
    Asking our Python model directly avoids the conversion.
    """
    model = index.model()
    if isinstance(model, QAbstractTableModel) and hasattr(model, "doc"):
        return model.data(index, role)
    value = index.data(role)
    return value


class ReportTableModel(QAbstractTableModel):
    def __init__(self, doc: ReportDocument, table: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.table = table
        self.layout: GridLayout = build_layout(doc.report.template_for(table).tables[table])
        self._bold = QFont()
        self._bold.setBold(True)
        doc.changed.connect(self._refresh)

    @property
    def present(self) -> bool:
        return self.table in self.doc.report.tables

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.layout.n_cols

    def index_of(self, key: tuple[str, str]) -> QModelIndex:
        pos = self.layout.positions.get(key)
        return self.index(*pos) if pos else QModelIndex()

    def flags(self, index):
        g = self.layout.anchors.get((index.row(), index.column()))
        if g is None:
            return _NO_FLAGS
        if g.kind == DATA:
            return _ENABLED if self._cell(g.key) is None else _EDITABLE
        if g.kind == LABEL:
            return _SELECTABLE
        return _ENABLED

    def _cell(self, key):
        cells = self.doc.report.tables.get(self.table)
        return None if cells is None else cells.get(key)

    def data(self, index, role=_DISPLAY):
        if role in _NEVER:
            return None
        # an invalid index has row and column -1: no anchor there
        g = self.layout.anchors.get((index.row(), index.column()))
        if g is None:
            return None
        if role == _KIND:
            return g.kind
        if g.kind != DATA:
            return None if role == _PAINT else self._header_data(g, role)
        cell = self._cell(g.key)
        mark = self.doc.marks.get((self.table, g.key))
        if role == _PAINT:
            return (None if cell is None else cell.state, None if mark is None else mark.severity,
                    None if mark is None or mark.fix is None else _fmt(mark.fix.value))
        if role == _DISPLAY or role == _EDIT:
            return "" if cell is None else cell.raw
        if role == _ALIGN:
            return _RIGHT
        if role == _KEY:
            return g.key
        if role == _STATE:
            return None if cell is None else cell.state
        if role == _LINE:
            return None if cell is None else cell.line
        if role == _MARK:
            return None if mark is None else mark.severity
        if role == _FIX:
            return None if mark is None or mark.fix is None else _fmt(mark.fix.value)
        if role == _BACKGROUND:
            if mark is not None:
                return BRUSHES["fix" if mark.fix is not None else mark.severity]
            if cell is None or cell.state == BLANK:
                return BRUSHES["blank"]
            return BRUSHES["plain"]
        if role == _FOREGROUND:
            if cell is not None and cell.state == MISSING:
                return BRUSHES["missing_text"]
            if cell is not None and cell.state == TEXT:
                return BRUSHES["error_line"]
            return None
        if role == _TOOLTIP:
            return self._tooltip(g.key, cell, mark)
        return None

    def _header_data(self, g, role):
        if role == _DISPLAY:
            return g.text
        if role == _ALIGN:
            return _LEFT if g.kind in (LABEL, TITLE) else _CENTER
        if role == _BACKGROUND:
            return BRUSHES["label" if g.kind == LABEL else "title" if g.kind == TITLE else "header"]
        if role == _FONT and g.kind in (HEADER, TITLE, CORNER):
            return self._bold
        if role == _TOOLTIP and g.kind in (LABEL, HEADER) and len(g.text) > 12:
            return g.text
        return None

    def _tooltip(self, key, cell, mark) -> str:
        tpl = self.doc.report.template_for(self.table)
        parts = [tpl.cell_name(self.table, *key)]
        if cell is None:
            parts.append(self.tr("报告中没有这个单元格。"))
        elif cell.state == BLANK:
            parts.append(self.tr("空白（不是 0）"))
        if cell is not None and cell.line:
            parts.append(self.tr("来源：第 {0} 行").format(cell.line))
        text = "\n".join(parts)
        if mark is not None:
            text += "\n\n" + mark.tooltip
        return text

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = self.layout.cell_at(index.row(), index.column()).key
        self.doc.set_cells([CellEdit(self.table, key, "" if value is None else str(value))], self.tr("编辑单元格"))
        return True

    def _refresh(self) -> None:
        """Only the cells whose text or marks changed: a full-grid signal would repaint everything."""
        for key in self.doc.dirty.get(self.table, ()):
            pos = self.layout.positions.get(key)
            if pos is not None:
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)


def _fmt(v) -> str:
    from app.values import format_number
    return format_number(v)
