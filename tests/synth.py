"""Altered seeds: consistent random numbers written into each real seed's own layout.

This module never calls the core's parser. It finds the numeric tokens of each table region by
its own scanning and knows, per seed, which token is which canonical cell of interface.md. It also
carries its own copy of the relations (domain.md §2) so the tests compare the core against an
independent model, not against itself.
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

__all__ = [
    "SEED_DIR", "SEED_KEYS", "Slot", "Layout", "Synth", "layout", "consistent", "encode",
    "ENCODINGS", "EXPECTED_CODEC", "MUTATIONS", "Mutated", "mutate", "relations", "evaluate",
    "ideal_fix", "t2_rows", "T2_COLS", "T2_APPLICANTS", "T3_COLS", "to_fullwidth",
]

def _seed_dir() -> Path:
    """GOUJI_SEEDS, else tests/seeds in the checkout (if vendored), else ../shared/seeds beside it."""
    if os.environ.get("GOUJI_SEEDS"):
        return Path(os.environ["GOUJI_SEEDS"])
    here = Path(__file__).resolve().parent
    for d in (here / "seeds", here.parents[1] / "shared" / "seeds"):
        if d.is_dir():
            return d
    return here.parents[1] / "shared" / "seeds"


SEED_DIR = _seed_dir()
SEED_KEYS = ("000", "001", "002", "003", "004")

# Canonical ids (interface.md), written out here on purpose rather than read from app.template.
T2_APPLICANTS = ("1", "2.1", "2.2", "2.3", "2.4", "2.5")
T2_COLS = T2_APPLICANTS + ("3",)
T3_GROUPS = ("1", "2.1", "2.2")
T3_COLS = tuple(f"{g}.{i}" for g in T3_GROUPS for i in range(1, 6))

T1_CELLS = {
    "2021": [("20.1.1", "1"), ("20.1.1", "2"), ("20.1.1", "3"),
             ("20.1.2", "1"), ("20.1.2", "2"), ("20.1.2", "3"),
             ("20.5.1", "1"), ("20.6.1", "1"), ("20.6.2", "1"), ("20.8.1", "1")],
    "2019": [(r, c) for r in ("20.1.1", "20.1.2", "20.5.1", "20.5.2", "20.6.1", "20.6.2")
             for c in ("1", "2", "3")]
            + [("20.8.1", "1"), ("20.8.1", "2"), ("20.9.1", "1"), ("20.9.1", "2")],
}
MONEY_CELLS = {"2021": {("20.8.1", "1")}, "2019": {("20.9.1", "2")}}
SIGNED_CELLS = {"2019": {(r, "2") for r in ("20.5.1", "20.5.2", "20.6.1", "20.6.2", "20.8.1")}, "2021": set()}


def t2_rows(generation: str) -> list[str]:
    rows = ["1", "2", "3.1", "3.2"]
    rows += [f"3.3.{i}" for i in range(1, 9)]
    rows += [f"3.4.{i}" for i in range(1, 4)]
    rows += [f"3.5.{i}" for i in range(1, 6)]
    rows += [f"3.6.{i}" for i in range(1, 4)] if generation == "2021" else ["3.6"]
    rows += ["3.7", "4"]
    return rows


def detail_rows(generation: str) -> list[str]:
    return [r for r in t2_rows(generation) if r.startswith("3.") and r != "3.7"]


# Per seed: generation, and the irregular rows (token counts that differ from 7 per row).
SEED_INFO = {
    "000": {"generation": "2021", "t2_tokens": {r: 8 for r in t2_rows("2021")[2:]}},   # 8 numbers, 7 columns
    "001": {"generation": "2019", "t2_tokens": {}},
    "002": {"generation": "2021", "t2_tokens": {}},
    "003": {"generation": "2021", "t2_tokens": {}},
    "004": {"generation": "2019", "t2_tokens": {"3.1": 1, "3.2": 1}},                 # only 总计 filled
}
YEAR = {"000": 2022, "001": 2021, "002": 2023, "003": 2023, "004": 2020}

CellId = tuple[str, str, str]          # (table, row, col)

# ---------------------------------------------------------------------------------------------
# Scanning the seed text (our own, not the core's)

_HEADS = (("t1", "主动公开政府信息情况"), ("t2", "收到和处理政府信息公开申请情况"),
          ("t3", "行政复议、行政诉讼情况"), ("end", "存在的主要问题"))
_DIGITS = re.compile(r"\d+")
_TRIM = " \xa0\u3000"


@dataclass(frozen=True)
class Slot:
    """One numeric token of the seed: where it is and which cell it is (col None: a surplus number)."""

    table: str
    row: str
    col: str | None
    line: int           # 0-based line index
    start: int          # character span of the digits within the line
    end: int


@dataclass
class Layout:
    key: str
    text: str
    generation: str
    slots: list[Slot]
    missing: set[CellId] = field(default_factory=set)   # cells the layout leaves blank

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def cell_slots(self) -> dict[CellId, Slot]:
        return {(s.table, s.row, s.col): s for s in self.slots if s.col is not None}

    def written_cells(self, table: str | None = None) -> list[CellId]:
        return [k for k in self.cell_slots() if table is None or k[0] == table]


def _heading_lines(lines: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, phrase in _HEADS:
        for i, line in enumerate(lines):
            s = line.strip()
            if phrase in s and len(s) <= 40 and i > out.get("t1", -1):
                out[key] = i
                break
    return out


def _numeric_tokens(lines: list[str], start: int, end: int) -> list[tuple[int, int, int]]:
    """(line, start, end) of every tab field that is a bare whole number (NBSP, spaces allowed)."""
    toks = []
    for i in range(start, end):
        pos = 0
        for fld in lines[i].split("\t"):
            core = fld.strip(_TRIM)
            if core and core.isdigit() and core.isascii():
                off = fld.index(core)
                toks.append((i, pos + off, pos + off + len(core)))
            pos += len(fld) + 1
    return toks


def _seed_text(key: str) -> str:
    path = next(SEED_DIR.glob(f"{key}_*.txt"))
    return path.read_bytes().decode("utf-8")


_LAYOUTS: dict[str, Layout] = {}


def layout(key: str) -> Layout:
    """The seed's numeric slots, each tied to its canonical cell. Raises if the scan disagrees."""
    if key in _LAYOUTS:
        return _LAYOUTS[key]
    text = _seed_text(key)
    info = SEED_INFO[key]
    gen = info["generation"]
    lines = text.split("\n")
    heads = _heading_lines(lines)
    slots: list[Slot] = []
    missing: set[CellId] = set()

    t1 = _numeric_tokens(lines, heads["t1"] + 1, heads["t2"])
    cells1 = T1_CELLS[gen]
    assert len(t1) == len(cells1), (key, "t1", len(t1), len(cells1))
    slots += [Slot("t1", r, c, *tok) for (r, c), tok in zip(cells1, t1)]

    t2 = _numeric_tokens(lines, heads["t2"] + 1, heads["t3"])
    it = iter(t2)
    count = 0
    for r in t2_rows(gen):
        n = info["t2_tokens"].get(r, 7)
        toks = [next(it) for _ in range(n)]
        count += n
        assert len({t[0] for t in toks}) == 1 or key in ("001", "003"), (key, r, toks)
        if n == 1:                                  # seed 004: only 总计 is written
            slots.append(Slot("t2", r, "3", *toks[0]))
            missing |= {("t2", r, c) for c in T2_APPLICANTS}
        else:
            slots += [Slot("t2", r, c, *tok) for c, tok in zip(T2_COLS, toks)]
            slots += [Slot("t2", r, None, *tok) for tok in toks[7:]]
    assert count == len(t2), (key, "t2", count, len(t2))

    t3 = _numeric_tokens(lines, heads["t3"] + 1, heads["end"])
    assert len(t3) == 15, (key, "t3", len(t3))
    slots += [Slot("t3", "1", c, *tok) for c, tok in zip(T3_COLS, t3)]
    _LAYOUTS[key] = Layout(key, text, gen, slots, missing)
    return _LAYOUTS[key]


