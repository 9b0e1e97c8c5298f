"""Map a CheckResult onto cells once per check, so the model's data() only looks things up."""

from __future__ import annotations

from app._record import Frozen, set_field
from app.model import KIND_NAMES, SEVERITY_NAMES, CheckResult, Finding, Fix
from app.values import format_number

__all__ = ["CellMark", "build_marks", "finding_tooltip", "KIND_NAMES", "SEVERITY_NAMES"]


class CellMark(Frozen):
    """severity: the worst of the findings through the cell; fix: set when this is the cell a fix names."""

    __slots__ = ("severity", "findings", "fix", "tooltip")

    def __init__(self, severity: str, findings: tuple[Finding, ...], fix: Fix | None, tooltip: str):
        set_field(self, "severity", severity)
        set_field(self, "findings", findings)
        set_field(self, "fix", fix)
        set_field(self, "tooltip", tooltip)


def finding_tooltip(f: Finding) -> str:
    head = f"{SEVERITY_NAMES.get(f.severity, f.severity)} · {KIND_NAMES.get(f.kind, f.kind)}"
    if f.rule:
        head += f"（规则 {f.rule}）"
    lines = [head, f.message]
    if f.expected is not None or f.actual is not None:
        lines.append(f"应为：{_num(f.expected)}　实际：{_num(f.actual)}")
    return "\n".join(lines)


def _num(v) -> str:
    return "—" if v is None else format_number(v)


def build_marks(result: CheckResult, verified: set[str] = frozenset()) -> dict[tuple[str, tuple[str, str]], CellMark]:
    """Cell → its mark; findings the clerk marked 已核实 (their keys in `verified`) mark nothing."""
    per_cell: dict[tuple[str, tuple[str, str]], list[Finding]] = {}
    for f in result.findings:
        if verified and f.key in verified:
            continue
        for key in f.focus or f.cells:
            per_cell.setdefault((f.table, key), []).append(f)
    fixes = {(x.table, x.cell): x for x in result.fixes}
    marks = {}
    for where, found in per_cell.items():
        sev = "error" if any(f.severity == "error" for f in found) else "warning"
        fix = fixes.get(where)
        parts = [finding_tooltip(f) for f in found]
        if fix is not None:
            parts.insert(0, f"建议改为 {format_number(fix.value)}（可用“采用建议值”一步改好）")
        marks[where] = CellMark(sev, tuple(found), fix, "\n\n".join(parts))
    return marks
