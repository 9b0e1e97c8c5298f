"""Large files (and PDFs) are read and checked in a worker: the window keeps answering meanwhile,
a busy bar shows in the status bar, and a failure comes back as the usual Chinese message."""

import time

from PySide6.QtCore import QTimer

from ui import loader
from ui.loader import LARGE_FILE_BYTES, needs_thread

from .helpers import drop_files
from .seed_edit import seed


def _big_report(tmp_path):
    text = seed("004").read_text(encoding="utf-8")
    filler = ("附：本机关政府信息公开工作的其他说明，记录日常工作情况。" * 4 + "\n") * 5000
    path = tmp_path / "大文件.txt"
    path.write_text(text + "\n" + filler, encoding="utf-8")
    assert path.stat().st_size > LARGE_FILE_BYTES
    return path


def test_a_large_file_is_read_in_a_worker_with_a_busy_bar(gui, seed_dir, tmp_path, qtbot):
    window, ctl = gui
    big = _big_report(tmp_path)
    assert needs_thread(str(big)) and not needs_thread(str(seed("004")))
    assert drop_files(window, [big])
    # the result comes back through the event loop, never inside the drop
    assert window.tabs.count() == 0
    assert window.busy_bar.isVisibleTo(window) and "大文件.txt" in window.busy_label.text()
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=10_000)
    assert not window.busy_bar.isVisibleTo(window)
    view = ctl.current_view()
    assert set(view.panes) == {"t1", "t2", "t3"}
    assert window.verdict_label.text() == "无错误 · 21 处提醒"      # the same verdict as the seed itself
    drop_files(window, [big])                                     # already open: no second tab, no worker
    assert window.tabs.count() == 1 and not ctl._loading


def test_the_window_keeps_answering_while_a_slow_file_loads(gui, seed_dir, tmp_path, qtbot, monkeypatch):
    window, ctl = gui
    big = _big_report(tmp_path)
    real = loader.load_report

    def slow(path, encoding=None):
        time.sleep(0.6)
        return real(path, encoding)
    monkeypatch.setattr(loader, "load_report", slow)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    t0 = time.perf_counter()
    ctl.open_paths([str(big)])
    assert time.perf_counter() - t0 < 0.3                         # the call returned at once
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=10_000)
    timer.stop()
    during = [t for t in ticks if t - t0 < 0.6]
    assert len(during) >= 20                                       # the event loop ran throughout the load
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    assert max(gaps) < 0.2


def test_a_large_unreadable_file_gives_the_chinese_message(gui, tmp_path, qtbot, messages):
    window, ctl = gui
    bad = tmp_path / "乱码.txt"
    bad.write_bytes(bytes(range(256)) * (LARGE_FILE_BYTES // 256 + 10))
    ctl.open_paths([str(bad)])
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    kind, title, text = messages[0]
    assert kind == "critical" and "无法打开" in text and "乱码.txt" in text and "Traceback" not in text
    assert window.tabs.count() == 0 and not window.busy_bar.isVisibleTo(window)
