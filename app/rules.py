"""Evaluate the template's relations and value domains over a Report; name the single wrong cell."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from . import _regex
from ._purecython import plain_python
from .narrative import narrative_findings
from .model import (
    ABSENT as _ABSENT, BLANK, MISSING, NUMBER, TEXT, Cell, CheckResult, Finding, Fix, Report, absent_count,
)
from .template import (
    COUNT, MONEY, SIGNED, TABLE_IDS, TABLE_SHORT, Relation, Template, get_template, keyed_in_order, short_row_label,
)
from .values import format_number

__all__ = ["check", "with_findings", "SEVERITY_ORDER"]

# C types for the hot loops' locals when compiled (app/_purecython.py); nothing in plain Python.
try:
    plain_python(globals())
    import cython
except ImportError:
    pass
if cython.compiled:     # (read by Cython only: plain Python's stand-in says False)
    from cython.cimports.app.model import Cell as CCell     # (the C type of app/model.pxd: fields read directly)
    from cython.cimports.app.template import keys_in_order  # (keyed_in_order as a C function: app/template.pxd)
else:
    CCell = Cell
    keys_in_order = keyed_in_order

SEVERITY_ORDER = {"error": 0, "warning": 1}
_RELATION_TEXT = {
    "R-APP-ROW": "自然人至其他各列之和",
    "R-APP-COL": "（一）至（六）各项之和",
    "R-REV-ROW": "结果维持、结果纠正、其他结果、尚未审结之和",
    "R-LIT-DIRECT-ROW": "结果维持、结果纠正、其他结果、尚未审结之和",
    "R-LIT-POST-ROW": "结果维持、结果纠正、其他结果、尚未审结之和",
}
_LOCAL_BODY = ("乡", "镇", "街道", "县", "区")
# Words holding 乡/镇/区 that name no township or county: 住房和城乡建设部, 乡村振兴局, 广西壮族自治区, 镇江市.
_NOT_LOCAL = _regex.compile(r"城乡|乡村|自治区|镇江")
_YEAR_IN_TITLE = _regex.compile(r"(?:19|20)\d{2}\s*年度?")
# The findings a fix repairs: broken equalities, not the layout or value errors that share its cells.
_RELATION_KINDS = frozenset(("row-total", "column-total", "cross-check", "review-total"))


@cython.locals(numbers=list)
def check(report: Report) -> CheckResult:
    findings: list[Finding] = list(report.parse_findings)
    broken: list[tuple[Relation, Template]] = []
    holding: list[Relation] = []
    unsure: list[Relation] = []         # identities with a blank or missing cell: no fix can promise them
    for tid in TABLE_IDS:
        if tid not in report.tables:
            continue
        tpl = report.template_for(tid)
        cells = report.tables[tid]
        value_plan, relation_plan, keys = _plan(tpl.generation, tid)
        numbers, value_findings = _values(tid, tpl, cells, value_plan, keys)
        findings += value_findings
        skip_absent = None          # worked out when a relation first needs it
        for rel, op, lhs_at, rhs_at, identity in relation_plan:
            # The common case, kept lean: every operand a number, and it holds.
            lhs = _sum_at(numbers, lhs_at)
            rhs = _sum_at(numbers, rhs_at) if lhs is not None else None
            if rhs is not None:
                if lhs == rhs if op == "=" else lhs >= rhs if op == ">=" else lhs <= rhs if op == "<=" \
                        else (lhs == 0) == (rhs == 0):
                    if identity:
                        holding.append(rel)
                    continue
            if skip_absent is None:
                skip_absent = absent_count(cells) * 2 >= len(cells)
            f, state = _evaluate(rel, tpl, cells, skip_absent)
            if state == "broken" and report.guessed and any((tid,) + k in report.guessed for k in rel.cells):
                # A cell of it was placed by guess (a row with a cell too few): the break may be the guess's.
                f = f.replace(severity="warning",
                              message=f.message + "（其中有单元格的列位置是推测的，见排列错误，此项暂不能确定。）")
                state = "uncertain"
            if f is not None:
                findings.append(f)
            if identity:
                if state == "broken":
                    broken.append((rel, tpl))
                elif state == "holds":
                    holding.append(rel)
                elif state == "uncertain":
                    unsure.append(rel)
        findings += _body_findings(report, tid, tpl, cells)
    findings += narrative_findings(report)
    fixes = _localise(report, broken, holding, unsure)
    if fixes:
        findings = _annotate(findings, fixes, report)
        fixes = [Fix(fx.table, fx.cell, fx.current, fx.value,
                     tuple(f for f in findings if f.table == fx.table and fx.cell in f.cells
                           and f.severity == "error" and f.kind in _RELATION_KINDS)) for fx in fixes]
    order = {t: k for k, t in enumerate(TABLE_IDS)}
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.table, 9)))
    return CheckResult(tuple(findings), tuple(fixes))


@cython.cfunc
@cython.locals(numbers=list, at=tuple, j=cython.Py_ssize_t)
def _sum_at(numbers: list, at: tuple):
    """The sum of a table's numbers at the places `at` (its plan's order), None when one of them is None (a cell
    without a number)."""
    total = 0
    for j in at:
        v = numbers[j]
        if v is None:
            return None
        total += v
    return total


@lru_cache(maxsize=None)
def _plan(generation: str, tid: str):
    """What check() walks for one table of one template generation, flattened once:
    the cells with their value domain, in template order; the table's relations with their operator, the places of
    their operands in that order and whether each is an error-level identity (the ones a fix must satisfy); and the cells' keys
    (the templates' own tuples: cell_key)."""
    tpl = get_template(generation)
    spec = tpl.tables[tid]
    keys = spec.cell_ids()
    values = tuple((key, spec.column(*key).domain) for key in keys)
    at = {key: k for k, key in enumerate(keys)}
    relations = tuple((rel, rel.op, tuple(at[key] for key in rel.lhs), tuple(at[key] for key in rel.rhs),
                       rel.op == "=" and rel.severity == "error")
                      for rel in tpl.relations if rel.table == tid)
    return values, relations, keys


def with_findings(result: CheckResult, extra) -> CheckResult:
    """The result with more findings (e.g. across reports), errors still first."""
    order = {t: k for k, t in enumerate(TABLE_IDS)}
    findings = sorted(list(result.findings) + list(extra),
                      key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.table, 9)))
    return CheckResult(tuple(findings), result.fixes)


