"""Text → Report: find the three tables in either layout and map every number by its labels.

Layouts seen in real reports:
  A  one table row per line, cells separated by tabs (with padding cells from merged labels);
  B  one cell per line, each starting with a tab, rows separated by blank lines, long cells
     wrapped onto a following line that does not start with a tab.
Both become "logical rows" (cells with their source lines); everything after that is layout-free.
"""

from __future__ import annotations

from functools import lru_cache

from . import _regex
from ._exceptions import NoTableError
from ._purecython import plain_python
from ._record import Record
from .labels import LabelIndex, has_cjk, norm
from .model import ABSENT as _ABSENT, BLANK, NUMBER, TEXT, Cell, Finding, Report, absent_count
from .template import (
    FINGERPRINT_GROUPS, FINGERPRINTS, T2_ADDEND_COLUMNS, T2_TOTAL_COLUMN, TABLE_SHORT, TABLE_TITLES, Block, TableSpec,
    cell_key, get_template, keyed_in_order, short_row_label,
)
from .values import MISSING_TOKENS, parse_value

__all__ = ["parse_text", "LogicalRow"]

# C types for the hot loops' locals when compiled (app/_purecython.py); nothing in plain Python.
try:
    plain_python(globals())
    import cython
except ImportError:
    pass
if cython.compiled:     # (read by Cython only: plain Python's stand-in says False)
    # Rows built without a call of their __init__: allocated as object.__new__ does, without the call
    # (PyType_GenericNew ignores its last two arguments: it is the type's tp_alloc, as object.__new__ calls it)
    from cython.cimports.cpython.type import PyType_GenericNew
    from cython.cimports.cpython.unicode import PyUnicode_READ_CHAR    # (a character by its index, unchecked)
    from cython.cimports.cpython.long import PyLong_AsLongLongAndOverflow
    from cython.cimports.app.model import Cell as CCell     # (the C type of app/model.pxd: fields read directly)
    from cython.cimports.app.template import keys_in_order  # (keyed_in_order as a C function: app/template.pxd)
else:
    CCell = Cell
    keys_in_order = keyed_in_order


class LogicalRow(Record):
    """One table row as read: its cell texts and the 1-based source line of each cell."""

    __slots__ = ("cells", "lines")

    def __init__(self, cells: list[str], lines: list[int]):
        self.cells = cells
        self.lines = lines

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 0


@cython.cfunc
def _row(cells: list, lines: list):
    """LogicalRow(cells, lines), built without a call of its __init__ (a report reads dozens of rows). Compiled
    only: plain Python's _row is LogicalRow itself (below)."""
    row = PyType_GenericNew(LogicalRow, None, None)
    row.cells = cells
    row.lines = lines
    return row


if not cython.compiled:
    _row = LogicalRow


@cython.cfunc
@cython.locals(out=list, c=str, n=cython.Py_ssize_t)
def _stripped(cells) -> list:
    """list(map(str.strip, cells)), a cell with no space at either end taken as it is."""
    if not cython.compiled:         # (in plain Python the map is the faster)
        return list(map(str.strip, cells))
    out = []
    for c in cells:
        n = len(c)
        if n and (PyUnicode_READ_CHAR(c, 0).isspace() or PyUnicode_READ_CHAR(c, n - 1).isspace()):
            c = c.strip()
        out.append(c)
    return out


class _Ctx:
    """What reading a report gathers besides cells: findings, the cells placed by guess, and the row the file
    ends inside when it was cut off (with the file's last line, to tell it)."""

    __slots__ = ("findings", "guessed", "end_line", "cut_row")

    def __init__(self, end_line: int = 0):
        self.findings: list[Finding] = []
        self.guessed: set = set()       # (table, row, col) placed by guess, not by label
        self.end_line = end_line        # the file's last line that is not blank (1-based; 0: not known)
        self.cut_row: tuple[str, str] | None = None     # (table, row) the file ends inside, cut off

    def add(self, severity, kind, table, cells, message, rule, expected=None, actual=None):
        self.findings.append(Finding(severity, kind, table, tuple(cells), expected, actual, message, rule))


# ---------------------------------------------------------------------------------------------
# Section headings

_HEADINGS = (
    ("s1", _regex.compile(r"总体情况|概述|基本情况"), "一"),
    ("t1", _regex.compile(r"主动公开政府信息(?:的)?情况"), "二"),
    ("t2", _regex.compile(r"收到和处理政府信息公开申请(?:的)?情况"), "三"),
    ("t3", _regex.compile(r"行政复议[、和及与，,]?\s*(?:提起)?\s*行政诉讼(?:的)?情况"), "四"),
    ("s5", _regex.compile(r"存在的?(?:主要)?问题|存在的?不足|主要问题|改进措施|改进情况"), "五"),
    ("s6", _regex.compile(r"其他需要报告的?事项"), "六"),
)
_SECTION_TITLES = {"s1": "一、总体情况", "s5": "五、存在的主要问题及改进情况", "s6": "六、其他需要报告的事项"}
# Every heading pattern above holds one. (Found word by word with str.find: the regex of the six, a character
# class then the words, ran three times the instructions over a report's text.)
_HEADING_WORDS = ("情况", "问题", "事项", "概述", "不足", "措施")
_HEAD_PREFIX = _regex.compile(r"^\s*([一二三四五六七八九十]+|\d+)\s*[、.．]\s*")
_SUB_HEAD = _regex.compile(r"\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]")


@lru_cache(maxsize=4096)
def _section_named(s: str) -> str | None:
    """The section (key of _HEADINGS) whose heading words text s holds, or None. (Remembered: the same headings
    and labels come report after report.)"""
    for key, rx, _ in _HEADINGS:
        if rx.search(s):
            return key
    return None


@cython.locals(i=cython.Py_ssize_t, line=str, s=str)
def _find_headings(lines: list[str], text: str) -> dict[str, tuple[int, str]]:
    """The line of each section heading, in the template's order.

    `text` is the lines joined by newlines: only the lines holding a heading word are looked at. A table's
    title also appears where no table follows it: as a sub-heading of 一、总体情况 ("（一）主动公开政府信息
    情况") or in a table of contents. Of the lines that could be a table's heading, the one a table
    follows is taken, the one numbered as in the template (二、/三、/四、) first."""
    cands: list[tuple[int, str, str]] = []        # (line index, key, stripped text)
    for i in _heading_lines(text):
        line = lines[i]
        if not line or line[0] == "\t" or len(line) > 60 and len(line.rstrip()) > 60:
            continue
        s = line.strip()
        if len(s) > 40:
            continue
        key = _section_named(s)
        if key is not None and (len(s) <= 30 or _HEAD_PREFIX.match(s)):
            cands.append((i, key, s))
    found: dict[str, tuple[int, str]] = {}
    after = -1
    for key, _, numeral in _HEADINGS:
        options = [k for k, c in enumerate(cands) if c[1] == key and c[0] > after]
        if not options:
            continue
        if len(options) == 1:           # the usual report: one line per heading
            found[key] = (cands[options[0]][0], cands[options[0]][2])
            after = cands[options[0]][0]
            continue
        numbered = [k for k in options if _numbered(cands[k][2], numeral)]
        if key in ("t1", "t2", "t3"):
            tabled = [k for k in options if _table_follows(lines, cands, k)]
            pick = next((k for k in tabled if k in numbered), None)
            if pick is None:
                pick = (tabled or numbered or options)[0]
                if pick in tabled and pick - 1 in numbered and cands[pick][0] - cands[pick - 1][0] <= 3:
                    pick -= 1           # "二、主动公开政府信息情况" over the table's caption "表1 主动公开…"
        else:
            pick = (numbered or options)[0]
        found[key] = (cands[pick][0], cands[pick][2])
        after = cands[pick][0]
    return found


_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
_ANY_DIGIT = _regex.compile(r"[0-9０-９]")


def _numbered(heading: str, numeral: str) -> bool:
    """Numbered as the template numbers this section: "二、" (or "2、", "2.")."""
    m = _HEAD_PREFIX.match(heading)
    return m is not None and m.group(1) in (numeral, _DIGITS[numeral])


def _table_follows(lines: list[str], cands: list[tuple[int, str, str]], k: int) -> bool:
    """A table row between candidate heading k and the next one: a line with two or more numbers in cells
    of their own (tabs, pipes, spaces), or, one cell per line, three lines that are numbers. A table of
    contents ("（一）规章和规范性文件<tab>3") and prose indented with a tab have one number or none."""
    start = cands[k][0] + 1
    stop = min(cands[k + 1][0] if k + 1 < len(cands) else len(lines), start + 80)
    single = 0
    for line in lines[start:stop]:
        if not _ANY_DIGIT.search(line):
            continue
        s = line.strip()
        if line[:1] == "\t" and "\t" not in s:         # one cell per line
            if _NUMERIC_CELL.fullmatch(s):
                single += 1
                if single >= 3:
                    return True
            continue
        if sum(1 for c in _split_cells(s) if _NUMERIC_CELL.fullmatch(c.strip())) >= 2:
            return True
    return False


@cython.locals(text=str, out=list, ch=cython.Py_UCS4, prev=cython.Py_UCS4, line=cython.Py_ssize_t,
               last=cython.Py_ssize_t)
def _heading_lines(text: str) -> list[int]:
    """_lines_with(text, _HEADING_WORDS), compiled as one pass over the characters: Cython turns the literals into a
    switch, where six str.find scans of the text cost five times the instructions. (Plain Python: _lines_with.
    tests/test_compiled.py holds the pairs below to _HEADING_WORDS.)"""
    out = []
    line = 0
    last = -1
    prev = 0
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch in "况题项述足施":
            if (ch == "况" and prev == "情" or ch == "题" and prev == "问" or ch == "项" and prev == "事"
                    or ch == "述" and prev == "概" or ch == "足" and prev == "不" or ch == "施" and prev == "措") \
                    and line != last:
                out.append(line)
                last = line
        prev = ch
    return out


def _heading_lines_plain(text: str) -> list[int]:
    return _lines_with(text, _HEADING_WORDS)


if not cython.compiled:
    _heading_lines = _heading_lines_plain


@cython.locals(text=str, word=str, found=list, out=list, line=cython.Py_ssize_t, at=cython.Py_ssize_t,
               pos=cython.Py_ssize_t, last=cython.Py_ssize_t)
def _lines_with(text: str, words: tuple[str, ...]) -> list[int]:
    """Indexes (0-based) of the lines of text that hold one of the words, in order, each once."""
    found = []
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            found.append(pos)
            pos = text.find(word, pos + len(word))
    found.sort()
    out = []
    line, at, last = 0, 0, -1
    for pos in found:
        line += text.count("\n", at, pos)
        at = pos
        if line != last:
            out.append(line)
            last = line
    return out


# ---------------------------------------------------------------------------------------------
# Layout → logical rows

@cython.locals(text=str, framed=str, tab_starts=cython.Py_ssize_t, no=cython.Py_ssize_t, line=str, rows=list, cells=list)
def _logical_rows(lines: list[str], start: int, end: int, text: str, splits: list[int],
                  web_copy: bool = False) -> list[LogicalRow]:
    """`text` is lines[start:end] joined by newlines (the caller has it already). `splits` gets the line
    numbers where a one-cell-per-line row was cut at a label because its blank line was lost. web_copy:
    another table of the file is a web page's copy (a blank line after every cell); this one, if shaped
    so, is read the same way however few numbers it holds."""
    if "\t" not in text and text.count("\n  ") >= 4:
        indent = _space_indent(lines, start, end)
        if indent:
            # One cell per line indented with spaces instead of a tab (an editor that turns tabs into spaces):
            # the indentation read as the tab, so that a line without it is a wrapped cell's rest, and a line of
            # spaces alone a blank cell, as in the tab layout.
            k = len(indent)
            region = [("\t" + ln[k:] if ln.startswith(indent) else ln) for ln in lines[start:end]]
            lines = lines[:start] + region + lines[end:]
            text = "\n".join(lines[start:end])
    framed = "\n" + text + "\n"
    tab_starts = framed.count("\n\t")
    if tab_starts >= 4:
        # Layout B when half the lines that are not blank are one cell after a tab. Counted with str methods
        # where they give the exact answer (the regexes cost a one-cell-per-line report 10 %): when every tab
        # opens a line, each such line is one cell; empty lines are a floor of the blank ones.
        b_lines = tab_starts if text.count("\t") == tab_starts else _b_lines(lines, start, end)
        if b_lines >= 4 and (b_lines * 2 >= end - start - lines[start:end].count("")
                             or b_lines * 2 >= end - start - len(_BLANK_LINE.findall(framed))):
            return _rows_b(lines, start, end, splits)
    if "\t" not in text and "|" not in text:
        # One cell per line without the tab: many lines that are a number alone. Either no blank lines (a
        # converter's plain text), or a blank line after every cell (a web page's table copied out, each
        # cell a paragraph): the blank lines say nothing of rows. Read as one cell per line, rows cut at
        # their labels.
        bare = len(_BARE_NUMBER.findall(framed))
        if bare >= 3 or web_copy and bare:
            blank = len(_BLANK_LINE.findall(framed))
            filled = end - start - blank
            every_cell = blank * 5 >= filled * 4
            # (a copy cut off after its first block has a few numbers only: a paragraph per cell, a quarter
            # of them numbers, still tells a table from prose; runs of empty lines are blank cells, below)
            if bare * 4 >= filled and (bare >= 10 or every_cell and "\n\n\n" not in framed) \
                    or web_copy and every_cell:
                rows = _rows_b(lines, start, end, splits, bare=True, every_cell=every_cell)
                if every_cell:
                    splits[:] = [0]         # said once: no row had a boundary to lose
                return rows
    rows = []
    for no, line in enumerate(lines[start:end], start + 1):        # no: the 1-based line number
        if not line or len(line) > 4000 or (line[0] != "\t" and line.isspace()):
            continue  # blank, or a wall of text (not a table row)
        cells = _split_cells(line)
        rows.append(_row(cells, [no] * len(cells)))
    return rows


def _space_indent(lines: list[str], start: int, end: int) -> str:
    """The indentation (two to eight spaces) that opens most of a region's non-blank lines, each then holding one
    cell (no run of spaces after it), a good part of them a number alone: one cell per line, indented with spaces
    for the tab; "" for anything else (rows indented, their cells set apart by spaces, are layout A)."""
    counts: dict[str, list[int]] = {}
    filled = 0
    labels: list[str] = []
    for ln in lines[start:end]:
        if not ln.strip():
            continue
        filled += 1
        if has_cjk(ln):
            labels.append(ln)
        n = len(ln) - len(ln.lstrip(" "))
        if 2 <= n <= 8 and "  " not in ln[n:].rstrip():
            c = counts.setdefault(ln[:n], [0, 0])
            c[0] += 1
            c[1] += ln[n:].strip().isdigit()
    if not counts:
        return ""
    indent, (count, numbers) = max(counts.items(), key=lambda kv: kv[1][0])
    # (its labels indented too, as a tab file's are: numbers alone indented under flush labels are read as they are)
    return indent if count >= 8 and count * 5 >= filled * 3 and numbers * 10 >= count * 3 \
        and sum(1 for ln in labels if ln.startswith(indent)) * 2 >= len(labels) else ""


def _unpipe(lines: list[str]) -> list[str] | None:
    """A web page's table stored one cell per line with a pipe after each ("规章 |", "0 |") and rows set
    apart by lines of pipes ("|||"), or with every cell followed by a line holding only "|": the same
    lines as one cell per line after a tab with a blank line between rows (seed 001's layout), or as a
    copy with a blank line after every cell. None when the text is not laid out so."""
    ended = alone = only = numbers = rows = 0
    for line in lines:
        if "|" not in line:
            continue
        s = line.strip()
        if s == "|":
            alone += 1
        elif not s.strip("| "):
            only += 1
        elif s.endswith("|") and (cell := _pipe_ended(s)) is not None:
            ended += 1
            numbers += cell.isdigit()
        else:
            rows += 1           # "| a | b |": pipe rows, read as they are
    if ended >= 10 and numbers >= 5 and ended > rows:
        out = []
        for k, line in enumerate(lines):
            s = line.strip()
            if "|" in s and not s.strip("| "):
                # A row's end; but a lone "|" with a value after it, still in the row, is a blank cell
                # ("5 |", "|", "7 |": 本年增/减 left blank between two numbers).
                # So is one followed by another line of pipes (the row's end): "4 |", "|", "||".
                nxt = next((t.strip() for t in lines[k + 1:k + 3] if t.strip()), "")
                out.append("\t" if s == "|" and k and lines[k - 1].strip().endswith("|")
                           and lines[k - 1].strip("| \t") and nxt.endswith("|")
                           and (not nxt.strip("| ") or _is_value_like(nxt[:-1]) and nxt.count("|") == 1) else "")
            elif s.endswith("|") and (cell := _pipe_ended(s)) is not None:
                heading = _HEAD_PREFIX.match(cell) and _section_named(cell)
                out.append(cell if heading else "\t" + cell)       # (a heading stays a heading)
            elif s and k and out[-1].startswith("\t") and "|" not in s and _is_num(s) and (
                    "|" in next((t for t in lines[k + 1:k + 6] if t.strip()), "|" if k + 6 >= len(lines) else "")
                    or _row_numbers(out) + 1 in _ROW_WIDTHS):
                # (not a page number after a last row that lost its "||": a pipe line follows, or nothing, or it
                # completes a row of the templates' widths)
                out.append("\t" + s)  # a row's cell that lost its pipe ("1" before the row's "||", or last in the file)
            elif s and k and out[-1].startswith("\t") and "|" not in s and not _HEAD_PREFIX.match(s) \
                    and not (k + 1 < len(lines) and lines[k + 1].strip().endswith("|")):
                out.append("")      # a note under a cell ("（注：本年无收费事项）") ends its row, not part of it
            else:
                out.append(line)
        return out
    if alone >= 10 and alone * 3 >= sum(1 for line in lines if line.strip()):
        return ["" if line.strip() == "|" else line for line in lines]
    return None


_PIPE_ENDED = _regex.compile(r"([^|]*[^|\s])\s*\|(?:[\s|]*\|)?")


def _pipe_ended(s: str) -> str | None:
    """The cell of a stripped line that is one cell and its pipe ("规章 |"), or one cell and the pipes that end
    its row ("0 | ||", "第二十条第（一）项 | |||": a page that puts a row's end on its last cell's line)."""
    m = _PIPE_ENDED.fullmatch(s)
    return m.group(1).strip() if m else None


# How many numbers a row of each table has: 表二 (3; its one-number rows are left out), 表三 (7), 表四 (15).
_ROW_WIDTHS = (3, 7, 15)          # (not 1: a number right after a row's label may be a page number)


def _row_numbers(out: list[str]) -> int:
    """How many numbers the row being rebuilt (its cells "\t…" at the end of out) holds so far."""
    n = 0
    for line in reversed(out):
        if not line.startswith("\t"):
            break
        n += _is_num(line[1:])
    return n


def _replace_text(report: Report, text: str) -> Report:
    """The report read from a rewritten text, holding the file's own text (the same lines)."""
    text_end = report.text_end
    if text_end is not None:        # the same line of the file's own text
        line = report.text.count("\n", 0, text_end)
        text_end = sum(map(len, text.split("\n")[:line])) + line
    return report.replace(text=text, text_end=text_end)


def _web_copies(lines: list[str], regions: dict, region_text: dict) -> set[str]:
    """The tables copied from a web page with a blank line after every cell, told by their many numbers
    alone on a line (a nearly empty table copied so is known by the company it keeps)."""
    out = set()
    for tid, (start, end) in regions.items():
        text = region_text[tid]
        if "\t" in text or "|" in text:
            continue
        framed = "\n" + text + "\n"
        blank = len(_BLANK_LINE.findall(framed))
        filled = end - start - blank
        bare = len(_BARE_NUMBER.findall(framed))
        if bare >= 10 and bare * 4 >= filled and blank * 5 >= filled * 4:
            out.add(tid)
    return out


@cython.ccall
@cython.locals(line=str, cells=list, k=cython.Py_ssize_t, cell=str, s=str)
def _split_cells(line: str) -> list[str]:
    """The cells of a table row on one line (layout A): set apart by tabs, pipes or runs of spaces."""
    if "\t" in line:
        cells = line.split("\t")
        if " " in line or "\u3000" in line:
            for k, cell in enumerate(cells):
                # A label and its first number set apart by spaces, the rest by tabs (a tab typed as a space):
                # "行政处罚 158\t\t", "二、上年结转政府信息公开申请数量 134\t58\t…". Its own cell, as in a PDF copy.
                # (a whole number only: "… 无", "… —", "… 2022.12.31" are more likely the label's own words)
                if " " in cell or "\u3000" in cell:
                    s = cell.strip()
                    # (the pattern's lazy label tries every split of the cell: only a cell ending in a digit can match)
                    if s and s[-1] in _COUNT_DIGITS:
                        m = _LABEL_THEN_COUNT.fullmatch(s)
                        if m is not None and has_cjk(m.group(1)):
                            return cells[:k] + [m.group(1), m.group(2)] + cells[k + 1:]
        return cells
    if "|" in line and (line.count("|") >= 3 or line.rstrip().endswith("|") or line.lstrip().startswith("|")):
        return _pipe_cells(line)        # "| a | b |", and "行政许可 | 1517 |" (a row of one value)
    if len(_SPACED.findall(line)) >= 2:
        return _SPACED.split(line.strip())      # columns set apart by runs of spaces (PDF copies)
    # A label and its numbers set apart by spaces, however many (PDF copies): "行政许可  241",
    # "（一）予以公开 0 0 0 0 0 0 0".
    s = line.strip()
    if not (_ANY_DIGIT.search(s) or "/" in s):
        return [line]
    if _VALUES_ONLY.fullmatch(s):
        return s.split()                        # a row of numbers only (表四's data row)
    m = _TRAILING_VALUES.fullmatch(s)
    return [m.group(1)] + m.group(2).split() if m else [line]


