"""The reviewer's workbook: round trip, numbers as numbers, flags, live checks, safe saving, zip bombs."""

from __future__ import annotations

import errno
import io
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

import app
from app import DecodeError, ExportError, GoujiError, check, load_report, load_text
from app.cli import report_json
from app.edit import Change, set_cell_text
from app.export import (CHANGES_SHEET, HIDDEN_SHEET, RESULT_SHEET, SHEET_NAMES, export_workbook,
                        flagged_cells, table_layout)
from app.xlsx_read import ZipLimits, guard_zip

from .conftest import ROOT

SEED_004 = "004"
EQUALITY_KINDS = ("row-total", "column-total", "cross-check", "review-total")


# ---------------------------------------------------------------------------------------------
# helpers


def _doc(report, result=None):
    doc = report_json(report, result or check(report))
    doc.pop("path")
    return doc


def _export(report, tmp_path, name="out.xlsx", changes=()):
    out = tmp_path / name
    export_workbook(report, check(report), str(out), changes)
    return out


def _assert_same_report(a, b):
    assert set(a.tables) == set(b.tables)
    for tid in a.tables:
        assert a.tables[tid] == b.tables[tid], tid
    assert (a.format, a.title, a.year, a.encoding, a.text) == (b.format, b.title, b.year, b.encoding, b.text)
    assert _doc(a) == _doc(b)


def _replace_line(text: str, lineno: int, new: str) -> str:
    lines = text.split("\n")
    lines[lineno - 1] = new
    return "\n".join(lines)


def _row(*fields) -> str:
    return "\t".join(str(f) for f in fields)


def altered_004(seeds) -> str:
    """Seed 004 with real numbers in 表三 and two typos: （七）总计·自然人 6 (should be 5), 复议总计 3 (should be 2)."""
    text = seeds[SEED_004].read_text(encoding="utf-8")
    lines = {
        47: _row("一、本年新收政府信息公开申请数量", 5, 2, 0, 0, 1, 0, 8),
        48: _row("二、上年结转政府信息公开申请数量", 1, 0, 0, 0, 0, 0, 1),
        49: _row("三、本年度办理结果", "(一) 予以公开", "", 3, 1, 0, 0, 0, 0, 4),
        50: _row("", "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）", "", *[0] * 7),
        60: _row("", "(四) 无法提供", "1.本机关不掌握相关政府信息", 2, 0, 0, 0, 1, 0, 3),
        69: _row("", "(七) 总计", "", 6, 1, 0, 0, 1, 0, 7),
        70: _row("", "四、结转下年度继续办理", "", 1, 1, 0, 0, 0, 0, 2),
        77: _row(1, 0, 0, 1, 3, *[0] * 10),
    }
    for n, line in lines.items():
        text = _replace_line(text, n, line)
    return text


def _set_source_value(text: str, cell, value) -> str:
    """One-cell-per-line layout (seed 003): the cell's line holds only its number."""
    line = text.split("\n")[cell.line - 1]
    assert line.strip() == cell.raw, line
    return _replace_line(text, cell.line, line.replace(cell.raw, str(value)))


def altered_003(seeds) -> str:
    """Seed 003 (2021, one cell per line) with 表三 rows that do not add up."""
    text = seeds["003"].read_text(encoding="utf-8")
    base = load_text(text)
    t2 = base.tables["t2"]
    edits = {("1", "1"): 4, ("1", "3"): 4, ("3.1", "1"): 2, ("3.1", "3"): 2, ("3.3.4", "1"): 1,
             ("3.3.4", "3"): 1, ("3.6.1", "1"): 1, ("3.6.1", "3"): 2, ("3.7", "1"): 3, ("3.7", "3"): 5}
    for key, value in sorted(edits.items(), key=lambda kv: -t2[kv[0]].line):
        text = _set_source_value(text, t2[key], value)
    check_text = load_text(text).tables["t2"]
    assert all(check_text[k].value == v for k, v in edits.items())
    return text


