"""The compiled core (tools/build_compiled.py: Cython over the modules `gouji check` runs).

The compiled modules must give exactly what the pure ones give, must run only for the command line's
batch commands, and must never run in place of a source that has changed since they were compiled.
"""

from __future__ import annotations

import _imp
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import app
from tests import synth as S

ROOT = Path(__file__).resolve().parent.parent
COMPILED_MODULES = ("parse", "rules", "narrative", "model", "values", "labels", "template", "encoding", "reader", "cli",
                    "crossyear", "_record")
SUFFIX = _imp.extension_suffixes()[0]
CHECK = ["gouji", "check"]


def _fake_app(tmp_path: Path, sources=COMPILED_MODULES) -> Path:
    here = tmp_path / "app"
    (here / "_compiled").mkdir(parents=True)
    lines = []
    for name in sources:
        src = here / f"{name}.py"
        src.write_text(f"# {name}\n", encoding="utf-8")
        (here / "_compiled" / f"{name}{SUFFIX}").write_bytes(b"")
        st = src.stat()
        lines.append(f"{name} {st.st_size} {st.st_mtime_ns} 0\n")
    (here / "_compiled" / f"STAMP{SUFFIX}.txt").write_text("".join(lines), encoding="ascii")
    return here


def _folder(here: Path, environ=None, argv=CHECK):
    found = app._compiled_folder(str(here), {} if environ is None else environ, argv)
    if found is not None:
        assert sorted(found[1]) == sorted(COMPILED_MODULES)     # the modules the stamp names
        return found[0]
    return None


def test_folder_used_only_while_every_source_is_as_stamped(tmp_path):
    here = _fake_app(tmp_path)
    assert _folder(here) == str(here / "_compiled")
    assert _folder(here, argv=["gouji", "export", "a.txt"]) == str(here / "_compiled")
    # GOUJI_PURE=1 keeps the pure modules (GOUJI_PURE=0 does not)
    assert _folder(here, {"GOUJI_PURE": "1"}) is None
    assert _folder(here, {"GOUJI_PURE": "0"}) == str(here / "_compiled")
    # One source edited (another size): the whole core runs pure.
    (here / "rules.py").write_text("# rules, edited\n", encoding="utf-8")
    assert _folder(here) is None


def test_the_window_and_everything_but_check_and_export_run_pure(tmp_path):
    """Compiled code holds the interpreter lock for a whole parse: the window's loader thread would freeze
    its event loop on a large file (review round 32: 2 s on a 13 MB file)."""
    here = _fake_app(tmp_path)
    for argv in (["gouji"], ["gouji", "report.txt"], ["gouji", "report.txt", "--screenshot", "x.png"],
                 ["pytest"], []):
        assert _folder(here, argv=argv) is None, argv
    assert _folder(here, {"GOUJI_COMPILED": "1"}, argv=["gouji"]) == str(here / "_compiled")


def test_same_size_edit_is_caught_by_the_modification_time(tmp_path):
    here = _fake_app(tmp_path)
    src = here / "parse.py"
    st = src.stat()
    src.write_text("# PARSE\n", encoding="utf-8")
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert src.stat().st_size == st.st_size
    assert _folder(here) is None


def test_a_compiled_module_the_stamp_does_not_name_or_a_missing_one_means_pure(tmp_path):
    """Review round 32: a module dropped from the compiled set left its file behind, imported ever after."""
    here = _fake_app(tmp_path)
    (here / "_compiled" / f"export{SUFFIX}").write_bytes(b"")
    assert _folder(here) is None
    here = _fake_app(tmp_path / "b")
    (here / "_compiled" / f"rules{SUFFIX}").unlink()
    assert _folder(here) is None


def test_the_stamp_is_this_interpreters_own(tmp_path):
    """Review round 32: one stamp for every interpreter let another Python's rebuild vouch for this one's
    stale compiled files."""
    here = _fake_app(tmp_path)
    stamp = here / "_compiled" / f"STAMP{SUFFIX}.txt"
    stamp.rename(here / "_compiled" / "STAMP.cpython-399-other.so.txt")
    assert _folder(here) is None


