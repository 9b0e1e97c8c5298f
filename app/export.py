"""Write the reviewer's workbook: the three tables laid out like the official ones, flags, live checks.

The same workbook is written by `gouji export` and by the window's Save. It carries the decoded
source text in a veryHidden sheet so that `gouji check OUT.xlsx` (app.xlsx_read) rebuilds exactly
the report it came from, then picks up whatever a reviewer changed in the visible tables.
"""

from __future__ import annotations

import errno
import hashlib
import io
import math
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

from . import _regex
from ._exceptions import ExportError
from .model import KIND_NAMES, BLANK, NUMBER, CellKey, CheckResult, Finding, Report, json_number
from .template import MONEY, SIGNED, TABLE_IDS, TABLE_SHORT, TABLE_TITLES, Relation, Template

__all__ = [
    "export_workbook", "save_workbook_atomic", "table_layout", "SheetLayout", "relation_formula",
    "HIDDEN_SHEET", "SHEET_NAMES", "RESULT_SHEET", "CHANGES_SHEET", "SCHEMA", "TEXT_CHUNK",
    "set_text", "display_width", "styles", "col_letter", "print_setup", "flagged_cells",
]

HIDDEN_SHEET = "_gouji"
RESULT_SHEET = "校验结果"
CHANGES_SHEET = "修改记录"
SHEET_NAMES = dict(TABLE_SHORT)          # t1 -> 表二（主动公开）, ...
SCHEMA = 1                               # version of the hidden sheet's layout
TEXT_CHUNK = 8000                        # well under Excel's 32767 UTF-16 units per cell

FONT_NAME = "宋体"                        # Chinese Excel and WPS default; LibreOffice substitutes a CJK font
GB2312_CHARSET = 134                     # tells Excel/WPS which fallback font family to use

ERROR_FILL = "FFC7CE"
ERROR_TEXT = "9C0006"
WARNING_FILL = "FFEB9C"
WARNING_TEXT = "9C5700"
LIVE_ERROR_FILL = "FF5B5B"               # conditional format: a total that does not add up right now
LIVE_WARNING_FILL = "F4B183"
HEADER_FILL = "F2F2F2"

_ILLEGAL_XML = _regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@")

# ---------------------------------------------------------------------------------------------
# Layout: where every header, label and cell of a table goes. Shared with the reader.


@dataclass
class SheetLayout:
    tid: str
    width: int                                     # number of columns used
    label_cols: int                                # columns holding row labels
    cells: dict[CellKey, tuple[int, int]] = field(default_factory=dict)     # (row, col), 1-based
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # r1, c1, r2, c2
    texts: list[tuple[int, int, str, str]] = field(default_factory=list)    # row, col, text, kind
    header_rows: list[int] = field(default_factory=list)
    first_data_row: int = 2
    last_row: int = 1

    def address(self, key: CellKey, absolute: bool = False) -> str:
        r, c = self.cells[key]
        return _addr(r, c, absolute)


def col_letter(c: int) -> str:
    s = ""
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def _addr(r: int, c: int, absolute: bool = False) -> str:
    if absolute:
        return f"${col_letter(c)}${r}"
    return f"{col_letter(c)}{r}"


def _spans(n: int, width: int) -> list[tuple[int, int]]:
    """(offset, span) of n columns spread over width columns; the last ones take the remainder."""
    base, extra = divmod(width, n)
    out, pos = [], 0
    for i in range(n):
        span = base + (1 if i >= n - extra else 0)
        out.append((pos, span))
        pos += span
    return out