# ---------------------------------------------------------------------------------------------

@cython.locals(numbers=list, ordered=list, out=list, c=CCell, k=cython.Py_ssize_t, n=cython.Py_ssize_t,
               plain=cython.bint)
def _values(tid: str, tpl: Template, cells: dict, plan, keys: tuple) -> tuple[list, list[Finding]]:
    """The numbers of a table's cells in the order of `plan` (None for a cell without one), and the findings about
    values outside their domain."""
    # The table's cells in plan order: as the parser keeps them (template order), so taken as they are when their
    # keys say so, which spares hashing every key; looked up otherwise.
    n = len(plan)
    if keys_in_order(cells, keys):
        ordered = list(cells.values())
    else:
        get = cells.get
        ordered = [get(key) for key, _ in plan]
    # The common case in one pass: a plain whole number ≥ 0, as written (no notes), fits every domain.
    numbers = []
    plain = True
    for c in ordered:
        if c is not None:
            v = c.value
            if type(v) is int and v >= 0 and not c.notes:
                numbers.append(v)
                continue
        numbers.append(None)
        plain = False
    out: list[Finding] = []
    if plain:
        return numbers, out
    for k in range(n):
        if numbers[k] is not None:
            continue
        c = ordered[k]
        if c is None or "absent" in c.notes:
            continue
        key, domain = plan[k]
        if c.state == NUMBER:
            numbers[k] = c.value
        f = _domain_finding(tid, key, tpl.cell_name(tid, *key), c, domain)
        if f is not None:
            out.append(f)
    return numbers, out


