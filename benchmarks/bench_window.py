"""Window benchmarks.

1. Launch to a window showing a report, against a bare QMainWindow shown the same way: each in a fresh
   subprocess, several runs, median; the ratio target is <= 1.8x.
2. Re-check + repaint after one edit (target well under 16 ms): set a cell through the model, the core
   re-checks, every view repaints synchronously.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py [--runs 7] [--phases] [FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "seeds" / "004_230915953f1370e3.txt"
if not DEFAULT.exists():
    DEFAULT = ROOT / "resources" / "sample_report.txt"

# Both children print the seconds from interpreter start (before any import) until the window is shown
# and painted once; the parent measures nothing but runs them.
BARE = r"""
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("勾稽")); w.resize(1400, 900); w.show()
app.processEvents(); w.grab()
print(time.perf_counter() - t0)
"""
FULL = r"""
import sys, time; t0 = time.perf_counter()
from ui.main import build, create_application
app = create_application()
w, c = build(headless=True)
w.resize(1400, 900)
c.open_paths([sys.argv[1]])
w.show()
app.processEvents(); w.grab()
assert c.current_view() is not None
print(time.perf_counter() - t0)
"""

# --phases: the FULL script again with a time stamp after each statement (a separate run, so the figures
# above stay those of the unmarked script); medians per phase show where the launch goes.
PHASES = r"""
import sys, time; t0 = time.perf_counter(); marks = []
from ui.main import build, create_application
app = create_application(); marks.append(("Qt import + application", time.perf_counter()))
w, c = build(headless=True); marks.append(("core + window code import, window built", time.perf_counter()))
w.resize(1400, 900)
c.open_paths([sys.argv[1]]); marks.append(("report read, checked, tab built", time.perf_counter()))
w.show(); marks.append(("show (polish, layout)", time.perf_counter()))
app.processEvents(); marks.append(("first paint", time.perf_counter()))
w.grab(); marks.append(("grab (second paint)", time.perf_counter()))
assert c.current_view() is not None
prev = t0
for name, t in marks:
    print(f"{name}\t{t - prev}")
    prev = t
print(time.perf_counter() - t0)
"""


def bench_phases(path: str, runs: int) -> list[tuple[str, float]]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    per: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PHASES, path], cwd=ROOT, env=env, capture_output=True,
                             text=True, check=True).stdout
        for line in out.strip().splitlines()[:-1]:
            name, secs = line.split("\t")
            per.setdefault(name, []).append(float(secs))
    return [(name, statistics.median(v)) for name, v in per.items()]


def _child(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # An installed app runs from cached bytecode; this sandbox sets PYTHONDONTWRITEBYTECODE, which
    # would make every launch recompile the sources (about 60 ms) and measure that instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def bench_launch(path: str, runs: int) -> tuple[float, float, float]:
    """Median bare and full launch times, and the median of the ratios of back-to-back pairs.

    The two kinds run alternately: this shared machine's speed drifts by tens of percent within
    minutes, which moves two blocks of runs apart but the two runs of a pair together."""
    _child(BARE), _child(FULL, path)          # warm the OS file cache
    bare, full = [], []
    for _ in range(runs):
        bare.append(_child(BARE))
        full.append(_child(FULL, path))
    ratios = [f / b for b, f in zip(bare, full)]
    return statistics.median(bare), statistics.median(full), statistics.median(ratios)


def bench_edit(path: str, rounds: int = 60) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from ui.main import build, create_application
    from ui.table_model import ReportTableModel  # noqa: F401
    app = create_application()
    window, ctl = build(headless=True)
    window.resize(1400, 900)
    window.show()
    ctl.open_paths([path])
    app.processEvents()
    view = ctl.current_view()
    view.tables.setCurrentIndex(1)
    pane = view.panes["t2"]
    model = pane.model
    idx = model.index_of(("1", "1"))
    partial, full = [], []
    for k in range(rounds):
        t = time.perf_counter()
        model.setData(idx, str(k % 7))          # push the undo command; the core re-checks
        app.processEvents()                     # Qt repaints what changed: cells, panel, status bar
        partial.append(time.perf_counter() - t)
        t = time.perf_counter()
        model.setData(idx, str((k + 3) % 7))
        pane.body.viewport().repaint()          # worst case: the whole visible grid
        view.findings.repaint()
        app.processEvents()
        full.append(time.perf_counter() - t)
    view.doc.undo_stack.setClean()
    window.close()
    return _stats(partial), _stats(full)


def _stats(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--phases", action="store_true", help="also time each step of Gouji's launch (median)")
    args = ap.parse_args()
    bare, full, ratio = bench_launch(args.file, args.runs)
    print(f"launch → window shown: bare QMainWindow {bare * 1000:.0f} ms, Gouji with report {full * 1000:.0f} ms, "
          f"ratio {ratio:.2f}x (median of the ratios of {args.runs} back-to-back pairs; of the medians "
          f"{full / bare:.2f}x; target ≤ 1.8x)")
    if args.phases:
        for name, secs in bench_phases(args.file, args.runs):
            print(f"    {name:42s} {secs * 1000:6.1f} ms")
    (med, p95), (fmed, fp95) = bench_edit(args.file)
    print(f"edit → re-check + repaint of what changed: median {med * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms "
          f"(target well under 16 ms)")
    print(f"edit → re-check + full repaint of the grid: median {fmed * 1000:.2f} ms, p95 {fp95 * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
