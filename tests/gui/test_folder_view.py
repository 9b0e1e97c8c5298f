"""The folder list (issue 6 part 2): a folder checked off the GUI thread, verdicts, stop, open, summary workbook."""

import shutil
import threading
import time

import pytest
from app.cli import expand_paths
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QFileDialog

import ui.folder_worker as folder_worker
from ui.folder_view import COLUMNS, PathRole, VerdictRole, open_folder_review
from ui.folder_view import FolderView as _FolderView
from ui.folder_worker import FolderWorker

from .seed_edit import SEEDS, seed
from tests.text_edit import with_row as _with_row

DISPLAY = Qt.ItemDataRole.DisplayRole
COL = {cid: k for k, (cid, _) in enumerate(COLUMNS)}
TIMEOUT = 20_000


@pytest.fixture
def folder(tmp_path, seed_dir):
    """The five seeds, a binary file, and seed 002's previous year whose 结转下年度 disagrees."""
    d = tmp_path / "县里的报告"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    (d / "扫描件.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)    # an image saved as .txt
    text = seed("002").read_text(encoding="utf-8")
    (d / "sub").mkdir()
    (d / "sub" / "岳村镇2022.txt").write_text(
        _with_row(text.replace("2023", "2022"), "四、结转下年度继续办理", [2, 0, 0, 0, 0, 1, 3]), encoding="utf-8")
    return d


@pytest.fixture
def FolderView(qapp):
    from ui.qtcompat import guard_none_refcount
    guard_none_refcount()
    return _FolderView


def _run(qtbot, view, paths):
    with qtbot.waitSignal(view.check_finished, timeout=TIMEOUT):
        view.check_paths([str(p) for p in paths])
    return view


def _by_name(view):
    m = view.model
    return {m.data(m.index(r, COL["file"]), DISPLAY): r for r in range(m.rowCount())}


def _cell(view, row, cid, role=DISPLAY):
    return view.model.data(view.model.index(row, COL[cid]), role)


def test_a_folder_lists_every_report_with_its_verdict(qtbot, FolderView, folder):
    view = FolderView()
    qtbot.addWidget(view)
    _run(qtbot, view, [folder])
    rows = _by_name(view)
    assert len(rows) == 7 and view.model.rowCount() == 7
    names = {"000": "000_98a9c9c5f3428db5.txt", "001": "001_bd8eac09615a20e9.txt",
             "002": "002_cff84b0da7bd01e8.txt", "003": "003_007be9ad47cc36ba.txt", "004": "004_230915953f1370e3.txt"}
    verdicts = {k: _cell(view, rows[n], "verdict") for k, n in names.items()}
    assert verdicts == {"000": "错误", "001": "错误", "002": "提醒", "003": "无问题", "004": "提醒"}
    assert _cell(view, rows[names["001"]], "errors") == "1"
    assert _cell(view, rows[names["003"]], "year") == "2023"
    assert _cell(view, rows[names["001"]], "format") == "2019年版"
    assert _cell(view, rows[names["003"]], "encoding") == "utf-8"
    assert "白营镇" in _cell(view, rows[names["003"]], "title")
    # the binary file: a row, 无法读取, and the reason in Chinese where the title would be
    bad = rows["扫描件.txt"]
    assert _cell(view, bad, "verdict") == "无法读取" and _cell(view, bad, "verdict", VerdictRole) == "unreadable"
    reason = _cell(view, bad, "title")
    assert "二进制" in reason and "Traceback" not in reason
    assert _cell(view, bad, "errors") == "" and _cell(view, bad, "total0") == ""
    # the previous year, found in a subfolder: named relative to the folder, its own 结转下年度 shown
    prev = rows["sub/岳村镇2022.txt"]
    assert _cell(view, prev, "total3") == "3" and _cell(view, prev, "year") == "2022"
    # cross-year: this year's 上年结转 (0) against last year's 结转下年度 — three columns differ
    this = view.model.shown[rows[names["002"]]]
    assert this.cross == 3
    assert sum(f.kind == "cross-year" for f in this.result.findings) == 3
    assert "跨年度" in _cell(view, rows[names["002"]], "verdict", Qt.ItemDataRole.ToolTipRole)
    assert view.summary.text() == "7 份报告：3 份有错误、2 份有提醒、1 份无法读取；跨年度核对 3 处提醒"
    # verdict by colour as well as by text: four verdicts, four backgrounds
    colours = {_cell(view, r, "verdict", Qt.ItemDataRole.BackgroundRole).color().name()
               for r in (rows[names["001"]], rows[names["004"]], rows[names["003"]], bad)}
    assert len(colours) == 4
    # the rows kept for the summary workbook: file order, reports and results, the unreadable one without
    kept = view.rows()
    assert [r[0] for r in kept] == [p for p, _ in expand_paths([str(folder)])]
    unreadable = [r for r in kept if r[1] is None]
    assert len(unreadable) == 1 and unreadable[0][2] is None and "二进制" in unreadable[0][3]
    assert not view.progress.isVisible() and not view.stop_button.isVisible()
    assert view.export_button.isEnabled()


def test_sort_by_header_and_filter_by_verdict(qtbot, FolderView, folder):
    view = FolderView()
    qtbot.addWidget(view)
    view.show()
    _run(qtbot, view, [folder])
    header = view.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(COL["warnings"]) + 5, header.height() // 2))
    warnings = [view.model.shown[r].warnings for r in range(view.model.rowCount())]
    known = [w for w in warnings if w is not None]
    assert warnings[0] is None and known == sorted(known) and known[-1] == 21
    view.table.sortByColumn(COL["verdict"], Qt.SortOrder.AscendingOrder)
    order = [_cell(view, r, "verdict", VerdictRole) for r in range(view.model.rowCount())]
    assert order == ["unreadable", "error", "error", "error", "warning", "warning", "fine"]
    view.filter.setCurrentIndex(1)                      # 有错误
    assert view.model.rowCount() == 3 and view.filter.currentText() == "有错误（3）"
    assert {_cell(view, r, "verdict") for r in range(3)} == {"错误"}
    view.filter.setCurrentIndex(3)                      # 无法读取
    assert view.model.rowCount() == 1 and _cell(view, 0, "file") == "扫描件.txt"
    view.filter.setCurrentIndex(0)
    assert view.model.rowCount() == 7
    # the workbook's rows keep file order whatever the table shows
    assert [r[0] for r in view.rows()] == [p for p, _ in expand_paths([str(folder)])]


def test_double_click_or_enter_asks_to_open_the_report(qtbot, FolderView, folder):
    view = FolderView()
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    _run(qtbot, view, [folder])
    row = _by_name(view)["003_007be9ad47cc36ba.txt"]
    index = view.model.index(row, COL["title"])
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.open_requested, timeout=2000) as sig:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == [str(folder / "003_007be9ad47cc36ba.txt")]
    other = _by_name(view)["扫描件.txt"]
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(other, 0))
    with qtbot.waitSignal(view.open_requested, timeout=2000) as sig:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert sig.args == [_cell(view, other, "file", PathRole)] == [str(folder / "扫描件.txt")]