def _domain_finding(tid, key, name, cell, domain) -> Finding | None:
    def make(sev, msg, rule):
        return Finding(sev, "value", tid, (key,), None, cell.value if cell.is_number else None, msg, rule)

    if cell.state == TEXT:
        return make("error", f"{name}填写的“{cell.raw}”不是数字。", "R-NUM-PARSE")
    if cell.state == MISSING:
        return make("warning", f"{name}填写的是“{cell.raw}”，按缺失处理（不当作 0）；统计表应填写数字，没有发生的填 0。",
                    "R-CELL-BLANK")
    if cell.state == BLANK:
        return make("warning", f"{name}是空白，按缺失处理（不当作 0）；没有发生的应填 0。", "R-CELL-BLANK")
    v = cell.value
    whole = not isinstance(v, Decimal) or v == v.to_integral_value()
    if domain == COUNT:
        if v < 0:
            return make("error", f"{name}是负数（{format_number(v)}），件数不能为负。", "R-NUM-INT")
        if not whole:
            return make("error", f"{name}是小数（{format_number(v)}），这里应填整数。", "R-NUM-INT")
        if isinstance(v, Decimal):          # "1.0": a whole number written as a decimal
            return make("warning", f"{name}写成了小数形式“{cell.raw}”，件数应填整数，已按 {format_number(v)} 读取。",
                        "R-NUM-INT")
    elif domain == SIGNED:
        if not whole:
            return make("error", f"{name}是小数（{format_number(v)}），本年增/减应为整数。", "R-OLD-DELTA")
    elif domain == MONEY:
        if v < 0:
            return make("error", f"{name}是负数（{format_number(v)}），金额不能为负。", "R-ACT-FEE")
        if isinstance(v, Decimal) and -v.as_tuple().exponent > 4:
            return make("warning", f"{name}有超过 4 位小数（{cell.raw}），金额以万元为单位、保留 4 位小数。", "R-ACT-FEE")
    if "minus-zero" in cell.notes and domain != SIGNED:     # (before "sign": a count takes no sign at all)
        return make("warning", f"{name}写成了“{cell.raw}”（带负号的 0），已按 0 读取，请确认原意。", "R-NUM-PARSE")
    for note in cell.notes:
        if note.startswith("unit:"):
            unit = note[5:]
            if domain == MONEY and unit == "元":
                return make("warning", f"{name}写成了“{cell.raw}”：单位应为万元，请确认是否需要换算（1 万元 = 10000 元）。",
                            "R-ACT-FEE")
            return make("warning", f"{name}写成了“{cell.raw}”，单元格中应只填数字，已按 {format_number(v)} 读取。",
                        "R-NUM-PARSE")
        if note == "thousands":
            return make("warning", f"{name}写成了“{cell.raw}”（带千分位逗号），已按 {format_number(v)} 读取。",
                        "R-NUM-PARSE")
        if note == "inner-space":
            return make("warning", f"{name}写成了“{cell.raw}”（数字中间有空格），已按 {format_number(v)} 读取，"
                        f"请确认不是两个数字连在了一起。", "R-NUM-PARSE")
        if note == "sign":
            return make("warning", f"{name}写成了“{cell.raw}”（应写作带“-”或“+”的数字），已按 {format_number(v)} 读取。",
                        "R-NUM-PARSE")
        if note == "fullwidth":
            return make("warning", f"{name}用了全角数字“{cell.raw}”，已按 {format_number(v)} 读取。", "R-NUM-PARSE")
        if note == "plus" and domain != SIGNED:
            return make("warning", f"{name}写成了“{cell.raw}”（带“+”号），这里只填数字，已按 {format_number(v)} 读取。",
                        "R-NUM-PARSE")
    return None


# ---------------------------------------------------------------------------------------------