# A sentence, not a cell: words that end with a full stop ("注：本表数据截至2022年12月31日。"), not a number
# with "。" typed for its point ("1。5", "0。").
_SENTENCE_CELL = _regex.compile(r"[\u4e00-\u9fff]{4}.*。$")
# (a "/" or "—" alone on a line is a cell as much as a number is: a fee of "/" in a nearly empty 表二)
_BARE_NUMBER = _regex.compile(r"\n[ \u3000]*(?:[0-9０-９][0-9０-９.,]*|[/／—－])[ \u3000]*(?=\n)")
# A cell that opens a row: an enumerated label ("（三）…", "1.…", "一、…") or four Chinese characters and more
# without a digit ("行政规范性文件"); not a word typed into a number's cell ("十二", "2件3").
_OPENS_ROW = frozenset(("规章", "行政规范性文件", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制",
                        "行政事业性收费", "政府集中采购", "信息内容"))
_ROW_LABEL = _regex.compile(r"(?:[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|[0-9]{1,2}[.．、])\s*\D"
                            r"|[^\d\s]*[\u4e00-\u9fff]{4}[^\d]*$|规章$")
# Layout B: one cell per line, after a tab (counted in "\n" + text + "\n": a literal prefix is found fast).


@cython.cfunc
@cython.locals(lines=list, start=cython.Py_ssize_t, end=cython.Py_ssize_t, k=cython.Py_ssize_t, n=cython.Py_ssize_t,
               ln=str)
def _b_lines(lines: list[str], start: int, end: int) -> int:
    """The lines of lines[start:end] that are one cell after a tab (a tab first and no other): a pass over the
    lines, not a pattern (r"\\n\\t[^\\t\\n]*(?=\\n)", the tests' reference) tried at every character of the region."""
    n = 0
    for k in range(start, end):
        ln = lines[k]
        if ln.startswith("\t") and ln.find("\t", 1) < 0:
            n += 1
    return n
# A blank line: empty, or only spaces and not starting with a tab (a layout-B cell left empty).
_BLANK_LINE = _regex.compile(r"\n(?:(?!\t)[^\S\n]+)?(?=\n)")
_SPACED = _regex.compile(r"(?: {2,}|\u3000+)")
_VALUE_TOKEN = r"(?:[+＋\-－]?[0-9０-９][0-9０-９.,，]*(?:万元|元)?|[/／—－-]|无)"
_TRAILING_VALUES = _regex.compile(r"(.*?[^\s0-9０-９.,，/／—－+＋-])\s+(" + _VALUE_TOKEN + r"(?:\s+" + _VALUE_TOKEN + r")*)")
_LABEL_THEN_COUNT = _regex.compile(r"(.*?[^\s0-9０-９.,，/／—－+＋-])[ \u3000]+([0-9０-９]+)")
_COUNT_DIGITS = "0123456789０１２３４５６７８９"       # (what _LABEL_THEN_COUNT's last character is)
_VALUES_ONLY = _regex.compile(_VALUE_TOKEN + r"(?:\s+" + _VALUE_TOKEN + r")+")
_NUMERIC_CELL = _regex.compile(_VALUE_TOKEN)


def _pipe_cells(line: str) -> list[str]:
    """A row copied from a web page or Markdown as "| a | b | c |"."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return s.split("|")


@cython.locals(rows=list, cells=list, where=list, numbers=cython.Py_ssize_t, no=cython.Py_ssize_t, line=str, cell=str,
               s=str, k=cython.Py_ssize_t, parts=list)
def _rows_b(lines: list[str], start: int, end: int, splits: list[int], bare: bool = False,
            every_cell: bool = False) -> list[LogicalRow]:
    """Layout B: one cell per line after a tab, a blank line after each row. bare: every non-blank line is a
    cell, no tab (rows are also cut at their labels); every_cell: a blank line follows every cell, and
    rows are cut at their labels only."""
    rows: list[LogicalRow] = []
    cells: list[str] = []
    where: list[int] = []
    numbers = 0         # number cells since the row's last label
    for no, line in enumerate(lines[start:end], start + 1):        # no: the 1-based line number
        if line and line[0] == "\t" or bare and line and not line.isspace():    # a cell (the common case)
            if len(line) > 4000:
                continue
            cell = line[1:] if line[0] == "\t" else line.strip()
            if "\t" in cell:
                parts = cell.split("\t")
                cells += parts
                where += [no] * len(parts)
            elif _is_digits(cell):
                numbers += 1
                cells.append(cell)
                where.append(no)
            elif _blank(cell):                                      # an empty cell
                cells.append(cell)
                where.append(no)
            else:
                s = cell.strip()
                if every_cell and where and where[-1] == no - 1 and _wrapped_part(cells[-1].strip(), s):
                    cells[-1] = cells[-1].strip() + s   # a header wrapped inside its cell: "本年新\n制作数量"
                    continue
                if cells and s[:1] in "（(申" and ("勾稽关系" in s or "申请人情况" in s):
                    # 表三's header repeated after a page break, with no blank line before it
                    rows.append(_row(cells, where))
                    cells, where = [], []
                elif _opens_row(s, numbers, cells):
                    # The blank line before this row was lost.
                    k = len(cells)
                    while k and _blank(cells[k - 1]):
                        k -= 1              # empty cells before the label open the next row
                    rows.append(_row(cells[:k], where[:k]))
                    cells, where = cells[k:], where[k:]
                    splits.append(no)
                    numbers = 0
                elif not _label_like(s):
                    numbers += 1            # a value written with text: "5件", "无", "/"
                # (a word that opens no row — "十二" typed for a number, a header's "总计" — changes nothing)
                cells.append(cell)
                where.append(no)
        elif _blank(line):                                          # a blank line ends the row
            if every_cell:
                continue
            if cells:
                rows.append(_row(cells, where))
                cells, where = [], []
            numbers = 0
        elif len(line) > 4000:
            continue
        elif cells:
            # a wrapped cell: "商业\n企业"
            cells[-1] += line
        else:
            cells.append(line)
            where.append(no)
    if cells:
        rows.append(_row(cells, where))
    return rows


@cython.ccall
def _opens_row(s: str, numbers: int, cells: list[str]) -> bool:
    """Whether cell text s, in a row that holds `cells` so far with `numbers` values since its label, starts
    the next row: a label (or a sentence) after the row's numbers, or a label that always opens a row
    (表三's 一、…四、, 表二's row labels and block headings) once the row has anything in it."""
    kind = _OPENER_KIND.get(s)
    if kind is None:
        kind = _opener_kind(s)
        if len(s) <= 64 and len(_OPENER_KIND) < 4096:
            _OPENER_KIND[s] = kind
    if numbers and kind & _AFTER_NUMBERS:
        return True
    return bool(kind & _ALWAYS) and _any_filled(cells)


# What _opens_row found a cell text to be, remembered for a few thousand short texts: the same labels come report after
# report, and the patterns cost a label cell of layout B some two thousand instructions.
_OPENER_KIND: dict[str, int] = {}
_AFTER_NUMBERS = 1      # a row label or a sentence: opens a row after the row's numbers
_ALWAYS = 2             # a label that opens a row once the row has anything in it


def _opener_kind(s: str) -> int:
    return ((_AFTER_NUMBERS if _ROW_LABEL.match(s) or _SENTENCE_CELL.search(s) else 0)
            | (_ALWAYS if s[1:2] == "、" and s[0] in "一二三四" or s in _OPENS_ROW or s.startswith("第二十条")
               or s[-1:] in ")）" and _without_note(s) in _OPENS_ROW else 0))


@cython.ccall
@cython.locals(cells=list, c=str)
def _any_filled(cells: list[str]) -> bool:
    """Whether a cell of `cells` is not blank."""
    for c in cells:
        if c.strip():
            return True
    return False


def _wrapped_part(prev: str, s: str) -> bool:
    """In a copy where a blank line follows every cell: whether text s on the line right under cell `prev`
    (no blank line between) is the rest of that cell, wrapped — when `prev` is no template label and the
    two together are ("本年新" + "制作数量"). Cells of a header set one per line are each a label already."""
    if len(prev) > 12 or not _label_like(s) or not _label_like(prev):
        return False
    labels = _template_labels()
    return norm(prev) not in labels and norm(prev + s) in labels


@lru_cache(maxsize=1)
def _template_labels() -> frozenset[str]:
    """Every row and column label of every table of both generations, with their variants, normalised."""
    out = set()
    for generation in ("2019", "2021"):
        for spec in get_template(generation).tables.values():
            for block in spec.blocks:
                for item in tuple(block.rows) + tuple(block.columns):
                    out.update(norm(t) for t in item.path + item.variants)
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# Helpers

def _sentence(text: str) -> bool:
    """A cell that is a sentence ("本年度未收到政府信息公开申请。", "注：行政事业性收费单位为万元。"), not a label:
    no label of the templates ends with a full stop or ends a clause."""
    return text[-1:] in _SENTENCE_END


_SENTENCE_END = frozenset("。；;！!")


def _has_numbers(row: LogicalRow, label_idx: int) -> bool:
    return any(not _blank(t) for t in row.cells[label_idx + 1:])


@lru_cache(maxsize=8192)
def _label_like(text: str) -> bool:
    """A stripped cell text that may be a label: has Chinese and is not a number or placeholder."""
    return bool(text) and has_cjk(text) and not _is_value_like(text)


def _is_value_like(text: str) -> bool:
    s = text.strip()
    if not s:
        return True
    if s in MISSING_TOKENS:
        return True
    return not has_cjk(s) or parse_value(s).state == NUMBER


@cython.ccall
@cython.locals(k=cython.Py_ssize_t, start=cython.Py_ssize_t, end=cython.Py_ssize_t)
def _value_cells(row: LogicalRow, after: int) -> list[tuple[str, int]]:
    """(text, line) of the row's cells after its label's place `after` (-1: all of them)."""
    cells, lines = row.cells, row.lines
    start = after + 1
    if start < 0:           # (a place counted from the end, as a slice takes it)
        return list(zip(cells[start:], lines[start:]))
    end = min(len(cells), len(lines))
    return [(cells[k], lines[k]) for k in range(start, end)]


@cython.ccall
@cython.locals(out=list, k=cython.Py_ssize_t, t=str)
def _filled_at(vals: list[tuple[str, int]]) -> list[int]:
    """The positions of a row's cells that are not blank."""
    out = []
    for k in range(len(vals)):
        t = vals[k][0]
        if not _blank(t):
            out.append(k)
    return out


@cython.ccall
def _is_num(text: str) -> bool:
    if cython.compiled and _digits_value(text) >= 0:
        return True         # (the common case, read in C)
    return text.isdigit() if text.isascii() else parse_value(text).state == NUMBER


# Compiled, a cell's text is tested character by character in C (Py_UNICODE_ISSPACE and Py_UNICODE_ISDIGIT are what
# str.isspace and str.isdigit test each character with), where a str method is a Python call; plain Python calls the
# methods (_blank_plain, str.isdigit).
@cython.cfunc
@cython.locals(text=str, ch=cython.Py_UCS4)
def _blank(text: str) -> cython.bint:
    """Empty or only white space: not text or text.isspace()."""
    for ch in text:
        if not ch.isspace():
            return False
    return True


@cython.cfunc
@cython.locals(text=str, ch=cython.Py_UCS4)
def _is_digits(text: str) -> cython.bint:
    """text.isdigit()."""
    if len(text) == 0:
        return False
    for ch in text:
        if not ch.isdigit():
            return False
    return True


def _blank_plain(text: str) -> bool:
    return not text or text.isspace()


if not cython.compiled:
    _blank = _blank_plain
    _is_digits = str.isdigit


def _window(vals: list[tuple[str, int]], n: int, profile: list[int] | None = None):
    """Choose n consecutive cells holding every non-blank cell. Returns (cells, surplus)."""
    if len(vals) == n:
        return vals, 0          # what the general case below gives for a row of exactly n cells
    filled = _filled_at(vals)
    if not filled:
        return (vals[-n:] if len(vals) >= n else vals + [("", 0)] * (n - len(vals))), 0
    first, last = filled[0], filled[-1]
    span = last - first + 1
    if span > n:
        return vals[first:last + 1], span - n
    lo = max(0, last - n + 1)
    hi = min(first, len(vals) - n) if len(vals) >= n else 0
    if len(vals) < n:
        # Cells were dropped: place the row where the other rows have numbers, else flush right
        # (an exporter drops the padding of merged labels; the last cell is usually the 总计).
        line = vals[-1][1]
        best, best_score = None, None
        for pad in range(n - len(vals) + 1):
            w = [("", line)] * pad + vals + [("", line)] * (n - len(vals) - pad)
            score = sum(1 for k, (t, _) in enumerate(w) if not _blank(t) and profile and profile[k] > 0)
            if best_score is None or (score, pad) > best_score:
                best, best_score = w, (score, pad)
        return best, 0
    best, best_score = None, None
    for s in range(lo, hi + 1):
        w = vals[s:s + n]
        score = 0
        if profile:
            score = sum(1 for k, (t, _) in enumerate(w) if not _blank(t) and profile[k] > 0)
        key = (score, s)
        if best_score is None or key > best_score:
            best, best_score = w, key
    return best, 0


@cython.ccall
@cython.locals(out=list, small=dict, t=str, c=CCell, count=cython.Py_ssize_t)
def _make_cells(vals: list[tuple[str, int]]) -> list[Cell]:
    # parse_value's own fast path, inlined: most cells are plain digits. Their Cell is filled in here, not by
    # Cell.__init__: a Python __init__ call is most of a cell's cost, and a report makes two hundred. (Compiled,
    # Cell is a C type, app/model.pxd: __new__ is its own allocation, with every field None, and the fields are set
    # in place; plain Python's is object.__new__.)
    out = []
    add = out.append
    small = _SMALL_INTS
    for t, ln in vals:
        if cython.compiled:         # (compiled, the digits are read in C: no hash of t, no look-up)
            count = _digits_value(t)
            v = count if count >= 0 else None
        else:
            v = small.get(t)
        if v is not None or t.isdigit() and t.isascii():
            c = CCell.__new__(CCell)
            c.raw = t
            c.state = NUMBER
            c.value = int(t) if v is None else v
            c.line = ln or None
            c.notes = ()
            add(c)
        else:
            add(parse_value(t, ln or None))
    return out


@cython.cfunc
@cython.locals(t=str, ch=cython.Py_UCS4, v=cython.Py_ssize_t)
def _digits_value(t: str) -> cython.Py_ssize_t:
    """The value of t when it is one to eighteen ASCII digits, else -1. Compiled only."""
    if len(t) == 0 or len(t) > 18:
        return -1
    v = 0
    for ch in t:
        if ch < 0x30 or ch > 0x39:
            return -1
        v = v * 10 + (ord(ch) - 0x30)
    return v


# Most counts are small: a look-up runs a tenth of the instructions of str.isdigit, str.isascii and int().
_SMALL_INTS = {str(i): i for i in range(1000)}


# A table has a few dozen rows; past this many rows of a region, labels must match without
# fuzzy matching, so that a region of junk costs linear time.
_FUZZY_ROWS = 400


@cython.locals(cells=dict)
def _fill_absent(cells: dict, spec: TableSpec) -> None:
    """Every template cell the file did not give becomes the shared "absent" cell."""
    ids = spec.cell_ids()
    if keys_in_order(cells, ids):
        return          # (a table read whole: nothing to look up)
    for key in ids:
        if key not in cells:
            cells[key] = _ABSENT


# ---------------------------------------------------------------------------------------------
# Table 二

_COLON = _regex.compile(r"[:：]")
_LABEL_NOTE = _regex.compile(r"\s*[（(](?:[^（()）]|[（(][^（()）]*[)）])*[)）]$")
_WITHOUT_NOTE: dict[str, str] = {}


def _without_note(label: str) -> str:
    """_LABEL_NOTE.sub("", label): the label without the note in brackets at its end. Remembered for a few thousand
    labels: the same labels come report after report, and the pattern costs 表三's note row ("（本列数据的勾稽关系
    为：…）") some 20,000 instructions."""
    out = _WITHOUT_NOTE.get(label)
    if out is None:
        out = _LABEL_NOTE.sub("", label)
        if len(_WITHOUT_NOTE) < 4096:
            _WITHOUT_NOTE[label] = out
    return out
_T1_BLOCK = _regex.compile(r"第二十条第?\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*项")
_BLOCK_BY_ENUM = {"一": "20.1", "五": "20.5", "六": "20.6", "八": "20.8", "九": "20.9"}


@lru_cache(maxsize=None)
def _t1_index(generation: str) -> LabelIndex:
    spec = get_template(generation).tables["t1"]
    return LabelIndex([(lab, r.id) for r in spec.rows() for lab in (r.label,) + r.variants])


@lru_cache(maxsize=None)
def _block_column_index(generation: str, block_id: str) -> LabelIndex:
    block = next(b for b in get_template(generation).tables["t1"].blocks if b.id == block_id)
    return LabelIndex([(lab, c.id) for c in block.columns for lab in (c.label,) + c.variants])


_GENERATION_NAME = {"2021": "2021年版", "2019": "2019年试行"}


