"""The QApplication of the window: it also turns macOS's FileOpen events (Finder, Dock) into paths."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QApplication

__all__ = ["GoujiApplication"]


class GoujiApplication(QApplication):
    """An `event()` override, not an application-wide event filter: a filter would run Python for every
    event of every widget (thousands while the window first paints), this runs only for the app's own."""

    paths_opened = Signal(list)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = event.file() or event.url().toLocalFile()
            if path:
                self.paths_opened.emit([path])
                return True
        return super().event(event)
