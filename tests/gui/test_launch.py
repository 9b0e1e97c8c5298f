"""What the launch makes cheaper must still happen: rows wrap to the panel, cells keep their colours."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.table_model import BRUSHES, PALETTE

from .seed_edit import seed


def _fresh_process(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run `code` in a new Python off screen: a launch, not the tests' long-lived QApplication."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=Path(__file__).resolve().parents[2], env=env,
                          capture_output=True, text=True, timeout=120)


def test_findings_rows_wrap_to_the_viewport_width(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    tree = view.findings.tree
    QApplication.processEvents()
    # the width the delegate wraps to is the viewport's, tracked without asking for the viewport
    assert tree.viewport_width() == tree.viewport().width()
    item = view.findings.items()[0]
    wide = tree.visualItemRect(item).height()
    view.split.setSizes([1100, 260])                 # a narrower panel: the same text needs more lines
    QApplication.processEvents()
    tree.executeDelayedItemsLayout()
    assert tree.viewport_width() == tree.viewport().width()
    assert tree.visualItemRect(item).height() > wide


def test_cell_brushes_are_solid_and_shared(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    t2 = ctl.current_view().models["t2"]
    zero, warned = t2.index_of(("1", "1")), t2.index_of(("3.1", "1"))
    brush = t2.data(zero, Qt.ItemDataRole.BackgroundRole)
    assert brush is BRUSHES["plain"]
    assert brush.style() == Qt.BrushStyle.SolidPattern and brush.color() == PALETTE["plain"]
    assert t2.data(warned, Qt.ItemDataRole.BackgroundRole).color() == PALETTE["warning"]


def test_collection_pauses_for_the_launch_and_resumes_once_the_loop_runs():
    """A fresh process (the tests' own QApplication exists before create_application)."""
    code = (
        "import gc, ui.main as m\n"
        "m.GC_UNFREEZE_MS = 50\n"
        "app = m.create_application()\n"
        "assert not gc.isenabled()\n"
        "app.processEvents()\n"
        "assert gc.isenabled() and gc.get_freeze_count() > 1000, gc.get_freeze_count()\n"
        "from PySide6.QtCore import QDeadlineTimer\n"
        "t = QDeadlineTimer(5000)\n"
        "while gc.get_freeze_count() and not t.hasExpired():\n"
        "    app.processEvents()\n"
        "assert gc.get_freeze_count() == 0\n"
        "print('ok')\n"
    )
    out = _fresh_process(code)
    assert out.stdout.strip() == "ok", out.stderr


def test_launch_imports_only_what_the_first_paint_needs(seed_dir):
    """Editing, saving, folders and dialogs load when first used; the first edit still works."""
    code = (
        "import sys\n"
        "from ui.main import build, create_application\n"
        "app = create_application()\n"
        "w, c = build(headless=True)\n"
        "c.open_paths([sys.argv[1]])\n"
        "w.show(); app.processEvents(); w.grab()\n"
        "late = ['app.edit', 'ui.commands', 'app.export', 'openpyxl', 'ui.folder_view', 'ui.restore_dialog',\n"
        "        'ui.error_dialog', 'app.summary', 'app.crossyear', 'ui.start_page']\n"
        "print(' '.join(m for m in late if m in sys.modules) or 'none')\n"
        "m = c.current_view().models['t2']\n"
        "m.setData(m.index_of(('1', '1')), '7')\n"
        "print(m.data(m.index_of(('1', '1'))), c.current_view().doc.modified)\n"
    )
    out = _fresh_process(code, str(seed("004")))
    assert out.stdout.split("\n")[:2] == ["none", "7 True"], out.stdout + out.stderr


def test_pyside_feature_table_is_filled_without_reading_sources(seed_dir):
    """The launch answers PySide's "does this module use PySide?" question for it: every module PySide
    itself would mark as a user (0) is marked so, and no module was left for its import hook to read."""
    code = (
        "import sys\n"
        "import ui.main as m\n"
        "app = m.create_application()\n"
        "f = sys.modules['shibokensupport.feature']\n"
        "read = []\n"
        "scan = f._mod_uses_pyside\n"
        "f._mod_uses_pyside = lambda mod: read.append(mod.__name__) or scan(mod)\n"
        "w, c = m.build(headless=True)\n"
        "c.open_paths([sys.argv[1]])\n"
        "w.show(); app.processEvents(); w.grab()\n"
        "f._mod_uses_pyside = scan\n"
        "wrong = [n for n, v in f.pyside_feature_dict.items() if n in sys.modules and v != 0 and scan(sys.modules[n])]\n"
        "print('read:', ' '.join(n for n in read if n.startswith(('ui', 'app'))) or 'none')\n"
        "print('wrong:', ' '.join(wrong) or 'none')\n"
        "print('ui:', ' '.join(sorted(n for n in sys.modules if n.startswith('ui.') and f.pyside_feature_dict.get(n) != 0)) or 'none')\n"
    )
    out = _fresh_process(code, str(seed("004")))
    assert out.stdout.split("\n")[:3] == ["read: none", "wrong: none", "ui: none"], out.stdout + out.stderr


def test_every_data_cell_is_painted_by_the_cell_delegate(gui, seed_dir):
    """Labels and headers go to Qt's own delegate; marks, hatches and fix badges still reach every data cell."""
    from ui.cell_delegate import CellDelegate
    from ui.layout import DATA
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    plain = 0
    for tid, pane in view.panes.items():
        lay = pane.model.layout
        for (r, c), g in lay.anchors.items():
            idx = pane.model.index(r, c)
            grid = pane.header if r < lay.frozen_rows else pane.body
            delegate = grid.itemDelegateForIndex(idx)
            if g.kind == DATA:
                assert isinstance(delegate, CellDelegate), (tid, r, c)
            else:
                plain += not isinstance(delegate, CellDelegate)
    assert plain > 0


def test_source_text_follows_the_first_paint(gui, seed_dir):
    """The source pane is painted empty first, then filled one turn of the event loop later."""
    window, ctl = gui
    window.show()
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    assert view.source.has_pending_text()
    for _ in range(5):
        QApplication.processEvents()
        if not view.source.has_pending_text():
            break
    assert not view.source.has_pending_text()
    assert view.source.text.toPlainText() == view.doc.report.text
    from PySide6.QtGui import QFontDatabase
    assert view.source.text.font() == QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def test_showing_a_source_line_fills_the_text_at_once(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    view.source.show_lines([3])
    assert not view.source.has_pending_text()
    assert view.source.text.toPlainText() == view.doc.report.text
    assert view.source.highlighted == [3]


def test_find_bar_is_built_when_first_opened(gui, seed_dir):
    window, ctl = gui
    window.show()
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    assert view._find_bar is None
    view.open_find()
    assert view.layout().itemAt(1).widget() is view.find_bar and view.find_bar.isVisible()
    assert view.find_edit.hasFocus() or not window.isActiveWindow()


def test_table_models_are_built_when_first_used(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("004"))])
    view = ctl.current_view()
    assert set(dict.keys(view.models)) == {view.current_table()}
    t3 = view.models["t3"]                       # built on first use, and kept
    assert view.models["t3"] is t3 and t3.present
    idx = t3.index_of(("1", "1.2"))
    t3.setData(idx, "7")
    assert t3.data(idx) == "7" and view.doc.modified


