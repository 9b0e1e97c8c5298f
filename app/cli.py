"""The command line of the contract (shared/spec/interface.md): check, export, and the window."""

from __future__ import annotations

import gc
import os
import re
import sys
from _json import encode_basestring as _quoted   # json's own string writer (C): its escapes, non-ASCII as is

from ._exceptions import GoujiError
from ._purecython import plain_python
from .model import NUMBER, Cell, CheckResult, Finding, Fix, Report, json_number
from .formats import _HTML_SUFFIXES
from .reader import iter_report_files, load_report
from .crossyear import cross_report_findings
from .rules import check, with_findings
from .template import TABLE_SHORT, keyed_in_order

__all__ = ["main", "report_json", "check_path"]

# C types for the hot loops' locals when compiled (app/_purecython.py); nothing in plain Python.
try:
    plain_python(globals())
    import cython
except ImportError:
    pass
if cython.compiled:     # (read by Cython only: plain Python's stand-in says False)
    from cython.cimports.app.model import Cell as CCell     # (the C type of app/model.pxd: fields read directly)
    from cython.cimports.cpython.long import PyLong_AsLongLongAndOverflow
else:
    CCell = Cell

USAGE = """用法:
  gouji                         打开窗口
  gouji 文件 [--screenshot 图片.png]   打开窗口并载入报告（或截图后退出）
  gouji check [--json] [--encoding 编码] [--summary 汇总.xlsx] 路径...
  gouji export 文件 -o 输出.xlsx [--encoding 编码]
"""


def _parser(**kwargs):
    """An argparse parser that says its complaints in Chinese (app/_args.py). argparse is imported only here: the
    common `gouji check [--json] PATH...` is read without it (_plain_check_args), and importing it is 6 ms of a
    command that checks a folder in well under a second."""
    from ._args import ChineseParser
    return ChineseParser(**kwargs)


class _CheckArgs:
    """`gouji check`'s arguments as argparse would give them (paths, json, encoding, summary)."""
    __slots__ = ("paths", "json", "encoding", "summary")

    def __init__(self, paths: list[str], json: bool):
        self.paths = paths
        self.json = json
        self.encoding = None
        self.summary = None


def _plain_check_args(argv: list[str]) -> _CheckArgs | None:
    """`gouji check`'s arguments when they are only paths and --json before or after them (the form a script and
    the contract use), read as argparse reads them; None for anything else, which argparse reads, with its help
    and its errors (an option, a path starting with "-", "--json" between two paths, no path)."""
    n = len(argv)
    first = 0
    while first < n and argv[first] == "--json":
        first += 1
    end = n
    while end > first and argv[end - 1] == "--json":
        end -= 1
    paths = argv[first:end]
    if not paths or any(p.startswith("-") for p in paths):
        return None
    return _CheckArgs(paths, end - first != n)


def report_json(report: Report, result: CheckResult) -> dict:
    doc = {
        "path": report.path,
        "encoding": report.encoding,
        "format": report.format,
        "title": report.title,
        "year": report.year,
        "tables": {tid: {"cells": _cells_json(cells)} for tid, cells in report.tables.items()},
        "findings": [f.to_json() for f in result.findings],
        "fixes": [x.to_json() for x in result.fixes],
    }
    if report.error:
        doc["error"] = report.error
    return doc


@cython.locals(cells=dict, out=dict, cols=dict)
def _cells_json(cells) -> dict:
    out: dict[str, dict] = {}
    last, cols = None, None
    for (row, col), cell in cells.items():
        if row != last:             # cells come row by row: one dict look-up per row, not per cell
            cols = out.get(row)
            if cols is None:
                cols = out[row] = {}
            last = row
        v = cell.value
        cols[col] = v if type(v) is int and cell.state == NUMBER else cell.json_value()
    return out


def error_json(path: str, message: str) -> dict:
    return {"path": path, "tables": {}, "findings": [], "fixes": [], "error": message}


# ---------------------------------------------------------------------------------------------
# The JSON of `gouji check --json`, written straight from the reports
#
# What json.JSONEncoder(ensure_ascii=False, separators=(",", ":")) writes for report_json(report, result), byte
# for byte (tests/test_seeds.py compares them on every seed and on odd values), without building the document:
# building it and encoding it with orjson cost as much as this, and importing orjson cost 90 M instructions
# more (it loads dataclasses, inspect, uuid and datetime), json 30 M. Pieces of text are cached by what they
# write (a column's small counts, a cell key's pair): a report repeats the same ids and most counts are small.

