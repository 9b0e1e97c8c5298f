"""Every action of the window, created in one place with stable object names (menus and tests share them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QWidget

__all__ = ["Actions", "create_actions"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


class Actions:
    """The window's actions by name (a plain class, not a dataclass: the window starts without
    importing dataclasses). Built with every name below as a keyword."""

    __slots__ = ("open", "open_folder", "save", "save_as", "reopen_encoding", "close", "quit", "undo", "redo",
                 "copy", "paste", "clear", "find", "apply_fix", "apply_all", "next_finding", "prev_finding",
                 "zoom_in", "zoom_out", "about")

    def __init__(self, **actions: QAction):
        missing = [name for name in self.__slots__ if name not in actions]
        unknown = [name for name in actions if name not in self.__slots__]
        if missing or unknown:
            raise TypeError(f"Actions: missing {missing}, unknown {unknown}")
        for name in self.__slots__:
            setattr(self, name, actions[name])

    def all(self) -> list[QAction]:
        return [getattr(self, name) for name in self.__slots__]


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
