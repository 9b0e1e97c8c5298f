"""The official table formats as data: one description drives parser, rules, grid and workbook.

Two generations exist (国办公开办函〔2019〕60号 "试行" and 〔2021〕30号). Every table is a list of
blocks; a block has its own columns (table 二 has four, the others one). Row and column paths
carry the multi-level headers so that the window and the workbook can draw merged cells.
Relations are addend lists, never hand-written conditions.
"""

from __future__ import annotations

from functools import lru_cache

from ._purecython import plain_python
from ._record import Frozen, set_field

__all__ = [
    "Column", "Row", "Block", "TableSpec", "Relation", "Template",
    "get_template", "GENERATIONS", "TABLE_IDS", "TABLE_TITLES", "cell_key", "keyed_in_order",
]

# C types for the hot loops' locals when compiled (app/_purecython.py); nothing in plain Python.
try:
    plain_python(globals())
    import cython
except ImportError:
    pass

# One tuple object for each cell id (row, column) of the templates, shared by the tables' cell lists, the relations
# and the parser's cell keys: a dict look-up with the very key it holds stops at identity, without comparing tuples
# (the rules look every operand of every relation up).
_CELL_KEYS: dict[tuple[str, str], tuple[str, str]] = {}


def cell_key(row: str, col: str) -> tuple[str, str]:
    """(row, col), as the one tuple the templates use for it (a new one for a cell no template has)."""
    key = (row, col)
    return _CELL_KEYS.get(key, key)


@cython.locals(cells=dict, keys=tuple, k=cython.Py_ssize_t, n=cython.Py_ssize_t)
def keyed_in_order(cells: dict, keys: tuple) -> bool:
    """Whether a table's cells are keyed by exactly `keys`, in that order (as the parser leaves a table it read
    whole): compared key by key, the templates' own tuples by identity, so that no key is hashed."""
    n = len(keys)
    if len(cells) != n:
        return False
    k = 0
    for key in cells:
        want = keys[k]
        if key is not want and key != want:
            return False
        k += 1
    return True

COUNT = "count"      # whole number >= 0
MONEY = "money"      # decimal >= 0, 万元, up to 4 decimals
SIGNED = "signed"    # signed whole number (2019 本年增/减)

TABLE_IDS = ("t1", "t2", "t3")
TABLE_TITLES = {
    "t1": "二、主动公开政府信息情况",
    "t2": "三、收到和处理政府信息公开申请情况",
    "t3": "四、政府信息公开行政复议、行政诉讼情况",
}
TABLE_SHORT = {"t1": "表二（主动公开）", "t2": "表三（依申请）", "t3": "表四（复议诉讼）"}
GENERATIONS = ("2021", "2019")


class Column(Frozen):
    __slots__ = ("id", "path", "domain", "variants")
    # path: header cells from the top level down to this column; variants: other spellings seen in real reports

    def __init__(self, id: str, path: tuple[str, ...], domain: str = COUNT, variants: tuple[str, ...] = ()):
        set_field(self, "id", id)
        set_field(self, "path", path)
        set_field(self, "domain", domain)
        set_field(self, "variants", variants)

    @property
    def label(self) -> str:
        return self.path[-1]


class Row(Frozen):
    __slots__ = ("id", "path", "variants")
    # path: row-header cells from the outer group down to this row

    def __init__(self, id: str, path: tuple[str, ...], variants: tuple[str, ...] = ()):
        set_field(self, "id", id)
        set_field(self, "path", path)
        set_field(self, "variants", variants)

    @property
    def label(self) -> str:
        return self.path[-1]


class Block(Frozen):
    __slots__ = ("id", "title", "columns", "rows", "corner", "column_ids", "column_labels", "row_ids")
    _fields = ("id", "title", "columns", "rows", "corner")
    # title: e.g. 第二十条第（一）项, "" for single-block tables; corner: the top-left header cell text

    def __init__(self, id: str, title: str, columns: tuple[Column, ...], rows: tuple[Row, ...],
                 corner: str = ""):
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "columns", columns)
        set_field(self, "rows", rows)
        set_field(self, "corner", corner)
        # derived once: the parser starts every table of every report from them
        set_field(self, "column_ids", tuple(c.id for c in columns))
        set_field(self, "column_labels", tuple(c.label for c in columns))
        set_field(self, "row_ids", tuple(r.id for r in rows))