def _write_text(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------------------------------------
# round trip


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_round_trip_every_seed(seeds, tmp_path, name):
    report = load_report(seeds[name])
    out = _export(report, tmp_path)
    back = load_report(out)
    _assert_same_report(report, back)
    assert back.path == str(out)


def test_round_trip_altered_seeds_with_errors(seeds, tmp_path):
    for name, text in (("004_err.txt", altered_004(seeds)), ("003_err.txt", altered_003(seeds))):
        src = _write_text(tmp_path, name, text)
        report = load_report(src)
        result = check(report)
        assert result.errors >= 2, name
        out = _export(report, tmp_path, name.replace(".txt", ".xlsx"))
        back = load_report(out)
        _assert_same_report(report, back)
        assert check(back).errors == result.errors


def test_altered_004_errors_are_the_ones_we_made(seeds, tmp_path):
    report = load_text(altered_004(seeds))
    result = check(report)
    errors = sorted((f.rule, f.table) for f in result.findings if f.severity == "error")
    assert errors == [("R-APP-COL", "t2"), ("R-APP-GOUJI", "t2"), ("R-APP-ROW", "t2"), ("R-REV-ROW", "t3")]
    assert [(x.table, x.cell, x.value) for x in result.fixes] == [("t2", ("3.7", "1"), 5)]


def test_cli_export_then_check_json_gives_the_same_report(seeds, tmp_path):
    src = _write_text(tmp_path, "004_err.txt", altered_004(seeds))
    out = tmp_path / "out.xlsx"
    run = [sys.executable, "-m", "app"]
    exp = subprocess.run(run + ["export", str(src), "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert exp.returncode == 1, exp.stderr          # exported, and the report has errors
    assert "已导出" in exp.stdout
    a = subprocess.run(run + ["check", "--json", str(src)], capture_output=True, text=True, cwd=ROOT)
    b = subprocess.run(run + ["check", "--json", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert a.returncode == b.returncode == 1
    ra, rb = json.loads(a.stdout)["reports"][0], json.loads(b.stdout)["reports"][0]
    assert rb["path"] == str(out)
    ra.pop("path"), rb.pop("path")
    assert ra == rb


def test_window_edits_round_trip_and_are_listed(seeds, tmp_path):
    report = load_report(seeds[SEED_004])
    when = datetime(2024, 3, 1, 9, 30, 0)
    edits = [("t2", ("3.1", "1"), "0"), ("t2", ("3.1", "2.1"), "１２"), ("t2", ("4", "3"), "abc"),
             ("t1", ("20.9.1", "2"), "1.23456"), ("t3", ("1", "1.1"), ""), ("t2", ("3.3.1", "1"), "=1+1")]
    changes = []
    edited = report
    for tid, key, text in edits:
        changes.append(Change(tid, key, edited.tables[tid][key].raw, text, when, "某条提醒"))
        edited = set_cell_text(edited, tid, key, text)
    out = _export(edited, tmp_path, changes=changes)
    back = load_report(out)
    _assert_same_report(edited, back)
    assert back.tables["t2"][("3.1", "2.1")].notes == ("fullwidth",)

    wb = openpyxl.load_workbook(out)
    ws = wb[CHANGES_SHEET]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == len(edits)
    lay = table_layout(report.template_for("t2"), "t2")
    assert rows[0][2] == lay.address(("3.1", "1"))
    assert (rows[0][4] or "", *rows[0][5:8]) == ("", "0", "2024-03-01 09:30:00", "某条提醒")
    assert rows[5][5] == "=1+1" and ws.cell(7, 6).data_type == "s"
    link = ws.cell(2, 3).hyperlink
    assert link.location == f"'{SHEET_NAMES['t2']}'!{lay.address(('3.1', '1'))}"


def test_reviewer_edits_in_excel_are_picked_up(seeds, tmp_path):
    src = _write_text(tmp_path, "004_err.txt", altered_004(seeds))
    report = load_report(src)
    out = _export(report, tmp_path)
    lay2 = table_layout(report.template_for("t2"), "t2")
    lay3 = table_layout(report.template_for("t3"), "t3")
    wb = openpyxl.load_workbook(out)
    ws2, ws3 = wb[SHEET_NAMES["t2"]], wb[SHEET_NAMES["t3"]]
    ws2[lay2.address(("3.7", "1"))] = 5            # the suggested fix
    ws3[lay3.address(("1", "1.5"))] = 2            # the 复议 total
    ws2[lay2.address(("3.3.1", "2.1"))] = "/"      # a placeholder typed as text
    ws2[lay2.address(("3.3.2", "2.1"))] = None     # a cleared cell
    wb.save(out)
    back = load_report(out)
    expected = report
    for tid, key, text in (("t2", ("3.7", "1"), "5"), ("t3", ("1", "1.5"), "2"),
                           ("t2", ("3.3.1", "2.1"), "/"), ("t2", ("3.3.2", "2.1"), "")):
        expected = set_cell_text(expected, tid, key, text)
    _assert_same_report(expected, back)
    assert check(back).errors == 0
    again = load_report(_export(back, tmp_path, "again.xlsx"))     # saved again from the window: nothing lost
    _assert_same_report(expected, again)


def test_not_a_gouji_workbook_is_refused_in_chinese(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "表三"
    p = tmp_path / "other.xlsx"
    wb.save(p)
    with pytest.raises(DecodeError) as exc:
        load_report(p)
    assert "不是 Gouji 导出的工作簿" in str(exc.value)


def test_tampered_hidden_text_is_refused(seeds, tmp_path):
    out = _export(load_report(seeds["002"]), tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[HIDDEN_SHEET]
    for row in ws.iter_rows():
        if row[0].value == "text":
            row[1].value = row[1].value.replace("0", "9", 1)
            break
    wb.save(out)
    with pytest.raises(DecodeError) as exc:
        load_report(out)
    assert "被改动" in str(exc.value)


def test_source_text_with_control_characters_round_trips(seeds, tmp_path):
    text = seeds["002"].read_text(encoding="utf-8") + "\n附注\x0b\x01 结束\n"
    report = load_text(text, str(tmp_path / "x.txt"))
    out = _export(report, tmp_path)
    _assert_same_report(report, load_report(out))


def test_renamed_table_sheet_is_reported_not_silently_ignored(seeds, tmp_path):
    out = _export(load_report(seeds["002"]), tmp_path)
    wb = openpyxl.load_workbook(out)
    wb[SHEET_NAMES["t3"]].title = "复议"
    wb.save(out)
    back = load_report(out)
    assert any(f.rule == "R-XLSX-SHEET" and "表四" in f.message for f in check(back).findings)


# ---------------------------------------------------------------------------------------------
# what the sheets hold


def test_numbers_are_numeric_cells_and_text_is_text(seeds, tmp_path):
    report = load_report(seeds[SEED_004])
    report = set_cell_text(report, "t1", ("20.9.1", "2"), "12.5")
    report = set_cell_text(report, "t1", ("20.5.1", "2"), "-3")
    out = _export(report, tmp_path)
    wb = openpyxl.load_workbook(out)
    seen = {"int": 0, "money": 0, "blank": 0}
    for tid, cells in report.tables.items():
        ws = wb[SHEET_NAMES[tid]]
        lay = table_layout(report.template_for(tid), tid)
        spec = report.template_for(tid).tables[tid]
        for key, cell in cells.items():
            xl = ws[lay.address(key)]
            domain = spec.column(*key).domain
            if cell.state == "number" and domain == "money":
                assert isinstance(xl.value, float) and xl.number_format == "0.0000", key
                assert Decimal(repr(xl.value)) == cell.value
                seen["money"] += 1
            elif cell.state == "number":
                assert type(xl.value) is int and xl.data_type == "n", key
                assert xl.value == cell.value
                seen["int"] += 1
            elif cell.state == "blank":
                assert xl.value is None
                seen["blank"] += 1
            else:
                assert xl.value == cell.raw and xl.data_type == "s"
    assert seen["money"] == 1 and seen["int"] > 40 and seen["blank"] == 12
    ws1 = wb[SHEET_NAMES["t1"]]
    lay1 = table_layout(report.template_for("t1"), "t1")
    assert ws1[lay1.address(("20.9.1", "2"))].value == 12.5
    assert ws1[lay1.address(("20.5.1", "2"))].value == -3
    assert ws1[lay1.address(("20.5.1", "2"))].number_format == "+0;-0;0"


def test_formula_like_text_stays_a_string(seeds, tmp_path):
    report = load_report(seeds["002"])
    texts = {("3.1", "1"): "=1+1", ("3.1", "2.1"): "@x", ("3.1", "2.2"): "-x", ("3.1", "2.3"): "+x",
             ("3.1", "2.4"): "=HYPERLINK(\"http://x\")"}
    for key, text in texts.items():
        report = set_cell_text(report, "t2", key, text)
    report = set_cell_text(report, "t2", ("3.1", "2.5"), "+3")      # a number to the core: stays a number
    changes = [Change("t2", ("3.1", "1"), "0", "=1+1", datetime.now(), "=SUM(A1)"),
               Change("t2", ("3.1", "2.1"), "@x", "+3", datetime.now(), "-x")]
    out = _export(report, tmp_path, changes=changes)
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = zf.read(name).decode("utf-8")
                assert not re.search(r"<f[ >]", xml), name      # no cell formula anywhere
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_NAMES["t2"]]
    lay = table_layout(report.template_for("t2"), "t2")
    for key, text in texts.items():
        cell = ws[lay.address(key)]
        assert cell.value == text and cell.data_type == "s"
        assert cell.quotePrefix                            # Excel keeps it text when re-edited
    assert ws[lay.address(("3.1", "2.5"))].value == 3
    back = load_report(out)
    for key, text in texts.items():
        assert back.tables["t2"][key].raw == text and back.tables["t2"][key].state == "text"
    _assert_same_report(report, back)


def test_layout_follows_the_official_tables(seeds, tmp_path):
    report = load_report(seeds["000"])
    out = _export(report, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_NAMES["t2"]]
    merged = {str(m) for m in ws.merged_cells.ranges}
    lay = table_layout(report.template_for("t2"), "t2")
    first_data = lay.cells[("1", "1")][1]
    top = lay.first_data_row - 3
    col = openpyxl.utils.get_column_letter
    assert ws.cell(top, first_data).value == "申请人情况"
    assert f"{col(first_data)}{top}:{col(first_data + 5)}{top}" in merged
    assert ws.cell(top + 1, first_data + 1).value == "法人或其他组织"
    assert f"{col(first_data + 1)}{top + 1}:{col(first_data + 5)}{top + 1}" in merged
    assert ws.cell(top, first_data + 6).value == "总计"
    assert f"{col(first_data + 6)}{top}:{col(first_data + 6)}{top + 2}" in merged     # spans all header rows
    assert ws.cell(top + 1, first_data).value == "自然人"
    assert ws.cell(top + 2, first_data + 5).value == "其他"
    assert "勾稽关系" in ws.cell(top, 1).value
    # row labels: 三、本年度办理结果 spans every result row; （三）不予公开 its eight rows
    r31 = lay.cells[("3.1", "1")][0]
    r37 = lay.cells[("3.7", "1")][0]
    assert ws.cell(r31, 1).value == "三、本年度办理结果" and f"A{r31}:A{r37}" in merged
    r331, r338 = lay.cells[("3.3.1", "1")][0], lay.cells[("3.3.8", "1")][0]
    assert ws.cell(r331, 2).value == "（三）不予公开" and f"B{r331}:B{r338}" in merged
    assert ws.cell(r331, 3).value == "1.属于国家秘密"
    assert ws.freeze_panes == f"{col(first_data)}{lay.first_data_row}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert report.title in ws.oddHeader.center.text
    assert ws.cell(r31, first_data).border.left.style == "thin"
    assert ws.cell(r31, first_data).font.name == "宋体"
    # 表四: 行政诉讼 over ten columns, 行政复议 over five, no label column
    ws4 = wb[SHEET_NAMES["t3"]]
    merged4 = {str(m) for m in ws4.merged_cells.ranges}
    assert ws4["A2"].value == "行政复议" and "A2:E2" in merged4
    assert ws4["F2"].value == "行政诉讼" and "F2:O2" in merged4
    assert ws4["A3"].value == "结果维持" and "A3:A4" in merged4
    assert ws4["F3"].value == "未经复议直接起诉" and "F3:J3" in merged4
    # 表二: each block titled, the one-column blocks spread over the table's width
    ws1 = wb[SHEET_NAMES["t1"]]
    titles = [c.value for c in ws1["A"] if isinstance(c.value, str) and c.value.startswith("第二十条")]
    assert titles == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]


def test_findings_are_flagged_with_colour_and_comment(seeds, tmp_path):
    report = load_text(altered_004(seeds), "x.txt")
    result = check(report)
    out = tmp_path / "out.xlsx"
    export_workbook(report, result, str(out))
    wb = openpyxl.load_workbook(out)
    for f in result.findings:
        if f.table not in report.tables or not f.cells:
            continue
        ws = wb[SHEET_NAMES[f.table]]
        lay = table_layout(report.template_for(f.table), f.table)
        for key in flagged_cells(f):
            cell = ws[lay.address(key)]
            assert cell.comment is not None and f.message in cell.comment.text
            colour = cell.fill.fgColor.rgb[-6:]
            if f.severity == "error":
                assert colour == "FFC7CE"
    ws2 = wb[SHEET_NAMES["t2"]]
    lay2 = table_layout(report.template_for("t2"), "t2")
    fixed = ws2[lay2.address(("3.7", "1"))]
    assert "改为 5" in fixed.comment.text
    untouched = ws2[lay2.address(("3.3.1", "1"))]
    assert untouched.comment is None and untouched.fill.fgColor.rgb[-6:] != "FFC7CE"


def test_results_sheet_lists_every_finding_with_links(seeds, tmp_path):
    report = load_text(altered_004(seeds), "x.txt")
    result = check(report)
    out = tmp_path / "out.xlsx"
    export_workbook(report, result, str(out))
    wb = openpyxl.load_workbook(out)
    ws = wb[RESULT_SHEET]
    assert wb.sheetnames[0] == RESULT_SHEET and wb[HIDDEN_SHEET].sheet_state == "veryHidden"
    verdict = " ".join(str(c.value) for c in ws["C"][:4] if c.value)
    assert f"发现 {result.errors} 处错误" in verdict
    head = next(r for r in range(1, 30) if ws.cell(r, 1).value == "序号")
    rows = list(ws.iter_rows(min_row=head + 1, max_row=head + len(result.findings)))
    assert len(rows) == len(result.findings)
    for row, f in zip(rows, result.findings):
        assert row[7].value == f.message
        assert row[6].value == ("错误" if f.severity == "error" else "提醒")
        assert row[3].value.endswith(f.rule) and row[3].value != f.rule     # a Chinese name, then the code
        if f.expected is not None:
            assert row[4].value == f.expected and row[5].value == f.actual
        lay = table_layout(report.template_for(f.table), f.table)
        if f.cells:
            first = lay.address(f.cells[0])
            assert row[2].hyperlink.location == f"'{SHEET_NAMES[f.table]}'!{first}"
            target = wb[SHEET_NAMES[f.table]][first]
            cell = report.tables[f.table][f.cells[0]]
            assert target.value == (cell.value if cell.is_number else (cell.raw or None))
    gouji = next(row for row, f in zip(rows, result.findings) if f.rule == "R-APP-GOUJI")
    lay = table_layout(report.template_for("t2"), "t2")
    for key in (("1", "1"), ("2", "1"), ("3.7", "1"), ("4", "1")):
        assert lay.address(key) in gouji[2].value.replace(":", "、") or _in_range(lay.address(key), gouji[2].value)


def _in_range(addr: str, text: str) -> bool:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string, range_boundaries
    col, row = coordinate_from_string(addr)
    c = column_index_from_string(col)
    for part in text.split("、"):
        lo_c, lo_r, hi_c, hi_r = range_boundaries(part)
        if lo_c <= c <= hi_c and lo_r <= row <= hi_r:
            return True
    return False


def test_document_properties(seeds, tmp_path):
    report = load_report(seeds["001"])
    out = _export(report, tmp_path)
    wb = openpyxl.load_workbook(out)
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props["来源文件"] == str(seeds["001"])
    assert props["编码"] == report.encoding
    assert props["Gouji版本"] == app.__version__
    datetime.strptime(props["检查时间"], "%Y-%m-%d %H:%M:%S")
    assert wb.properties.title == report.title
    assert str(seeds["001"]) in wb.properties.description and app.__version__ in wb.properties.creator


# ---------------------------------------------------------------------------------------------
# live checks: a small evaluator of exactly the conditional-format formulas we write

_TOKEN = re.compile(r"\s*(?:(?P<ref>\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|(?P<fn>AND|COUNT|SUM)\(|"
                    r"(?P<num>\d+)|(?P<op><>|<=|>=|[=<>+,()]))")
_ERR = object()


def _tokens(formula: str):
    pos, out = 0, []
    while pos < len(formula):
        m = _TOKEN.match(formula, pos)
        assert m and m.end() > pos, f"unexpected text in our own formula: {formula[pos:]!r}"
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class Evaluator:
    """AND, COUNT, SUM, +, comparisons, parentheses, cell references and ranges — Excel's semantics."""

    def __init__(self, ws):
        self.ws = ws

    def __call__(self, formula: str):
        self.toks = _tokens(formula)
        self.i = 0
        value = self.compare()
        assert self.i == len(self.toks), formula
        return value

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, want=None):
        tok = self.toks[self.i]
        assert want is None or tok[1] == want, (tok, want)
        self.i += 1
        return tok

    def compare(self):
        left = self.add()
        kind, op = self.peek()
        if kind == "op" and op in ("<>", "=", "<", ">", "<=", ">="):
            self.take()
            right = self.add()
            if left is _ERR or right is _ERR:
                return _ERR
            return {"<>": left != right, "=": left == right, "<": left < right, ">": left > right,
                    "<=": left <= right, ">=": left >= right}[op]
        return left

    def add(self):
        value = self.atom()
        while self.peek() == ("op", "+"):
            self.take()
            right = self.atom()
            value = _ERR if _ERR in (value, right) else value + right
        return value

    def atom(self):
        kind, text = self.take()
        if kind == "num":
            return int(text)
        if kind == "ref":
            cells = self.cells(text)
            assert len(cells) == 1, "a range outside SUM/COUNT"
            v = cells[0]
            if v is None:
                return 0
            return v if isinstance(v, (int, float)) else _ERR     # text in + gives #VALUE!
        if kind == "op" and text == "(":
            v = self.compare()
            self.take(")")
            return v
        if kind == "fn":
            args = []
            while True:
                if self.peek() == ("op", ")"):
                    self.take()
                    break
                k, t = self.peek()
                if text in ("SUM", "COUNT") and k == "ref":
                    self.take()
                    args.append(self.cells(t))
                else:
                    args.append(self.compare())
                if self.peek() == ("op", ","):
                    self.take()
            nums = [v for a in args if isinstance(a, list) for v in a if isinstance(v, (int, float))]
            if text == "SUM":
                return sum(nums)
            if text == "COUNT":
                return len(nums)
            if any(a is _ERR for a in args):
                return _ERR
            return all(bool(a) for a in args)
        raise AssertionError((kind, text))

    def cells(self, ref: str):
        ref = ref.replace("$", "")
        if ":" in ref:
            return [c.value for row in self.ws[ref] for c in row]
        return [self.ws[ref].value]


def firing(ws) -> set[frozenset[str]]:
    """The cell groups that the sheet's conditional formats colour right now."""
    ev = Evaluator(ws)
    out = set()
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            assert rule.type == "expression"
            if ev(rule.formula[0]) is True:
                out.add(frozenset(str(cf.sqref).split()))
    return out


def core_broken(report, tid) -> set[frozenset[str]]:
    """The same groups as the core sees them: broken equalities (errors) and broken plausibility relations."""
    lay = table_layout(report.template_for(tid), tid)
    out = set()
    for f in check(report).findings:
        if f.table != tid or f.rule in ("R-APP-ROW", "R-APP-COL", "R-APP-GOUJI") and f.severity != "error":
            continue
        if f.kind in EQUALITY_KINDS and f.severity == "error":
            keys = f.cells[:1] if f.kind != "cross-check" else f.cells
        elif f.rule in {r.rule for r in report.template_for(tid).relations if r.op != "="}:
            keys = f.cells
        else:
            continue
        out.add(frozenset(lay.address(k) for k in keys))
    return out


def test_every_relation_has_a_live_check(seeds, tmp_path):
    for name in ("000", "004"):
        report = load_report(seeds[name])
        wb = openpyxl.load_workbook(_export(report, tmp_path, f"{name}.xlsx"))
        for tid in report.tables:
            rels = [r for r in report.template_for(tid).relations if r.table == tid]
            rules = [rule for cf in wb[SHEET_NAMES[tid]].conditional_formatting for rule in cf.rules]
            assert len(rules) == len(rels), (name, tid)
        assert sum(1 for cf in wb[SHEET_NAMES["t2"]].conditional_formatting for _ in cf.rules) == \
            len(report.template_for("t2").tables["t2"].rows()) + 7 + 7


def test_live_checks_quiet_on_correct_tables_and_on_blanks(seeds, tmp_path):
    for name in ("000", "001", "002", "003", "004"):
        report = load_report(seeds[name])
        wb = openpyxl.load_workbook(_export(report, tmp_path, f"{name}.xlsx"))
        for tid in report.tables:
            assert firing(wb[SHEET_NAMES[tid]]) == set(), (name, tid)


def test_live_checks_flag_a_broken_total_and_clear_when_fixed(seeds, tmp_path):
    report = load_text(altered_004(seeds), "x.txt")
    wb = openpyxl.load_workbook(_export(report, tmp_path))
    ws2, ws3 = wb[SHEET_NAMES["t2"]], wb[SHEET_NAMES["t3"]]
    lay2 = table_layout(report.template_for("t2"), "t2")
    lay3 = table_layout(report.template_for("t3"), "t3")
    a = lay2.address
    assert firing(ws2) == {frozenset({a(("3.7", "3"))}), frozenset({a(("3.7", "1"))}),
                           frozenset({a(("1", "1")), a(("2", "1")), a(("3.7", "1")), a(("4", "1"))})}
    assert firing(ws3) == {frozenset({lay3.address(("1", "1.5"))})}
    assert firing(ws2) == core_broken(report, "t2") and firing(ws3) == core_broken(report, "t3")
    ws2[a(("3.7", "1"))] = 5                     # the reviewer types the right number: every flag clears
    ws3[lay3.address(("1", "1.5"))] = 2
    assert firing(ws2) == set() and firing(ws3) == set()
    ws2[a(("3.3.5", "2.4"))] = 1                 # a new typo lights its row total and its column total
    assert firing(ws2) == {frozenset({a(("3.3.5", "3"))}), frozenset({a(("3.7", "2.4"))})}
    ws2[a(("1", "2.4"))] = 2                     # 新收 changed alone: its row total and 勾稽
    ws2[a(("3.3.5", "2.4"))] = 0
    assert firing(ws2) == {frozenset({a(("1", "3"))}),
                           frozenset({a(("1", "2.4")), a(("2", "2.4")), a(("3.7", "2.4")), a(("4", "2.4"))})}
    ws2[a(("1", "2.4"))] = 1
    ws2[a(("3.3.5", "2.4"))] = "/"               # a placeholder: uncertain, not an error, as in the core
    assert firing(ws2) == set()


def test_live_checks_agree_with_the_core_on_random_edits(seeds, tmp_path):
    rng = random.Random(4)
    for text in (altered_004(seeds), altered_003(seeds)):
        base = load_text(text, "x.txt")
        wb = openpyxl.load_workbook(_export(base, tmp_path))
        for _ in range(25):
            report = base
            tid = rng.choice(["t1", "t2", "t2", "t3"])
            lay = table_layout(report.template_for(tid), tid)
            ws = wb[SHEET_NAMES[tid]]
            keys = rng.sample(sorted(lay.cells), 2)
            saved = {k: ws[lay.address(k)].value for k in keys}
            for k in keys:
                v = rng.choice([0, 1, 2, 3, 7, "", "/"])
                ws[lay.address(k)] = None if v == "" else v
                report = set_cell_text(report, tid, k, str(v))
            assert firing(ws) == core_broken(report, tid), (tid, keys)
            for k, v in saved.items():
                ws[lay.address(k)] = v


def test_plausibility_live_check_on_table_two(seeds, tmp_path):
    report = load_report(seeds[SEED_004])           # 2019: 本年新公开数量 ≤ 对外公开总数量
    wb = openpyxl.load_workbook(_export(report, tmp_path))
    ws = wb[SHEET_NAMES["t1"]]
    lay = table_layout(report.template_for("t1"), "t1")
    assert firing(ws) == set()
    ws[lay.address(("20.1.2", "2"))] = 5
    assert firing(ws) == {frozenset({lay.address(("20.1.2", "2")), lay.address(("20.1.2", "3"))})}


# ---------------------------------------------------------------------------------------------
# saving safely


def _leftovers(folder) -> list[str]:
    return [n for n in os.listdir(folder) if n.startswith(".gouji-") or n.endswith(".tmp")]


def test_refuses_to_write_over_the_source(seeds, tmp_path):
    src = _write_text(tmp_path, "r.txt", seeds["002"].read_text(encoding="utf-8"))
    report = load_report(src)
    before = src.read_bytes()
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(src))
    assert "原报告" in str(exc.value) and src.read_bytes() == before
    out = _export(report, tmp_path)                 # an exported workbook opened again is a source too
    again = load_report(out)
    saved = out.read_bytes()
    sub = tmp_path / "sub"
    sub.mkdir()
    for spelling in (str(out), str(sub / ".." / "out.xlsx")):
        with pytest.raises(ExportError):
            export_workbook(again, check(again), spelling)
    assert out.read_bytes() == saved and _leftovers(tmp_path) == []


def test_directory_in_place_of_the_file(seeds, tmp_path):
    report = load_report(seeds["002"])
    (tmp_path / "out.xlsx").mkdir()
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(tmp_path / "out.xlsx"))
    assert "文件夹" in str(exc.value)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["missing", "file"])
def test_unusable_folder(seeds, tmp_path, where):
    report = load_report(seeds["002"])
    parent = tmp_path / "nope"
    if where == "file":
        parent.write_text("x")
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(parent / "out.xlsx"))
    assert re.search(r"[\u4e00-\u9fff]", str(exc.value))
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(seeds, tmp_path):
    report = load_report(seeds["002"])
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(ExportError) as exc:
            export_workbook(report, check(report), str(locked / "out.xlsx"))
        assert "权限" in str(exc.value)
        assert os.listdir(locked) == []
    finally:
        locked.chmod(0o755)


