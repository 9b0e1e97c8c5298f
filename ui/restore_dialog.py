"""At start, after a crash: the reports with unsaved edits, each restored or discarded by the clerk."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["RestoreDialog"]


class RestoreDialog(QDialog):
    def __init__(self, entries: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("恢复未保存的修改"))
        self.entries = list(entries)
        intro = QLabel(self.tr("勾稽上次没有正常退出。以下报告有尚未保存的修改，勾选要恢复的报告："), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("restoreList")
        for entry in self.entries:
            name = entry.title or os.path.basename(entry.source)
            text = self.tr("{0}　—　{1} 处修改，{2}").format(name, len(entry.edits), entry.saved_at.replace("T", " "))
            item = QListWidgetItem(text, self.list)
            item.setToolTip(entry.source)
            if entry.source_exists:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            else:                               # kept until the file is back: nothing to replay it on
                item.setText(text + self.tr("（找不到原始文件，暂时保留）"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
        note = QLabel(self.tr("未勾选的报告的修改将被丢弃。选“以后再说”则全部保留到下次启动。"), self)
        note.setStyleSheet("color: #607080;")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("恢复所选"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.list, 1)
        box.addWidget(note)
        box.addWidget(buttons)
        self.resize(620, 320)

    def choice(self) -> tuple[list, list]:
        restore, discard = [], []
        for k, entry in enumerate(self.entries):
            if not entry.source_exists:
                continue
            checked = self.list.item(k).checkState() == Qt.CheckState.Checked
            (restore if checked else discard).append(entry)
        return restore, discard

    def ask(self) -> tuple[list, list] | None:
        return self.choice() if self.exec() == QDialog.DialogCode.Accepted else None

