"""A report saved from a government website (.html/.htm) → text.

Charset: a byte-order mark, else the page's own <meta charset> or http-equiv Content-Type, else
(or when the declared charset does not decode the page, which happens) the core's detection.
Tables: rowspan/colspan are laid out on a grid; a spanned cell appears once in its first row and
as an empty cell in the rows it spans below, exactly as a Word table reads. Scripts, styles and
the like are dropped. A table holding tables is page layout: its cells are read as paragraphs and
its inner tables as tables. The stdlib parser is iterative, so deep nesting costs no recursion;
spans and grid sizes are capped so that no page takes unbounded time or memory.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from .. import _regex
from .._exceptions import DecodeError
from ..encoding import canonical_codec, decode_bytes

__all__ = ["html_to_text", "declared_charset"]

MAX_SPAN = 1000            # the HTML standard's own cap on colspan
MAX_ROWSPAN = 65534        # and on rowspan
MAX_GRID_CELLS = 2_000_000
MAX_TABLE_DEPTH = 32

_META = _regex.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_TITLE_PARTS = _regex.compile(r"\s*(?:_|\||｜)\s*|\s+[-–—]\s+")
_SKIP = frozenset({"script", "style", "noscript", "template", "title", "svg", "math",
                   "iframe", "object", "select", "textarea", "button"})
_BLOCK = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                    "section", "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre",
                    "hr", "form", "fieldset", "address", "figure", "figcaption", "caption", "center"})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source",
                   "embed", "param", "track"})
_WS = _regex.compile(r"[ \t\n\r\f]+")


def declared_charset(data: bytes) -> str | None:
    m = _META.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return canonical_codec(name)
    except DecodeError:
        return None


def html_to_text(data: bytes, override: str | None = None) -> tuple[str, str]:
    """(text, codec). The codec is the charset the page was decoded with."""
    page, codec = _decode(data, override)
    parser = _Reader()
    try:
        parser.feed(page)
        parser.close()
        text = "\n".join(parser.finish())
    except _TooLarge as exc:
        raise DecodeError(str(exc)) from None
    if not text.strip():
        raise DecodeError("这个网页里没有文字内容，无法检查。")
    return text, codec


def _decode(data: bytes, override: str | None) -> tuple[str, str]:
    if override:
        return decode_bytes(data, override)
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return decode_bytes(data, codec)
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a page that lies about its charset: let detection decide
    return decode_bytes(data)


class _TooLarge(Exception):
    pass


class _Cell:
    __slots__ = ("parts", "rowspan", "colspan", "tables")

    def __init__(self, rowspan: int, colspan: int):
        self.parts: list[str] = []
        self.rowspan = rowspan
        self.colspan = colspan
        self.tables: list[_Table] = []


class _Table:
    __slots__ = ("rows", "cell", "layout", "caption")

    def __init__(self):
        self.caption: list[str] | None = None  # collecting while inside <caption>
        self.rows: list[list[_Cell]] = []
        self.cell: _Cell | None = None      # the cell being filled
        self.layout = False                 # holds a table: page layout, not data


def _span(value: str | None, cap: int) -> int:
    if value is None:
        return 1
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return 1
    n = int(m.group(1)[:7])
    return max(1, min(n, cap)) if n else 0  # rowspan="0": to the end of the table


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list = []          # top-level blocks: str lines and _Table
        self.line: list[str] = []
        self.skip = 0
        self.skip_tag: list[str] = []
        self.tables: list[_Table] = []
        self.ignored_tables = 0      # <table> nested deeper than MAX_TABLE_DEPTH
        self.title: list[str] | None = None

    # --- text sinks ---------------------------------------------------------------------------
    def _sink_text(self, text: str) -> None:
        if self.tables:
            t = self.tables[-1]
            if t.cell is not None:
                t.cell.parts.append(text)
            elif t.caption is not None:
                t.caption.append(text)
            # other text between cells (outside <td>) is not shown by browsers in a table's grid
            return
        self.line.append(text)

    def _break(self) -> None:
        if self.tables:
            t = self.tables[-1]
            if t.cell is not None:
                t.cell.parts.append("\n")
            return
        self._flush_line()

    def _flush_line(self) -> None:
        s = _WS.sub(" ", "".join(self.line)).strip()
        self.line = []
        if s:
            self.out.append(s)

    # --- parser callbacks ---------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag == "body" and self.skip_tag[0] not in ("script", "style"):
                self.skip, self.skip_tag = 0, []  # an unclosed <title> or <noscript> ends at <body>
            elif tag == self.skip_tag[-1] and tag not in _VOID:
                self.skip += 1
                self.skip_tag.append(tag)
                return
            else:
                return
        if tag == "title" and self.title is None and not self.tables:
            self.title = []
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip = 1
                self.skip_tag = [tag]
            return
        if tag == "table":
            if len(self.tables) >= MAX_TABLE_DEPTH:
                self.ignored_tables += 1
                return
            table = _Table()
            if self.tables:
                host = self.tables[-1]
                if host.cell is None:  # a table between cells: give it a cell of its own
                    host.cell = _Cell(1, 1)
                    if not host.rows:
                        host.rows.append([])
                    host.rows[-1].append(host.cell)
                host.cell.tables.append(table)
                host.cell.parts.append(table)  # keeps the order of text and tables in the cell
                host.layout = True
            else:
                self._flush_line()
                self.out.append(table)
            self.tables.append(table)
            return
        if self.tables and not self.ignored_tables:
            t = self.tables[-1]
            if tag == "caption":
                t.caption = t.caption or []
                return
            if tag == "tr":
                self._end_cell(t)
                t.rows.append([])
                return
            if tag in ("td", "th"):
                self._end_cell(t)
                if not t.rows:
                    t.rows.append([])
                a = dict(attrs)
                cell = _Cell(_span(a.get("rowspan"), MAX_ROWSPAN), _span(a.get("colspan"), MAX_SPAN) or 1)
                t.rows[-1].append(cell)
                t.cell = cell
                return
        if tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if self.skip:
            return
        if tag in ("br", "hr", "p", "div"):
            self._break()

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip_tag[-1]:
                self.skip -= 1
                self.skip_tag.pop()
            return
        if tag == "table":
            if self.ignored_tables:
                self.ignored_tables -= 1
                return
            if self.tables:
                self._end_cell(self.tables[-1])
                self.tables.pop()
            return
        if self.tables and not self.ignored_tables:
            if tag in ("td", "th"):
                self._end_cell(self.tables[-1])
                return
            if tag == "tr":
                self._end_cell(self.tables[-1])
                return
            if tag == "caption":
                return
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if not self.skip:
            self._sink_text(data)
        elif self.title is not None and self.skip_tag == ["title"]:
            self.title.append(data)

    def _end_cell(self, t: _Table) -> None:
        t.cell = None

    # --- output -------------------------------------------------------------------------------
    def finish(self) -> list[str]:
        self._flush_line()
        lines: list[str] = []
        # The page title leads when it names the report: the body starts with the site's menus.
        title = " ".join("".join(self.title or ()).split())[:2000]     # (every kind of space: &nbsp;, 全角)
        # "标题_栏目_站点", "标题 - 站点", "栏目_标题_站点": the longest part that names the report, the first
        # of equals (a report's own title is longer than a section's "政府信息公开年度报告" or "2021年度报告")
        parts = [p for p in _TITLE_PARTS.split(title) if re.search(r"报\s*告", p)]
        if parts:
            title = max(parts, key=len)
        if re.search(r"报\s*告", title) and len(title) <= 120:
            lines.append(title)
        budget = [MAX_GRID_CELLS]
        # An explicit stack: layout tables nest, and recursion would be bounded by Python's limit.
        stack: list = list(reversed(self.out))
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                lines.append(item)
            elif item.layout:
                stack.extend(reversed(_layout_blocks(item)))
            else:
                caption = _WS.sub(" ", "".join(item.caption or ())).strip()
                if caption:
                    lines.append(caption)
                if lines and lines[-1] != "":
                    lines.append("")
                lines.extend(_grid_lines(item, budget))
                lines.append("")
        return lines


def _cell_text(cell: _Cell) -> str:
    text = "".join(p for p in cell.parts if isinstance(p, str))
    # A cell's own line breaks wrap a label ("商业<br>企业"); runs of spaces collapse as in a browser.
    return _WS.sub(" ", text.replace("\n", "")).strip()


def _layout_blocks(table: _Table) -> list:
    """A table used for page layout: every cell's text as paragraphs, its tables as tables."""
    blocks: list = []
    for row in table.rows:
        for cell in row:
            buf: list[str] = []
            for part in cell.parts + [None]:
                if isinstance(part, str):
                    buf.append(part)
                    continue
                for piece in "".join(buf).split("\n"):
                    s = _WS.sub(" ", piece).strip()
                    if s:
                        blocks.append(s)
                buf = []
                if part is not None:
                    blocks.append(part)
    return blocks