@cython.locals(k_row=cython.Py_ssize_t, first=cython.Py_ssize_t)
def _parse_t1(rows: list[LogicalRow], spec: TableSpec, ctx: _Ctx, generation: str) -> dict | None:
    row_index = _t1_index(generation)
    blocks = {b.id: b for b in spec.blocks}
    col_maps: dict[str, list[str]] = {}
    cells: dict[tuple[str, str], Cell] = {}
    seen_rows: set[str] = set()
    current: Block | None = None
    found_any = False
    carried = ""            # the first part of a wrapped row label
    skip = -1               # rows of a wrapped header, read with its first line
    mentioned = 0           # the line of a lone number a short row's error names
    padding: dict[tuple[int, int, int], int] = {}     # (columns, cells, first number's place) of full rows: count
    deferred: list = []     # rows with more cells than columns and a blank at an edge: placed by `padding`
    for k_row, row in enumerate(rows):
        if k_row <= skip:
            continue
        texts = _stripped(row.cells)
        joined = "".join(texts)
        m = _T1_BLOCK.search(joined) if "第二十条" in joined else None      # (its first words: a str scan first)
        if m:
            current = blocks.get(_BLOCK_BY_ENUM.get(m.group(1), ""))
            found_any = True
            continue
        for first, t in enumerate(texts):
            if t:
                break
        else:
            continue
        if norm(texts[first]) == "信息内容":
            if current is not None:
                labels = tuple(filter(None, texts[first + 1:]))
                width = len(current.columns)
                if len(labels) > width and k_row == len(rows) - 1 and all(
                        any(norm(r.label).startswith(norm(t)) for r in current.rows) for t in labels[width:]):
                    # A web copy cut off inside the next row's label ("行" of 行政事业性收费, the file's last
                    # paragraph): the fragment is no column.
                    labels = labels[:width]
                order, notes = _t1_header(labels, current, generation)
                if notes and texts[-1]:         # (a header the template has gives no finding)
                    header, used = _t1_wrapped_header(rows, k_row, first, current, generation)
                    if used:
                        skip = k_row + used
                        order, notes = _t1_header(tuple(filter(None, header.cells[first + 1:])), current, generation)
                ctx.findings.extend(notes)
                col_maps[current.id] = list(order)
            continue
        if carried:
            texts[first] = carried + texts[first]
            carried = ""
        label_idx, match = None, None
        for k, t in enumerate(texts):
            if _label_like(t):
                # (a sentence is no label, "注：行政事业性收费单位为万元。"; but one may define the row after a colon)
                mm = None if _sentence(t) else row_index.lookup(t, allow_fuzzy=k_row < _FUZZY_ROWS)
                if mm is None and (t[-1:] in ")）" or ":" in t or "：" in t) and any(map(_is_num, texts[k + 1:])):
                    # a province's template notes the row in brackets, "规章(设区的市…应提供相关数据)", or
                    # defines it after a colon, "规章:地方行政规章指…"
                    base = _without_note(t) if t[-1:] in ")）" else _COLON.split(t, 1)[0].strip()
                    mm = row_index.lookup(base, allow_fuzzy=False) if base and base != t else None
                if mm is not None:
                    label_idx, match = k, mm
        if match is not None and match.quality != "exact" and not any(map(_is_num, texts[label_idx + 1:])) \
                and k_row + 1 < len(rows) and _wrapped_t1_label(texts[label_idx], rows[k_row + 1], row_index):
            carried = texts[label_idx]      # "行政规范性" / "文件<tab>3<tab>1<tab>12": a label wrapped
            continue
        if match is None:
            if current is not None and _label_like(texts[first]) and any(map(_is_num, texts[first + 1:])) \
                    and not _HEAD_PREFIX.match(texts[first]) and not _SUB_HEAD.match(texts[first]) \
                    and _section_named(texts[first]) is None:
                # a row the template does not have ("其他主动公开文件 | 186 | 86 | 255"): said, not read
                ctx.add("warning", "format", "t1", [], f"表二第 {row.line} 行“{texts[first]}”不是模板中的行，"
                        f"它的数字没有读取，请核对原表。", "R-LABEL")
            elif current is not None and all(not t or parse_value(t).state == NUMBER for t in texts) \
                    and row.line != mentioned:
                # numbers under no row label (not the rest of the row above: that is read with it): said, not read
                numbers = "、".join(t for t in texts if t)
                ctx.add("warning", "format", "t1", [], f"表二第 {row.line} 行的“{numbers}”没有行标签，不属于任何一行"
                        f"（也可能是页码），没有读取，请核对原表。", "R-LABEL")
            continue
        rid = match.target
        if rid in seen_rows:
            ctx.add("warning", "format", "t1", [], f"表二“{texts[label_idx]}”行出现了两次，只读取了第一次。", "R-LABEL")
            continue
        seen_rows.add(rid)
        found_any = True
        block = spec.block_of(rid)
        official = spec.row(rid).label
        if match.quality == "fuzzy" or match.label != official:
            # a typo, or the other generation's name for the row (2021's 行政规范性文件 is 2019's 规范性文件)
            ctx.add("warning", "format", "t1", [(rid, c.id) for c in block.columns],
                    f"表二行标签“{texts[label_idx]}”与{_GENERATION_NAME[generation]}模板“{official}”不一致，"
                    f"已按“{official}”读取。",
                    "R-LABEL")
        order = col_maps.get(block.id) or list(block.column_ids)
        n = len(order)
        vals = _value_cells(row, label_idx)
        chosen, surplus = _window(vals, n)
        if len(vals) > n and not surplus:
            filled = _filled_at(vals)
            if len(filled) == n and filled[-1] - filled[0] == n - 1:
                padding[(n, len(vals), filled[0])] = padding.get((n, len(vals), filled[0]), 0) + 1
            elif filled and filled[-1] - filled[0] < n - 1:
                deferred.append((rid, order, vals, filled))     # placed below, as the full rows are
        if surplus:
            ctx.add("warning", "layout", "t1", [(rid, c) for c in order],
                    f"表二“{texts[label_idx]}”行有 {n + surplus} 个数据单元格，模板只有 {n} 列；已读取前 {n} 个。", "R-SHAPE")
            chosen = chosen[:n]
        elif len(vals) < n and k_row + 1 < len(rows) and (more := _run_on(row, rows[k_row + 1], n - len(vals))):
            chosen = vals + more        # the row's last numbers on the next line
            skip = k_row + 1
            ctx.add("warning", "layout", "t1", [(rid, c) for c in order],
                    f"表二“{texts[label_idx]}”行的数字分在了第 {row.lines[-1]}、{more[0][1]} 两行，已当作一行读取，"
                    f"请核对原表。" if any(not _blank(t) for t, _ in vals) else
                    f"表二“{texts[label_idx]}”行的数字在标签的下一行（第 {more[0][1]} 行），已按这一行的数字读取，"
                    f"请核对原表。", "R-SHAPE")
        elif len(vals) < n and k_row + 1 < len(rows) and (gapped := _gapped_rest(rows, row, label_idx, rows[k_row + 1], n)):
            # One cell per line, the row's blank cells written as empty lines (an editor that trims trailing
            # whitespace turns a blank cell's "\t" into one): the numbers after them are the row's
            joined, blanks = gapped
            chosen = _value_cells(joined, label_idx)
            chosen += [("", chosen[-1][1] + 1 + k) for k in range(n - len(chosen))]    # (its last cells trimmed too)
            skip = k_row + 1
            at = rows[k_row + 1].lines[0] - 1
            ctx.add("warning", "layout", "t1", [(rid, c) for c in order],
                    _gap_message("表二", texts[label_idx], at, blanks, at - row.lines[-1]), "R-SHAPE")
        elif len(vals) < n and vals and _one_per_line(row, label_idx) and not _ends_file(vals, ctx) \
                and _trimmed_after(rows, row, n - len(vals)):
            # One cell per line, in order under the label, and an empty line more after it than after other rows for
            # each cell it lacks: those are its last ones, blank cells whose "\t" an editor trimmed (their lines went
            # with the empty lines after the row). (Without those lines, a cell's line was lost: which is unknown.)
            chosen = vals + [("", vals[-1][1] + 1 + k) for k in range(n - len(vals))]
            ctx.add("warning", "layout", "t1", [(rid, c) for c in order],
                    f"表二“{texts[label_idx]}”行只有 {len(vals)} 个单元格，模板有 {n} 列：行后多出的空行像是末尾空白单元格的"
                    f"制表符被删去了，已按末尾{'一格' if n - len(vals) == 1 else '几格'}空白读取；如果是中间少了一格，"
                    f"请核对原表。", "R-SHAPE")
        elif len(vals) < n and any(not _blank(t) for t, _ in vals) and _ends_file(vals, ctx):
            chosen = _read_cut_row(ctx, "t1", rid, [(rid, c) for c in order], f"表二“{texts[label_idx]}”行", vals, n)
        elif len(vals) < n and any(not _blank(t) for t, _ in vals):
            # Cells were lost (a trailing tab trimmed, a web copy that drops empty cells): which column is
            # empty is unknown. Read flush right (the last cell is the one most often filled) and say so.
            ctx.guessed.update(("t1", rid, c) for c in order)
            nxt = rows[k_row + 1] if k_row + 1 < len(rows) else None
            lone = [t.strip() for t in nxt.cells if t.strip()] if nxt is not None and nxt.lines \
                and nxt.lines[0] == row.lines[-1] + 1 else []
            maybe = f"（下一行的“{lone[0]}”可能是本行的最后一个数，也可能是页码）" if len(lone) == 1 and _is_num(lone[0]) else ""
            mentioned = nxt.line if maybe else mentioned
            ctx.add("error", "layout", "t1", [(rid, c) for c in order],
                    f"表二“{texts[label_idx]}”行只有 {len(vals)} 个单元格，模板有 {n} 列：少了 {n - len(vals)} 个单元格，"
                    f"无法确定是哪{'一' if n - len(vals) == 1 else '几'}列，已按靠右读取（缺少的当作空白）{maybe}，"
                    f"请核对原表。", "R-SHAPE")
        for col, cell in zip(order, _make_cells(chosen)):
            cells[(rid, col)] = cell
    if not found_any:
        return None
    for rid, order, vals, filled in deferred:
        # A row padded like the others ("行政事业性收费\t\t-105\t", seed 004's rows end in a tab) with a blank cell
        # at an edge: placed where the full rows of its width have their numbers, not flush right.
        n = len(order)
        leads = [(count, lead) for (width, size, lead), count in padding.items()
                 if width == n and size == len(vals) and lead <= filled[0] and filled[-1] < lead + n]
        if leads:
            lead = max(leads)[1]
            for col, cell in zip(order, _make_cells(vals[lead:lead + n])):
                cells[(rid, col)] = cell
    missing_rows = [r for r in spec.rows() if r.id not in seen_rows]
    for r in missing_rows:
        block = spec.block_of(r.id)
        ctx.add("warning", "format", "t1", [(r.id, c.id) for c in block.columns],
                f"表二缺少“{r.label}”行。", "R-LABEL")
    _fill_absent(cells, spec)
    return cells


def _run_on(row: LogicalRow, nxt: LogicalRow, want: int) -> list[tuple[str, int]] | None:
    """The `want` cells a row lacks, continued on the very next line as numbers alone ("行政规范性文件 | 0", then
    "49 | 19": a PDF's or a narrow page's wrap), or None. Not a lone number: it may as well be a page number."""
    if not row.lines or not nxt.lines or nxt.lines[0] != row.lines[-1] + 1:
        return None
    cells = list(zip(nxt.cells, nxt.lines))
    filled = [(t, ln) for t, ln in cells if not _blank(t)]
    if len(filled) < 2 or not all(_is_num(t.strip()) for t, _ in filled):
        return None         # (a lone number may be a page number: the row stays short, and the clerk is told)
    return cells if len(cells) == want else filled if len(filled) == want else None


def _gap_message(table: str, label: str, at: int, blanks: int, between: int) -> str:
    """What a row set one cell per line and rejoined across empty lines says: `at` the last line between its parts,
    `blanks` of those lines read as blank cells (0: none, they are stray), `between` how many lines stand there."""
    if blanks == 1:
        how = f"{table}第 {at} 行是空行，夹在“{label}”行的数字中间，已当作一个空白单元格读取，"
    elif blanks:
        how = f"{table}第 {at - blanks + 1}—{at} 行是 {blanks} 个空行，夹在“{label}”行中间，已当作 {blanks} 个空白单元格读取，"
    elif between == 1:
        how = f"{table}第 {at} 行多了一个空行，把“{label}”行的数字分成了两段，已当作一行读取，"
    else:
        how = f"{table}第 {at - between + 1}—{at} 行（空行或页码）夹在“{label}”行中间，已当作一行读取，"
    return how + "请核对原表。"


def _gapped_rest(rows: list[LogicalRow], row: LogicalRow, label_idx: int, nxt: LogicalRow,
                 n: int) -> tuple[LogicalRow, int] | None:
    """A 表二 row set one cell per line whose numbers go on after empty lines (its blank cells' tabs trimmed):
    the row joined with the numbers-only row below and the count of empty lines read as blank cells (see
    _rejoin), or None."""
    if not nxt.lines or nxt.lines[0] == row.lines[-1] + 1 or len(set(nxt.lines)) != len(nxt.lines):
        return None         # (the very next line: _run_on's case; several numbers on one line: no such copy)
    if not all(not _blank(t) and parse_value(t.strip()).state == NUMBER for t in nxt.cells):
        return None
    have = len(row.cells) - label_idx - 1
    gap = nxt.lines[0] - row.lines[-1] - 1
    if len(nxt.cells) == 1 and not (have + gap + 1 == n and (have or gap == 1) or gap == 1 and have + 1 == n):
        return None     # (a lone number after an empty line may as well be a page number; not as a row's last cell)
    joined = _rejoin(("", row, label_idx), nxt, n, partial=not _kept_blank(rows))
    return joined if joined is not None and joined[1] >= 0 else None


def _wrapped_t1_label(part: str, nxt: LogicalRow, row_index: LabelIndex) -> bool:
    """Whether a label-only line and the first cell of the row below make one exact row label."""
    first = next((t.strip() for t in nxt.cells if t.strip()), "")
    if not first or not _label_like(first):
        return False
    m = row_index.lookup(part + first, allow_fuzzy=False)
    return m is not None and m.quality == "exact"


_T1_HEADERS: dict[tuple, tuple] = {}    # (generation, block, header texts) -> (column order, findings)


def _t1_wrapped_header(rows: list[LogicalRow], k: int, first: int, block: Block, generation: str):
    """A block's header row, with the lines its wrapped cells ran onto ("本年新<br>制作数量" copied from a web
    page: "信息内容<tab>本年新" / "制作数量<tab>本年新" / "公开数量<tab>对外公开总数量"): (the row, how many
    more rows it took). The row alone when its labels are the block's columns, or joining lines does not
    make them so."""
    def fits(cells):
        return _header_is_exact(generation, block.id, tuple(filter(None, cells[first + 1:])))

    cells = _stripped(rows[k].cells)
    for used in range(1, 4):
        if k + used >= len(rows):
            break
        more = _stripped(rows[k + used].cells)
        if not more or any(map(_is_num, more)):
            break
        cells = cells[:-1] + [cells[-1] + more[0]] + more[1:]
        if fits(cells):
            return _row(cells, [rows[k].line] * len(cells)), used
    return rows[k], 0


@lru_cache(maxsize=1024)
def _header_is_exact(generation: str, block_id: str, labels: tuple[str, ...]) -> bool:
    """Whether the header labels are the block's columns, each named exactly (a batch repeats the same
    headers)."""
    index = _block_column_index(generation, block_id)
    block = next(b for b in get_template(generation).tables["t1"].blocks if b.id == block_id)
    if len(labels) != len(block.columns):
        return False
    found = [index.lookup(_YEAR_NOTE.sub("", t)) for t in labels]
    return all(m is not None and m.quality == "exact" for m in found)


def _t1_header(labels: tuple[str, ...], block: Block, generation: str) -> tuple[tuple, tuple]:
    """The column order a block's header labels give, and its findings; each distinct header worked out
    once (a batch repeats the same few headers in every report)."""
    key = (generation, block.id, labels)
    hit = _T1_HEADERS.get(key)
    if hit is None:
        own = _Ctx()
        hit = (tuple(_t1_header_order(labels, block, own, generation)), tuple(own.findings))
        if len(_T1_HEADERS) < 1000:
            _T1_HEADERS[key] = hit
    return hit


# A year written into a column header: "本年(2023)制发件数", "本年（2023年）废止件数".
_YEAR_NOTE = _regex.compile(r"[（(]\s*((?:19|20)\d\d)\s*年?度?\s*[)）]")
_HEADER_YEAR = _regex.compile(r"本年\s*" + _YEAR_NOTE.pattern)


def _t1_header_order(labels: tuple[str, ...], block: Block, ctx: _Ctx, generation: str) -> list[str]:
    index = _block_column_index(generation, block.id)
    order: list[str] = []
    for text in labels:
        m = index.lookup(_YEAR_NOTE.sub("", text))     # with its year, the template's column, not a typo
        if (m is None or m.quality == "fuzzy") and text[-1:] in ")）":
            # with a note in brackets (天门市 2019: "本年增/减 (指2019年增加或减少的事项数,减用负值表示,如-8)")
            bare = index.lookup(_without_note(text))
            if bare is not None and (m is None or bare.quality == "exact"):
                m = bare
        if m is None or m.target in order:
            ctx.add("warning", "format", "t1", [(r.id, c.id) for r in block.rows for c in block.columns],
                    f"表二{block.title}的列标题“{text}”不是模板中的列，已按模板的列顺序读取。", "R-LABEL")
            return [c.id for c in block.columns]
        if m.quality == "fuzzy":
            ctx.add("warning", "format", "t1", [(r.id, m.target) for r in block.rows],
                    f"表二{block.title}的列标题“{text}”与模板“{m.label}”不一致（疑似错别字）。", "R-LABEL")
        if "元" in text and "万元" not in text:       # domain.md D11: an amount in 元 where the template has 万元
            ctx.add("warning", "value", "t1", [(r.id, m.target) for r in block.rows],
                    f"表二{block.title}的列标题“{text}”以元为单位，模板的单位是万元：请确认金额是否需要换算"
                    f"（1 万元 = 10000 元）。", "R-ACT-FEE")
        order.append(m.target)
    if len(order) != len(block.columns):
        if order:
            ctx.add("warning", "format", "t1", [(r.id, c.id) for r in block.rows for c in block.columns],
                    f"表二{block.title}的列标题与模板不一致（应为{len(block.columns)}列：" +
                    "、".join(c.label for c in block.columns) + "），已按模板的列顺序读取。", "R-LABEL")
        return [c.id for c in block.columns]
    return order


# ---------------------------------------------------------------------------------------------
# Table 三

# A row holding either of "勾稽关系" or "申请人情况" is a header row of 表三 (tested in _parse_t2).


@lru_cache(maxsize=None)
def _t2_indexes(generation: str):
    spec = get_template(generation).tables["t2"]
    entries = []
    groups = set()
    for r in spec.rows():
        entries += [(lab, ("row", r.id)) for lab in (r.label,) + r.variants]
        groups.update(r.path[:-1])
    entries += [(g, ("group", g)) for g in groups]
    cols = []
    for c in spec.blocks[0].columns:
        cols += [(p, ("col", c.id if p == c.label else p)) for p in c.path]
    cols.append(("小计", ("col", "subtotal")))
    cols.append(("法人或其他组织小计", ("col", "subtotal")))
    cols.append(("合计", ("col", "heji")))         # the 法人 subtotal, or the 总计 named another way
    return LabelIndex(entries), LabelIndex(cols, fuzzy_cutoff=0.8)


@lru_cache(maxsize=None)
def _t2_classifier(generation: str):
    """A cell text of 表三 → (the column it names or None, the row label it matches or None).

    Memoised per text: every report repeats the same labels, and each text would otherwise go through
    three look-ups."""
    row_index, col_index = _t2_indexes(generation)
    memos: tuple[dict[str, tuple], dict[str, tuple]] = ({}, {})     # text -> hit, without and with fuzzy matching

    def classify(text: str, fuzzy: bool) -> tuple:
        memo = memos[1 if fuzzy else 0]
        hit = memo.get(text)
        if hit is not None:
            return hit
        col_hit = row_match = None
        if _label_like(text):
            m = col_index.lookup(text, allow_contains=False, allow_fuzzy=fuzzy)
            if m is not None:
                col_hit = m.target[1]
            m = row_index.lookup(text, allow_fuzzy=fuzzy)
            if m is not None and m.target[0] == "row":
                row_match = m
            elif m is not None and m.target[0] == "group" and m.quality == "contains":
                # A group's label and the row's joined in one cell ("三、本年度办理结果（七）总计", "（六）其他处理
                # 3.其他"): a group's label exactly, then a row's label exactly.
                row_match = _group_then_row(row_index, text)
            elif " " in text:
                # A group's label and the row's set apart by a space, not a tab ("三、本年度办理结果 (一) 予以公开"):
                # a group's label exactly, then a row's label exactly.
                parts = text.split()
                for k in range(1, len(parts)):
                    g = row_index.lookup(" ".join(parts[:k]), allow_fuzzy=False)
                    if g is None or g.target[0] != "group" or g.quality != "exact":
                        continue
                    m = row_index.lookup(" ".join(parts[k:]), allow_fuzzy=False)
                    if m is not None and m.target[0] == "row" and m.quality == "exact":
                        row_match = m
                    break
        hit = (col_hit, row_match)
        if len(memo) < 20000:
            memo[text] = hit
        return hit

    classify.memos = memos       # (read by _classified, which looks most texts up itself)
    return classify


def _group_then_row(row_index: LabelIndex, text: str):
    """The row a cell names after its group's label ("三、本年度办理结果（七）总计"), or None."""
    for k in range(2, min(len(text) - 1, 24)):
        g = row_index.lookup(text[:k], allow_contains=False, allow_fuzzy=False)
        if g is not None and g.target[0] == "group" and g.quality == "exact":
            m = row_index.lookup(text[k:], allow_contains=False, allow_fuzzy=False)
            if m is not None and m.target[0] == "row" and m.quality == "exact":
                return m
    return None


_SEVEN_HEJI = _regex.compile(r"[（(]\s*七\s*[)）]\s*合\s*计")


def _total_follows(rows: list[LogicalRow], k_row: int) -> bool:
    """A "合计" row is a group's subtotal when （七）总计 still follows; else it is the table's total written
    another way, and is read by position."""
    return any("总计" in c for row in rows[k_row + 1:] for c in row.cells)


@lru_cache(maxsize=None)
def _ranks(ids: tuple[str, ...]) -> dict[str, int]:
    """id -> its place in `ids` (a block's row ids), worked out once."""
    return {rid: k for k, rid in enumerate(ids)}


