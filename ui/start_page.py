"""The empty window: a drop target with "打开文件", "检查整个文件夹" and "打开示例报告"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QPushButton, QVBoxLayout, QHBoxLayout, QWidget

__all__ = ["StartPage"]


class StartPage(QWidget):
    open_requested = Signal()
    folder_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("startPage")
        frame = QFrame(self)
        frame.setObjectName("dropFrame")
        frame.setStyleSheet("#dropFrame { border: 2px dashed #9aa8b8; border-radius: 12px; background: #f7f9fc; }")
        title = QLabel(self.tr("把年度报告文件拖到这里"), frame)
        title.setStyleSheet("font-size: 22px; font-weight: bold; color: #34495e;")
        hint = QLabel(self.tr("支持 Word（.docx）、网页（.html）、PDF、文本（.txt，UTF-8、GBK 等编码）"
                              "和勾稽导出的 .xlsx；可一次拖入多个文件"), frame)
        hint.setStyleSheet("color: #607080;")
        self.open_button = QPushButton(self.tr("打开文件…"), frame)
        self.open_button.setObjectName("openButton")
        self.folder_button = QPushButton(self.tr("检查整个文件夹…"), frame)
        self.folder_button.setObjectName("folderButton")
        self.folder_button.setToolTip(self.tr("一次检查一个文件夹中的全部年度报告（Ctrl+Shift+O）"))
        self.sample_button = QPushButton(self.tr("打开示例报告"), frame)
        self.sample_button.setObjectName("sampleButton")
        for b in (self.open_button, self.folder_button, self.sample_button):
            b.setMinimumSize(160, 40)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        self.recent = QListWidget(frame)
        self.recent.setObjectName("recentList")
        self.recent.setMaximumHeight(160)
        self.recent_caption = QLabel(self.tr("最近打开的文件"), frame)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(40, 40, 40, 40)
        inner.setSpacing(14)
        inner.addStretch(1)                       # centred as one block, with or without recent files
        for w in (title, hint):
            inner.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addLayout(buttons)
        inner.addSpacing(10)
        inner.addWidget(self.recent_caption)
        inner.addWidget(self.recent)
        inner.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(80, 60, 80, 60)
        outer.addWidget(frame)
        self.open_button.clicked.connect(self.open_requested)
        self.folder_button.clicked.connect(self.folder_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.text()))
        self.recent.itemDoubleClicked.connect(lambda item: self.recent_requested.emit(item.text()))

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        self.recent.addItems(files)
        self.recent.setVisible(bool(files))
        self.recent_caption.setVisible(bool(files))