# ---------------------------------------------------------------------------------------------
# Consistent values

def consistent(lay: Layout, rng: random.Random, hi: int = 40, zero_rate: float = 0.4) -> dict[CellId, object]:
    """Values (int or Decimal) for every canonical cell, all relations of domain.md §2 holding."""
    gen = lay.generation
    v: dict[CellId, object] = {}

    def n(top=hi):
        return 0 if rng.random() < zero_rate else rng.randint(1, top)

    # 表三
    details = detail_rows(gen)
    for r in details:
        for c in T2_APPLICANTS:
            v[("t2", r, c)] = n()
    for c in T2_APPLICANTS:
        r7 = sum(v[("t2", r, c)] for r in details)
        v[("t2", "3.7", c)] = r7
        cout = n(hi // 2)
        cin = rng.randint(0, r7 + cout) if rng.random() > zero_rate else 0
        v[("t2", "4", c)] = cout
        v[("t2", "2", c)] = cin
        v[("t2", "1", c)] = r7 + cout - cin
    for r in t2_rows(gen):
        v[("t2", r, "3")] = sum(v[("t2", r, c)] for c in T2_APPLICANTS)
    # 表四
    for g in T3_GROUPS:
        parts = [n(9) for _ in range(4)]
        for i, p in enumerate(parts, 1):
            v[("t3", "1", f"{g}.{i}")] = p
        v[("t3", "1", f"{g}.5")] = sum(parts)
    # 表二: plausible values (乡镇 make no 规章, stock never negative, 采购 count/amount zero together)
    for r, c in T1_CELLS[gen]:
        v[("t1", r, c)] = n(300)
    for c in ("1", "2", "3"):
        v[("t1", "20.1.1", c)] = 0
    if gen == "2021":
        v[("t1", "20.1.2", "3")] = v[("t1", "20.1.2", "1")] + n(20)
        v[("t1", "20.8.1", "1")] = _money(rng)
    else:
        v[("t1", "20.1.2", "3")] = v[("t1", "20.1.2", "2")] + n(20)
        for r in ("20.5.1", "20.5.2", "20.6.1", "20.6.2", "20.8.1"):
            prev = v[("t1", r, "1")]
            v[("t1", r, "2")] = rng.randint(-prev, 30)
        amount = _money(rng)
        v[("t1", "20.9.1", "2")] = amount
        v[("t1", "20.9.1", "1")] = 0 if amount == 0 else rng.randint(1, 9)
    return v


def _money(rng: random.Random):
    if rng.random() < 0.3:
        return 0
    return Decimal(rng.randint(1, 999999)).scaleb(-rng.randint(0, 4))


# ---------------------------------------------------------------------------------------------
# Rendering and encodings

@dataclass
class Synth:
    """A generated report: its layout, the intended text of every written cell, and the truth."""

    lay: Layout
    texts: dict[CellId, str]             # text written into each slot (key: canonical cell)
    truth: dict[CellId, object]          # what each cell should read back as (number, None, or raw text)

    def render(self) -> str:
        lines = self.lay.lines
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for key, slot in self.lay.cell_slots().items():
            edits.setdefault(slot.line, []).append((slot.start, slot.end, self.texts[key]))
        for i, es in edits.items():
            s = lines[i]
            for a, b, t in sorted(es, reverse=True):
                s = s[:a] + t + s[b:]
            lines[i] = s
        return "\n".join(lines)

    def numbers(self) -> dict[CellId, object]:
        """Cell → value for the independent relation check (None for blank or text)."""
        return {k: (v if isinstance(v, (int, Decimal)) else None) for k, v in self.truth.items()}


def synth(key: str, rng: random.Random) -> Synth:
    lay = layout(key)
    vals = consistent(lay, rng)
    texts = {}
    truth = {}
    for k, v in vals.items():
        if k in lay.missing:
            truth[k] = None
        else:
            texts[k] = format(v, "f") if isinstance(v, Decimal) else str(v)
            truth[k] = v
    return Synth(lay, texts, truth)


ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le",
             "utf-8+crlf", "gbk+crlf", "utf-8+cr", "utf-16+crlf")