def table_layout(tpl: Template, tid: str) -> SheetLayout:
    """The official table's shape: block titles, merged multi-level headers, row labels, cells."""
    spec = tpl.tables[tid]
    rows_all = spec.rows()
    labelled = any(any(p for p in r.path) for r in rows_all)
    label_cols = max(len(r.path) for r in rows_all) if labelled else 0
    data_width = max(len(b.columns) for b in spec.blocks)
    lay = SheetLayout(tid, label_cols + data_width, label_cols)
    lay.texts.append((1, 1, TABLE_TITLES[tid], "title"))
    lay.merges.append((1, 1, 1, lay.width))
    r = 2
    for block in spec.blocks:
        if block.title:
            lay.texts.append((r, 1, block.title, "block"))
            lay.merges.append((r, 1, r, lay.width))
            lay.header_rows.append(r)
            r += 1
        depth = max(len(c.path) for c in block.columns)
        spans = _spans(len(block.columns), data_width)
        col_at = [(label_cols + 1 + off, span) for off, span in spans]
        if label_cols:
            lay.texts.append((r, 1, block.corner, "corner"))
            if depth > 1 or label_cols > 1:
                lay.merges.append((r, 1, r + depth - 1, label_cols))
        for level in range(depth):
            j = 0
            while j < len(block.columns):
                path = block.columns[j].path
                if len(path) <= level:
                    j += 1
                    continue
                key = path[:level + 1]
                k = j
                while k + 1 < len(block.columns) and block.columns[k + 1].path[:level + 1] == key \
                        and len(block.columns[k + 1].path) > level:
                    k += 1
                c1 = col_at[j][0]
                c2 = col_at[k][0] + col_at[k][1] - 1
                leaf = j == k and len(path) == level + 1
                r1 = r + level
                r2 = r + depth - 1 if leaf else r1
                lay.texts.append((r1, c1, key[-1], "head"))
                if (r1, c1) != (r2, c2):
                    lay.merges.append((r1, c1, r2, c2))
                j = k + 1
        lay.header_rows.extend(range(r, r + depth))
        r += depth
        if lay.first_data_row == 2:
            lay.first_data_row = r
        first = r
        rows = block.rows
        for level in range(label_cols):
            i = 0
            while i < len(rows):
                path = rows[i].path
                if len(path) <= level:
                    i += 1
                    continue
                key = path[:level + 1]
                k = i
                while k + 1 < len(rows) and rows[k + 1].path[:level + 1] == key and len(rows[k + 1].path) > level:
                    k += 1
                leaf = i == k and len(path) == level + 1
                c1 = level + 1
                c2 = label_cols if leaf else c1
                r1, r2 = first + i, first + k
                lay.texts.append((r1, c1, key[-1], "label"))
                if (r1, c1) != (r2, c2):
                    lay.merges.append((r1, c1, r2, c2))
                i = k + 1
        for i, row in enumerate(rows):
            for col, (c, span) in zip(block.columns, col_at):
                lay.cells[(row.id, col.id)] = (first + i, c)
                if span > 1:
                    lay.merges.append((first + i, c, first + i, c + span - 1))
        r = first + len(rows)
    lay.last_row = r - 1
    return lay


# ---------------------------------------------------------------------------------------------
# Live checks: one conditional-format formula per relation, over the sheet's own cells