@pytest.mark.parametrize("stamp", ["", "parse 12\n", "parse x y z\n", "nosuchmodule 1 2 3\n"])
def test_missing_or_broken_stamp_means_pure(tmp_path, stamp):
    here = _fake_app(tmp_path)
    (here / "_compiled" / f"STAMP{SUFFIX}.txt").write_text(stamp, encoding="ascii")
    assert _folder(here) is None
    (here / "_compiled" / f"STAMP{SUFFIX}.txt").unlink()
    assert _folder(here) is None


def test_the_build_compiles_only_what_changed(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_compiled as B
    finally:
        sys.path.remove(str(ROOT / "tools"))
    monkeypatch.setattr(B, "OUT", tmp_path)
    for name in B.MODULES:
        (tmp_path / f"{name}{B._suffix()}").write_bytes(b"")
    states = {name: (10, 1, 7) for name in B.MODULES}
    assert B.stale_modules(dict(states), states) == []
    assert B.stale_modules({**states, "rules": (10, 1, 8)}, states) == ["rules"]         # content changed
    assert B.stale_modules({**states, "rules": (10, 2, 7)}, states) == []                 # touched only
    (tmp_path / f"parse{B._suffix()}").unlink()
    assert B.stale_modules(dict(states), states) == ["parse"]


def test_a_changed_declaration_file_recompiles_every_module(tmp_path, monkeypatch):
    """app/model.pxd lays out the C type Cell, and every module that cimports it is compiled against that layout:
    a .pxd edit must recompile them all, though no .py changed."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_compiled as B
    finally:
        sys.path.remove(str(ROOT / "tools"))
    monkeypatch.setattr(B, "APP", tmp_path)
    monkeypatch.setattr(B, "OUT", tmp_path / "_compiled")
    (tmp_path / "_compiled").mkdir()
    for name in B.MODULES:
        (tmp_path / f"{name}.py").write_text(f"# {name}\n", encoding="utf-8")
        (tmp_path / "_compiled" / f"{name}{B._suffix()}").write_bytes(b"")
    pxd = tmp_path / "model.pxd"
    pxd.write_text("cdef class Cell:\n    cdef public object raw, state\n", encoding="utf-8")
    stamped = {name: B._source_state(name) for name in B.MODULES}
    assert B.stale_modules(stamped, {name: B._source_state(name) for name in B.MODULES}) == []
    pxd.write_text("cdef class Cell:\n    cdef public object raw, state, value\n", encoding="utf-8")
    assert B.stale_modules(stamped, {name: B._source_state(name) for name in B.MODULES}) == list(B.MODULES)


_CELL_API = (
    "import pickle, copy, app, app.model as m; C = m.Cell; a = C('7', m.NUMBER, 7, 3); "
    "r = [app.COMPILED, repr(a), a == C('7', m.NUMBER, 7, 3), a != C('7', m.NUMBER, 7, 4), a == 7, "
    "repr(pickle.loads(pickle.dumps(a))), repr(copy.copy(a)), repr(a.replace(value=8, notes=('plus',))), "
    "a.is_number, a.json_value(), C('x', m.TEXT).json_value(), C('').json_value(), m.ABSENT.notes, C._fields]\n"
    "try:\n    hash(a)\nexcept TypeError:\n    r.append('unhashable')\n"
    "print(r)"
)


def _run_core(code: str, compiled: bool, timeout: int = 60, **env) -> subprocess.CompletedProcess:
    """`python -c code` with the compiled core (GOUJI_COMPILED) or the plain one (GOUJI_PURE), text out."""
    env = dict(os.environ, **env)
    env.pop("GOUJI_PURE", None)
    env["GOUJI_COMPILED" if compiled else "GOUJI_PURE"] = "1"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize("compiled", [False, True])
def test_the_cell_is_the_same_record_compiled_and_pure(compiled):
    """Compiled, Cell is a C type (app/model.pxd) and not a subclass of app/_record.Record: it keeps a record's
    behaviour all the same (fields, equality, repr, copies, `replace`; unhashable, as an eq dataclass is)."""
    if compiled:
        _require_compiled()
    out = _run_core(_CELL_API, compiled)
    cell = "Cell(raw='7', state='number', value=7, line=3, notes=())"
    assert out.stdout.strip() == repr([
        compiled, cell, True, True, False, cell, cell,
        "Cell(raw='7', state='number', value=8, line=3, notes=('plus',))",
        True, 7, "x", None, ("absent",), ("raw", "state", "value", "line", "notes"), "unhashable"]), out.stderr


def test_plain_python_reads_the_c_types_as_nothing_without_importing_cython():
    """The hot loops' @cython.locals (app/_purecython.py) cost plain Python nothing: Cython's own `cython` module
    is never imported (25 ms of a start; the bundle has none), and the functions are the undecorated ones."""
    env = dict(os.environ, GOUJI_PURE="1")
    code = ("import sys, app.parse, app.rules, app.cli; "
            "print('cython' in sys.modules, app.parse.cython.compiled, app.parse._rows_b.__module__, "
            "app.parse._rows_b.__code__.co_name)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "False", "app.parse", "_rows_b"], out.stderr


def _probe(argv_code: str, pure: bool = False) -> str:
    env = dict(os.environ)
    env.pop("GOUJI_PURE", None)
    env.pop("GOUJI_COMPILED", None)
    if pure:
        env["GOUJI_PURE"] = "1"
    code = f"import sys; sys.argv = {argv_code}; import app, app.parse; print(app.parse.__file__, app.COMPILED)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60).stdout.strip()


def _compiled_in_effect() -> bool:
    return _probe(repr(CHECK)).endswith(f"{SUFFIX} True")


def _require_compiled() -> None:
    """Skip a test of the compiled core when these sources have none; fail it when CI builds one (GOUJI_EXPECT_COMPILED)."""
    if not _compiled_in_effect():
        if os.environ.get("GOUJI_EXPECT_COMPILED"):
            pytest.fail("tools/build_compiled.py did not leave a compiled core for `gouji check` (see its output)")
        pytest.skip("no compiled core for these sources (tools/build_compiled.py not run since the last edit)")


def test_a_fresh_build_is_what_gets_imported():
    _require_compiled()
    assert _probe(repr(CHECK)) == f"{ROOT / 'app' / '_compiled' / ('parse' + SUFFIX)} True"
    assert _probe(repr(CHECK), pure=True) == f"{ROOT / 'app' / 'parse.py'} False"
    assert _probe("['gouji', 'report.txt']") == f"{ROOT / 'app' / 'parse.py'} False"


def _check(paths: list[Path], pure: bool, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("GOUJI_PURE", None)
    if pure:
        env["GOUJI_PURE"] = "1"
    code = "import sys, app, app.parse; sys.stderr.write(app.parse.__file__ + '\\n'); " \
           "from app.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, "check", *args, *map(str, paths)],
                          capture_output=True, env=env, cwd=ROOT, timeout=300)


def test_compiled_and_pure_core_give_the_same_answers(tmp_path, seeds):
    _require_compiled()
    rng = random.Random(9)
    folder = tmp_path / "reports"
    folder.mkdir()
    kinds = ("addend", "total", "r7", "review", "text", "fullwidth")
    for i in range(90):
        key = S.SEED_KEYS[i % len(S.SEED_KEYS)]
        s = S.synth(key, rng)
        if i % 3 == 0:
            s = S.mutate(s, kinds[i % len(kinds)], rng).synth
        enc = S.ENCODINGS[i % len(S.ENCODINGS)]
        (folder / f"{i:03d}_{key}.txt").write_bytes(S.encode(s.render(), enc))
    # A row with a cell too few, placed by guess, under relations that break: check() asks which of their cells
    # were guessed (a compiled-only slip once raised a TypeError there).
    values = {("t2", "3.1", "2.1"): 2, ("t2", "3.7", "2.1"): 2, ("t2", "1", "2.1"): 2,
              ("t2", "3.1", "3"): 5, ("t2", "3.7", "3"): 5, ("t2", "1", "3"): 5}
    text = S.scratch_report(values)
    row = next(line for line in text.split("\n") if line.startswith("三、本年度办理结果\t（一）予以公开"))
    cells = row.split("\t")
    (folder / "guessed.txt").write_text(text.replace(row, "\t".join(cells[:-6] + cells[-5:])), encoding="utf-8")
    paths = [folder, *seeds.values(), ROOT / "tests" / "fuzz_cases"]
    for args in (("--json",), ()):
        compiled, pure = _check(paths, False, *args), _check(paths, True, *args)
        assert compiled.stderr.split(b"\n")[0].endswith(SUFFIX.encode())
        assert pure.stderr.split(b"\n")[0].endswith(b"parse.py")
        assert compiled.returncode == pure.returncode
        assert compiled.stdout == pure.stdout
        assert len(compiled.stdout) > 10_000


_PROSE = (
    "import random, sys, app, app.narrative as N\n"
    "rng = random.Random(17)\n"
    # sentence ends, digits of other scripts (٣, ３, ૭, an astral 𝟕) and what is not one (², ①), a lone surrogate, the
    # words a line needs, a tab
    "alphabet = list('。；;！!？?\\t 0123456789٣３૭\\U0001d7d5²①\\udc80未没无均件份宗申请收到受理办结结转下年度行政复议诉讼，、（）共其中年月')\n"
    "out = []\n"
    "for _ in range(400):\n"
    "    text = '\\n'.join(''.join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))\n"
    "                       for _ in range(rng.randrange(1, 12)))\n"
    "    out.append(repr(N._read(text, rng.choice((None, 2023)))))\n"
    "print(app.COMPILED, len(out), hash('\\n'.join(out)))\n"
)


def test_the_prose_is_read_the_same_compiled_and_pure():
    """Compiled, the prose check finds the lines worth reading, digits and sentence ends with loops over the
    characters where plain Python uses regular expressions: the two must read any text the same."""
    _require_compiled()
    outs = []
    for compiled in (True, False):
        run = _run_core(_PROSE, compiled, timeout=120, PYTHONHASHSEED="0")
        outs.append(run.stdout.split())
        assert run.returncode == 0, run.stderr
    assert outs[0][0] == "True" and outs[1][0] == "False"
    assert outs[0][1:] == outs[1][1:]


_CELL_TEXTS = (
    "import sys, app, app.parse as P\n"
    # ASCII digits of every length around the compiled loop's limit of eighteen, leading zeros, what str.isdigit
    # takes and int() does not (²), other scripts' digits (٣, ３), signs, decimals, words and placeholders
    "texts = ['', '0', '7', '007', '999', '1000', '65535', '9' * 18, '1' + '0' * 17, '9' * 19, '1' * 40, '²', '٣', "
    "'３２', '1２', '-1', '+1', '1.5', '1e3', ' 1', '1 ', '１', '/', '—', '无', '十二', '12件', '0x1', '\\udc80']\n"
    "texts += [' ', '\\u3000', '\\xa0', '\\u2028', '\\x1c', '\\u200b', ' \\u3000 ', '①', '²³', '1²', '\\t', 'a b']\n"
    "print(app.COMPILED, repr(P._make_cells([(t, k) for k, t in enumerate(texts)])), P._filled_at([(t, 0) for t in texts]), "
    "[P._is_num(t) for t in texts], repr(P._rows_b(['\\t' + t if k % 3 else t for k, t in enumerate(texts)], 0, len(texts), [])), "
    "P._classified(texts, P._t2_classifier('2021'), False)[:2])\n"
)


def test_cells_are_made_the_same_compiled_and_pure():
    """Compiled, _make_cells reads a cell of ASCII digits with a C loop (_digits_value) where plain Python looks it
    up among the small counts or calls int(), and a cell is tested for white space and digits character by character
    (_blank, _is_digits) where plain Python calls str.isspace and str.isdigit: the cells, the filled places, the
    rows of layout B and the labels must be the same."""
    _require_compiled()
    outs = []
    for compiled in (True, False):
        run = _run_core(_CELL_TEXTS, compiled)
        assert run.returncode == 0, run.stderr
        outs.append(run.stdout.split(" ", 1))
    assert outs[0][0] == "True" and outs[1][0] == "False"
    assert outs[0][1] == outs[1][1]
    assert "value=999999999999999999," in outs[0][1] and "value=" + "1" * 40 in outs[0][1]


def _in_literals(path: Path, function: str) -> list[str]:
    """The str literals that `function` in the source at `path` tests characters against (`x in "..."`)."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    return [c.comparators[0].value for c in ast.walk(fn)
            if isinstance(c, ast.Compare) and isinstance(c.ops[0], ast.In)
            and isinstance(c.comparators[0], ast.Constant) and isinstance(c.comparators[0].value, str)]


