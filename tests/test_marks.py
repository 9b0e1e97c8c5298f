"""已核实 marks survive re-checks and belong to the report's content (issue 6 part 5)."""

from app import check, load_text
from app.edit import set_cell_text
from app.marks import MarkStore


def test_mark_survives_recheck_and_edits_elsewhere(tmp_path, seeds):
    report = load_text(seeds["004"].read_text(encoding="utf-8"), "a.txt")
    finding = next(f for f in check(report).findings if f.rule == "R-CELL-BLANK")
    store = MarkStore(tmp_path)
    store.mark(report, finding, "原表如此，已电话核实")
    again = load_text(report.text, "renamed.txt")
    marks = MarkStore(tmp_path).load(again)
    same = next(f for f in check(again).findings if f.key == finding.key)
    assert marks[same.key].note == "原表如此，已电话核实"
    edited = set_cell_text(again, "t2", ("1", "1"), "0")      # an edit elsewhere keeps the finding's key
    assert finding.key in {f.key for f in check(edited).findings}
    store.unmark(report, finding)
    assert MarkStore(tmp_path).load(report) == {}


def test_marks_do_not_leak_to_other_reports(tmp_path, seeds):
    a = load_text(seeds["004"].read_text(encoding="utf-8"))
    b = load_text(seeds["002"].read_text(encoding="utf-8"))
    MarkStore(tmp_path).mark(a, check(a).findings[0], "x")
    assert MarkStore(tmp_path).load(b) == {}


def test_verified_findings_show_on_the_results_sheet(tmp_path, seeds):
    from openpyxl import load_workbook

    from app.export import export_workbook

    report = load_text(seeds["004"].read_text(encoding="utf-8"), str(tmp_path / "src.txt"))
    result = check(report)
    finding = next(f for f in result.findings if f.rule == "R-CELL-BLANK")
    store = MarkStore(tmp_path)
    store.mark(report, finding, "原表如此，已电话核实")
    out = tmp_path / "out.xlsx"
    export_workbook(report, result, str(out), verified=store.load(report))
    ws = load_workbook(out)["校验结果"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert sum("已核实" in t and "原表如此，已电话核实" in t for t in texts) == 1
