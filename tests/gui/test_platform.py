"""Small platform matters: the window icon, a title that names 勾稽 once, macOS FileOpen events,
and every report type accepted by the open dialog and by a drop."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from app.reader import REPORT_SUFFIXES
from ui.paths import ICON_SIZES

from .helpers import drop_files
from .seed_edit import seed

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_icon_has_every_png_size(gui):
    window, ctl = gui
    icon = QApplication.instance().windowIcon()
    sizes = {s.width() for s in icon.availableSizes()}
    assert sizes == set(ICON_SIZES)
    assert not window.windowIcon().isNull()


def test_titles_leave_the_application_name_to_qt(gui, seed_dir):
    window, ctl = gui
    assert QApplication.applicationDisplayName() == "勾稽"       # Qt appends it once, on every title
    assert "勾稽" not in window.windowTitle()
    ctl.open_paths([str(seed("004"))])
    assert window.windowTitle() == ctl.current_view().doc.title + "[*]"
    assert "勾稽" not in window.windowTitle()


@pytest.mark.skipif(not (sys.platform.startswith("linux") and shutil.which("xvfb-run") and shutil.which("xprop")),
                    reason="needs Xvfb and xprop to read the title a window manager sees")
def test_on_x11_the_title_names_the_app_once(tmp_path, seed_dir):
    script = tmp_path / "x11_title.py"
    script.write_text(f'''
import subprocess, sys
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})
from ui.main import create_application, build
app = create_application()
w, c = build(headless=True)
w.show()
c.open_paths([{str(seed("004"))!r}])
for _ in range(20):
    app.processEvents()
print(subprocess.run(["xprop", "-id", str(int(w.winId())), "_NET_WM_NAME"], capture_output=True, text=True).stdout)
''', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", GOUJI_DATA_DIR=str(tmp_path / "data"))
    r = subprocess.run(["xvfb-run", "-a", sys.executable, str(script)], env=env, capture_output=True, text=True,
                       timeout=60)
    if "could not connect" in r.stderr or "no Qt platform plugin" in r.stderr:
        pytest.skip("the xcb platform plugin cannot start here")
    assert r.returncode == 0, r.stderr
    assert '= "城郊乡人民政府2020年政府信息公开工作年度报告 — 勾稽"' in r.stdout


def test_a_macos_file_open_event_opens_the_report(gui, seed_dir):
    window, ctl = gui
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(seed("003"))))
    view = ctl.current_view()
    assert view is not None and view.doc.source_path == str(seed("003"))


def test_the_open_dialog_offers_every_report_type(gui, monkeypatch):
    window, ctl = gui
    seen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, filt: (seen.append(filt), ([], ""))[1]))
    window.actions.open.trigger()
    for suffix in (".docx", ".html", ".htm", ".pdf", ".xlsx", ".txt"):
        assert f"*{suffix}" in seen[0]


def test_a_drop_takes_every_report_type_and_names_what_it_skips(gui, seed_dir, tmp_path, messages):
    window, ctl = gui
    for suffix in (".docx", ".html", ".htm", ".pdf", ".xlsx", ".txt"):
        assert suffix in REPORT_SUFFIXES
        p = tmp_path / f"假{suffix.upper()}"
        p.write_bytes(b"not a report")
        assert drop_files(window, [p]), suffix                   # taken; the reader then says what is wrong
    ctl.wait_for_loads()
    assert len(messages) == 6 and all(kind == "critical" and "无法打开" in text for kind, _, text in messages)
    picture = tmp_path / "扫描件.png"
    picture.write_bytes(b"\x89PNG")
    assert not drop_files(window, [picture])                      # refused at the door
    report = tmp_path / "报告.TXT"
    report.write_bytes(seed("003").read_bytes())
    assert drop_files(window, [picture, report])
    assert window.tabs.count() == 1
    assert "扫描件.png" in window.statusBar().currentMessage()


def test_a_dropped_folder_opens_the_folder_review_and_files_still_open_tabs(gui, seed_dir, tmp_path, qtbot):
    from ui.folder_view import FolderView
    window, ctl = gui
    folder = tmp_path / "各乡镇"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed("003").read_bytes())
    report = tmp_path / "单独.txt"
    report.write_bytes(seed("004").read_bytes())
    assert drop_files(window, [folder, report])
    assert window.tabs.count() == 1 and ctl.current_view().doc.source_path == str(report)
    review = window.findChild(FolderView, "folderView")
    assert review is not None and review.isVisible()
    assert window.actions.open_folder.shortcut().toString() == "Ctrl+Shift+O"
    review.close()
