"""Structural defects found in review: missing tables, short rows, surplus columns, narrative traps."""

import pytest

from app import check, load_text



def with_row(text: str, label: str, values: list) -> str:
    """The line holding a cell `label` gets new numbers after that cell (tab-separated seeds)."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if label in cells:
            k = cells.index(label)
            line = "\t".join(cells[:k + 1] + [str(v) for v in values])
        out.append(line)
    return "\n".join(out)


def _rules(result, severity=None):
    return [f.rule for f in result.findings if severity is None or f.severity == severity]


@pytest.fixture
def text002(seeds):
    return seeds["002"].read_text(encoding="utf-8")


def test_a_missing_table_is_an_error(text002):
    lines = text002.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("四、政府信息公开行政复议"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("五、存在的主要问题"))
    report = load_text("\n".join(lines[:start] + lines[end:]))
    result = check(report)
    assert set(report.tables) == {"t1", "t2"}
    missing = [f for f in result.findings if f.rule == "R-TABLE-MISSING"]
    assert [(f.severity, f.table) for f in missing] == [("error", "t3")]


def test_a_row_with_one_number_too_few_is_a_layout_error_without_a_fix(text002):
    # 表三 filled consistently, then one number of the （三）1 row dropped (not blanked: its cell is gone)
    t = text002.replace("我镇未收到政府依申请公开申请", "我镇依申请公开工作平稳")
    t = with_row(t, "一、本年新收政府信息公开申请数量", [3, 0, 0, 0, 0, 0, 3])
    t = with_row(t, "(一) 予以公开", [2, 0, 0, 0, 0, 0, 2])
    t = with_row(t, "1.属于国家秘密", [1, 0, 0, 0, 0, 0, 1])
    t = with_row(t, "(七) 总计", [3, 0, 0, 0, 0, 0, 3])
    assert check(load_text(t)).errors == 0
    short = t.replace("1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1", "1.属于国家秘密\t1\t0\t0\t0\t0\t1")
    assert short != t
    result = check(load_text(short))
    layout = [f for f in result.findings if f.kind == "layout"]
    assert len(layout) == 1 and layout[0].severity == "error" and layout[0].cells[0][0] == "3.3.1"
    assert all(fx.cell[0] != "3.3.1" for fx in result.fixes)


def test_a_surplus_column_is_dropped_where_rows_and_columns_both_hold(text002):
    t = text002.replace("我镇未收到政府依申请公开申请", "我镇依申请公开工作平稳")
    t = with_row(t, "一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6])
    t = with_row(t, "(七) 总计", [5, 1, 0, 0, 0, 0, 6])
    t = with_row(t, "(一) 予以公开", [5, 0, 1, 0, 0, 0, 0, 6])    # a stray 0 after 自然人
    result = check(load_text(t))
    layout = [f for f in result.findings if f.kind == "layout"]
    assert len(layout) == 1 and "第 2 个数" in layout[0].message
    assert [f for f in result.findings if f.severity == "error" and f.kind != "layout"] == []


@pytest.mark.parametrize("sentence", ["对无法提供的申请，我镇均依法告知申请人并说明理由。",
                                      "对无正当理由大量反复申请的，依法不予处理。"])
def test_phrases_with_wu_are_not_read_as_no_applications(text002, sentence):
    t = with_row(text002, "一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2])
    t = t.replace("我镇未收到政府依申请公开申请", "我镇依申请公开工作平稳")
    t = t.replace("五、存在的主要问题及改进情况", "五、存在的主要问题及改进情况\n\n" + sentence, 1)
    assert [f for f in check(load_text(t)).findings if f.kind == "narrative"] == []


def test_an_uncertain_sum_names_every_cell_and_focuses_on_total_and_gaps(seeds):
    result = check(load_text(seeds["004"].read_text(encoding="utf-8")))
    row = next(f for f in result.findings if f.rule == "R-APP-ROW" and f.cells[0] == ("3.1", "3"))
    assert len(row.cells) == 7 and row.focus[0] == ("3.1", "3") and len(row.focus) == 7
    col = next(f for f in result.findings if f.rule == "R-APP-COL" and f.cells[0] == ("3.7", "1"))
    assert len(col.cells) == 20 and set(col.focus) == {("3.7", "1"), ("3.1", "1"), ("3.2", "1")}


def test_cells_made_by_the_parsers_fast_path_equal_cells_made_by_cell():
    """_make_cells fills a plain number's Cell without Cell.__init__ (app/parse.py): it must set every field
    as __init__ does, and a field added to Cell must be added there too."""
    from app.model import NUMBER, Cell
    from app.parse import _make_cells
    from app.values import parse_value

    made = _make_cells([("12", 3), ("0", 0), ("１２", 4), ("", 5), ("/", 6)])
    assert made[0] == Cell("12", NUMBER, 12, 3) and made[1] == Cell("0", NUMBER, 0, None)
    assert made[2:] == [parse_value("１２", 4), parse_value("", 5), parse_value("/", 6)]
    assert all(getattr(made[0], f) == getattr(Cell("12", NUMBER, 12, 3), f) for f in Cell.__slots__)


def test_a_table_is_keyed_in_template_order_only_when_every_key_is_there_in_order():
    """keyed_in_order lets the parser and the rules take a table's cells as they are instead of looking each up."""
    from app.template import get_template, keyed_in_order

    ids = get_template("2021").tables["t2"].cell_ids()
    whole = {k: 0 for k in ids}
    assert keyed_in_order(whole, ids)
    assert keyed_in_order({(r, c): 0 for r, c in ids}, ids)             # equal keys, other tuple objects
    assert not keyed_in_order(dict(list(whole.items())[:-1]), ids)      # one cell missing
    swapped = list(whole.items())
    swapped[3], swapped[4] = swapped[4], swapped[3]
    assert not keyed_in_order(dict(swapped), ids)                      # all there, two out of order
    other = dict(list(whole.items())[:-1])
    other[("9.9", "1")] = 0
    assert not keyed_in_order(other, ids)                              # as many keys, one not the template's


