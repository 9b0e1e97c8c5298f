"""Plain data the core hands out: cells, parsed reports, findings and fixes. No behaviour beyond views."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .template import Template, get_template

# Chinese names of the contract's finding kinds and severities: one wording for window and workbook.
KIND_NAMES = {
    "row-total": "行合计", "column-total": "列合计", "cross-check": "勾稽关系", "review-total": "复议诉讼合计",
    "value": "填写内容", "layout": "表格排列", "format": "表格格式", "plausibility": "合理性",
    "narrative": "正文与表格", "cross-year": "跨年度",
}
SEVERITY_NAMES = {"error": "错误", "warning": "提醒"}

__all__ = ["KIND_NAMES", "SEVERITY_NAMES", "Number", "Cell", "Report", "Finding", "Fix", "CheckResult",
           "CellKey", "json_number"]

Number = int | Decimal      # (not typing.Union: importing typing costs the command line 7 ms)
CellKey = tuple[str, str]

# Cell states
NUMBER = "number"     # a number (possibly after normalisation, see notes)
BLANK = "blank"       # empty cell
MISSING = "missing"   # a placeholder: "/", "—", "-", "无"
TEXT = "text"         # anything else: not a number


@dataclass(slots=True)
class Cell:
    """One table cell. Treated as immutable (edits make new Cells); not frozen only because frozen
    dataclasses are three times slower to build and a report has hundreds of cells."""

    raw: str                          # the cell's text as written (stripped), "" when blank
    state: str = BLANK
    value: Number | None = None       # set when state == NUMBER
    line: int | None = None           # 1-based line of the decoded text the cell was read from
    notes: tuple[str, ...] = ()       # normalisations applied: fullwidth, space, thousands, unit:元, plus

    @property
    def is_number(self) -> bool:
        return self.state == NUMBER

    def json_value(self):
        """The contract's VALUE: a number, null for blank, or the raw text."""
        if self.state == NUMBER:
            return json_number(self.value)
        if self.state == BLANK:
            return None
        return self.raw


def json_number(v: Number | None):
    if v is None:
        return None
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        return float(v)
    return v


@dataclass(frozen=True)
class Finding:
    severity: str                     # "error" | "warning"
    kind: str                         # contract kind
    table: str
    cells: tuple[CellKey, ...]
    expected: Number | None
    actual: Number | None
    message: str
    rule: str = ""                    # stable code (R-APP-ROW, R-CELL-BLANK, ...)
    focus: tuple[CellKey, ...] = ()   # the cells to show first (an uncertain sum: its total and its gaps)

    @property
    def key(self) -> str:
        """Stable identity across re-checks, for marks such as 已核实."""
        return f"{self.rule}|{self.table}|" + ";".join(f"{r}:{c}" for r, c in self.cells)

    def to_json(self) -> dict:
        return {
            "severity": self.severity, "kind": self.kind, "table": self.table,
            "cells": list(map(list, self.cells)),
            "expected": json_number(self.expected), "actual": json_number(self.actual),
            "message": self.message, "rule": self.rule,
            **({"focus": list(map(list, self.focus))} if self.focus else {}),
        }


@dataclass(frozen=True)
class Fix:
    table: str
    cell: CellKey
    current: Cell
    value: Number
    explains: tuple[Finding, ...] = ()

    def to_json(self) -> dict:
        return {"table": self.table, "cell": list(self.cell),
                "current": self.current.json_value(), "value": json_number(self.value)}


@dataclass(frozen=True)
class Report:
    path: str
    encoding: str
    text: str                                       # decoded text, "\n" line ends
    title: str
    year: int | None
    format: str                                     # "2021" | "2019"
    tables: dict[str, dict[CellKey, Cell]]          # only the tables the file holds
    table_formats: dict[str, str] = field(default_factory=dict)  # generation per table
    parse_findings: tuple[Finding, ...] = ()        # layout / format findings from reading
    error: str | None = None                        # set when the file is unusable or cut off
    guessed: frozenset = frozenset()                # (table, row, col) placed by position, not by label:
                                                    # never the subject of a suggested fix

    def template_for(self, table: str) -> Template:
        return get_template(self.table_formats.get(table, self.format))

    def with_cell(self, table: str, key: CellKey, cell: Cell) -> "Report":
        """A copy with one cell replaced (edits are pure: undo keeps the old report)."""
        tables = dict(self.tables)
        cells = dict(tables[table])
        if key not in cells:
            raise KeyError(key)
        cells[key] = cell
        tables[table] = cells
        return replace(self, tables=tables)


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    fixes: tuple[Fix, ...]

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)