@cython.locals(ops=list, vals=list, absent=list, numeric=list, values=list, c=CCell, nl=cython.Py_ssize_t)
def _evaluate(rel: Relation, tpl: Template, cells, skip_absent: bool = False) -> tuple[Finding | None, str]:
    """Return (finding or None, 'holds' | 'broken' | 'uncertain' | 'skipped'). skip_absent: the table was
    mostly not read (an error says so); relations through its missing cells are skipped, not listed."""
    get = cells.get
    ops = [get(k) for k in rel.cells]
    nl = len(rel.lhs)
    vals = []
    for c in ops:
        if c is not None and c.state == NUMBER:
            vals.append(c.value)
    if len(vals) == len(ops) and rel.op == "=":       # the common case, kept lean
        lhs, rhs = sum(vals[:nl]), sum(vals[nl:])
        if lhs == rhs:
            return None, "holds"
        lhs_vals, rhs_vals = vals[:nl], vals[nl:]
        expected, actual = _sides(rel, lhs_vals, rhs_vals)
        return Finding(rel.severity, rel.kind, rel.table, rel.cells, expected, actual,
                       _equality_message(rel, TABLE_SHORT[rel.table], lhs, rhs), rel.rule), "broken"
    absent = []
    for c in ops:
        absent.append(c is None or "absent" in c.notes)
    if any(absent):
        # A row or column the file does not have. When most of the relation is missing too (a table not
        # read, a row of blanks beside a missing one), there is nothing to compare: that is reported
        # elsewhere. Otherwise the relation is uncertain, as with a blank cell: never a silent 0.
        if all(absent) or skip_absent:
            return None, "skipped"
        ops = [_ABSENT if a else c for a, c in zip(absent, ops)]
    numeric = []
    values = []         # (each operand's number, None where it has none)
    for c in ops:
        numeric.append(c.state == NUMBER)
        values.append(c.value if c.state == NUMBER else None)
    lhs_vals, rhs_vals = values[:nl], values[nl:]
    short = TABLE_SHORT[rel.table]
    if not all(numeric):
        if not any(numeric):
            return None, "skipped"      # nothing to compare; the blank cells are reported one by one
        if rel.op != "=":
            return None, "uncertain"
        lhs0 = sum(v or 0 for v in lhs_vals)
        rhs0 = sum(v or 0 for v in rhs_vals)
        gaps = [k for k, c in zip(rel.cells, ops) if not c.is_number]
        missing = [k for k, c in zip(rel.cells, ops) if c is _ABSENT]
        written = [k for k in gaps if k not in missing]
        what = "、".join(sorted({("空白" if cells[k].state == BLANK else f"“{cells[k].raw}”") for k in written}))
        held = "按 0 计时成立" if lhs0 == rhs0 else f"按 0 计时也不成立（{format_number(lhs0)} ≠ {format_number(rhs0)}）"
        expected, actual = _sides(rel, lhs_vals, rhs_vals, zero=True)
        parts = [f"{len(written)} 个单元格是{what}"] if written else []
        if missing:
            spec = tpl.tables[rel.table]
            if rel.table == "t3":
                names = "、".join(f"“{'·'.join(spec.column(*k).path)}”" for k in missing)
                parts.append(f"{len(missing)} 个单元格原表中没有（缺少{names}栏）")
            else:
                rows = "、".join(dict.fromkeys(f"“{short_row_label(spec.row(k[0]))}”" for k in missing))
                parts.append(f"{len(missing)} 个单元格原表中没有（缺少{rows}行）")
        msg = f"{short}{rel.name}无法确认：其中有 {'，另有 '.join(parts)}，{held}。"
        # Every cell of the relation, as the contract says; the total and the gaps are what the clerk
        # has to look at, so the window and the workbook show those (focus).
        focus = tuple(dict.fromkeys(tuple(rel.lhs) + tuple(gaps)))
        return (Finding("warning", rel.kind, rel.table, rel.cells, expected, actual, msg, rel.rule, focus),
                "uncertain")
    lhs = sum(lhs_vals)
    rhs = sum(rhs_vals)
    if rel.op == "=":
        if lhs == rhs:
            return None, "holds"
        expected, actual = _sides(rel, lhs_vals, rhs_vals)
        return Finding(rel.severity, rel.kind, rel.table, rel.cells, expected, actual,
                       _equality_message(rel, short, lhs, rhs), rel.rule), "broken"
    if rel.op == ">=":
        ok = lhs >= rhs
    elif rel.op == "<=":
        ok = lhs <= rhs
    else:  # zero-iff
        ok = (lhs == 0) == (rhs == 0)
    if ok:
        return None, "holds"
    if rel.op == "zero-iff":
        msg = f"{short}{rel.name}：现在分别是 {format_number(lhs)} 和 {format_number(rhs)}。"
    elif not rel.rhs:
        msg = f"{short}{rel.name}：现在是 {format_number(lhs)}。"
    else:
        msg = f"{short}{rel.name}：现在是 {format_number(lhs)} 和 {format_number(rhs)}。"
    return Finding(rel.severity, rel.kind, rel.table, rel.cells, rhs if rel.rhs else 0, lhs, msg, rel.rule), "broken"