def _char_pairs(path: Path, function: str) -> list[str]:
    """The pairs of characters that `function` compares two names with, `a == "x" and b == "y"`, as "xy"."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    fn = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    return ["".join(c.comparators[0].value for c in node.values)
            for node in ast.walk(fn) if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And)
            and len(node.values) == 2 and all(isinstance(c, ast.Compare) and isinstance(c.ops[0], ast.Eq)
                                              and isinstance(c.comparators[0], ast.Constant) for c in node.values)]


_HEADING_TEXTS = (
    "import random, sys, app, app.parse as P\n"
    "rng = random.Random(5)\n"
    "alphabet = list('情况问题事项概述不足措施\\n\\t 一二、总体况情')\n"
    "out = []\n"
    "for _ in range(3000):\n"
    "    text = ''.join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))\n"
    "    out.append(P._heading_lines(text) == P._lines_with(text, P._HEADING_WORDS))\n"
    "print(app.COMPILED, out.count(True), len(out))\n"
)


def test_the_heading_lines_are_found_the_same_compiled_and_pure():
    """Compiled, the lines that may be a section heading are found with one loop over the characters, where plain
    Python scans the text for each heading word: the same lines, on any text."""
    _require_compiled()
    run = _run_core(_HEADING_TEXTS, True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "3000", "3000"]


def test_the_compiled_character_loops_and_word_gates_say_what_their_patterns_say():
    """Review round 54: the compiled core tests characters against literals (a switch) where plain Python uses the
    patterns, and looks for a pattern's words with str scans before running it. Each literal must be its pattern's
    characters and each gate must hold a word of every alternative, or the cores read differently or a match is
    never looked for."""
    import re
    from app import narrative as N, parse as P
    assert _in_literals(ROOT / "app" / "narrative.py", "_lines_to_read") == [N._USEFUL_WORDS]
    assert N._USEFUL.pattern == r"[\d" + N._USEFUL_WORDS + "]"
    assert _in_literals(ROOT / "app" / "narrative.py", "_pieces") == [N._SENTENCE_ENDS]
    assert N._SENTENCE.pattern == f"[^{N._SENTENCE_ENDS}]+"
    assert _in_literals(ROOT / "app" / "parse.py", "_has_sentence_mark") == [P._SENTENCE_MARK_CHARS]
    # _lines_to_read and _has_digit skip str.isdecimal for the CJK ideographs, none of which is a digit
    assert not any(chr(c).isdecimal() for c in range(0x4E00, 0xA000))
    assert "0x4E00 <= ch <= 0x9FFF" in (ROOT / "app" / "narrative.py").read_text(encoding="utf-8")
    # _heading_lines: the second characters of the heading words, then each word as (second == …, first == …)
    assert _in_literals(ROOT / "app" / "parse.py", "_heading_lines") == ["".join(w[1] for w in P._HEADING_WORDS)]
    assert _char_pairs(ROOT / "app" / "parse.py", "_heading_lines") == [w[1] + w[0] for w in P._HEADING_WORDS]
    assert all(len(w) == 2 for w in P._HEADING_WORDS)
    for _, rx, _ in P._HEADINGS:
        for alternative in _top_level_alternatives(rx.pattern):
            assert any(w in alternative for w in P._HEADING_WORDS), (rx.pattern, alternative)
    assert P._SENTENCE_MARKS.pattern == f"[{P._SENTENCE_MARK_CHARS}]"
    for name in N._OUTCOME_NAMES.split("|"):
        assert any(w in re.sub(r"\(\?<!.*?\)", "", name) for w in N._OUTCOME_NAME_WORDS), name
    assert N._OUTCOME.pattern.startswith("(" + N._OUTCOME_NAMES + ")")
    assert P._T1_BLOCK.pattern.startswith("第二十条")
    # patterns run only on a sentence holding one of their words
    for rx, words in ((N._NONE_APP, ("申请",)), (N._NONE_REVIEW, ("复议", "诉讼")), (N._ALL_UPHELD, ("维持",)),
                      (N._NOT_DISCLOSURE, N._NOT_DISCLOSURE_WORDS), (N._EARLIER_YEAR, N._EARLIER_YEAR_WORDS)):
        for alternative in _top_level_alternatives(rx.pattern):
            assert any(w in alternative for w in words), (rx.pattern, alternative)


def _top_level_alternatives(pattern: str) -> list[str]:
    """A pattern's alternatives at its top level (not those inside a group or a class)."""
    out, depth, in_class, start, k = [], 0, False, 0, 0
    while k < len(pattern):
        ch = pattern[k]
        if ch == "\\":
            k += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
        k += 1
    return out + [pattern[start:]]


