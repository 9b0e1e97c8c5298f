"""The grid of one table: a frozen header strip over a body view that edits like a spreadsheet."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QApplication, QAbstractItemView, QFrame, QHeaderView,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from .cell_delegate import CellDelegate
from .clipboard import parse_tsv, to_tsv
from .document import CellEdit
from .layout import DATA
from .table_model import ReportTableModel

__all__ = ["GridView", "TablePane"]

Hint = QAbstractItemDelegate.EndEditHint
Cursor = QAbstractItemView.CursorAction


class GridView(QTableView):
    """Enter moves down, Tab right, Delete clears, Ctrl+C/V copy and paste blocks, Ctrl+wheel zooms."""

    zoom_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setItemDelegate(CellDelegate(self))
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setObjectName("gridBody")

    # -- navigation -----------------------------------------------------------------------
    def _layout(self):
        return self.model().layout

    def moveCursor(self, action, modifiers):
        cur = self.currentIndex()
        if not cur.isValid() or not isinstance(self.model(), ReportTableModel):
            return super().moveCursor(action, modifiers)
        lay = self._layout()
        r, c = cur.row(), cur.column()
        target = None
        if action == Cursor.MoveDown:
            target = lay.step(r, c, 1, 0)
        elif action == Cursor.MoveUp:
            target = lay.step(r, c, -1, 0)
        elif action == Cursor.MoveRight:
            target = lay.step(r, c, 0, 1)
        elif action == Cursor.MoveLeft:
            target = lay.step(r, c, 0, -1)
        elif action == Cursor.MoveNext:
            target = lay.next_in_order(r, c)
        elif action == Cursor.MovePrevious:
            target = lay.next_in_order(r, c, backwards=True)
        else:
            return super().moveCursor(action, modifiers)
        return self.model().index(*target) if target else cur

    def go(self, action) -> None:
        idx = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if idx.isValid():
            self.setCurrentIndex(idx)

    def closeEditor(self, editor, hint) -> None:
        # spreadsheet keys: Enter commits and moves down, Tab commits and moves right, without reopening
        if hint == Hint.SubmitModelCache:
            super().closeEditor(editor, Hint.NoHint)
            self.go(Cursor.MoveDown)
        elif hint == Hint.EditNextItem:
            super().closeEditor(editor, Hint.NoHint)
            self.go(Cursor.MoveNext)
        elif hint == Hint.EditPreviousItem:
            super().closeEditor(editor, Hint.NoHint)
            self.go(Cursor.MovePrevious)
        else:
            super().closeEditor(editor, hint)

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection_cells()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.go(Cursor.MoveUp if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else Cursor.MoveDown)
                return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # -- clipboard and clearing -----------------------------------------------------------
    def _selected_rect(self):
        idxs = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not idxs:
            cur = self.currentIndex()
            idxs = [cur] if cur.isValid() else []
        if not idxs:
            return None
        rows = [i.row() for i in idxs]
        cols = [i.column() for i in idxs]
        return min(rows), min(cols), max(rows), max(cols), idxs

    def _rect_rows(self, r0, c0, r1, c1):
        """Rows of anchor positions inside the rectangle (merged cells count once)."""
        lay = self._layout()
        out = []
        for r in range(r0, r1 + 1):
            row = []
            for c in range(c0, c1 + 1):
                if lay.anchor_of(r, c) == (r, c) and not self.isRowHidden(r):
                    row.append((r, c))
            if row:
                out.append(row)
        return out

    def copy_selection(self) -> str:
        rect = self._selected_rect()
        if rect is None:
            return ""
        r0, c0, r1, c1, _ = rect
        m = self.model()
        lines = [[m.data(m.index(r, c), Qt.ItemDataRole.EditRole) or "" for r, c in row] for row in self._rect_rows(r0, c0, r1, c1)]
        text = to_tsv(lines)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> int:
        block = parse_tsv(QGuiApplication.clipboard().text() if text is None else text)
        rect = self._selected_rect()
        if not block or rect is None:
            return 0
        m: ReportTableModel = self.model()
        lay = self._layout()
        r0, c0, r1, c1, _ = rect
        edits = []
        if len(block) == 1 and len(block[0]) == 1 and (r1 > r0 or c1 > c0):
            for row in self._rect_rows(r0, c0, r1, c1):       # one value fills the selection
                for r, c in row:
                    g = lay.cell_at(r, c)
                    if g.kind == DATA:
                        edits.append(CellEdit(m.table, g.key, block[0][0]))
        else:
            data_rows = self._data_rows_from(r0, c0, len(block))
            for row_cells, values in zip(data_rows, block):
                for (r, c), value in zip(row_cells, values):
                    edits.append(CellEdit(m.table, lay.cell_at(r, c).key, value))
        changed = m.doc.set_cells(edits, self.tr("粘贴"))
        if edits:
            self._select_positions([lay.positions[e.key] for e in edits])
        return changed

    def _data_rows_from(self, r0: int, c0: int, count: int):
        """Starting at (r0, c0): `count` rows of data cells, rightwards, skipping labels and header rows."""
        lay = self._layout()
        start = lay.anchor_of(r0, c0) or (r0, c0)
        if lay.cell_at(*start).kind != DATA:
            nxt = lay.step(start[0], start[1], 0, 1)
            if nxt is None:
                return []
            start = nxt
        rows = []
        pos = start
        while pos is not None and len(rows) < count:
            row = [pos]
            p = pos
            while (p := lay.step(p[0], p[1], 0, 1)) is not None:
                row.append(p)
            rows.append(row)
            pos = lay.step(pos[0], pos[1], 1, 0)
        return rows

    def clear_selection_cells(self) -> int:
        rect = self._selected_rect()
        if rect is None:
            return 0
        m: ReportTableModel = self.model()
        edits = []
        for i in rect[4]:
            g = self._layout().cell_at(i.row(), i.column())
            if g is not None and g.kind == DATA and m.flags(i) & Qt.ItemFlag.ItemIsEditable:
                edits.append(CellEdit(m.table, g.key, ""))
        return m.doc.set_cells(edits, self.tr("清除"))

    def _select_positions(self, positions) -> None:
        if not positions:
            return
        m = self.model()
        sel = QItemSelection()
        for r, c in positions:
            sel.select(m.index(r, c), m.index(r, c))
        self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.selectionModel().setCurrentIndex(m.index(*positions[0]), QItemSelectionModel.SelectionFlag.NoUpdate)

    def select_keys(self, keys) -> None:
        lay = self._layout()
        positions = [lay.positions[k] for k in keys if k in lay.positions]
        self._select_positions(positions)
        if positions:
            self.scrollTo(self.model().index(*positions[0]))


class TablePane(QWidget):
    """A frozen header strip (rows that stay in view) above the scrolling body; both share one model."""

    LABEL_WIDTHS = {1: (150,), 2: (110, 200), 3: (34, 118, 300)}

    def __init__(self, model: ReportTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.zoom = 1.0
        self._advance_font, self._advances = "", {}
        lay = model.layout
        self.header = QTableView(self)
        self.header.setObjectName("gridHeader")
        self.body = GridView(self)
        for v in (self.header, self.body):
            v.setModel(model)
            v.horizontalHeader().hide()
            v.verticalHeader().hide()
            v.setWordWrap(True)
            v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            v.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            for r, c, rs, cs in lay.spans():
                v.setSpan(r, c, rs, cs)
        # Cells that can never carry a mark or a hatch (labels, titles, headers: no data cell in their row or
        # column) are painted by Qt's own delegate; CellDelegate.paint would only call it and return, at the
        # cost of a Python call per such cell in every paint.
        plain = QStyledItemDelegate(self)
        data_rows = {r for (r, _c), g in lay.anchors.items() if g.kind == DATA}
        data_cols = {c for (_r, c), g in lay.anchors.items() if g.kind == DATA}
        self.header.setItemDelegate(CellDelegate(self.header) if data_rows & set(range(lay.frozen_rows)) else plain)
        for r in range(lay.frozen_rows, lay.n_rows):
            if r not in data_rows:
                self.body.setItemDelegateForRow(r, plain)
        for c in range(lay.n_cols):
            if c not in data_cols:
                self.body.setItemDelegateForColumn(c, plain)
        self.header.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.header.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.header.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.header.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.header.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        for r in range(lay.n_rows):
            if r < lay.frozen_rows:
                self.body.setRowHidden(r, True)
            else:
                self.header.setRowHidden(r, True)
        self.header.setVisible(lay.frozen_rows > 0)
        self.body.horizontalScrollBar().valueChanged.connect(self.header.horizontalScrollBar().setValue)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addWidget(self.body, 1)
        # a palette, not a style sheet: QStyleSheetStyle made every paint of the grid a quarter slower.
        # Fusion draws grid lines in Window.darker(120): #dde9f5 gives the blue-grey #b8c2cc.
        for v in (self.header, self.body):
            pal = v.palette()
            pal.setColor(QPalette.ColorRole.Base, QColor("white"))
            pal.setColor(QPalette.ColorRole.Window, QColor("#dde9f5"))
            pal.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
            v.setPalette(pal)
            for bar in (v.horizontalScrollBar(), v.verticalScrollBar()):
                bar.setPalette(QApplication.palette())
        self._apply_sizes()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.6, min(2.5, zoom))
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        lay = self.model.layout
        font = QApplication.font()
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(base * self.zoom)
        for v in (self.header, self.body):
            v.setFont(font)
        if font.key() != self._advance_font:       # the labels' one-line widths, per font (zoom)
            self._advance_font, self._advances = font.key(), {}
        labels = self.LABEL_WIDTHS.get(lay.label_cols, ())
        bar = self.body.verticalScrollBar().sizeHint().width()    # = PM_ScrollBarExtent, without QStyle's enums
        avail = max(self.width() - bar - 2, 400)
        label_total = int(sum(labels) * self.zoom)
        data_cols = lay.n_cols - lay.label_cols
        data_w = max(int(56 * self.zoom), (avail - label_total) // max(data_cols, 1)) if data_cols else 0
        for c in range(lay.n_cols):
            w = int(labels[c] * self.zoom) if c < lay.label_cols else data_w
            self.header.setColumnWidth(c, w)
            self.body.setColumnWidth(c, w)
        self._fit_rows()

    def _fit_rows(self) -> None:
        lay = self.model.layout
        fm = self.body.fontMetrics()
        advances = self._advances                  # the grid is refitted at every resize; the texts stay
        need = [int(28 * self.zoom)] * lay.n_rows
        for (r, c), g in lay.anchors.items():
            if g.rows == 1 and g.kind != DATA and g.text:
                width = sum(self.body.columnWidth(c + k) for k in range(g.cols)) - 10
                advance = advances.get(g.text)
                if advance is None:
                    advance = advances[g.text] = fm.horizontalAdvance(g.text)
                lines = max(1, -(-advance // max(width, 20)))
                need[r] = max(need[r], lines * fm.height() + 10)
        for r, h in enumerate(need):
            (self.header if r < lay.frozen_rows else self.body).setRowHeight(r, h)
        self._fit_corner()
        if lay.frozen_rows:
            self.header.setFixedHeight(sum(self.header.rowHeight(r) for r in range(lay.frozen_rows)) + 1)

    def _fit_corner(self) -> None:
        """The corner spans all header rows; give the rows enough height for its text."""
        lay = self.model.layout
        g = lay.cell_at(0, 0)
        if g is None or g.kind != "corner" or not lay.frozen_rows:
            return
        fm = self.header.fontMetrics()
        width = sum(self.header.columnWidth(c) for c in range(g.cols)) - 8
        lines = max(1, -(-fm.horizontalAdvance(g.text) // max(width, 20)))
        need = lines * fm.height() + 12
        have = sum(self.header.rowHeight(r) for r in range(g.rows))
        if need > have:
            extra = -(-(need - have) // g.rows)
            for r in range(g.rows):
                self.header.setRowHeight(r, self.header.rowHeight(r) + extra)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_sizes()
