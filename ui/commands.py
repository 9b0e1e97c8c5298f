"""Undo commands: each swaps the document's Report for the result of a pure core edit."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.edit import Change, set_cell_text

if TYPE_CHECKING:
    from .document import ReportDocument

__all__ = ["SetCellCommand"]


class SetCellCommand(QUndoCommand):
    """One cell set from the clerk's text; the document re-checks once the undo step completes."""

    def __init__(self, doc: "ReportDocument", table: str, key: tuple[str, str], text: str,
                 finding: str = "", label: str = "", parent: QUndoCommand | None = None):
        super().__init__(label or "编辑单元格", parent)
        self._doc = doc
        self._table = table
        self._key = key
        self._text = text
        self._finding = finding
        self._before = None
        self._after = None
        self._change: Change | None = None

    def redo(self) -> None:
        if self._after is None:
            self._before = self._doc.report
            self._after = set_cell_text(self._before, self._table, self._key, self._text)
            old = self._before.tables[self._table][self._key].raw
            new = self._after.tables[self._table][self._key].raw
            self._change = Change(self._table, self._key, old, new, datetime.now(), self._finding)
        self._doc._swap(self._after, push=self._change)

    def undo(self) -> None:
        self._doc._swap(self._before, pop=self._change)