class _Unwritable(Exception):
    """A value this writer does not know (the document is then built and given to json's encoder)."""


_INT_TEXT = {i: str(i) for i in range(1000)}
_KEY_TEXT: dict[str, str] = {}      # a dict key's text as written: '"3.1":' (ids and field names repeat)


@cython.cfunc
@cython.locals(known=dict)
def _key(name: str) -> str:
    known = _KEY_TEXT
    text = known.get(name)
    if text is None:
        if type(name) is not str:
            raise _Unwritable(name)
        text = _quoted(name) + ":"
        if len(known) < 4096:
            known[name] = text
    return text


@cython.cfunc
@cython.locals(ints=dict)
def _scalar(v) -> str:
    """A JSON value's text as json writes it: null, true/false, an int or float's repr, a quoted string."""
    cls = type(v)
    if cls is int:
        ints = _INT_TEXT
        text = ints.get(v)
        return text if text is not None else int.__repr__(v)
    if cls is str:
        return _quoted(v)
    if v is None:
        return "null"
    if cls is float:
        if v != v:
            return "NaN"
        if v in (_INF, -_INF):
            return "Infinity" if v > 0 else "-Infinity"
        return float.__repr__(v)
    if cls is bool:
        return "true" if v else "false"
    raise _Unwritable(v)


_INF = float("inf")


_CELL_TEXT: dict[str, dict] = {}     # column -> {a count: '"2.1":5'} (the first thousand counts of each)
_PAIR_TEXT: dict[tuple, str] = {}    # a cell key -> '["3.1","2.1"]'
_KEYS_TEXT: dict[tuple, str] = {}    # a finding's many cells -> '[["3.1","1"],…]'


_LAYOUTS: dict[int, tuple] = {}     # id(a template's cell keys) -> (those keys, _layout's text around their values)


@cython.cfunc
@cython.locals(keys=tuple, frags=list, done=set)
def _layout(keys: tuple):
    """The text of a table's cells keyed by `keys` in their order, but for the values: frags[0], a value,
    frags[1], …, the last value, frags[-1] ('{"1":{"1":', ',"2.1":', …, '},"2":{"1":', …, '}}'), as _cells_text
    writes it; None when a row's cells are apart (the document's way). Worked out once for each template table."""
    entry = _LAYOUTS.get(id(keys))
    if entry is not None and entry[0] is keys:
        return entry[1]
    frags = []
    done = set()
    last = None
    pending = "{"
    for row, col in keys:
        if row != last:
            if row in done:
                frags = None
                break
            if last is not None:
                pending += "},"
            done.add(row)
            pending += _key(row) + "{"
            last = row
        else:
            pending += ","
        frags.append(pending + _key(col))
        pending = ""
    if frags is not None:
        frags.append("}}" if keys else "{}")
    _LAYOUTS[id(keys)] = (keys, frags)
    return frags


_INT_TEXTS = list(_INT_TEXT.values())     # (_INT_TEXT by index, for the compiled core)


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.locals(cells=dict, keys=tuple, frags=list, parts=list, ints=list, k=cython.Py_ssize_t, n=cython.Py_ssize_t,
               cell=CCell, number=cython.longlong, overflow=cython.int)
def _cells_in_layout(cells, keys, frags):
    """Compiled only: _cells_text's text of a table keyed exactly by `keys` in their order, written into their
    layout `frags` (None when a key is not the one its place wants): one pass over the cells, which checks each
    key as it takes its value, and a small count's text taken from a list by its value."""
    n = len(keys)
    parts = [frags[0]]
    ints = _INT_TEXTS
    k = 0
    for key, cell in cells.items():
        if k >= n:
            return None
        want = keys[k]
        if key is not want and key != want:
            return None
        v = cell.value
        state = cell.state
        if type(v) is int and (state is NUMBER or state == NUMBER):
            number = PyLong_AsLongLongAndOverflow(v, cython.address(overflow))
            if not overflow and 0 <= number < 1000:
                text = ints[number]
            else:
                text = int.__repr__(v)
        else:
            text = _scalar(cell.json_value())
        parts.append(text)
        parts.append(frags[k + 1])
        k += 1
    if k != n:
        return None
    return "".join(parts)