def _runs(addrs: list[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Group cells into contiguous vertical or horizontal runs, keeping the given order."""
    out: list[list[tuple[int, int]]] = []
    for rc in addrs:
        if out:
            run = out[-1]
            (r0, c0), (r1, c1) = run[0], run[-1]
            if len(run) == 1 and ((rc[0] == r1 + 1 and rc[1] == c1) or (rc[0] == r1 and rc[1] == c1 + 1)):
                run.append(rc)
                continue
            if len(run) > 1 and c0 == c1 and rc == (r1 + 1, c1):
                run.append(rc)
                continue
            if len(run) > 1 and r0 == r1 and rc == (r1, c1 + 1):
                run.append(rc)
                continue
        out.append([rc])
    return [(run[0], run[-1]) for run in out]


def _ref(run) -> str:
    (r0, c0), (r1, c1) = run
    if (r0, c0) == (r1, c1):
        return _addr(r0, c0, True)
    return f"{_addr(r0, c0, True)}:{_addr(r1, c1, True)}"


def _sum_expr(addrs: list[tuple[int, int]]) -> str:
    parts = []
    for run in _runs(addrs):
        parts.append(_ref(run) if run[0] == run[1] else f"SUM({_ref(run)})")
    return "+".join(parts) if parts else "0"


def relation_formula(rel: Relation, lay: SheetLayout) -> tuple[str, list[tuple[int, int]]] | None:
    """(formula, cells to colour) that is TRUE exactly when the core calls the relation broken.

    The COUNT guard mirrors the core: a relation with a blank or non-numeric cell is only
    'uncertain' (a warning), never an error, so the live check stays quiet about it too.
    """
    if any(k not in lay.cells for k in rel.cells):
        return None
    lhs = [lay.cells[k] for k in rel.lhs]
    rhs = [lay.cells[k] for k in rel.rhs]
    every = ",".join(_ref(run) for run in _runs(lhs + rhs))
    guard = f"COUNT({every})={len(lhs) + len(rhs)}"
    left, right = _sum_expr(lhs), _sum_expr(rhs)
    if rel.op == "=":
        test = f"{left}<>{right}"
    elif rel.op == ">=":
        test = f"{left}<{right}"
    elif rel.op == "<=":
        test = f"{left}>{right}"
    elif rel.op == "zero-iff":
        test = f"({left}=0)<>({right}=0)"
    else:
        return None
    colour = lhs if rel.op == "=" and len(lhs) == 1 else lhs + rhs
    return f"AND({guard},{test})", colour


# ---------------------------------------------------------------------------------------------
# Cell writing helpers


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def set_text(cell, text: str) -> None:
    """Write text as text: a leading = + - @ never becomes a formula, here or when re-edited in Excel."""
    text = _ILLEGAL_XML.sub("\ufffd", text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")

    def font(size=10.5, bold=False, color=None, underline=None):
        return Font(name=FONT_NAME, size=size, bold=bold, color=color, charset=GB2312_CHARSET,
                    underline=underline)

    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "font": font(),
        "bold": font(bold=True),
        "title": font(size=14, bold=True),
        "link": font(color="0563C1", underline="single"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "error_fill": PatternFill("solid", fgColor=ERROR_FILL),
        "warning_fill": PatternFill("solid", fgColor=WARNING_FILL),
        "error_font": font(color=ERROR_TEXT),
        "warning_font": font(color=WARNING_TEXT),
        "live_error_fill": PatternFill("solid", fgColor=LIVE_ERROR_FILL, bgColor=LIVE_ERROR_FILL),
        "live_warning_fill": PatternFill("solid", fgColor=LIVE_WARNING_FILL, bgColor=LIVE_WARNING_FILL),
        "live_font": Font(bold=True, color="FFFFFF"),
        "live_warning_font": Font(bold=True, color="000000"),
    }


_COLUMN_WIDTH = {"t1": (24, 17), "t2": (9, 9), "t3": (0, 9)}   # label columns, data columns
_T2_LEAF_LABEL_WIDTH = 40


def _column_widths(lay: SheetLayout) -> list[float]:
    label_w, data_w = _COLUMN_WIDTH.get(lay.tid, (20, 12))
    widths = [float(label_w)] * lay.label_cols + [float(data_w)] * (lay.width - lay.label_cols)
    if lay.tid == "t2" and lay.label_cols >= 3:
        widths[0], widths[1], widths[2] = 8, 9, _T2_LEAF_LABEL_WIDTH
    return widths


def _row_heights(lay: SheetLayout, widths: list[float]) -> dict[int, float]:
    """Rows tall enough for their wrapped text (Excel does not grow rows that a file sets up)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in lay.merges:
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
    need: dict[int, float] = {}
    for r, c, text, kind in lay.texts:
        nrows, ncols = spans.get((r, c), (1, 1))
        width = sum(widths[c - 1:c - 1 + ncols]) - 1.5
        size = 14 if kind == "title" else 10.5
        line_h = 20 if kind == "title" else 14.5
        scale = size / 10.5
        lines = sum(max(1, math.ceil(display_width(part) * scale / max(width, 1))) for part in text.split("\n"))
        per_row = lines * line_h / nrows + 4
        need[r] = max(need.get(r, 0), per_row)
    return need


# ---------------------------------------------------------------------------------------------
# The workbook


def export_workbook(report: Report, result: CheckResult, path: str, changes: Sequence = (),
                    verified: Mapping | None = None) -> None:
    """Write the reviewer's workbook to path atomically; raise ExportError (Chinese) on failure.

    verified: finding key → app.marks.Mark (the clerk's 已核实 decisions), shown on 校验结果.
    """
    target = os.fspath(path)
    _refuse_source(target, [report.path] if report.path else [])
    if not target.lower().endswith(".xlsx"):
        raise ExportError(f"工作簿文件名应以 .xlsx 结尾：{target}")
    wb = build_workbook(report, result, changes, verified=verified)
    save_workbook_atomic(wb, target, protect=[report.path] if report.path else [])


def build_workbook(report: Report, result: CheckResult, changes: Sequence = (), when: datetime | None = None,
                   verified: Mapping | None = None):
    from openpyxl import Workbook

    when = when or datetime.now()
    st = styles()
    wb = Workbook()
    results_ws = wb.active
    results_ws.title = RESULT_SHEET
    layouts: dict[str, SheetLayout] = {}
    for tid in TABLE_IDS:
        if tid not in report.tables:
            continue
        ws = wb.create_sheet(SHEET_NAMES[tid])
        layouts[tid] = _write_table(ws, report, result, tid, st)
    _write_results(results_ws, report, result, layouts, when, st, verified or {})
    _write_changes(wb.create_sheet(CHANGES_SHEET), report, changes, layouts, st)
    _write_hidden(wb.create_sheet(HIDDEN_SHEET), report, layouts, when)
    _properties(wb, report, result, when)
    return wb


RELATION_KINDS = ("row-total", "column-total", "cross-check", "review-total")


def flagged_cells(f: Finding) -> tuple[CellKey, ...]:
    """The cells a finding colours: a broken sum marks its total (勾稽: all four), others every cell.

    Colouring the twenty addends of a column total would bury the one number that is wrong;
    the addends are named in the comment and on the 校验结果 sheet.
    """
    if f.focus:
        return f.focus
    if f.kind in RELATION_KINDS and f.kind != "cross-check" and f.cells:
        return f.cells[:1]
    return f.cells


def _findings_by_cell(result: CheckResult, tid: str) -> dict[CellKey, list[Finding]]:
    out: dict[CellKey, list[Finding]] = {}
    for f in result.findings:
        if f.table != tid:
            continue
        for k in flagged_cells(f):
            lst = out.setdefault(k, [])
            if f not in lst:
                lst.append(f)
    return out


def _fixes_by_cell(result: CheckResult, tid: str) -> dict[CellKey, str]:
    from .values import format_number

    return {fx.cell: f"建议：改为 {format_number(fx.value)}，可使经过这个单元格的合计关系全部成立。"
            for fx in result.fixes if fx.table == tid}


def _number_for_sheet(value, domain: str):
    """Counts as int, 万元 amounts as float; a whole Decimal in a count column as int."""
    if isinstance(value, Decimal):
        if domain != MONEY and value == value.to_integral_value():
            return int(value)
        return float(value)
    if domain == MONEY:
        return float(value)
    return value


def _write_table(ws, report: Report, result: CheckResult, tid: str, st) -> SheetLayout:
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import FormulaRule

    tpl = report.template_for(tid)
    spec = tpl.tables[tid]
    lay = table_layout(tpl, tid)
    cells = report.tables[tid]
    flagged = _findings_by_cell(result, tid)
    fixes = _fixes_by_cell(result, tid)
    widths = _column_widths(lay)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[col_letter(i)].width = w

    # borders first, over the whole table area (merged cells need every member bordered)
    for r in range(2, lay.last_row + 1):
        for c in range(1, lay.width + 1):
            cell = ws.cell(r, c)
            cell.border = st["border"]
            cell.font = st["font"]
            cell.alignment = st["center"]
    vertical_groups = {(r1, c1) for r1, c1, r2, c2 in lay.merges if r2 > r1 and c1 == c2}
    for r, c, text, kind in lay.texts:
        cell = ws.cell(r, c)
        set_text(cell, text)
        if kind == "title":
            cell.font = st["title"]
            cell.alignment = st["center"]
        elif kind in ("head", "corner", "block"):
            cell.font = st["bold"] if kind != "corner" else st["font"]
            cell.alignment = st["center"] if kind != "block" else st["left"]
        else:                                  # row labels: groups and 表二 centred, 表三's items flush left
            group = (r, c) in vertical_groups
            cell.alignment = st["center"] if group or lay.tid == "t1" else st["left"]
    header_cells = set()
    for r in lay.header_rows:
        for c in range(1, lay.width + 1):
            header_cells.add((r, c))
    for (r, c) in header_cells:
        ws.cell(r, c).fill = st["header_fill"]
    for r1, c1, r2, c2 in lay.merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    for key, (r, c) in lay.cells.items():
        cell_data = cells.get(key)
        cell = ws.cell(r, c)
        domain = spec.column(*key).domain
        if cell_data is None or cell_data.state == BLANK:
            cell.value = None
        elif cell_data.state == NUMBER:
            cell.value = _number_for_sheet(cell_data.value, domain)
            if domain == MONEY:
                cell.number_format = "0.0000"
            elif domain == SIGNED:
                cell.number_format = "+0;-0;0"
            else:
                cell.number_format = "0"
        else:                                  # text and placeholders stay exactly as written
            set_text(cell, cell_data.raw)
        found = flagged.get(key, [])
        fix = fixes.get(key)
        if found or fix:
            worst = "error" if fix or any(f.severity == "error" for f in found) else "warning"
            cell.fill = st[f"{worst}_fill"]
            cell.font = st[f"{worst}_font"]
            lines = [("错误：" if f.severity == "error" else "提醒：") + f.message
                     for f in sorted(found, key=lambda f: f.severity != "error")]
            if fix:
                lines.insert(0, fix)
            text = "\n".join(lines)
            comment = Comment(_ILLEGAL_XML.sub("\ufffd", text)[:30000], "Gouji")
            comment.width = 320
            comment.height = min(600, 40 + 18 * sum(max(1, math.ceil(display_width(t) / 42)) for t in lines))
            cell.comment = comment

    for rel in tpl.relations:
        if rel.table != tid:
            continue
        made = relation_formula(rel, lay)
        if made is None:
            continue
        formula, colour = made
        error = rel.severity == "error"
        rule = FormulaRule(formula=[formula], stopIfTrue=False,
                           fill=st["live_error_fill" if error else "live_warning_fill"],
                           font=st["live_font" if error else "live_warning_font"])
        ws.conditional_formatting.add(" ".join(_addr(r, c) for r, c in colour), rule)

    heights = _row_heights(lay, widths)
    for r in range(1, lay.last_row + 1):
        ws.row_dimensions[r].height = max(heights.get(r, 0), 18 if r >= 2 else 26)

    if lay.tid == "t1":
        ws.freeze_panes = _addr(2, lay.label_cols + 1)
    else:
        ws.freeze_panes = _addr(lay.first_data_row, lay.label_cols + 1)
        ws.print_title_rows = f"1:{lay.first_data_row - 1}"
    if lay.label_cols and lay.tid != "t1":
        ws.print_title_cols = f"A:{col_letter(lay.label_cols)}"
    print_setup(ws, _report_title(report), f"A1:{col_letter(lay.width)}{lay.last_row}")
    ws.sheet_view.zoomScale = 100
    return lay


def _header_text(text: str) -> str:
    """Excel header codes start with &; a literal & is written &&; the whole header is ≤ 255 chars."""
    return _ILLEGAL_XML.sub("", text).replace("&", "&&")[:200]


def print_setup(ws, title: str, area: str | None = None) -> None:
    """Landscape A4, one page wide, the title as page header, page numbers as footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddHeader.center.text = _header_text(title)
    ws.oddHeader.center.size = 10
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    if area:
        ws.print_area = area


def _report_title(report: Report) -> str:
    return report.title or os.path.basename(report.path) or "政府信息公开工作年度报告"


def _link(cell, sheet: str, address: str, st) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!{address}",
                               tooltip=f"转到 {sheet} {address}")
    cell.font = st["link"]


def _cells_text(lay: SheetLayout, keys: Iterable[CellKey]) -> tuple[str, str]:
    """('D7:D27、D28', first address) — this workbook's own addresses, runs written as ranges."""
    addrs = [lay.cells[k] for k in keys if k in lay.cells]
    if not addrs:
        return "", ""
    ordered = sorted(dict.fromkeys(addrs), key=lambda rc: (rc[1], rc[0]))
    runs = _runs(ordered)
    if len(runs) > 1:
        by_row = sorted(dict.fromkeys(addrs))
        row_runs = _runs(by_row)
        if len(row_runs) < len(runs):
            runs = row_runs
    parts = []
    for (r0, c0), (r1, c1) in runs:
        parts.append(_addr(r0, c0) if (r0, c0) == (r1, c1) else f"{_addr(r0, c0)}:{_addr(r1, c1)}")
    first = lay.cells[next(k for k in keys if k in lay.cells)]
    return "、".join(parts), _addr(*first)


def _write_results(ws, report: Report, result: CheckResult, layouts, when: datetime, st, verified) -> None:
    from openpyxl.styles import PatternFill

    headers = ("序号", "表格", "单元格", "规则", "应为", "实为", "级别", "说明")
    widths = (6, 16, 22, 18, 10, 10, 8, 90)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[col_letter(i)].width = w
    last_col = col_letter(len(headers))

    def line(r, label, value, font=None, fill=None):
        a = ws.cell(r, 1)
        set_text(a, label)
        a.font = st["bold"]
        a.alignment = st["left"]
        b = ws.cell(r, 3)
        set_text(b, value)
        b.font = font or st["font"]
        b.alignment = st["left"]
        if fill is not None:
            b.fill = fill
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=len(headers))
        room = sum(widths[2:]) - 2
        ws.row_dimensions[r].height = 15 * max(1, math.ceil(display_width(value) / room)) + 3

    title = ws.cell(1, 1)
    set_text(title, report.title or os.path.basename(report.path))
    title.font = st["title"]
    title.alignment = st["left"]
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 26
    if result.errors:
        verdict = f"发现 {result.errors} 处错误、{result.warnings} 处提醒：表格数字不能直接使用，请按下表逐项核对。"
        vfill = st["error_fill"]
    elif result.warnings:
        verdict = f"未发现错误；有 {result.warnings} 处提醒，请核实。"
        vfill = st["warning_fill"]
    else:
        verdict = "未发现错误，也没有提醒。"
        vfill = PatternFill("solid", fgColor="C6EFCE")
    rows = [
        ("结论", verdict, st["bold"], vfill),
        ("来源文件", report.path or "（未保存的文本）", None, None),
        ("编码", report.encoding, None, None),
        ("模板", f"{report.format}年版" + ("（国办公开办函〔2021〕30号）" if report.format == "2021"
                                           else "（国办公开办函〔2019〕60号，试行）"), None, None),
        ("检查时间", when.strftime("%Y-%m-%d %H:%M:%S"), None, None),
        ("Gouji 版本", _version(), None, None),
    ]
    if report.error:
        rows.insert(1, ("注意", report.error, st["error_font"], st["error_fill"]))
    r = 2
    for label, value, font, fill in rows:
        line(r, label, value, font, fill)
        r += 1
    legend = ("浅红底＝导出时发现的错误，浅黄底＝提醒，合计不成立时标出合计单元格（鼠标停在单元格上可看批注）；"
              "红底白字＝合计或勾稽关系此刻不成立，在 Excel/WPS 中修改数字后会立即重新判断。")
    line(r, "颜色说明", legend)
    r += 2
    head_row = r
    write_header_row(ws, r, headers, st)
    r += 1
    if not result.findings:
        c = ws.cell(r, 1)
        set_text(c, "（没有发现问题）")
        c.font = st["font"]
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(headers))
        r += 1
    for n, f in enumerate(result.findings, start=1):
        lay = layouts.get(f.table)
        sheet = SHEET_NAMES.get(f.table, f.table)
        where, first = _cells_text(lay, f.cells) if lay else ("", "")
        rule = f"{KIND_NAMES.get(f.kind, f.kind)}\n{f.rule}" if f.rule else KIND_NAMES.get(f.kind, f.kind)
        mark = verified.get(f.key)
        level = "错误" if f.severity == "error" else "提醒"
        message = f.message
        if mark is not None:
            level += "\n已核实"
            message += f"\n【已核实 {mark.when.replace('T', ' ')}】{mark.note}"
        values = [n, sheet, where or "—", rule, json_number(f.expected), json_number(f.actual), level, message]
        write_row(ws, r, values, st, left=(3, 8))
        sev = ws.cell(r, 7)
        sev.fill = st["error_fill" if f.severity == "error" else "warning_fill"]
        sev.font = st["error_font" if f.severity == "error" else "warning_font"]
        if lay is not None:
            _link(ws.cell(r, 3), sheet, first or "A1", st)
            _link(ws.cell(r, 2), sheet, "A1", st)
        lines = max(rule.count("\n") + 1, math.ceil(display_width(message) / (widths[7] - 2)) + message.count("\n"),
                    math.ceil(display_width(where) / (widths[2] - 2)))
        ws.row_dimensions[r].height = 15 * lines + 3
        r += 1
    ws.freeze_panes = f"A{head_row + 1}"
    ws.auto_filter.ref = f"A{head_row}:{last_col}{max(r - 1, head_row)}"
    print_setup(ws, _report_title(report))
    ws.print_title_rows = f"{head_row}:{head_row}"