@cython.locals(joined=str, numeric=cython.Py_ssize_t, named_columns=cython.Py_ssize_t)
def _parse_t2(rows: list[LogicalRow], spec: TableSpec, ctx: _Ctx, generation: str) -> dict | None:
    block = spec.blocks[0]
    template_rows = block.row_ids
    rank = _ranks(template_rows)
    col_order = list(block.column_ids)
    found: dict[str, tuple[LogicalRow, int, object]] = {}
    unlabeled: list[tuple[int, LogicalRow]] = []
    sequence: list[tuple[str, LogicalRow, int]] = []
    header_seen = total_named = total_first = applicants_seen = False
    header_at: dict[str, int] = {}          # column -> the cell position of its header
    subtotals: list[tuple] = []         # rows a report adds: (label text, row, 小计's cell, row above, position)
    rejoined: set[str] = set()
    typed = False           # a row rejoined across empty lines taken for its blank cells
    typo_note: dict[str, Finding] = {}      # row id -> its label-typo warning
    classify = _t2_classifier(generation)

    def extend_last(merged: LogicalRow) -> str:
        """The last labelled row, found again with more of itself (the rest of its label or numbers)."""
        prid, _, plabel = sequence[-1]
        found[prid] = (merged, plabel, found[prid][2])
        sequence[-1] = (prid, merged, plabel)
        return prid

    skip = -1           # the second half of a wrapped label, read with the numbers above it
    for k_row, row in enumerate(rows):
        if k_row == skip:
            continue
        texts = _stripped(row.cells)
        joined = "".join(texts)
        if not joined:
            continue
        fuzzy = k_row < _FUZZY_ROWS
        col_hits, col_at, row_match, label_idx = _classified(texts, classify, fuzzy)
        named_columns = len(set(col_hits)) if col_hits else 0       # (how many columns the row's cells name)
        if row_match is not None and not found and col_hits and (
                len(col_hits) == 1 == len(texts) - texts.count("")
                or named_columns < 3 and not any(_is_num(t) for t in texts if t)
                and "勾稽关系" not in joined and "申请人情况" not in joined):
            # A column's name alone, before any row: a header set one cell per line; its "总计" is the
            # column, not the row （七）总计 (which comes last, and a file cut short would show it blank).
            # So is a header line a wrapped header cell split ("法律服务<br>机构" copied from a web page:
            # "机构<tab>其他" is the columns, not the row "3.其他").
            header_seen = True
            continue
        seven_heji = False
        if row_match is None and "合计" in joined:      # "（七）合计" for （七）总计; a bare 合计 is a subtotal
            k7 = next((k for k, t in enumerate(texts) if _SEVEN_HEJI.fullmatch(t)), None)
            if k7 is not None:
                row_match, label_idx, seven_heji = classify("（七）总计", fuzzy)[1], k7, True
        if "勾稽关系" in joined or "申请人情况" in joined or (named_columns >= 2 and row_match is None) \
                or named_columns >= 3:
            header_seen = True
            total_named = total_named or "总计" in texts
            if not applicants_seen and len(joined) < 120:        # (a header's row, not a sentence naming it)
                # "总计" named before "申请人情况" and the applicants' columns: the total is the first column (in
                # any layout: the positions of cells set one per line are no columns, but their order is)
                # (in the row's text: a header line set apart by spaces is one cell)
                firsts = [k for k in map(joined.find, ("申请人", "自然人", "法人")) if k >= 0]
                k_total = joined.find("总计") if any(t == "总计" or "总计 " in t or " 总计" in t for t in texts) else -1
                total_first = k_total >= 0 and (not firsts or k_total < min(firsts)) or total_first
                applicants_seen = bool(firsts)
            # "合计" beside a column named 总计 is the 法人 subtotal; without one it is the 总计 (always last)
            leaf = [("subtotal" if h == "heji" else h) for h in col_hits
                    if h in ("2.1", "2.2", "2.3", "2.4", "2.5", "subtotal") or h == "heji" and total_named]
            if len(leaf) >= 3:
                col_order = _t2_column_order(leaf, ctx, block)
            if row.lines and row.lines[0] == row.lines[-1]:     # cells side by side on one line: positions
                for h, k in zip(col_hits, col_at):              # are columns (one per line, they are not)
                    header_at.setdefault(h, k)
            continue
        if (row_match is None or row_match.quality != "exact") and sequence and sequence[-1][0] != "?":
            merged = _continued(sequence[-1], row, texts, classify, fuzzy)
            if merged is not None:              # a long label wrapped onto the line of its numbers
                prid = extend_last(merged)
                if prid in typo_note:           # its first part alone looked like a typo: it is not one
                    ctx.findings.remove(typo_note.pop(prid))
                continue
        if row_match is None and ("计" in joined or "（" in joined or "(" in joined or "办理结果" in joined):
            sub_k = next((k for k, t in enumerate(texts) if t.endswith("小计") and "法人" not in t
                          or t.endswith("合计") and _total_follows(rows, k_row)), None)
            if sub_k is None:       # a group's own label row carrying its numbers: "（三）不予公开 | 50 | …"
                sub_k = next((k for k, t in enumerate(texts) if (_GROUP_ENUM.match(t) or _RESULTS.fullmatch(t)
                                                                  and not any(map(has_cjk, texts[k + 1:])))
                              and _label_like(t)), None)       # (not "三、本年度办理结果 | （一）予以" wrapped)
            if sub_k is not None and sum(1 for t in texts[sub_k + 1:] if t and _is_num(t)) >= 3:
                prev = next((item[0] for item in reversed(sequence) if item[0] != "?"), None)
                subtotals.append(("".join(texts[:sub_k + 1]), row, sub_k, prev, len(sequence)))
                continue
        if row_match is None:
            numeric = sum(1 for t in texts if t and _is_num(t))
            only_numbers = numeric == sum(1 for t in texts if t)
            if only_numbers and numeric == len(col_order) \
                    and (around := _label_around(rows, k_row, classify, _t2_indexes(generation)[0])) is not None:
                # the row's numbers alone between the two halves of its label (a PDF copy)
                rid, merged, label_idx, match = around
                before = rows[k_row - 1]
                if sequence and sequence[-1][1] is before:      # its first half, taken for a row
                    wrong = sequence.pop()[0]
                    found.pop(wrong, None)
                    if wrong in typo_note:
                        ctx.findings.remove(typo_note.pop(wrong))
                if rid not in found:
                    found[rid] = (merged, label_idx, match)
                    sequence.append((rid, merged, label_idx))
                    skip = k_row + 1
                    ctx.add("warning", "layout", "t2", [(rid, c.id) for c in block.columns],
                            f"表三“{short_row_label(spec.row(rid))}”行的标签折成了第 {before.lines[-1]}、{row.lines[0] + 1} "
                            f"两行，数字在两行之间，已按这一行读取，请核对原表。", "R-SHAPE")
                    continue
            if only_numbers and numeric == len(col_order) and sequence and sequence[-1][0] not in ("?", "") \
                    and (frags := _label_fragments(rows, k_row, sequence[-1], classify)):
                # a label alone (a wrapped one's first line), words that go on with it, then its numbers
                prid = extend_last(_row(sequence[-1][1].cells + row.cells, sequence[-1][1].lines + row.lines))
                ctx.add("warning", "layout", "t2", [(prid, c.id) for c in block.columns],
                        f"表三“{short_row_label(spec.row(prid))}”行的标签折成了 {frags + 1} 行以上，数字在第 {row.line} 行，"
                        f"已按这一行的数字读取，请核对原表。", "R-SHAPE")
                continue
            if numeric and only_numbers and sequence and sequence[-1][0] != "?" \
                    and _page_marks_only(rows, k_row, sequence[-1][1].lines[-1]):
                if numeric == 1 and _page_mark_inside(rows, k_row, sequence[-1], len(col_order)):
                    continue        # a page number between the row's two parts: the next one joins across it
                joined_row = _rejoin(sequence[-1], row, len(col_order), partial=not _kept_blank(rows))
                if joined_row is not None and joined_row[1] in (-1, 0) and numeric == 1 and not _row_total_holds(
                        _make_cells(_value_cells(joined_row[0], sequence[-1][2])), col_order):
                    joined_row = None       # a lone number on the next line: maybe a page number, not the row's
                if joined_row is not None:
                    merged, blanks = joined_row
                    between = row.lines[0] - sequence[-1][1].lines[-1] - 1       # lines between the two parts
                    prid = extend_last(merged)
                    rejoined.add(prid)          # the blank's place is known: not a short row
                    if blanks > 0:
                        typed = True            # blank cells typed as empty lines among a row's numbers
                    label = short_row_label(spec.row(prid))
                    at = row.lines[0] - 1
                    msg = (f"表三“{label}”行的数字在标签的下一行（第 {at + 1} 行），已按这一行的数字读取，请核对原表。"
                           if blanks == -2 else
                           f"表三“{label}”行的数字分在了第 {at}、{at + 1} 两行，已当作一行读取，请核对原表。" if blanks == -1 else
                           _gap_message("表三", label, at, blanks, between))
                    ctx.add("warning", "layout", "t2", [(prid, c.id) for c in block.columns], msg, "R-SHAPE")
                    continue
            if numeric >= 3:
                unlabeled.append((len(sequence), row))
                sequence.append(("?", row, -1))
            continue
        rid = row_match.target[1]
        if rid in found and found[rid][2] is not None and found[rid][2].quality != "exact" \
                and row_match.quality == "exact" and not _has_numbers(found[rid][0], found[rid][1]):
            # What looked like the row's label, with no numbers, was words about it ("（本年度未收到政府信息公开
            # 申请）" under the heading): the row is this one.
            earlier = found.pop(rid)[0]
            # (its place in `sequence` stays, with no row id: unlabeled rows and subtotals keep positions in it)
            sequence[:] = [("", item[1], item[2]) if item[1] is earlier else item for item in sequence]
            if rid in typo_note:
                ctx.findings.remove(typo_note.pop(rid))
        if rid in found:
            ctx.add("warning", "format", "t2", [], f"表三“{texts[label_idx]}”行出现了两次，只读取了第一次。", "R-LABEL")
            continue
        found[rid] = (row, label_idx, row_match)
        sequence.append((rid, row, label_idx))
        if row_match.quality == "fuzzy":
            ctx.add("warning", "format", "t2", [(rid, c) for c in (x.id for x in block.columns)],
                    f"表三行标签“{texts[label_idx]}”与模板“{row_match.label}”不一致（疑似错别字），已按模板读取。", "R-LABEL")
            typo_note[rid] = ctx.findings[-1]
        elif seven_heji:
            ctx.add("warning", "format", "t2", [(rid, c) for c in (x.id for x in block.columns)],
                    f"表三行标签“{texts[label_idx]}”与模板“{spec.row(rid).label}”不一致，已按模板读取。", "R-LABEL")
    if not found and not header_seen:
        return None
    # Rows without a label: give each the template row its neighbours leave open.
    unread: list[LogicalRow] = []       # rows of numbers that fit no open row
    if unlabeled:
        ranks = [rank.get(item[0], None) for item in sequence]
        prev_max, run = [], -1
        for r in ranks:
            prev_max.append(run)
            if r is not None:
                run = max(run, r)
        next_min, run = [0] * len(ranks), len(template_rows)
        for k in range(len(ranks) - 1, -1, -1):
            next_min[k] = run
            if ranks[k] is not None:
                run = min(run, ranks[k])
        for pos, row in unlabeled:
            gap = [rid for rid in template_rows[prev_max[pos] + 1:next_min[pos]] if rid not in found]
            if not gap:
                unread.append(row)
                continue
            rid = gap[0]
            texts = _stripped(row.cells)
            first_num = next((k for k, t in enumerate(texts) if t and parse_value(t).state == NUMBER), 0)
            found[rid] = (row, first_num - 1, None)
            ctx.add("warning", "format", "t2", [(rid, c.id) for c in block.columns],
                    f"表三第 {row.line} 行的数据没有行标签，按位置读作“{short_row_label(spec.row(rid))}”行。", "R-LABEL")
    col_order = _t2_outer_columns(col_order, header_at, ctx)
    if total_first and col_order[0] != "3":
        col_order = ["3"] + [c for c in col_order if c != "3"]
        ctx.add("warning", "format", "t2", [], "表三的列顺序与模板不同（“总计”列在最前），已按表头的列标题读取。", "R-LABEL")
    # Values
    n = len(col_order)
    raw_rows: dict[str, list[tuple[str, int]]] = {}
    surplus_rows: dict[str, list[tuple[str, int]]] = {}
    raw_filled: dict[str, list[int]] = {}        # positions of the non-blank cells in raw_rows[rid]
    profile = [0] * n
    all_vals = {rid: _value_cells(row, label_idx) for rid, (row, label_idx, _) in found.items()}
    # Positions of the non-blank cells of each row, worked out once for every use below.
    all_filled = {rid: _filled_at(vals) for rid, vals in all_vals.items()}
    lead_anchor, trail_anchor = _row_anchors(all_vals, all_filled, n)
    ends_blank: set[str] = set()
    both_ends: dict[str, list] = {}         # rows the two anchors place differently: both placements
    for rid, vals in all_vals.items():
        window = None
        filled = all_filled[rid]
        first, last = (filled[0], filled[-1]) if filled else (len(vals), -1)
        if lead_anchor is not None:
            lead, span = lead_anchor
            if len(vals) >= lead + span and first >= lead and last < lead + span:
                window = vals[lead:lead + span]
                window_from_lead = True
        if trail_anchor is not None:
            trail, span = trail_anchor
            start = len(vals) - trail - span
            if start >= 0 and first >= start and last < len(vals) - trail:
                if window is None:
                    window = vals[start:len(vals) - trail]
                    window_from_lead = False
                elif start != lead_anchor[0] and span == lead_anchor[1] == n:
                    # The two ends place the row differently (seed 004 pads the （六）/（七）/四 rows in front, not the
                    # others): the arithmetic chooses, as for a row with a blank edge cell. Unless it tells, where
                    # the full rows end in their 总计, a cell after the row's last number is its 总计, left blank.
                    both_ends[rid] = [window, vals[start:len(vals) - trail]]
                    if trail == 0:
                        window, window_from_lead = both_ends[rid][1], False
        if window is not None:
            if len(window) > n:
                surplus_rows[rid] = window
            else:
                raw_rows[rid] = window
                lo = lead if window_from_lead else start
                raw_filled[rid] = [k - lo for k in filled] if lo else filled
                if not window_from_lead and trail_anchor[0] == 0 and len(window) == n and not window[-1][0].strip():
                    ends_blank.add(rid)     # where the full rows end in their 总计, this row's last cell is blank
            continue
        if filled and last - first + 1 > n:
            surplus_rows[rid] = vals[first:last + 1]
            continue
        raw_rows[rid] = vals
        raw_filled[rid] = filled
        if len(vals) == n:
            for k in filled:
                profile[k] += 1
    # The width of the table's full rows (their padding included), when both ends agree: a row as wide as
    # they are whose last cell is blank ("…\t0\t", its tab kept) has its 总计 blank, not a cell lost. (A blank
    # first cell may be a label's padding, as 004's （六） row has: that stays a lost cell.)
    width = (lead_anchor[0] + lead_anchor[1] + trail_anchor[0]
             if lead_anchor and trail_anchor and lead_anchor[1] == trail_anchor[1] == n else None)
    # One cell per line, each row's cells in order under its label, and an empty line more after a row than after
    # others for each cell it lacks: those are its last ones, blank cells whose "\t" an editor trimmed (their lines
    # went with the empty lines after the row; a blank first or middle cell leaves an empty line inside the row,
    # see _rejoin). Read so, and confirmed below as a blank 总计 with its tab kept is. (Not a row the file ends
    # inside: cut off. Without the trace, cells were dropped: which ones is unknown.)
    trimmed = [rid for rid, vals in raw_rows.items() if len(vals) < n and raw_filled[rid]
               and _one_per_line(*found[rid][:2]) and not _ends_file(vals, ctx)
               and _trimmed_after(rows, found[rid][0], n - len(vals), typed)]
    # (the table's last row one cell short, with no trace either way: its total left blank, if the arithmetic agrees)
    # (or with blank cells inside it that empty lines gave, rejoined: its last one's empty line is the table's end)
    last_blank = [rid for rid, vals in raw_rows.items() if len(vals) == n - 1
                  and (len(raw_filled[rid]) == n - 1 or rid in rejoined)
                  and _one_per_line(*found[rid][:2]) and _trimmed_after(rows, found[rid][0], 1, typed) is None]
    for rid in trimmed + last_blank:
        vals = raw_rows[rid]
        raw_rows[rid] = vals + [("", vals[-1][1] + 1 + k) for k in range(n - len(vals))]
    short = [rid for rid, vals in raw_rows.items() if rid not in rejoined and _one_missing(vals, raw_filled[rid], n)
             and not (len(vals) == n and _one_per_line(*found[rid][:2]))]    # (a blank "\t" line is a cell)
    blank_total = [rid for rid in short if len(all_vals[rid]) == width and _blank(all_vals[rid][-1][0])
                   or rid in ends_blank] + last_blank + [rid for rid in trimmed if rid not in rejoined]
    # (the trace is no proof: a next row's label padding, trimmed too, adds empty lines; a lost line is told by
    # the relations through the row's numbers, as for a blank 总计 with its tab kept)
    # As wide as the full rows and in their place, its first cell blank with its tab kept: 自然人 left blank (a
    # label's padding would make the row wider), confirmed by the arithmetic below as a blank 总计 is
    # (or, where the full rows have no padding after their labels and end in their 总计, exactly n cells)
    exact = width if width is not None else n if trail_anchor == (0, n) and lead_anchor in (None, (0, n)) else None
    blank_first = [rid for rid in short if rid not in blank_total and len(all_vals[rid]) == exact
                   and len(raw_rows[rid]) == n and _blank(raw_rows[rid][0][0])]
    fields = _aligned_fields(found, all_filled, n) if short else None
    if fields is not None:
        # Every full row's numbers stand in the same fields of its line, whatever its label's shape (a Word export
        # pads each row's label area to one width): a row one number short in exactly those fields, its first or
        # last blank, is in place too — confirmed by the arithmetic below, as the rows above are.
        lo, hi = fields
        for rid in short:
            if rid in blank_total or rid in blank_first:
                continue
            base = found[rid][1] + 1            # the field of the row's first value cell
            vals = all_vals[rid]
            if base > lo or len(vals) + base <= hi or any(not _blank(t) for t, _ in vals[:lo - base]) \
                    or any(not _blank(t) for t, _ in vals[hi - base + 1:]):
                continue
            window = vals[lo - base:hi - base + 1]
            edges = _blank(window[0][0]), _blank(window[-1][0])
            if edges in ((True, False), (False, True)):
                raw_rows[rid] = window
                raw_filled[rid] = _filled_at(window)
                (blank_first if edges[0] else blank_total).append(rid)
    if blank_total or blank_first:  # (confirmed by the arithmetic below, once the table is read)
        short = [rid for rid in short if rid not in blank_total and rid not in blank_first]
    # A row the file ends inside, cut off (a truncated download): its cells are its first ones.
    # (Not a row one cell short, at the table's end: its 总计 left blank and its tab trimmed is as likely.)
    cut = next((rid for rid, vals in raw_rows.items() if len(vals) < n - 1 and raw_filled[rid] and rid not in rejoined
                and _ends_file(vals, ctx)), None)
    if cut is not None:
        raw_rows[cut] = _read_cut_row(ctx, "t2", cut, [(cut, c) for c in col_order if c != "subtotal"],
                                      f"表三“{short_row_label(spec.row(cut))}”行", raw_rows[cut], n)
        if cut in short:
            short.remove(cut)
    for rid in list(short):         # a row a cell short, one of whose cells holds two numbers: split it
        split = _split_joined(raw_rows[rid], n)
        if split is not None:
            raw_rows[rid], text = split
            raw_filled[rid] = _filled_at(raw_rows[rid])
            short.remove(rid)
            ctx.add("warning", "layout", "t2", [(rid, c) for c in col_order if c != "subtotal"],
                    f"表三“{short_row_label(spec.row(rid))}”行少一个单元格，而“{text}”是两个数之间隔了一个空格："
                    f"已按两个单元格读取，请核对原表。", "R-SHAPE")
    for rid in short:
        label = short_row_label(spec.row(rid))
        ctx.guessed.update(("t2", rid, c) for c in col_order if c != "subtotal")
        ctx.add("error", "layout", "t2", [(rid, c) for c in col_order if c != "subtotal"],
                f"表三“{label}”行只有 {n - 1} 个数，模板有 {n} 列：少了一个单元格，无法确定是哪一列，"
                f"已按位置读取（空出的一格当作空白），请核对原表。", "R-SHAPE")
    # Two or more cells dropped (a copy that loses blank cells): where the numbers belong is a guess. A lone
    # number is most likely the row's 总计 (rows that fill only the total, as seed 004's do): a warning.
    for rid, vals in raw_rows.items():
        # (a row rejoined across its empty lines and still short, with no trace of where: as much a guess)
        if (len(vals) < n - 1 or rid in rejoined and len(vals) < n) and raw_filled[rid] and rid not in short \
                and rid != cut:
            lone_total = len(raw_filled[rid]) == 1 and not _blank(_window(vals, n, profile)[0][-1][0])
            if not lone_total:      # (a lone number read as the 总计, as seed 004's rows fill it, is trusted)
                ctx.guessed.update(("t2", rid, c) for c in col_order if c != "subtotal")
            how = ("这一个数已按“总计”读取（只填总计的行常这样写），其余当作空白" if lone_total else
                   "无法确定是哪几列，已按推测的位置读取（缺少的当作空白）")
            ctx.add("error" if len(raw_filled[rid]) > 1 else "warning", "layout", "t2",
                    [(rid, c) for c in col_order if c != "subtotal"],
                    f"表三“{short_row_label(spec.row(rid))}”行只有 {len(vals)} 个单元格，模板有 {n} 列：少了 "
                    f"{n - len(vals)} 个单元格，{how}，请核对原表。", "R-SHAPE")
    table: dict[str, list[Cell]] = {}
    ambiguous: dict[str, list[list[Cell]]] = {}
    for rid, vals in raw_rows.items():
        chosen = vals if len(vals) == n else _window(vals, n, profile)[0]
        table[rid] = _make_cells(chosen)
        options = both_ends.get(rid) or _windows(vals, raw_filled[rid], n)
        if len(options) > 1:
            ambiguous[rid] = [_make_cells(w) for w in options]
    if ambiguous:
        _settle_ambiguous(table, ambiguous, col_order, generation)
    if surplus_rows:
        _resolve_surplus(surplus_rows, table, n, ctx, spec, col_order, generation)
    if subtotals:
        _check_subtotals(subtotals, sequence, table, col_order, spec, ctx, n)
    if blank_total:
        _confirm_blank_edges(blank_total, table, col_order, generation, spec, ctx, n)
    if blank_first:
        _confirm_blank_edges(blank_first, table, col_order, generation, spec, ctx, n, first=True)
    cells = _keyed_cells(table, _row_keys(tuple(col_order)))
    if len(unread) >= 3:
        # The numbers stand apart from the labels (a converter that copies the label column, then the number
        # columns): the labelled rows are empty. One error; their cells are not given, not blank.
        ctx.add("error", "layout", "t2", [], f"表三有 {len(unread)} 行数字没有行标签（第 {unread[0].line} 行起），"
                f"无法对应到模板的行：表格的排列方式无法识别（例如行标签和数字被分开复制）。请核对原文件，"
                f"或从原文档重新复制这张表。", "R-SHAPE")
        for rid, (row, label_idx, _) in found.items():
            if not any(not _blank(t) for t in row.cells[label_idx + 1:]):
                for col in col_order:
                    if (rid, col) in cells:
                        cells[(rid, col)] = _ABSENT
    else:
        for row in unread:
            ctx.add("warning", "format", "t2", [],
                    f"表三第 {row.line} 行有数字但没有行标签，也不在缺少的行的位置上，没有读取，请核对原表。", "R-LABEL")
    if "subtotal" in col_order:
        _check_org_subtotal(table, col_order, ctx)
    missing = [rid for rid in template_rows if rid not in found]
    if missing:
        names = "、".join(f"“{short_row_label(spec.row(r))}”" for r in missing[:6])
        more = f"等 {len(missing)} 行" if len(missing) > 6 else ""
        ctx.add("warning", "format", "t2",
                [(r, c.id) for r in missing for c in block.columns],
                f"表三缺少{names}{more}。", "R-LABEL")
    _fill_absent(cells, spec)
    return cells


@cython.ccall
@cython.locals(k=cython.Py_ssize_t, t=str, col_hits=list, col_at=list, known=dict)
def _classified(texts: list[str], classify, fuzzy: bool):
    """A 表三 row's cells looked up as labels: (the columns they name, the positions of those cells, the row
    the last row label names, its position)."""
    col_hits = []
    col_at = []
    row_match, label_idx = None, None
    known = classify.memos[1 if fuzzy else 0]
    for k in range(len(texts)):
        t = texts[k]
        if t and not _is_digits(t) and t[-1] not in "。；;！!":      # (a sentence is no label: _SENTENCE_END)
            hit = known.get(t)
            col_hit, m = hit if hit is not None else classify(t, fuzzy)
            if col_hit is not None:
                col_hits.append(col_hit)
                col_at.append(k)
            if m is not None:
                row_match, label_idx = m, k
    return col_hits, col_at, row_match, label_idx


@cython.locals(cells=dict, ks=tuple, k=cython.Py_ssize_t, m=cython.Py_ssize_t)
def _keyed_cells(table: dict, keys) -> dict:
    """Rows of cells (row id -> cells in column order) as cells by key; a column keyed None (the column
    "法人或其他组织小计", checked already) is not kept."""
    cells = {}
    if not cython.compiled:         # (in plain Python the C loop of dict.update is the faster)
        for rid, row_cells in table.items():
            cells.update(zip(keys(rid), row_cells))
        cells.pop(None, None)
        return cells
    for rid, row_cells in table.items():
        ks = keys(rid)
        m = min(len(ks), len(row_cells))
        for k in range(m):
            key = ks[k]
            if key is not None:
                cells[key] = row_cells[k]
    return cells


