"""Rectangular blocks as tab-separated text, the way Excel and WPS put them on the clipboard."""

from __future__ import annotations

__all__ = ["to_tsv", "parse_tsv"]


def to_tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row) for row in rows) + "\n"


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells; a trailing line break is not an extra row; quoted cells lose their quotes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    rows = []
    for line in text.split("\n"):
        cells = []
        for cell in line.split("\t"):
            if len(cell) >= 2 and cell[0] == cell[-1] == '"':
                cell = cell[1:-1].replace('""', '"')
            cells.append(cell)
        rows.append(cells)
    return rows