_KEY_ORDERS = (
    "import sys, app, app.parse as P, app.rules as R, app.cli as C\n"
    "from app.parse import parse_text\n"
    "from tests import synth as S\n"
    "import random\n"
    "report = parse_text(S.scratch_report(S.consistent(S.Layout('x', '', '2021', []), random.Random(3))))\n"
    "whole = report.tables['t2']\n"
    "items = list(whole.items())\n"
    "variants = {\n"
    "    'as read': dict(items),\n"
    "    'equal keys, other tuples': {(r, c): v for (r, c), v in items},\n"
    "    'two swapped': dict(items[:5] + [items[6], items[5]] + items[7:]),\n"
    "    'rows swapped': dict(items[7:14] + items[:7] + items[14:]),\n"
    "    'one missing': dict(items[:-1]),\n"
    "    'one replaced': dict(items[:-1] + [(('9', '9'), items[-1][1])]),\n"
    "}\n"
    "from decimal import Decimal\n"
    "from app.model import Cell, NUMBER, BLANK, TEXT, ABSENT\n"
    "odd = [Cell('999', NUMBER, 999), Cell('1000', NUMBER, 1000), Cell('-1', NUMBER, -1), Cell('0', NUMBER, 0),\n"
    "       Cell('x', NUMBER, 2 ** 70), Cell('1.50', NUMBER, Decimal('1.50')), Cell('2.0', NUMBER, Decimal('2.0')),\n"
    "       Cell('一', TEXT, None), Cell('', BLANK, None), ABSENT, Cell('7', 'number', 7), Cell('7', TEXT, 7)]\n"
    "variants['odd values'] = {k: odd[i % len(odd)] for i, (k, _) in enumerate(items)}\n"
    "out = []\n"
    "for name, cells in variants.items():\n"
    "    r = report.replace(tables=dict(report.tables, t2=cells))\n"
    "    out.append((name, C.report_json_bytes(r, R.check(r)).decode()))\n"
    "print(app.COMPILED)\n"
    "print(repr(out))\n"
)