def _grid_lines(table: _Table, budget: list[int]) -> list[str]:
    """Lay the rows out on a grid: each cell once, rows below a rowspan get an empty cell for it."""
    n_rows = len(table.rows)
    # covered[r] maps a grid column to the cell spanning down into row r from above
    covered: list[dict[int, _Cell]] = [dict() for _ in range(n_rows)]
    out: list[str] = []
    for r, row in enumerate(table.rows):
        placed: list[tuple[int, str]] = []
        below = covered[r]
        col = 0
        for cell in row:
            while col in below:
                col += 1
            rowspan = cell.rowspan or (n_rows - r)
            rowspan = min(rowspan, n_rows - r)
            budget[0] -= rowspan * cell.colspan
            if budget[0] < 0:
                raise _TooLarge("网页中的表格过大（合并单元格的跨度异常），不像是年度报告，已停止读取。")
            placed.append((col, _cell_text(cell)))
            for rr in range(r + 1, r + rowspan):
                cov = covered[rr]
                for cc in range(col, col + cell.colspan):
                    cov[cc] = cell
            col += cell.colspan
        # Cells spanning down from above: one empty cell per spanning cell, at its first column.
        seen: set[int] = set()
        for c in sorted(below):
            cell = below[c]
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            placed.append((c, ""))
        placed.sort(key=lambda x: x[0])
        if placed:
            out.append("\t".join(t for _, t in placed))
    return out
