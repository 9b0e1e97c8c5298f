"""Build the Word, web-page and PDF versions of a seed report, as a government office's tools would.

One document model (paragraphs and official-layout tables) is written three ways:
  * .docx with python-docx: Word tables with the official merges (申请人情况 across, 法人或其他组织
    across five, 总计 down three rows, 三、本年度办理结果 down its rows, （三）… down their sub-rows);
  * .html in GBK with a meta charset, rowspan/colspan, the scripts, styles and page chrome of a
    government CMS page (and, on request, a layout table around the article);
  * .pdf with reportlab from the same content: real ruled tables, the built-in CID font STSong-Light.

The tables hold the seed's own values as its text parser read them, under the seed's own spelling
of a label where it is not the official one (a typo stays a typo), and the seed's extra numbers
where its rows hold more numbers than the template has columns: the built file carries the seed's
defects, so it must give the seed's cells and the seed's kinds of findings.
"""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import dataclass
from pathlib import Path

from app import load_report
from app.labels import LabelIndex, has_cjk
from app.values import parse_value

__all__ = ["GCell", "seed_document", "write_docx", "write_html", "write_pdf", "build_all"]


@dataclass
class GCell:
    text: str
    rowspan: int = 1
    colspan: int = 1


Grid = list  # list of rows; each row a list of GCell (origin of a cell) or None (covered by a span)

_HEADINGS = (
    ("t1", re.compile(r"主动公开政府信息(?:的)?情况")),
    ("t2", re.compile(r"收到和处理政府信息公开申请(?:的)?情况")),
    ("t3", re.compile(r"行政复议[、和及与，,]?\s*行政诉讼(?:的)?情况")),
    ("s5", re.compile(r"存在的主要问题")),
    ("s6", re.compile(r"其他需要报告的事项")),
)


# ---------------------------------------------------------------------------------------------
# The document model from a seed

def seed_document(seed: Path) -> list:
    """[str paragraph | ('table', tid, grid)] in the seed's order."""
    report = load_report(seed)
    lines = report.text.split("\n")
    heads = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or line.startswith("\t") or len(s) > 40:
            continue
        for key, rx in _HEADINGS:
            if rx.search(s) and key not in [h[1] for h in heads]:
                heads.append((i, key))
                break
    blocks: list = []
    table_at = {i: key for i, key in heads if key in report.tables}
    skip_until = -1
    bounds = [i for i, _ in heads] + [len(lines)]
    for i, line in enumerate(lines):
        if i < skip_until:
            continue
        if line.strip():
            blocks.append(line.strip())
        if i in table_at:
            tid = table_at[i]
            region = lines[i + 1:min(b for b in bounds if b > i)]
            blocks.append(("table", tid, _grid(report, tid, region)))
            skip_until = min(b for b in bounds if b > i)
    return blocks


def _spellings(spec, region: list[str]) -> dict[str, str]:
    """Official label → the seed's spelling, where the seed misspells it (fuzzy match only)."""
    entries = []
    for b in spec.blocks:
        entries += [(p, p) for r in b.rows for p in r.path + r.variants]
        entries += [(p, p) for c in b.columns for p in c.path + c.variants]
    index = LabelIndex(entries)
    found: dict[str, str] = {}
    for line in region:
        for cell in line.split("\t"):
            t = cell.strip()
            if t and has_cjk(t) and parse_value(t).state != "number":
                m = index.lookup(t, allow_contains=False)
                if m is not None and m.quality == "fuzzy":
                    found.setdefault(m.target, t)
    return found


def _surplus_values(report, tid, rid, n: int) -> list[str] | None:
    """A row the seed writes with more numbers than the template has columns: its values as written."""
    cells = [c for (r, _), c in report.tables[tid].items() if r == rid and c.line]
    line_nos = {c.line for c in cells}
    if len(line_nos) != 1:
        return None
    parts = [p.strip() for p in report.text.split("\n")[line_nos.pop() - 1].split("\t")]
    label = max((k for k, p in enumerate(parts) if p and has_cjk(p) and parse_value(p).state != "number"),
                default=-1)
    vals = parts[label + 1:]
    while vals and not vals[-1]:
        vals.pop()
    while vals and not vals[0]:
        vals.pop(0)
    return vals if len(vals) > n else None


def _value(report, tid, rid, cid) -> str:
    return report.tables[tid][(rid, cid)].raw


def _grid(report, tid: str, region: list[str]) -> Grid:
    spec = report.template_for(tid).tables[tid]
    spell = _spellings(spec, region)
    sp = lambda label: spell.get(label, label)  # noqa: E731
    if tid == "t1":
        return _grid_t1(report, spec, sp)
    if tid == "t2":
        return _grid_t2(report, spec, sp)
    return _grid_t3(report, spec)


