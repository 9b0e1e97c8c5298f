"""Read a workbook written by app.export back into the Report it came from, plus a reviewer's edits.

The veryHidden sheet holds the decoded source text: re-parsing it gives the same cells, the same
layout findings and the same generation as the original report. The window's edits saved with the
workbook are replayed, then every value a reviewer changed in the visible tables is applied.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import warnings
from decimal import Decimal, InvalidOperation

from ._exceptions import DecodeError, GoujiError
from .edit import set_cell_text
from .formats.safety import LIMITS, ZipLimits, check_zip
from .model import BLANK, NUMBER, Cell, Finding, Report

__all__ = ["read_workbook", "guard_zip", "ZipLimits", "LIMITS"]


def guard_zip(data: bytes, what: str = "工作簿", limits: ZipLimits = LIMITS) -> None:
    """Refuse a workbook whose zip directory promises too many or too large parts, before opening it."""
    check_zip(data, what, limits)


def read_workbook(path, data: bytes) -> Report:
    """The Report a Gouji workbook was exported from, with a reviewer's changes to the tables applied."""
    from .export import HIDDEN_SHEET, SCHEMA, table_layout
    from .parse import parse_text

    guard_zip(data)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise DecodeError("缺少 openpyxl 组件，无法读取 .xlsx 工作簿。") from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, rich_text=False)
    except GoujiError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise DecodeError("无法打开这个 .xlsx 工作簿：文件已损坏，或不是 Excel 2007 及以后版本的格式。") from None
    if HIDDEN_SHEET not in wb.sheetnames:
        raise DecodeError("这个 .xlsx 不是 Gouji 导出的工作簿（缺少记录原文的隐藏工作表），无法还原报告。"
                          "请检查原始的 .txt 报告，或用 Gouji 导出的工作簿。")
    meta, edits, sheets, chunks = _read_hidden(wb[HIDDEN_SHEET])
    try:
        schema = int(meta.get("schema", "0"))
    except ValueError:
        schema = 0
    if schema < 1:
        raise DecodeError("工作簿中记录原文的隐藏工作表已损坏，无法还原报告。")
    if schema > SCHEMA:
        raise DecodeError("这个工作簿由更新版本的 Gouji 导出，请升级 Gouji 后再打开。")
    text = _join_text(meta, chunks)
    encoding = meta.get("encoding") or "utf-8"
    report = parse_text(text, os.fspath(path), encoding)

    for tid, row, col, raw in edits:
        if (row, col) in report.tables.get(tid, {}):
            report = set_cell_text(report, tid, (row, col), raw)

    notes: list[Finding] = []
    for tid in list(report.tables):
        name = sheets.get(tid)
        if name is None:
            continue
        if name not in wb.sheetnames:
            notes.append(Finding("warning", "format", tid, (), None, None,
                                 f"工作簿中找不到工作表“{name}”（可能被改名或删除），这张表按导出时的数字检查。",
                                 "R-XLSX-SHEET"))
            continue
        ws = wb[name]
        lay = table_layout(report.template_for(tid), tid)
        for key, (r, c) in lay.cells.items():
            if key not in report.tables[tid]:
                continue
            value = ws.cell(r, c).value
            current = report.tables[tid][key]
            if _same(current, value):
                continue
            report = set_cell_text(report, tid, key, _as_text(value))
    if notes:
        report = report.replace(parse_findings=report.parse_findings + tuple(notes))
    return report


def _read_hidden(ws):
    meta: dict[str, str] = {}
    edits: list[tuple[str, str, str, str]] = []
    sheets: dict[str, str] = {}
    chunks: list[str] = []
    for row in ws.iter_rows(values_only=True):
        if not row or row[0] is None:
            continue
        key = str(row[0])
        vals = ["" if v is None else str(v) for v in row[1:]]
        if key == "text":
            chunks.append(vals[0] if vals else "")
        elif key == "edit" and len(vals) >= 3:
            edits.append((vals[0], vals[1], vals[2], vals[3] if len(vals) > 3 else ""))
        elif key == "sheet" and len(vals) >= 2:
            sheets[vals[0]] = vals[1]
        else:
            meta[key] = vals[0] if vals else ""
    return meta, edits, sheets, chunks


def _join_text(meta: dict[str, str], chunks: list[str]) -> str:
    stored = "".join(chunks)
    try:
        expected_chunks = int(meta.get("text_chunks", "-1"))
    except ValueError:
        expected_chunks = -1
    if expected_chunks != len(chunks):
        raise DecodeError("工作簿中记录原文的隐藏工作表不完整，无法还原报告。")
    if meta.get("text_mode") == "base64":
        try:
            text = base64.b64decode(stored.encode("ascii"), validate=True).decode("utf-8", "surrogatepass")
        except (ValueError, UnicodeError):
            raise DecodeError("工作簿中记录的原文已损坏，无法还原报告。") from None
    else:
        text = stored
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if digest != meta.get("text_sha256"):
        raise DecodeError("工作簿中记录的原文被改动过（校验值不符），无法确认报告内容。"
                          "请在表格工作表中修改数字，不要修改隐藏的原文。")
    return text


def _same(cell: Cell, value) -> bool:
    """Does the sheet still say what the cell says? Numbers compare by value, text by its words."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return cell.state == BLANK
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        if cell.state != NUMBER:
            return False
        try:
            return float(cell.value) == float(value)
        except (TypeError, ValueError, OverflowError):
            return False
    if isinstance(value, str):
        return cell.state != BLANK and value.strip() == cell.raw
    return False


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        try:
            return format(Decimal(repr(value)), "f")
        except InvalidOperation:
            return repr(value)
    return str(value)