def _sides(rel: Relation, lhs_vals, rhs_vals, zero=False):
    """expected = what the total should be (sum of the addends); actual = what the file says."""
    if any(v is None for v in lhs_vals) and not zero:
        return None, None
    lhs = sum(v or 0 for v in lhs_vals)
    rhs = sum(v or 0 for v in rhs_vals)
    if len(rel.lhs) == 1:
        return rhs, (lhs_vals[0] if lhs_vals[0] is not None else None)
    # 勾稽: the received side is the reference, the handled side is what the file says.
    return lhs, rhs


def _equality_message(rel: Relation, short: str, lhs, rhs) -> str:
    d = lhs - rhs
    if rel.kind == "cross-check":
        return (f"{short}{rel.name}不成立：一（本年新收）+ 二（上年结转）= {format_number(lhs)}，"
                f"三（七）总计 + 四（结转下年度）= {format_number(rhs)}，相差 {format_number(abs(d))}。")
    what = _RELATION_TEXT.get(rel.rule, "各项之和")
    return (f"{short}{rel.name}应为 {format_number(rhs)}（{what}），表中填的是 {format_number(lhs)}，"
            f"相差 {format_number(abs(d))}。")


def _local_body(title: str) -> bool:
    """Whether the body the title names (without its year and the words naming the report) is a township,
    street office or county-level one; a city government (市人民政府) is not."""
    body = _YEAR_IN_TITLE.sub("", title)
    body = _NOT_LOCAL.sub("", body.split("政府信息公开")[0])
    return any(w in body for w in _LOCAL_BODY) and not body.endswith("市人民政府")


def _body_findings(report: Report, tid: str, tpl: Template, cells) -> list[Finding]:
    """R-ACT-GUIZHANG: only State Council departments and provincial/city governments make 规章."""
    if tid != "t1":
        return []
    if not _local_body(report.title):
        return []
    out = []
    for col in ("1", "3"):
        c = cells.get(("20.1.1", col))
        if c is not None and c.is_number and c.value > 0:
            out.append(Finding("warning", "plausibility", "t1", (("20.1.1", col),), 0, c.value,
                               f"{tpl.cell_name('t1', '20.1.1', col)}为 {format_number(c.value)}，"
                               f"但乡镇、街道和县级机关没有规章制定权，请核实是否应填在“规范性文件”行。",
                               "R-ACT-GUIZHANG"))
    return out


# ---------------------------------------------------------------------------------------------
# Localisation: one cell that explains every broken identity through it

