"""Every action of the window, created in one place with stable object names (menus and tests share them)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QWidget

__all__ = ["Actions", "create_actions"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass
class Actions:
    open: QAction
    open_folder: QAction
    save: QAction
    save_as: QAction
    reopen_encoding: QAction
    close: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    paste: QAction
    clear: QAction
    find: QAction
    apply_fix: QAction
    apply_all: QAction
    next_finding: QAction
    prev_finding: QAction
    zoom_in: QAction
    zoom_out: QAction
    about: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, name) for name in self.__dataclass_fields__]


def _make(parent, name, text, shortcut=None, tip=""):
    a = QAction(text, parent)
    a.setObjectName(name)
    if shortcut is not None:
        seqs = shortcut if isinstance(shortcut, list) else [shortcut]
        a.setShortcuts([QKeySequence(s) for s in seqs])
    if tip:
        a.setStatusTip(tip)
    return a


def create_actions(window: QWidget, undo_group: QUndoGroup) -> Actions:
    SK = QKeySequence.StandardKey
    undo = undo_group.createUndoAction(window, _tr("撤销"))
    undo.setObjectName("action_undo")
    undo.setShortcuts(QKeySequence.keyBindings(SK.Undo))
    redo = undo_group.createRedoAction(window, _tr("重做"))
    redo.setObjectName("action_redo")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    acts = Actions(
        open=_make(window, "action_open", _tr("打开(&O)…"), SK.Open, _tr("打开一个或多个年度报告")),
        open_folder=_make(window, "action_open_folder", _tr("打开文件夹(&D)…"), "Ctrl+Shift+O",
                          _tr("检查一个文件夹里的全部报告，列出每份的结论")),
        save=_make(window, "action_save", _tr("保存(&S)"), SK.Save, _tr("把更正后的表格保存为 xlsx 工作簿")),
        save_as=_make(window, "action_save_as", _tr("另存为(&A)…"), "Ctrl+Shift+S"),
        reopen_encoding=_make(window, "action_reopen_encoding", _tr("以其他编码重新打开(&E)…")),
        close=_make(window, "action_close", _tr("关闭(&C)"), "Ctrl+W"),
        quit=_make(window, "action_quit", _tr("退出(&X)"), "Ctrl+Q"),
        undo=undo, redo=redo,
        copy=_make(window, "action_copy", _tr("复制(&C)"), SK.Copy),
        paste=_make(window, "action_paste", _tr("粘贴(&P)"), SK.Paste),
        clear=_make(window, "action_clear", _tr("清除内容"), "Del"),
        find=_make(window, "action_find", _tr("查找(&F)…"), SK.Find),
        apply_fix=_make(window, "action_apply_fix", _tr("采用建议值"), "Ctrl+Return"),
        apply_all=_make(window, "action_apply_all", _tr("采用全部建议值")),
        next_finding=_make(window, "action_next_finding", _tr("下一处问题"), "F8"),
        prev_finding=_make(window, "action_prev_finding", _tr("上一处问题"), "Shift+F8"),
        zoom_in=_make(window, "action_zoom_in", _tr("放大"), SK.ZoomIn),
        zoom_out=_make(window, "action_zoom_out", _tr("缩小"), SK.ZoomOut),
        about=_make(window, "action_about", _tr("关于勾稽(&A)")),
    )
    # copy, paste and clear belong to the grid: active only while focus is in a table
    for a in (acts.copy, acts.paste, acts.clear):
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    for a in acts.all():
        if a not in (acts.copy, acts.paste, acts.clear):
            window.addAction(a)
    return acts