def _grid_t1(report, spec, sp) -> Grid:
    width = 1 + max(len(b.columns) for b in spec.blocks)
    grid: Grid = []
    for b in spec.blocks:
        grid.append([GCell(b.title, colspan=width)] + [None] * (width - 1))
        row = [GCell(b.corner)]
        for k, c in enumerate(b.columns):
            last = k == len(b.columns) - 1
            span = width - 1 - k if last else 1
            row += [GCell(sp(c.label), colspan=span)] + [None] * (span - 1)
        grid.append(row)
        for r in b.rows:
            row = [GCell(sp(r.label))]
            for k, c in enumerate(b.columns):
                last = k == len(b.columns) - 1
                span = width - 1 - k if last else 1
                row += [GCell(_value(report, "t1", r.id, c.id), colspan=span)] + [None] * (span - 1)
            grid.append(row)
    return grid


def _grid_t2(report, spec, sp) -> Grid:
    block = spec.blocks[0]
    cols = [c.id for c in block.columns]
    values = {}
    for r in block.rows:
        values[r.id] = _surplus_values(report, "t2", r.id, len(cols)) or [
            _value(report, "t2", r.id, c) for c in cols]
    n = max(len(v) for v in values.values())
    extra = n - len(cols)
    width = 3 + n
    grid: Grid = []
    # Header: three rows, the official merges.
    top = [GCell(block.corner, rowspan=3, colspan=3), None, None, GCell("申请人情况", colspan=6)] + [None] * 5
    top += [GCell("总计", rowspan=3)] + [GCell("", rowspan=3) for _ in range(extra)]
    mid = [None] * 3 + [GCell("自然人", rowspan=2), GCell("法人或其他组织", colspan=5)] + [None] * 4 + [None] * (1 + extra)
    low = [None] * 4 + [GCell(c.label) for c in block.columns[1:6]] + [None] * (1 + extra)
    grid += [top, mid, low]
    result_rows = [r for r in block.rows if len(r.path) > 1]
    groups: dict[str, int] = {}
    for r in block.rows:
        if len(r.path) == 3:
            groups[r.path[1]] = groups.get(r.path[1], 0) + 1
    started: set[str] = set()
    for r in block.rows:
        row: list = [None] * width
        if len(r.path) == 1:
            row[0] = GCell(sp(r.label), colspan=3)
        else:
            if r is result_rows[0]:
                row[0] = GCell(r.path[0], rowspan=len(result_rows))
            if len(r.path) == 2:
                row[1] = GCell(sp(r.label), colspan=2)
            else:
                if r.path[1] not in started:
                    started.add(r.path[1])
                    row[1] = GCell(r.path[1], rowspan=groups[r.path[1]])
                row[2] = GCell(sp(r.label))
        vals = values[r.id] + [""] * (n - len(values[r.id]))
        for k, v in enumerate(vals):
            row[3 + k] = GCell(v)
        grid.append(row)
    return grid


def _grid_t3(report, spec) -> Grid:
    cols = spec.blocks[0].columns
    outcomes = [c.label for c in cols[:5]]
    top = [GCell("行政复议", colspan=5)] + [None] * 4 + [GCell("行政诉讼", colspan=10)] + [None] * 9
    mid = [GCell(o, rowspan=2) for o in outcomes]
    mid += [GCell("未经复议直接起诉", colspan=5)] + [None] * 4 + [GCell("复议后起诉", colspan=5)] + [None] * 4
    low = [None] * 5 + [GCell(o) for o in outcomes * 2]
    data = [GCell(_value(report, "t3", "1", c.id)) for c in cols]
    return [top, mid, low, data]


# ---------------------------------------------------------------------------------------------
# Writers

def _is_heading(text: str) -> bool:
    return len(text) <= 40 and any(rx.search(text) for _, rx in _HEADINGS)


