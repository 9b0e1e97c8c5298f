"""The report's text, with the line(s) the selected cell was read from highlighted."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

__all__ = ["SourcePane"]


class SourcePane(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.caption = QLabel(self.tr("原文"), self)
        self.caption.setObjectName("sourceCaption")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("sourceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(font)
        self.text.setTabStopDistance(self.text.fontMetrics().horizontalAdvance(" ") * 6)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 0, 6, 6)
        box.addWidget(self.caption)
        box.addWidget(self.text, 1)
        self.highlighted: list[int] = []

    def set_text(self, text: str) -> None:
        self.text.setPlainText(text)
        self.highlighted = []

    def show_lines(self, lines: list[int]) -> None:
        """Highlight these 1-based lines and bring the first into view."""
        # here, not at the top: QTextFormat and QTextCursor bring about 150 enum members, 3 ms of every launch
        from PySide6.QtGui import QColor, QTextCursor, QTextFormat
        from PySide6.QtWidgets import QTextEdit
        lines = sorted({n for n in lines if n})
        self.highlighted = lines
        doc = self.text.document()
        selections = []
        for n in lines:
            block = doc.findBlockByNumber(n - 1)
            if not block.isValid():
                continue
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(QColor("#ffe58f"))
            sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            sel.cursor = QTextCursor(block)
            selections.append(sel)
        self.text.setExtraSelections(selections)
        if lines:
            block = doc.findBlockByNumber(lines[0] - 1)
            if block.isValid():
                self.text.setTextCursor(QTextCursor(block))
                self.text.centerCursor()
            self.caption.setText(self.tr("原文 · 第 {0} 行").format("、".join(map(str, lines[:5]))))
        else:
            self.caption.setText(self.tr("原文"))