EXPECTED_CODEC = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "gbk": "gb18030",
                  "utf-16": "utf-16", "utf-16-le": "utf-16-le"}


def encode(text: str, enc: str) -> bytes:
    """Bytes of text in enc ('gbk+crlf' = GBK with CRLF line ends). GBK has no NBSP: it becomes a space."""
    codec, _, eol = enc.partition("+")
    if eol == "crlf":
        text = text.replace("\n", "\r\n")
    elif eol == "cr":
        text = text.replace("\n", "\r")
    if codec == "gbk":
        text = text.replace("\xa0", " ")
    return text.encode(codec)


def expected_codec(enc: str) -> str:
    return EXPECTED_CODEC[enc.partition("+")[0]]


# ---------------------------------------------------------------------------------------------
# Independent relations and localisation

@dataclass(frozen=True)
class Rel:
    kind: str
    table: str
    lhs: tuple[tuple[str, str], ...]
    rhs: tuple[tuple[str, str], ...]

    @property
    def cells(self):
        return self.lhs + self.rhs


def relations(generation: str) -> list[Rel]:
    out = []
    for r in t2_rows(generation):
        out.append(Rel("row-total", "t2", ((r, "3"),), tuple((r, c) for c in T2_APPLICANTS)))
    det = detail_rows(generation)
    for c in T2_COLS:
        out.append(Rel("column-total", "t2", (("3.7", c),), tuple((r, c) for r in det)))
    for c in T2_COLS:
        out.append(Rel("cross-check", "t2", (("1", c), ("2", c)), (("3.7", c), ("4", c))))
    for g in T3_GROUPS:
        out.append(Rel("review-total", "t3", (("1", f"{g}.5"),), tuple(("1", f"{g}.{i}") for i in range(1, 5))))
    return out