def _localise(report: Report, broken, holding, unsure=()) -> list[Fix]:
    """holding: identities that hold now (a fix must not touch them); unsure: identities with a blank or
    missing cell, which a fix through them must leave satisfiable with counts >= 0 in those cells."""
    if not broken:
        return []
    holding_cells: dict[str, set] = {}      # table -> the cells of its identities that hold
    for rel in holding:
        keys = holding_cells.get(rel.table)
        if keys is None:
            keys = holding_cells[rel.table] = set()
        keys.update(rel.cells)
    unsure_by_cell: dict[tuple, list[Relation]] = {}
    for rel in unsure:
        for k in rel.cells:
            unsure_by_cell.setdefault((rel.table, k), []).append(rel)
    by_cell: dict[tuple[str, tuple[str, str]], list[Relation]] = {}
    for rel, _ in broken:
        for k in rel.cells:
            by_cell.setdefault((rel.table, k), []).append(rel)
    candidates: list[tuple[tuple[str, tuple[str, str]], object, frozenset, int | None]] = []
    for (tid, key), rels in by_cell.items():
        if key in holding_cells.get(tid, ()) or (tid,) + key in report.guessed:
            continue            # it would break a relation that holds now, or its place is a guess
        cells = report.tables[tid]
        value = None
        ok = True
        for rel in rels:
            v = _solve(rel, key, cells)
            if v is None or (value is not None and v != value):
                ok = False
                break
            value = v
        if not ok or value is None:
            continue
        unsure_here = unsure_by_cell.get((tid, key), ())
        if not all(_satisfiable(rel, key, value, cells, report.guessed) for rel in unsure_here):
            continue
        # One break (its column), with the cell's own row unverifiable (its 总计 or a cell left blank): if
        # another cell of that row is in the same case, the row is shifted or incomplete, and each of its
        # cells would get a "fix" (below: such candidates are dropped together).
        weak_row = next((id(rel) for rel in unsure_here if rel.kind == "row-total"), None) if len(rels) < 2 else None
        tpl = report.template_for(tid)
        domain = tpl.tables[tid].column(key[0], key[1]).domain
        if domain == COUNT and (value < 0 or (isinstance(value, Decimal) and value != value.to_integral_value())):
            continue
        candidates.append(((tid, key), value, frozenset(id(r) for r in rels), weak_row))
    weak = [c[3] for c in candidates if c[3] is not None]
    candidates = [c for c in candidates if c[3] is None or weak.count(c[3]) < 2]
    fixes = []
    for k, (where, value, rels, _) in enumerate(candidates):
        # Another single cell that explains some of the same breaks makes it ambiguous, unless
        # that cell explains strictly fewer of them (it would leave a break standing).
        if any(j != k and rels & other and not other < rels for j, (_, _, other, _) in enumerate(candidates)):
            continue
        tid, key = where
        fixes.append(Fix(tid, key, report.tables[tid][key], value))
    return fixes


def _satisfiable(rel: Relation, key, value, cells, guessed=frozenset()) -> bool:
    """Whether the equality, with `key` set to value, can still hold for some counts ≥ 0 in its cells that
    are not numbers (blank, missing, text) or whose place is a guess (`guessed`: (table, row, column); a misread
    row's number says nothing about the cell it was put in)."""
    def side(keys):
        known, unknown = 0, False
        for k in keys:
            if k == key:
                known += value
                continue
            c = cells.get(k)
            if c is not None and c.state == NUMBER and not (guessed and (rel.table,) + k in guessed):
                known += c.value
            else:
                unknown = True
        return known, unknown
    lhs, lhs_open = side(rel.lhs)
    rhs, rhs_open = side(rel.rhs)
    if lhs_open and rhs_open:
        return True
    if lhs_open:
        return rhs >= lhs
    if rhs_open:
        return lhs >= rhs
    return lhs == rhs


def _solve(rel: Relation, key, cells):
    """The value of `key` that makes the equality hold, the other cells as they are."""
    lhs = sum(cells[k].value for k in rel.lhs if k != key)
    rhs = sum(cells[k].value for k in rel.rhs if k != key)
    if key in rel.lhs:
        return rhs - lhs
    if key in rel.rhs:
        return lhs - rhs
    return None


def _annotate(findings: list[Finding], fixes: list[Fix], report: Report) -> list[Finding]:
    out = []
    for f in findings:
        fx = next((x for x in fixes if x.table == f.table and x.cell in f.cells), None)
        if fx is None or f.severity != "error" or f.kind not in _RELATION_KINDS:   # not a layout error
            out.append(f)
            continue
        name = report.template_for(fx.table).cell_name(fx.table, *fx.cell)
        cur = format_number(fx.current.value) if fx.current.is_number else fx.current.raw
        msg = f"{f.message}最可能填错的是{name}：现为 {cur}，改为 {format_number(fx.value)} 可使相关关系全部成立。"
        out.append(Finding(f.severity, f.kind, f.table, f.cells, f.expected, f.actual, msg, f.rule, f.focus))
    return out