class Relation(Frozen):
    """lhs (sum) OP rhs (sum); with op '=' an error-level identity unless said otherwise.

    rule: stable code, e.g. R-APP-ROW; kind: finding kind of the contract; op: '=', '>=', '<=',
    'zero-iff'; name: short Chinese name of the relation, e.g. "（一）予以公开 行合计"."""

    __slots__ = ("rule", "kind", "table", "lhs", "rhs", "op", "severity", "name")

    def __init__(self, rule: str, kind: str, table: str, lhs: tuple[tuple[str, str], ...],
                 rhs: tuple[tuple[str, str], ...], op: str = "=", severity: str = "error", name: str = ""):
        set_field(self, "rule", rule)
        set_field(self, "kind", kind)
        set_field(self, "table", table)
        # (each operand as the templates' one tuple for that cell, when the template is already built: cell_key)
        set_field(self, "lhs", tuple(cell_key(*k) for k in lhs))
        set_field(self, "rhs", tuple(cell_key(*k) for k in rhs))
        set_field(self, "op", op)
        set_field(self, "severity", severity)
        set_field(self, "name", name)

    @property
    def cells(self) -> tuple[tuple[str, str], ...]:
        return self.lhs + self.rhs


class TableSpec(Frozen):
    __slots__ = ("id", "title", "blocks", "_by_row", "_cell_ids")
    _fields = ("id", "title", "blocks")

    def __init__(self, id: str, title: str, blocks: tuple[Block, ...]):
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "blocks", blocks)
        # derived once: the parser and the rules look rows up for every report
        set_field(self, "_by_row", {r.id: (r, b) for b in blocks for r in b.rows})
        set_field(self, "_cell_ids", tuple(_CELL_KEYS.setdefault((r.id, c.id), (r.id, c.id))
                                           for b in blocks for r in b.rows for c in b.columns))

    def rows(self) -> list[Row]:
        return [r for b in self.blocks for r in b.rows]

    def block_of(self, row_id: str) -> Block:
        return self._by_row[row_id][1]

    def cell_ids(self) -> tuple[tuple[str, str], ...]:
        return self._cell_ids

    def row(self, row_id: str) -> Row:
        return self._by_row[row_id][0]

    def column(self, row_id: str, col_id: str) -> Column:
        for c in self.block_of(row_id).columns:
            if c.id == col_id:
                return c
        raise KeyError(col_id)


class Template(Frozen):
    __slots__ = ("generation", "tables", "relations", "fingerprints")

    def __init__(self, generation: str, tables: dict[str, TableSpec], relations: tuple[Relation, ...],
                 fingerprints: tuple[str, ...] = ()):
        set_field(self, "generation", generation)
        set_field(self, "tables", tables)
        set_field(self, "relations", relations)
        set_field(self, "fingerprints", fingerprints)

    def cell_name(self, table: str, row: str, col: str) -> str:
        """A clerk-readable name: 表三“（一）予以公开”行“自然人”列."""
        spec = self.tables[table]
        r = spec.row(row)
        c = spec.column(row, col)
        if table == "t3":
            return f"{TABLE_SHORT[table]}“{'·'.join(c.path)}”"
        return f"{TABLE_SHORT[table]}“{short_row_label(r)}”行“{c.label}”列"


def short_row_label(row: Row) -> str:
    """（三）不予公开1.属于国家秘密, （二）部分公开 — short enough for a message."""
    label = row.path[-1].split("（区分", 1)[0]
    if len(row.path) >= 2 and label[:1].isdigit():
        return f"{row.path[-2]}{label}"
    return label


# ---------------------------------------------------------------------------------------------
# 表二 主动公开

def _t1(generation: str) -> TableSpec:
    if generation == "2021":
        item1 = (Column("1", ("本年制发件数",)), Column("2", ("本年废止件数",)),
                 Column("3", ("现行有效件数",)))
        blocks = (
            Block("20.1", "第二十条第（一）项", item1, (
                Row("20.1.1", ("规章",)),
                Row("20.1.2", ("行政规范性文件",), ("规范性文件",)),
            ), "信息内容"),
            Block("20.5", "第二十条第（五）项", (Column("1", ("本年处理决定数量",)),), (
                Row("20.5.1", ("行政许可",)),
            ), "信息内容"),
            Block("20.6", "第二十条第（六）项", (Column("1", ("本年处理决定数量",)),), (
                Row("20.6.1", ("行政处罚",)),
                Row("20.6.2", ("行政强制",)),
            ), "信息内容"),
            Block("20.8", "第二十条第（八）项",
                  (Column("1", ("本年收费金额（单位：万元）",), MONEY,
                          ("本年收费金额", "本年收费金额（单位：万元，保留4位小数）")),), (
                Row("20.8.1", ("行政事业性收费",)),
            ), "信息内容"),
        )
    else:
        stock = (Column("1", ("上一年项目数量",)), Column("2", ("本年增/减",), SIGNED, ("本年增减",)),
                 Column("3", ("处理决定数量",)))
        blocks = (
            Block("20.1", "第二十条第（一）项",
                  (Column("1", ("本年新制作数量",)), Column("2", ("本年新公开数量",)),
                   Column("3", ("对外公开总数量",))), (
                Row("20.1.1", ("规章",)),
                Row("20.1.2", ("规范性文件",), ("行政规范性文件",)),
            ), "信息内容"),
            Block("20.5", "第二十条第（五）项", stock, (
                Row("20.5.1", ("行政许可",)),
                Row("20.5.2", ("其他对外管理服务事项",)),
            ), "信息内容"),
            Block("20.6", "第二十条第（六）项", stock, (
                Row("20.6.1", ("行政处罚",)),
                Row("20.6.2", ("行政强制",)),
            ), "信息内容"),
            Block("20.8", "第二十条第（八）项", stock[:2], (
                Row("20.8.1", ("行政事业性收费",)),
            ), "信息内容"),
            Block("20.9", "第二十条第（九）项",
                  (Column("1", ("采购项目数量",)),
                   Column("2", ("采购总金额",), MONEY,
                          ("采购总金额（单位：万元）", "采购总金额（单位：万元，保留4位小数）"))), (
                Row("20.9.1", ("政府集中采购",)),
            ), "信息内容"),
        )
    return TableSpec("t1", TABLE_TITLES["t1"], blocks)


