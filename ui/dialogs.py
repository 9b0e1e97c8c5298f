"""The few questions the window asks; in one place so headless runs and tests can answer them."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.reader import REPORT_SUFFIXES

__all__ = ["Dialogs", "HeadlessDialogs", "ENCODINGS"]

ENCODINGS = ["utf-8", "gb18030", "gbk", "gb2312", "big5", "utf-16", "utf-8-sig"]
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


class Dialogs:
    """Each method imports its dialog class: PySide builds a class's Python enums on first import,
    and none of these is needed to show the window."""

    def __init__(self, parent: QWidget):
        self.parent = parent

    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.critical(self.parent, title, text)

    def info(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.information(self.parent, title, text)

    def unexpected_error(self, title: str, text: str, details: str) -> None:
        from .error_dialog import ErrorDialog
        ErrorDialog(title, text, details, self.parent).exec()

    def ask_save(self, name: str) -> str:
        from PySide6.QtWidgets import QMessageBox
        B = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("尚未保存"),
                          _tr("“{0}”有尚未保存的修改。是否先保存？").format(name),
                          B.Save | B.Discard | B.Cancel, self.parent)
        box.button(B.Save).setText(_tr("保存"))
        box.button(B.Discard).setText(_tr("不保存"))
        box.button(B.Cancel).setText(_tr("取消"))
        box.setDefaultButton(B.Save)
        answer = box.exec()
        return {B.Save: SAVE, B.Discard: DISCARD}.get(B(answer), CANCEL)

    def open_files(self, start_dir: str) -> list[str]:
        from PySide6.QtWidgets import QFileDialog
        files, _ = QFileDialog.getOpenFileNames(
            self.parent, _tr("打开年度报告"), start_dir,
            _tr("年度报告 ({0});;所有文件 (*)").format(" ".join("*" + s for s in REPORT_SUFFIXES)))
        return files

    def save_file(self, suggested: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getSaveFileName(self.parent, _tr("保存为工作簿"), suggested, _tr("Excel 工作簿 (*.xlsx)"))
        return path or None

    def ask_note(self, message: str) -> str | None:
        """The note for a 已核实 mark (multi-line); None when the clerk cancels."""
        from PySide6.QtWidgets import QInputDialog
        text, ok = QInputDialog.getMultiLineText(
            self.parent, _tr("标记为已核实"),
            _tr("问题：{0}\n\n核实说明（例如上报说明，写明数字为何无误）：").format(message), "")
        return text if ok else None

    def ask_restore(self, entries: list) -> tuple[list, list] | None:
        """Per report: restore its unsaved edits or discard them. None keeps them all for the next start."""
        from .restore_dialog import RestoreDialog
        dlg = RestoreDialog(entries, self.parent)
        return dlg.ask()

    def choose_encoding(self, current: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog
        items = list(ENCODINGS)
        if current not in items:
            items.insert(0, current)
        text, ok = QInputDialog.getItem(self.parent, _tr("以其他编码重新打开"), _tr("文件编码："), items,
                                        items.index(current) if current in items else 0, False)
        return text if ok and text else None


class HeadlessDialogs(Dialogs):
    """For --screenshot and --smoke-test: nothing blocks, errors go to stderr, unsaved edits are kept."""

    def error(self, title: str, text: str) -> None:
        print(f"{title}：{text}", file=sys.stderr)

    def info(self, title: str, text: str) -> None:
        print(f"{title}：{text}", file=sys.stderr)

    def unexpected_error(self, title: str, text: str, details: str) -> None:
        print(f"{title}：{text}\n{details}", file=sys.stderr)

    def ask_save(self, name: str) -> str:
        return DISCARD

    def open_files(self, start_dir: str) -> list[str]:
        return []

    def save_file(self, suggested: str) -> str | None:
        return None

    def choose_encoding(self, current: str) -> str | None:
        return None

    def ask_restore(self, entries: list) -> tuple[list, list] | None:
        return list(entries), []

    def ask_note(self, message: str) -> str | None:
        return None