def test_a_blocks_ids_and_labels_are_worked_out_once_and_stay_out_of_its_record():
    """The parser starts each table from its block's row ids, column ids and labels (derived in Block.__init__);
    they are no field of the record: equality, repr and copies see the five fields alone."""
    from app.template import Block, get_template

    for generation in ("2021", "2019"):
        for spec in get_template(generation).tables.values():
            for block in spec.blocks:
                assert block.row_ids == tuple(r.id for r in block.rows)
                assert block.column_ids == tuple(c.id for c in block.columns)
                assert block.column_labels == tuple(c.label for c in block.columns)
                assert Block._fields == ("id", "title", "columns", "rows", "corner")
                assert "row_ids" not in repr(block)
                again = block.replace(title=block.title)
                assert again == block and hash(again) == hash(block) and again.column_ids == block.column_ids
                fewer = block.replace(rows=block.rows[:1])
                assert fewer.row_ids == (block.rows[0].id,) and (fewer != block) == (len(block.rows) > 1)


def test_a_cell_opens_a_row_as_its_patterns_say_remembered_or_not():
    """_opens_row remembers what its patterns found a short cell text to be: the answer is the patterns' own, the
    first time and every time after, for labels, notes, sentences and words."""
    import app.parse as P
    from app.template import get_template

    def by_patterns(s, numbers, cells):
        if numbers and (P._ROW_LABEL.match(s) or P._SENTENCE_CELL.search(s)):
            return True
        return bool(s[1:2] == "、" and s[0] in "一二三四" or s in P._OPENS_ROW or s.startswith("第二十条")
                    or s[-1:] in ")）" and P._without_note(s) in P._OPENS_ROW) and P._any_filled(cells)

    texts = {p for g in ("2021", "2019") for spec in get_template(g).tables.values() for b in spec.blocks
             for r in b.rows for p in r.path + r.variants}
    texts |= {"一、本年新收政府信息公开申请数量", "（一）予以公开", "3.其他", "行政许可（件）", "行政许可（本年）", "第二十条第（一）项",
              "本年度未收到政府信息公开申请。", "我单位严格按照条例规定办理。" * 6, "十二", "总计", "、", "", "（", "5件", "行政处罚"}
    P._OPENER_KIND.clear()
    for _ in range(2):          # (the second time from what was remembered)
        for s in sorted(texts):
            for numbers in (0, 3):
                for cells in ([], ["", " "], ["标签", "5"]):
                    assert P._opens_row(s, numbers, cells) is by_patterns(s, numbers, cells), (s, numbers, cells)
    assert "3.其他" in P._OPENER_KIND and "我单位严格按照条例规定办理。" * 6 not in P._OPENER_KIND


