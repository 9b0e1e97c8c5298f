"""已核实: a finding marked with a note shows apart, stops counting in the verdict, survives re-checks
and re-opening, can be withdrawn, and goes into the saved workbook with its note."""

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from .helpers import select_cell
from .seed_edit import altered, seed

NOTE = "经核实，该镇当年确有5件申请由县政府转办，统计口径见上报说明。"


def _open_with_error(ctl, tmp_path):
    src = altered(seed("003"), tmp_path / "有错.txt", {("t3", ("1", "1.2")): "2"})
    ctl.open_paths([str(src)])
    view = ctl.current_view()
    errors = [f for f in view.doc.result.findings if f.severity == "error"]
    assert errors
    return src, view, errors


def _select(panel, finding):
    assert panel.select_finding(finding)
    return panel.tree.currentItem()


def test_mark_a_finding_verified_with_a_note_and_withdraw_it(gui, seed_dir, tmp_path, qtbot, monkeypatch):
    window, ctl = gui
    src, view, errors = _open_with_error(ctl, tmp_path)
    n_err = len(errors)
    n_warn = view.doc.result.warnings
    target = errors[0]
    panel = view.findings
    _select(panel, target)
    assert panel.verify_button.isEnabled() and panel.verify_button.text() == "标记为已核实…"
    asked = []
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda parent, title, label, text="": (asked.append(label) or NOTE, True)))
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert asked and target.message in asked[0]
    # apart: a grey 已核实 group below, with the note; not counted in the verdict
    done = panel.verified_items()
    assert len(done) == 1 and done[0].text(0).startswith("✓") and NOTE in done[0].text(0)
    assert done[0].parent().text(0) == "已核实 (1)"
    assert panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1) is done[0].parent()
    assert all(it.data(0, Qt.ItemDataRole.UserRole + 10) != done[0].data(0, Qt.ItemDataRole.UserRole + 10)
               for it in panel.items())                           # F8 walks only the open ones
    left = n_err - 1
    expect = (f"{left} 处错误" if left else "无错误") + (f" · {n_warn} 处提醒" if n_warn else "") + "（另有 1 处已核实）"
    assert window.verdict_label.text() == expect
    assert "另有 1 处已核实" in panel.summary.text()
    assert all(target not in m.findings for m in view.doc.marks.values())     # its cells no longer flagged
    assert list((tmp_path / "data" / "marks").glob("*.json"))
    assert panel.verify_button.text() == "取消核实"
    # a re-check after an unrelated edit keeps the mark (the key is stable)
    grid, m, idx = select_cell(view, "t2", ("1", "1"))
    m.setData(idx, "1")
    m.setData(idx, "0")
    assert [f.key for f in view.doc.verified_findings()] == [target.key]
    # withdraw it from the context menu
    item = _select(panel, target)
    panel.tree.customContextMenuRequested.emit(panel.tree.visualItemRect(item).center())
    actions = {a.text(): a for a in panel.context_menu.actions()}
    assert "取消核实" in actions and "标记为已核实…" not in actions
    actions["取消核实"].trigger()
    panel.context_menu.close()
    assert not panel.verified_items() and "已核实" not in window.verdict_label.text()
    assert view.doc.open_errors() == n_err


def test_marks_survive_reopening_and_go_into_the_workbook(gui, seed_dir, tmp_path, qtbot, monkeypatch):
    window, ctl = gui
    src, view, errors = _open_with_error(ctl, tmp_path)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: (NOTE, True)))
    _select(view.findings, errors[0])
    view.findings.verify_button.click()
    window.actions.close.trigger()
    ctl.open_paths([str(src)])                                     # a new document, marks from the store
    view = ctl.current_view()
    assert [f.key for f in view.doc.verified_findings()] == [errors[0].key]
    assert view.doc.verified[errors[0].key].note == NOTE
    grid, m, idx = select_cell(view, "t2", ("1", "1"))
    m.setData(idx, "0 ")                                          # nothing changes; then a real edit to save
    m.setData(idx, "1")
    out = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out), "")))
    assert ctl.save()
    wb = openpyxl.load_workbook(out, read_only=True)
    texts = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any(NOTE in t for t in texts)


def test_cancelling_the_note_marks_nothing(gui, seed_dir, tmp_path, monkeypatch):
    window, ctl = gui
    src, view, errors = _open_with_error(ctl, tmp_path)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("", False)))
    _select(view.findings, errors[0])
    view.findings.verify_button.click()
    assert not view.doc.verified and not view.findings.verified_items()
    assert "已核实" not in window.verdict_label.text()
