"""The five real reports as they are: tables, generation, their known defects, no false error."""

import json
import subprocess
import sys

import pytest

from app import check, load_report
from app.cli import report_json

from .conftest import ROOT


def _run(seeds, name):
    report = load_report(seeds[name])
    return report, check(report)


def _rules(result, severity=None):
    return [f.rule for f in result.findings if severity is None or f.severity == severity]


def test_every_seed_has_all_three_tables_and_no_arithmetic_error(seeds):
    for name, path in seeds.items():
        report, result = _run(seeds, name)
        assert set(report.tables) == {"t1", "t2", "t3"}, name
        arithmetic = [f for f in result.findings if f.kind in ("row-total", "column-total", "cross-check",
                                                                "review-total") and f.severity == "error"]
        assert arithmetic == [], name
        assert result.fixes == (), name
        assert report.error is None


@pytest.mark.parametrize("name,fmt,year", [("000", "2021", 2022), ("001", "2019", 2021), ("002", "2021", 2023),
                                            ("003", "2021", 2023), ("004", "2019", 2020)])
def test_generation_and_year(seeds, name, fmt, year):
    report, _ = _run(seeds, name)
    assert (report.format, report.year) == (fmt, year)


def test_000_layout_finding_names_the_misaligned_rows(seeds):
    report, result = _run(seeds, "000")
    layout = [f for f in result.findings if f.kind == "layout"]
    assert len(layout) == 1 and layout[0].table == "t2"
    rows = {r for r, _ in layout[0].cells}
    assert "3.1" in rows and "4" in rows and "1" not in rows and "2" not in rows
    assert "8" in layout[0].message and "7" in layout[0].message
    assert all(c.value == 0 for c in report.tables["t2"].values())


def test_001_old_template_in_a_2021_report_is_an_error(seeds):
    report, result = _run(seeds, "001")
    assert "R-GEN-YEAR" in _rules(result, "error")
    assert report.tables["t2"][("3.6", "3")].value == 0          # 2019's single （六） row
    assert ("3.6.1", "3") not in report.tables["t2"]
    assert _rules(result).count("R-SECTION") == 3                  # "2、" "3、" "4、" headings
    assert result.errors == 1


def test_001_nbsp_cells_are_numbers(seeds):
    report, _ = _run(seeds, "001")
    assert all(c.is_number for c in report.tables["t2"].values())


def test_002_header_typo_is_a_format_warning(seeds):
    report, result = _run(seeds, "002")
    typo = [f for f in result.findings if f.rule == "R-LABEL"]
    assert len(typo) == 1 and "本年度止件数" in typo[0].message and typo[0].severity == "warning"
    assert {c for _, c in typo[0].cells} == {"2"}
    assert result.errors == 0


def test_003_one_cell_per_line_with_wrapped_labels(seeds):
    report, result = _run(seeds, "003")
    assert len(report.tables["t2"]) == 25 * 7          # 25 data rows in the 2021 table
    assert result.findings == ()


def test_004_blank_cells_typo_and_numbers(seeds):
    report, result = _run(seeds, "004")
    t1, t2 = report.tables["t1"], report.tables["t2"]
    assert [t1[("20.5.1", c)].value for c in "123"] == [1, 1, 241]
    assert [t1[("20.1.2", c)].value for c in "123"] == [2, 2, 2]
    for row in ("3.1", "3.2"):
        assert t2[(row, "3")].value == 0
        assert all(t2[(row, c)].state == "blank" for c in ("1", "2.1", "2.2", "2.3", "2.4", "2.5"))
    blanks = [f for f in result.findings if f.rule == "R-CELL-BLANK"]
    assert len(blanks) == 12 and all(f.severity == "warning" and len(f.cells) == 1 for f in blanks)
    assert any("由由" in f.message for f in result.findings if f.rule == "R-LABEL")
    # relations through blank cells are uncertain warnings, never errors and never silent zeros
    uncertain = [f for f in result.findings if f.kind in ("row-total", "column-total")]
    assert uncertain and all(f.severity == "warning" for f in uncertain)
    assert result.errors == 0


