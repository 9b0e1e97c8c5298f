"""The one dialog for an unexpected error: what happened in words, the traceback behind "复制详情"."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ErrorDialog"]


class ErrorDialog(QDialog):
    def __init__(self, title: str, text: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(title)
        self.details = details
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setObjectName("errorText")
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(label, 1)
        self.detail_view = QPlainTextEdit(details, self)
        self.detail_view.setReadOnly(True)
        self.detail_view.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.copy_button = buttons.addButton(self.tr("复制详情"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copyDetailsButton")
        self.show_button = buttons.addButton(self.tr("显示详情"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        # action-role buttons of a QDialogButtonBox do not close the dialog: copy, then read on
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.clicked.connect(self._toggle_details)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.detail_view, 1)
        box.addWidget(buttons)
        self.resize(560, 220)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("已复制"))

    def _toggle_details(self) -> None:
        shown = not self.detail_view.isVisible()
        self.detail_view.setVisible(shown)
        self.show_button.setText(self.tr("隐藏详情") if shown else self.tr("显示详情"))
        self.resize(self.width(), 460 if shown else 220)
