"""Real events for the GUI tests: file drops, key presses on the grid."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication


def drop_files(widget, paths) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def select_cell(view, tid, key):
    """Focus the table's grid and make (row, col) current; returns (grid, model, index)."""
    view.tables.setCurrentIndex(("t1", "t2", "t3").index(tid))
    pane = view.panes[tid]
    idx = pane.model.index_of(key)
    pane.body.setFocus()
    pane.body.setCurrentIndex(idx)
    return pane.body, pane.model, idx