def test_check_json_contract_over_the_seed_folder(seeds):
    folder = next(iter(seeds.values())).parent
    out = subprocess.run([sys.executable, "-m", "app", "check", "--json", str(folder)], cwd=ROOT,
                         capture_output=True, timeout=60)
    assert out.returncode == 1                        # seed 001: the old template is an error
    doc = json.loads(out.stdout.decode("utf-8"))
    assert doc["version"] == 1 and len(doc["reports"]) == 5
    for rep in doc["reports"]:
        assert set(rep) >= {"path", "encoding", "format", "title", "tables", "findings", "fixes"}
        assert rep["encoding"] == "utf-8" and rep["format"] in ("2019", "2021")
        for f in rep["findings"]:
            assert f["severity"] in ("error", "warning") and f["table"] in ("t1", "t2", "t3")
            assert isinstance(f["message"], str) and f["message"]
        sev = [f["severity"] for f in rep["findings"]]
        assert sev == sorted(sev, key=["error", "warning"].index)   # errors first
    t3 = doc["reports"][0]["tables"]["t3"]["cells"]["1"]
    assert list(t3) == [f"{g}.{i}" for g in ("1", "2.1", "2.2") for i in range(1, 6)]


def test_human_summary_is_chinese(seeds):
    out = subprocess.run([sys.executable, "-m", "app", "check", str(seeds["001"])], cwd=ROOT,
                         capture_output=True, timeout=60)
    text = out.stdout.decode("utf-8")
    assert out.returncode == 1 and "1 处错误" in text and "旧版" in text


def test_report_json_matches_json_roundtrip(seeds):
    report, result = _run(seeds, "004")
    doc = report_json(report, result)
    assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
    assert doc["tables"]["t2"]["cells"]["3.1"]["1"] is None


def test_command_line_mistakes_are_explained_in_chinese():
    out = subprocess.run([sys.executable, "-m", "app", "check"], cwd=ROOT, capture_output=True, timeout=60)
    err = out.stderr.decode("utf-8")
    assert out.returncode == 2 and "缺少参数" in err and "Traceback" not in err


@pytest.mark.parametrize("sep", ["pipe", "spaces"])
@pytest.mark.parametrize("name", ["000", "002", "004"])
def test_pipe_or_space_separated_tables_give_the_same_cells(seeds, name, sep):
    """Rows copied from a web page as "| a | b |" (domain.md P2/P3), or from a PDF with runs of spaces."""
    from app import load_text

    text = seeds[name].read_text(encoding="utf-8")
    if sep == "pipe":
        row = lambda ln: "| " + " | ".join(ln.split("\t")) + " |"  # noqa: E731
    else:
        row = lambda ln: "  ".join(ln.split("\t"))  # noqa: E731
    piped = "\n".join(row(ln) if "\t" in ln else ln for ln in text.split("\n"))
    cells = lambda r: {t: {k: c.json_value() for k, c in v.items()} for t, v in r.tables.items()}  # noqa: E731
    assert cells(load_text(piped)) == cells(load_text(text))


def test_json_is_utf8_even_when_stdout_is_not(seeds):
    """A console in GBK (PYTHONIOENCODING=gbk here) still gets the JSON document as UTF-8, whole."""
    import os
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    out = subprocess.run([sys.executable, "-m", "app", "check", "--json", str(seeds["002"]), str(seeds["004"])],
                         cwd=ROOT, capture_output=True, timeout=60, env=env)
    doc = json.loads(out.stdout.decode("utf-8"))
    assert len(doc["reports"]) == 2 and all(r["tables"] for r in doc["reports"])
    assert any("由由" in f["message"] for f in doc["reports"][1]["findings"])