# ---------------------------------------------------------------------------------------------
# 表三 依申请

T2_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT = "申请人情况"
ORG = "法人或其他组织"
T2_COLUMNS = (
    Column("1", (APPLICANT, "自然人")),
    Column("2.1", (APPLICANT, ORG, "商业企业")),
    Column("2.2", (APPLICANT, ORG, "科研机构")),
    Column("2.3", (APPLICANT, ORG, "社会公益组织")),
    Column("2.4", (APPLICANT, ORG, "法律服务机构")),
    Column("2.5", (APPLICANT, ORG, "其他")),
    Column("3", ("总计",)),
)
T2_ADDEND_COLUMNS = ("1", "2.1", "2.2", "2.3", "2.4", "2.5")
T2_TOTAL_COLUMN = "3"

RESULT = "三、本年度办理结果"
G3 = "（三）不予公开"
G4 = "（四）无法提供"
G5 = "（五）不予处理"
G6 = "（六）其他处理"


def _t2_rows(generation: str) -> tuple[Row, ...]:
    rows = [
        Row("1", ("一、本年新收政府信息公开申请数量",)),
        Row("2", ("二、上年结转政府信息公开申请数量",)),
        Row("3.1", (RESULT, "（一）予以公开")),
        Row("3.2", (RESULT, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), ("（二）部分公开",)),
        Row("3.3.1", (RESULT, G3, "1.属于国家秘密")),
        Row("3.3.2", (RESULT, G3, "2.其他法律行政法规禁止公开")),
        Row("3.3.3", (RESULT, G3, "3.危及“三安全一稳定”")),
        Row("3.3.4", (RESULT, G3, "4.保护第三方合法权益")),
        Row("3.3.5", (RESULT, G3, "5.属于三类内部事务信息")),
        Row("3.3.6", (RESULT, G3, "6.属于四类过程性信息")),
        Row("3.3.7", (RESULT, G3, "7.属于行政执法案卷")),
        Row("3.3.8", (RESULT, G3, "8.属于行政查询事项")),
        Row("3.4.1", (RESULT, G4, "1.本机关不掌握相关政府信息")),
        Row("3.4.2", (RESULT, G4, "2.没有现成信息需要另行制作")),
        Row("3.4.3", (RESULT, G4, "3.补正后申请内容仍不明确")),
        Row("3.5.1", (RESULT, G5, "1.信访举报投诉类申请")),
        Row("3.5.2", (RESULT, G5, "2.重复申请")),
        Row("3.5.3", (RESULT, G5, "3.要求提供公开出版物")),
        Row("3.5.4", (RESULT, G5, "4.无正当理由大量反复申请")),
        Row("3.5.5", (RESULT, G5, "5.要求行政机关确认或重新出具已获取信息")),
    ]
    if generation == "2021":
        rows += [
            Row("3.6.1", (RESULT, G6, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
            Row("3.6.2", (RESULT, G6, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
            Row("3.6.3", (RESULT, G6, "3.其他")),
        ]
    else:
        rows.append(Row("3.6", (RESULT, G6)))
    rows += [
        Row("3.7", (RESULT, "（七）总计")),
        Row("4", ("四、结转下年度继续办理",)),
    ]
    return tuple(rows)


def _t2(generation: str) -> TableSpec:
    return TableSpec("t2", TABLE_TITLES["t2"],
                     (Block("t2", "", T2_COLUMNS, _t2_rows(generation), T2_CORNER),))


# ---------------------------------------------------------------------------------------------
# 表四 复议诉讼

OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T3_GROUPS = (
    ("1", ("行政复议",)),
    ("2.1", ("行政诉讼", "未经复议直接起诉")),
    ("2.2", ("行政诉讼", "复议后起诉")),
)
T3_COLUMNS = tuple(
    Column(f"{gid}.{i + 1}", gpath + (label,))
    for gid, gpath in T3_GROUPS for i, label in enumerate(OUTCOMES)
)


def _t3() -> TableSpec:
    return TableSpec("t3", TABLE_TITLES["t3"], (Block("t3", "", T3_COLUMNS, (Row("1", ("",)),)),))


# ---------------------------------------------------------------------------------------------
# Relations

def _relations(generation: str, t2: TableSpec) -> tuple[Relation, ...]:
    rel: list[Relation] = []
    rows = t2.rows()
    detail_rows = [r.id for r in rows if r.id.startswith("3.") and r.id != "3.7"]
    for r in rows:
        rel.append(Relation(
            "R-APP-ROW", "row-total", "t2",
            ((r.id, T2_TOTAL_COLUMN),), tuple((r.id, c) for c in T2_ADDEND_COLUMNS),
            name=f"“{short_row_label(r)}”行的总计"))
    for c in T2_COLUMNS:
        rel.append(Relation(
            "R-APP-COL", "column-total", "t2",
            (("3.7", c.id),), tuple((r, c.id) for r in detail_rows),
            name=f"“{c.label}”列的（七）总计"))
    for c in T2_COLUMNS:
        rel.append(Relation(
            "R-APP-GOUJI", "cross-check", "t2",
            (("1", c.id), ("2", c.id)), (("3.7", c.id), ("4", c.id)),
            name=f"“{c.label}”列的勾稽关系（一+二=三（七）+四）"))
    for gid, gpath in T3_GROUPS:
        cols = [f"{gid}.{i}" for i in range(1, 6)]
        rel.append(Relation(
            {"1": "R-REV-ROW", "2.1": "R-LIT-DIRECT-ROW", "2.2": "R-LIT-POST-ROW"}[gid],
            "review-total", "t3",
            (("1", cols[4]),), tuple(("1", c) for c in cols[:4]),
            name=f"{'·'.join(gpath)}的总计"))
    if generation == "2021":
        for r in ("20.1.1", "20.1.2"):
            label = "规章" if r == "20.1.1" else "行政规范性文件"
            rel.append(Relation("R-ACT-VALID-GE-NEW", "plausibility", "t1",
                                ((r, "3"),), ((r, "1"),), ">=", "warning",
                                name=f"“{label}”现行有效件数不少于本年制发件数"))
    else:
        for r, label in (("20.1.1", "规章"), ("20.1.2", "规范性文件")):
            rel.append(Relation("R-OLD-PUB-LE-TOTAL", "plausibility", "t1",
                                ((r, "2"),), ((r, "3"),), "<=", "warning",
                                name=f"“{label}”本年新公开数量不超过对外公开总数量"))
        for r, label in (("20.5.1", "行政许可"), ("20.5.2", "其他对外管理服务事项"),
                         ("20.6.1", "行政处罚"), ("20.6.2", "行政强制"), ("20.8.1", "行政事业性收费")):
            rel.append(Relation("R-OLD-STOCK-NONNEG", "value", "t1",
                                ((r, "1"), (r, "2")), (), ">=", "error",
                                name=f"“{label}”本年项目数量（上一年项目数量+本年增/减）不能为负"))
        rel.append(Relation("R-OLD-PROC", "plausibility", "t1",
                            (("20.9.1", "1"),), (("20.9.1", "2"),), "zero-iff", "warning",
                            name="“政府集中采购”采购项目数量与采购总金额应同为0或同不为0"))
    return tuple(rel)


# Words only one generation's tables have, by the part of the table they come from: a block's header words
# are one group, so that one block headed in the other generation's words does not outvote the rest.
FINGERPRINT_GROUPS = {
    "2019": (("本年新制作数量", "本年新公开数量", "对外公开总数量"), ("上一年项目数量", "本年增/减"),
             ("第二十条第（九）项", "政府集中采购"), ("其他对外管理服务事项",)),
    "2021": (("本年制发件数", "本年废止件数", "现行有效件数"), ("本年处理决定数量",), ("本年收费金额",),
             ("逾期不补正", "逾期未按收费通知")),
}
FINGERPRINTS = {g: tuple(fp for group in groups for fp in group) for g, groups in FINGERPRINT_GROUPS.items()}


@lru_cache(maxsize=None)
def get_template(generation: str) -> Template:
    if generation not in GENERATIONS:
        raise ValueError(generation)
    t2 = _t2(generation)
    tables = {"t1": _t1(generation), "t2": t2, "t3": _t3()}
    # (the tables first: their cell ids are the tuples the relations' operands then take, see Relation)
    return Template(generation, tables, _relations(generation, t2), FINGERPRINTS[generation])
