"""Plain data the core hands out: cells, parsed reports, findings and fixes. No behaviour beyond views."""

from __future__ import annotations

from decimal import Decimal

from ._purecython import plain_python
from ._record import Frozen, set_field
from .template import Template, get_template

try:
    plain_python(globals())
    import cython
except ImportError:
    pass
if cython.compiled:     # (read by Cython only: plain Python's stand-in says False)
    from cython.cimports.cpython.object import PyObject_GenericSetAttr

# Chinese names of the contract's finding kinds and severities: one wording for window and workbook.
KIND_NAMES = {
    "row-total": "行合计", "column-total": "列合计", "cross-check": "勾稽关系", "review-total": "复议诉讼合计",
    "value": "填写内容", "layout": "表格排列", "format": "表格格式", "plausibility": "合理性",
    "narrative": "正文与表格", "cross-year": "跨年度",
}
SEVERITY_NAMES = {"error": "错误", "warning": "提醒"}

__all__ = ["KIND_NAMES", "SEVERITY_NAMES", "Number", "Cell", "ABSENT", "absent_count", "Report", "Finding",
           "Fix", "CheckResult", "CellKey", "json_number"]

Number = int | Decimal      # (not typing.Union: importing typing costs the command line 7 ms)
CellKey = tuple[str, str]

@cython.cfunc
def _set(record, name: str, value) -> None:
    """set_field(record, name, value): a frozen record's field set in its __init__, as object.__setattr__ sets it,
    without calling that builtin through a tuple of arguments (a report makes dozens of records of nine or twelve
    fields). Compiled only: plain Python's _set is set_field itself (below)."""
    PyObject_GenericSetAttr(record, name, value)


if not cython.compiled:
    _set = set_field


# Cell states
NUMBER = "number"     # a number (possibly after normalisation, see notes)
BLANK = "blank"       # empty cell
MISSING = "missing"   # a placeholder: "/", "—", "-", "无"
TEXT = "text"         # anything else: not a number


class Cell:
    """One table cell. Treated as immutable (edits make new Cells); not frozen only because frozen
    records are three times slower to build and a report has hundreds of cells.

    raw: the cell's text as written (stripped), "" when blank; value: set when state == NUMBER;
    line: 1-based line of the decoded text the cell was read from; notes: normalisations applied
    (fullwidth, space, thousands, unit:元, plus, sign, inner-space, minus-zero).

    A record as app/_record.py's are (equality and repr by fields, `replace`, pickling), written out rather than
    inherited: compiled, Cell is a C type (app/model.pxd), whose fields the parser, the rules and the JSON writer
    read directly, and a C type's base cannot be a Python class."""

    __slots__ = ("raw", "state", "value", "line", "notes")
    _fields = ("raw", "state", "value", "line", "notes")

    def __init__(self, raw: str, state: str = BLANK, value: Number | None = None, line: int | None = None,
                 notes: tuple[str, ...] = ()):
        self.raw = raw
        self.state = state
        self.value = value
        self.line = line
        self.notes = notes

    def _field_values(self) -> tuple:
        return self.raw, self.state, self.value, self.line, self.notes

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._field_values() == other._field_values()
        return NotImplemented

    def __ne__(self, other):
        if other.__class__ is self.__class__:
            return self._field_values() != other._field_values()
        return NotImplemented

    __hash__ = None         # (equal by fields but changeable: unhashable, as an eq dataclass is)

    def __repr__(self):
        return (f"{self.__class__.__qualname__}(raw={self.raw!r}, state={self.state!r}, value={self.value!r}, "
                f"line={self.line!r}, notes={self.notes!r})")

    def __reduce__(self):
        return self.__class__, self._field_values()

    def replace(self, **changes):
        """A copy with the given fields changed."""
        values = dict(zip(self._fields, self._field_values()))
        values.update(changes)
        return self.__class__(**values)

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


# Every template cell the file did not give (a missing row, a table not read): one shared cell, told apart
# from a blank one by identity and by its note.
ABSENT = Cell("", BLANK, None, None, ("absent",))


@cython.locals(cells=dict, c=Cell, n=cython.Py_ssize_t)
def absent_count(cells: dict) -> int:
    """How many of a table's cells are the "absent" cell (template cells the file did not give)."""
    n = 0
    for c in cells.values():
        if "absent" in c.notes:
            n += 1
    return n


def json_number(v: Number | None):
    if v is None:
        return None
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        f = float(v)
        # A decimal past float's range (hundreds of digits) would be written "Infinity", which is not JSON.
        return f if f - f == 0 else None
    return v


class Finding(Frozen):
    """severity: "error" | "warning"; kind: contract kind; rule: stable code (R-APP-ROW, R-CELL-BLANK, ...);
    focus: the cells to show first (an uncertain sum: its total and its gaps)."""

    __slots__ = ("severity", "kind", "table", "cells", "expected", "actual", "message", "rule", "focus")

    def __init__(self, severity: str, kind: str, table: str, cells: tuple[CellKey, ...], expected: Number | None,
                 actual: Number | None, message: str, rule: str = "", focus: tuple[CellKey, ...] = ()):
        _set(self, "severity", severity)
        _set(self, "kind", kind)
        _set(self, "table", table)
        _set(self, "cells", cells)
        _set(self, "expected", expected)
        _set(self, "actual", actual)
        _set(self, "message", message)
        _set(self, "rule", rule)
        _set(self, "focus", focus)

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


class Fix(Frozen):
    __slots__ = ("table", "cell", "current", "value", "explains")

    def __init__(self, table: str, cell: CellKey, current: Cell, value: Number, explains: tuple[Finding, ...] = ()):
        _set(self, "table", table)
        _set(self, "cell", cell)
        _set(self, "current", current)
        _set(self, "value", value)
        _set(self, "explains", explains)

    def to_json(self) -> dict:
        return {"table": self.table, "cell": list(self.cell),
                "current": self.current.json_value(), "value": json_number(self.value)}


class Report(Frozen):
    """text: decoded text, "\n" line ends; format: "2021" | "2019"; tables: only the tables the file holds;
    table_formats: generation per table (a new empty dict when not given); parse_findings: layout / format
    findings from reading; error: set when the file is unusable or cut off; guessed: (table, row, col)
    placed by position, not by label: never the subject of a suggested fix; text_end: where in text
    another report begins (two pasted into one file), else None: the prose read against the tables ends there."""

    __slots__ = ("path", "encoding", "text", "title", "year", "format", "tables", "table_formats",
                 "parse_findings", "error", "guessed", "text_end")

    def __init__(self, path: str, encoding: str, text: str, title: str, year: int | None, format: str,
                 tables: dict[str, dict[CellKey, Cell]], table_formats: dict[str, str] | None = None,
                 parse_findings: tuple[Finding, ...] = (), error: str | None = None,
                 guessed: frozenset = frozenset(), text_end: int | None = None):
        _set(self, "path", path)
        _set(self, "encoding", encoding)
        _set(self, "text", text)
        _set(self, "title", title)
        _set(self, "year", year)
        _set(self, "format", format)
        _set(self, "tables", tables)
        _set(self, "table_formats", {} if table_formats is None else table_formats)
        _set(self, "parse_findings", parse_findings)
        _set(self, "error", error)
        _set(self, "guessed", guessed)
        _set(self, "text_end", text_end)

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
        return self.replace(tables=tables)


class CheckResult(Frozen):
    __slots__ = ("findings", "fixes")

    def __init__(self, findings: tuple[Finding, ...], fixes: tuple[Fix, ...]):
        _set(self, "findings", findings)
        _set(self, "fixes", fixes)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)