def write_header_row(ws, r: int, names, st) -> None:
    """The bold, filled heading row of a list sheet."""
    for i, name in enumerate(names, start=1):
        c = ws.cell(r, i)
        set_text(c, name)
        c.font = st["bold"]
        c.fill = st["header_fill"]
        c.border = st["border"]
        c.alignment = st["center"]


def write_row(ws, r: int, values, st, left=()) -> None:
    """One bordered row of a list sheet: text as text (never a formula), numbers as numbers."""
    for i, v in enumerate(values, start=1):
        c = ws.cell(r, i)
        if isinstance(v, str):
            set_text(c, v)
        else:
            c.value = v
        c.border = st["border"]
        c.font = st["font"]
        c.alignment = st["left"] if i in left else st["center"]


def _write_changes(ws, report: Report, changes: Sequence, layouts, st) -> None:
    headers = ("序号", "表格", "单元格", "位置", "原值", "新值", "修改时间", "对应的问题")
    widths = (6, 16, 10, 40, 12, 12, 20, 70)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[col_letter(i)].width = w
    write_header_row(ws, 1, headers, st)
    if not changes:
        c = ws.cell(2, 1)
        set_text(c, "（没有在窗口中修改过单元格）")
        c.font = st["font"]
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    for n, ch in enumerate(changes, start=1):
        r = n + 1
        lay = layouts.get(ch.table)
        sheet = SHEET_NAMES.get(ch.table, ch.table)
        address = lay.address(ch.cell) if lay is not None and ch.cell in lay.cells else ""
        try:
            name = report.template_for(ch.table).cell_name(ch.table, *ch.cell)
        except KeyError:
            name = f"{ch.cell[0]}行 {ch.cell[1]}列"
        when = ch.when.strftime("%Y-%m-%d %H:%M:%S") if hasattr(ch.when, "strftime") else str(ch.when)
        values = [n, sheet, address or "—", name, ch.old, ch.new, when, ch.finding or ""]
        write_row(ws, r, values, st, left=(4, 8))
        if address:
            _link(ws.cell(r, 3), sheet, address, st)
        lines = max(1, math.ceil(display_width(ch.finding or "") / (widths[7] - 2)),
                    math.ceil(display_width(name) / (widths[3] - 2)))
        ws.row_dimensions[r].height = 15 * lines + 3
    ws.freeze_panes = "A2"
    print_setup(ws, _report_title(report))


