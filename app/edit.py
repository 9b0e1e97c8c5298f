"""Pure edits of a Report, for the window's undo stack: each returns a new Report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .model import CellKey, Report
from .values import parse_value

__all__ = ["set_cell_text", "Change"]


@dataclass(frozen=True)
class Change:
    """One cell the clerk changed in the window, for the workbook's 修改记录 sheet."""

    table: str
    cell: CellKey
    old: str                  # the cell's text before ("" when blank)
    new: str                  # the text after
    when: datetime
    finding: str = ""         # the message of the finding the change answered, if any


def set_cell_text(report: Report, table: str, key: CellKey, text: str) -> Report:
    """The report with one cell set from what the clerk typed ("" clears it). Source line is kept."""
    old = report.tables[table][key]
    cell = parse_value(text, old.line)
    return report.with_cell(table, key, cell)