@cython.cfunc
@cython.locals(cells=dict, rows=list, parts=list, texts=dict, known=dict, rows_done=set, cell=CCell, frags=list,
               ints=dict, k=cython.Py_ssize_t)
def _cells_text(cells, keys) -> str:
    """_cells_json(cells) as json writes it: {"row":{"col":value,…},…}, rows in the order they first come.
    `keys`: the table's cell keys in the template's order (or None); a table keyed by exactly those, as a table
    read whole is, is written into the template's own text (_layout), its values alone looked at."""
    frags = _layout(keys) if keys is not None and len(cells) == len(keys) else None
    if frags is not None:
        if cython.compiled:
            text = _cells_in_layout(cells, keys, frags)
            if text is not None:
                return text
        elif keyed_in_order(cells, keys):
            parts = [frags[0]]
            ints = _INT_TEXT
            k = 1
            for cell in cells.values():
                v = cell.value
                if type(v) is int and cell.state == NUMBER:
                    text = ints.get(v)
                    if text is None:
                        text = int.__repr__(v)
                else:
                    text = _scalar(cell.json_value())
                parts.append(text)
                parts.append(frags[k])
                k += 1
            return "".join(parts)
    rows = []
    parts = None
    last = None
    rows_done = set()
    known = _CELL_TEXT
    for (row, col), cell in cells.items():
        if row != last:
            if parts is not None:
                rows.append(_key(last) + "{" + ",".join(parts) + "}")
                rows_done.add(last)
            if row in rows_done:        # a row's cells apart from each other: the document's way (rare)
                raise _Unwritable(row)
            parts = []
            last = row
        v = cell.value
        if type(v) is int and cell.state == NUMBER:
            texts = known.get(col)
            if texts is None:
                texts = known[col] = {}
            text = texts.get(v)
            if text is None:
                text = _key(col) + _scalar(v)
                if len(texts) < 1000:
                    texts[v] = text
        else:
            text = _key(col) + _scalar(cell.json_value())
        parts.append(text)
    if parts is not None:
        rows.append(_key(last) + "{" + ",".join(parts) + "}")
    return "{" + ",".join(rows) + "}"


@cython.cfunc
@cython.locals(parts=list, known=dict, whole=dict, cacheable=cython.bint)
def _keys_text(keys) -> str:
    """[[row, col], …]"""
    whole = _KEYS_TEXT
    if type(keys) is tuple and len(keys) > 8:     # a row's or a table's cells, named again report after report
        text = whole.get(keys)
        if text is not None:
            return text
    parts = []
    known = _PAIR_TEXT
    cacheable = True
    for key in keys:
        if type(key) is not tuple or len(key) != 2:
            raise _Unwritable(key)
        if type(key[0]) is not str or type(key[1]) is not str:
            # (1, True and 1.0 are equal keys that write differently: only (str, str) pairs are cached)
            cacheable = False
            parts.append("[" + _scalar(key[0]) + "," + _scalar(key[1]) + "]")
            continue
        text = known.get(key)
        if text is None:
            text = "[" + _scalar(key[0]) + "," + _scalar(key[1]) + "]"
            if len(known) < 4096:
                known[key] = text
        parts.append(text)
    text = "[" + ",".join(parts) + "]"
    if cacheable and type(keys) is tuple and len(keys) > 8 and len(whole) < 1024:
        whole[keys] = text
    return text


@cython.cfunc
@cython.locals(out=list)
def _write_finding(out: list, f) -> None:
    out += ['{"severity":', _scalar(f.severity), ',"kind":', _scalar(f.kind), ',"table":', _scalar(f.table),
            ',"cells":', _keys_text(f.cells), ',"expected":', _scalar(json_number(f.expected)),
            ',"actual":', _scalar(json_number(f.actual)), ',"message":', _scalar(f.message),
            ',"rule":', _scalar(f.rule)]
    if f.focus:
        out += [',"focus":', _keys_text(f.focus)]
    out.append("}")


@cython.cfunc
@cython.locals(out=list)
def _write_fix(out: list, x) -> None:
    out += ['{"table":', _scalar(x.table), ',"cell":[', ",".join([_scalar(v) for v in x.cell]),
            '],"current":', _scalar(x.current.json_value()), ',"value":', _scalar(json_number(x.value)), "}"]