def evaluate(rel: Rel, nums: dict[CellId, object]) -> str:
    vals = [nums.get((rel.table, r, c)) for r, c in rel.cells]
    if any(v is None for v in vals):
        return "uncertain"
    lhs = sum(nums[(rel.table, r, c)] for r, c in rel.lhs)
    rhs = sum(nums[(rel.table, r, c)] for r, c in rel.rhs)
    return "holds" if lhs == rhs else "broken"


def expected_errors(generation: str, nums: dict[CellId, object], text_cells=()) -> set:
    """(kind, table, frozenset(cells)) of every error-level finding the core must report."""
    out = set()
    for rel in relations(generation):
        if evaluate(rel, nums) == "broken":
            out.add((rel.kind, rel.table, frozenset(rel.cells)))
    for t, r, c in text_cells:
        out.add(("value", t, frozenset({(r, c)})))
    return out


def ideal_fix(generation: str, nums: dict[CellId, object], table: str = "t2"):
    """The contract's FIX, computed by brute force: the one cell (and value) that repairs every broken
    relation of the table without breaking one that holds; None when there is none or several."""
    rels = [r for r in relations(generation) if r.table == table]
    state = {r: evaluate(r, nums) for r in rels}
    broken = [r for r in rels if state[r] == "broken"]
    if not broken:
        return None
    cands = {}
    for key in {(table, r, c) for rel in broken for r, c in rel.cells}:
        rel0 = next(r for r in broken if key[1:] in r.cells)
        others = sum(nums[(table, r, c)] for r, c in rel0.rhs if (table, r, c) != key)
        lhs = sum(nums[(table, r, c)] for r, c in rel0.lhs if (table, r, c) != key)
        value = others - lhs if key[1:] in rel0.lhs else lhs - others
        if value < 0:
            continue
        trial = dict(nums)
        trial[key] = value
        if all(evaluate(r, trial) != "broken" for r in rels) and \
                all(evaluate(r, trial) == "holds" for r in rels if state[r] == "holds"):
            cands[key] = value
    if len(cands) != 1:
        return None
    return next(iter(cands.items()))


# ---------------------------------------------------------------------------------------------
# Single-cell mutations

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
TEXT_TOKENS = ("十二", "1O", "x", "2件3", "?")


def to_fullwidth(s: str) -> str:
    return s.translate(FULLWIDTH)