def test_a_table_in_another_key_order_is_checked_and_written_the_same_compiled_and_pure():
    """Compiled, the parser, the rules and the JSON writer ask app/template.pxd's C loop whether a table is keyed
    exactly in its template's order, and then take its cells as they come: a table in any other order (keys
    swapped, rows swapped, one missing or replaced) must be checked and written as plain Python does it, and so
    must a table in order with values of every kind (the JSON writer reads a small count's text by its value)."""
    _require_compiled()
    outs = []
    for compiled in (True, False):
        run = _run_core(_KEY_ORDERS, compiled)
        assert run.returncode == 0, run.stderr
        outs.append(run.stdout.split("\n", 1))
    assert outs[0][0] == "True" and outs[1][0] == "False"
    assert outs[0][1] == outs[1][1]
    texts = dict(eval(outs[0][1]))
    assert texts["as read"] == texts["equal keys, other tuples"]
    assert len({texts["as read"], texts["two swapped"], texts["rows swapped"], texts["one replaced"]}) == 4
    assert '"t2":{"cells":{"1":{"1":999,"2.1":1000,"2.2":-1,"2.3":0,"2.4":1180591620717411303424,"2.5":1.5,' \
        '"3":2},"2":{"1":"一","2.1":null,"2.2":null,"2.3":7,"2.4":"7","2.5":999,' in texts["odd values"]


