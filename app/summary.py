"""`gouji check DIR --summary OUT.xlsx`: one row per report, for whoever reviews a whole batch."""

from __future__ import annotations

import math
import os
from datetime import datetime
from typing import Iterable, Sequence

from ._exceptions import ExportError
from .model import CheckResult, Report, json_number
from .export import col_letter, display_width, print_setup, save_workbook_atomic, set_text, styles, write_header_row, write_row

__all__ = ["write_summary", "summary_row", "SUMMARY_COLUMNS"]

# (header, width); the last six are the tables' key totals
SUMMARY_COLUMNS = (
    ("文件", 40), ("报告标题", 44), ("年度", 7), ("模板", 9), ("编码", 10),
    ("错误", 7), ("提醒", 7), ("无法检查的原因", 40),
    ("新收总计", 9), ("上年结转", 9), ("办理结果总计", 11), ("结转下年度", 10),
    ("复议总计", 9), ("诉讼总计", 9),
)
_TOTALS = (
    ("t2", (("1", "3"),)),
    ("t2", (("2", "3"),)),
    ("t2", (("3.7", "3"),)),
    ("t2", (("4", "3"),)),
    ("t3", (("1", "1.5"),)),
    ("t3", (("1", "2.1.5"), ("1", "2.2.5"))),
)


def _total(report: Report, tid: str, keys) -> object:
    cells = report.tables.get(tid)
    if not cells:
        return None
    values = []
    for k in keys:
        c = cells.get(k)
        if c is None or not c.is_number:
            return None
        values.append(c.value)
    return json_number(sum(values))


def summary_row(path: str, report: Report | None, result: CheckResult | None, error: str | None) -> list:
    if report is None:
        return [path, "", None, "", "", None, None, error or "无法读取"] + [None] * len(_TOTALS)
    return [
        path, report.title, report.year, f"{report.format}年版", report.encoding,
        result.errors if result is not None else None,
        result.warnings if result is not None else None,
        error or report.error or "",
    ] + [_total(report, tid, keys) for tid, keys in _TOTALS]


def write_summary(rows: Sequence[tuple], path: str, protect: Iterable[str] = ()) -> None:
    """rows: (path, report|None, result|None, error|None) per file. Atomic save; ExportError on failure."""
    from openpyxl import Workbook

    target = os.fspath(path)
    if not target.lower().endswith(".xlsx"):
        raise ExportError(f"汇总工作簿文件名应以 .xlsx 结尾：{target}")
    st = styles()
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    title = ws.cell(1, 1)
    bad = sum(1 for _, rep, res, err in rows if rep is None or err or (res is not None and res.errors))
    set_text(title, f"年度报告统计表检查汇总：共 {len(rows)} 份，{bad} 份有错误或无法检查"
                    f"（{datetime.now():%Y-%m-%d %H:%M}）")
    title.font = st["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SUMMARY_COLUMNS))
    ws.row_dimensions[1].height = 26
    write_header_row(ws, 2, [name for name, _ in SUMMARY_COLUMNS], st)
    for i, (_, width) in enumerate(SUMMARY_COLUMNS, start=1):
        ws.column_dimensions[col_letter(i)].width = width
    sources = []
    for n, (src, report, result, error) in enumerate(rows):
        r = n + 3
        values = summary_row(src, report, result, error)
        if report is not None:          # a file that could not be read (an old summary) is no source
            sources.append(src)
        write_row(ws, r, values, st, left=(1, 2, 8))
        failed = report is None or bool(error)
        if failed or (result is not None and result.errors):
            ws.cell(r, 6 if not failed else 8).fill = st["error_fill"]
        elif result is not None and result.warnings:
            ws.cell(r, 7).fill = st["warning_fill"]
        tallest = max(math.ceil(display_width(str(v)) / (w - 2)) if isinstance(v, str) and v else 1
                      for v, (_, w) in zip(values, SUMMARY_COLUMNS))
        ws.row_dimensions[r].height = 15 * max(1, tallest) + 3
    ws.freeze_panes = "B3"
    last = max(len(rows) + 2, 2)
    ws.auto_filter.ref = f"A2:{col_letter(len(SUMMARY_COLUMNS))}{last}"
    print_setup(ws, "年度报告统计表检查汇总")
    ws.print_title_rows = "2:2"
    wb.properties.title = "年度报告统计表检查汇总"
    wb.properties.creator = "Gouji（勾稽）"
    save_workbook_atomic(wb, target, protect=[*sources, *protect])