def test_the_rows_shared_placement_is_counted_as_by_pairs():
    """_row_anchors counts each (blanks, span) pair as one int: it gives what counting the pairs themselves gives."""
    import random

    import app.parse as P

    def by_pairs(rows, filled_by_row, n):
        leads, trails, full = {}, {}, 0
        for rid, vals in rows.items():
            filled = filled_by_row[rid]
            if not filled:
                continue
            first, last = filled[0], filled[-1]
            span = last - first + 1
            if span < n or span > n + 1 or len(filled) != span:
                continue
            full += 1
            lk, tk = (first, span), (len(vals) - 1 - last, span)
            leads[lk] = leads.get(lk, 0) + 1
            trails[tk] = trails.get(tk, 0) + 1
        if full < 3:
            return None, None
        return P._shared_by_nearly_all(leads, full), P._shared_by_nearly_all(trails, full)

    rng = random.Random(3)
    seen = set()
    for _ in range(3000):
        n = rng.choice((5, 7, 8))
        rows = {}
        for r in range(rng.randrange(0, 30)):
            lead, width = rng.choice((0, 0, 0, 1, 2)), rng.choice((n, n, n, n + 1, n - 1, n + 2))
            rows[str(r)] = [("", 0)] * lead + [(str(rng.randrange(3)) if rng.random() < 0.95 else "", 0)
                                               for _ in range(width)] + [("", 0)] * rng.choice((0, 0, 1, 3))
        filled = {rid: P._filled_at(v) for rid, v in rows.items()}
        got = P._row_anchors(rows, filled, n)
        assert got == by_pairs(rows, filled, n)
        seen.add(tuple(x is None for x in got))
    assert seen == {(True, True), (False, False), (True, False), (False, True)}


def test_the_relations_of_misaligned_rows_are_remembered_per_rows_and_each_given_once():
    """_resolve_surplus scores the relations touching the misaligned rows; they are remembered by (generation,
    column order, rows), so each call must still give exactly the relations of its own rows, once each."""
    import random
    from app.parse import _plan, _plan_for
    from app.template import get_template
    rng = random.Random(4)
    for generation in ("2019", "2021"):
        order = tuple(c.id for c in get_template(generation).tables["t2"].blocks[0].columns)
        plan = _plan(generation, "t2", order)
        for _ in range(200):
            rows = tuple(rng.sample(sorted(plan), rng.randrange(1, len(plan) + 1)))
            got = _plan_for(generation, order, rows)
            want = {id(e): e for r in rows for e in plan[r]}
            assert len(got) == len({id(e) for e in got}) == len(want)
            assert {id(e) for e in got} == set(want)
            assert _plan_for(generation, order, rows) is got
        shorter = order[:-1]
        assert _plan_for(generation, shorter, tuple(plan)) == tuple(
            {id(e): e for r in plan for e in _plan(generation, "t2", shorter).get(r, ())}.values())


def test_a_label_and_count_in_one_cell_is_looked_for_only_in_a_cell_ending_in_a_digit():
    """_split_cells runs _LABEL_THEN_COUNT (a lazy label: every split of the cell tried) only on a cell whose last
    character is one of _COUNT_DIGITS: no cell ending otherwise can match it."""
    import random
    from app.parse import _COUNT_DIGITS, _LABEL_THEN_COUNT, _split_cells
    rng = random.Random(6)
    alphabet = list("行政许可 \u3000０１９0189.,，/—-+＋a") + ["\u2007", "\xa0"]
    matched = 0
    for _ in range(30000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))).strip()
        if _LABEL_THEN_COUNT.fullmatch(s):
            matched += 1
            assert s[-1] in _COUNT_DIGITS, s
    assert matched > 100
    assert _split_cells("行政许可 158\t\t3") == ["行政许可", "158", "", "3"]
    assert _split_cells("行政许可 一五八\t3") == ["行政许可 一五八", "3"]


def test_the_one_cell_lines_are_counted_as_their_pattern_counts_them():
    """_logical_rows counts a region's lines of one cell after a tab with a pass over the lines (_b_lines), not with
    a pattern over the joined region: the same count for any lines and any region."""
    import random
    import re
    from app.parse import _b_lines
    b_line = re.compile(r"\n\t[^\t\n]*(?=\n)")     # (the pattern the count once was)
    rng = random.Random(1)
    for _ in range(30000):
        lines = ["".join(rng.choice("\t a中") for _ in range(rng.randrange(0, 5))) for _ in range(rng.randrange(1, 10))]
        s = rng.randrange(0, len(lines) + 1)
        e = rng.randrange(s, len(lines) + 1)
        assert _b_lines(lines, s, e) == len(b_line.findall("\n" + "\n".join(lines[s:e]) + "\n")), (lines, s, e)