_YEAR_TEXTS = (
    "import random, re, app, app.parse as P\n"
    "CN_YEAR = re.compile(r'[〇○零一二三四五六七八九]{4}(?=\\s*年)|[０-９]{4}(?=\\s*年)')\n"
    "rng = random.Random(7)\n"
    "alphabet = list('〇○零一二三四五六七八九０１２３４５６７８９年度 \\u3000\\t\\n2023，报告')\n"
    "dense = list('二〇三零０２３年年 \\u3000a')\n"
    "same = changed = 0\n"
    "for i in range(20000):\n"
    "    text = ''.join(rng.choice(dense if i % 2 else alphabet) for _ in range(rng.randrange(0, 16)))\n"
    "    want = CN_YEAR.sub(lambda m: m.group(0).translate(P._CN_DIGITS), text)\n"
    "    same += P._ascii_years(text) == want\n"
    "    changed += want != text\n"
    "print(app.COMPILED, same, changed > 100)\n"
)


@pytest.mark.parametrize("compiled", [False, True])
def test_years_in_numerals_are_found_from_each_year_character_as_their_pattern_finds_them(compiled):
    """_ascii_years looks behind each 年 for four numerals instead of running its pattern (CN_YEAR), whose scan of a
    report's opening cost about 1 M instructions: on any text the result is the pattern's substitution."""
    if compiled:
        _require_compiled()
    run = _run_core(_YEAR_TEXTS, compiled)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [str(compiled), "20000", "True"]


