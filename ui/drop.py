"""Drop target: turns dropped URLs into local paths and emits them; loading happens elsewhere."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, Signal

from app.reader import REPORT_SUFFIXES

__all__ = ["PathDropFilter", "local_paths", "is_report_path"]


def local_paths(mime) -> list[str]:
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def is_report_path(path: str) -> bool:
    """A file the reader knows by its name, or a folder (its reports are opened by whoever takes folders)."""
    return path.lower().endswith(REPORT_SUFFIXES) or os.path.isdir(path)


class PathDropFilter(QObject):
    """A drop of report files anywhere in a window emits `paths_dropped`.

    Files of other kinds are left out and named in `paths_rejected`, so the window can say why. The window
    hands its drag and drop events to take_drag() and take_drop() (an event filter would run Python for
    every event the window gets: dozens while it first shows, and every one after); installed as an event
    filter it does the same.
    """

    paths_dropped = Signal(list)
    paths_rejected = Signal(list)

    def take_drag(self, event) -> bool:
        """A drag entering or moving: accepted (True) when it carries a report or a folder."""
        if any(is_report_path(p) for p in local_paths(event.mimeData())):
            event.acceptProposedAction()
            return True
        return False

    def take_drop(self, event) -> bool:
        paths = local_paths(event.mimeData())
        good = [p for p in paths if is_report_path(p)]
        if not good:
            return False
        event.acceptProposedAction()
        self.paths_dropped.emit(good)
        if len(good) < len(paths):
            self.paths_rejected.emit([p for p in paths if p not in good])
        return True

    def eventFilter(self, obj, event) -> bool:
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            return self.take_drag(event)
        if t == QEvent.Type.Drop:
            return self.take_drop(event)
        return False