def test_stop_keeps_the_rows_checked_so_far(qtbot, FolderView, folder, monkeypatch):
    for k in range(40):
        shutil.copy(seed("003"), folder / f"copy{k:02d}.txt")
    slow = folder_worker.FolderWorker._check_one

    def check_one(self, *args):
        time.sleep(0.02)
        return slow(self, *args)

    monkeypatch.setattr(folder_worker.FolderWorker, "_check_one", check_one)
    view = FolderView()
    qtbot.addWidget(view)
    view.show()
    view.check_paths([str(folder)])
    assert view.is_running()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=TIMEOUT)
    assert view.progress.isVisible() and view.stop_button.isVisible() and not view.export_button.isEnabled()
    assert view.summary.text().startswith("正在检查：")
    assert view.progress.maximum() == 47 and 0 < view.progress.value() < 47
    with qtbot.waitSignal(view.check_finished, timeout=TIMEOUT):
        qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    n = view.model.rowCount()
    assert 0 < n < 47 and view.cancelled
    assert "已停止" in view.summary.text()
    assert not view.stop_button.isVisible() and view.export_button.isEnabled()
    qtbot.wait(100)                                     # nothing more arrives after the stop
    assert view.model.rowCount() == n and not view.is_running()


def test_a_new_check_replaces_a_running_one(qtbot, FolderView, folder, monkeypatch, tmp_path):
    slow = folder_worker.FolderWorker._check_one
    monkeypatch.setattr(folder_worker.FolderWorker, "_check_one",
                        lambda self, *a: (time.sleep(0.05), slow(self, *a))[1])
    view = FolderView()
    qtbot.addWidget(view)
    view.check_paths([str(folder)])
    qtbot.wait(60)
    _run(qtbot, view, [seed("003")])
    qtbot.wait(150)                                     # the first run's queued rows must not leak in
    assert [r[0] for r in view.rows()] == [str(seed("003"))]
    assert view.summary.text() == "1 份报告：均无问题"


def test_an_internal_error_is_a_row_not_a_crash(qtbot, FolderView, folder, monkeypatch):
    real = folder_worker.check_path

    def check_path(path, encoding=None):
        if path.endswith("004_230915953f1370e3.txt"):
            raise RuntimeError("boom")
        return real(path, encoding)

    monkeypatch.setattr(folder_worker, "check_path", check_path)
    monkeypatch.setattr(folder_worker, "add_cross_report_findings", lambda rows: 1 / 0)
    view = FolderView()
    qtbot.addWidget(view)
    _run(qtbot, view, [folder, folder / "没有这个文件.txt"])
    rows = _by_name(view)
    assert len(rows) == 8
    broken = rows["004_230915953f1370e3.txt"]
    assert _cell(view, broken, "verdict") == "无法读取"
    assert "内部错误" in _cell(view, broken, "title") and "RuntimeError" in _cell(view, broken, "title")
    missing = rows["没有这个文件.txt"]
    assert _cell(view, missing, "verdict") == "无法读取" and "找不到文件" in _cell(view, missing, "title")
    # without the cross-year step the per-file verdicts stand
    assert _cell(view, rows["003_007be9ad47cc36ba.txt"], "verdict") == "无问题"


