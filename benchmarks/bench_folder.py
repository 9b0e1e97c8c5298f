"""The folder list in the window: 300 generated reports checked by FolderView off screen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_folder.py [--reports 300] [--runs 3] [--unpaced]

Generates the reports as bench_check.py does (tests/synth.py: the five seeds' layouts, random
consistent numbers, one in three with a wrong cell, ten encodings), then per run:
  total    seconds from `check_paths()` to `check_finished`, rows shown and cross-year checks applied;
  frozen   the longest gap between ticks of a 5 ms timer on the GUI thread while the check runs,
           minus the 5 ms period: how long the window could not react to anything; also the
           99th percentile of those gaps and how many exceeded 50 ms;
  paint    the time of a synchronous repaint of the table, forced every 200 ms while the check runs
           (the model's data() is Python: each call needs the interpreter lock the worker holds);
  scroll   scrolling the table from top to bottom or back, and its repaint, every 200 ms between
           those (a clerk looking at the list meanwhile).
For scale it also times the same work done on the GUI thread (what the window would freeze for
without the worker), and with --unpaced the runs again with a worker that never waits for the
window (FolderWorker.paced = False). Targets: frozen frame under 100 ms (a click answers at once), under 50 ms ideally.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_check import generate  # noqa: E402


class GapMeter:
    """A precise 5 ms timer on the GUI thread; records the largest gap between its ticks."""

    def __init__(self, period_ms: int = 5):
        from PySide6.QtCore import QTimer, Qt
        self.period = period_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(period_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = None

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def worst(self) -> float:
        return max(self.gaps, default=0.0)


def one_run(app, folder: Path, expected: int, interact: bool) -> dict:
    from PySide6.QtCore import QTimer
    from ui.folder_view import FolderView

    view = FolderView()
    view.resize(1280, 720)
    view.show()
    app.processEvents()
    meter = GapMeter()
    paints: list[float] = []
    scrolls: list[float] = []

    def poke() -> None:
        t0 = time.perf_counter()
        if len(paints) <= len(scrolls):
            view.table.viewport().repaint()
            paints.append(time.perf_counter() - t0)
        else:
            bar = view.table.verticalScrollBar()
            bar.setValue(bar.maximum() if bar.value() == 0 else 0)
            view.table.viewport().repaint()
            scrolls.append(time.perf_counter() - t0)

    poker = QTimer()
    poker.setInterval(100)
    poker.timeout.connect(poke)
    done = []
    view.check_finished.connect(lambda: done.append(time.perf_counter()))
    meter.start()
    if interact:
        poker.start()
    t0 = time.perf_counter()
    view.check_paths([str(folder)])
    while not done:
        app.processEvents()
        time.sleep(0.0005)
    total = done[0] - t0
    meter.stop()
    poker.stop()
    assert len(view.model.rows) == expected, (len(view.model.rows), expected)
    counts = view.counts()
    view.close()
    view.deleteLater()
    app.processEvents()
    gaps = sorted(meter.gaps)
    return {"total": total, "frozen": max(0.0, meter.worst - meter.period), "ticks": len(meter.gaps),
            "p99": max(0.0, gaps[int(len(gaps) * 0.99)] - meter.period) if gaps else 0.0,
            "over50": sum(g - meter.period > 0.05 for g in gaps),
            "paint_max": max(paints, default=0.0), "paint_med": statistics.median(paints) if paints else 0.0,
            "scroll_max": max(scrolls, default=0.0), "counts": counts, "summary": view.summary_text()}


def on_gui_thread(folder: Path) -> float:
    """The same checks done synchronously: the freeze a window without the worker would show."""
    from app.cli import add_cross_report_findings, check_path, expand_paths
    t0 = time.perf_counter()
    rows = []
    for path, err in expand_paths([str(folder)]):
        report, result = check_path(path)
        rows.append((path, report, result if report is not None else None, None if report else result))
    add_cross_report_findings(rows)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--unpaced", action="store_true",
                    help="also run without the worker waiting for the window (what the pacing buys)")
    args = ap.parse_args(argv)

    from ui.main import create_application
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="gouji-bench-folder-") as tmp:
        folder = Path(tmp)
        generate(folder, args.reports)
        on_gui_thread(folder)                          # warm the imports and caches once
        sync = statistics.median(on_gui_thread(folder) for _ in range(args.runs))
        print(f"{args.reports} reports, python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
              f"switch interval {sys.getswitchinterval() * 1000:.0f} ms, load average {os.getloadavg()[0]:.2f}")
        print(f"same checks on the GUI thread (would freeze the window): {sync:.2f} s (median of {args.runs})")
        print(f"{'run':18}{'total s':>9}{'frozen ms':>11}{'p99 ms':>8}{'>50ms':>7}{'ticks':>7}"
              f"{'paint ms med/max':>18}{'scroll ms max':>15}")
        from ui.folder_worker import FolderWorker
        modes = [("idle", False, True), ("watched", True, True)]
        if args.unpaced:
            modes += [("idle unpaced", False, False), ("watched unpaced", True, False)]
        results = {}
        for name, interact, paced in modes:
            FolderWorker.paced = paced
            for k in range(args.runs):
                r = one_run(app, folder, args.reports, interact)
                results.setdefault(name, []).append(r)
                paint = f"{r['paint_med'] * 1000:.1f}/{r['paint_max'] * 1000:.1f}" if interact else "-"
                scroll = f"{r['scroll_max'] * 1000:.1f}" if interact else "-"
                print(f"{name + f' #{k + 1}':18}{r['total']:9.2f}{r['frozen'] * 1000:11.1f}{r['p99'] * 1000:8.1f}"
                      f"{r['over50']:7d}{r['ticks']:7d}{paint:>18}{scroll:>15}")
        FolderWorker.paced = True
        print(f"summary line: {results['watched'][-1]['summary']}")
        worst = max(r["frozen"] for name, rs in results.items() for r in rs if "unpaced" not in name)
        print(f"longest frozen frame over all runs: {worst * 1000:.1f} ms "
              f"({'PASS' if worst < 0.1 else 'MISSED'} < 100 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