@lru_cache(maxsize=64)
def _row_keys(col_order: tuple[str, ...]):
    """row id -> the cell keys of its columns in this order (None for a column the template lacks),
    built once per row: the same key tuples serve every report."""
    @lru_cache(maxsize=256)
    def keys(rid: str) -> tuple:
        return tuple(None if col == "subtotal" else cell_key(rid, col) for col in col_order)
    return keys


def _continued(prev: tuple[str, LogicalRow, int], row: LogicalRow, texts: list[str], classify, fuzzy: bool):
    """A long label wrapped onto the next line, its numbers after the wrapped part ("（二）部分公开（区分处理的，
    只计这一情形，不计" / "其他情形）<tab>1<tab>0…") or on the line after it: the row above is its label alone,
    and the two parts together name that row. The wrapped part alone may look like another row's label ("3.其他")."""
    prid, prow, plabel = prev
    if len(prow.cells) != plabel + 1:
        return None
    k = next((j for j, t in enumerate(texts) if t), None)
    if k is None or not _label_like(texts[k]):
        return None
    _, m = classify(prow.cells[plabel].strip() + texts[k], fuzzy)
    if m is None or m.target[1] != prid:
        return None
    if not any(t and _is_num(t) for t in texts[k + 1:]) and (
            m.quality != "exact" or not row.lines or row.lines[0] != prow.lines[-1] + 1):
        return None         # (the wrapped part alone on the next line, its numbers on the line after it: exactly)
    if len(row.cells) == k + 1:     # the whole label, on the wrapped part's line: its numbers may follow it
        return _row(prow.cells[:plabel] + [prow.cells[plabel].strip() + texts[k]],
                    prow.lines[:plabel] + [row.lines[k]])
    return _row(prow.cells + row.cells[k + 1:], prow.lines + row.lines[k + 1:])


_LABEL_START = _regex.compile(r"[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d+\s*[.、．]")


def _label_fragments(rows: list[LogicalRow], k_row: int, prev: tuple[str, LogicalRow, int], classify) -> int:
    """How many lines of words lie between a row's label alone (`prev`, no numbers) and this row of numbers,
    each on the line after the other, none a row's label nor holding a digit: a long label wrapped over several
    lines, its numbers in the middle (a PDF copy: "（二）部分公开（区" / "分处理的，只计这一" / "16 0 0 0 72 0 43").
    0 when the lines between are anything else (or there are none: _rejoin reads that)."""
    _, prow, plabel = prev
    if len(prow.cells) != plabel + 1 or not prow.lines or not rows[k_row].lines:
        return 0
    j, line = k_row - 1, rows[k_row].lines[0]
    while j >= 0 and rows[j] is not prow and k_row - j <= 4:
        words = "".join(t.strip() for t in rows[j].cells)
        if not words or not rows[j].lines or rows[j].lines[-1] != line - 1 or _ANY_DIGIT.search(words) \
                or _LABEL_START.match(words) or classify(words, True)[1] is not None:
            return 0        # (not the start of another row's label, "一、本年" / "新收政府" / numbers)
        line = rows[j].lines[0]
        j -= 1
    return k_row - 1 - j if j >= 0 and rows[j] is prow and j < k_row - 1 and prow.lines[-1] == line - 1 else 0


def _label_around(rows: list[LogicalRow], k_row: int, classify, row_index: LabelIndex):
    """A row of numbers alone on its line between the two halves of a wrapped label ("（二）部分公开（区分处理的，
    只计这一情形，" / "16 0 0 0 72 0 43" / "不计其他情形）": a PDF copy centres the numbers in the cell's height):
    (the row id, the row with its whole label and numbers, the label's position, the match), or None."""
    if k_row == 0 or k_row + 1 >= len(rows):
        return None
    before, row, after = rows[k_row - 1], rows[k_row], rows[k_row + 1]
    if not before.lines or not after.lines or before.lines[-1] + 1 != row.lines[0] \
            or row.lines[-1] + 1 != after.lines[0]:
        return None
    at = max((k for k, t in enumerate(before.cells) if t.strip()), default=None)
    tail = [t.strip() for t in after.cells if t.strip()]
    if at is None or len(tail) != 1:
        return None
    head = before.cells[at].strip()
    if not _label_like(head) or not _label_like(tail[0]) or _is_num(head) or _is_num(tail[0]):
        return None
    _, m = classify(head + tail[0], False)
    if m is not None and m.quality != "exact":
        # Exactly a label, or a group's and a row's: not a label that holds another ("（一）予以公示" mistyped,
        # its numbers, then the next row's whole label "（二）部分公开…")
        m = _group_then_row(row_index, (head + tail[0]).replace(" ", ""))
    if m is None:
        return None
    # (not a whole label above: a row's label and its numbers, then the next row's label alone)
    _, mh = classify(head, False)
    if mh is not None and mh.quality == "exact":
        return None
    cells = before.cells[:at] + [head + tail[0]] + row.cells
    return m.target[1], _row(cells, before.lines[:at + 1] + row.lines), at, m


def _rejoin(prev: tuple[str, LogicalRow, int], row: LogicalRow, n: int,
            partial: bool = False) -> tuple[LogicalRow, int] | None:
    """One cell per line, a row's numbers cut in two by empty lines: blank cells written as empty lines
    instead of tabs (the labelled part above and this unlabeled part, with one blank cell for each empty
    line between them, give exactly the n cells of a row: "本年新收…" then six empty lines then its 总计),
    or one stray empty line (the two parts alone give n). partial: the file may have been trimmed (no blank
    cell kept its "\\t"), so the row may also lack its last cells: fewer than n are joined too.
    Returns the joined row and how many empty lines were taken for blank cells (0: a stray one; no empty
    line: -1, the numbers continued on the next line, -2, all of them on the line under the label)."""
    _, prow, plabel = prev
    have = len(prow.cells) - plabel - 1
    if not prow.lines or not row.lines or have < 0:
        return None
    gap = row.lines[0] - prow.lines[-1] - 1         # the empty lines between the two parts
    if gap == 0:
        # Tab-separated rows, the numbers' last ones on the very next line (a PDF's or a narrow page's wrap)
        # (or all of them, under a label without any: a PDF copy puts a row's numbers between the halves of its
        # wrapped label, "（二）部分公开（区分处理的，只计这一情形，" / "16 0 0 0 72 0 43" / "不计其他情形）")
        if have + len(row.cells) == n and (prow.lines[0] == prow.lines[-1] or not have) and row.lines[0] == row.lines[-1]:
            return _row(prow.cells + row.cells, prow.lines + row.lines), -1 if have else -2
        return None
    if gap < 1 or gap > 1 and len(set(prow.lines)) != len(prow.lines):
        return None         # (empty lines for blank cells: only where every cell has a line of its own)
    # Each empty line a blank cell; or, in a copy with an empty line after every cell, all but one of them.
    blanks = gap if have + gap + len(row.cells) == n else gap - 1 if have + gap - 1 + len(row.cells) == n else 0
    if blanks:
        first = prow.lines[-1] + 1 + gap - blanks
        return _row(prow.cells + [""] * blanks + row.cells,
                    prow.lines + list(range(first, first + blanks)) + row.lines), blanks
    if gap == 1 and have + len(row.cells) == n and have:
        return _row(prow.cells + row.cells, prow.lines + row.lines), 0
    if have + len(row.cells) == n and (have or gap > 1) and _consecutive(prow.lines[plabel:]) \
            and _consecutive(row.lines):
        # One cell per line, the row's two parts alone make n: the lines between them (empty lines, a page number:
        # a page break inside the row; the caller has seen that nothing else stands there) are no cells
        return _row(prow.cells + row.cells, prow.lines + row.lines), 0
    if partial and have + gap + len(row.cells) < n and _consecutive(prow.lines[plabel:]) and _consecutive(row.lines):
        # One cell per line, a row that lacks its last cells too (their "\t" trimmed as well): the empty lines
        # between the parts are blank cells, and the row goes on (_parse_t2 pads its end)
        first = prow.lines[-1] + 1
        return _row(prow.cells + [""] * gap + row.cells,
                    prow.lines + list(range(first, first + gap)) + row.lines), gap
    return None


_TWO_NUMBERS = _regex.compile(r"\s*(\d+)[ \u3000\xa0]+(\d+)\s*")


def _split_joined(vals: list[tuple[str, int]], n: int) -> tuple[list[tuple[str, int]], str] | None:
    """A row one cell short, one of whose cells holds two whole numbers set apart by a space ("28 0"): two
    cells joined by a space instead of a tab. Returns the row with that cell split, and its text; else None."""
    filled = _filled_at(vals)
    if len(filled) != n - 1 or len(vals) > n:
        return None
    joined = [k for k in filled if _TWO_NUMBERS.fullmatch(vals[k][0])]
    if len(joined) != 1:
        return None
    k = joined[0]
    text, line = vals[k]
    a, b = _TWO_NUMBERS.fullmatch(text).groups()
    out = vals[:k] + [(a, line), (b, line)] + vals[k + 1:]
    if len(out) > n:            # the row's blank padding gives up the place the split cell takes
        blank = next((j for j in range(len(out)) if j not in (k, k + 1) and _blank(out[j][0])), None)
        if blank is None:
            return None
        del out[blank]
    return out, text.strip()


def _ends_file(vals: list[tuple[str, int]], ctx: _Ctx, lone: bool = False, totals: bool = True) -> bool:
    """Whether a short row's cells run to the file's last line, so that the file ends inside the row: cut off
    (not a row that fills only its 总计, or some cells and its 总计: its last number is the sum of the others).
    lone: a lone number may be the row's first cell; totals=False: no row fills its totals only (表四's, whose
    行政复议 group ends with its 总计: "5, , ,2,7" is that group, and the file ends after it)."""
    last = next((ln for t, ln in reversed(vals) if not _blank(t)), 0)      # (empty cells after it have no text)
    if not ctx.end_line or last != ctx.end_line:
        return False
    numbers = [v for v in (parse_value(t).value for t, _ in vals if not _blank(t)) if v is not None]
    if totals and _total_last(numbers):
        return False
    # (a lone number is a cut row's first cell when a separator follows it, "5\t": padding before it is a label's)
    return lone or len(numbers) != 1 or _blank(vals[-1][0])


def _total_last(numbers: list) -> bool:
    """Whether a row's last number is the total of the others (and not 0): a row whole at its end."""
    return len(numbers) >= 2 and bool(numbers[-1]) and numbers[-1] == sum(numbers[:-1])


def _read_cut_row(ctx: _Ctx, tid: str, rid: str, keys: list, name: str, vals: list[tuple[str, int]], n: int):
    """The row the file ends inside (a truncated download), `vals` its cells: read as its first cells, the rest
    blank; noted for the cut-off error, and said (`name`: how the message names the row)."""
    ctx.cut_row = (tid, rid)
    ctx.add("warning", "layout", tid, keys, f"{name}只有 {len(vals)} 个单元格：文件在这一行中途就结束了（可能被截断），"
            f"已按从左到右读取，缺少的当作空白。", "R-SHAPE")
    return vals + [("", vals[-1][1])] * (n - len(vals))


@cython.ccall
def _one_missing(vals: list[tuple[str, int]], filled: list[int], n: int) -> bool:
    """n-1 numbers side by side, no blank among them and no room for the n-th: a cell was dropped.
    `filled`: the positions of the non-blank cells of vals.

    (004's （一） row, one number and blank padding, is a row of blank cells, not a short row.)
    """
    if len(filled) != n - 1 or filled[-1] - filled[0] + 1 != n - 1:
        return False
    # (Six numbers and an empty last cell may be a 总计 left blank: _parse_t2 tells it by the width of the
    # table's full rows — seed 002 ends them with a tab — and the arithmetic, see _confirm_blank_edges.)
    return len(vals) - (n - 1) <= 1 and len(vals) <= n


@cython.ccall
def _windows(vals: list[tuple[str, int]], filled: list[int], n: int) -> list[list[tuple[str, int]]]:
    """Every placement of n consecutive cells that holds all of the row's non-blank cells (at `filled`)."""
    if len(vals) <= n:
        return []
    if not filled or filled[-1] - filled[0] + 1 > n:
        return []
    lo = max(0, filled[-1] - n + 1)
    hi = min(filled[0], len(vals) - n)
    return [vals[s:s + n] for s in range(lo, hi + 1)]


@lru_cache(maxsize=64)
def _plan(generation: str, table: str, col_order: tuple[str, ...]) -> dict[str, tuple]:
    """The equalities of a table (表三 or 表四) by the rows they touch, each as ((row, column position) of
    every operand, number of left-hand operands), for one column order: what `_held` evaluates many times
    a report."""
    pos = {c: k for k, c in enumerate(col_order)}
    by_row: dict[str, list] = {}
    for rel in get_template(generation).relations:
        if rel.table != table or rel.op != "=":
            continue
        if any(col not in pos for _, col in rel.cells):
            continue            # never evaluable under this column order
        entry = (tuple((row, pos[col]) for row, col in rel.cells), len(rel.lhs))
        for row in dict.fromkeys(row for row, _ in rel.cells):
            by_row.setdefault(row, []).append(entry)
    return {row: tuple(entries) for row, entries in by_row.items()}


@cython.locals(out=list, c=CCell)
def _not_blank(cells: list[Cell]) -> list[Cell]:
    out = []
    for c in cells:
        if c.state != BLANK:
            out.append(c)
    return out


@lru_cache(maxsize=64)
def _plan_for(generation: str, col_order: tuple[str, ...], rows: tuple[str, ...]) -> tuple:
    """The relations of 表三's plan (_plan) touching any of `rows`, each once: remembered, as the misaligned rows
    of one layout are the same rows in report after report."""
    plan = _plan(generation, "t2", col_order)
    return tuple({id(e): e for r in rows for e in plan.get(r, ())}.values())


@cython.locals(out=list, c=CCell)
def _numbers(cells: list[Cell]) -> list:
    out = []
    for c in cells:
        out.append(c.value if c.state == NUMBER else None)
    return out


def _held(values: dict[str, list], entries, blank=None) -> int:
    """Relations that hold minus relations that break among `entries`, over the numbers of the rows read
    so far (None where a cell is not a number): the measure for choosing between readings of a
    misaligned table. `blank`: what a None counts as (by default, a relation through one is left out)."""
    total = 0
    for refs, nl in entries:
        try:
            xs = [values[row][k] for row, k in refs]
        except (KeyError, IndexError):
            continue
        if None in xs:
            if blank is None:
                continue
            xs = [blank if x is None else x for x in xs]
        total += 1 if sum(xs[:nl]) == sum(xs[nl:]) else -1
    return total


def _confirm_blank_edges(rids, table, col_order, generation, spec: TableSpec, ctx: _Ctx, n: int,
                         first: bool = False) -> None:
    """Rows of n-1 numbers and a blank last cell (`first`: first cell), as wide as the table's full rows: a
    总计 (自然人) left blank, when every relation through their numbers that can be checked holds. When one
    breaks, a cell may have been lost from the row's middle instead (and a tab kept at its end, or a label's
    padding kept at its front): a layout error, as for a row a cell short."""
    if len(rids) >= 3:
        return      # many rows so, the same way: cells left blank (a cell lost from each middle is no pattern)
    values = {rid: _numbers(cells) for rid, cells in table.items()}
    plan = _plan(generation, "t2", tuple(col_order))
    edge = 0 if first else len(col_order) - 1
    other = len(col_order) - 1 - edge       # the far edge: its cell reads the same whichever middle cell was lost
    names = {c.id: c.label for c in spec.blocks[0].columns}
    name = names.get(col_order[edge], "总计")
    for rid in rids:
        # the relations through its numbers, not through its blank cell; other blanks counted as 0 (a
        # table of blank cells confirms nothing: "按 0 计时也不成立" is evidence of a shifted row)
        entries = [e for e in plan.get(rid, ()) if (rid, edge) not in e[0]]
        if entries and _held_all(values, entries):
            continue
        checked = [e for e in entries if _evaluable(values, e)]
        if entries and _held_all(values, checked) and not any(
                r == rid and k != other for e in checked for r, k in e[0]) \
                and all(_feasible(values, e) for e in plan.get(rid, ())):
            # Every relation through its numbers that tells the two readings apart also runs through other blank
            # cells (seed 004 fills only the totals of its （一）/（二） rows); those that can be checked run through
            # its far edge only, which a cell lost from the middle leaves in place; and no sum is past what its
            # blanks could make up (a column's numbers over its （七）总计: a shifted row's trace). Nothing can tell,
            # and a cell left blank is the likelier. Said, not an error.
            why = (f"与它有关的合计中只有“{names.get(col_order[other], '总计')}”列能核对，它分不出是不是中间少了一个单元格"
                   if checked else "与它有关的合计都有别的空白单元格，无法核对是不是中间少了一个单元格")
            ctx.add("warning", "layout", "t2", [(rid, col_order[edge])],
                    f"表三“{short_row_label(spec.row(rid))}”行的{'第一' if first else '最后一'}格是空的，已按“{name}”没有填"
                    f"读取（{why}），请核对原表。", "R-SHAPE")
            continue
        ctx.guessed.update(("t2", rid, c) for c in col_order if c != "subtotal")
        numbers = sum(1 for c in table[rid] if c.state != BLANK)
        ctx.add("error", "layout", "t2", [(rid, c) for c in col_order if c != "subtotal"],
                f"表三“{short_row_label(spec.row(rid))}”行只有 {numbers} 个数，{'第一' if first else '最后一'}格是空的："
                f"可能是“{name}”没有填，也可能中间少了一个单元格（按“{name}”空白读取时，与它有关的合计不成立），"
                f"请核对原表。", "R-SHAPE")


def _one_per_line(row: LogicalRow, label_idx: int) -> bool:
    """Whether the row's label and its cells stand each on its own line, one after another."""
    return label_idx >= 0 and len(row.lines) - label_idx >= 2 and _consecutive(row.lines[label_idx:])


def _trimmed_after(rows: list[LogicalRow], row: LogicalRow, lack: int, typed: bool = False) -> bool:
    """Whether at least `lack` more empty lines follow the row than the fewest that follow any row of the table
    (one at least): the trace of `lack` blank cells at its end whose "\\t" lines an editor trimmed to empty ones.
    Not in a table one of whose cells set one per line is blank, its "\\t" kept: that file was not trimmed —
    unless (`typed`) rows of the table hold blank cells typed as empty lines among their numbers: its clerk
    leaves a blank cell as an empty line, and only a "\\t" among a row's numbers says otherwise.
    None: the table's last row (the empty lines after it are not known here)."""
    if _kept_blank(rows, values_only=typed) or any(len(t.split()) > 1 and not has_cjk(t) for t in row.cells):
        return False        # (a cell wrapped onto the next line has that line too: its empty lines are not known)
    end = row.lines[-1]
    gaps = [b.lines[0] - a.lines[-1] - 1 for a, b in zip(rows, rows[1:]) if a.lines and b.lines]
    after = next((g for a, g in zip(rows, gaps) if a.lines and a.lines[-1] == end), None)
    usual = min((g for g in gaps if g >= 1), default=None)
    if after is None and row.lines[-1] >= rows[-1].lines[-1]:
        return None
    return after is not None and usual is not None and after >= usual + lack


def _kept_blank(rows: list[LogicalRow], values_only: bool = True) -> bool:
    """Whether a cell of the table set one per line is blank with its "\\t" kept (a line of white space only):
    an empty line is then no blank cell that lost its tab. values_only: a blank among a row's numbers (the
    "\\t" lines that pad a sub-row's label area or stand for a header's merged cells are not written for blank
    cells: a clerk typing the numbers one per line may still leave those as empty lines); False: any, which tells
    that the file was not trimmed (an editor that trims trailing white space leaves no "\\t" line at all)."""
    for r in rows:
        if len(r.cells) > 1 and _consecutive(r.lines):
            if not values_only:
                if any(not t for t in r.cells):
                    return True
                continue
            label = max((k for k, t in enumerate(r.cells) if has_cjk(t)), default=-1)
            values = r.cells[label + 1:]
            if any(not t for t in values) and any(_is_num(t) for t in values if t):
                return True
    return False


_PAGE_MARK = _regex.compile(r"[-—－–]*\s*(?:第\s*)?\d{1,3}\s*(?:页)?\s*[-—－–]*|\d{1,3}\s*/\s*\d{1,3}|\f*"
                            r"|第\s*\d{1,3}\s*页\s*[,，/]?\s*共\s*\d{1,3}\s*页|共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页"
                            r"|[Pp]age\s*\d{1,3}(?:\s*of\s*\d{1,3})?")


def _page_marks_only(rows: list[LogicalRow], k: int, after: int) -> bool:
    """Whether the rows between line `after` and rows[k] are page marks at most ("- 5 -", "第 3 页", "3", a form
    feed), two at most, and blank lines: a page break, not other text, between the two parts of a row."""
    j, marks = k - 1, 0
    while j >= 0 and rows[j].lines and rows[j].lines[0] > after:
        text = "".join(rows[j].cells).strip()
        if text:
            marks += 1
            if marks > 2 or not _PAGE_MARK.fullmatch(text) or sum(1 for t in rows[j].cells if t.strip()) > 1:
                return False        # (not "3" then "0", two cells of the row, read as a page "30")
        elif j < k - 64:
            return False        # (a long run of rows: no page break, and no quadratic walk through junk)
        j -= 1
    return True


def _page_mark_inside(rows: list[LogicalRow], k: int, prev: tuple[str, LogicalRow, int], n: int) -> bool:
    """Whether rows[k], a lone number, reads as a page mark ("5", "- 5 -") between the two parts of the row `prev`
    (its label and first cells): the next row that holds anything is numbers only and, with prev's cells, makes
    exactly the row's n cells."""
    if not _PAGE_MARK.fullmatch("".join(rows[k].cells).strip()):
        return False
    _, prow, plabel = prev
    nxt = next((r for r in rows[k + 1:k + 4] if any(t.strip() for t in r.cells)), None)
    if nxt is None:
        return False
    texts = [t.strip() for t in nxt.cells]
    return all(_is_num(t) for t in texts) and len(prow.cells) - plabel - 1 + len(texts) == n


