"""Drop target: turns dropped URLs into local paths and emits them; loading happens elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal

__all__ = ["PathDropFilter", "local_paths"]


def local_paths(mime) -> list[str]:
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class PathDropFilter(QObject):
    """Install on a window: any drop of local files anywhere in it emits `paths_dropped`."""

    paths_dropped = Signal(list)

    def eventFilter(self, obj, event) -> bool:
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif t == QEvent.Type.Drop:
            paths = local_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.paths_dropped.emit(paths)
                return True
        return False
