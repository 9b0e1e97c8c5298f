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
    """Install on a window: a drop of report files anywhere in it emits `paths_dropped`.

    Files of other kinds are left out and named in `paths_rejected`, so the window can say why.
    """

    paths_dropped = Signal(list)
    paths_rejected = Signal(list)

    def eventFilter(self, obj, event) -> bool:
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if any(is_report_path(p) for p in local_paths(event.mimeData())):
                event.acceptProposedAction()
                return True
        elif t == QEvent.Type.Drop:
            paths = local_paths(event.mimeData())
            good = [p for p in paths if is_report_path(p)]
            if good:
                event.acceptProposedAction()
                self.paths_dropped.emit(good)
                if len(good) < len(paths):
                    self.paths_rejected.emit([p for p in paths if p not in good])
                return True
        return False

