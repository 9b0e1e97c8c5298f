"""Recovery of unsaved edits: written a moment after each change, cleared on save or a clean close,
offered per report at the next start; and for real, across a kill -9 of a running window."""

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from ui.dialogs import DISCARD
from ui.recovery import RecoveryStore
from ui.restore_dialog import RestoreDialog

from .helpers import select_cell
from .seed_edit import seed

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("recovery_child.py")


def _recovery_files(tmp_path):
    return sorted((tmp_path / "data" / "recovery").glob("*.json"))


def _open_fast(ctl, path):
    ctl.open_paths([str(path)])
    view = ctl.current_view()
    view.doc.recovery.timer.setInterval(30)
    return view


def _edit(view, tid, key, text):
    grid, m, idx = select_cell(view, tid, key)
    m.setData(idx, text)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_then_restart_restores_the_edits(tmp_path, seed_dir):
    src = tmp_path / "报告.txt"
    src.write_bytes(seed("003").read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOUJI_DATA_DIR=str(tmp_path / "data"))
    child = subprocess.Popen([sys.executable, str(CHILD), "edit", str(src)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        ready, _, _ = select.select([child.stdout], [], [], 30)     # never hang CI on a stuck child
        assert ready and child.stdout.readline().strip() == "READY"   # the recovery file is on disk
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    files = _recovery_files(tmp_path)
    assert len(files) == 1
    saved = json.loads(files[0].read_text(encoding="utf-8"))
    assert saved["source"] == str(src) and len(saved["edits"]) == 3
    r = subprocess.run([sys.executable, str(CHILD), "restore"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["restored"] == str(src)
    assert out["cells"] == {"t2:1:1": "5", "t3:1:1.2": "7", "t2:3.1:1": ""}
    assert out["modified"]                                       # restored edits are still unsaved
    assert files[0].name not in out["left"] and len(out["left"]) == 1   # the new window keeps its own file
    assert src.read_bytes() == seed("003").read_bytes()


def test_a_change_is_written_after_a_pause_and_undo_to_clean_removes_it(gui, seed_dir, tmp_path, qtbot):
    window, ctl = gui
    view = _open_fast(ctl, seed("003"))
    _edit(view, "t2", ("1", "1"), "5")
    assert not _recovery_files(tmp_path)                         # debounced, not written on the keystroke
    qtbot.waitUntil(lambda: bool(_recovery_files(tmp_path)), timeout=2000)
    data = json.loads(_recovery_files(tmp_path)[0].read_text(encoding="utf-8"))
    assert data["edits"] == [{"table": "t2", "row": "1", "col": "1", "text": "5", "finding": ""}]
    assert data["encoding"] is None and len(data["sha256"]) == 64
    window.actions.undo.trigger()
    assert not _recovery_files(tmp_path)


def test_saving_clears_the_recovery_file(gui, seed_dir, tmp_path, qtbot, monkeypatch):
    window, ctl = gui
    src = tmp_path / "r.txt"
    src.write_bytes(seed("003").read_bytes())
    view = _open_fast(ctl, src)
    _edit(view, "t3", ("1", "1.2"), "4")
    qtbot.waitUntil(lambda: bool(_recovery_files(tmp_path)), timeout=2000)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "out.xlsx"), "")))
    assert ctl.save()
    assert not _recovery_files(tmp_path)


def test_closing_without_keeping_the_edits_clears_it(gui, seed_dir, tmp_path, qtbot):
    window, ctl = gui
    view = _open_fast(ctl, seed("003"))
    _edit(view, "t3", ("1", "1.2"), "4")
    qtbot.waitUntil(lambda: bool(_recovery_files(tmp_path)), timeout=2000)
    ctl.dialogs.ask_save = lambda name: DISCARD
    window.actions.close.trigger()
    assert window.tabs.count() == 0 and not _recovery_files(tmp_path)


def test_a_running_window_s_files_are_not_offered_a_dead_one_s_are(gui, seed_dir, tmp_path, qtbot):
    window, ctl = gui
    view = _open_fast(ctl, seed("003"))
    _edit(view, "t2", ("1", "1"), "5")
    qtbot.waitUntil(lambda: bool(_recovery_files(tmp_path)), timeout=2000)
    other = RecoveryStore()                                      # a second window started meanwhile
    assert other.orphans() == []                                 # ours is alive: its lock is held
    ctl.recovery.release()                                       # as if our process had died
    found = other.orphans()
    assert [e.source for e in found] == [view.doc.source_path]
    assert found[0].edits == (("t2", ("1", "1"), "5", ""),)


def test_restore_replays_the_edits_as_one_undo_step(gui, seed_dir, tmp_path, qtbot):
    window, ctl = gui
    view = _open_fast(ctl, seed("003"))
    _edit(view, "t2", ("1", "1"), "5")
    _edit(view, "t2", ("1", "1"), "6")
    _edit(view, "t3", ("1", "1.2"), "2")
    qtbot.waitUntil(lambda: bool(_recovery_files(tmp_path)), timeout=2000)
    entry = json.loads(_recovery_files(tmp_path)[0].read_text(encoding="utf-8"))
    assert len(entry["edits"]) == 2                              # the net change per cell
    left = _recovery_files(tmp_path)[0]
    crashed = left.read_bytes()
    ctl.recovery.release()                                       # the window dies ...
    ctl.close_tab(0)
    left.write_bytes(crashed)                                    # ... leaving its file behind
    from ui.main import build
    window2, ctl2 = build(headless=True)                          # the next start answers "restore"
    qtbot.addWidget(window2)
    assert ctl2.offer_recovery() == 1
    doc = ctl2.current_view().doc
    assert doc.report.tables["t2"][("1", "1")].raw == "6" and doc.report.tables["t3"][("1", "1.2")].raw == "2"
    assert doc.modified and doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.report.tables["t2"][("1", "1")].raw == "0"
    doc.undo_stack.setClean()


def test_the_restore_dialog_lists_each_report_and_keeps_the_unchecked_out(gui, seed_dir, tmp_path, qtbot):
    from ui.recovery import RecoveryEntry
    a = RecoveryEntry(tmp_path / "a.json", str(seed("003")), "甲报告", "x", None, "2026-01-01T09:00:00",
                      (("t2", ("1", "1"), "5", ""),))
    b = RecoveryEntry(tmp_path / "b.json", str(seed("004")), "乙报告", "y", None, "2026-01-01T09:05:00",
                      (("t2", ("1", "1"), "5", ""), ("t2", ("1", "3"), "1", "")))
    gone = RecoveryEntry(tmp_path / "c.json", str(tmp_path / "不见了.txt"), "丙", "z", None, "", ())
    dlg = RestoreDialog([a, b, gone], gui[0])
    qtbot.addWidget(dlg)
    texts = [dlg.list.item(k).text() for k in range(3)]
    assert "甲报告" in texts[0] and "1 处修改" in texts[0] and "2 处修改" in texts[1]
    assert "找不到原始文件" in texts[2]
    dlg.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    restore, discard = dlg.choice()
    assert restore == [a] and discard == [b]                     # the missing one is kept for later
    assert "未保存" in dlg.windowTitle()
