"""One open report: its current Report, the check result, the undo stack and the change log."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app import check
from app._record import Frozen, set_field
from app.model import CheckResult, Finding, Fix, Report
from app.values import format_number

from .marks import build_marks

if TYPE_CHECKING:
    from app.edit import Change

__all__ = ["ReportDocument", "CellEdit"]


class CellEdit(Frozen):
    __slots__ = ("table", "key", "text", "finding")

    def __init__(self, table: str, key: tuple[str, str], text: str, finding: str = ""):
        set_field(self, "table", table)
        set_field(self, "key", key)
        set_field(self, "text", text)
        set_field(self, "finding", finding)


class ReportDocument(QObject):
    """Emits `changed` once per completed undo step (a paste macro re-checks once, not per cell)."""

    changed = Signal()

    def __init__(self, report: Report, parent: QObject | None = None, result: CheckResult | None = None,
                 verified: dict | None = None):
        super().__init__(parent)
        self.report = report
        self.source_path = report.path
        self.save_path: str | None = None
        self.encoding_override: str | None = None
        self._changes: list[Change] = []
        self.recovery = None                    # RecoveryWriter, set by the controller
        self.verified: dict = dict(verified or {})   # finding key → app.marks.Mark (已核实 + note), outside undo
        self.undo_stack = QUndoStack(self)
        self._recheck(result)
        self.undo_stack.indexChanged.connect(self._on_index_changed)

    # -- state -----------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.report.title or os.path.basename(self.source_path)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def changes(self) -> list[Change]:
        return list(self._changes)

    def is_verified(self, f: Finding) -> bool:
        return f.key in self.verified

    def open_findings(self) -> list[Finding]:
        """The findings the clerk has not marked 已核实: these count, colour cells and have fixes."""
        if not self.verified:                   # the usual case: no key strings built per edit
            return list(self.result.findings)
        return [f for f in self.result.findings if f.key not in self.verified]

    def verified_findings(self) -> list[Finding]:
        if not self.verified:
            return []
        return [f for f in self.result.findings if f.key in self.verified]

    def open_errors(self) -> int:
        return sum(f.severity == "error" for f in self.open_findings())

    def open_fixes(self) -> list[Fix]:
        """Fixes of cells that some open finding still goes through."""
        if not self.verified:
            return list(self.result.fixes)
        cells = {(f.table, k) for f in self.open_findings() for k in f.cells}
        return [x for x in self.result.fixes if (x.table, x.cell) in cells]

    def verdict(self) -> str:
        found = self.open_findings()
        errors = sum(f.severity == "error" for f in found)
        warnings = len(found) - errors
        if not errors:
            text = self.tr("无错误 · {0} 处提醒").format(warnings) if warnings else self.tr("无错误")
        else:
            text = self.tr("{0} 处错误").format(errors)
            if warnings:
                text += self.tr(" · {0} 处提醒").format(warnings)
        done = len(found) != len(self.result.findings) and len(self.result.findings) - len(found)
        if done:
            text += self.tr("（另有 {0} 处已核实）").format(done)
        return text

    def set_verified(self, verified: dict) -> None:
        """The clerk's 已核实 marks changed: re-mark the cells and tell the views (no re-check needed)."""
        self.verified = dict(verified)
        self._recheck(self.result)
        self.changed.emit()

    # -- edits -----------------------------------------------------------------------------
    def set_cells(self, edits: Sequence[CellEdit], label: str) -> int:
        """Push the edits that change something as one undo step; returns how many cells changed."""
        real = [e for e in edits if self._differs(e)]
        if not real:
            return 0
        from .commands import SetCellCommand     # with the core's editing: at the first edit, not at launch
        stack = self.undo_stack
        if len(real) == 1:
            e = real[0]
            stack.push(SetCellCommand(self, e.table, e.key, e.text, e.finding, label))
            return 1
        stack.beginMacro(label)
        for e in real:
            stack.push(SetCellCommand(self, e.table, e.key, e.text, e.finding, label))
        stack.endMacro()
        return len(real)

    def apply_fix(self, fix: Fix) -> int:
        return self.set_cells([self._fix_edit(fix)], self.tr("采用建议值"))

    def apply_all_fixes(self) -> int:
        return self.set_cells([self._fix_edit(f) for f in self.open_fixes()], self.tr("采用全部建议值"))

    def _fix_edit(self, fix: Fix) -> CellEdit:
        answered = fix.explains[0].message if fix.explains else ""
        return CellEdit(fix.table, fix.cell, format_number(fix.value), answered)

    def _differs(self, e: CellEdit) -> bool:
        cells = self.report.tables.get(e.table)
        if cells is None or e.key not in cells:
            return False
        return cells[e.key].raw != e.text.strip()

    # -- called by commands and the stack -------------------------------------------------
    def _swap(self, report: Report, push: Change | None = None, pop: Change | None = None) -> None:
        self.report = report
        if push is not None:
            self._changes.append(push)
        if pop is not None and self._changes and self._changes[-1] is pop:
            self._changes.pop()

    def _recheck(self, result: CheckResult | None = None) -> None:
        """Check the current report and note which cells look different, so views repaint only those."""
        before = getattr(self, "_checked", None)
        old_marks = getattr(self, "marks", {})
        self.result = result if result is not None else check(self.report)
        self.marks = build_marks(self.result, set(self.verified))
        dirty: dict[str, set] = {}
        if before is not None:
            for tid, cells in self.report.tables.items():
                old = before.tables.get(tid)
                if cells is old:
                    continue
                for key, cell in cells.items():
                    if old is None or old.get(key) is not cell:
                        dirty.setdefault(tid, set()).add(key)
            for where in old_marks.keys() | self.marks.keys():
                if old_marks.get(where) != self.marks.get(where):
                    dirty.setdefault(where[0], set()).add(where[1])
        self._checked = self.report
        self.dirty = dirty

    def _on_index_changed(self, _index: int) -> None:
        self._recheck()
        self.changed.emit()
