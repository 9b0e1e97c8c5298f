"""Lay a TableSpec out as the official table: merged multi-level headers, row labels, data cells.

Pure Python (no Qt) so it is easy to test; the model and the views read it.
"""

from __future__ import annotations

from math import lcm

from app._record import Frozen, Record, set_field
from app.template import Block, TableSpec

__all__ = ["GridCell", "GridLayout", "build_layout", "TITLE", "CORNER", "HEADER", "LABEL", "DATA"]

TITLE, CORNER, HEADER, LABEL, DATA = "title", "corner", "header", "label", "data"
CellKey = tuple[str, str]


class GridCell(Frozen):
    __slots__ = ("kind", "text", "key", "rows", "cols")

    def __init__(self, kind: str, text: str = "", key: CellKey | None = None, rows: int = 1, cols: int = 1):
        set_field(self, "kind", kind)
        set_field(self, "text", text)
        set_field(self, "key", key)
        set_field(self, "rows", rows)
        set_field(self, "cols", cols)


class GridLayout(Record):
    __slots__ = ("table", "n_rows", "n_cols", "label_cols", "frozen_rows", "anchors", "positions", "_cover")

    def __init__(self, table: str, n_rows: int = 0, n_cols: int = 0, label_cols: int = 0, frozen_rows: int = 0,
                 anchors: dict | None = None, positions: dict | None = None, _cover: dict | None = None):
        self.table = table
        self.n_rows = n_rows
        self.n_cols = n_cols
        self.label_cols = label_cols
        self.frozen_rows = frozen_rows          # leading header rows that stay in view
        self.anchors: dict[tuple[int, int], GridCell] = {} if anchors is None else anchors
        self.positions: dict[CellKey, tuple[int, int]] = {} if positions is None else positions
        self._cover: dict[tuple[int, int], tuple[int, int]] = {} if _cover is None else _cover

    def put(self, r: int, c: int, cell: GridCell) -> None:
        self.anchors[(r, c)] = cell
        for dr in range(cell.rows):
            for dc in range(cell.cols):
                self._cover[(r + dr, c + dc)] = (r, c)
        if cell.key is not None:
            self.positions[cell.key] = (r, c)

    def anchor_of(self, r: int, c: int) -> tuple[int, int] | None:
        """The top-left position of the (merged) cell covering (r, c)."""
        return self._cover.get((r, c))

    def cell_at(self, r: int, c: int) -> GridCell | None:
        return self.anchors.get((r, c))

    def spans(self):
        return [(r, c, g.rows, g.cols) for (r, c), g in self.anchors.items() if g.rows > 1 or g.cols > 1]

    def data_positions(self) -> list[tuple[int, int]]:
        return sorted(p for p, g in self.anchors.items() if g.kind == DATA)

    def step(self, r: int, c: int, dr: int, dc: int) -> tuple[int, int] | None:
        """The next data cell from (r, c) going (dr, dc), skipping labels, headers and gaps."""
        a = self.anchor_of(r, c) or (r, c)
        cell = self.anchors.get(a)
        rr, cc = a
        while True:
            if dr > 0:
                rr += cell.rows if cell and rr == a[0] else 1
            elif dr < 0:
                rr -= 1
            if dc > 0:
                cc += cell.cols if cell and cc == a[1] else 1
            elif dc < 0:
                cc -= 1
            if not (0 <= rr < self.n_rows and 0 <= cc < self.n_cols):
                return None
            b = self.anchor_of(rr, cc)
            if b is not None and self.anchors[b].kind == DATA and b != a:
                return b
            if b is not None and b != a:
                # continue from past the merged cell we landed on
                g = self.anchors[b]
                if dr > 0:
                    rr = b[0] + g.rows - 1
                if dc > 0:
                    cc = b[1] + g.cols - 1

    def next_in_order(self, r: int, c: int, backwards: bool = False) -> tuple[int, int] | None:
        """Tab order: data cells row by row."""
        order = self.data_positions()
        a = self.anchor_of(r, c) or (r, c)
        if backwards:
            before = [p for p in order if p < a]
            return before[-1] if before else None
        after = [p for p in order if p > a]
        return after[0] if after else None


def build_layout(spec: TableSpec) -> GridLayout:
    rows_all = spec.rows()
    label_cols = max((len(r.path) for r in rows_all if any(r.path)), default=0)
    width = lcm(*[len(b.columns) for b in spec.blocks])
    g = GridLayout(spec.id, label_cols=label_cols, n_cols=label_cols + width)
    r0 = 0
    single = len(spec.blocks) == 1
    for block in spec.blocks:
        if not single and block.title:
            g.put(r0, 0, GridCell(TITLE, block.title, cols=g.n_cols))
            r0 += 1
        r0 = _headers(g, block, r0, width)
        if single:
            g.frozen_rows = r0
        r0 = _body(g, block, r0, width)
    g.n_rows = r0
    return g


def _headers(g: GridLayout, block: Block, r0: int, width: int) -> int:
    depth = max(len(c.path) for c in block.columns)
    if g.label_cols:
        g.put(r0, 0, GridCell(CORNER, block.corner, rows=depth, cols=g.label_cols))
    span = width // len(block.columns)
    cols = block.columns
    for level in range(depth):
        j = 0
        while j < len(cols):
            path = cols[j].path
            c = g.label_cols + j * span
            if level < len(path) - 1:
                k = j + 1
                while k < len(cols) and len(cols[k].path) - 1 > level and cols[k].path[:level + 1] == path[:level + 1]:
                    k += 1
                g.put(r0 + level, c, GridCell(HEADER, path[level], cols=(k - j) * span))
                j = k
                continue
            if level == len(path) - 1:
                g.put(r0 + level, c, GridCell(HEADER, path[-1], rows=depth - level, cols=span))
            j += 1
    return r0 + depth


def _body(g: GridLayout, block: Block, r0: int, width: int) -> int:
    span = width // len(block.columns)
    rows = block.rows
    for i, row in enumerate(rows):
        r = r0 + i
        path = row.path if any(row.path) else ()
        if g.label_cols:
            for level in range(len(path) - 1):
                if i > 0 and rows[i - 1].path[:level + 1] == path[:level + 1] and len(rows[i - 1].path) - 1 > level:
                    continue                    # merged into the cell above
                k = i + 1
                while k < len(rows) and rows[k].path[:level + 1] == path[:level + 1] and len(rows[k].path) - 1 > level:
                    k += 1
                g.put(r, level, GridCell(LABEL, path[level], rows=k - i))
            last = max(len(path) - 1, 0)
            g.put(r, last, GridCell(LABEL, path[-1] if path else "", cols=g.label_cols - last))
        for j, col in enumerate(block.columns):
            g.put(r, g.label_cols + j * span, GridCell(DATA, key=(row.id, col.id), cols=span))
    return r0 + len(rows)
