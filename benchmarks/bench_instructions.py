"""Instructions per report for load + check + JSON, counted by valgrind: the same figure on every run.

    .venv/bin/python benchmarks/bench_instructions.py [--reports 150] [--tree PATH] [FOLDER]

This VM's speed drifts by tens of percent within minutes, so wall or CPU time cannot tell a 2 % change
from noise. `valgrind --tool=callgrind` counts executed instructions instead: the same total for the
same code and inputs whatever else the machine does. The figure is the count for a process that runs
`gouji check --json` (app.cli.main) on the first N report files of FOLDER, output to /dev/null, minus the
count for the same process with no file (the interpreter's start and `import app.cli`), divided by N. `--tree` measures another checkout
(e.g. `git archive <commit> | tar -x -C /tmp/old`), so that two commits can be compared exactly.
FOLDER defaults to a fresh folder of generated reports, as bench_check.py makes them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, os
tree, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
import app.cli
if n:
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))[:n]
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
    app.cli.main(["check", "--json"] + files)
"""


def _count(script: Path, tree: Path, folder: Path, n: int) -> int:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"         # string hashes, and so set and dict layouts, the same on every run
    cmd = [sys.executable, str(script), str(tree), str(folder), str(n)]
    subprocess.run(cmd, env=env, check=True, capture_output=True)       # writes the bytecode cache
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out"] + cmd,
                             env=env, capture_output=True, text=True, check=True)
    m = re.search(r"Collected\s*:\s*([\d,]+)|I\s+refs:\s+([\d,]+)", out.stderr)
    if m is None:
        raise SystemExit("valgrind gave no instruction count:\n" + out.stderr[-2000:])
    return int((m.group(1) or m.group(2)).replace(",", ""))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--reports", type=int, default=150)
    ap.add_argument("--tree", type=Path, default=ROOT)
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    made = None
    folder = args.folder
    if folder is None:
        sys.path.insert(0, str(ROOT))
        from benchmarks.bench_check import generate
        made = tempfile.TemporaryDirectory()
        folder = Path(made.name)
        generate(folder, max(args.reports, 600))
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "child.py"
        script.write_text(CHILD, encoding="utf-8")
        base = _count(script, args.tree.resolve(), folder, 0)
        full = _count(script, args.tree.resolve(), folder, args.reports)
    per = (full - base) / args.reports
    print(f"{args.tree}: start-up {base / 1e6:.1f} M instructions; {per / 1e6:.3f} M instructions per report "
          f"({args.reports} reports of {folder})")
    if made is not None:
        made.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
