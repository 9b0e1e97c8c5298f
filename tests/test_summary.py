"""`gouji check DIR --summary OUT.xlsx`: one row per report with its verdict and key totals."""

from __future__ import annotations

import os
import subprocess
import sys

import openpyxl
import pytest

from app import ExportError, check, load_report, load_text
from app.summary import SUMMARY_COLUMNS, write_summary

from .conftest import ROOT
from .test_export import altered_004


def _rows(path):
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[2]]
    assert header == [name for name, _ in SUMMARY_COLUMNS]
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=3, values_only=True)]


def test_one_row_per_report_with_totals(seeds, tmp_path):
    rows = []
    for name in ("001", "004"):
        report = load_report(seeds[name])
        rows.append((str(seeds[name]), report, check(report), None))
    bad = load_text(altered_004(seeds), "altered.txt")
    rows.append(("altered.txt", bad, check(bad), None))
    rows.append(("broken.txt", None, None, "文件中没有找到年度报告的统计表。"))
    out = tmp_path / "sum.xlsx"
    write_summary(rows, str(out))
    got = _rows(out)
    assert [r["文件"] for r in got] == [str(seeds["001"]), str(seeds["004"]), "altered.txt", "broken.txt"]
    first = got[0]
    assert first["年度"] == 2021 and first["模板"] == "2019年版" and first["编码"] == "utf-8"
    assert first["错误"] == 1 and first["新收总计"] == 0
    altered = got[2]
    assert (altered["新收总计"], altered["上年结转"], altered["办理结果总计"], altered["结转下年度"]) == (8, 1, 7, 2)
    assert altered["复议总计"] == 3 and altered["诉讼总计"] == 0 and altered["错误"] == 4
    assert got[3]["无法检查的原因"].startswith("文件中没有") and got[3]["错误"] is None
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "B3" and ws.page_setup.orientation == "landscape"


def test_cli_summary_of_a_folder(seeds, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("002", "003"):
        (folder / seeds[name].name).write_bytes(seeds[name].read_bytes())
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02 nothing here")
    out = folder / "汇总.xlsx"
    cmd = [sys.executable, "-m", "app", "check", str(folder), "--summary", str(out)]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2, run.stderr                  # one file could not be read
    got = _rows(out)
    assert len(got) == 3 and sum(1 for r in got if r["无法检查的原因"]) == 1
    # a second run finds the old summary in the folder: it is not a report, and it is rewritten
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "未能写出" not in run.stderr
    assert len(_rows(out)) == 4


def test_summary_never_overwrites_a_report(seeds, tmp_path):
    src = tmp_path / "r.xlsx"
    from app.export import export_workbook
    report = load_report(seeds["002"])
    export_workbook(report, check(report), str(src))
    again = load_report(src)
    before = src.read_bytes()
    with pytest.raises(ExportError):
        write_summary([(str(src), again, check(again), None)], str(src))
    assert src.read_bytes() == before
    assert [n for n in os.listdir(tmp_path) if n.startswith(".gouji-")] == []
