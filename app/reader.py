"""Path → Report: size limit, file type, decoding and parsing, all errors as GoujiError."""

from __future__ import annotations

import os
import stat

from ._exceptions import DecodeError, GoujiError, NoTableError, ReadError
from .encoding import decode_report_bytes
from .formats import convert, sniff_kind
from .model import Finding, Report
from .parse import parse_text
from .template import TABLE_SHORT

__all__ = ["load_report", "load_text", "iter_report_files", "MAX_BYTES", "REPORT_SUFFIXES"]

MAX_BYTES = 50 * 1024 * 1024
REPORT_SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".xlsx", ".docx", ".html", ".htm", ".pdf")
_SKIP_DIRS = {".git", "__pycache__", ".venv", "node_modules"}


# Non-blocking: opening a named pipe (FIFO) would otherwise wait for a writer for ever (no effect on files).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: str | os.PathLike) -> bytes:
    # One open and one fstat of the open file (not a stat of the path first): a batch reads hundreds.
    # Opening a folder succeeds on POSIX (fstat tells), fails with PermissionError on Windows.
    try:
        fh = open(os.open(path, _OPEN_FLAGS), "rb", buffering=0)
    except FileNotFoundError:
        raise ReadError(f"找不到文件：{path}") from None
    except (IsADirectoryError, PermissionError) as exc:
        if isinstance(exc, IsADirectoryError) or os.path.isdir(path):
            raise ReadError(f"{path} 是一个文件夹，不是报告文件。") from None
        raise ReadError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise ReadError(f"无法访问文件 {path}：{exc.strerror or exc}") from None
    with fh:
        try:
            st = os.fstat(fh.fileno())
            if stat.S_ISFIFO(st.st_mode):
                # A pipe (`gouji check /dev/stdin`, `<(iconv …)`): read it to its end, as cat would. With no
                # writer it is empty at once; opening it did not wait for one.
                os.set_blocking(fh.fileno(), True)
                return _read_all(fh, 0)
            if not stat.S_ISREG(st.st_mode):
                if stat.S_ISDIR(st.st_mode):
                    raise ReadError(f"{path} 是一个文件夹，不是报告文件。")
                raise ReadError(f"{path} 不是普通文件（可能是设备文件），无法作为报告读取。")
            size = st.st_size
            if size > MAX_BYTES:
                raise ReadError(f"文件太大（{size / 1024 / 1024:.1f} MB），超过 {MAX_BYTES // 1024 // 1024} MB 的上限，"
                                f"不像是一份年度报告。")
            return _read_all(fh, size)
        except OSError as exc:
            raise ReadError(f"读取文件 {path} 时出错：{exc.strerror or exc}") from None


def _read_all(fh, size: int) -> bytes:
    """The file's bytes to its end, up to the size limit: first one read of the size fstat gave (a read
    of the whole limit would allocate 50 MB for every file), then on until the end of the file."""
    chunks, total, want = [], 0, size + 1
    while total <= MAX_BYTES:
        data = fh.read(min(want, MAX_BYTES + 1 - total))
        if not data:
            break
        chunks.append(data)
        total += len(data)
        want = 1 << 20
    return b"".join(chunks)


def load_text(text: str, path: str = "", encoding: str = "utf-8") -> Report:
    return parse_text(text, path, encoding)


def load_report(path: str | os.PathLike, encoding: str | None = None) -> Report:
    """Read, decode and parse one report file. Raises GoujiError (Chinese message) on failure."""
    data = read_bytes(path)
    kind = sniff_kind(path, data)
    if kind is not None:  # Word, web page, PDF: converted to the same tab-separated text
        text, label = convert(kind, data, encoding)
        return parse_text(text, str(path), label)
    if data[:4] == b"PK\x03\x04":
        if str(path).lower().endswith(".xlsx"):
            from .xlsx_read import read_workbook
            return read_workbook(path, data)
        raise DecodeError("这是一个压缩包或 Office 文档（.docx/.xlsx 等），不是文本报告。"
                          "目前可以检查 .txt 文本报告和 Gouji 导出的 .xlsx 工作簿。")
    if str(path).lower().endswith(".xlsx"):
        raise DecodeError("文件扩展名是 .xlsx，但内容不是 Excel 工作簿（文件可能已损坏或被改了扩展名）。")
    text, codec, damaged = decode_report_bytes(data, encoding)
    if str(path).lower().endswith(".csv") and text.count(",") > text.count("\t"):
        text = _csv_rows(text)
    report = parse_text(text, str(path), codec)
    return _say_damaged(report, damaged) if damaged else report


def _say_damaged(report: Report, lines: list[int]) -> Report:
    """A report read from a file a few bytes of which did not decode (shown as U+FFFD): said first. In GB18030 an
    error when one is among the tables (from the first cell's line to the last one's): a stray byte takes the next
    bytes with it, so the characters after it may come out as other characters, a label or a number misread
    without a trace; named after the table it is in or follows (a row garbled so is not read, so its lines are in
    no table's span). (UTF-8 keeps in step: only the bad bytes are lost, and a label or a number holding one is
    found unreadable where it is.)"""
    where = "、".join(map(str, lines[:5])) + ("等" if len(lines) > 5 else "")
    spans = sorted((min(at), max(at), tid) for tid, cells in report.tables.items()
                   if (at := [c.line for c in cells.values() if c.line]))
    inside = None
    for ln in (lines if not report.encoding.startswith("utf") else ()):
        if spans and spans[0][0] <= ln <= spans[-1][1]:
            inside = [tid for first, _, tid in spans if first <= ln][-1]
            break
    table = inside or next(iter(report.tables), "t1")
    how = (f"其中有的在{TABLE_SHORT[inside]}中，这张表的标签或数字可能读错了，请核对原文件。" if inside else
           "其余内容照常读取；这几处如果在表格或正文的数字中，请核对原文件。")
    note = Finding("error" if inside else "warning", "format", table, (), None, None,
                   f"文件第 {where} 行有按 {report.encoding} 无法解码的字节（可能是复制或保存时损坏的字符），已显示为“\ufffd”；"
                   + how, "R-ENCODING")
    return report.replace(parse_findings=(note,) + report.parse_findings)


def _csv_rows(text: str) -> str:
    """A table saved from Excel as CSV ("另存为 CSV"), as the tab-separated rows the parser reads: its
    cells are comma-separated, quoted when they hold a comma or a line break (kept as nothing: a wrapped
    label is one label)."""
    import csv
    import io
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return text
    return "\n".join("\t".join(c.replace("\r", "").replace("\n", "") for c in row) for row in rows)


def iter_report_files(folder: str | os.PathLike):
    """Every report file below folder, recursively, in a stable order: the folder's files by name, then its
    sub-folders by name (not hidden ones, not through links). Only regular files: a named pipe in a folder
    could keep its reader waiting for as long as its writer stays silent."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return
    files, dirs = [], []
    for e in entries:
        try:
            if e.is_dir():
                if not e.is_symlink() and e.name not in _SKIP_DIRS and not e.name.startswith("."):
                    dirs.append(e.name)
            elif not e.name.startswith((".", "~$")) and e.name.lower().endswith(REPORT_SUFFIXES) and (
                    e.is_file() or e.is_symlink() and not os.path.exists(e.path)):   # (a broken link is said so)
                files.append(e.name)
        except OSError:
            continue
    for name in sorted(files):
        yield os.path.join(folder, name)
    for name in sorted(dirs):
        yield from iter_report_files(os.path.join(folder, name))


__all__ += ["GoujiError", "NoTableError"]
