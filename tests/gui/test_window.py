"""The clerk's path through real events: drop, type, fix, undo, paste, copy, navigate, broken files."""

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ui.table_model import FixRole, LineRole, MarkRole, StateRole

from .helpers import drop_files, select_cell
from .seed_edit import altered, seed

DISPLAY = Qt.ItemDataRole.DisplayRole


def test_drop_a_seed_shows_three_grids_and_a_verdict(gui, seed_dir):
    window, ctl = gui
    assert window.stack.currentWidget() is window.start_page
    assert drop_files(window, [seed("004")])
    view = ctl.current_view()
    assert view is not None and window.stack.currentWidget() is window.tabs
    assert set(view.panes) == {"t1", "t2", "t3"}
    m = view.models["t1"]
    assert m.data(m.index_of(("20.5.1", "3")), DISPLAY) == "241"
    assert m.data(m.index_of(("20.5.1", "3")), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert window.verdict_label.text() == "无错误 · 21 处提醒"
    assert "utf-8" in window.encoding_label.text()
    # blank cells look different from zeros
    t2 = view.models["t2"]
    blank, zero = t2.index_of(("3.1", "1")), t2.index_of(("1", "1"))
    assert t2.data(blank, StateRole) == "blank" and t2.data(zero, StateRole) == "number"
    assert t2.data(blank, Qt.ItemDataRole.BackgroundRole).color() != t2.data(zero, Qt.ItemDataRole.BackgroundRole).color()
    # headers and labels are read-only
    assert not t2.flags(t2.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert t2.flags(zero) & Qt.ItemFlag.ItemIsEditable


def test_dropping_several_files_opens_a_tab_each(gui, seed_dir):
    window, ctl = gui
    drop_files(window, [seed("000"), seed("003")])
    assert window.tabs.count() == 2
    drop_files(window, [seed("003")])               # already open: brought forward, not duplicated
    assert window.tabs.count() == 2


def test_typing_a_number_that_breaks_a_total_then_fix_then_undo(gui, seed_dir, qtbot):
    window, ctl = gui
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    assert window.verdict_label.text() == "无错误"
    grid, m, idx = select_cell(view, "t2", ("1", "1"))
    qtbot.keyClicks(grid, "5")                       # typing replaces and opens the editor
    editor = QApplication.focusWidget()
    assert editor is not grid and editor.text() == "5"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: m.data(idx, DISPLAY) == "5", timeout=2000)      # Qt commits on Enter queued
    assert m.data(idx, DISPLAY) == "5"
    assert grid.currentIndex() == m.index_of(("2", "1"))          # Enter moved down
    assert m.data(idx, MarkRole) == "error"
    assert m.data(idx, FixRole) == "0"                             # the fix cell, marked strongest
    assert "应为" in m.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert window.verdict_label.text().endswith("处错误")
    assert window.isWindowModified() and view.doc.modified
    assert any(f.severity == "error" for f in view.doc.result.findings)
    # the findings panel lists it; clicking selects its cells
    items = view.findings.items()
    assert items
    view.findings.tree.setCurrentItem(items[0])
    view.findings._on_clicked(items[0])
    assert idx in grid.selectionModel().selectedIndexes()
    assert view.findings.fix_button.isEnabled()
    qtbot.mouseClick(view.findings.fix_button, Qt.MouseButton.LeftButton)
    assert m.data(idx, DISPLAY) == "0"
    assert m.data(idx, MarkRole) is None
    assert window.verdict_label.text() == "无错误"
    assert view.doc.changes()[-1].finding                          # the change names what it answered
    window.actions.undo.trigger()
    assert m.data(idx, DISPLAY) == "5" and m.data(idx, MarkRole) == "error"
    window.actions.undo.trigger()
    assert m.data(idx, DISPLAY) == "0" and m.data(idx, MarkRole) is None
    assert not window.isWindowModified()
    window.actions.redo.trigger()
    assert m.data(idx, DISPLAY) == "5"


def test_paste_a_3x3_block_is_one_undo_step(gui, seed_dir, qtbot):
    window, ctl = gui
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    grid, m, idx = select_cell(view, "t2", ("3.3.1", "1"))
    QGuiApplication.clipboard().setText("1\t2\t3\r\n4\t5\t6\r\n7\t8\t9\r\n")
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows, cols = ("3.3.1", "3.3.2", "3.3.3"), ("1", "2.1", "2.2")
    got = [[m.data(m.index_of((r, c)), DISPLAY) for c in cols] for r in rows]
    assert got == [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]
    assert view.doc.result.errors > 0
    assert len(view.doc.changes()) == 9
    window.actions.undo.trigger()
    assert all(m.data(m.index_of((r, c)), DISPLAY) == "0" for r in rows for c in cols)
    assert view.doc.result.errors == 0 and not view.doc.changes()


def test_copy_gives_tab_separated_text_and_delete_clears(gui, seed_dir, qtbot, tmp_path):
    window, ctl = gui
    src = altered(seed("003"), tmp_path / "a.txt",
                  {("t2", ("1", "1")): "3", ("t2", ("1", "3")): "3", ("t2", ("3.1", "1")): "3",
                   ("t2", ("3.1", "3")): "3", ("t2", ("3.7", "1")): "3", ("t2", ("3.7", "3")): "3"})
    ctl.open_paths([str(src)])
    view = ctl.current_view()
    assert view.doc.result.errors == 0
    grid, m, idx = select_cell(view, "t2", ("1", "1"))
    grid.selectionModel().select(QItemSelection(idx, m.index_of(("1", "2.1"))),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "3\t0\n"
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert m.data(idx, StateRole) == "blank"
    assert m.data(idx, MarkRole) is not None                    # blank now: the row total is uncertain
    window.actions.undo.trigger()
    assert m.data(idx, DISPLAY) == "3"


def test_f8_walks_the_findings_and_the_source_line_follows(gui, seed_dir, tmp_path, qtbot):
    window, ctl = gui
    src = altered(seed("003"), tmp_path / "e.txt", {("t2", ("3.3.4", "2.1")): "3", ("t3", ("1", "1.2")): "2"})
    ctl.open_paths([str(src)])
    view = ctl.current_view()
    assert view.doc.result.errors >= 2
    seen = set()
    for _ in range(len(view.findings.items())):
        window.actions.next_finding.trigger()
        f = view.findings.current_finding()
        seen.add(f.key)
        grid = view.current_grid()
        keys = {grid.model().data(i, Qt.ItemDataRole.UserRole + 2) for i in grid.selectionModel().selectedIndexes()}
        assert keys == set(f.cells) & set(grid.model().layout.positions)
        assert view.source.highlighted
    assert len(seen) == len(view.findings.items())
    window.actions.prev_finding.trigger()
    assert view.findings.current_finding().key != f.key or len(seen) == 1
    # selecting a cell highlights the line it was read from
    grid, m, idx = select_cell(view, "t3", ("1", "1.2"))
    assert view.source.highlighted == [m.data(idx, LineRole)]


def test_a_broken_file_gives_a_chinese_message_and_the_window_stays_usable(gui, seed_dir, tmp_path, messages):
    window, ctl = gui
    bad = tmp_path / "坏文件.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    drop_files(window, [bad])
    assert messages and messages[0][0] == "critical"
    assert "无法打开" in messages[0][2] and "坏文件.txt" in messages[0][2]
    assert window.tabs.count() == 0 and window.stack.currentWidget() is window.start_page
    ctl.open_paths([str(seed("002"))])
    assert window.tabs.count() == 1


def test_find_a_label_with_ctrl_f(gui, seed_dir, qtbot):
    window, ctl = gui
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    window.actions.find.trigger()
    assert view.find_bar.isVisible()
    view.find_edit.setText("重复申请")            # QTest cannot type CJK; the clerk uses an IME
    qtbot.keyClick(view.find_edit, Qt.Key.Key_Return)
    grid = view.current_grid()
    assert view.current_table() == "t2"
    assert grid.model().data(grid.currentIndex(), Qt.ItemDataRole.UserRole + 2) == ("3.5.2", "1")


def test_ctrl_wheel_zooms(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    pane = view.panes["t2"]
    before = pane.body.columnWidth(0)
    pane.body.zoom_requested.emit(1)
    assert pane.zoom > 1 and pane.body.columnWidth(0) > before