_DROP_LAYOUTS = (
    "import random, app, app.parse as P\n"
    "from decimal import Decimal\n"
    "rng = random.Random(11)\n"
    "odd = [Decimal('1.5'), True, 2 ** 40, -2 ** 40, 2 ** 40 + 1, 10 ** 20, -1]\n"
    "same = 0\n"
    "for t in range(3000):\n"
    "    n = rng.randrange(1, 17)\n"
    "    def value():\n"
    "        r = rng.random()\n"
    "        return None if r < 0.2 else rng.choice(odd) if t % 4 == 0 and r < 0.25 else rng.randrange(4)\n"
    "    rows = [f'r{i}' for i in range(rng.randrange(2, 7))]\n"
    "    wide_rows = rng.sample(rows, rng.randrange(1, len(rows) + 1))\n"
    "    fixed = {r: [value() for _ in range(rng.choice((n - 1, n)))] for r in rows if r not in wide_rows\n"
    "             and rng.random() < 0.7}\n"
    "    wide = {r: [value() for _ in range(n + 1)] for r in wide_rows}\n"
    "    entries = []\n"
    "    for _ in range(rng.randrange(0, 9)):\n"
    "        ops = tuple((rng.choice(rows), rng.randrange(n)) for _ in range(rng.randrange(1, 7)))\n"
    "        entries.append((ops, rng.randrange(1, len(ops) + 1)))\n"
    "    want = []\n"
    "    for k in range(n + 1):\n"
    "        trial = dict(fixed)\n"
    "        trial.update({r: v[:k] + v[k + 1:] for r, v in wide.items()})\n"
    "        want.append(P._held(trial, entries))\n"
    "    same += P._drop_scores(fixed, wide, entries, n) == want\n"
    "print(app.COMPILED, same)\n"
)


