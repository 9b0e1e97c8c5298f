"""Saving to xlsx, asking before unsaved edits go, recent files, the start page, re-reading with another encoding."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app import load_report
from ui.dialogs import CANCEL, DISCARD
from ui.settings import AppSettings

from .helpers import select_cell
from .seed_edit import seed

ROOT = Path(__file__).resolve().parents[2]


def _edit(view, tid, key, text):
    grid, m, idx = select_cell(view, tid, key)
    m.setData(idx, text)
    return m, idx


def test_ctrl_s_writes_the_corrected_workbook_never_the_source(gui, seed_dir, tmp_path, monkeypatch, qtbot):
    window, ctl = gui
    src = tmp_path / "report.txt"
    src.write_bytes(seed("003").read_bytes())
    ctl.open_paths([str(src)])
    view = ctl.current_view()
    _edit(view, "t2", ("3.3.4", "2.1"), "3")
    assert window.isWindowModified() and view.doc.result.errors
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, suggested, filt: (asked.append(suggested) or suggested, filt)))
    window.actions.save.trigger()
    assert asked and asked[0].endswith(".xlsx") and os.path.dirname(asked[0]) == str(tmp_path)
    assert Path(asked[0]).name.startswith(view.doc.report.title.replace(" ", "")[:6])
    assert not window.isWindowModified()
    again = load_report(asked[0])
    assert again.tables["t2"][("3.3.4", "2.1")].value == 3
    assert src.read_bytes() == seed("003").read_bytes()
    # the second Ctrl+S writes to the same workbook without asking
    _edit(view, "t2", ("3.3.4", "2.1"), "4")
    window.actions.save.trigger()
    assert len(asked) == 1 and load_report(asked[0]).tables["t2"][("3.3.4", "2.1")].value == 4


def test_save_as_refuses_the_source_file(gui, seed_dir, tmp_path, monkeypatch, messages):
    window, ctl = gui
    src = tmp_path / "report.xlsx"
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    from app.export import export_workbook
    export_workbook(view.doc.report, view.doc.result, str(src))
    ctl.open_paths([str(src)])
    view = ctl.current_view()
    assert ctl.suggested_path(view.doc) != str(src)
    before = src.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(src), "")))
    assert not ctl.save_as()
    assert messages and "不能覆盖" in messages[-1][2]
    assert src.read_bytes() == before


def test_closing_a_tab_with_unsaved_edits_asks_first(gui, seed_dir):
    window, ctl = gui
    ctl.open_paths([str(seed("003"))])
    view = ctl.current_view()
    _edit(view, "t3", ("1", "1.1"), "9")
    answers = [CANCEL, DISCARD]
    ctl.dialogs.ask_save = lambda name: answers.pop(0)
    window.actions.close.trigger()
    assert window.tabs.count() == 1            # cancelled
    window.actions.close.trigger()
    assert window.tabs.count() == 0 and window.stack.currentWidget() is window.start_page
    assert not answers


def test_reopen_with_another_encoding_replaces_the_tab(gui, seed_dir, tmp_path, monkeypatch):
    window, ctl = gui
    src = tmp_path / "gbk.txt"
    src.write_bytes(seed("003").read_text(encoding="utf-8").encode("gb18030"))
    ctl.open_paths([str(src)])
    assert "gb" in window.encoding_label.text()
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("gb18030", True)))
    window.actions.reopen_encoding.trigger()
    assert window.tabs.count() == 1 and ctl.current_view().doc.report.encoding == "gb18030"


def test_start_page_sample_and_recent_files_are_remembered(gui, qtbot):
    window, ctl = gui
    qtbot.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    view = ctl.current_view()
    assert view is not None and view.doc.source_path.endswith("sample_report.txt")
    fresh = AppSettings()
    assert fresh.recent_files()[0].endswith("sample_report.txt")
    ini = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Gouji", "Gouji").fileName()
    assert "settings" in ini and not ini.startswith(os.path.expanduser("~/.config"))


def test_screenshot_flag_writes_a_png(tmp_path, seed_dir):
    out = tmp_path / "w.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "app", str(seed("004")), "--screenshot", str(out)],
                       cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20000


def test_smoke_test_flag_passes(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOUJI_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "app", "--smoke-test"], cwd=ROOT, env=env, capture_output=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert "自检通过" in r.stdout.decode("utf-8")


def test_start_page_checks_a_whole_folder(gui, qtbot, monkeypatch, seed_dir):
    from PySide6.QtWidgets import QApplication, QFileDialog

    from ui.folder_view import FolderView

    window, ctl = gui
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: asked.append(a) or str(seed_dir)))
    qtbot.mouseClick(window.start_page.folder_button, Qt.MouseButton.LeftButton)
    assert asked, "the folder button asks for a folder"
    views = list({id(v): v for w in QApplication.topLevelWidgets()
                  for v in ([w] if isinstance(w, FolderView) else w.findChildren(FolderView))}.values())
    assert len(views) == 1, "one folder review opened"
    qtbot.waitUntil(lambda: not views[0].is_running(), timeout=20_000)
    assert len(views[0].model.rows) == 5
