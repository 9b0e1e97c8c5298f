"""Throughput of `gouji check --json` on a folder of generated reports, against a read-and-decode floor.

    .venv/bin/python benchmarks/bench_check.py [--reports 600] [--runs 5] [--profile] [--against TREE]

Generates the reports with tests/synth.py (random consistent numbers in each real seed's layout, a
third of them with one wrong cell, spread over every encoding; written from scratch when the seeds
are not beside the checkout), then times, each in a fresh process including start-up:
  check  python -m app check --json DIR
  floor  a process that only walks DIR, reads every file and decodes it with its known codec
and reports the median of several runs. Also: detection time per file by encoding
(app.encoding.decode_bytes, in process), and with --profile the hot spots of the check.
Targets (issue 2): at least 500 reports a second, at most 20x the floor.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import synth as S  # noqa: E402

FLOOR = r"""
import os, sys, codecs
n = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        data = open(os.path.join(root, name), "rb").read()
        codec = name.split("__")[1].rsplit(".", 1)[0].split("+")[0]
        codec = {"gbk": "gb18030"}.get(codec, codec)
        text = data.decode(codec)
        n += len(text)
print(n)
"""


def generate(folder: Path, count: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    have_seeds = S.SEED_DIR.is_dir()
    per_enc: dict[str, int] = {}
    for i in range(count):
        enc = S.ENCODINGS[i % len(S.ENCODINGS)]
        if have_seeds:
            key = S.SEED_KEYS[i % len(S.SEED_KEYS)]
            s = S.synth(key, rng)
            if i % 3 == 0:
                s = S.mutate(s, rng.choice(("addend", "total", "r7", "review", "text", "fullwidth")), rng).synth
            text = s.render()
        else:
            key = "scratch"
            text = S.scratch_report(S.consistent(S.Layout("x", "", "2021", []), rng), layout_b=bool(i % 2))
        (folder / f"{i:04d}_{key}__{enc}.txt").write_bytes(S.encode(text, enc))
        per_enc[enc] = per_enc.get(enc, 0) + 1
    return per_enc


# An installed app runs from cached bytecode (pip compiles it); this sandbox sets PYTHONDONTWRITEBYTECODE,
# which would make every run recompile whatever source changed since the cache was written.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _run(cmd: list[str], env: dict | None = None):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # (`python -m` puts the working folder first on sys.path: another tree's run starts in that tree)
    proc = subprocess.run(cmd, capture_output=True, env=env or CHILD_ENV, cwd=(env or {}).get("PYTHONPATH"))
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime, proc


def timed_pairs(cmd_a: list[str], cmd_b: list[str], runs: int, env_b: dict | None = None):
    """Run a and b alternately, `runs` times each (after one untimed run of each, which writes the
    bytecode cache and warms the file cache). Returns, for a and b: wall times, CPU times (user+sys of
    the child), last process; and the wall ratio a/b of each pair.

    Alternating matters on a shared machine: its speed drifts by tens of percent within minutes, which
    moves two blocks of runs apart but moves the two runs of a pair together. CPU time is reported
    beside wall time because other work on the machine inflates the wall clock."""
    _run(cmd_a)
    _run(cmd_b, env_b)
    a_wall, a_cpu, b_wall, b_cpu, ratios = [], [], [], [], []
    proc_a = proc_b = None
    for _ in range(runs):
        wa, ca, proc_a = _run(cmd_a)
        wb, cb, proc_b = _run(cmd_b, env_b)
        a_wall.append(wa)
        a_cpu.append(ca)
        b_wall.append(wb)
        b_cpu.append(cb)
        ratios.append(wa / wb)
    return (a_wall, a_cpu, proc_a), (b_wall, b_cpu, proc_b), ratios


def detection_by_encoding(folder: Path, repeat: int = 5) -> dict[str, tuple[float, float, int]]:
    from app.encoding import decode_bytes

    per: dict[str, list[float]] = {}
    for p in sorted(folder.iterdir()):
        enc = p.name.split("__")[1].rsplit(".", 1)[0]
        data = p.read_bytes()
        best = min(_time_once(decode_bytes, data) for _ in range(repeat))
        per.setdefault(enc, []).append(best)
    return {enc: (statistics.median(v) * 1e6, max(v) * 1e6, len(v)) for enc, v in per.items()}


def _time_once(fn, data):
    t0 = time.perf_counter()
    fn(data)
    return time.perf_counter() - t0


def profile(folder: Path, top: int = 15) -> str:
    from app.cli import main

    pr = cProfile.Profile()
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    try:
        pr.enable()
        main(["check", "--json", str(folder)])
        pr.disable()
    finally:
        sys.stdout = old
    pstats.Stats(pr, stream=out).sort_stats("cumulative").print_stats(top)
    out.write("\n--- by own time ---\n")
    pstats.Stats(pr, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def _core_kind(env: dict | None = None) -> str:
    """Whether the check's child imports the Cython-compiled core (tools/build_compiled.py) or pure Python."""
    probe = "import sys; sys.argv = ['gouji', 'check']; import app.parse as p; print(p.__file__)"
    r = subprocess.run([sys.executable, "-c", probe],
                       capture_output=True, text=True, env=env or CHILD_ENV,
                       cwd=(env or {}).get("PYTHONPATH") or ROOT)
    where = r.stdout.strip()
    return f"{'compiled' if where.endswith(('.so', '.pyd')) else 'pure Python'} ({where})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=600)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--against", type=Path, metavar="TREE",
                    help="another checkout (git archive COMMIT | tar -x -C TREE): its check and this tree's run "
                         "alternately on the same folder, and the time ratio of each pair is reported")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gouji-bench-") as tmp:
        folder = Path(tmp)
        per_enc = generate(folder, args.reports)
        size = sum(p.stat().st_size for p in folder.iterdir())
        (check_runs, check_cpus, proc), (floor_runs, floor_cpus, _), ratios = timed_pairs(
            [sys.executable, "-m", "app", "check", "--json", str(folder)], [sys.executable, "-c", FLOOR, str(folder)],
            args.runs)
        doc = json.loads(proc.stdout)
        assert len(doc["reports"]) == args.reports, len(doc["reports"])
        unread = [r["path"] for r in doc["reports"] if r.get("error")]
        (start_runs, start_cpus, _), _, _ = timed_pairs([sys.executable, "-c", "import app.cli"],
                                                        [sys.executable, "-c", "pass"], args.runs)
        det = detection_by_encoding(folder)

        med = statistics.median
        check_s, floor_s, check_cpu, floor_cpu = med(check_runs), med(floor_runs), med(check_cpus), med(floor_cpus)
        rate = args.reports / check_s
        ratio = med(ratios)
        print(f"{args.reports} reports, {size / 1e6:.1f} MB, python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs, median of {args.runs} runs, check and floor run alternately")
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        print(f"core: {_core_kind()}")
        print(f"{'':28}{'wall s':>9}{'reports/s':>11}{'CPU s':>9}{'reports/CPU s':>15}{'best wall s':>13}")
        print(f"{'gouji check --json DIR':28}{check_s:9.3f}{rate:11.0f}{check_cpu:9.3f}{args.reports / check_cpu:15.0f}"
              f"{min(check_runs):13.3f}   wall runs: " + " ".join(f"{t:.3f}" for t in check_runs))
        print(f"{'floor (read + decode)':28}{floor_s:9.3f}{args.reports / floor_s:11.0f}{floor_cpu:9.3f}"
              f"{args.reports / floor_cpu:15.0f}{min(floor_runs):13.3f}   wall runs: "
              + " ".join(f"{t:.3f}" for t in floor_runs))
        print(f"{'start-up (import app.cli)':28}{med(start_runs):9.3f}{'':11}{med(start_cpus):9.3f}{'':15}"
              f"{min(start_runs):13.3f}")
        print(f"check / floor = {ratio:.1f}x wall (median of the pairs' ratios; each pair ran back to back), "
              f"{check_cpu / floor_cpu:.1f}x CPU   (target <= 20x)")
        print(f"{rate:.0f} reports/s wall (median run), {args.reports / min(check_runs):.0f} in the best run, "
              f"{args.reports / check_cpu:.0f} per CPU second   (target >= 500)")
        print(f"exit status {proc.returncode}; {len(unread)} files unreadable")
        print()
        print(f"{'detection (decode_bytes)':28}{'median µs':>10}{'max µs':>10}{'files':>7}")
        for enc in S.ENCODINGS:
            if enc in det:
                med, mx, n = det[enc]
                print(f"{enc:28}{med:10.0f}{mx:10.0f}{n:7d}")
        if args.against:
            check_cmd = [sys.executable, "-m", "app", "check", "--json", str(folder)]
            (a_runs, a_cpus, _), (b_runs, b_cpus, _), pair = timed_pairs(
                check_cmd, check_cmd, args.runs, env_b=dict(CHILD_ENV, PYTHONPATH=str(args.against.resolve())))
            m = statistics.median
            print(f"\n{args.against}: core {_core_kind(dict(CHILD_ENV, PYTHONPATH=str(args.against.resolve())))}")
            print(f"this tree / {args.against}: {m(pair):.3f}x wall (median of the pairs' ratios), "
                  f"{m(a_cpus) / m(b_cpus):.3f}x CPU; medians {m(a_runs):.3f} s and {m(b_runs):.3f} s")
        ok = rate >= 500 and ratio <= 20
        print("\nPASS" if ok else "\nMISSED TARGET")
        if args.profile:
            print()
            print(profile(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
