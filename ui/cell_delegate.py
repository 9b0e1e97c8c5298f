"""Paints what colour alone cannot say: error corner + solid border, warning dashed border, fix badge, blank hatch."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from .table_model import PALETTE, PaintRole, cell_data

__all__ = ["CellDelegate"]


class CellDelegate(QStyledItemDelegate):
    # built once, not per cell and paint
    _HATCH = QBrush()
    _HATCH.setColor(QColor(0, 0, 0, 28))
    _HATCH.setStyle(Qt.BrushStyle.BDiagPattern)     # QBrush(color, style) would build QGradient's enums
    _BLANK_PEN = QColor("#a0a0a0")
    _ERROR_PENS = {False: QPen(PALETTE["error_line"], 2), True: QPen(PALETTE["error_line"], 3)}
    _WARNING_PEN = QPen(PALETTE["warning_line"], 1.6, Qt.PenStyle.DashLine)
    _CENTER = int(Qt.AlignmentFlag.AlignCenter)
    _BOTTOM_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._blank_text = self.tr("空")
        self._small: dict = {}          # (font key, bold) → the font of the 空 and fix badges

    def _small_font(self, font: QFont, bold: bool) -> QFont:
        key = (font.key(), bold)
        f = self._small.get(key)
        if f is None:
            f = QFont(font)
            if bold:
                f.setBold(True)
            f.setPointSizeF(max(6.0, f.pointSizeF() * 0.8))
            self._small[key] = f
        return f

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        info = cell_data(index, PaintRole)
        if info is None:
            return
        state, mark, fix = info
        blank = state in ("blank", None)
        if not blank and mark is None and fix is None:
            return                      # a plain number: nothing beyond what Qt drew
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if blank:
            painter.fillRect(rect, self._HATCH)
            if state == "blank":
                painter.setPen(self._BLANK_PEN)
                painter.setFont(self._small_font(option.font, False))
                painter.drawText(rect.adjusted(4, 0, -4, 0), self._CENTER, self._blank_text)
        size = min(12.0, rect.height() / 2.2)
        if mark == "error":
            painter.setPen(self._ERROR_PENS[bool(fix)])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
            tri = QPolygonF([rect.topLeft(), rect.topLeft() + QPointF(size, 0), rect.topLeft() + QPointF(0, size)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PALETTE["error_line"])
            painter.drawPolygon(tri)
        elif mark == "warning":
            painter.setPen(self._WARNING_PEN)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
            r = min(4.0, rect.height() / 6)
            painter.setBrush(PALETTE["warning_line"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(rect.left() + r + 3, rect.top() + r + 3), r, r)
        if fix is not None:
            painter.setFont(self._small_font(option.font, True))
            painter.setPen(PALETTE["error_line"])
            painter.drawText(rect.adjusted(size + 2 if mark == "error" else 4, 0, -4, 0), self._BOTTOM_LEFT, "→" + fix)
        painter.restore()

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setText(cell_data(index, Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
