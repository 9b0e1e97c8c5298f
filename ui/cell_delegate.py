"""Paints what colour alone cannot say: error corner + solid border, warning dashed border, fix badge, blank hatch."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate

from .table_model import PALETTE, PaintRole, cell_data

__all__ = ["CellDelegate"]


class CellDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        info = cell_data(index, PaintRole)
        if info is None:
            return
        state, mark, fix = info
        rect = QRectF(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if state in ("blank", None):
            painter.fillRect(rect, QBrush(QColor(0, 0, 0, 28), Qt.BrushStyle.BDiagPattern))
            if state == "blank":
                painter.setPen(QColor("#a0a0a0"))
                f = QFont(option.font)
                f.setPointSizeF(max(6.0, f.pointSizeF() * 0.8))
                painter.setFont(f)
                painter.drawText(rect.adjusted(4, 0, -4, 0), int(Qt.AlignmentFlag.AlignCenter), self.tr("空"))
        size = min(12.0, rect.height() / 2.2)
        if mark == "error":
            painter.setPen(QPen(PALETTE["error_line"], 3 if fix else 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
            tri = QPolygonF([rect.topLeft(), rect.topLeft() + QPointF(size, 0), rect.topLeft() + QPointF(0, size)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PALETTE["error_line"])
            painter.drawPolygon(tri)
        elif mark == "warning":
            painter.setPen(QPen(PALETTE["warning_line"], 1.6, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))
            r = min(4.0, rect.height() / 6)
            painter.setBrush(PALETTE["warning_line"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(rect.left() + r + 3, rect.top() + r + 3), r, r)
        if fix is not None:
            f = QFont(option.font)
            f.setBold(True)
            f.setPointSizeF(max(6.0, f.pointSizeF() * 0.8))
            painter.setFont(f)
            painter.setPen(PALETTE["error_line"])
            painter.drawText(rect.adjusted(size + 2 if mark == "error" else 4, 0, -4, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), "→" + fix)
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
