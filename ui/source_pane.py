"""The report's text, with the line(s) the selected cell was read from highlighted."""

from __future__ import annotations

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
        self._font_set = False                  # the monospaced font comes with the first text
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 0, 6, 6)
        box.addWidget(self.caption)
        box.addWidget(self.text, 1)
        self.highlighted: list[int] = []
        self._pending: str | None = None

    def set_text(self, text: str, after_paint: bool = False) -> None:
        """The report's text; `after_paint` fills it in once the pane has been painted empty.

        A window launched with a report paints the grid and the findings first: laying out and rasterising
        the source in its own (monospaced) font is a fifth of the launch, and the text follows one turn of
        the event loop later. Anything that needs the text (show_lines) fills it at once.
        """
        self.highlighted = []
        if after_paint:
            self._pending = text
            return
        self._pending = None
        self._set_font()
        self.text.setPlainText(text)

    def ensure_text(self) -> None:
        """Fill in a text that set_text(after_paint=True) is still holding back."""
        if self._pending is not None:
            text, self._pending = self._pending, None
            self._set_font()
            self.text.setPlainText(text)

    def _set_font(self) -> None:
        if not self._font_set:
            self._font_set = True
            from PySide6.QtGui import QFontDatabase
            self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.text.setTabStopDistance(self.text.fontMetrics().horizontalAdvance(" ") * 6)

    def has_pending_text(self) -> bool:
        return self._pending is not None

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._pending is not None:
            from PySide6.QtCore import QTimer
            QTimer.singleShot(0, self.ensure_text)

    def show_lines(self, lines: list[int]) -> None:
        """Highlight these 1-based lines and bring the first into view."""
        # here, not at the top: QTextFormat and QTextCursor bring about 150 enum members, 3 ms of every launch
        from PySide6.QtGui import QColor, QTextCursor, QTextFormat
        from PySide6.QtWidgets import QTextEdit
        self.ensure_text()
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