def test_folder_without_write_permission(seeds, tmp_path, monkeypatch):
    """What a read-only folder does to a non-root user (CI runs as root, so simulate it here too)."""
    import tempfile

    report = load_report(seeds["002"])

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(tmp_path / "out.xlsx"))
    assert "权限" in str(exc.value) and os.listdir(tmp_path) == []


def test_folder_that_takes_no_new_file_is_not_called_missing(seeds, tmp_path, monkeypatch):
    """Round 48: `-o /proc/out.xlsx` said the folder did not exist; it exists and takes no new file. The message
    is the command line's too, so it no longer promises that the window keeps the edits (the window says so)."""
    import tempfile

    report = load_report(seeds["002"])

    def refused(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / "x"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(tmp_path / "out.xlsx"))
    assert "不存在" not in str(exc.value) and "不能新建文件" in str(exc.value)
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(PermissionError(errno.EACCES, "x")))
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(tmp_path / "out.xlsx"))
    assert "窗口" not in str(exc.value)


def test_target_open_in_excel(seeds, tmp_path, monkeypatch):
    """On Windows, replacing a workbook that Excel holds open raises PermissionError."""
    report = load_report(seeds["002"])
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old workbook")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", dst)

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(out))
    assert "Excel" in str(exc.value)
    assert out.read_bytes() == b"old workbook" and _leftovers(tmp_path) == []


