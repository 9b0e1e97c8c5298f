"""Pure edits of a Report, for the window's undo stack: each returns a new Report."""

from __future__ import annotations

from datetime import datetime

from ._record import Frozen, set_field
from .model import CellKey, Report
from .values import parse_value

__all__ = ["set_cell_text", "Change"]


class Change(Frozen):
    """One cell the clerk changed in the window, for the workbook's 修改记录 sheet.

    old: the cell's text before ("" when blank); new: the text after; finding: the message of the
    finding the change answered, if any."""

    __slots__ = ("table", "cell", "old", "new", "when", "finding")

    def __init__(self, table: str, cell: CellKey, old: str, new: str, when: datetime, finding: str = ""):
        set_field(self, "table", table)
        set_field(self, "cell", cell)
        set_field(self, "old", old)
        set_field(self, "new", new)
        set_field(self, "when", when)
        set_field(self, "finding", finding)


def set_cell_text(report: Report, table: str, key: CellKey, text: str) -> Report:
    """The report with one cell set from what the clerk typed ("" clears it). Source line is kept."""
    old = report.tables[table][key]
    cell = parse_value(text, old.line)
    return report.with_cell(table, key, cell)