def test_a_reader_that_stops_early_gets_no_traceback(seeds):
    """`gouji check --json DIR | head`: the pipe closes while Gouji still writes."""
    folder = str(seeds["002"].parent)
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", "--json"] + [folder] * 8, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(20).startswith(b'{"version":1')
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60)
    assert "Traceback" not in err and proc.returncode == 1


def test_the_command_ends_its_process_once_its_output_is_out(seeds, tmp_path):
    """`gouji check` ends its process without freeing the batch object by object (app/cli.py _exit_now): the
    whole document is out, the status is the same, and exit handlers (app/_regex.py's cache) still run."""
    folder = str(seeds["002"].parent)
    marker = tmp_path / "handlers-ran"
    code = (f"import atexit, sys; atexit.register(lambda: open({str(marker)!r}, 'w').close()); "
            f"sys.argv = ['gouji', 'check', '--json', {folder!r}]; from app.cli import main; main(); "
            f"print('main returned')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60)
    assert out.returncode == 1 and b"Traceback" not in out.stderr
    assert b"main returned" not in out.stdout
    assert len(json.loads(out.stdout.decode("utf-8"))["reports"]) == 5
    assert marker.exists()
    # A caller that passes its own arguments gets the status back (the tests, the window's batch review).
    from app.cli import main
    import io
    import contextlib
    with contextlib.redirect_stdout(io.StringIO()) as text:
        assert main(["check", "--json", str(seeds["003"])]) == 0
    assert json.loads(text.getvalue())["reports"][0]["fixes"] == []
    # Nor under a profiler, whose report comes after main() (review round 52: `python -m cProfile -m app check`).
    out = subprocess.run([sys.executable, "-m", "cProfile", "-m", "app", "check", "--json", str(seeds["003"])],
                         cwd=ROOT, capture_output=True, timeout=60)
    assert b"ncalls" in out.stdout and out.returncode == 0, out.stderr


def test_the_batch_json_writer_writes_the_standard_encoders_bytes(seeds):
    """`gouji check --json` writes each report straight from it (app/cli.py): byte for byte what json's encoder
    writes for report_json, on every seed and on the values the writer treats apart (escapes, a lone surrogate,
    an integer past 64 bits, floats under 1e-4, a row's cells apart from each other)."""
    from decimal import Decimal

    from app.cli import _Unwritable, _write_report, report_json_bytes, standard_json
    from app.model import BLANK, MISSING, NUMBER, TEXT, Cell, CheckResult, Finding, Fix

    def same(report, result):
        want = json.dumps(report_json(report, result), ensure_ascii=False, separators=(",", ":"))
        assert standard_json(report_json(report, result)) == want.encode("utf-8", "replace")
        assert report_json_bytes(report, result) == want.encode("utf-8", "replace")
        return want

    for name in seeds:
        report, result = _run(seeds, name)
        assert _write_report(report, result) == same(report, result).encode()
    report, result = _run(seeds, "000")
    odd_cells = {("1", "1"): Cell("1,000", NUMBER, 1000, 3, ("thousands",)), ("1", "2"): Cell("", BLANK),
                 ("1", "3"): Cell("表\t\"引号\"\n\u2028\x01\\", TEXT), ("2", "1"): Cell("/", MISSING),
                 ("2", "2"): Cell(str(2 ** 70), NUMBER, 2 ** 70), ("2", "3"): Cell("0.00001", NUMBER, Decimal("0.00001")),
                 ("2", "4"): Cell("12.50", NUMBER, Decimal("12.50")), ("2", "5"): Cell("3", NUMBER, 3, 9, ("fullwidth",))}
    floats = [Finding("warning", "value", "t2", ((r, c),), x, -x, f"数\udcff{x}", "R-X", ((r, c),))
              for (r, c), x in zip(odd_cells, (1e-05, 5e-05, 1e-07, 7.5783e-06, -3e-05, 0.5, 1e-4, 1234.5678, 1e16))]
    fix = Fix("t2", ("2", "5"), odd_cells[("2", "5")], Decimal("2.5"))
    odd = report.replace(path="a\udcff.txt", title="标题\"", year=None, tables={"t2": odd_cells, "t9": {}},
                         error="坏\n了")
    out = same(odd, CheckResult(tuple(floats), (fix,)))
    assert '"expected":1e-05,' in out and '"2":1180591620717411303424,"3":1e-05,' in out
    assert json.loads(report_json_bytes(odd, CheckResult(tuple(floats), (fix,))))["path"] == "a?.txt"
    # Equal keys that json writes differently (1, True, 1.0): none is written as another one was before it.
    for name in [("a", 1), ("a", True), ("a", 1.0)] * 2:
        same(report, CheckResult((Finding("error", "k", "t2", (name,), 1, 2, "m", "R", (name,) * 9),), ()))
    # A table keyed as its template is, in its order (a table read whole), is written into the template's own text
    # (cli._layout): the odd values there too, and an empty table.
    from app.cli import _layout
    keys = report.template_for("t2").tables["t2"].cell_ids()
    whole = dict(report.tables["t2"])
    assert tuple(whole) == keys
    for key, cell in zip(keys[::7], odd_cells.values()):
        whole[key] = cell
    odd_whole = report.replace(tables={"t2": whole, "t3": {}})
    out = same(odd_whole, result)
    assert _write_report(odd_whole, result) == out.encode()
    assert '"1":{"1":"1,000",' not in out and '"1":1000,' in out and '"t3":{"cells":{}}' in out
    assert _layout(keys)[:2] == ['{"1":{"1":', ',"2.1":'] and _layout(keys)[-1] == "}}"
    assert _layout((("1", "1"), ("2", "1"), ("1", "2"))) is None and _layout(()) == ["{}"]
    # A report built by hand with a format no template has (review round 55): written all the same, not a crash.
    for fmt in ("1999", None):
        unknown = report.replace(format=fmt, table_formats={})
        assert _write_report(unknown, result) == same(unknown, result).encode()
    # A row whose cells are apart from each other (the document merges them): built as a document instead.
    apart = report.replace(tables={"t2": {("1", "1"): Cell("1", NUMBER, 1), ("2", "1"): Cell("2", NUMBER, 2),
                                          ("1", "2"): Cell("3", NUMBER, 3)}})
    with pytest.raises(_Unwritable):
        _write_report(apart, result)
    assert json.loads(same(apart, result))["tables"]["t2"]["cells"] == {"1": {"1": 1, "2": 3}, "2": {"1": 2}}


def test_a_decimal_past_floats_range_is_null_in_json_not_infinity():
    from decimal import Decimal

    from app.model import json_number
    assert json_number(Decimal("1" * 400 + ".5")) is None and json_number(Decimal("0.00005")) == 5e-05


def test_check_json_on_a_batch_gives_each_report_as_alone(seeds):
    """A batch (cross-report findings, many reports written one after another) and a single file give the
    same report."""
    folder = str(next(iter(seeds.values())).parent)
    run = lambda args: subprocess.run([sys.executable, "-m", "app", "check", "--json"] + args,  # noqa: E731
                                      cwd=ROOT, capture_output=True, timeout=120).stdout
    batch = json.loads(run([folder] * 8))["reports"]
    assert len(batch) == 40
    alone = {r["path"]: r for p in sorted(map(str, seeds.values())) for r in json.loads(run([p]))["reports"]}
    own = lambda rep: [f for f in rep["findings"] if f["kind"] != "cross-year"]  # noqa: E731  (across reports)
    for rep in batch:
        one = alone[rep["path"]]
        assert rep["tables"] == one["tables"] and rep["fixes"] == one["fixes"] and own(rep) == own(one)
        assert set(rep) == set(one)