def _write_hidden(ws, report: Report, layouts, when: datetime) -> None:
    """Source text and metadata, so the workbook can be read back into the same report."""
    from .parse import parse_text

    ws.sheet_state = "veryHidden"
    text = report.text
    plain = _ILLEGAL_XML.search(text) is None
    stored = text if plain else _b64(text)
    chunks = [stored[i:i + TEXT_CHUNK] for i in range(0, len(stored), TEXT_CHUNK)] or [""]
    meta = [
        ("schema", str(SCHEMA)),
        ("gouji_version", _version()),
        ("source_path", report.path),
        ("encoding", report.encoding),
        ("format", report.format),
        ("title", report.title),
        ("checked_at", when.isoformat(timespec="seconds")),
        ("text_mode", "plain" if plain else "base64"),
        ("text_sha256", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()),
        ("text_chunks", str(len(chunks))),
    ]
    for tid, name in SHEET_NAMES.items():
        if tid in layouts:
            meta.append(("sheet", tid, name))
    # cells that differ from the source text (edits in the window), as the text that was typed
    try:
        source = parse_text(report.text, report.path, report.encoding)
    except Exception:  # noqa: BLE001 - a report that cannot be re-parsed still exports; every cell is kept
        source = None
    for tid, cells in report.tables.items():
        base = source.tables.get(tid, {}) if source is not None else {}
        for key, cell in cells.items():
            if base.get(key) != cell:
                meta.append(("edit", tid, key[0], key[1], cell.raw))
    r = 1
    for row in meta:
        for c, v in enumerate(row, start=1):
            set_text(ws.cell(r, c), _ILLEGAL_XML.sub("\ufffd", v))
        r += 1
    for chunk in chunks:
        set_text(ws.cell(r, 1), "text")
        ws.cell(r, 2).value = chunk
        ws.cell(r, 2).data_type = "s"
        r += 1


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii")


