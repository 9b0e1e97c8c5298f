"""Where bundled resources and the app's data folder live, frozen (PyInstaller) or not."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path", "sample_report_path", "app_data_dir"]


def resource_path(name: str) -> Path:
    """A file under `resources/`: inside the bundle when frozen, else beside the source tree."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / "resources" / name
    return Path(__file__).resolve().parent.parent / "resources" / name


def sample_report_path() -> Path:
    return resource_path("sample_report.txt")


def app_data_dir() -> Path:
    """The per-user data folder (marks, recovery files, logs): the core's, so window and CLI share it."""
    from app.marks import data_dir
    path = data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path