@cython.cfunc
@cython.locals(out=list)
def _write_records(out: list, records) -> None:
    """Findings or fixes, comma-separated (a record of any other class: the document's way)."""
    for k, record in enumerate(records):
        if k:
            out.append(",")
        if type(record) is Finding:
            _write_finding(out, record)
        elif type(record) is Fix:
            _write_fix(out, record)
        else:
            raise _Unwritable(record)


@cython.locals(out=list, tables=list)
def _write_report(report: Report, result: CheckResult) -> bytes:
    """report_json(report, result) as json's encoder writes it, in UTF-8."""
    head = ('{"path":' + _scalar(report.path) + ',"encoding":' + _scalar(report.encoding) + ',"format":'
            + _scalar(report.format) + ',"title":' + _scalar(report.title) + ',"year":' + _scalar(report.year)
            + ',"tables":{')
    tables = []
    for k, (tid, cells) in enumerate(report.tables.items()):
        if k:
            tables.append(",")
        tables.append(_key(tid))
        tables.append('{"cells":')
        tables.append(_cells_text(cells, _template_keys(report, tid)))
        tables.append("}")
    out = ['},"findings":[']
    _write_records(out, result.findings)
    out.append('],"fixes":[')
    _write_records(out, result.fixes)
    out.append("]")
    if report.error:
        out.append(',"error":')
        out.append(_scalar(report.error))
    out.append("}")
    return b"".join([head.encode("utf-8", "replace"), _utf8(tables), _utf8(out)])


@cython.cfunc
@cython.locals(parts=list, chunks=list, k=cython.Py_ssize_t, start=cython.Py_ssize_t, p=str)
def _utf8(parts: list) -> bytes:
    """"".join(parts) in UTF-8: runs of ASCII pieces joined and encoded as the bytes they are (a copy), each other
    piece encoded by itself, so that a message's Chinese does not make the encoder read every character around it
    at two bytes each. ("replace": a file name's undecodable byte, a lone surrogate, is written "?", as stdout
    always did; it replaces character by character, so pieces encode as the whole would.)"""
    chunks = []
    start = 0
    for k in range(len(parts)):
        p = parts[k]
        if not p.isascii():
            if k > start:
                chunks.append("".join(parts[start:k]).encode("ascii"))
            chunks.append(p.encode("utf-8", "replace"))
            start = k + 1
    if start == 0:
        return "".join(parts).encode("ascii")
    if start < len(parts):
        chunks.append("".join(parts[start:]).encode("ascii"))
    return b"".join(chunks)


def _template_keys(report: Report, tid):
    """The template's cell keys of a report's table, in order (None for a table or a format the templates do not
    have: a report built by hand)."""
    try:
        return report.template_for(tid).tables[tid].cell_ids()
    except (KeyError, TypeError, ValueError):
        return None


def check_path(path: str, encoding: str | None = None):
    """(report, result) for one file, or (None, message) when it cannot be read."""
    try:
        report = load_report(path, encoding)
    except GoujiError as exc:
        return None, str(exc)
    except MemoryError:
        return None, "文件太大，内存不足，无法读取。"
    except Exception as exc:  # noqa: BLE001 - a bug must not end the batch; say it in Chinese
        return None, f"读取时发生内部错误（{type(exc).__name__}），请把此文件发给开发者。"
    return report, check(report)


def expand_paths(paths: list[str]):
    """Yield (path, error_or_None): folders expand to their report files, recursively."""
    for p in paths:
        if os.path.isdir(p):
            files = list(iter_report_files(p))
            if not files:
                yield p, "文件夹中没有找到报告文件（.txt、.docx、.html、.pdf 或 Gouji 导出的 .xlsx）。"
            for f in files:
                yield f, None
        else:
            yield p, None


def _cmd_check(argv: list[str], program: bool = False) -> int:
    args = _plain_check_args(argv)
    if args is None:
        ap = _parser(prog="gouji check", description="检查年度报告的统计表")
        ap.add_argument("paths", nargs="+", metavar="PATH")
        ap.add_argument("--json", action="store_true", help="输出 JSON")
        ap.add_argument("--encoding", help="指定文件编码（不自动识别）")
        ap.add_argument("--summary", metavar="OUT.xlsx", help="把每份报告的结论写成汇总工作簿")
        args = ap.parse_args(argv)
    items = list(expand_paths(args.paths))
    progress = _Progress(len(items)) if not args.json and len(items) > 3 and sys.stderr.isatty() else None
    checked: list[tuple[str, Report | None, CheckResult | None, str | None]] = []
    # A batch keeps every report for the cross-report checks and the JSON; the cyclic collector would
    # rescan that growing heap again and again while finding nothing to free (reports hold no cycles).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        status = _check_batch(args, items, progress, checked)
        if program:
            _exit_now(status)
        return status
    finally:
        if gc_was_enabled:
            gc.enable()