def _version() -> str:
    from . import __version__

    return __version__


def _properties(wb, report: Report, result: CheckResult, when: datetime) -> None:
    from openpyxl.packaging.custom import StringProperty

    p = wb.properties
    p.title = _ILLEGAL_XML.sub("", report.title)[:250] or None
    p.subject = "政府信息公开工作年度报告统计表校验结果"
    p.creator = f"Gouji（勾稽）{_version()}"
    p.keywords = "勾稽;政府信息公开;年度报告"
    p.description = _ILLEGAL_XML.sub("", (
        f"来源文件：{report.path}；编码：{report.encoding}；检查时间：{when:%Y-%m-%d %H:%M:%S}；"
        f"Gouji 版本：{_version()}；{result.errors} 处错误，{result.warnings} 处提醒"))[:1000]
    p.created = p.modified = when
    for name, value in (("来源文件", report.path), ("编码", report.encoding),
                        ("检查时间", when.strftime("%Y-%m-%d %H:%M:%S")), ("Gouji版本", _version()),
                        ("错误数", str(result.errors)), ("提醒数", str(result.warnings))):
        wb.custom_doc_props.append(StringProperty(name=name, value=_ILLEGAL_XML.sub("", value or "")[:255]))


# ---------------------------------------------------------------------------------------------
# Saving: temp file beside the target, then os.replace


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _refuse_source(target: str, protect: Iterable[str]) -> None:
    for src in protect:
        if src and _same_file(target, src):
            raise ExportError(f"不能把工作簿写到原报告文件上（{target}），否则原文件会丢失。请换一个文件名。")