def test_table_tabs_are_red_exactly_while_their_table_has_errors(gui, seed_dir):
    from PySide6.QtGui import QColor
    from app.template import TABLE_IDS
    window, ctl = gui
    for name in ("000", "001", "002", "003", "004"):
        ctl.open_paths([str(seed(name))])
        view = ctl.current_view()
        errors = {f.table for f in view.doc.open_findings() if f.severity == "error"}
        bar = view.tables.tabBar()
        for k, tid in enumerate(TABLE_IDS):
            want = QColor("#c62828") if tid in errors else QColor()
            assert bar.tabTextColor(k) == want, (name, tid)
            assert bar.tabToolTip(k).endswith("处错误") == (tid in errors)
    ctl.open_paths([str(seed("000"))])
    view = ctl.current_view()
    view.doc.apply_all_fixes()
    errors = {f.table for f in view.doc.open_findings() if f.severity == "error"}
    for k, tid in enumerate(TABLE_IDS):
        assert view.tables.tabBar().tabTextColor(k) == (QColor("#c62828") if tid in errors else QColor())
    view.doc.undo_stack.undo()
    assert view.tables.tabBar().tabTextColor(TABLE_IDS.index("t2")) == QColor("#c62828")


def test_recent_files_are_written_after_the_first_frame(qapp, seed_dir):
    """A report opened before the window shows (the launch) is remembered once the window has painted;
    one opened in a painted window at once."""
    from ui.main import build
    from ui.settings import AppSettings
    window, ctl = build(headless=True)
    window.resize(1400, 900)
    first, second = str(seed("004")), str(seed("003"))
    ctl.open_paths([first])
    assert first not in AppSettings().recent_files()
    window.show()
    for _ in range(5):
        QApplication.processEvents()
        if first in AppSettings().recent_files():
            break
    assert AppSettings().recent_files()[0] == first
    ctl.open_paths([second])
    assert AppSettings().recent_files()[:2] == [second, first]
    window.close()