def test_disk_full(seeds, tmp_path, monkeypatch):
    import app.export as export

    report = load_report(seeds["002"])
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old workbook")

    def full(fh, data):
        fh.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "_write_bytes", full)
    with pytest.raises(ExportError) as exc:
        export_workbook(report, check(report), str(out))
    assert "磁盘空间不足" in str(exc.value)
    assert out.read_bytes() == b"old workbook" and _leftovers(tmp_path) == []


def test_cli_export_failure_is_one_chinese_line(seeds, tmp_path):
    (tmp_path / "out.xlsx").mkdir()
    run = subprocess.run([sys.executable, "-m", "app", "export", str(seeds["002"]), "-o", str(tmp_path / "out.xlsx")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and run.stderr.startswith("导出失败：") and "Traceback" not in run.stderr


def test_saved_file_has_ordinary_permissions(seeds, tmp_path):
    out = _export(load_report(seeds["002"]), tmp_path)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


# ---------------------------------------------------------------------------------------------
# zip bombs and broken files


def _zip(entries) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_xlsx_is_refused(tmp_path):
    bomb = _zip([("[Content_Types].xml", b"<x/>"), ("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))])
    assert len(bomb) < 100_000
    p = tmp_path / "bomb.xlsx"
    p.write_bytes(bomb)
    with pytest.raises(DecodeError) as exc:
        load_report(p)
    assert "压缩炸弹" in str(exc.value)
    run = subprocess.run([sys.executable, "-m", "app", "check", str(p)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "压缩炸弹" in run.stdout and "Traceback" not in run.stderr


def test_guard_zip_limits():
    small = ZipLimits()
    small.max_entries, small.max_entry_bytes, small.max_total_bytes = 10, 5000, 8000
    guard_zip(_zip([("a", b"x" * 100)]), limits=small)
    with pytest.raises(DecodeError, match="部件"):
        guard_zip(_zip([(f"p{i}", b"") for i in range(11)]), limits=small)
    with pytest.raises(DecodeError, match="MB"):
        guard_zip(_zip([("a", os.urandom(6000))]), limits=small)
    with pytest.raises(DecodeError, match="超过"):
        guard_zip(_zip([("a", os.urandom(4000)), ("b", os.urandom(4500))]), limits=small)
    with pytest.raises(DecodeError, match="损坏"):
        guard_zip(b"PK\x03\x04" + b"\0" * 200)


def test_damaged_xlsx_is_a_chinese_error(seeds, tmp_path):
    out = _export(load_report(seeds["002"]), tmp_path)
    data = out.read_bytes()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(GoujiError) as exc:
        load_report(bad)
    assert re.search(r"[\u4e00-\u9fff]", str(exc.value))
