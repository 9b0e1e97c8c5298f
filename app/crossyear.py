"""Reports checked together: the same body's consecutive years, and a summary against its parts.

All findings here are warnings (kind `cross-year`): counting conventions differ between offices.
"""

from __future__ import annotations

import os
from collections import defaultdict

from . import _regex
from .model import Finding, Report
from .template import T2_COLUMNS, T3_COLUMNS
from .values import format_number

__all__ = ["body_key", "cross_report_findings"]

_YEAR = _regex.compile(r"(?:19|20)\d{2}\s*年度?")
_NOISE = ("政府信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作报告", "信息公开工作",
          "政府信息公开年报", "年度报告", "工作报告", "年报", "人民政府", "政府", "信息公开", "关于")


_REGION_WIDE = _regex.compile(r"全(?:县|区|市|旗)|汇总")
_BRACKETED = _regex.compile(r"[（(].*?[)）]")
_PART_NAME = _regex.compile(r"(?:图解|解读|的?说明|全文|正文)$")
_PART_ENDS = ("图解", "解读", "说明", "全文", "正文")      # (how a _PART_NAME ends)
_REPEATED_END = _regex.compile(r"(.)\1+$")


def body_key(report: Report) -> str:
    """The issuing body from the title: 上屯镇人民政府2022年…报告 → 上屯镇; "" when the title names none
    ("2023年政府信息公开工作年度报告", "关于2022年度政府信息公开工作的年度报告"): such reports are not paired."""
    s = "".join(report.title.split())
    s = _YEAR.sub("", s)
    for w in _NOISE:
        s = s.replace(w, "")
    # (each pattern runs only where its first characters say it can match: a scan costs more than the look)
    if "（" in s or "(" in s:
        s = _BRACKETED.sub("", s)
    if s.endswith(_PART_ENDS):
        s = _PART_NAME.sub("", s)              # "…年度报告图解": the same body's report
    if "全" in s or "汇总" in s:
        s = _REGION_WIDE.sub("", s)            # 汤阴县全县 → 汤阴县
    if len(s) >= 2 and s[-1] == s[-2]:
        s = _REPEATED_END.sub(r"\1", s)       # 哈图布呼镇镇 → 哈图布呼镇
    s = s.strip("的")
    return s if len(s) >= 2 else ""


def _name(report: Report) -> str:
    """The file a finding compares with, as a reviewer finds it in the folder."""
    return os.path.basename(report.path) or report.title


def _num(report: Report, table: str, key):
    c = report.tables.get(table, {}).get(key)
    return c.value if c is not None and c.is_number else None


def cross_report_findings(reports: list[Report]) -> dict[int, list[Finding]]:
    """Findings per index into `reports`."""
    out: dict[int, list[Finding]] = defaultdict(list)
    by_body: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        key = body_key(r) if r.year is not None and r.title else ""
        if key:
            by_body[key].append(i)
    for body, idx in by_body.items():
        # A region-wide report (全县…) and the county government's own report share the body's name: each is
        # paired with its own kind. Every copy of a year is paired (a reviewer's folder holds a copy or a corrected
        # version), with each different report of the year before (one of several identical copies).
        by_year: dict[tuple, list[int]] = defaultdict(list)
        for i in idx:
            by_year[(reports[i].year, bool(_REGION_WIDE.search(reports[i].title)))].append(i)
        for (year, wide), items in by_year.items():
            earlier = _distinct(reports, by_year.get((year - 1, wide), ()))
            for i in items:
                for j in earlier:
                    # (two versions of last year that agree on a cell say the same thing once)
                    out[i] += [f for f in _consecutive(reports[j], reports[i])
                               if not any(g.message == f.message and g.cells == f.cells for g in out[i])]
    out_sum = _summaries(reports, by_body)
    for i, fs in out_sum.items():
        out[i] += fs
    return dict(out)


def _distinct(reports: list[Report], idx) -> list[int]:
    """The indexes of different reports among idx: one of several copies, a copy being a report with the same
    tables (cell by cell, as written), whatever its title's wording, its prose or its white space."""
    seen: dict[tuple, int] = {}
    for i in idx:
        tables = reports[i].tables
        key = tuple((tid, tuple((k, c.raw) for k, c in tables[tid].items())) for tid in sorted(tables))
        seen.setdefault(key, i)
    return list(seen.values())


