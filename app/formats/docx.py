"""A Word (.docx) report → text, reading the document's own structure rather than flattened text.

The body is walked in order (paragraphs and tables interleaved, content controls opened). A table
row is read from its <w:tc> elements, not from python-docx's row.cells: that view repeats a
horizontally merged cell once per grid column and repeats the top cell of a vertical merge in
every row below, which would shift the numbers against the labels. Here a merged cell appears
once, and a cell continuing a vertical merge is an empty cell, as in the text the seeds show.

Safety: the zip is vetted (entries, sizes, ratio) before python-docx opens it; python-docx parses
every part with its own lxml parser built with resolve_entities=False (and lxml's defaults:
no network, no huge trees), so neither external entities nor entity expansion are resolved.
"""

from __future__ import annotations

import io

from .._exceptions import DecodeError
from .safety import open_zip

__all__ = ["docx_to_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_CUSTOM_XML = _W + "customXml"
_R, _T, _TAB, _BR, _CR = (_W + t for t in ("r", "t", "tab", "br", "cr"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_MAX_TABLE_DEPTH = 8


def docx_to_text(data: bytes) -> str:
    zf = open_zip(data, "Word 文档")
    names = set(zf.namelist())
    zf.close()
    if "[Content_Types].xml" not in names:
        raise DecodeError("这个文件是压缩包，但不是 Word 文档（.docx）。")
    try:
        import docx
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise DecodeError(f"无法打开这个 Word 文档（{type(exc).__name__}）：文件可能已损坏，"
                          f"或不是 Word 2007 及以后的 .docx 格式。请用 Word 或 WPS 重新保存后再试。") from None
    lines: list[str] = []
    _walk(document.element.body, lines, 0)
    text = "\n".join(lines)
    if not text.strip():
        raise DecodeError("这个 Word 文档里没有文字（可能只有图片，例如扫描件），无法检查。")
    return text


def _walk(container, lines: list[str], depth: int) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == _P:
            lines.extend(_paragraph_text(child).split("\n"))
        elif tag == _TBL:
            _table(child, lines, depth)
        elif tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            _walk(child if tag != _SDT else _first(child, _SDT_CONTENT) or child, lines, depth)


def _first(el, tag):
    for c in el.iterchildren(tag):
        return c
    return None


def _paragraph_text(p) -> str:
    """Runs anywhere in the paragraph (hyperlinks, tracked insertions, fields), not in text boxes."""
    out = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        parent = el.getparent()
        if parent is None or parent.tag != _R:
            continue  # a <w:tab> in <w:tabs> is a tab stop, not text
        host = next(el.iterancestors(_P, _FALLBACK), None)
        if host is not p:
            continue  # a text box's own paragraph, or the duplicate in mc:Fallback
        tag = el.tag
        out.append(el.text or "" if tag == _T else "\t" if tag == _TAB else "\n")
    return "".join(out)


def _table(tbl, lines: list[str], depth: int) -> None:
    if depth >= _MAX_TABLE_DEPTH:
        return
    if lines and lines[-1] != "":
        lines.append("")
    nested: list = []
    for tr in _rows(tbl):
        cells = []
        for tc in _cells(tr):
            if tc.vMerge == "continue":
                cells.append("")
                continue
            if _h_merge(tc) == "continue":
                continue  # legacy horizontal merge: the first cell already carries the text
            cells.append(_cell_text(tc, nested))
        if cells:
            lines.append("\t".join(cells))
    lines.append("")
    # A table inside a cell is a table of its own: read after its host, in order.
    for inner in nested:
        _table(inner, lines, depth + 1)


def _rows(tbl):
    for child in tbl.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            for tr in child.iter(_TR):
                yield tr


def _cells(tr):
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            for tc in child.iter(_TC):
                yield tc


def _h_merge(tc) -> str | None:
    tc_pr = tc.tcPr
    if tc_pr is None:
        return None
    for el in tc_pr.iterchildren(_W + "hMerge"):
        return el.get(_W + "val", "continue")
    return None


def _cell_text(tc, nested: list) -> str:
    parts = []
    for child in tc.iterchildren():
        if child.tag == _P:
            parts.append(_paragraph_text(child))
        elif child.tag == _TBL:
            nested.append(child)
        elif child.tag in (_SDT, _CUSTOM_XML):
            for p in child.iter(_P):
                parts.append(_paragraph_text(p))
    # A line break inside a cell wraps a label ("商业\n企业"); a tab would split the row.
    return "".join(parts).replace("\n", "").replace("\t", " ").replace("\r", "")