@dataclass
class Mutated:
    synth: Synth
    kind: str
    cells: list[CellId]                   # the cells changed
    original: dict[CellId, object]        # their consistent values
    text_cells: list[CellId] = field(default_factory=list)
    fullwidth_cells: list[CellId] = field(default_factory=list)


MUTATIONS = ("none", "addend", "total", "r7", "review", "gouji", "text", "fullwidth", "t1-negative")


def _delta(rng: random.Random, value: int) -> int:
    d = rng.choice([k for k in range(-min(value, 9), 10) if k != 0])
    return d


def mutate(s: Synth, kind: str, rng: random.Random) -> Mutated:
    """One single-cell error (or, for 'gouji', the one two-cell change that only breaks the 勾稽)."""
    lay = s.lay
    gen = lay.generation
    texts = dict(s.texts)
    truth = dict(s.truth)
    written = [k for k in lay.written_cells()]
    t2w = [k for k in written if k[0] == "t2"]

    def change(key, value):
        texts[key] = str(value)
        truth[key] = value

    if kind == "none":
        return Mutated(s, kind, [], {})
    if kind == "addend":
        key = rng.choice([k for k in t2w if k[1].startswith("3.") and k[1] != "3.7" and k[2] != "3"])
    elif kind == "total":
        key = rng.choice([k for k in t2w if k[2] == "3" and k[1] != "3.7"])
    elif kind == "r7":
        key = ("t2", "3.7", rng.choice(T2_COLS))
    elif kind == "review":
        key = ("t3", "1", rng.choice(T3_COLS))
    elif kind == "gouji":
        c = rng.choice(T2_APPLICANTS)
        a, b = ("t2", "4", c), ("t2", "4", "3")
        d = _delta(rng, min(s.truth[a], s.truth[b]))
        change(a, s.truth[a] + d)
        change(b, s.truth[b] + d)
        return Mutated(Synth(lay, texts, truth), kind, [a, b], {a: s.truth[a], b: s.truth[b]})
    elif kind == "text":
        key = rng.choice(t2w + [k for k in written if k[0] == "t3"])
        tok = rng.choice(TEXT_TOKENS)
        texts[key] = tok
        truth[key] = tok
        return Mutated(Synth(lay, texts, truth), kind, [key], {key: s.truth[key]}, text_cells=[key])
    elif kind == "fullwidth":
        key = rng.choice(written)
        texts[key] = to_fullwidth(texts[key])
        return Mutated(Synth(lay, texts, truth), kind, [key], {key: s.truth[key]}, fullwidth_cells=[key])
    elif kind == "t1-negative":
        # a count cell whose sign no other rule looks at (not 本年增/减, not money, not a stock base)
        key = rng.choice([("t1", r, c) for r, c in T1_CELLS[gen]
                          if (r, c) not in SIGNED_CELLS[gen] | MONEY_CELLS[gen]
                          and not (gen == "2019" and c == "1" and r in ("20.5.1", "20.5.2", "20.6.1", "20.6.2", "20.8.1"))
                          and r != "20.1.1"])
        value = -rng.randint(1, 20)
        change(key, value)
        return Mutated(Synth(lay, texts, truth), kind, [key], {key: s.truth[key]})
    else:
        raise ValueError(kind)
    change(key, s.truth[key] + _delta(rng, s.truth[key]))
    return Mutated(Synth(lay, texts, truth), kind, [key], {key: s.truth[key]})


def expectation(m: Mutated) -> tuple[set, object]:
    """(error findings the core must report, the fix it must propose or None)."""
    nums = m.synth.numbers()
    errs = expected_errors(m.synth.lay.generation, nums, m.text_cells)
    if m.kind == "t1-negative":
        (t, r, c), = m.cells
        errs.add(("value", t, frozenset({(r, c)})))
    fix = None
    if m.kind in ("addend", "total", "r7", "review"):
        fix = ideal_fix(m.synth.lay.generation, nums, m.cells[0][0])
    return errs, fix


# ---------------------------------------------------------------------------------------------
# A report written from scratch (no seed needed): the official 2021 labels, either layout