@pytest.mark.parametrize("compiled", [False, True])
def test_the_surplus_column_scores_are_the_same_in_c_integers(compiled):
    """Compiled, _drop_scores sums a relation's operands in C integers when every operand is an int in -2**40 ..
    2**40 - 1 (and in Python's otherwise: a 万元 amount, True, a huge count): the scores must be those of dropping
    each place and counting, for up to 16 places (and past them, in Python's ints). (The counts stay below 10**27:
    beyond 28 digits a Decimal's sum is rounded, and the running sums can then differ from the counted ones.)"""
    if compiled:
        _require_compiled()
    run = _run_core(_DROP_LAYOUTS, compiled, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == [str(compiled), "3000"]


def test_a_compiled_module_built_against_another_cell_layout_leaves_the_core_pure(tmp_path):
    """Review round 54: a module compiled against another app/model.pxd fails its import with Cython's ValueError
    ("app.model.Cell size changed"), not an ImportError; that too must leave the core pure, not fail every check."""
    folder = tmp_path / "_compiled"
    folder.mkdir()
    (folder / "zz_layout.py").write_text(
        "raise ValueError('app.model.Cell size changed, may indicate binary incompatibility')\n", encoding="utf-8")
    code = (f"import sys, app; print(app._use_compiled({str(folder)!r}, ['zz_layout']), "
            f"{str(folder)!r} in app.__path__, 'app.zz_layout' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**os.environ, "GOUJI_PURE": "1"})
    assert out.stdout.split() == ["False", "False", "False"], out.stderr


def test_a_compiled_file_that_does_not_load_leaves_the_core_pure(tmp_path, seeds):
    """Review round 32: a damaged compiled file (or one for another C library) made every command fail."""
    if not _compiled_in_effect():
        pytest.skip("no compiled core for these sources (tools/build_compiled.py not run since the last edit)")
    import shutil
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "app", tree / "app", ignore=shutil.ignore_patterns("__pycache__"))   # (times kept)
    (tree / "app" / "_compiled" / f"rules{SUFFIX}").write_bytes(b"\x7fELF not really")
    env = {k: v for k, v in os.environ.items() if k not in ("GOUJI_PURE", "GOUJI_COMPILED")}
    code = "import sys; sys.argv = ['gouji', 'check']; import app, app.parse, app.rules; " \
           "print(app.COMPILED, app.parse.__file__, app.rules.__file__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tree, timeout=60,
                         env={**env, "PYTHONPATH": str(tree)})
    assert out.stdout.split() == ["False", str(tree / "app" / "parse.py"), str(tree / "app" / "rules.py")], out.stderr
    run = subprocess.run([sys.executable, "-m", "app", "check", "--json", str(seeds["003"])], capture_output=True,
                         cwd=tree, timeout=60, env={**env, "PYTHONPATH": str(tree)})
    assert run.returncode == 0 and b'"findings":[]' in run.stdout