def test_export_writes_one_row_per_report(qtbot, FolderView, folder, tmp_path, monkeypatch, messages):
    from openpyxl import load_workbook
    out = tmp_path / "汇总"
    asked = []

    def save_name(parent, title, suggested, filt):
        asked.append(suggested)
        return str(out), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    view = FolderView()
    qtbot.addWidget(view)
    _run(qtbot, view, [folder])
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith(".xlsx") and asked[0].startswith(str(folder))
    path = tmp_path / "汇总.xlsx"
    ws = load_workbook(path).active
    header = [c.value for c in ws[2]]
    assert header[:3] == ["文件", "报告标题", "年度"] and "结转下年度" in header
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert len(data) == 7
    by_file = {r[0]: r for r in data}
    assert by_file[str(folder / "001_bd8eac09615a20e9.txt")][header.index("错误")] == 1
    assert by_file[str(folder / "sub" / "岳村镇2022.txt")][header.index("结转下年度")] == 3
    assert "二进制" in by_file[str(folder / "扫描件.txt")][header.index("无法检查的原因")]
    assert by_file[str(folder / "002_cff84b0da7bd01e8.txt")][header.index("提醒")] == 4   # 1 + 3 cross-year
    assert str(path) in view.hint.text() and not messages


def test_export_failure_is_a_chinese_message(qtbot, FolderView, folder, tmp_path, monkeypatch, messages):
    target = tmp_path / "不存在的文件夹" / "汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    view = FolderView()
    qtbot.addWidget(view)
    _run(qtbot, view, [folder])
    assert view.export_summary() is False
    assert len(messages) == 1 and messages[0][0] == "critical"
    assert "汇总表未能写出" in messages[0][2] and "不存在" in messages[0][2]
    assert not target.exists()


def test_the_worker_waits_while_the_window_is_late(qapp):
    worker = FolderWorker([])
    worker._beat = time.monotonic() - 1            # the window has not ticked for a second
    waited = []
    t = threading.Thread(target=lambda: (worker._yield_to_window(), waited.append(time.monotonic())))
    start = time.monotonic()
    t.start()
    time.sleep(0.08)
    assert not waited                              # still waiting for the window
    worker.beat()
    t.join(2)
    assert waited and 0.07 < waited[0] - start < 1.0
    worker._beat = time.monotonic()                # on time: no wait at all
    start = time.monotonic()
    worker._yield_to_window()
    assert time.monotonic() - start < 0.01
    # hushed before a repaint: a heartbeat right away may come before the paint, so it does not count
    worker.hush()
    worker.beat()
    assert not worker._caught_up.is_set() and time.monotonic() - worker._beat > 1
    time.sleep(folder_worker.HUSH_S)
    worker.beat()
    assert worker._caught_up.is_set()


def test_the_window_keeps_ticking_while_many_reports_are_checked(qtbot, FolderView, tmp_path, seed_dir):
    """A coarse guard against the window freezing: see benchmarks/bench_folder.py for the figures."""
    d = tmp_path / "many"
    d.mkdir()
    for k in range(150):
        shutil.copy(seed(f"00{k % 5}"), d / f"{k:03d}.txt")
    view = FolderView()
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    ticks = []
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    deliveries = []
    view.check_finished.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    with qtbot.waitSignal(view.check_finished, timeout=TIMEOUT):
        view.check_paths([str(d)])
        view._run.rows_ready.connect(lambda rows: deliveries.append(len(rows)))
    timer.stop()
    took = time.perf_counter() - start
    gaps = [b - a for a, b in zip([start] + ticks, ticks)]
    assert view.model.rowCount() == 150
    assert max(gaps) < 0.5, (max(gaps), took)
    assert len(deliveries) <= took / folder_worker.BATCH_S + 2     # batches, not a call per file


def test_open_folder_review_beside_the_main_window(gui, folder, qtbot):
    window, ctl = gui
    view = open_folder_review(window, ctl.open_paths, [str(folder)])
    assert view.isWindow() and view.parentWidget() is window
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)
    row = _by_name(view)["003_007be9ad47cc36ba.txt"]
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.tabs.count() == 1
    assert ctl.current_view().doc.source_path == str(folder / "003_007be9ad47cc36ba.txt")
    # asking again reuses the same window for the new paths
    again = open_folder_review(window, ctl.open_paths, [str(seed("000"))])
    assert again is view
    qtbot.waitUntil(lambda: not view.is_running(), timeout=TIMEOUT)
    assert view.model.rowCount() == 1
    view.close()
