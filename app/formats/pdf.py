"""A text-based PDF report → text: ruled tables as tab-separated rows, the rest as paragraphs.

Per page, pdfplumber finds the ruled tables; each table's cells are laid on the grid their edges
make, so a merged cell appears once and a cell spanning rows down is an empty cell in the rows
below (the same text a Word table gives). Text outside the tables is read line by line, and a line
that runs to the right margin is joined to the next (a paragraph wrapped by the page, not by its
author). Tables and text keep their order on the page, pages their order in the file.
A PDF without text (a scan) is refused: Gouji does no OCR.
"""

from __future__ import annotations

import io
from bisect import bisect_left

from .._exceptions import DecodeError

__all__ = ["pdf_to_text", "MAX_PAGES"]

MAX_PAGES = 300
_SNAP = 2.0   # points: edges closer than this are one grid line


def pdf_to_text(data: bytes) -> str:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a declared dependency
        raise DecodeError("没有安装读取 PDF 所需的组件（pdfplumber），无法检查 PDF 报告。") from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DecodeError("这个 PDF 已加密（设置了打开密码或禁止提取），无法读取。请去掉密码后另存一份再检查。") from None
    except PDFSyntaxError:
        raise DecodeError("这个 PDF 文件已损坏或不完整，无法读取。") from None
    except Exception as exc:
        raise DecodeError(f"无法打开这个 PDF 文件（{type(exc).__name__}），文件可能已损坏。") from None
    lines: list[str] = []
    chars = 0
    images = 0
    try:
        with pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise DecodeError(f"这个 PDF 有 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页的上限，不像是一份年度报告。")
            for page in pdf.pages:
                chars += len(page.chars)
                images += len(page.images)
                _page(page, lines)
                page.close()  # frees the page's parsed objects; a long report stays small
    except DecodeError:
        raise
    except Exception as exc:
        raise DecodeError(f"读取 PDF 内容时出错（{type(exc).__name__}），文件可能已损坏。") from None
    text = "\n".join(lines)
    if chars == 0 or not text.strip():
        if images:
            raise DecodeError("这个 PDF 是扫描件或图片（没有可以选中的文字），Gouji 不支持文字识别（OCR）。"
                              "请使用含文字的 PDF、Word 或网页版报告。")
        raise DecodeError("这个 PDF 里没有文字，无法检查。")
    return text


def _page(page, lines: list[str]) -> None:
    tables = page.find_tables()
    items: list[tuple[float, int, list[str]]] = []
    for table in tables:
        items.append((table.bbox[1], 1, _table_rows(page, table)))
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    items += [(top, 0, [text]) for top, text in _prose(outside)]
    items.sort(key=lambda it: (it[0], it[1]))
    for _, is_table, rows in items:
        if is_table:
            if lines and lines[-1] != "":
                lines.append("")
            lines.extend(rows)
            lines.append("")
        else:
            lines.extend(rows)


def _prose(page) -> list[tuple[float, str]]:
    """Text lines outside ruled tables.

    A line reaching the right margin continues on the next (the page wrapped it, not its author).
    A gap of several character widths inside a line is a column gap: it becomes a tab, so a table
    drawn without rules still reads as rows of cells.
    """
    raw = page.extract_text_lines(return_chars=True, strip=True)
    if not raw:
        return []
    right = max(ln["x1"] for ln in raw)
    left = min(ln["x0"] for ln in raw)
    out: list[tuple[float, str]] = []
    joining = False
    for ln in raw:
        text, width = _line_text(ln)
        if joining and ln["x0"] <= left + width * 0.5 and out and "\t" not in text:
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((ln["top"], text))
        # A wrapped line ends within about a character of the right margin.
        joining = ln["x1"] >= right - 1.5 * width and len(text) >= 20 and "\t" not in text
    return out


def _line_text(ln) -> tuple[str, float]:
    chars = [c for c in ln.get("chars") or () if c.get("text")]
    if not chars:
        text = ln["text"]
        return text, (ln["x1"] - ln["x0"]) / max(len(text), 1)
    sizes = sorted(c.get("size") or (c["x1"] - c["x0"]) for c in chars)
    em = sizes[len(sizes) // 2] or 1.0
    parts = [chars[0]["text"]]
    for prev, ch in zip(chars, chars[1:]):
        gap = ch["x0"] - prev["x1"]
        if gap > 2.0 * em:
            parts.append("\t")
        elif gap > 0.15 * em and prev["text"] != " " and ch["text"] != " ":
            parts.append(" ")  # a space the PDF positions rather than draws
        parts.append(ch["text"])
    text = "".join(parts).strip(" ")
    return text, (ln["x1"] - ln["x0"]) / max(len(text), 1)


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(grid: list[float], v: float) -> int:
    i = bisect_left(grid, v - _SNAP)
    return min(i, len(grid) - 1)


def _table_rows(page, table) -> list[str]:
    cells = [c for c in table.cells if c]
    if not cells:
        return []
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    placed = []
    for (x0, top, x1, bottom) in cells:
        c0 = _index(xs, x0)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        placed.append((r0, max(r1, r0 + 1), c0, (x0, top, x1, bottom)))
    bx0, btop, bx1, bbottom = table.bbox
    chars = [ch for ch in page.chars
             if bx0 <= (ch["x0"] + ch["x1"]) / 2 <= bx1 and btop <= (ch["top"] + ch["bottom"]) / 2 <= bbottom]
    texts = _cell_texts([p[3] for p in placed], chars)
    n_rows = len(ys) - 1
    rows: list[list[tuple[int, str]]] = [[] for _ in range(max(n_rows, 1))]
    for (r0, r1, c0, _), text in zip(placed, texts):
        if r0 < len(rows):
            rows[r0].append((c0, text))
        for r in range(r0 + 1, min(r1, len(rows))):
            rows[r].append((c0, ""))  # a cell spanning rows down reads as empty below its first row
    out = []
    for row in rows:
        if row:
            row.sort(key=lambda x: x[0])
            out.append("\t".join(t for _, t in row))
    return out


def _cell_texts(bboxes, chars) -> list[str]:
    """Each cell's characters in reading order; the cell's own line breaks are dropped."""
    from pdfplumber.utils import extract_text
    buckets: list[list[dict]] = [[] for _ in bboxes]
    # Cells do not overlap: index them by their top edge to keep this near linear.
    order = sorted(range(len(bboxes)), key=lambda i: bboxes[i][1])
    tops = [bboxes[i][1] for i in order]
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        hi = bisect_left(tops, cy)
        for j in range(hi - 1, -1, -1):
            i = order[j]
            x0, top, x1, bottom = bboxes[i]
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets[i].append(ch)
                break
    out = []
    for bucket in buckets:
        if not bucket:
            out.append("")
            continue
        text = extract_text(bucket, layout=False)
        out.append(" ".join(text.split("\n")).replace("\t", " ").strip() if _latin(text)
                   else text.replace("\n", "").replace("\t", " ").strip())
    return out


def _latin(text: str) -> bool:
    """Wrapped Latin words need their space back; wrapped Chinese does not."""
    return not any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)
