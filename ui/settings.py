"""The one wrapper around QSettings: window geometry, splitter states, recent files."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["AppSettings"]

MAX_RECENT = 10


class AppSettings:
    """INI format everywhere, so tests can redirect it with QSettings.setPath."""

    def __init__(self, settings: QSettings | None = None):
        self._s = settings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Gouji", "Gouji")

    def geometry(self) -> QByteArray | None:
        v = self._s.value("window/geometry")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_geometry(self, data: QByteArray) -> None:
        self._s.setValue("window/geometry", data)

    def splitter(self, name: str) -> QByteArray | None:
        v = self._s.value(f"splitters/{name}")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_splitter(self, name: str, data: QByteArray) -> None:
        self._s.setValue(f"splitters/{name}", data)

    def recent_files(self) -> list[str]:
        v = self._s.value("recent/files", [])
        if isinstance(v, str):
            v = [v]
        return [p for p in (v or []) if isinstance(p, str)]

    def add_recent(self, path: str) -> list[str]:
        path = os.path.abspath(path)
        files = [path] + [p for p in self.recent_files() if os.path.abspath(p) != path]
        files = files[:MAX_RECENT]
        self._s.setValue("recent/files", files)
        return files

    def clear_recent(self) -> None:
        self._s.setValue("recent/files", [])

    def value(self, key: str, default=None):
        return self._s.value(key, default)

    def set_value(self, key: str, value) -> None:
        self._s.setValue(key, value)

    def sync(self) -> None:
        self._s.sync()