def _consecutive(prev: Report, cur: Report) -> list[Finding]:
    fs: list[Finding] = []
    for col in T2_COLUMNS:
        a = _num(prev, "t2", ("4", col.id))
        b = _num(cur, "t2", ("2", col.id))
        if a is not None and b is not None and a != b:
            fs.append(Finding(
                "warning", "cross-year", "t2", (("2", col.id),), a, b,
                f"表三“上年结转”的“{col.label}”列为 {format_number(b)}，但 {prev.year} 年报告（{_name(prev)}）的“结转下年度继续办理”"
                f"为 {format_number(a)}，两者应相等。", "R-XYEAR-CARRY"))
    if prev.table_formats.get("t1") == cur.table_formats.get("t1") == "2021":
        for row, label in (("20.1.1", "规章"), ("20.1.2", "行政规范性文件")):
            last = _num(prev, "t1", (row, "3"))
            made, repealed, valid = (_num(cur, "t1", (row, c)) for c in ("1", "2", "3"))
            if None in (last, made, repealed, valid):
                continue
            expect = last + made - repealed
            if valid != expect and expect >= 0:         # below 0, R-ACT-REPEAL-LE below says what is wrong
                fs.append(Finding(
                    "warning", "cross-year", "t1", ((row, "3"),), expect, valid,
                    f"表二“{label}”现行有效件数为 {valid}，按 {prev.year} 年的 {last} 件加本年制发 {made} 件、"
                    f"减本年废止 {repealed} 件应为 {expect} 件（修改、失效的计法可能不同，请核实）。", "R-ACT-XYEAR-STOCK"))
            if repealed > last + made:
                fs.append(Finding(
                    "warning", "cross-year", "t1", ((row, "2"),), last + made, repealed,
                    f"表二“{label}”本年废止 {repealed} 件，多于 {prev.year} 年现行有效 {last} 件与本年制发 {made} 件之和。",
                    "R-ACT-REPEAL-LE"))
    elif prev.table_formats.get("t1") == cur.table_formats.get("t1") == "2019":
        for row in ("20.5.1", "20.5.2", "20.6.1", "20.6.2", "20.8.1"):
            a, d = _num(prev, "t1", (row, "1")), _num(prev, "t1", (row, "2"))
            b = _num(cur, "t1", (row, "1"))
            if None in (a, d, b) or a + d == b:
                continue
            label = cur.template_for("t1").tables["t1"].row(row).label
            fs.append(Finding(
                "warning", "cross-year", "t1", ((row, "1"),), a + d, b,
                f"表二“{label}”上一年项目数量为 {b}，但 {prev.year} 年报告（{_name(prev)}）的项目数量 {a} 加增减 {format_number(d)} "
                f"为 {format_number(a + d)}。", "R-OLD-XYEAR-STOCK"))
    return fs


def _summaries(reports: list[Report], by_body: dict[str, list[int]]) -> dict[int, list[Finding]]:
    """A region-wide report (its title says 全县/全区/全市/全旗 or 汇总) against its townships of the same year
    (their names begin with its name). A county government's own report covers its own work, not its
    townships': it is not compared."""
    out: dict[int, list[Finding]] = defaultdict(list)
    keys = list(by_body)
    for parent in keys:
        if not parent.endswith(("县", "区", "市", "旗")):
            continue
        children = [k for k in keys if k != parent and k.startswith(parent) and len(k) > len(parent) + 1]
        if not children:
            continue
        for pi in by_body[parent]:
            if not _REGION_WIDE.search(reports[pi].title):
                continue
            year = reports[pi].year
            kids = []
            for k in children:
                # (a copy of a township's report counts once; two different reports of one township in the
                # year leave the sum unknown: nothing is compared)
                mine = _distinct(reports, [ci for ci in by_body[k] if reports[ci].year == year])
                if len(mine) > 1:
                    kids = []
                    break
                kids += [reports[ci] for ci in mine]
            if not kids:
                continue
            for table, cols, rows in (("t2", T2_COLUMNS, None), ("t3", T3_COLUMNS, ("1",))):
                cells = reports[pi].tables.get(table)
                if not cells:
                    continue
                diffs = []
                for key in cells:
                    total = _num(reports[pi], table, key)
                    parts = [_num(k, table, key) for k in kids]
                    if total is None or None in parts:
                        continue
                    if sum(parts) != total:
                        diffs.append((key, sum(parts), total))
                if diffs:
                    key, exp, act = diffs[0]
                    out[pi].append(Finding(
                        "warning", "cross-year", table, tuple(d[0] for d in diffs), exp, act,
                        f"本报告是汇总报告，{len(kids)} 份下级报告的{'表三' if table == 't2' else '表四'}合计与本表有 "
                        f"{len(diffs)} 个单元格不同（例如应为 {format_number(exp)}，本表为 {format_number(act)}）；"
                        f"若汇总还包含其他部门，可忽略。", "R-SUM-CHILDREN"))
    return out