T2_LABELS_2021 = {
    "1": ("一、本年新收政府信息公开申请数量",), "2": ("二、上年结转政府信息公开申请数量",),
    "3.1": ("三、本年度办理结果", "（一）予以公开"),
    "3.2": ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "3.3.1": ("", "（三）不予公开", "1.属于国家秘密"), "3.3.2": ("", "", "2.其他法律行政法规禁止公开"),
    "3.3.3": ("", "", "3.危及“三安全一稳定”"), "3.3.4": ("", "", "4.保护第三方合法权益"),
    "3.3.5": ("", "", "5.属于三类内部事务信息"), "3.3.6": ("", "", "6.属于四类过程性信息"),
    "3.3.7": ("", "", "7.属于行政执法案卷"), "3.3.8": ("", "", "8.属于行政查询事项"),
    "3.4.1": ("", "（四）无法提供", "1.本机关不掌握相关政府信息"), "3.4.2": ("", "", "2.没有现成信息需要另行制作"),
    "3.4.3": ("", "", "3.补正后申请内容仍不明确"),
    "3.5.1": ("", "（五）不予处理", "1.信访举报投诉类申请"), "3.5.2": ("", "", "2.重复申请"),
    "3.5.3": ("", "", "3.要求提供公开出版物"), "3.5.4": ("", "", "4.无正当理由大量反复申请"),
    "3.5.5": ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    "3.6.1": ("", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "3.6.2": ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "3.6.3": ("", "", "3.其他"),
    "3.7": ("", "（七）总计"), "4": ("四、结转下年度继续办理",),
}


def scratch_report(values: dict[CellId, object], layout_b: bool = False, year: int = 2022) -> str:
    """A complete 2021-format report holding values (missing cells are written as 0)."""
    def v(t, r, c):
        x = values.get((t, r, c), 0)
        return format(x, "f") if isinstance(x, Decimal) else str(x)

    rows: list[list[str]] = []          # logical rows; "" separates tables (headings are own rows)
    out = [f"测试镇人民政府{year}年政府信息公开工作年度报告", "", "一、总体情况", "", "本镇依法做好政府信息公开工作。", ""]

    def emit(cells: list[str]):
        rows.append(cells)

    def flush():
        for cells in rows:
            if layout_b:
                out.extend("\t" + c for c in cells)
                out.append("")
            else:
                out.append("\t".join(cells))
        rows.clear()
        out.append("")

    out += ["二、主动公开政府信息情况", ""]
    emit(["第二十条第（一）项", "", "", ""])
    emit(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    emit(["规章"] + [v("t1", "20.1.1", c) for c in "123"])
    emit(["行政规范性文件"] + [v("t1", "20.1.2", c) for c in "123"])
    for title, head, rws in (("第二十条第（五）项", "本年处理决定数量", (("20.5.1", "行政许可"),)),
                             ("第二十条第（六）项", "本年处理决定数量", (("20.6.1", "行政处罚"), ("20.6.2", "行政强制"))),
                             ("第二十条第（八）项", "本年收费金额（单位：万元）", (("20.8.1", "行政事业性收费"),))):
        emit([title, "", "", ""])
        emit(["信息内容", head, "", ""])
        for rid, label in rws:
            emit([label, v("t1", rid, "1"), "", ""])
    flush()
    out += ["三、收到和处理政府信息公开申请情况", ""]
    emit(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "", "", "", "", "", "总计"])
    emit(["", "自然人", "法人或其他组织", "", "", "", "", ""])
    emit(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
    for r in t2_rows("2021"):
        labels = list(T2_LABELS_2021[r])
        if layout_b:
            labels = [x for x in labels if x] or labels
        emit(labels + [v("t2", r, c) for c in T2_COLS])
    flush()
    out += ["四、政府信息公开行政复议、行政诉讼情况", ""]
    emit(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9)
    emit(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
          "复议后起诉", "", "", "", ""])
    emit([""] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    emit([v("t3", "1", c) for c in T3_COLS])
    flush()
    out += ["五、存在的主要问题及改进情况", "", "无。", "", "六、其他需要报告的事项", "", "无。", ""]
    return "\n".join(out)
