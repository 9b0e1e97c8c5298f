"""Word, web-page and PDF reports → the tab-separated text the one parser already reads.

Each converter keeps the document's order: a paragraph becomes a line, a table row becomes one
line of cells joined by tabs (a merged cell once, a cell covered by a vertical merge as an empty
cell, a cell's own line breaks dropped), and a blank line follows each table. The parser then maps
cells by their labels exactly as for a .txt report, so every input gives the same cells.

Converters are imported lazily: checking a .txt report never loads python-docx or pdfplumber.
"""

from __future__ import annotations

import os
import re

from .. import _regex
from .._exceptions import DecodeError

__all__ = ["sniff_kind", "convert", "SUFFIXES"]

SUFFIXES = (".docx", ".html", ".htm", ".pdf")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_HEAD = _regex.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|meta\s)",
                        re.I | re.S)


def sniff_kind(path: str | os.PathLike, data: bytes) -> str | None:
    """'docx', 'html', 'pdf', or None for everything the plain-text path (or .xlsx) reads."""
    name = str(path).lower()
    if data[:5] == b"%PDF-" or (name.endswith(".pdf") and b"%PDF-" in data[:1024]):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        if name.endswith(".xlsx"):
            return None
        if name.endswith((".docx", ".docm", ".dotx")) or b"word/document.xml" in data[:65536] \
                or b"word/document.xml" in data[-65536:]:
            return "docx"
        return None
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and name.endswith((".doc", ".wps", ".docx")):
        if name.endswith(".docx"):  # Office keeps a password-protected .docx in this older container
            raise DecodeError("这个 Word 文档设置了打开密码（或其实是旧版 .doc），无法读取。"
                              "请去掉密码，或在 Word/WPS 中“另存为” .docx 后再检查。")
        raise DecodeError("这是旧版 Word（.doc）或 WPS 文档，无法直接读取。请在 Word 或 WPS 中“另存为” .docx 后再检查。")
    if data[:5] == b"{\\rtf":
        raise DecodeError("这是 RTF 格式的文档，无法直接读取。请在 Word 或 WPS 中“另存为” .docx 后再检查。")
    if name.endswith(_HTML_SUFFIXES) or _HTML_HEAD.match(data[:4096]):
        return "html"
    return None


def convert(kind: str, data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding label) for parse_text. Raises a GoujiError subclass with a Chinese message."""
    if kind == "docx":
        from .docx import docx_to_text
        return docx_to_text(data), "docx"
    if kind == "html":
        from .html import html_to_text
        return html_to_text(data, encoding)
    if kind == "pdf":
        from .pdf import pdf_to_text
        return pdf_to_text(data), "pdf"
    raise ValueError(kind)
