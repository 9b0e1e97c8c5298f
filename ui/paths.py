"""Where bundled resources and the app's data folder live, frozen (PyInstaller) or not."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path", "sample_report_path", "app_data_dir", "app_icon", "ICON_SIZES"]

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource_path(name: str) -> Path:
    """A file under `resources/`: inside the bundle when frozen, else beside the source tree."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / "resources" / name
    return Path(__file__).resolve().parent.parent / "resources" / name


def sample_report_path() -> Path:
    return resource_path("sample_report.txt")


def app_icon():
    """The window icon from the bundled PNGs (every size, so each platform picks a sharp one)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon
    icon = QIcon()
    folder = resource_path("icons")         # once: each resource_path() resolves the source tree again
    for size in ICON_SIZES:
        path = folder / f"gouji-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def app_data_dir() -> Path:
    """The per-user data folder (marks, recovery files, logs): the core's, so window and CLI share it."""
    from app.marks import data_dir
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path