def _consecutive(lines: list[int]) -> bool:
    """Whether the lines follow one another, one each."""
    return bool(lines) and lines[-1] - lines[0] == len(lines) - 1 and all(a < b for a, b in zip(lines, lines[1:]))


def _evaluable(values: dict[str, list], entry) -> bool:
    """Whether every operand of the relation is a number (a row the table lacks: not evaluable)."""
    try:
        return None not in [values[row][k] for row, k in entry[0]]
    except (KeyError, IndexError):
        return False


def _feasible(values: dict[str, list], entry) -> bool:
    """Whether the relation can hold for some counts ≥ 0 in its operands that are not numbers (None; a row the
    table lacks: it can)."""
    refs, nl = entry
    sums, open_ = [0, 0], [False, False]
    try:
        for j, (row, k) in enumerate(refs):
            v = values[row][k]
            side = 0 if j < nl else 1
            if v is None:
                open_[side] = True
            else:
                sums[side] += v
    except (KeyError, IndexError):
        return True
    if open_[0] and open_[1]:
        return True
    if open_[0] or open_[1]:
        return sums[1 if open_[0] else 0] >= sums[0 if open_[0] else 1]
    return sums[0] == sums[1]


def _held_all(values: dict[str, list], entries) -> bool:
    """Whether every relation among `entries` holds, a cell that is not a number counted as 0 (a row the
    table lacks: not evaluated)."""
    for refs, nl in entries:
        try:
            xs = [values[row][k] or 0 for row, k in refs]
        except (KeyError, IndexError):
            continue
        if sum(xs[:nl]) != sum(xs[nl:]):
            return False
    return True


def _settle_ambiguous(table, ambiguous, col_order, generation) -> None:
    """A row whose blank edge cell leaves two placements: keep the one under which more relations hold."""
    plan = _plan(generation, "t2", tuple(col_order))
    values = {rid: _numbers(cells) for rid, cells in table.items()}
    for rid, options in ambiguous.items():
        entries = plan.get(rid, ())
        best, best_values = table[rid], values[rid]
        # (ties: the placement under which fewer relations break with its blanks counted as 0 — a blank
        # beside seed 004's blank 一/二 rows leaves every relation through it unevaluated)
        best_score = (_held(values, entries), _held(values, entries, 0))
        for cand in options:
            values[rid] = cand_values = _numbers(cand)
            sc = (_held(values, entries), _held(values, entries, 0))
            if sc > best_score:
                best, best_values, best_score = cand, cand_values, sc
        table[rid], values[rid] = best, best_values


def _aligned_fields(found: dict, filled_by_row: dict, n: int) -> tuple[int, int] | None:
    """(first, last) field of the line that nearly all full rows (n numbers side by side) hold their numbers in,
    counted from the line's start whatever cells their labels take; None when they differ (seed 004 pads its
    一/二 rows less than its detail rows) or fewer than three rows are full."""
    spans: dict[tuple[int, int], int] = {}
    full = 0
    for rid, filled in filled_by_row.items():
        if len(filled) == n and filled[-1] - filled[0] + 1 == n:
            base = found[rid][1] + 1
            key = (base + filled[0], base + filled[-1])
            spans[key] = spans.get(key, 0) + 1
            full += 1
    return _shared_by_nearly_all(spans, full) if full >= 3 else None


def _shared_by_nearly_all(counts: dict, full: int):
    """The key most of the `full` rows share, when it is 85 % of them at least; else None."""
    key, count = max(counts.items(), key=lambda kv: kv[1])
    return key if count * 20 >= full * 17 else None


@cython.locals(rows=dict, filled_by_row=dict, n=cython.Py_ssize_t, leads=dict, trails=dict, full=cython.Py_ssize_t,
               first=cython.Py_ssize_t, last=cython.Py_ssize_t, span=cython.Py_ssize_t, filled=list,
               lk=cython.Py_ssize_t, tk=cython.Py_ssize_t)
def _row_anchors(rows: dict, filled_by_row: dict, n: int):
    """(leading blanks, span) and (trailing blanks, span) shared by nearly all fully filled rows.

    Exports pad rows with empty cells for merged labels, the same way in every row of a table, so a
    row whose first or last data cell is blank is placed like its neighbours. Either may be None.
    `filled_by_row` gives the positions of each row's non-blank cells.
    """
    leads: dict[tuple[int, int], int] = {}
    trails: dict[tuple[int, int], int] = {}
    full = 0
    for rid, vals in rows.items():
        filled = filled_by_row[rid]
        if not filled:
            continue
        first, last = filled[0], filled[-1]
        span = last - first + 1
        if span < n or span > n + 1 or len(filled) != span:
            continue
        full += 1
        # (counted by one int for the pair: a tuple key costs a tuple comparison at every look-up)
        lk, tk = first * _PAIR + span, (len(vals) - 1 - last) * _PAIR + span
        leads[lk] = leads.get(lk, 0) + 1
        trails[tk] = trails.get(tk, 0) + 1
    if full < 3:
        return None, None
    lead, trail = _shared_by_nearly_all(leads, full), _shared_by_nearly_all(trails, full)
    return (None if lead is None else divmod(lead, _PAIR)), (None if trail is None else divmod(trail, _PAIR))


_PAIR = 1 << 16         # _row_anchors' (blanks, span) as blanks * _PAIR + span (a span is a table's width, or one more)


def _t2_column_order(leaf: list[str], ctx: _Ctx, block: Block) -> list[str]:
    org = ("2.1", "2.2", "2.3", "2.4", "2.5")
    order = ["1"]
    if set(org) <= set(leaf):           # the header names all five 法人 columns: their order is its
        for h in leaf:
            if h not in order:
                order.append(h)
    else:       # fragments of wrapped labels ("商业" / "企业", one per line) name some: the template's order
        order += list(org) + (["subtotal"] if "subtotal" in leaf else [])
    order.append("3")
    if "subtotal" in order:
        ctx.add("warning", "layout", "t2", [],
                "表三多了一列“法人或其他组织小计”（模板没有这一列），已按表头读取并核对了它。", "R-SHAPE")
    return order


def _t2_outer_columns(order: list[str], header_at: dict[str, int], ctx: _Ctx) -> list[str]:
    """自然人 after the five 法人 columns, or 总计 before them all, as the header places them (by the
    cell positions of its labels: a whole block apart, not a cell or two of misalignment)."""
    org = [header_at[c] for c in ("2.1", "2.2", "2.3", "2.4", "2.5") if c in header_at]
    if len(org) < 3:
        return order
    natural, total = header_at.get("1"), header_at.get("3")
    out = list(order)
    moved = []
    if natural is not None and natural > max(org) and (total is None or natural < total):
        out.remove("1")
        out.insert(out.index("3"), "1")
        moved.append("“自然人”列在法人或其他组织各列之后")
    if total is not None and total < min(org) and (natural is None or total < natural):
        out.remove("3")
        out.insert(0, "3")
        moved.append("“总计”列在最前")
    if moved:
        ctx.add("warning", "format", "t2", [],
                f"表三的列顺序与模板不同（{'，'.join(moved)}），已按表头的列标题读取。", "R-LABEL")
    return out


_GROUP_ENUM = _regex.compile(r"[（(]\s*([三四五六])\s*[)）]")
_RESULTS = _regex.compile(r"三\s*[、.．]?\s*本年度?办理结果")        # the group of （一）…（七）, whose total is （七）


def _check_subtotals(subtotals, sequence, table, col_order, spec: TableSpec, ctx: _Ctx, n: int) -> None:
    """R-APP-SUB: a subtotal row a report adds under （三）…（六） equals the sum of that group's sub-rows,
    column by column. The group is the one its row names; else the group the row above closes (its last
    sub-row); else the group the row below opens (its first sub-row)."""
    groups: dict[str, list[str]] = {"3": ["3.7"]}
    for r in spec.blocks[0].rows:
        parts = r.id.split(".")
        if len(parts) == 3:
            groups.setdefault(".".join(parts[:2]), []).append(r.id)
    for text, row, k, prev, pos in subtotals:
        m = _GROUP_ENUM.search(text)
        nxt = next((item[0] for item in sequence[pos:] if item[0] != "?"), None)
        if _RESULTS.search(text):
            gid = "3"           # its total: the row （七）总计
        elif m:
            gid = f"3.{'三四五六'.index(m.group(1)) + 3}"
        elif prev and prev.count(".") == 2 and groups[prev.rsplit(".", 1)[0]][-1] == prev:
            gid = prev.rsplit(".", 1)[0]
        elif nxt and nxt.count(".") == 2 and groups[nxt.rsplit(".", 1)[0]][0] == nxt:
            gid = nxt.rsplit(".", 1)[0]
        else:
            gid = prev.rsplit(".", 1)[0] if prev and prev.count(".") == 2 else None
        rids = groups.get(gid or "")
        if not rids or not all(r in table for r in rids):
            continue
        vals = _value_cells(row, k)
        chosen = _window(vals, n)[0][:n]
        group_label = spec.row(rids[0]).path[-2]
        for j, (col, sub) in enumerate(zip(col_order, _make_cells(chosen))):
            parts = [table[r][j] for r in rids if j < len(table[r])]
            if col == "subtotal" or sub.state != NUMBER or len(parts) != len(rids) \
                    or any(c.state != NUMBER for c in parts):
                continue
            total = sum(c.value for c in parts)
            if total != sub.value:
                name = spec.column(rids[0], col).label
                why = "与（七）总计相同" if gid == "3" else "各分项之和"
                ctx.add("error", "column-total", "t2", [(r, col) for r in rids],
                        f"表三第 {row.lines[k]} 行“{group_label}”的小计在“{name}”列应为 {total}（{why}），"
                        f"表中填的是 {sub.value}，相差 {abs(total - sub.value)}。", "R-APP-SUB", total, sub.value)


def _check_org_subtotal(table: dict[str, list[Cell]], order: list[str], ctx: _Ctx) -> None:
    k = order.index("subtotal")
    org = [order.index(c) for c in ("2.1", "2.2", "2.3", "2.4", "2.5")]
    for rid, row in table.items():
        if len(row) <= k or not all(row[i].is_number for i in org + [k]):
            continue
        total = sum(row[i].value for i in org)
        if total != row[k].value:
            ctx.add("error", "row-total", "t2", [(rid, c) for c in ("2.1", "2.2", "2.3", "2.4", "2.5")],
                    f"表三第 {row[k].line} 行“法人或其他组织小计”应为 {total}，实为 {row[k].value}。",
                    "R-APP-ORGSUB", total, row[k].value)


_DROP_MAX = 16              # _drop_scores_c's most places (n + 1) in a row; its operands are within ±2**40,
                            # so that a relation's sums stay far inside a C long long


_NOT_C = cython.declare(cython.longlong, 1 << 62)     # what _c_count gives for an operand it does not take


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
@cython.returns(cython.longlong)
@cython.locals(x=cython.longlong, overflow=cython.int)
def _c_count(o):
    """Compiled only: an operand of _drop_scores_c as a C integer, _NOT_C unless it is an int from -2**40 to
    2**40 - 1."""
    if type(o) is not int:
        return _NOT_C
    x = PyLong_AsLongLongAndOverflow(o, cython.address(overflow))
    if overflow or (x >> 40) != 0 and (x >> 40) != -1:
        return _NOT_C
    return x


@cython.cfunc
@cython.locals(fixed=dict, wide=dict, n=cython.Py_ssize_t, j=cython.Py_ssize_t, p=cython.Py_ssize_t,
               k=cython.Py_ssize_t, nl=cython.Py_ssize_t, nones=cython.Py_ssize_t, lhs=cython.longlong,
               rhs=cython.longlong, x=cython.longlong, v=list, cells=list, refs=tuple, left=cython.bint)
def _drop_scores_c(fixed, wide, entries, n):
    """_drop_scores in C integers, compiled only; None where an operand is not an int from -2**40 to 2**40 - 1
    (a 万元 amount, a huge count), for which the caller takes Python's ints."""
    scores = cython.declare(cython.longlong[16])
    d_lhs = cython.declare(cython.longlong[16])
    d_rhs = cython.declare(cython.longlong[16])
    d_nones = cython.declare(cython.Py_ssize_t[16])
    for k in range(n + 1):
        scores[k] = 0
    for refs, nl in entries:
        lhs = rhs = 0
        nones = 0
        for k in range(n + 1):
            d_lhs[k] = d_rhs[k] = d_nones[k] = 0
        for j in range(len(refs)):
            row, p = refs[j]
            left = j < nl
            v = wide.get(row)
            if v is None:
                cells = fixed.get(row)
                if cells is None or p >= len(cells) or cells[p] is None:
                    break                   # never evaluable, whichever column is dropped
                x = _c_count(cells[p])
                if x == _NOT_C:
                    return None
                if left:
                    lhs += x
                else:
                    rhs += x
                continue
            o = v[p + 1]                    # (the number this operand reads at k = 0)
            if o is None:
                nones += 1
                d_nones[p + 1] -= 1
            else:
                x = _c_count(o)
                if x == _NOT_C:
                    return None
                if left:
                    lhs += x
                    d_lhs[p + 1] -= x
                else:
                    rhs += x
                    d_rhs[p + 1] -= x
            o = v[p]                        # (the one it reads from k = p + 1 on)
            if o is None:
                d_nones[p + 1] += 1
            else:
                x = _c_count(o)
                if x == _NOT_C:
                    return None
                if left:
                    d_lhs[p + 1] += x
                else:
                    d_rhs[p + 1] += x
        else:
            for k in range(n + 1):
                lhs += d_lhs[k]
                rhs += d_rhs[k]
                nones += d_nones[k]
                if not nones:
                    scores[k] += 1 if lhs == rhs else -1
    return [scores[k] for k in range(n + 1)]


@cython.locals(scores=list, d_lhs=list, d_rhs=list, d_nones=list, j=cython.Py_ssize_t, p=cython.Py_ssize_t,
               k=cython.Py_ssize_t, nl=cython.Py_ssize_t, nones=cython.Py_ssize_t, n=cython.Py_ssize_t, fixed=dict, wide=dict)
def _drop_scores(fixed: dict[str, list], wide: dict[str, list], entries, n: int) -> list[int]:
    """For each k = 0..n, what `_held` would give if the k-th number were dropped from every row of `wide`
    (n+1 numbers each; `fixed` has the other rows): relations that hold minus relations that break.

    Worked out per relation in one pass over its operands, not once per k: an operand at position p of
    a wide row reads that row's number p+1 while k <= p and its number p from k = p+1 on."""
    if cython.compiled and n < _DROP_MAX:
        scores = _drop_scores_c(fixed, wide, entries, n)
        if scores is not None:
            return scores
    scores = [0] * (n + 1)
    for refs, nl in entries:
        lhs = rhs = 0                        # sums at k = 0
        nones = 0                            # operands that are not numbers at k = 0
        d_lhs, d_rhs, d_nones = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)    # their changes at each k
        for j, (row, p) in enumerate(refs):
            v = wide.get(row)
            if v is None:
                cells = fixed.get(row)
                if cells is None or p >= len(cells) or cells[p] is None:
                    break                   # never evaluable, whichever column is dropped
                if j < nl:
                    lhs += cells[p]
                else:
                    rhs += cells[p]
                continue
            before, after = v[p + 1], v[p]
            d = d_lhs if j < nl else d_rhs
            if before is None:
                nones += 1
                d_nones[p + 1] -= 1
            else:
                if j < nl:
                    lhs += before
                else:
                    rhs += before
                d[p + 1] -= before
            if after is None:
                d_nones[p + 1] += 1
            else:
                d[p + 1] += after
        else:
            for k in range(n + 1):
                lhs += d_lhs[k]
                rhs += d_rhs[k]
                nones += d_nones[k]
                if not nones:
                    scores[k] += 1 if lhs == rhs else -1
    return scores


def _row_total_holds(cells: list[Cell], col_order: list[str]) -> bool:
    """Every cell a number and the row's addends (自然人, the five 法人 columns) sum to its 总计."""
    if len(cells) != len(col_order) or any(c.state != NUMBER for c in cells):
        return False
    total = cells[col_order.index("3")].value
    return sum(c.value for c, col in zip(cells, col_order) if col not in ("3", "subtotal")) == total


def _resolve_surplus(surplus_rows, table, n, ctx: _Ctx, spec: TableSpec, col_order, generation) -> None:
    """Rows with more numbers than columns: drop the one column under which most relations hold.

    The same column is dropped from every such row (it is one extra column of the table); row totals,
    column totals and 勾稽 all count; ties go to the last column.
    """
    extra = max(len(v) - n for v in surplus_rows.values())
    parsed = {rid: _make_cells(vals) for rid, vals in surplus_rows.items()}
    if extra == 1 and len(parsed) >= 3 and len(parsed) * 5 >= (len(table) + len(parsed)) * 4 \
            and all(len(v) == n + 1 for v in parsed.values()):
        # One place blank in every such row: an empty column (a spacer a copy from Word or WPS keeps between
        # columns, the header beside it), not a number too many.
        empty = [k for k in range(1, n) if all(v[k].state == BLANK for v in parsed.values())]
        # (not a real column blank in every row beside a unit cell "件" at the rows' end)
        if len(empty) == 1 and all(c.state != TEXT for v in parsed.values() for c in v):
            k = empty[0]
            for rid, v in parsed.items():
                table[rid] = v[:k] + v[k + 1:]
            names = {c.id: c.label for c in spec.blocks[0].columns}
            ctx.add("warning", "layout", "t2", [],
                    f"表三“{names.get(col_order[k - 1], '小计')}”列与“{names.get(col_order[k], '小计')}”列之间多了一列空白，"
                    f"已忽略这一列，请核对原表。", "R-SHAPE")
            return
    best_k = None
    if extra == 1:
        # Relations that touch no surplus row score the same under every choice: leave them out.
        entries = _plan_for(generation, tuple(col_order), tuple(parsed))
        scores = _drop_scores({rid: _numbers(cells) for rid, cells in table.items()},
                              {rid: _numbers(v) for rid, v in parsed.items()}, entries, n)
        best_k = max(range(n + 1), key=lambda k: (scores[k], k))
    odd = []        # rows with n numbers in their n+1 places, the gap not under the dropped column
    for rid, v in parsed.items():
        if best_k is not None and len(v) == n + 1:
            numbers = _not_blank(v)
            # shifted by one place: the gap at the end opposite the dropped column
            gap = 0 if best_k == n else n if best_k == 0 else None
            if len(numbers) == n and gap is not None and v[gap].state == BLANK:
                odd.append(rid)
                if _row_total_holds(numbers, col_order) and not _row_total_holds(v[:best_k] + v[best_k + 1:], col_order):
                    table[rid] = numbers        # shifted by one place, not missing its first number
                    ctx.add("warning", "layout", "t2", [(rid, c) for c in col_order if c != "subtotal"],
                            f"表三“{short_row_label(spec.row(rid))}”行只有 {n} 个数，与其他行错开了一格；按这 {n} 个数"
                            f"依次读作 {n} 列（这样本行的总计成立），请核对原表。", "R-SHAPE")
                    continue
                ctx.guessed.update(("t2", rid, c) for c in col_order if c != "subtotal")
                ctx.add("error", "layout", "t2", [(rid, c) for c in col_order if c != "subtotal"],
                        f"表三“{short_row_label(spec.row(rid))}”行只有 {n} 个数，与其他行的 {n + 1} 个数错开了一格，"
                        f"无法确定哪一列是空的，已按其他行的方式读取，请核对原表。", "R-SHAPE")
            v = v[:best_k] + v[best_k + 1:]
        table[rid] = v[:n]
    labels = [short_row_label(spec.row(r)) for r in surplus_rows if r not in odd]
    if not labels:
        return
    if len(surplus_rows) == 1 and extra == 1 and best_k == n and not odd:
        rid, v = next(iter(parsed.items()))
        if _row_total_holds(table[rid], col_order):
            # One row with one number too many at its end, under which its total holds: a stray number
            # (a page number left between rows), not a column the table has.
            ctx.add("warning", "layout", "t2", [(rid, c) for c in col_order if c != "subtotal"],
                    f"表三“{labels[0]}”行末尾多了一个数（{v[-1].raw}，可能是页码），已忽略它，请核对原表。", "R-SHAPE")
            return
    where = f"“{labels[0]}”至“{labels[-1]}”等 {len(labels)} 行" if len(labels) > 1 else f"“{labels[0]}”行"
    if best_k is None:
        how = f"只读取了每行的前 {n} 个数"
    elif best_k == n:
        how = "按多出的是最后一列读取（忽略每行最后一个数）"
    elif best_k == 0:
        how = "按多出的是第一列读取（忽略每行第一个数）"
    else:
        how = f"按多出的是第 {best_k + 1} 个数读取（忽略它）"
    ctx.add("error", "layout", "t2", [(r, c) for r in surplus_rows for c in T2_ADDEND_COLUMNS + (T2_TOTAL_COLUMN,)],
            f"表三{where}有 {n + extra} 个数，而模板只有 {n} 列，数字与列对不齐；{how}，请核对原表。", "R-SHAPE")


# ---------------------------------------------------------------------------------------------
# Table 四