def _exit_now(status: int) -> None:
    """End the process with `status` once its output is out, without taking the batch apart object by object:
    a batch holds every report (600 of them: a quarter of a million objects), and freeing them, then the
    interpreter's modules, is about 4 % of `gouji check --json` on a folder (benchmarks/README.md, fifteenth
    session). Only for the process itself (`gouji`, `python -m app`), not under a profiler or debugger: a caller of
    main() gets its status back."""
    import atexit
    sys.stdout.flush()              # (a reader gone away raises BrokenPipeError here: main() handles it)
    sys.stderr.flush()
    atexit._run_exitfuncs()         # what the interpreter would run on its way out (app/_regex.py's cache)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _check_batch(args, items, progress, checked) -> int:
    for k, (path, err) in enumerate(items):
        if err is None:
            report, result = check_path(path, args.encoding)
            if report is None:
                err = result
        checked.append((path, None, None, err) if err is not None else (path, report, result, report.error))
        if progress:
            progress.step(k + 1)
    if progress:
        progress.done()
    checked = add_cross_report_findings(checked)
    status = 0
    # The JSON document is written report by report: a batch's document runs to megabytes, and
    # holding every report's tree and the whole text at once only costs memory and time.
    write = _json_writer() if args.json else None
    if write:
        write(b'{"version":1,"reports":[')
    for k, (path, report, result, err) in enumerate(checked):
        if report is None:
            status = 2
            if write:
                data = standard_json(error_json(path, err))
                write(b"," + data if k else data)
            else:
                _print_error(path, err)
            continue
        if report.error:
            status = 2
        elif result.errors and status == 0:
            status = 1
        if write:
            data = report_json_bytes(report, result)
            write(b"," + data if k else data)
        else:
            _print_summary(report, result)
    if write:
        write(b"]}\n")
        sys.stdout.flush()
    if args.summary:
        try:
            from .summary import write_summary
            write_summary(checked, args.summary)
        except GoujiError as exc:
            print(f"汇总工作簿未能写出：{exc}", file=sys.stderr)
            status = max(status, 2)
    return status


def add_cross_report_findings(checked):
    """Reports of the same body for consecutive years, and summaries, checked against each other."""
    loaded = [(k, c[1]) for k, c in enumerate(checked) if c[1] is not None]
    if len(loaded) < 2:
        return checked
    extra = cross_report_findings([r for _, r in loaded])
    out = list(checked)
    for i, fs in extra.items():
        k, report = loaded[i]
        path, rep, result, err = out[k]
        out[k] = (path, rep, with_findings(result, fs), err)
    return out


class _Progress:
    def __init__(self, total: int):
        self.total = total

    def step(self, n: int) -> None:
        width = 30
        fill = width * n // self.total
        sys.stderr.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {n}/{self.total}")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


def _json_writer():
    """Where JSON goes: UTF-8 bytes to stdout's buffer (JSON is UTF-8, whatever the console's code page),
    or text when stdout has no buffer (a test's StringIO)."""
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        return lambda data: out.write(data.decode("utf-8"))
    out.flush()
    return buffer.write


def standard_json(doc) -> bytes:
    """A JSON document as json's encoder writes it (compact, non-ASCII as is), in UTF-8."""
    global _standard_encode
    if _standard_encode is None:
        import json     # (only here: a batch's reports are written by _write_report; json costs 30 M instructions)
        _standard_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
    # "replace": a file name's undecodable byte (a lone surrogate) is written "?", as stdout always did
    return _standard_encode(doc).encode("utf-8", "replace")


_standard_encode = None


def report_json_bytes(report: Report, result: CheckResult) -> bytes:
    """standard_json(report_json(report, result)), written straight from the report where it can be."""
    try:
        return _write_report(report, result)
    except _Unwritable:
        return standard_json(report_json(report, result))


def _write_out(text: str) -> None:
    out = sys.stdout
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        out.buffer.write((text + "\n").encode("utf-8"))
    out.flush()


