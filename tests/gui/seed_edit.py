"""Make altered inputs from a real seed by rewriting the text a cell was read from (the core is label-based)."""

from __future__ import annotations

from pathlib import Path

from app import get_template, load_report

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


def seed(name_prefix: str) -> Path:
    return next(SEEDS.glob(f"{name_prefix}*.txt"))


def altered(src: Path, out: Path, edits: dict[tuple[str, tuple[str, str]], str]) -> Path:
    """Write `src` to `out` with the given cells' text replaced; works for both layouts."""
    report = load_report(str(src))
    lines = report.text.split("\n")
    for (tid, key), text in edits.items():
        cell = report.tables[tid][key]
        order = get_template(report.table_formats.get(tid, report.format)).tables[tid].cell_ids()
        same = sorted((k for k, c in report.tables[tid].items() if c.line == cell.line), key=order.index)
        fields = lines[cell.line - 1].split("\t")
        pos = len(fields) - len(same) + same.index(key)
        fields[pos] = text
        lines[cell.line - 1] = "\t".join(fields)
    out.write_text("\n".join(lines), encoding="utf-8")
    check = load_report(str(out))
    for (tid, key), text in edits.items():
        assert check.tables[tid][key].raw == text.strip(), (tid, key, check.tables[tid][key])
    return out
