"""Property-based: a consistent 表三/表四 has no error; one changed cell is always caught, localised in 表三.

Reports are written from scratch by tests/synth.py (no seed needed), in both layouts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import check, load_text

from . import synth as S

GEN = "2021"
DETAIL = S.detail_rows(GEN)
T2_CELLS = [("t2", r, c) for r in S.t2_rows(GEN) for c in S.T2_COLS]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

counts = st.one_of(st.just(0), st.integers(0, 30), st.integers(0, 5000))


@st.composite
def consistent_tables(draw):
    """Every value of 表三 and 表四 with all of domain.md §2.1–2.2 holding (plus a plain 表二)."""
    v = {}
    for r in DETAIL:
        for c in S.T2_APPLICANTS:
            v[("t2", r, c)] = draw(counts)
    for c in S.T2_APPLICANTS:
        r7 = sum(v[("t2", r, c)] for r in DETAIL)
        v[("t2", "3.7", c)] = r7
        cout = draw(counts)
        cin = draw(st.integers(0, r7 + cout))
        v[("t2", "4", c)] = cout
        v[("t2", "2", c)] = cin
        v[("t2", "1", c)] = r7 + cout - cin
    for r in S.t2_rows(GEN):
        v[("t2", r, "3")] = sum(v[("t2", r, c)] for c in S.T2_APPLICANTS)
    for g in S.T3_GROUPS:
        parts = [draw(st.integers(0, 40)) for _ in range(4)]
        for i, p in enumerate(parts, 1):
            v[("t3", "1", f"{g}.{i}")] = p
        v[("t3", "1", f"{g}.5")] = sum(parts)
    return v


def _check(values, layout_b):
    report = load_text(S.scratch_report(values, layout_b=layout_b), "p.txt")
    return report, check(report)


def _changed(draw, values, cells):
    key = draw(st.sampled_from(cells))
    old = values[key]
    new = draw(st.integers(0, old + 50).filter(lambda x: x != old))
    out = dict(values)
    out[key] = new
    return key, old, out


@SETTINGS
@given(consistent_tables(), st.booleans())
def test_consistent_tables_have_no_error(values, layout_b):
    report, result = _check(values, layout_b)
    for k, want in values.items():
        assert report.tables[k[0]][k[1:]].value == want, k
    assert [f.message for f in result.findings if f.severity == "error"] == []
    assert result.fixes == ()


@SETTINGS
@given(consistent_tables(), st.booleans(), st.data())
def test_any_single_change_in_t2_is_caught_and_localised(values, layout_b, data):
    key, old, changed = _changed(data.draw, values, T2_CELLS)
    report, result = _check(changed, layout_b)
    assert report.tables["t2"][key[1:]].value == changed[key]
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors and all(key[1:] in f.cells for f in errors)
    assert {(f.kind, frozenset(f.cells)) for f in errors} == {
        (k, c) for k, _, c in S.expected_errors(GEN, changed)}
    assert [(f.table, f.cell, f.value) for f in result.fixes] == [("t2", key[1:], old)]
    assert result.fixes[0].current.value == changed[key]


@SETTINGS
@given(consistent_tables(), st.booleans(), st.data())
def test_single_change_in_t3_is_caught_but_not_guessed(values, layout_b, data):
    key, old, changed = _changed(data.draw, values, [("t3", "1", c) for c in S.T3_COLS])
    _, result = _check(changed, layout_b)
    group = key[2].rsplit(".", 1)[0]
    errors = [f for f in result.findings if f.severity == "error"]
    assert [(f.kind, f.cells) for f in errors] == [
        ("review-total", (("1", f"{group}.5"),) + tuple(("1", f"{group}.{i}") for i in range(1, 5)))]
    # Five cells explain one broken sum. The only exception the contract allows: every other
    # single-cell repair would need a negative count, so one cell is left (a 总计 lowered below each part).
    ideal = S.ideal_fix(GEN, changed, "t3")
    got = [(f.cell, f.value) for f in result.fixes]
    if ideal is None:
        assert got == []
    else:
        assert got == [(key[1:], old)] and key[2].endswith(".5")


@SETTINGS
@given(consistent_tables(), st.data())
def test_raised_outcome_in_t3_is_never_localised(values, data):
    key = ("t3", "1", data.draw(st.sampled_from([c for c in S.T3_COLS if not c.endswith(".5")])))
    changed = dict(values)
    changed[key] = values[key] + data.draw(st.integers(1, 30))
    _, result = _check(changed, False)
    assert result.errors == 1
    assert result.fixes == ()


# ---------------------------------------------------------------------------------------------
# The surplus-column choice scores every candidate column in one pass per relation; it must agree with
# the plain reading (drop the column from every wide row, then count relations that hold minus break).

@st.composite
def surplus_layouts(draw):
    n = draw(st.integers(2, 6))
    value = st.one_of(st.none(), st.integers(0, 3))           # small values: sums often tie
    rows = [f"r{i}" for i in range(draw(st.integers(2, 6)))]
    wide_rows = draw(st.lists(st.sampled_from(rows), min_size=1, unique=True))
    fixed = {r: draw(st.lists(value, min_size=n - 1, max_size=n)) for r in rows if r not in wide_rows
             and draw(st.booleans())}
    wide = {r: draw(st.lists(value, min_size=n + 1, max_size=n + 1)) for r in wide_rows}
    operand = st.tuples(st.sampled_from(rows), st.integers(0, n - 1))
    entries = [(tuple(ops), draw(st.integers(1, len(ops))))
               for ops in draw(st.lists(st.lists(operand, min_size=1, max_size=6), max_size=8))]
    return fixed, wide, entries, n


@SETTINGS
@given(surplus_layouts())
def test_surplus_column_scores_agree_with_dropping_it_and_counting(layout):
    from app.parse import _drop_scores, _held
    fixed, wide, entries, n = layout
    expected = []
    for k in range(n + 1):
        trial = dict(fixed)
        trial.update({r: v[:k] + v[k + 1:] for r, v in wide.items()})
        expected.append(_held(trial, entries))
    assert _drop_scores(fixed, wide, entries, n) == expected


# The layout test counts non-blank lines of a region with one regex; it must agree with the line rule
# (a line is blank when empty, or all spaces and not starting with a tab).
@SETTINGS
@given(st.lists(st.text(alphabet=[" ", "\t", "a", "\u3000", "\xa0", "\x0b", "\x1c", "中"], max_size=4),
                min_size=1, max_size=8))
def test_blank_line_count_agrees_with_the_line_rule(lines):
    from app.parse import _BLANK_LINE
    nonblank = sum(1 for ln in lines if ln and (ln[0] == "\t" or not ln.isspace()))
    assert len(lines) - len(_BLANK_LINE.findall("\n" + "\n".join(lines) + "\n")) == nonblank