_T3_TOP = ("行政复议", "行政诉讼")
_OUTCOME_INDEX = LabelIndex([(o, o) for o in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")],
                            fuzzy_cutoff=0.75)


def _parse_t3(rows: list[LogicalRow], spec: TableSpec, ctx: _Ctx, generation: str) -> dict | None:
    block = spec.blocks[0]
    header_outcomes: list[str] = []
    header_seen = False
    data: LogicalRow | None = None
    datas: list[LogicalRow] = []
    group_rows: dict[str, list[tuple[str, int]]] = {}     # 表四 as three rows of five: group -> its cells
    single: dict[tuple[str, str], tuple[str, int]] = {}   # one value per line: (group, outcome) -> cell
    group = None
    header_groups: list[str] = []       # the groups the header names, in its order
    pieces: list[LogicalRow | None] = []    # rows of numbers one per line, each after the last (None: words between)
    for row in rows:
        texts = _stripped(row.cells)
        if not any(texts):
            continue
        if _consecutive(row.lines) and all(_is_num(t) or t in MISSING_TOKENS for t in texts):
            pieces.append(row)          # (not "- 5 -": a page mark is no piece of the row)
        elif pieces and pieces[-1] is not None:
            pieces.append(None)
        if not has_cjk("".join(texts)):         # the data row: numbers only
            numeric = sum(1 for t in texts if t and (_is_num(t) or t in MISSING_TOKENS))
            # (or the start of one, the file cut off inside it: two numbers at least; a lone one, or "- 5 -", may
            # be a page number after the header)
            if numeric >= 5 or row.lines[-1] == ctx.end_line and sum(map(_is_num, texts)) >= 2 \
                    and not _PAGE_NUMBER.fullmatch("".join(texts)):
                datas.append(row)
            continue
        words, outcomes, named = _t3_words(tuple(texts))
        values = tail = []
        if words and (named or outcomes):
            last_word = words[-1][0]
            values = tail = list(zip(row.cells[last_word + 1:], row.lines[last_word + 1:]))
            while len(values) > 5 and _blank(values[-1][0]):
                values.pop()
            while len(values) > 5 and _blank(values[0][0]):     # a spacer cell of a two-column label area
                values.pop(0)
            if not all(_blank(t) or _is_num(t.strip()) or t.strip() in MISSING_TOKENS for t, _ in values) \
                    or all(_blank(t) for t, _ in values):
                values = []
        if named and not outcomes and len(values) == 5 and named not in group_rows:
            group_rows[named] = values          # "行政复议 | 2 | 1 | 0 | 1 | 4"
            continue
        if outcomes and len(values) == 1 and (named or group) and len(words) <= 2 and not _blank(values[0][0]):
            single.setdefault((named or group, outcomes[0]), values[0])    # "行政复议 | 结果维持 | 2"
            continue
        if named and not values:
            group = named
            if not datas:
                for _, t in words:      # a header's cells, not a sentence naming the groups ("…其中复议后起诉3件。")
                    g = _t3_group(t) if len(t) <= 16 and not _has_sentence_mark(t) else None
                    if g and g not in header_groups:
                        header_groups.append(g)
        if outcomes or any(t in _T3_TOP for t in texts):
            header_seen = True
            header_outcomes.extend(outcomes)
            if sum(1 for t, _ in tail if _is_num(t.strip()) or t.strip() in MISSING_TOKENS) >= 5:
                # the header and the numbers in one row (their blank line lost; a word may stand for a number)
                datas.append(_row([t for t, _ in tail], [ln for _, ln in tail]))
            continue
        numeric = sum(1 for t in texts if t and (_is_num(t) or t in MISSING_TOKENS))
        if numeric >= 5:
            datas.append(row)
    if datas:
        data = datas[0]
        if len(datas) >= 2:
            # 行政复议 and 行政诉讼 as two tables: a row of 5 numbers, then one of 10
            parts = [[(t, ln) for t, ln in zip(r.cells, r.lines) if not _blank(t)] for r in datas[:2]]
            if len(parts[0]) + len(parts[1]) == 15 and len(parts[0]) in (5, 10) \
                    and (len(parts[0]) == 5 or datas[1].lines[0] == datas[0].lines[-1] + 1):
                # 行政复议's 5 and 行政诉讼's 10 as two tables, or a row of 15 wrapped after its 10th number
                both = parts[0] + parts[1]
                data = _row([t for t, _ in both], [ln for _, ln in both])
                if len(parts[0]) == 10:
                    ctx.add("warning", "layout", "t3", [], f"表四的数字分在了第 {datas[0].lines[-1]}、{datas[1].lines[0]} "
                            f"两行，已当作一行读取，请核对原表。", "R-SHAPE")
    if data is not None and len(data.cells) < 15 and data in pieces:
        joined, blanks = _t3_pieces(pieces, pieces.index(data), _kept_blank(rows))
        if joined is not data:
            lone = any(len(p.cells) == 1 for p in pieces if p is not None and p.lines[0] in joined.lines)
            data = joined
            keys = [("1", c.id) for c in block.columns]
            if lone:        # (a number alone between empty lines may be a page number: no fix is built on it)
                ctx.guessed.update(("t3",) + k for k in keys)
            ctx.add("warning", "layout", "t3", keys, (f"表四的数字之间有 {blanks} 个空行，已当作空白单元格读取（空白单元格的"
                    f"制表符被删去了）" if blanks else "表四的数字之间有空行，已当作一行读取") +
                    ("；其中单独一行的数字也可能是页码" if lone else "") + "，请核对原表。", "R-SHAPE")
    col_ids = list(block.column_ids)
    expected = list(block.column_labels)
    if data is None and (group_rows or single):
        return _t3_by_group(group_rows, single, header_outcomes, expected[:5], col_ids, ctx)
    if data is None and not header_seen:
        return None
    cells: dict[tuple[str, str], Cell] = {}
    if len(header_outcomes) > 15 and all(h == header_outcomes[k % 15] for k, h in enumerate(header_outcomes)):
        header_outcomes = header_outcomes[:15]      # the header repeated after a page break
    order = col_ids
    # 复议后起诉 before 未经复议直接起诉 in the header (the groups' order is the header's, like the columns')
    swapped = "2.1" in header_groups and "2.2" in header_groups \
        and header_groups.index("2.2") < header_groups.index("2.1")
    groups = ("1", "2.2", "2.1") if swapped else ("1", "2.1", "2.2")
    if header_outcomes != expected or swapped:
        if len(header_outcomes) == 15 and all(
                sorted(header_outcomes[g:g + 5]) == sorted(expected[:5]) for g in (0, 5, 10)):
            order = [f"{gid}.{expected[:5].index(lab) + 1}" for gid, g in zip(groups, (0, 5, 10))
                     for lab in header_outcomes[g:g + 5]]
            ctx.add("warning", "format", "t3", [],
                    "表四的列顺序与模板不同，已按表头的列标题读取。", "R-LABEL")
        elif header_seen:
            ctx.add("warning", "format", "t3", [],
                    "表四的表头与模板不一致（应为行政复议、未经复议直接起诉、复议后起诉各五列：结果维持、结果纠正、"
                    "其他结果、尚未审结、总计），已按模板的列顺序读取。", "R-LABEL")
    if data is not None:
        vals = list(zip(data.cells, data.lines))
        while vals and _label_like(vals[0][0].strip()) and not vals[0][0].strip()[:1].isdigit() \
                and not _CN_NUMBER.fullmatch(vals[0][0].strip()):
            vals.pop(0)         # a row label ("数量", "件数") before the numbers; not "2件3" or "十二" typed for one
        while vals and _label_like(vals[-1][0].strip()) and not _CN_NUMBER.fullmatch(vals[-1][0].strip()) \
                and (len(vals) > 15 or not vals[-1][0].strip()[:1].isdigit()):
            vals.pop()      # a unit ("件") or a date after them; not "2件3" or "二" typed for the last number
        filled = sum(1 for t, _ in vals if not _blank(t))
        split = _split_joined(vals, 15) if filled == 14 else None
        if split is not None:
            vals, text = split
            filled = 15
            ctx.add("warning", "layout", "t3", [("1", c) for c in col_ids],
                    f"表四数据行少一个单元格，而“{text}”是两个数之间隔了一个空格：已按两个单元格读取，请核对原表。", "R-SHAPE")
        chosen, surplus = _window(vals, 15)
        if filled and len(vals) < 15 and _ends_file(vals, ctx, lone=True, totals=False):
            chosen = _read_cut_row(ctx, "t3", "1", [("1", c) for c in col_ids], "表四数据行", vals, 15)
        elif surplus:
            chosen, how = _t3_drop_surplus(chosen, surplus, order, generation)
            ctx.add("error", "layout", "t3", [("1", c) for c in col_ids],
                    f"表四数据行有 {15 + surplus} 个单元格，而模板只有 15 列，数字与列对不齐；{how}，请核对原表。", "R-SHAPE")
        elif filled and len(vals) < 15:
            # Cells were dropped (a blank cell written as nothing, a trailing tab stripped): where the
            # numbers belong is a guess, and no fix is built on it.
            ctx.guessed.update(("t3", "1", c) for c in col_ids)
            ctx.add("error", "layout", "t3", [("1", c) for c in col_ids],
                    f"表四数据行只有 {len(vals)} 个单元格，模板有 15 列：少了单元格，无法确定是哪几列，"
                    f"已按靠右的位置读取（缺少的当作空白），请核对原表。", "R-SHAPE")
        for col, cell in zip(order, _make_cells(chosen)):
            cells[("1", col)] = cell
    else:
        ctx.add("error", "format", "t3", [("1", c) for c in col_ids], "表四只有表头，没有数据行。", "R-LABEL")
    # (in the template's column order, whatever the header's)
    return {("1", c): cells.get(("1", c), _ABSENT) for c in col_ids}


def _t3_pieces(pieces: list[LogicalRow | None], k: int, kept: bool) -> tuple[LogicalRow, int]:
    """表四's numbers set one per line and cut by empty lines: the data row pieces[k] joined with the pieces around
    it, when they make exactly the 15 cells, either with each empty line between them a blank cell (blank cells
    whose "\\t" an editor trimmed) or alone (stray empty lines); else pieces[k] as it is. And how many empty lines
    were read as blank cells. (Not a run that makes fewer or more: a cell lost, a page number among them.)"""
    lo = hi = k
    while lo > 0 and pieces[lo - 1] is not None:
        lo -= 1
    while hi + 1 < len(pieces) and pieces[hi + 1] is not None:
        hi += 1
    run = pieces[lo:hi + 1]
    count = sum(len(p.cells) for p in run)
    gaps = [b.lines[0] - a.lines[-1] - 1 for a, b in zip(run, run[1:])]
    if len(run) < 2 or min(gaps) < 1 or (count != 15 and count + sum(gaps) != 15):
        return pieces[k], 0
    blanks = count != 15
    if blanks and kept:
        return pieces[k], 0     # (a blank cell kept its "\\t" elsewhere: the file was not trimmed)
    if not blanks and min(len(p.cells) for p in run) < 2:
        return pieces[k], 0     # (a lone number apart, its empty lines no cells: a page number)
    cells, lines = list(run[0].cells), list(run[0].lines)
    for gap, nxt in zip(gaps, run[1:]):
        if blanks:
            cells += [""] * gap
            lines += list(range(lines[-1] + 1, nxt.lines[0]))
        cells += nxt.cells
        lines += nxt.lines
    return _row(cells, lines), sum(gaps) if blanks else 0


@lru_cache(maxsize=1024)
def _t3_words(texts: tuple[str, ...]):
    """A 表四 row's words (position, text), the outcomes they name, and the group they name; memoised: every
    report repeats the same header rows."""
    words = [(k, t) for k, t in enumerate(texts) if t and has_cjk(t) and not _is_num(t)]
    outcomes = [m.target for m in (_OUTCOME_INDEX.lookup(t, allow_contains=False) for _, t in words) if m]
    named = next((g for g in (_t3_group(t) for _, t in words) if g), None)
    return words, outcomes, named


_CN_NUMBER = _regex.compile(r"[零〇一二两三四五六七八九十百千]+")      # a number written in words
_SENTENCE_MARK_CHARS = "。，,；;：:！!？?"
_SENTENCE_MARKS = _regex.compile(f"[{_SENTENCE_MARK_CHARS}]")


@cython.cfunc
@cython.locals(t=str, ch=cython.Py_UCS4)
def _has_sentence_mark(t: str):
    """Whether _SENTENCE_MARKS finds a mark in t: compiled, a loop over its characters, which names them as a literal
    (a switch; tests/test_compiled.py holds it to _SENTENCE_MARK_CHARS); plain Python: the pattern."""
    for ch in t:
        if ch in "。，,；;：:！!？?":
            return True
    return False


if not cython.compiled:
    _has_sentence_mark = _SENTENCE_MARKS.search
_PAGE_NUMBER = _regex.compile(r"[-—－–]+\s*\d{1,3}\s*[-—－–]+|\d{1,3}\s*/\s*\d{1,3}")      # "- 5 -", "5/12"


def _t3_group(text: str) -> str | None:
    """The 表四 group a row label names: 行政复议 "1", 未经复议直接起诉 "2.1", 复议后起诉 "2.2"."""
    if "复议后" in text:
        return "2.2"
    if "直接起诉" in text or "未经复议" in text:
        return "2.1"
    if "行政复议" in text and "诉讼" not in text:
        return "1"
    return None


def _t3_by_group(group_rows, single, header_outcomes, outcomes, col_ids, ctx: _Ctx) -> dict:
    """表四 laid out by group: three rows of five (结果维持 … 总计, in the header's order when it names
    them), or one value per line with its group and outcome."""
    order = header_outcomes if sorted(header_outcomes) == sorted(outcomes) else outcomes
    cells: dict[tuple[str, str], Cell] = {}
    for gid, vals in group_rows.items():
        for outcome, cell in zip(order, _make_cells(vals)):
            cells[("1", f"{gid}.{outcomes.index(outcome) + 1}")] = cell
    for (gid, outcome), val in single.items():
        cells.setdefault(("1", f"{gid}.{outcomes.index(outcome) + 1}"), _make_cells([val])[0])
    missing = [c for c in col_ids if ("1", c) not in cells]
    if missing:
        names = {"1": "行政复议", "2.1": "未经复议直接起诉", "2.2": "复议后起诉"}
        groups = "、".join(dict.fromkeys(names[c.rsplit(".", 1)[0]] for c in missing))
        ctx.add("warning", "format", "t3", [("1", c) for c in missing],
                f"表四按行分组排列，缺少“{groups}”的数据，已按行标签读取其余部分。", "R-LABEL")
    return {("1", c): cells.get(("1", c), _ABSENT) for c in col_ids}


def _t3_drop_surplus(chosen: list[tuple[str, int]], surplus: int, order: list[str], generation: str):
    """表四's data row with more numbers than columns: with one too many, drop the number under whose
    removal most of the table's totals hold (ties: the last); else keep the first 15. Returns the 15
    cells and how they were chosen, in words."""
    if surplus != 1:
        return chosen[:15], "只读取了前 15 个数"
    entries = _plan(generation, "t3", tuple(order)).get("1", ())
    numbers = _numbers(_make_cells(chosen))
    best_k, best_score = 15, None
    for k in range(16):
        score = _held({"1": numbers[:k] + numbers[k + 1:]}, entries)
        if best_score is None or score >= best_score:
            best_k, best_score = k, score
    if best_k == 15:
        how = "按多出的是最后一个数读取（忽略它）"
    elif best_k == 0:
        how = "按多出的是第一个数读取（忽略它）"
    else:
        how = f"按多出的是第 {best_k + 1} 个数读取（忽略它）"
    return chosen[:best_k] + chosen[best_k + 1:], how


# ---------------------------------------------------------------------------------------------
# Whole report

_YEAR = _regex.compile(r"((?:19|20)\d{2})\s*年")


# The last words of a title wrapped onto a line of their own: "年度报告", "工作年度报告" (not a menu's "政府工作报告").
_TITLE_TAIL = _regex.compile(r"(?:信息)?(?:公开)?(?:工作)?(?:年度)?报\s*告")
_TITLE_WORDS = _regex.compile(r"年\s*度\s*报\s*告|工\s*作\s*报\s*告")
# Years that are not the report's: a law's revision ("《条例》（2019年修订）"), a date of issue.
_NOT_REPORT_YEAR = _regex.compile(r"\s*(?:修订|修正|颁布|施行|印发|发布|公布|\d{1,2}\s*月|度?\s*(?:部门)?(?:决算|预算))")
_YEAR_OF_REPORT = _regex.compile(r"((?:19|20)\d{2})\s*年\s*(?:度(?!\s*(?:部门)?(?:决算|预算))|1\s*月\s*1\s*日|１月１日|元月)")
# The report named in its own opening ("编制了2021年政府信息公开年度报告"): surer than a period the text states
# (a stale "统计期限自2020年1月1日…" copied from last year's report, review round 33).
# (a sentence that makes or issues it: not a link "上一篇：2022年度…年度报告" of a web page, nor last year's
# report cited as published on time, "按时编制并发布了2020年度…年度报告")
_YEAR_OF_NAME = _regex.compile(r"(?<!按时)(?<!及时)(?<!已)(?<!已经)(?<!将)(?<!计划)(?:编制|编写|撰写|形成|发布|公布|现将|特)[^，。,\n]{0,30}?"
                               r"((?:19|20)\d{2})\s*年度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?报告")
# The period a report's numbers cover: "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止".
_PERIOD_YEAR = _regex.compile(r"统计(?:期限|时限|时间|区间|周期)[^。；\n]{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
                              r"(?:[^。；\n\d]{0,6}?((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日)?")

_YEAR_END = _regex.compile(r"(?:截止|截至)(?:到)?\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日")   # the period's end


# (a page's furniture, and its links to the reports before and after: "上一篇：…2022年度…年度报告")
_LINK_WORDS = _regex.compile(r"发布时间|来源[:：]|>|＞|»|上一篇|下一篇|上一条|下一条")
_NOT_TITLE = _regex.compile(r"首页|位置|" + _LINK_WORDS.pattern)


def _title_like(s: str) -> bool:
    """A stripped line that could be a report's title: names a (年度)报告, and is no web page's header."""
    return len(s) <= 80 and _TITLE_WORDS.search(s) is not None and not _NOT_TITLE.search(s)


def _title(lines: list[str]) -> str:
    """The report's title line: among the first non-blank lines, the first that names a (年度)报告 — a
    copy from a web page may start with "发布时间：…　来源：…" or a breadcrumb — else the first non-blank
    line. A title wrapped over two or three lines ("城郊乡人民政府2021年" / "政府信息公开工作年度报告")
    is joined when the line naming the report lacks the year."""
    first = None
    seen = 0
    above: list[str] = []           # the short non-blank lines just above, nearest last
    other = None                    # a line naming another report: a web page's menu ("2021年政府工作报告")
    for line in lines[:60]:
        s = line.strip()
        if not s:
            continue
        if first is None:
            first = s
        if _title_like(s):
            line, head = s, ""
            if not _YEAR.search(s):
                for prev in reversed(above[-2:]):
                    if len(prev) > 40 or "。" in prev or _NOT_TITLE.search(prev):
                        break
                    head = prev + head
                if not _YEAR.search(head):
                    head = ""
            elif _YEAR.match(s) and above and len(above[-1]) <= 40 and "。" not in above[-1] \
                    and not _NOT_TITLE.search(above[-1]) and not _TITLE_WORDS.search(above[-1]):
                head = above[-1]            # "新密市岳村镇" / "2023 年政府信息公开工作年度报告"
            s = head + s
            # A report of information disclosure names it, in its line or in the wrapped part above ("…2022年
            # 政府信息公开工作" / "年度报告"); a menu's "2021年政府工作报告", or "政府信息公开年报" / "2021年度
            # 报告", is the title only when no line below is one.
            if not ("公开" in line or head and "公开" in head and "报" not in head
                    and _TITLE_TAIL.fullmatch(_LABEL_NOTE.sub("", "".join(line.split())))):
                if other is None:
                    other = s
                above.append(line)
                seen += 1
                if seen >= 12:
                    break
                continue
            return s[:200]
        above.append(s)
        seen += 1
        if seen >= 12:
            break
    if other is not None:
        return other[:200]
    if first is None or "。" in first or _HEAD_PREFIX.match(first) or _NOT_TITLE.search(first) \
            or "|" in first or "\t" in first or first.startswith("第二十条"):
        return ""           # no title line: the copy starts at a section heading, a table, a web page's
    return first[:200]      # furniture ("发布时间：") or in the running text


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九０１２３４５６７８９", "000123456789" + "0123456789")


_CN_NUMERALS = "〇○零一二三四五六七八九"
_WIDE_DIGITS = "０１２３４５６７８９"
_YEAR_NUMERALS = _CN_NUMERALS + _WIDE_DIGITS


@cython.locals(text=str, k=cython.Py_ssize_t, j=cython.Py_ssize_t, last=cython.Py_ssize_t, parts=list)
def _ascii_years(text: str) -> str:
    """Years written "二〇二三年" or "２０２３年" as "2023年": what r"[〇○零一二三四五六七八九]{4}(?=\\s*年)|[０-９]{4}(?=\\s*年)"
    substitutes (the tests' reference), found from each 年 instead of trying the pattern at every character
    (about 370 instructions each, a million for a report's opening). A match is the four characters before a 年
    and the white space before it, all numerals of one kind; two never overlap (a 年 is no numeral), and each
    is translated in place."""
    parts = []
    last = 0
    k = text.find("年")
    while k >= 0:
        j = k
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j >= 4 and text[j - 1] in _YEAR_NUMERALS:
            four = text[j - 4:j]
            if not four.strip(_CN_NUMERALS) or not four.strip(_WIDE_DIGITS):
                parts.append(text[last:j - 4])
                parts.append(four.translate(_CN_DIGITS))
                last = j
        k = text.find("年", k + 1)
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def _within(m, span) -> bool:
    """Whether match m starts inside the match `span` (None: nowhere)."""
    return span is not None and span.start() <= m.start() < span.end()


def _year(title: str, text: str) -> tuple[int | None, bool, tuple[int, int] | None]:
    """(the report's year, whether it is certain, the period its opening states as (first year, last year)).

    The year is certain from the title; without one there, from the report's name in its opening
    ("编制了2021年政府信息公开年度报告") and the period it states ("统计期限自2021年1月1日"), the later of the
    two when both are there: a report names last year's report ("按时发布了2020年度…年度报告"), never next
    year's, and a stale period is last year's (a warning of its own, in _format_findings). Else "YYYY年度" or
    "YYYY年1月1日" in the opening text, else its first year that is not a law's revision or a date of issue
    (not certain). A period whose two years differ gives no year."""
    head = text[:3000]
    if "〇" in head or "○" in head or "零" in head or "０" in head:     # (a year in numerals: 二〇二二, ２０２２)
        head = _ascii_years(head)

    def on_furniture(m) -> bool:
        """A web page's link or menu ("上一篇：2020年度…年度报告"): the sentence holding the year, on its line."""
        start = max(head.rfind("\n", 0, m.start()), head.rfind("。", 0, m.start())) + 1
        ends = [k for k in (head.find("\n", m.end()), head.find("。", m.end())) if k >= 0]
        end = min(ends) if ends else len(head)
        if _LINK_WORDS.search(head, start, end):
            return True
        # "首页", "位置" make a menu line, not a sentence of the text ("…统计期限自…，电子版在网站显著位置查阅",
        # "现将本镇2021年…报告在镇政府网站显著位置予以公布")
        return head[end:end + 1] != "。" and "，" not in head[start:end] \
            and _NOT_TITLE.search(head, start, end) is not None

    def first(rx, skip=None):
        return next((m for m in rx.finditer(head) if not on_furniture(m) and not _within(m, skip)), None)

    period = first(_PERIOD_YEAR)
    stated = (int(period.group(1)), int(period.group(2) or period.group(1))) if period else None
    m = _YEAR.search(title) or _YEAR.search(_ascii_years(title))
    if m:
        return int(m.group(1)), True, stated
    slip = period if stated and stated[0] != stated[1] else None
    name = first(_YEAR_OF_NAME)
    found = [y for y in (name and int(name.group(1)), stated and not slip and stated[0]) if y]
    if found:
        return max(found), True, stated
    m = first(_YEAR_OF_REPORT, slip)
    if m is not None:
        return int(m.group(1)), True, stated
    for m in _YEAR.finditer(head):
        if not _NOT_REPORT_YEAR.match(head, m.end()) and not on_furniture(m) and not _within(m, slip):
            return int(m.group(1)), False, stated
    m = _YEAR_END.search(head)              # "截止2023年12月31日": likely the period's end (or a statistic's)
    return (int(m.group(1)) if m and not _within(m, slip) else None), False, stated


def _generation(region: str) -> str | None:
    score = {g: sum(any(fp in region for fp in grp) for grp in groups) for g, groups in FINGERPRINT_GROUPS.items()}
    if score["2019"] == score["2021"]:
        return None
    return "2019" if score["2019"] > score["2021"] else "2021"


_T2_2019_ROW6 = _regex.compile(r"其他处理[\t\n\s]*[0-9０-９/—－-]")


def _t2_generation(region: str) -> str | None:
    if "逾期不补正" in region or "逾期未按收费通知" in region or "不再处理其政府信息公开申请" in region:
        return "2021"
    if "其他处理" in region and _T2_2019_ROW6.search(region):
        return "2019"
    return None


def _regions(lines: list[str], heads: dict[str, tuple[int, str]]) -> dict[str, tuple[int, int]]:
    n = len(lines)
    starts: dict[str, int] = {k: heads[k][0] + 1 for k in ("t1", "t2", "t3") if k in heads}
    # Content anchors for tables whose heading is missing or unrecognisable.
    if "t1" not in starts:
        i = _first(lines, lambda s: "第二十条第" in s and len(s) < 80)
        if i is not None:
            starts["t1"] = max(0, i)
    if "t2" not in starts:
        i = _first(lines, lambda s: "勾稽关系" in s or "本年新收政府信息公开申请" in s, starts.get("t1", 0))
        if i is not None:
            j = _first(lines, lambda s: "勾稽关系" in s or "申请人情况" in s, max(0, i - 12))
            starts["t2"] = j if j is not None and j <= i else i
    if "t3" not in starts:
        i = _first(lines, lambda s: s.strip() in ("行政复议", "行政诉讼") or s.startswith("行政复议\t")
                   or s.split()[:2] == ["行政复议", "行政诉讼"],           # a PDF copy: "行政复议 行政诉讼"
                   starts.get("t2", starts.get("t1", 0)))
        if i is not None:
            starts["t3"] = i
    # A region ends before the next one's heading line (or at its first line, when found by content).
    ends = sorted([heads[k][0] if k in heads else v for k, v in starts.items()]
                  + [heads[k][0] for k in ("s5", "s6") if k in heads] + [n])
    regions = {}
    for k, s in starts.items():
        e = min((x for x in ends if x > s), default=n)
        if k == "t3" and e - s > 120:
            e = s + 120
        regions[k] = (s, e)
    return regions


def _first(lines, pred, start=0):
    for i in range(start, len(lines)):
        if pred(lines[i]):
            return i
    return None


def parse_text(text: str, path: str = "", encoding: str = "utf-8", _piped: bool = False) -> Report:
    if "開" in text and not _piped:
        simple = _simplified(text)
        if simple is not None:
            return _read_simplified(parse_text(simple, path, encoding))
    lines = text.split("\n")
    if "|" in text and not _piped:
        unpiped = _unpipe(lines)
        if unpiped is not None:                     # read as the layout it stands for; the text is kept
            return _replace_text(parse_text("\n".join(unpiped), path, encoding, _piped=True), text)
    ctx = _Ctx(next((k + 1 for k in range(len(lines) - 1, -1, -1) if lines[k].strip()), 0))
    heads = _find_headings(lines, text)
    regions = _regions(lines, heads)
    title = _title(lines)
    year, year_certain, period = _year(title, text)

    region_text = {k: "\n".join(lines[s:e]) for k, (s, e) in regions.items()}
    g1 = _generation(region_text["t1"]) if "t1" in region_text else None
    g2 = _t2_generation(region_text["t2"]) if "t2" in region_text else None
    fmt = g1 or g2 or ("2019" if year is not None and year <= 2020 else "2021")
    table_formats = {"t1": g1 or fmt, "t2": g2 or fmt, "t3": fmt}

    web = _web_copies(lines, regions, region_text)
    tables: dict[str, dict] = {}
    for tid in ("t1", "t2", "t3"):
        if tid not in regions:
            continue
        s, e = regions[tid]
        splits: list[int] = []
        rows = _logical_rows(lines, s, e, region_text[tid], splits, web_copy=bool(web - {tid}))
        spec = get_template(table_formats[tid]).tables[tid]
        if tid == "t1":
            cells = _parse_t1(rows, spec, ctx, table_formats[tid])
        elif tid == "t2":
            cells = _parse_t2(rows, spec, ctx, table_formats[tid])
        else:
            cells = _parse_t3(rows, spec, ctx, table_formats[tid])
        if cells is not None:
            tables[tid] = cells
            if splits and _piped:       # (rows of pipes pad short rows only: no blank line was lost)
                ctx.add("warning", "layout", tid, [], f"{TABLE_SHORT[tid]}每个单元格各占一行（以“|”分隔），"
                        f"已按行标签分行读取，请核对原表。", "R-SHAPE")
            elif splits == [0]:
                ctx.add("warning", "layout", tid, [], f"{TABLE_SHORT[tid]}每个单元格各占一段，行与行之间没有分隔，"
                        f"已按行标签分行读取，请核对原表。", "R-SHAPE")
            elif splits:
                more = f"等 {len(splits)} 处" if len(splits) > 1 else ""
                ctx.add("warning", "layout", tid, [], f"{TABLE_SHORT[tid]}第 {splits[0]} 行{more}之前缺少分隔两行的空行，"
                        f"已按行标签分开读取，请核对原表。", "R-SHAPE")
    if not tables:
        raise NoTableError("文件中没有找到年度报告的统计表（二、主动公开，三、依申请，四、复议诉讼）。"
                           "请确认这是政府信息公开工作年度报告的文本。")

    _format_findings(ctx, heads, tables, fmt, g1, g2, year, region_text, year_certain, lines, period)
    cut = _cut_off(lines, regions, tables, ctx.cut_row)
    error = cut and cut[1]
    if cut:
        _cut_row_findings(ctx, cut[0], tables.get(cut[0]))
    # (a table the file ends inside is explained by that error: not also "its layout is not recognised")
    _unread_findings(ctx, tables, skip=cut and cut[0])
    second = _second_report(lines, regions, title, next(iter(tables)), ctx)
    text_end = None if second is None else sum(map(len, lines[:second])) + second
    return Report(path=path, encoding=encoding, text=text, title=title, year=year, format=fmt,
                  tables=tables, table_formats={k: table_formats[k] for k in tables},
                  parse_findings=tuple(ctx.findings), error=error, guessed=frozenset(ctx.guessed),
                  text_end=text_end)


def _simplified(text: str) -> str | None:
    """A report written in traditional characters (copied from a site's 繁體 view: "主動公開政府信息情況"),
    converted character by character; None for a simplified text (a name or a quotation in traditional
    characters does not make one)."""
    from .traditional import to_simplified, traditional_share     # (only for a text holding 開)
    trad, simp = traditional_share(text)
    return to_simplified(text) if trad >= 20 and trad > simp else None


def _read_simplified(report: Report) -> Report:
    """A report read from its text converted to simplified characters: says so. The converted text is the
    report's text (the same lines, each character in its place), so the prose is read against the tables."""
    table = next(iter(report.tables), "t1")
    note = Finding("warning", "format", table, (), None, None,
                   "文件是繁体字，已逐字转换为简体后读取（行和单元格的位置不变），提示中引用的原文也是转换后的简体，"
                   "请核对原表。", "R-LABEL")
    return report.replace(parse_findings=(note,) + report.parse_findings)


def _misworded_heading(lines, numeral: str, official: str) -> tuple[int, str] | None:
    """A heading numbered as the template numbers a table whose words differ a little from the template's
    ("四、政府信息公开行政法复议、行政诉讼情况"): (its line index, its text), or None."""
    from difflib import SequenceMatcher         # (only for a report whose table heading was not found)
    body = official.split("、", 1)[1]
    tried = 0
    for k, line in enumerate(lines):
        if not line.startswith(numeral) or "\t" in line or len(line) > 60 and len(line.rstrip()) > 60:
            continue
        s = line.strip()
        m = _HEAD_PREFIX.match(s)
        if m is None or m.group(1) != numeral or _ANY_DIGIT.search(s) or norm(s) in _template_labels():
            continue
        sm = SequenceMatcher(None, s[m.end():], body, autojunk=False)
        if sm.real_quick_ratio() >= 0.75 and sm.quick_ratio() >= 0.75 and sm.ratio() >= 0.75:
            return k, s
        tried += 1
        if tried >= 200:        # a report has a handful of such lines; thousands are not headings
            break
    return None


def _cut_row_findings(ctx: _Ctx, tid: str, cells: dict | None) -> None:
    """The row a cut-off file ends in is short because the file is: its layout error is a warning saying so
    (the cut-off error explains it), not a second error."""
    if not cells:
        return
    last = max(((c.line, k[0]) for k, c in cells.items() if c.line), default=None)
    if last is None or last[0] < ctx.end_line:
        return              # the file ends after the last cell read: not inside that row
    row = last[1]
    if _total_last([c.value for k, c in cells.items() if k[0] == row and c.state == NUMBER]):
        return              # its last number is its total: cells are missing from its middle, not its end
    for k, f in enumerate(ctx.findings):
        if f.table == tid and f.rule == "R-SHAPE" and f.severity == "error" and f.cells \
                and all(r == row for r, _ in f.cells):
            ctx.findings[k] = f.replace(severity="warning", message=f.message + "（文件在这一行之后就结束了，这一行可能不完整。）")


def _format_findings(ctx, heads, tables, fmt, g1, g2, year, region_text, year_certain=True, lines=(),
                     period=None) -> None:
    first_table = next(iter(tables))
    for tid in ("t1", "t2", "t3"):
        if tid not in tables:
            ctx.add("error", "format", tid, [],
                    f"报告中没有找到{TABLE_SHORT[tid]}“{TABLE_TITLES[tid]}”：年度报告必须包含这张统计表。", "R-TABLE-MISSING")
    t1_text = region_text.get("t1", "")
    if g1 and all(any(fp in t1_text for fp in FINGERPRINTS[g]) for g in ("2019", "2021")):
        ctx.add("error", "format", "t1", [], "表二同时出现了2019年版和2021年版模板的栏目，新旧格式混用。", "R-GEN-MIXED")
    elif g1 and g2 and g1 != g2:
        ctx.add("error", "format", "t2", [],
                f"表二使用{g1}年版模板，表三却使用{g2}年版模板（（六）其他处理的分项不同），新旧格式混用。",
                "R-GEN-MIXED")
    if year is not None and year < 2019:
        # no template of these tables existed before 2019's reports: the year, not the format, is odd
        where = "标题中的年份" if year_certain else "报告年度（标题中没有年份，这是正文中的年份）"
        ctx.add("warning", "format", first_table, [], f"报告的年度读作{year}年，早于这三张统计表开始使用的2019年度"
                f"（2019年试行格式），请核对{where}。", "R-GEN-YEAR")
    elif year is not None:
        expected = "2019" if year <= 2020 else "2021"
        if fmt != expected:
            if fmt == "2019":
                msg = (f"这是{year}年度的报告，应使用2021年版（国办公开办函〔2021〕30号）格式，"
                       f"却使用了旧版（2019年试行）格式。")
            else:
                msg = f"这是{year}年度的报告，应使用2019年试行格式，却使用了2021年版格式。"
            if year_certain:
                ctx.add("error", "format", first_table, [], msg, "R-GEN-YEAR")
            else:   # the year is only the first one the text names: likely, not certain
                ctx.add("warning", "format", first_table, [],
                        f"标题中没有年份，按正文中的年份看，{msg}请核对报告年度。", "R-GEN-YEAR")
    else:
        ctx.add("warning", "format", first_table, [], "标题和开头的正文中都没有找到报告的年度，无法核对所用的模板"
                "（2019年试行格式或2021年版格式）是否与年度相符，请核对报告标题。", "R-GEN-YEAR")
    # The period stated in the opening is another year than the report's: last year's text kept (淮安市自然资源
    # 和规划局 2021: "统计期限自2020年1月1日起至2020年12月31日止").
    if period is not None and period[0] != period[1]:
        ctx.add("warning", "format", first_table, [],
                f"正文说本报告的统计期限从{period[0]}年1月1日起至{period[1]}年12月31日止，起止不在同一年："
                f"请核对统计期限。", "R-GEN-YEAR")
    elif period is not None and year is not None and year_certain and period[0] < year:
        ctx.add("warning", "format", first_table, [],
                f"正文说本报告的统计期限从{period[0]}年1月1日起，而这是{year}年度的报告：是否沿用了往年报告的文字？"
                f"请核对统计期限和表中的数字。", "R-GEN-YEAR")
    elif period is not None and year is not None and year_certain and period[0] > year:
        ctx.add("warning", "format", first_table, [],
                f"正文说本报告的统计期限从{period[0]}年1月1日起，而报告的年度读作{year}年：请核对报告的年度"
                f"（标题或开头写的年份）和统计期限。", "R-GEN-YEAR")
    # "本年(2021)制发件数" in a 2023 report: the column header names another year than the report's.
    if year is not None and ("本年(" in t1_text or "本年（" in t1_text):
        other = next((m for m in _HEADER_YEAR.finditer(t1_text) if int(m.group(1)) != year), None)
        if other is not None:
            ctx.add("warning", "format", "t1", [], f"表二的列标题写的是“{other.group(0)}”，而这是{year}年度的报告："
                    f"请核对表中的数字是否是本年度的。", "R-LABEL")
    # domain.md R-SECTION: all six sections present, numbered 一…六.
    for key, _, want in _HEADINGS:
        official = TABLE_TITLES.get(key) or _SECTION_TITLES[key]
        table = key if key in TABLE_TITLES else first_table
        if key in heads:
            line_no, s = heads[key]
            m = _HEAD_PREFIX.match(s)
            sub = None if m or key not in ("s5", "s6") else _SUB_HEAD.match(s)
            if sub and sub.group(1) == "一" != want:    # "（一）主要问题": the section's first sub-heading
                ctx.add("warning", "format", table, [],
                        f"没有找到“{official}”这一标题：第 {line_no + 1} 行的“{s}”是这一节下面的小标题，"
                        f"请在它前面补上这一节的标题。", "R-SECTION")
            elif not m or m.group(1) != want:
                ctx.add("warning", "format", table, [],
                        f"第 {line_no + 1} 行的标题“{s}”编号不规范，应为“{official}”。", "R-SECTION")
        elif key in tables:
            typo = _misworded_heading(lines, want, official)
            if typo is not None:
                ctx.add("warning", "format", key, [], f"第 {typo[0] + 1} 行的标题“{typo[1]}”与模板标题“{official}”不一致，"
                        f"表格是按内容找到的。", "R-SECTION")
            else:
                ctx.add("warning", "format", key, [], f"没有找到“{official}”这一标题，表格是按内容找到的。", "R-SECTION")
        elif key not in TABLE_TITLES:
            ctx.add("warning", "format", table, [], f"没有找到“{official}”这一部分：年度报告应包含这一节。", "R-SECTION")


def _unread_findings(ctx: _Ctx, tables: dict, skip: str | None = None) -> None:
    """A table found but (nearly) not read is an error, not a clean table: its cells would otherwise only
    be blank or absent warnings, and the report would pass (cells set apart by single spaces, the blank
    lines between one-cell-per-line rows lost)."""
    for tid, cells in tables.items():
        if tid == skip or any(f.table == tid and f.severity == "error" for f in ctx.findings):
            continue
        read = len(cells) - absent_count(cells)
        if read * 2 >= len(cells):
            continue        # read; blank cells, if any, are warned about one by one (a table left empty)
        numbers = sum(1 for c in cells.values() if c is not _ABSENT and c.state != BLANK)   # "/" counts
        if numbers == 0:
            ctx.add("error", "layout", tid, [], f"{TABLE_SHORT[tid]}没有读出任何数字：表格的排列方式无法识别（例如单元格之间"
                    f"只隔一个空格，或逐格排列时行与行之间的空行丢失）。请核对原文件，或从原文档重新复制这张表。", "R-SHAPE")
        else:
            ctx.add("error", "layout", tid, [], f"{TABLE_SHORT[tid]}只读出了模板 {len(cells)} 个单元格中的 {read} 个：大部分行"
                    f"没有读到，表格的排列方式可能无法识别，请核对原文件。", "R-SHAPE")


def _second_report(lines: list[str], regions: dict, title: str, table: str, ctx: _Ctx) -> int | None:
    """Another report's title after this one's tables (two years pasted into one file): say that only the
    first is checked, rather than ignore the second in silence. Returns the index of its line, or None."""
    end = max(e for _, e in regions.values())
    own = "".join(title.split())
    for no in range(end, min(len(lines), end + 2000)):
        if "告" not in lines[no]:
            continue
        s = lines[no].strip()
        if 6 < len(s) <= 60 and _title_like(s) and _YEAR.search(s) and "。" not in s and "《" not in s:
            if "".join(s.split()) not in own:
                ctx.add("warning", "format", table, [],
                        f"第 {no + 1} 行起似乎是另一份报告（“{s}”）：只检查了文件中的第一份，请把它另存为单独的文件再检查。",
                        "R-SECTION")
                return no
            if _tables_again(lines, no + 1):
                # The same title, then the tables again: a draft and its final version pasted into one file
                # (not a title repeated at a page's foot)
                ctx.add("warning", "format", table, [],
                        f"第 {no + 1} 行起又是一份同样标题的报告（“{s}”），表格又出现了一次（可能是草稿和定稿贴在了一起）："
                        f"只检查了文件中的第一份，请确认哪一份是定稿，把它另存为单独的文件再检查。", "R-SECTION")
                return no
    return None


def _tables_again(lines: list[str], start: int) -> bool:
    """A heading of 表二 or 表三 within the lines after `start`."""
    for line in lines[start:start + 3000]:
        if "情况" in line and not line.startswith("\t") and len(line) <= 60:
            s = line.strip()
            if len(s) <= 40 and _section_named(s) in ("t1", "t2"):
                return True
    return False


_NUMBERING = _regex.compile(r"^[（(]?[一二三四五六七八九十\d]{1,2}[)）]?[、.．]?\s*")


def _cut_off(lines, regions, tables, cut_row=None) -> tuple[str, str] | None:
    """A file that ends inside a table that lacks rows, or inside a row (`cut_row`, (table, row)), or with a
    row's label, or right after a table whose next one is missing, was cut off: (that table, the error)."""
    last = max(regions.items(), key=lambda kv: kv[1][0])
    tid, (s, e) = last
    tail = [ln for ln in lines[e:] if ln.strip()]
    if tail:
        return None
    absent = tid not in tables or any("absent" in c.notes for c in tables[tid].values())
    last_line = norm(next((ln for ln in reversed(lines) if ln.strip()), ""))
    # (a row's label, or a part of it, and none of its numbers: "政府集中采购", "行政事业性")
    if absent or cut_row is not None and cut_row[0] == tid \
            or len(last_line) >= 2 and any(label.startswith(last_line) for label in _template_labels()):
        return tid, f"报告在{TABLE_SHORT[tid]}中途就结束了，文件可能不完整（被截断）。已读出的部分照常检查，请核对原文件。"
    end = max((c.line for c in tables[tid].values() if c.line), default=0)
    if tid == "t3" or not end:
        return None
    rest = "".join(ln.strip() for ln in lines[end:])
    following = TABLE_TITLES["t2" if tid == "t1" else "t3"]
    if len(rest) >= 2 and (following.startswith(rest) or following[2:].startswith(_NUMBERING.sub("", rest))):
        # The file ends inside the next table's heading ("三、收到和处理政", "4、 政府信息公开行"): the tables after it
        # are missing because the file was cut there. (A file that ends right after a whole table may be an
        # excerpt, or a report that leaves the later tables out: those are told missing, not cut off.)
        return tid, (f"报告在{TABLE_SHORT[tid]}之后就结束了，后面的统计表都没有，文件可能不完整（被截断）。"
                     f"已读出的部分照常检查，请核对原文件。")
    return None