def _write_bytes(fh, data: bytes) -> None:
    fh.write(data)
    fh.flush()
    os.fsync(fh.fileno())


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def save_workbook_atomic(wb, path: str, protect: Iterable[str] = ()) -> None:
    """Save to a temp file in the target's folder, then os.replace; nothing half-written is left."""
    target = os.path.abspath(os.fspath(path))
    _refuse_source(target, protect)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise ExportError(f"{path} 是一个文件夹，不能保存为工作簿。请换一个文件名。")
    if not os.path.isdir(folder):
        if os.path.exists(folder):
            raise ExportError(f"无法保存到 {path}：{folder} 不是文件夹。")
        raise ExportError(f"无法保存到 {path}：文件夹 {folder} 不存在。")
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".gouji-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            _write_bytes(fh, data)
        try:
            mode = os.stat(target).st_mode & 0o777 if os.path.exists(target) else _umask_mode()
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _export_error(exc, path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _export_error(exc: OSError, path: str) -> ExportError:
    code = exc.errno
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return ExportError(f"无法写入 {path}：文件可能正在 Excel 或 WPS 中打开，或者没有写入这个文件夹的权限。"
                           f"请关闭该文件或换一个位置后重试。")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return ExportError(f"磁盘空间不足，工作簿 {path} 没有保存。请清理磁盘或换一个位置后重试。")
    if code == errno.EROFS:
        return ExportError(f"无法写入 {path}：所在磁盘是只读的。请换一个位置保存。")
    if code in (errno.ENOENT, errno.ENOTDIR):
        if os.path.isdir(os.path.dirname(os.path.abspath(path))):     # (/proc, a mount that takes no new files)
            return ExportError(f"无法保存到 {path}：这个文件夹里不能新建文件。请换一个位置保存。")
        return ExportError(f"无法保存到 {path}：所在文件夹不存在。")
    if code == errno.EISDIR:
        return ExportError(f"{path} 是一个文件夹，不能保存为工作簿。请换一个文件名。")
    if code == errno.ENAMETOOLONG:
        return ExportError(f"文件名太长，无法保存：{path}")
    return ExportError(f"保存工作簿 {path} 时出错：{exc.strerror or exc}")
