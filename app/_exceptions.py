"""One hierarchy for everything the core refuses; the message is Chinese and meant for the clerk.

GoujiError
├── ReadError        the file cannot be read at all (missing, a folder, too large, no permission)
├── DecodeError      no encoding turns the bytes into a report (binary data, mixed encodings)
├── NoTableError     the text decodes but holds none of the three tables
└── ExportError      the workbook cannot be written (locked by Excel, disk full, target is the source)
"""

from __future__ import annotations

__all__ = ["GoujiError", "ReadError", "DecodeError", "NoTableError", "ExportError"]


class GoujiError(Exception):
    """Base class; str(exc) is a complete Chinese sentence for the clerk."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ReadError(GoujiError):
    """Raised when the file itself cannot be opened or is over the size limit."""


class DecodeError(GoujiError):
    """Raised when no candidate encoding yields text holding the template's labels."""


class NoTableError(GoujiError):
    """Raised when the decoded text holds none of the tables 二、三、四."""


class ExportError(GoujiError):
    """Raised when the workbook cannot be written; the clerk's edits are untouched."""