def write_docx(blocks: list, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.table import _Cell

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    style.font.size = Pt(16)
    first = True
    for block in blocks:
        if isinstance(block, str):
            p = document.add_paragraph()
            run = p.add_run(block)
            if first:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run.bold = True
                first = False
            elif _is_heading(block):
                run.bold = True
            continue
        _, tid, grid = block
        width = len(grid[0])
        table = document.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        # table.cell(r, c) rebuilds the whole grid on every call: take the <w:tc> elements once.
        tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                target = _Cell(tcs[r][c], table)
                if cell.rowspan > 1 or cell.colspan > 1:
                    end = _Cell(tcs[r + cell.rowspan - 1][c + cell.colspan - 1], table)
                    target = target.merge(end)
                target.text = cell.text
                for p in target.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
        document.add_paragraph()
    document.save(str(path))
    return path


_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{meta}
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="/images/css/style.css" />
<style type="text/css">
.TRS_Editor TABLE {{ border-collapse: collapse; }} .TRS_Editor TD {{ border: 1px solid #000; }}
</style>
<script type="text/javascript">
var tableText = "<table><tr><td>三、本年度办理结果</td><td>99</td></tr></table>";
if (1 < 2 && tableText) {{ document.title = document.title; }}
</script>
</head>
<body>
<div class="top"><div class="logo"><img src="/images/logo.png" alt="" /></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 年度报告</div>
{body}
<div class="footer">主办单位：某某县人民政府办公室 &nbsp;|&nbsp; 网站标识码：0000000000<br/>
<script>document.write("<span>访问量</span>");</script></div>
</body>
</html>
"""


def write_html(blocks: list, path: Path, encoding: str = "gbk", meta: str = "charset",
               layout_table: bool = False) -> Path:
    e = htmlmod.escape
    title = next(b for b in blocks if isinstance(b, str))
    parts = ['<div class="TRS_Editor">']
    for k, block in enumerate(blocks):
        if isinstance(block, str):
            if k == 0:
                parts.append(f'<h1 style="text-align:center">{e(block)}</h1>')
            else:
                parts.append(f'<p style="text-indent:2em">{e(block)}</p>')
            continue
        _, tid, grid = block
        parts.append('<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>')
        for row in grid:
            parts.append("<tr>")
            for cell in row:
                if cell is None:
                    continue
                attrs = ""
                if cell.rowspan > 1:
                    attrs += f' rowspan="{cell.rowspan}"'
                if cell.colspan > 1:
                    attrs += f' colspan="{cell.colspan}"'
                # Web editors wrap cell text in <p><span> and break long labels.
                text = e(cell.text) if cell.text else "&nbsp;"
                if len(cell.text) > 12 and tid == "t2":
                    text = e(cell.text[:10]) + "<br/>" + e(cell.text[10:])
                parts.append(f'<td{attrs} valign="center"><p style="text-align:center"><span>{text}</span></p></td>')
            parts.append("</tr>")
        parts.append("</tbody>\n</table>")
    parts.append("</div>")
    body = "\n".join(parts)
    if layout_table:
        body = (f'<table width="1000" align="center"><tr><td class="article">{body}</td></tr>'
                f'<tr><td>【打印本页】【关闭窗口】</td></tr></table>')
    if meta == "charset":
        meta_tag = f'<meta charset="{encoding}" />'
    else:
        meta_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}" />'
    page = _PAGE.format(meta=meta_tag, title=e(title), body=body)
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


def write_pdf(blocks: list, path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK", alignment=1)
    e = htmlmod.escape
    story = []
    page_w = A4[0] - 2 * 40
    for k, block in enumerate(blocks):
        if isinstance(block, str):
            story.append(Paragraph(e(block), title if k == 0 else body))
            continue
        _, tid, grid = block
        width = len(grid[0])
        data = [[Paragraph(e(c.text), cell_style) if c is not None else "" for c in row] for row in grid]
        spans = []
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if cell is not None and (cell.rowspan > 1 or cell.colspan > 1):
                    spans.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
        if tid == "t2":
            label = [48, 56, 120]
            rest = (page_w - sum(label)) / (width - 3)
            widths = label + [rest] * (width - 3)
        elif tid == "t1":
            widths = [page_w / width] * width
        else:
            widths = [page_w / width] * width
        table = Table(data, colWidths=widths)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + spans))
        story += [Spacer(1, 6), table, Spacer(1, 6)]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=40, rightMargin=40, topMargin=36,
                      bottomMargin=36).build(story)
    return path


def build_all(seed: Path, out: Path, stem: str | None = None, kinds=("docx", "html", "pdf"),
              **html_options) -> dict[str, Path]:
    """The seed as .docx, .html and .pdf in out/; returns {kind: path}."""
    blocks = seed_document(seed)
    stem = stem or seed.stem
    files = {}
    if "docx" in kinds:
        files["docx"] = write_docx(blocks, out / f"{stem}.docx")
    if "html" in kinds:
        files["html"] = write_html(blocks, out / f"{stem}.html", **html_options)
    if "pdf" in kinds:
        files["pdf"] = write_pdf(blocks, out / f"{stem}.pdf")
    return files