_SOURCE_KIND = {"docx": "Word 文档", "pdf": "PDF 文件", "xlsx": "Gouji 工作簿"}


def _print_error(path: str, message: str) -> None:
    _write_out(f"✗ {path}\n  无法检查：{message}")


def _print_summary(report: Report, result: CheckResult) -> None:
    verdict = "无错误" if not result.errors else f"{result.errors} 处错误"
    if result.warnings:
        verdict += f" · {result.warnings} 处提醒"
    mark = "✓" if not result.errors and not report.error else "✗"
    tables = "、".join(TABLE_SHORT[t][:2] for t in report.tables)
    source = _SOURCE_KIND.get(report.encoding, f"编码 {report.encoding}")
    lines = [f"{mark} {report.path}",
             f"  {report.title} · {report.format}年版格式 · {source} · 表格：{tables} · {verdict}"]
    if report.error:
        lines.append(f"  注意：{report.error}")
    shown_warnings = 0
    for f in result.findings:
        if f.severity == "error":
            lines.append(f"  错误：{f.message}")
        elif shown_warnings < 5:
            lines.append(f"  提醒：{f.message}")
            shown_warnings += 1
    if result.warnings > shown_warnings:
        lines.append(f"  ……另有 {result.warnings - shown_warnings} 处提醒（用 --json 查看全部）")
    converted = _SOURCE_KIND.get(report.encoding) if report.encoding in ("docx", "pdf") else \
        "网页" if report.path.lower().endswith(_HTML_SUFFIXES) else None
    if converted and any(_LINE_REF.search(line) for line in lines[2:]):
        # The file has no lines to count: they are the lines of the text Gouji made of it.
        lines.append(f"  （“第 N 行”是 Gouji 把这份{converted}转换成文本后的行号，窗口的“原文”栏显示的就是这份文本。）")
    _write_out("\n".join(lines))


_LINE_REF = re.compile(r"第 \d+(?:—\d+)? 行")


def _cmd_export(argv: list[str]) -> int:
    ap = _parser(prog="gouji export", description="检查报告并导出 xlsx 工作簿")
    ap.add_argument("file")
    ap.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    ap.add_argument("--encoding")
    args = ap.parse_args(argv)
    try:
        report = load_report(args.file, args.encoding)
        result = check(report)
        from .export import export_workbook
        export_workbook(report, result, args.output)
    except GoujiError as exc:
        print(f"导出失败：{exc}", file=sys.stderr)
        return 2
    verdict = "无错误" if not result.errors else f"{result.errors} 处错误"
    _write_out(f"已导出 {args.output}（{verdict}，{result.warnings} 处提醒）")
    return 1 if result.errors else 0


def main(argv: list[str] | None = None) -> int:
    # The process's own command line (`gouji`, `python -m app`), not a caller's; and nothing watching it that has
    # work of its own after main() (a profiler's report, a debugger: `python -m cProfile -m app check …`).
    program = argv is None and sys.gettrace() is None and sys.getprofile() is None
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
    if argv and argv[0] in ("-h", "--help", "help"):
        _write_out(USAGE)
        return 0
    if argv and argv[0] == "--version":
        from . import __version__
        _write_out(f"gouji {__version__}")
        return 0
    try:
        if argv and argv[0] == "check":
            return _cmd_check(argv[1:], program)
        if argv and argv[0] == "export":
            return _cmd_export(argv[1:])
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`gouji check --json DIR | head`): stop quietly, as other tools do.
        # stdout is pointed at devnull so that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return _gui(argv)


def _gui(argv: list[str]) -> int:
    ap = _parser(prog="gouji", usage=USAGE)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--screenshot", metavar="PNG")
    ap.add_argument("--smoke-test", action="store_true")
    ap.add_argument("--encoding")
    args = ap.parse_args(argv)
    if (args.screenshot or args.smoke_test) and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"     # these render off screen by contract
    elif (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
          and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        print("无法打开窗口：没有图形显示环境（DISPLAY 未设置）。可以用 gouji check 在命令行检查报告，"
              "或用 --screenshot 生成截图。", file=sys.stderr)
        return 2
    try:
        from ui.main import run
    except ImportError as exc:
        print(f"无法启动窗口：缺少图形界面组件（{exc}）。可以用 gouji check 在命令行检查报告。", file=sys.stderr)
        return 2
    return run(args.files, screenshot=args.screenshot, smoke_test=args.smoke_test, encoding=args.encoding)
